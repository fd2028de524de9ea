import { buildServer, type Server } from "../../src/api/server.js";
import { LocalDate } from "../../src/domain/calendar/local-date.js";
import { simulatedClock } from "../../src/platform/clock.js";
import { loadConfig } from "../../src/platform/config.js";
import { createLogger } from "../../src/platform/logger.js";
import { loadRuleBook } from "../../src/platform/rule-book.js";
import { createTestDatabase, type TestDatabase } from "./test-database.js";
import type { AppContext } from "../../src/api/context.js";

/** The HTTP server on a fresh test database, driven with `app.inject` (no port). */
export interface TestApp {
  app: Server;
  ctx: AppContext;
  close(): Promise<void>;
}

export async function createTestApp(options: { today?: string } = {}): Promise<TestApp> {
  const t: TestDatabase = await createTestDatabase();
  const config = loadConfig({ FORDRING_WORKER: "off", LOG_LEVEL: "silent" });
  const ctx: AppContext = {
    config,
    database: t.database,
    clock: simulatedClock(LocalDate.parse(options.today ?? "2025-03-03")),
    logger: createLogger("silent"),
    rules: loadRuleBook(),
    jobs: undefined,
    version: "test",
  };
  const app = await buildServer(ctx);
  return {
    app,
    ctx,
    close: async () => {
      await app.close();
      await t.drop();
    },
  };
}
