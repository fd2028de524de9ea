import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import { migrate as migratePg } from "drizzle-orm/node-postgres/migrator";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { afterAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";

/**
 * Why no shipped migration builds an index CONCURRENTLY (docs/OPERATIONS.md, "Migrations on a
 * large database"): drizzle-orm's migrator runs the pending migrations inside one transaction,
 * where PostgreSQL refuses CREATE INDEX CONCURRENTLY. Should a drizzle-orm upgrade change that,
 * this test fails and the manual path in the docs can give way to migrations.
 */
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "fordring-concurrently-"));
let t: TestDatabase;
afterAll(async () => {
  await t?.drop();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("drizzle's migrator and CREATE INDEX CONCURRENTLY", () => {
  it("is refused: the migrator runs inside a transaction", async () => {
    fs.mkdirSync(path.join(dir, "meta"), { recursive: true });
    fs.writeFileSync(path.join(dir, "0000_table.sql"), "CREATE TABLE probe (id int);\n--> statement-breakpoint\nCREATE INDEX CONCURRENTLY probe_id ON probe (id);\n");
    fs.writeFileSync(path.join(dir, "meta/_journal.json"), JSON.stringify({ version: "7", dialect: "postgresql", entries: [{ idx: 0, version: "7", when: 1, tag: "0000_table", breakpoints: true }] }));
    t = await createTestDatabase({ migrate: false });
    const run = t.database.pool ? migratePg(drizzlePg(t.database.pool), { migrationsFolder: dir }) : migratePglite(drizzlePglite(t.database.pglite!), { migrationsFolder: dir });
    await expect(run).rejects.toThrow();
    const cause = await run.catch((e: { cause?: { message?: string }; message: string }) => e.cause?.message ?? e.message);
    expect(cause).toMatch(/CREATE INDEX CONCURRENTLY cannot run inside a transaction block/);
    // nothing of the migration stayed: the table went with the transaction
    expect(await t.database.query("select to_regclass('probe') as t")).toEqual([{ t: null }]);
  });
});
