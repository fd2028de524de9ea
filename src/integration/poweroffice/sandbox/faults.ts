import { createPrng } from "./prng.js";

/**
 * Fault mode: a seeded share of requests goes wrong the ways a remote API does, the same way on
 * every run with the same seed (one decision per eligible request, in arrival order).
 * - "429": refused as rate limited, nothing done.
 * - "500": a server error before anything is done.
 * - "timeout": the request IS carried out, then the answer hangs for `hangMs` (the client times out).
 * - "malformed": the request IS carried out, and the JSON body is cut off half-way.
 * The last two are the cases that tempt a client into writing twice.
 */
export type FaultKind = "429" | "500" | "timeout" | "malformed";
export const FAULT_KINDS: readonly FaultKind[] = ["429", "500", "timeout", "malformed"];

export interface FaultOptions {
  /** Share of eligible requests that fault, 0..1. */
  readonly rate: number;
  readonly kinds?: readonly FaultKind[];
  readonly seed?: number;
  /** How long a "timeout" hangs before the (late) answer; default 120 s. */
  readonly hangMs?: number;
  /** Also fault POST /OAuth/Token (off by default). */
  readonly tokenEndpoint?: boolean;
}

export interface FaultInjector {
  next(): FaultKind | undefined;
}

export function createFaultInjector(options: FaultOptions): FaultInjector {
  if (!(options.rate >= 0 && options.rate <= 1)) throw new Error(`fault rate must be within 0..1, got ${options.rate}`);
  const kinds = options.kinds ?? FAULT_KINDS;
  if (kinds.length === 0) throw new Error("fault kinds must not be empty");
  const prng = createPrng(options.seed ?? 1);
  return {
    next() {
      const roll = prng.next();
      const kind = prng.pick(kinds);
      return roll < options.rate ? kind : undefined;
    },
  };
}

/**
 * The answers the "timeout" fault holds back: each waits `ms`, and all are let go at once when the
 * sandbox closes (so a test's close never waits for a hang). Shared by every ledger sandbox.
 */
export interface Hangs {
  hang(ms: number): Promise<void>;
  releaseAll(): void;
}

export function createHangs(): Hangs {
  const pending = new Set<() => void>();
  return {
    hang: (ms) =>
      new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          pending.delete(done);
          resolve();
        };
        const timer = setTimeout(done, ms);
        pending.add(done);
      }),
    releaseAll: () => {
      for (const end of [...pending]) end();
    },
  };
}

/** A sandbox's `listen` and `close` over its Fastify app: the address it listens on, and a close that lets held answers go first. */
export function sandboxLifecycle(app: { listen(o: { port: number; host: string }): Promise<unknown>; server: { address(): unknown }; close(): Promise<unknown> }, hangs: Hangs) {
  return {
    async listen(port = 0, host = "127.0.0.1"): Promise<string> {
      await app.listen({ port, host });
      const address = app.server.address() as { port: number };
      return `http://${host.includes(":") ? `[${host}]` : host}:${address.port}`;
    },
    async close(): Promise<void> {
      hangs.releaseAll();
      await app.close();
    },
  };
}
