import { SecretBox } from "../access/secret-box.js";
import { LocalDate } from "../domain/calendar/local-date.js";
import { simulatedClock } from "../platform/clock.js";
import { loadConfig } from "../platform/config.js";
import type { Database } from "../platform/db/database.js";
import { createLogger } from "../platform/logger.js";
import { loadRuleBook } from "../platform/rule-book.js";
import type { AppContext } from "./context.js";
import { buildServer } from "./server.js";

/**
 * The OpenAPI document exactly as `/docs/json` serves it, built from the routes' zod schemas
 * without a database or a port: the server is assembled, made ready and asked for its document.
 * `scripts/gen-api-types.ts` turns it into the portal's types (docs/API.md, "One contract").
 */
export async function buildOpenApiDocument(options: { portalDist?: string } = {}): Promise<Record<string, unknown>> {
  // Declaring routes touches no storage; anything that tries is a bug this makes loud.
  const noDatabase = new Proxy({} as Database, {
    get(_target, property) {
      throw new Error(`the OpenAPI document is built without a database, yet something read database.${String(property)}`);
    },
  });
  const ctx: AppContext = {
    config: loadConfig({ FORDRING_WORKER: "off", LOG_LEVEL: "silent" }),
    database: noDatabase,
    clock: simulatedClock(LocalDate.parse("2025-01-01")),
    logger: createLogger("silent"),
    rules: loadRuleBook(),
    jobs: undefined,
    // A fixed version: the document must not change with the package's version.
    version: "contract",
    secrets: SecretBox.fromKey("0".repeat(64)),
  };
  const app = await buildServer(ctx, options);
  try {
    await app.ready();
    return app.swagger() as unknown as Record<string, unknown>;
  } finally {
    await app.close();
  }
}
