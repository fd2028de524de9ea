import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { buildServer } from "../../src/api/server.js";
import { SecretBox } from "../../src/access/secret-box.js";
import { LocalDate } from "../../src/domain/calendar/local-date.js";
import { simulatedClock } from "../../src/platform/clock.js";
import { loadConfig } from "../../src/platform/config.js";
import { openDatabase } from "../../src/platform/db/database.js";
import { createLogger } from "../../src/platform/logger.js";
import { loadRuleBook } from "../../src/platform/rule-book.js";
import { runFordring } from "../support/spawn-fordring.js";

// A new deployment's first accounts: the agency's operator from the CLI (the password on
// standard input, never on the command line), then an API key; both work against the API.
describe("fordring users and api-clients", () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "fordring-cli-users-"));
  const env = { FORDRING_DATA_DIR: dataDir, DATABASE_URL: undefined };
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it("creates an operator and an API key that log in, and refuses what makes no sense", async () => {
    const added = await runFordring(["users", "add", "--email", "Ops@Agency.no", "--name", "Ops", "--role", "operator-admin", "--json"], env, "a long enough password\n");
    expect(added.code, added.stderr).toBe(0);
    expect(JSON.parse(added.stdout)).toMatchObject({ email: "ops@agency.no", role: "operator-admin", firmId: null, creditorId: null });
    const noFirm = await runFordring(["users", "add", "--email", "a@b.no", "--name", "A", "--role", "firm-admin"], env, "a long enough password\n");
    expect(noFirm.code).toBe(2);
    expect(noFirm.stderr).toContain("--firm");
    const short = await runFordring(["users", "add", "--email", "b@b.no", "--name", "B", "--role", "case-handler"], env, "short\n");
    expect(short.code).toBe(2);
    expect(short.stderr).toMatch(/at least 10 characters/);
    const key = await runFordring(["api-clients", "add", "--name", "ERP", "--role", "agency-finance", "--json"], env);
    expect(key.code, key.stderr).toBe(0);
    const { key: apiKey } = JSON.parse(key.stdout) as { key: string };
    const list = await runFordring(["users", "list"], env);
    expect(list.stdout).toContain("ops@agency.no");
    expect(list.stdout).not.toContain("a long enough password");

    const database = await openDatabase({ dataDir });
    try {
      const app = await buildServer({ config: loadConfig({ LOG_LEVEL: "silent" }), database, clock: simulatedClock(LocalDate.parse("2025-03-03")), logger: createLogger("silent"), rules: loadRuleBook(), jobs: undefined, version: "test", secrets: SecretBox.fromKey("0".repeat(64)) });
      const login = await app.inject({ method: "POST", url: "/v1/auth/login", payload: { email: "ops@agency.no", password: "a long enough password" } });
      expect(login.statusCode).toBe(200);
      expect(login.json().memberships[0].role).toBe("operator-admin");
      expect((await app.inject({ method: "GET", url: "/v1/payments/unmatched", headers: { authorization: `Bearer ${apiKey}` } })).statusCode).toBe(200);
      await app.close();
    } finally {
      await database.close();
    }
  }, 120_000);
});
