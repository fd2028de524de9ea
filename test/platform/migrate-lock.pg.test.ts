import { afterEach, describe, expect, it } from "vitest";
import { migrateDatabase, openDatabase, type Database } from "../../src/platform/db/database.js";
import { createTestDatabase, serverUrl, type TestDatabase } from "../support/test-database.js";

/**
 * Three `fordring migrate` (or three servers starting) on one fresh database at once: every one
 * succeeds and each migration is applied once, because migrating holds a PostgreSQL advisory lock.
 * Without a server (embedded PGlite, one process per data directory) the same calls on one handle.
 */
describe("migrations run under a lock", () => {
  let t: TestDatabase | undefined;
  const extra: Database[] = [];
  afterEach(async () => {
    await Promise.all(extra.splice(0).map((d) => d.close()));
    await t?.drop();
  });

  it("three concurrent runs on a fresh database all succeed and apply each migration once", async () => {
    t = await createTestDatabase({ migrate: false });
    const handles = serverUrl ? await Promise.all([0, 1, 2].map(() => openDatabase({ databaseUrl: t!.url, migrate: false, poolSize: 2 }))) : [t.database, t.database, t.database];
    if (serverUrl) extra.push(...handles);
    const results = await Promise.allSettled(handles.map((h) => migrateDatabase(h)));
    expect(results.map((r) => (r.status === "fulfilled" ? "ok" : String(r.reason)))).toEqual(["ok", "ok", "ok"]);
    const applied = await t.database.query<{ hash: string; n: number }>("select hash, count(*)::int as n from drizzle.__drizzle_migrations group by hash");
    expect(applied.length).toBeGreaterThan(10);
    expect(applied.every((r) => r.n === 1)).toBe(true);
  });
});
