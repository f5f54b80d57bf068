import { describe, expect, it } from 'vitest';
import { backoffDelay } from './backoff.js';
import { isRejection, isUpgradeRequired, SyncHttpError, UpgradeRequiredError } from './errors.js';
import { toWireDocument } from './replicate.js';
import { parseEvent } from './stream.js';
import { sleep } from './runtime.js';
import { AccessTokens } from './tokens.js';

describe('backoffDelay', () => {
  const options = { initialDelayMs: 100, maxDelayMs: 1_000 };

  it('doubles per attempt within [ceiling/2, ceiling] and never exceeds the cap', () => {
    expect(backoffDelay(0, options, () => 0)).toBe(50);
    expect(backoffDelay(0, options, () => 1)).toBe(100);
    expect(backoffDelay(2, options, () => 0)).toBe(200);
    expect(backoffDelay(2, options, () => 1)).toBe(400);
    expect(backoffDelay(10, options, () => 1)).toBe(1_000);
    expect(backoffDelay(1_000, options, () => 1)).toBe(1_000);
  });

  it('spreads clients: jitter gives different delays for the same attempt', () => {
    const delays = new Set(Array.from({ length: 50 }, () => backoffDelay(3, options)));
    expect(delays.size).toBeGreaterThan(10);
  });
});

describe('toWireDocument', () => {
  it('drops RxDB meta fields and makes _deleted an explicit boolean', () => {
    const doc = { id: 'a', title: 'T', _meta: { lwt: 1 }, _rev: '1-x', _attachments: {} };
    expect(toWireDocument(doc)).toEqual({ id: 'a', title: 'T', _deleted: false });
    expect(toWireDocument({ id: 'b', _deleted: true })).toEqual({ id: 'b', _deleted: true });
  });
});

describe('parseEvent', () => {
  it('understands RESYNC and document batches, and refuses anything else', () => {
    expect(parseEvent('"RESYNC"')).toBe('RESYNC');
    expect(parseEvent('{"documents":[{"id":"a","_deleted":false}],"checkpoint":"cp1"}')).toEqual({
      documents: [{ id: 'a', _deleted: false }],
      checkpoint: 'cp1',
    });
    expect(parseEvent('{"documents":[]}')).toBeUndefined();
    expect(parseEvent('"PING"')).toBeUndefined();
    expect(parseEvent('not json')).toBeUndefined();
  });
});

describe('errors', () => {
  it('classifies refusals and finds the upgrade error inside RxDB wrappers', () => {
    expect(isRejection(new SyncHttpError(403, 'forbidden', 'no'))).toBe(true);
    expect(isRejection(new SyncHttpError(401, 'token_expired', 'no'))).toBe(false);
    expect(isRejection(new SyncHttpError(503, 'not_ready', 'later'))).toBe(false);
    expect(isRejection(new UpgradeRequiredError())).toBe(false);
    expect(isUpgradeRequired(new UpgradeRequiredError())).toBe(true);
    expect(
      isUpgradeRequired({ code: 'RC_PULL', parameters: { errors: [{ name: 'UpgradeRequiredError' }] } }),
    ).toBe(true);
    expect(isUpgradeRequired({ code: 'RC_PULL', parameters: { errors: [{ name: 'TypeError' }] } })).toBe(
      false,
    );
  });
});

describe('AccessTokens', () => {
  it('refreshes once when many requests see the same expired token', async () => {
    let refreshes = 0;
    let token = 'old';
    const tokens = new AccessTokens(async (options) => {
      if (options?.forceRefresh) {
        refreshes += 1;
        await sleep(10);
        token = `new${refreshes}`;
      }
      return token;
    });
    expect(await tokens.current()).toBe('old');
    const expired = new SyncHttpError(401, 'token_expired', 'expired');
    const renewed = await Promise.all([1, 2, 3, 4].map(() => tokens.renew('old', expired)));
    expect(renewed).toEqual(['new1', 'new1', 'new1', 'new1']);
    expect(refreshes).toBe(1);
    // A late request that still carried the old token gets the renewed one without another refresh.
    expect(await tokens.renew('old', expired)).toBe('new1');
    expect(refreshes).toBe(1);
  });

  it('does not refresh for a 401 that a new token cannot fix', async () => {
    let refreshes = 0;
    const tokens = new AccessTokens(async (options) => {
      if (options?.forceRefresh) refreshes += 1;
      return 't';
    });
    await tokens.current();
    expect(await tokens.renew('t', new SyncHttpError(401, 'unauthenticated', 'no token'))).toBe('t');
    expect(refreshes).toBe(0);
  });
});
