/** How hard the transport tries before it reports a failure. */
export interface RetryPolicy {
  /** Retries after the first attempt (0 disables retrying). */
  maxRetries: number;
  /** Upper bound on the time spent waiting between attempts, in milliseconds. */
  maxRetryTimeMs: number;
  /** First backoff delay in milliseconds; each retry doubles it. */
  baseDelayMs: number;
  /** Cap on a single backoff delay in milliseconds. */
  maxDelayMs: number;
  /** Time allowed for one request to produce its response, in milliseconds. */
  requestTimeoutMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxRetries: 5,
  maxRetryTimeMs: 60_000,
  baseDelayMs: 500,
  maxDelayMs: 10_000,
  requestTimeoutMs: 30_000,
};

/** Statuses that say "try again later" rather than "this request is wrong". */
export const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([429, 500, 502, 503, 504]);

/**
 * Exponential backoff with equal jitter: half the delay is fixed, half random, so that many
 * resources failing at once do not retry in lockstep.
 */
export function backoffDelay(policy: RetryPolicy, retry: number, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** retry);
  return ceiling / 2 + random() * (ceiling / 2);
}

/** Milliseconds a `Retry-After` header asks for (seconds or an HTTP date), or undefined. */
export function parseRetryAfter(value: string | undefined, now: number = Date.now()): number | undefined {
  if (value === undefined || value.trim() === "") return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
