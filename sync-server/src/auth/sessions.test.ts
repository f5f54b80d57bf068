import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AppError } from '../http/problem.js';
import { SESSION_CACHE_MS, Sessions, type EndedSessions } from './sessions.js';

const logger = pino({ enabled: false });

describe('Sessions: the per-instance cache of open sessions', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('asks the database once per session per few seconds, concurrent requests included', async () => {
    const lookup = vi.fn(async () => true);
    const sessions = new Sessions(lookup, undefined, logger);
    expect(await Promise.all([1, 2, 3].map(() => sessions.isOpen('u1', 's1')))).toEqual([true, true, true]);
    expect(await sessions.isOpen('u1', 's1')).toBe(true);
    expect(lookup).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(SESSION_CACHE_MS + 1);
    expect(await sessions.isOpen('u1', 's1')).toBe(true);
    expect(lookup).toHaveBeenCalledTimes(2);
    // Another user naming the same session id is a separate question.
    lookup.mockResolvedValueOnce(false);
    expect(await sessions.isOpen('u2', 's1')).toBe(false);
  });

  it('an ended session is refused at once, without asking, and its listeners hear of it', async () => {
    const lookup = vi.fn(async () => true);
    const sessions = new Sessions(lookup, undefined, logger);
    const heard: EndedSessions[] = [];
    sessions.onEnded((e) => heard.push(e));
    expect(await sessions.isOpen('u1', 's1')).toBe(true);
    sessions.end('u1', ['s1', 's1', 's2']);
    expect(heard).toEqual([{ userId: 'u1', sessionIds: ['s1', 's2'] }]);
    expect(await sessions.isOpen('u1', 's1')).toBe(false);
    expect(await sessions.isOpen('u1', 's2')).toBe(false);
    vi.advanceTimersByTime(SESSION_CACHE_MS + 1);
    expect(await sessions.isOpen('u1', 's1')).toBe(false);
    expect(lookup).toHaveBeenCalledTimes(1);
    await expect(sessions.assertOpen({ userId: 'u1', sessionId: 's1' })).rejects.toMatchObject({
      status: 401,
      code: 'invalid_token',
    } satisfies Partial<AppError>);
  });

  it('a database answer that predates the end does not reopen the session', async () => {
    let answer: (open: boolean) => void = () => undefined;
    const lookup = vi.fn(() => new Promise<boolean>((resolve) => (answer = resolve)));
    const sessions = new Sessions(lookup, undefined, logger);
    const pending = sessions.isOpen('u1', 's1');
    sessions.end('u1', ['s1']);
    answer(true);
    expect(await pending).toBe(false);
    expect(await sessions.isOpen('u1', 's1')).toBe(false);
  });

  it('does not remember a failed lookup', async () => {
    const lookup = vi.fn().mockRejectedValueOnce(new Error('db down')).mockResolvedValue(true);
    const sessions = new Sessions(lookup, undefined, logger);
    await expect(sessions.isOpen('u1', 's1')).rejects.toThrow('db down');
    expect(await sessions.isOpen('u1', 's1')).toBe(true);
  });

  it('publishes ended sessions to the other instances and applies theirs', async () => {
    let deliver: (e: EndedSessions) => void = () => undefined;
    const published: EndedSessions[] = [];
    const transport = {
      start: vi.fn(async (onEnded: (e: EndedSessions) => void) => {
        deliver = onEnded;
      }),
      publish: (e: EndedSessions) => published.push(e),
      connected: () => true,
      close: async () => undefined,
    };
    const sessions = new Sessions(async () => true, transport, logger);
    await sessions.start();
    sessions.end('u1', ['s1']);
    expect(published).toEqual([{ userId: 'u1', sessionIds: ['s1'] }]);
    expect(await sessions.isOpen('u2', 's2')).toBe(true);
    deliver({ userId: 'u2', sessionIds: ['s2'] });
    expect(await sessions.isOpen('u2', 's2')).toBe(false);
  });
});
