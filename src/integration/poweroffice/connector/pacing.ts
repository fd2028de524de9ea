import type { FetchLike } from "./transport.js";

/**
 * Request pacing and retry delays for one integration key. limitations.md: at most 50 requests
 * per second per integration key, then 429, and "wait at least 1 second" before retrying. The
 * pacer keeps a sliding one-second window below the limit; the backoff spreads retries with full
 * jitter so that several workers do not retry in step. Time comes from the injected clock and
 * sleep, so tests run on a manual clock without waiting.
 */
export interface Timing {
  now(): Date;
  sleep(ms: number): Promise<void>;
  /** In [0, 1); jitter only. */
  random(): number;
}

export interface Pacer {
  /** Resolves when one more request fits in the window, and counts it. */
  acquire(): Promise<void>;
}

export function createPacer(timing: Pick<Timing, "now" | "sleep">, perSecond: number): Pacer {
  if (!(perSecond >= 1)) throw new RangeError(`requests per second must be at least 1, got ${perSecond}`);
  const starts: number[] = [];
  return {
    async acquire() {
      for (;;) {
        const now = timing.now().getTime();
        while (starts.length > 0 && starts[0]! <= now - 1000) starts.shift();
        if (starts.length < perSecond) {
          starts.push(now);
          return;
        }
        await timing.sleep(starts[0]! + 1000 - now + 1);
      }
    },
  };
}

export interface BackoffPolicy {
  /** First retry waits up to this; each further one doubles it. */
  readonly baseMs: number;
  readonly capMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 250, capMs: 8_000 };

/** Full jitter: uniform in [0, min(cap, base·2^retry)]; after a 429 never less than the vendor's 1 s. */
export function backoffMs(policy: BackoffPolicy, retry: number, random: () => number, rateLimited: boolean): number {
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** retry);
  const jittered = Math.floor(random() * ceiling);
  return rateLimited ? 1_000 + jittered : jittered;
}

/** How a connector talks to its vendor: the injected fetch, clock, sleep and jitter, its pace and patience (every vendor's connector takes these). */
export interface TransportTuning {
  readonly fetch: FetchLike;
  readonly clock?: { now(): Date };
  readonly sleep?: (ms: number) => Promise<void>;
  readonly random?: () => number;
  /** Requests per second this connector allows itself (below the vendor's limit). */
  readonly requestsPerSecond?: number;
  /** Attempts per call, the first included. Default 6. */
  readonly maxAttempts?: number;
  readonly timeoutMs?: number;
  readonly backoff?: BackoffPolicy;
}

/** The clock, sleep and jitter of `o`, the real ones where none is given. */
export function timingOf(o: Pick<TransportTuning, "clock" | "sleep" | "random">): Timing {
  return {
    now: o.clock ? () => o.clock!.now() : () => new Date(),
    sleep: o.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
    random: o.random ?? Math.random,
  };
}
