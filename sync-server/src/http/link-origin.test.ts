import { describe, expect, it } from 'vitest';
import { AppError } from './problem.js';
import { linkBase, linkOrigins } from './link-origin.js';

const config = {
  publicUrl: 'https://trips.example.com/hamgaja',
  corsOrigins: ['https://app.example.com', 'http://localhost:5173'],
  host: '0.0.0.0',
  port: 18537,
};

const refused = (requested: string) => {
  try {
    linkBase(config, requested);
  } catch (error) {
    return error instanceof AppError && error.status === 400 && error.code === 'origin_not_allowed';
  }
  return false;
};

describe('link origins', () => {
  it('are PUBLIC_URL, the CORS origins and the server itself on its port', () => {
    expect([...linkOrigins(config)].sort()).toEqual(
      [
        'https://trips.example.com',
        'https://app.example.com',
        'http://localhost:5173',
        'http://localhost:18537',
        'http://127.0.0.1:18537',
        'http://[::1]:18537',
      ].sort(),
    );
    expect(linkOrigins({ ...config, host: '192.168.0.7' })).toContain('http://192.168.0.7:18537');
    expect(linkOrigins({ ...config, host: 'fd00::7' })).toContain('http://[fd00::7]:18537');
  });

  it('point links to the origin the user is on when the server serves it', () => {
    expect(linkBase(config, 'https://app.example.com')).toBe('https://app.example.com');
    expect(linkBase(config, 'http://localhost:18537')).toBe('http://localhost:18537');
    expect(linkBase(config, 'http://127.0.0.1:18537/')).toBe('http://127.0.0.1:18537');
    // PUBLIC_URL's own origin keeps its path.
    expect(linkBase(config, 'https://trips.example.com')).toBe('https://trips.example.com/hamgaja');
    // No origin given (an older client): PUBLIC_URL.
    expect(linkBase(config, undefined)).toBe('https://trips.example.com/hamgaja');
  });

  it('refuse any other origin, and anything that is not just an origin', () => {
    for (const requested of [
      'https://evil.example',
      'http://localhost:8080',
      'https://app.example.com.evil.example',
      'https://app.example.com/reset',
      'https://user@app.example.com',
      'javascript:alert(1)',
      'app://hamgaja',
      '',
      'localhost:18537',
    ])
      expect(refused(requested), requested).toBe(true);
  });
});
