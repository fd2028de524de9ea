import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, serverUrl, type TestDatabase } from "../../../test/support/test-database.js";
import { migrateDatabase } from "./database.js";
import { appMeta } from "./schema.js";
import { startJobQueue } from "../jobs.js";
import { createLogger } from "../logger.js";

// Runs against the PostgreSQL server of TEST_DATABASE_URL (CI); against in-memory PGlite otherwise.
describe(`the database (${serverUrl ? "PostgreSQL server" : "embedded PGlite"})`, () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(async () => {
    await t.drop();
  });

  it("applies the generated migrations, and applying them again changes nothing", async () => {
    const before = await t.database.query<{ n: string }>("select count(*)::text as n from drizzle.__drizzle_migrations");
    await migrateDatabase(t.database);
    const after = await t.database.query<{ n: string }>("select count(*)::text as n from drizzle.__drizzle_migrations");
    expect(Number(before[0]!.n)).toBeGreaterThan(0);
    expect(after).toEqual(before);
  });

  it("reads and writes through the drizzle schema", async () => {
    await t.database.db.insert(appMeta).values({ key: "probe", value: { answer: 42 } });
    const rows = await t.database.db.select().from(appMeta);
    expect(rows.map((r) => [r.key, r.value])).toEqual([["probe", { answer: 42 }]]);
  });

  it("returns dates as YYYY-MM-DD strings and int8 as numbers on every driver", async () => {
    const [row] = await t.database.query<{ d: unknown; m: unknown }>("select '2024-02-29'::date as d, 9007199254740991::int8 as m");
    expect(row).toEqual({ d: "2024-02-29", m: 9007199254740991 });
    await expect(t.database.query("select 9007199254740993::int8 as m")).rejects.toThrow(/safe integer/);
  });

  it("commits a transaction that resolves and rolls back one that throws", async () => {
    await t.database.transaction(async (tx) => {
      await tx.query("insert into app_meta (key, value) values ('tx-ok', '1')");
    });
    await expect(
      t.database.transaction(async (tx) => {
        await tx.query("insert into app_meta (key, value) values ('tx-fail', '1')");
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    const keys = (await t.database.query<{ key: string }>("select key from app_meta where key like 'tx-%' order by key")).map((r) => r.key);
    expect(keys).toEqual(["tx-ok"]);
  });

  it("runs pg-boss jobs on the same database", async () => {
    const boss = await startJobQueue(t.database, createLogger("silent"));
    try {
      await boss.createQueue("probe");
      const done = new Promise<unknown>((resolve) => {
        void boss.work<{ n: number }>("probe", { pollingIntervalSeconds: 0.5 }, async ([job]) => {
          resolve(job!.data.n);
        });
      });
      await boss.send("probe", { n: 7 });
      await expect(done).resolves.toBe(7);
    } finally {
      await boss.stop({ graceful: false });
    }
  });
});
