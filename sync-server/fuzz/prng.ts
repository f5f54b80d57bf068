/** A small seedable PRNG (mulberry32): every random choice of a fuzz seed comes from one of these. */
export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A uniformly distributed 32-bit unsigned integer. */
  uint32(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    return this.uint32() / 4294967296;
  }

  /** An integer in [min, max] (both included). */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** true with probability p. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  /** One element of a non-empty list (undefined for an empty one). */
  pick<T>(items: readonly T[]): T | undefined {
    return items.length === 0 ? undefined : items[Math.floor(this.next() * items.length)];
  }

  /** A key chosen with the given (non-negative) weights. */
  weighted<K extends string>(weights: Readonly<Record<K, number>>): K {
    const entries = (Object.entries(weights) as [K, number][]).filter(([, w]) => w > 0);
    const total = entries.reduce((sum, [, w]) => sum + w, 0);
    let r = this.next() * total;
    for (const [key, w] of entries) {
      r -= w;
      if (r < 0) return key;
    }
    return entries.at(-1)![0];
  }

  /** A random subset (order kept) with at least `min` elements when the list has that many. */
  subset<T>(items: readonly T[], min = 0): T[] {
    const out = items.filter(() => this.chance(0.5));
    for (const item of items) {
      if (out.length >= min) break;
      if (!out.includes(item)) out.push(item);
    }
    return out;
  }

  /**
   * An independent generator seeded from this one. Each fuzz step draws its own child, so the
   * choices inside a step (which depend on what a device happens to hold) never shift the
   * main sequence: the same seed always produces the same kinds of steps in the same order.
   */
  fork(): Rng {
    return new Rng(this.uint32());
  }
}
