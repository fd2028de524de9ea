import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { openDatabase, type Database } from "../../src/platform/db/database.js";
import { cli, type CliResult } from "./run-cli.js";
import { createTestDatabase, type TestDatabase } from "./test-database.js";

/**
 * A database that a test and the `fordring` command (run in-process) both use: a fresh one on the
 * test server when TEST_DATABASE_URL is set, else an embedded one in a temporary data directory,
 * opened by the test only between commands (embedded PGlite allows one user of a directory).
 */
export interface CliDatabase {
  /** The temporary directory (the embedded database is its `data`). */
  readonly dir: string;
  /** Whether the database is on the test server (else embedded). */
  readonly onServer: boolean;
  /** One command with the database (and `env`) as its environment, restored afterwards. */
  run(...args: string[]): Promise<CliResult>;
  /** The same with more variables for this one command (undefined: unset). */
  runWith(env: Record<string, string | undefined>, ...args: string[]): Promise<CliResult>;
  withDb<T>(fn: (db: Database) => Promise<T>): Promise<T>;
  drop(): Promise<void>;
}

export async function cliDatabase(prefix: string, env: Record<string, string | undefined> = {}): Promise<CliDatabase> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `${prefix}-`));
  const server: TestDatabase | undefined = process.env.TEST_DATABASE_URL ? await createTestDatabase() : undefined;
  const vars = { ...(server ? { DATABASE_URL: server.url } : { DATABASE_URL: undefined, FORDRING_DATA_DIR: path.join(dir, "data") }), ...env };
  const put = (values: Record<string, string | undefined>) => {
    for (const [k, v] of Object.entries(values)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  };
  const runWith = async (more: Record<string, string | undefined>, ...args: string[]) => {
    const all = { ...vars, ...more };
    const saved = Object.fromEntries(Object.keys(all).map((k) => [k, process.env[k]]));
    put(all);
    try {
      return await cli(...args);
    } finally {
      process.exitCode = undefined;
      put(saved);
    }
  };
  return {
    dir,
    onServer: server !== undefined,
    run: (...args) => runWith({}, ...args),
    runWith,
    async withDb(fn) {
      if (server) return fn(server.database);
      const db = await openDatabase({ dataDir: path.join(dir, "data") });
      try {
        return await fn(db);
      } finally {
        await db.close();
      }
    },
    async drop() {
      await server?.drop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
