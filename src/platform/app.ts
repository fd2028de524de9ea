import { readFileSync } from "node:fs";
import type { PgBoss } from "pg-boss";
import { SecretBox } from "../access/secret-box.js";
import { buildServer, type Server } from "../api/server.js";
import type { AppContext } from "../api/context.js";
import { LocalDate } from "../domain/calendar/local-date.js";
import { simulatedClock, systemClock, type Clock } from "./clock.js";
import type { Config } from "./config.js";
import { openDatabase } from "./db/database.js";
import { startJobQueue } from "./jobs.js";
import { createLogger } from "./logger.js";
import { loadRuleBook } from "./rule-book.js";

export const VERSION: string = (JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string }).version;

export function clockFromConfig(config: Config): Clock {
  return config.fixedToday
    ? simulatedClock(LocalDate.parse(config.fixedToday, "FORDRING_TODAY"), config.timezone)
    : systemClock(config.timezone);
}

export interface RunningApp {
  ctx: AppContext;
  server: Server;
  url: string;
  stop(): Promise<void>;
}

/**
 * Starts the product: database (server or embedded, migrated), the job queue and worker in the
 * same process unless `FORDRING_WORKER=off`, and the HTTP server.
 */
export async function startApp(config: Config, options: { clock?: Clock } = {}): Promise<RunningApp> {
  const logger = createLogger(config.logLevel);
  const rules = loadRuleBook(config.rulesDir);
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  let jobs: PgBoss | undefined;
  try {
    const clock = options.clock ?? clockFromConfig(config);
    const secrets = config.secretKey ? SecretBox.fromKey(config.secretKey) : SecretBox.fromEnvOrDataDir({}, config.dataDir);
    if (config.worker === "embedded") {
      jobs = await startJobQueue(database, logger);
      const { registerCycleJobs } = await import("../worker/cycle-jobs.js");
      await registerCycleJobs({ boss: jobs, database, rules, clock, logger, timezone: config.timezone, secrets });
    }
    const ctx: AppContext = { config, database, clock, logger, rules, jobs, version: VERSION, secrets };
    const server = await buildServer(ctx);
    const url = await server.listen({ port: config.port, host: config.host });
    logger.info(
      { url, database: database.kind, dataDir: database.kind === "pglite" ? config.dataDir : undefined },
      `Fordring ${VERSION} listening on ${url} (API docs: ${url}/docs)`,
    );
    const stop = async () => {
      await server.close();
      if (jobs) await jobs.stop({ graceful: true, timeout: 5_000 });
      await database.close();
    };
    return { ctx, server, url, stop };
  } catch (e) {
    if (jobs) await jobs.stop({ graceful: false }).catch(() => undefined);
    await database.close();
    throw e;
  }
}
