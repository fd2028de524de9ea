import { afterAll, afterEach, beforeAll } from "vitest";
import type { Database } from "../../src/platform/db/database.js";
import { syncRig, type SyncRig } from "../../src/integration/sync/sync-test-kit.js";
import { createTestDatabase, type TestDatabase } from "./test-database.js";

/**
 * One database for a file of sync tests, and a PowerOffice sandbox rig per test: the hooks are
 * registered here (the database made before the first test and dropped after the last; each rig
 * closed after its test).
 */
export function syncTestDatabase(): { readonly database: Database; rig(options?: Parameters<typeof syncRig>[1]): Promise<SyncRig> } {
  return rigTestDatabase(syncRig);
}

/** The same for any ledger's rig (`make` builds one on the file's database). */
export function rigTestDatabase<R extends { close(): Promise<void> }, O>(make: (database: Database, options?: O) => Promise<R>): { readonly database: Database; rig(options?: O): Promise<R> } {
  let t: TestDatabase | undefined;
  let rigs: R[] = [];
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterEach(async () => {
    for (const r of rigs) await r.close();
    rigs = [];
  });
  afterAll(async () => {
    await t?.drop();
  });
  const database = () => {
    if (!t) throw new Error("rigTestDatabase: used outside a test");
    return t.database;
  };
  return {
    get database() {
      return database();
    },
    async rig(options) {
      const r = await make(database(), options);
      rigs.push(r);
      return r;
    },
  };
}
