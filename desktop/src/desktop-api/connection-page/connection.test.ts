// @vitest-environment jsdom
// The first-run page as shipped (connection.html + connection.ts) in a DOM, talking to the real
// preload API over a transport the test answers like the main process would.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { screen } from '@testing-library/dom';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { mainMessages } from '../../main/i18n/messages.js';
import { createDesktopApi } from '../../preload/desktop-api.js';
import type { Connection } from '../contract.js';

const html = readFileSync(path.join(import.meta.dirname, 'connection.html'), 'utf8');

async function openPage(connection: Connection, language: 'ko' | 'en' = 'en') {
  document.body.innerHTML = /<body>([\s\S]*)<\/body>/.exec(html)![1]!;
  const sent: unknown[] = [];
  const hamgaja = createDesktopApi(
    {
      invoke: async (channel, payload) => {
        sent.push([channel, payload]);
        return { ok: true, value: payload };
      },
      on: () => undefined,
    },
    { platform: 'linux', version: '1.0.0', packaged: true, language, connection },
  );
  Object.assign(window, { hamgaja });
  vi.resetModules();
  await import('./connection.js');
  return { sent, t: mainMessages[language].connection };
}

beforeEach(() => {
  delete (window as { hamgaja?: unknown }).hamgaja;
});

describe('connection page', () => {
  it('first run: refuses a bad address, then saves the server origin', async () => {
    const user = userEvent.setup();
    const { sent, t } = await openPage({ mode: 'unset' });
    expect(screen.getByRole('heading').textContent).toBe(t.title);
    // Nothing to go back to on first run.
    expect(screen.queryByRole('button', { name: t.cancel })).toBeNull();
    const address = screen.getByLabelText(t.serverUrl);
    await user.type(address, 'https://trips.example.com/some/path');
    await user.click(screen.getByRole('button', { name: t.save }));
    expect(screen.getByRole('alert').textContent).toBe(t.serverUrlInvalid);
    expect(sent).toEqual([]);
    await user.clear(address);
    await user.type(address, 'trips.example.com');
    await user.click(screen.getByRole('button', { name: t.save }));
    expect(sent).toEqual([['connection:set', { mode: 'server', url: 'https://trips.example.com' }]]);
  });

  it('later, in Korean: shows the current choice and switches to local only', async () => {
    const user = userEvent.setup();
    const { sent, t } = await openPage({ mode: 'server', url: 'https://trips.example.com' }, 'ko');
    expect(document.documentElement.lang).toBe('ko');
    expect(screen.getByText(/현재: https:\/\/trips\.example\.com/)).toBeTruthy();
    expect(screen.getByRole('button', { name: t.cancel }).hidden).toBe(false);
    await user.click(screen.getByRole('radio', { name: new RegExp(t.localTitle) }));
    await user.click(screen.getByRole('button', { name: t.save }));
    expect(sent).toEqual([['connection:set', { mode: 'local' }]]);
  });
});
