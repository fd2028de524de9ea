import type { FetchLike } from "./poweroffice/connector/transport.js";
import { manualClock, type ManualClock } from "./poweroffice/sandbox/sandbox-test-kit.js";

/**
 * What every ledger's connector tests share: the ledger's sandbox listening on a manual clock,
 * the real `fetch` noting each request, and sleeps that move the clock instead of waiting — so
 * token expiry, rate limits and backoff play out in simulated time.
 */
export interface ListeningSandbox<S> {
  readonly sandbox: S;
  readonly url: string;
  readonly clock: ManualClock;
  /** Every request sent, as "METHOD /path?query". */
  readonly requests: string[];
  readonly fetch: FetchLike;
}

export async function listeningSandbox<S extends { listen(): Promise<string> }>(start: string, make: (clock: ManualClock) => S): Promise<ListeningSandbox<S>> {
  const clock = manualClock(start);
  const sandbox = make(clock);
  const url = await sandbox.listen();
  const requests: string[] = [];
  return { sandbox, url, clock, requests, fetch: recordingFetch(requests) };
}

/** The real `fetch`, noting each request as "METHOD /path?query" in `requests`. */
export function recordingFetch(requests: string[]): FetchLike {
  return (input, init) => {
    const u = new URL(input);
    requests.push(`${init.method} ${decodeURIComponent(u.pathname + u.search)}`);
    return globalThis.fetch(input, init);
  };
}

/**
 * A sleep that moves the manual clock instead of waiting, then lets other work run: the next turn
 * of the event loop, or (`yieldTo: "timer"`) a real millisecond, for a sandbox whose background
 * jobs run on timers.
 */
export function simulatedSleep(clock: { advance(ms: number): void }, onSleep?: (ms: number) => void, yieldTo: "immediate" | "timer" = "immediate"): (ms: number) => Promise<void> {
  return async (ms) => {
    onSleep?.(ms);
    clock.advance(ms);
    await new Promise((resolve) => (yieldTo === "timer" ? setTimeout(resolve, 1) : setImmediate(resolve)));
  };
}
