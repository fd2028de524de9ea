import type { Role } from "./roles.js";

/** The client an API key proved to be. */
export interface AuthenticatedClient {
  id: string;
  name: string;
  role: Role;
  firmId: string | null;
  creditorId: string | null;
}

interface Entry {
  client: AuthenticatedClient;
  /** On the cache's own monotonic clock. */
  expiresAt: number;
  /** The business clock's milliseconds of the last `last_used_at` write this process knows of. */
  lastUsedAt: number | null;
}

/**
 * API keys this process verified in the last few seconds, by the SHA-256 of the key (never the key
 * itself), so an integration's burst of requests costs one database lookup instead of one each.
 *
 * The contract (docs/API.md): revoking or regenerating a key through this process forgets it here
 * at once; another server process sharing the database stops accepting it within `ttlMs`. Only
 * successes are remembered (a wrong key always reaches the database), and at most `maxEntries`.
 *
 * A verification that read the database before a revocation finished must not bring the revoked
 * key back: `generation()` is taken before the read, and `remember` ignores an answer read before
 * any later `forgetClient`.
 */
export class ApiKeyCache {
  private readonly entries = new Map<string, Entry>();
  private revocations = 0;

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries: number,
    private readonly monotonicNow: () => number = () => performance.now(),
  ) {}

  generation(): number {
    return this.revocations;
  }

  lookup(keyHash: string): { client: AuthenticatedClient; lastUsedAt: number | null } | null {
    const e = this.entries.get(keyHash);
    if (!e) return null;
    if (e.expiresAt <= this.monotonicNow()) {
      this.entries.delete(keyHash);
      return null;
    }
    return { client: e.client, lastUsedAt: e.lastUsedAt };
  }

  remember(keyHash: string, client: AuthenticatedClient, lastUsedAt: number | null, readAtGeneration: number): void {
    if (readAtGeneration !== this.revocations) return;
    this.entries.delete(keyHash);
    if (this.entries.size >= this.maxEntries) this.evict();
    this.entries.set(keyHash, { client, expiresAt: this.monotonicNow() + this.ttlMs, lastUsedAt });
  }

  /** After a `last_used_at` write: keeps the entry's expiry, so the TTL still bounds how long it lives. */
  touched(keyHash: string, lastUsedAt: number): void {
    const e = this.entries.get(keyHash);
    if (e) e.lastUsedAt = lastUsedAt;
  }

  /** Forgets every key of the client (revoked, or given a new key). */
  forgetClient(clientId: string): void {
    this.revocations++;
    for (const [hash, e] of this.entries) if (e.client.id === clientId) this.entries.delete(hash);
  }

  private evict(): void {
    const now = this.monotonicNow();
    for (const [hash, e] of this.entries) if (e.expiresAt <= now) this.entries.delete(hash);
    // Still full: the entry remembered longest ago goes (a Map iterates in insertion order).
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
  }
}
