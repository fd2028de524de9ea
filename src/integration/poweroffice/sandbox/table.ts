/**
 * A keyed table that can answer "as of" an earlier instant. limitations.md: GETs read a replica
 * that lags the primary ("typically below 1 second"); with a lag the sandbox keeps the versions
 * written within the lag window and reads pick the newest version not newer than `asOf`.
 * Without a lag only the latest value is kept.
 */
export class VersionedTable<K, V> {
  private readonly latest = new Map<K, V>();
  private readonly history = new Map<K, { at: number; value: V | undefined }[]>();

  constructor(private readonly lagMs: number) {}

  get size(): number {
    return this.latest.size;
  }

  /** The value as of `asOf` (default: the latest). */
  get(key: K, asOf?: number): V | undefined {
    if (asOf === undefined || this.lagMs === 0) return this.latest.get(key);
    const versions = this.history.get(key);
    if (!versions) return this.latest.get(key);
    return versionAt(versions, asOf);
  }

  /** All values as of `asOf` (default: the latest), in insertion order of the keys. */
  *values(asOf?: number): IterableIterator<V> {
    if (asOf === undefined || this.lagMs === 0 || this.history.size === 0) {
      yield* this.latest.values();
      return;
    }
    for (const [key, value] of this.latest) {
      const versions = this.history.get(key);
      const v = versions ? versionAt(versions, asOf) : value;
      if (v !== undefined) yield v;
    }
    // Rows deleted on the primary that the replica still shows.
    for (const [key, versions] of this.history) {
      if (this.latest.has(key)) continue;
      const v = versionAt(versions, asOf);
      if (v !== undefined) yield v;
    }
  }

  /** Writes a new version at `at`; `at = -Infinity` (seeding) is visible to every reader at once. */
  set(key: K, value: V, at: number): void {
    this.record(key, value, at);
    this.latest.set(key, value);
  }

  delete(key: K, at: number): void {
    this.record(key, undefined, at);
    this.latest.delete(key);
  }

  /** Makes the latest values visible to every reader (after seeding). */
  flush(): void {
    this.history.clear();
  }

  private record(key: K, value: V | undefined, at: number): void {
    if (this.lagMs === 0 || at === -Infinity) {
      this.history.delete(key);
      return;
    }
    let versions = this.history.get(key);
    if (!versions) {
      // The value before this write has been visible since forever (or did not exist).
      const previous = this.latest.get(key);
      versions = [{ at: -Infinity, value: previous }];
      this.history.set(key, versions);
    }
    versions.push({ at, value });
    // Forget versions that no reader can see any more: keep the newest one at or before the cutoff.
    const cutoff = at - this.lagMs;
    let keepFrom = 0;
    for (let i = 0; i < versions.length; i++) if (versions[i]!.at <= cutoff) keepFrom = i;
    if (keepFrom > 0) versions.splice(0, keepFrom);
  }
}

function versionAt<V>(versions: readonly { at: number; value: V | undefined }[], asOf: number): V | undefined {
  for (let i = versions.length - 1; i >= 0; i--) {
    const v = versions[i]!;
    if (v.at <= asOf) return v.value;
  }
  return undefined;
}
