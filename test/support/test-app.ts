import { buildServer, type Server } from "../../src/api/server.js";
import { LocalDate } from "../../src/domain/calendar/local-date.js";
import { simulatedClock } from "../../src/platform/clock.js";
import { loadConfig } from "../../src/platform/config.js";
import { createLogger } from "../../src/platform/logger.js";
import { loadRuleBook } from "../../src/platform/rule-book.js";
import { createTestDatabase, type TestDatabase } from "./test-database.js";
import type { AppContext } from "../../src/api/context.js";
import { randomBytes } from "node:crypto";
import { SecretBox } from "../../src/access/secret-box.js";
import { createApiClient } from "../../src/access/api-clients.js";
import type { InjectOptions, LightMyRequestResponse } from "fastify";

/** The HTTP server on a fresh test database, driven with `app.inject` (no port). */
export interface TestApp {
  app: Server;
  ctx: AppContext;
  /** An operator-admin API key's header, for tests that are not about access. */
  operator: { authorization: string };
  /** `app.inject` as the operator (headers given win). */
  inject(opts: InjectOptions): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

export async function createTestApp(options: { today?: string; env?: Record<string, string>; embedded?: boolean } = {}): Promise<TestApp> {
  const t: TestDatabase = await createTestDatabase({ embedded: options.embedded });
  const config = loadConfig({ FORDRING_WORKER: "off", LOG_LEVEL: process.env.DBG_LOG ?? "silent", FORDRING_RATE_LIMIT: "0", FORDRING_ACCOUNT_RATE_LIMIT: "0", FORDRING_LOGIN_RATE_LIMIT: "1000", ...options.env });
  const ctx: AppContext = {
    config,
    database: t.database,
    clock: simulatedClock(LocalDate.parse(options.today ?? "2025-03-03")),
    logger: createLogger((process.env.DBG_LOG ?? "silent") as "silent"),
    rules: loadRuleBook(),
    jobs: undefined,
    version: "test",
    secrets: SecretBox.fromKey(randomBytes(32).toString("hex")),
  };
  const app = await buildServer(ctx);
  const { key } = await createApiClient(ctx.database, { name: "test operator", role: "operator-admin", createdBy: "test" });
  const operator = { authorization: `Bearer ${key}` };
  return {
    app,
    ctx,
    operator,
    inject: (opts) => app.inject({ ...opts, headers: { ...operator, ...(opts.headers ?? {}) } }),
    close: async () => {
      await app.close();
      await t.drop();
    },
  };
}
