/**
 * limitations.md: "a limit of 50 requests per second for each integration key"; above it the
 * request is answered 429. A sliding one-second window per key, read from the injected clock:
 * a client that waits one second after a 429, as the vendor asks, gets through again.
 * Refused requests do not count against the window.
 */
export interface RateLimiter {
  tryAcquire(key: string, nowMs: number): boolean;
}

export function createRateLimiter(limitPerSecond: number): RateLimiter {
  const windows = new Map<string, number[]>();
  return {
    tryAcquire(key, nowMs) {
      let w = windows.get(key);
      if (!w) windows.set(key, (w = []));
      let expired = 0;
      while (expired < w.length && w[expired]! <= nowMs - 1000) expired++;
      if (expired > 0) w.splice(0, expired);
      if (w.length >= limitPerSecond) return false;
      w.push(nowMs);
      return true;
    },
  };
}
