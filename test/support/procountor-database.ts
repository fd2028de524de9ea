import type { Database } from "../../src/platform/db/database.js";
import { procountorSyncRig, type ProcountorSyncRig } from "../../src/integration/procountor/procountor-sync-kit.js";
import { rigTestDatabase } from "./sync-database.js";

/** One database for a file of Procountor sync tests, and a sandbox rig per test (closed after it). */
export function procountorTestDatabase(): { readonly database: Database; rig(options?: Parameters<typeof procountorSyncRig>[1]): Promise<ProcountorSyncRig> } {
  return rigTestDatabase(procountorSyncRig);
}
