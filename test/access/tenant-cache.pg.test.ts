import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resolveTenant } from "../../src/access/tenant.js";
import { upsertCreditor } from "../../src/collection/cases/register.js";
import type { Queryable } from "../../src/platform/db/database.js";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";

/** A resource's tenant is looked up once per database while it exists; a miss is looked up every time. */
let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => t?.drop());

/** The real database, counting the statements sent to it. */
function counting(): { db: Queryable; count: () => number } {
  let n = 0;
  return { db: { query: (sql, params) => (n++, t.database.query(sql, params)) }, count: () => n };
}

describe("resolveTenant", () => {
  it("asks the database once for a creditor that exists, every time for one that does not, and never across databases", async () => {
    const creditorId = await upsertCreditor(t.database, { code: "TCACHE", name: "Cache Kreditor AS", orgNumber: "974760673", address: { line1: "Gata 1", postcode: "0150", city: "Oslo", country: "NO" } });
    const a = counting();
    expect(await resolveTenant(a.db, "creditor", creditorId)).toEqual({ creditorId, firmId: null });
    expect(await resolveTenant(a.db, "creditor", creditorId.toUpperCase())).toEqual({ creditorId, firmId: null });
    expect(a.count()).toBe(1);

    const missing = randomUUID();
    expect(await resolveTenant(a.db, "creditor", missing)).toBeNull();
    expect(await resolveTenant(a.db, "creditor", missing)).toBeNull();
    expect(a.count()).toBe(3);
    // Not a UUID: not found without a query.
    expect(await resolveTenant(a.db, "creditor", "nope")).toBeNull();
    expect(a.count()).toBe(3);

    // Another database (connection object) has its own memory.
    const b = counting();
    expect(await resolveTenant(b.db, "creditor", creditorId)).toEqual({ creditorId, firmId: null });
    expect(b.count()).toBe(1);
  });
});
