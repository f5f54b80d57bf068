import { describe, expect, it } from 'vitest';
import { OwnWrites } from './own-writes.js';

const deferred = <T>() => {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
};

describe('own writes', () => {
  it('judges a pull answer naming a document pushed while the pull was under way as overtaken', async () => {
    const own = new OwnWrites();
    const start = own.beginRead();
    await own.push(
      ['a', 'b'],
      async () => ['b'],
      (conflicts) => ['a', 'b'].filter((id) => !conflicts.includes(id)),
    );
    expect(own.overtaken(start, ['b'])).toBe(false); // b was answered as a conflict: not written
    expect(own.overtaken(start, ['a', 'c'])).toBe(true);
    const again = own.beginRead();
    expect(own.overtaken(again, ['a'])).toBe(false); // a read begun after the push is fresh
    expect(own.unsure(['a'])).toBe(false); // and a is forgotten
  });

  it('judges documents being pushed as unsure until the push is answered, and waits for it', async () => {
    const own = new OwnWrites();
    const answer = deferred<string[]>();
    const pushing = own.push(
      ['a'],
      () => answer.promise,
      () => ['a'],
    );
    const start = own.beginRead();
    expect(own.overtaken(start, ['a'])).toBe(true);
    expect(own.unsure(['a'])).toBe(true);
    let settled = false;
    const waiting = own.settled().then(() => (settled = true));
    await Promise.resolve();
    expect(settled).toBe(false);
    answer.resolve([]);
    await pushing;
    await waiting;
    expect(own.unsure(['a'])).toBe(true); // pushed, not seen fresh since: a stream event is not trusted
    expect(own.unsure(['b'])).toBe(false);
  });

  it('forgets nothing on a failed push but does not count it as written', async () => {
    const own = new OwnWrites();
    const start = own.beginRead();
    await expect(
      own.push(
        ['a'],
        () => Promise.reject(new Error('offline')),
        () => ['a'],
      ),
    ).rejects.toThrow('offline');
    expect(own.overtaken(start, ['a'])).toBe(false);
    expect(own.unsure(['a'])).toBe(false);
  });

  it('remembers at most its capacity of writes, the oldest going first', async () => {
    const own = new OwnWrites(2);
    for (const id of ['a', 'b', 'c'])
      await own.push(
        [id],
        async () => [],
        () => [id],
      );
    expect(['a', 'b', 'c'].map((id) => own.unsure([id]))).toEqual([false, true, true]);
  });
});
