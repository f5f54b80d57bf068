/** What the connection page's form means: a valid choice, or which field is wrong. */
import { toServerOrigin, type ConnectionChoice } from '../contract.js';

export type FormResult = { ok: true; choice: ConnectionChoice } | { ok: false; error: 'serverUrlInvalid' };

export function choiceFromForm(mode: string, serverUrl: string): FormResult {
  if (mode === 'local') return { ok: true, choice: { mode: 'local' } };
  const url = toServerOrigin(serverUrl);
  return url ? { ok: true, choice: { mode: 'server', url } } : { ok: false, error: 'serverUrlInvalid' };
}

/** The page's path in the app:// origin (the build copies it into the renderer bundle). */
export const CONNECTION_PAGE_PATH = '/_desktop/connection.html';
