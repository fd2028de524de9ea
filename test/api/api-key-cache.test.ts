import { describe, expect, it } from "vitest";
import { ApiKeyCache, type AuthenticatedClient } from "../../src/access/api-key-cache.js";

/** The in-process memory of verified API keys (src/access/api-key-cache.ts), on a hand-moved clock. */
const client = (id: string): AuthenticatedClient => ({ id, name: `client ${id}`, role: "creditor-user", firmId: null, creditorId: "c1" });

function cacheAt(ttlMs: number, maxEntries = 100) {
  let now = 1_000;
  const cache = new ApiKeyCache(ttlMs, maxEntries, () => now);
  return { cache, advance: (ms: number) => (now += ms) };
}

describe("ApiKeyCache", () => {
  it("remembers a verified key for the TTL and then asks the database again", () => {
    const { cache, advance } = cacheAt(10_000);
    cache.remember("h1", client("a"), null, cache.generation());
    expect(cache.lookup("h1")?.client.id).toBe("a");
    advance(9_999);
    expect(cache.lookup("h1")?.client.id).toBe("a");
    advance(1);
    expect(cache.lookup("h1")).toBeNull();
  });

  it("knows nothing of a key it was not told about", () => {
    const { cache } = cacheAt(10_000);
    expect(cache.lookup("never-seen")).toBeNull();
  });

  it("forgets every key of a revoked client at once, and no other client's", () => {
    const { cache } = cacheAt(10_000);
    cache.remember("old", client("a"), null, cache.generation());
    cache.remember("new", client("a"), null, cache.generation());
    cache.remember("other", client("b"), null, cache.generation());
    cache.forgetClient("a");
    expect(cache.lookup("old")).toBeNull();
    expect(cache.lookup("new")).toBeNull();
    expect(cache.lookup("other")?.client.id).toBe("b");
  });

  it("does not bring back a key whose database read began before a revocation", () => {
    const { cache } = cacheAt(10_000);
    const readBegan = cache.generation();
    cache.forgetClient("a"); // the revocation commits while the read is in flight
    cache.remember("h1", client("a"), null, readBegan);
    expect(cache.lookup("h1")).toBeNull();
    cache.remember("h1", client("a"), null, cache.generation());
    expect(cache.lookup("h1")?.client.id).toBe("a");
  });

  it("keeps the last-used time it is told of, without extending the entry's life", () => {
    const { cache, advance } = cacheAt(10_000);
    cache.remember("h1", client("a"), null, cache.generation());
    advance(5_000);
    cache.touched("h1", 123_456);
    expect(cache.lookup("h1")?.lastUsedAt).toBe(123_456);
    advance(5_000);
    expect(cache.lookup("h1")).toBeNull();
  });

  it("holds at most maxEntries, dropping the entry remembered longest ago", () => {
    const { cache, advance } = cacheAt(10_000, 2);
    cache.remember("h1", client("a"), null, cache.generation());
    advance(6_000);
    cache.remember("h2", client("b"), null, cache.generation());
    cache.remember("h3", client("c"), null, cache.generation());
    expect([cache.lookup("h1"), cache.lookup("h2"), cache.lookup("h3")].map((e) => e?.client.id ?? null)).toEqual([null, "b", "c"]);
    advance(1_000);
    cache.remember("h4", client("d"), null, cache.generation());
    expect([cache.lookup("h2"), cache.lookup("h3"), cache.lookup("h4")].map((e) => e?.client.id ?? null)).toEqual([null, "c", "d"]);
  });
});
