/** Retry delays: exponential, capped, with "equal jitter" so many clients never retry in step. */
export interface BackoffOptions {
  /** Delay before the first retry (before jitter). */
  initialDelayMs: number;
  /** Upper bound of any delay. */
  maxDelayMs: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { initialDelayMs: 1_000, maxDelayMs: 60_000 };

/** The delay before retry number `attempt` (0-based): in [ceiling/2, ceiling]. */
export function backoffDelay(
  attempt: number,
  options: BackoffOptions,
  random: () => number = Math.random,
): number {
  const exponent = Math.min(Math.max(0, attempt), 30);
  const ceiling = Math.min(options.maxDelayMs, options.initialDelayMs * 2 ** exponent);
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
