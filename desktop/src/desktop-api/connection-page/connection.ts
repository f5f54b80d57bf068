/**
 * The first-run (and "Server Connection…") page: local only, or a sync server's address.
 * A plain page of the app:// origin; it reaches the desktop only through window.hamgaja, and
 * after saving the main process opens the app with the new choice.
 */
import { format, mainMessages } from '../../main/i18n/messages.js';
import type { HamgajaDesktopApi } from '../api.js';
import { choiceFromForm } from './connection-form.js';

const api = (window as { hamgaja?: HamgajaDesktopApi }).hamgaja;
const byId = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

function start(desktop: HamgajaDesktopApi): void {
  const t = mainMessages[desktop.language].connection;
  document.documentElement.lang = desktop.language;
  document.title = t.title;
  for (const key of ['title', 'intro', 'localTitle', 'localBody', 'serverTitle', 'serverBody'] as const)
    byId(key).textContent = t[key];
  byId('serverUrlLabel').textContent = t.serverUrl;
  const url = byId<HTMLInputElement>('serverUrl');
  url.placeholder = t.serverUrlPlaceholder;
  const save = byId<HTMLButtonElement>('save');
  const cancel = byId<HTMLButtonElement>('cancel');
  const error = byId('error');
  const form = byId<HTMLFormElement>('connection');
  save.textContent = t.save;
  cancel.textContent = t.cancel;

  const { connection } = desktop;
  const radios = [...form.querySelectorAll<HTMLInputElement>('input[name="mode"]')];
  const selected = () => radios.find((r) => r.checked)?.value ?? 'server';
  const initial = connection.mode === 'local' ? 'local' : 'server';
  for (const radio of radios) radio.checked = radio.value === initial;
  if (connection.mode === 'server') url.value = connection.url;
  if (connection.mode !== 'unset') {
    // Changing a choice made before: it can be left as it is.
    const current = byId('current');
    current.textContent = format(t.current, {
      value: connection.mode === 'server' ? connection.url : t.currentLocal,
    });
    current.hidden = false;
    cancel.hidden = false;
    cancel.addEventListener('click', () => location.assign('/'));
  }
  const sync = () => {
    byId('serverFields').hidden = selected() !== 'server';
    error.textContent = '';
  };
  for (const radio of radios) radio.addEventListener('change', sync);
  url.addEventListener('input', () => (error.textContent = ''));
  sync();

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const result = choiceFromForm(selected(), url.value);
    if (!result.ok) {
      error.textContent = t.serverUrlInvalid;
      url.focus();
      return;
    }
    save.disabled = true;
    save.textContent = t.saving;
    desktop.setConnection(result.choice).catch(() => {
      save.disabled = false;
      save.textContent = t.save;
      error.textContent = t.failed;
    });
  });
}

if (api) start(api);
