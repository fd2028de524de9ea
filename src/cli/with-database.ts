import { loadConfig } from "../platform/config.js";
import type { Database } from "../platform/db/database.js";

/** Opens the configured database (server or embedded, migrated) for one command, and closes it. */
export async function withDatabase<T>(fn: (db: Database) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const { openDatabase } = await import("../platform/db/database.js");
  const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}
