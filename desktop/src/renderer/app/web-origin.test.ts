import { describe, expect, it } from 'vitest';
import { webOrigin } from './services';

describe('webOrigin (where shared and mailed links point)', () => {
  it('is the page origin on the web, whatever server it talks to', () => {
    const page = { protocol: 'http:', origin: 'http://localhost:18537' };
    expect(webOrigin('', page)).toBe('http://localhost:18537');
    expect(
      webOrigin('https://api.example.com', { protocol: 'https:', origin: 'https://trips.example.com' }),
    ).toBe('https://trips.example.com');
  });

  it('is the configured server in the desktop app (its pages are app://)', () => {
    const page = { protocol: 'app:', origin: 'null' };
    expect(webOrigin('https://trips.example.com', page)).toBe('https://trips.example.com');
    expect(webOrigin('http://192.168.0.7:8080', page)).toBe('http://192.168.0.7:8080');
  });
});
