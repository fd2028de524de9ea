import { describe, expect, it } from "vitest";
import { createFaultInjector, type FaultKind } from "./faults.js";
import { createRateLimiter } from "./rate-limit.js";

function sequence(seed: number, n: number, rate = 0.3, kinds?: FaultKind[]): (FaultKind | undefined)[] {
  const f = createFaultInjector({ rate, seed, kinds });
  return Array.from({ length: n }, () => f.next());
}

describe("createFaultInjector", () => {
  it("is deterministic for a seed and differs between seeds", () => {
    expect(sequence(42, 200)).toEqual(sequence(42, 200));
    expect(sequence(42, 200)).not.toEqual(sequence(43, 200));
  });

  it("faults about the configured share, with every configured kind", () => {
    const seq = sequence(7, 10_000, 0.2);
    const faults = seq.filter((k) => k !== undefined);
    expect(faults.length / seq.length).toBeGreaterThan(0.18);
    expect(faults.length / seq.length).toBeLessThan(0.22);
    expect(new Set(faults)).toEqual(new Set(["429", "500", "timeout", "malformed"]));
  });

  it("uses only the kinds asked for; rate 0 never faults, rate 1 always", () => {
    expect(new Set(sequence(1, 500, 1, ["500"]))).toEqual(new Set(["500"]));
    expect(sequence(1, 500, 0).every((k) => k === undefined)).toBe(true);
  });

  it("refuses a rate outside 0..1", () => {
    expect(() => createFaultInjector({ rate: 1.5 })).toThrow(/0..1/);
  });
});

describe("createRateLimiter", () => {
  it("allows N per sliding second per key and lets a client in again after waiting a second", () => {
    const limiter = createRateLimiter(3);
    const t0 = 1_000_000;
    expect([0, 10, 20, 30].map((dt) => limiter.tryAcquire("a", t0 + dt))).toEqual([true, true, true, false]);
    expect(limiter.tryAcquire("b", t0 + 30)).toBe(true);
    expect(limiter.tryAcquire("a", t0 + 999)).toBe(false);
    expect(limiter.tryAcquire("a", t0 + 1000)).toBe(true);
    expect(limiter.tryAcquire("a", t0 + 2030)).toBe(true);
  });
});
