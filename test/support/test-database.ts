import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterEach, beforeEach } from "vitest";
import { openDatabase, type Database } from "../../src/platform/db/database.js";

/**
 * A fresh, migrated database for one test file. With TEST_DATABASE_URL (CI, developers with a
 * server) it is a new database on that PostgreSQL server, dropped afterwards; without it, an
 * in-memory PGlite (embedded only where no server is given).
 */
export interface TestDatabase {
  database: Database;
  url: string | undefined;
  drop(): Promise<void>;
}

export const serverUrl = process.env.TEST_DATABASE_URL || undefined;

export async function createTestDatabase(options: { migrate?: boolean; embedded?: boolean } = {}): Promise<TestDatabase> {
  if (!serverUrl || options.embedded) {
    const database = await openDatabase({ dataDir: "memory", migrate: options.migrate ?? true });
    return { database, url: undefined, drop: () => database.close() };
  }
  const name = `fordring_t_${randomBytes(6).toString("hex")}`;
  await adminQuery(`CREATE DATABASE ${name}`);
  const url = withDatabase(serverUrl, name);
  const database = await openDatabase({ databaseUrl: url, migrate: options.migrate ?? true });
  return {
    database,
    url,
    drop: async () => {
      await database.close();
      await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

async function adminQuery(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/**
 * A fresh database for every test of the file: the hooks are registered here, and `database` is
 * the current test's; `fresh()` starts a test over on another new one.
 */
export function databasePerTest(): { readonly database: Database; fresh(): Promise<void> } {
  let current: TestDatabase | undefined;
  const drop = async () => {
    await current?.drop();
    current = undefined;
  };
  beforeEach(async () => {
    current = await createTestDatabase();
  });
  afterEach(drop);
  return {
    get database() {
      if (!current) throw new Error("databasePerTest: no test is running");
      return current.database;
    },
    async fresh() {
      await drop();
      current = await createTestDatabase();
    },
  };
}
