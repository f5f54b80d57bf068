import { describe, expect, it } from 'vitest';
import { choiceFromForm } from './connection-form.js';

describe('connection form', () => {
  it('turns what users type into a server origin', () => {
    expect(choiceFromForm('server', ' trips.example.com/ ')).toEqual({
      ok: true,
      choice: { mode: 'server', url: 'https://trips.example.com' },
    });
    expect(choiceFromForm('server', 'http://192.168.0.10:8080')).toEqual({
      ok: true,
      choice: { mode: 'server', url: 'http://192.168.0.10:8080' },
    });
    expect(choiceFromForm('local', 'ignored')).toEqual({ ok: true, choice: { mode: 'local' } });
  });

  it.each([
    '',
    'ftp://x.example',
    'https://x.example/api',
    'https://u:p@x.example',
    'https://x.example/?a=1',
    'javascript:alert(1)',
    // Hosts URL accepts but a Content-Security-Policy can neither name nor carry safely.
    'http://my_host:8080',
    "https://a;script-src'unsafe-eval'.example",
    'https://a,b.example',
  ])('refuses %j', (input) =>
    expect(choiceFromForm('server', input)).toEqual({ ok: false, error: 'serverUrlInvalid' }),
  );
});
