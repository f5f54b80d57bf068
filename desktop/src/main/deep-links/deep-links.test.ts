import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findDeepLink, findTripFile, parseDeepLink } from './deep-links.js';

const CODE = 'AbCdEfGhIjKlMnOp_-12';

describe('deep links', () => {
  it('parses invite links in the forms operating systems hand over', () => {
    for (const link of [
      `hamgaja://invite/${CODE}`,
      `hamgaja://invite/${CODE}/`,
      `HAMGAJA://INVITE/${CODE}`,
      `hamgaja:invite/${CODE}`,
    ])
      expect(parseDeepLink(link), link).toEqual({ kind: 'invite', code: CODE });
  });

  it('refuses other schemes, actions, malformed codes and extra segments', () => {
    for (const link of [
      `https://invite/${CODE}`,
      `hamgaja://join/${CODE}`,
      'hamgaja://invite/short',
      'hamgaja://invite/',
      `hamgaja://invite/${CODE}/extra`,
      `hamgaja://invite/${CODE}%2F..`,
      'hamgaja://invite/<script>alert(1)</script>aaaaaaaa',
      `hamgaja://invite/${'a'.repeat(3000)}`,
      'not a url',
      '',
    ])
      expect(parseDeepLink(link), link).toBeNull();
  });

  it('finds the link in a second instance argv (Windows/Linux hand-over), ignoring flags', () => {
    const argv = [
      '/opt/Hamgaja/hamgaja',
      '--no-sandbox',
      '--allow-file-access-from-files',
      `hamgaja://invite/${CODE}`,
    ];
    expect(findDeepLink(argv)).toEqual({ kind: 'invite', code: CODE });
    expect(findDeepLink(['/opt/Hamgaja/hamgaja', 'hamgaja://invite/bad'])).toBeNull();
  });

  it('finds an opened trip file as an absolute path', () => {
    expect(findTripFile(['hamgaja', '--flag', 'trips/jeju.hamgaja'], '/home/me')).toBe(
      path.resolve('/home/me', 'trips/jeju.hamgaja'),
    );
    expect(findTripFile(['hamgaja', 'notes.txt'], '/home/me')).toBeNull();
    // argv[0] is the executable, never a file to open.
    expect(findTripFile(['x.hamgaja'], '/home/me')).toBeNull();
  });
});
