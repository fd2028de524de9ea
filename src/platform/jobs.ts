import { PgBoss, fromPglite } from "pg-boss";
import type { Database } from "./db/database.js";
import type { Logger } from "./logger.js";

/**
 * The job queue: pg-boss 12 on the same PostgreSQL. Against a server it opens its own pool;
 * in embedded mode it runs on the one PGlite connection through pg-boss's native adapter.
 */
export async function startJobQueue(database: Database, logger: Logger): Promise<PgBoss> {
  const boss =
    database.kind === "postgres"
      ? new PgBoss({ connectionString: connectionStringOf(database), max: 4 })
      : new PgBoss({ db: fromPglite(database.pglite!), backend: "pglite" });
  boss.on("error", (err: unknown) => logger.error({ err }, "job queue error"));
  await boss.start();
  return boss;
}

function connectionStringOf(database: Database): string {
  const opts = database.pool?.options as { connectionString?: string } | undefined;
  if (!opts?.connectionString) throw new Error("the PostgreSQL pool has no connection string");
  return opts.connectionString;
}
