import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../src/platform/db/database.js";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";
import { seedPortfolio } from "../support/seed-portfolio.js";
import { runFordring } from "../support/spawn-fordring.js";

// `fordring simulate` moves every case days on: letters, fees. It runs without asking only on a
// play database (the demo, or an embedded one under the temporary directory); anywhere else it
// needs --yes and, without it, changes nothing.
describe("fordring simulate refuses a real database without --yes", () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "fordring-cli-simulate-"));
  let server: TestDatabase;
  beforeAll(async () => {
    server = await createTestDatabase();
    await seedPortfolio(server.database, { creditors: 1, casesPerCreditor: 2, openedOn: "2025-03-03" });
  }, 60_000);
  afterAll(async () => {
    await server.drop();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  async function cycleRuns(): Promise<number> {
    const [row] = await server.database.query<{ n: number }>("select count(*)::int as n from cycle_runs");
    return row!.n;
  }

  it("on a server database (DATABASE_URL): refused with exit 2 and nothing run; with --yes it runs", async () => {
    if (!server.url) return expect(server.url, "this test needs TEST_DATABASE_URL (a PostgreSQL server)").toBeDefined();
    const env = { DATABASE_URL: server.url, FORDRING_TODAY: "2025-03-03" };
    const refused = await runFordring(["simulate", "--days", "2"], env);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("--yes");
    expect(refused.stderr).toContain("server database");
    expect(refused.stdout).toBe("");
    expect(await cycleRuns()).toBe(0);

    const ran = await runFordring(["simulate", "--days", "2", "--yes", "--json"], env);
    expect(ran.stderr).toBe("");
    expect(ran.code).toBe(0);
    expect(JSON.parse(ran.stdout)).toMatchObject({ days: 2, from: "2025-03-03", to: "2025-03-04" });
    expect(await cycleRuns()).toBeGreaterThan(0);
  }, 120_000);

  it("on an embedded database outside the temporary directory that holds no demo: refused; under the temporary directory: runs", async () => {
    const dataDir = path.join(tmp, "data");
    const db = await openDatabase({ dataDir });
    await db.close();
    // The child's temporary directory is elsewhere, so this data directory is a real one to it.
    const otherTmp = fs.mkdtempSync(path.join(tmp, "other-tmp-"));
    const refused = await runFordring(["simulate", "--days", "1"], { FORDRING_DATA_DIR: dataDir, DATABASE_URL: undefined, TMPDIR: otherTmp, FORDRING_TODAY: "2025-03-03" });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(`embedded database in ${dataDir}`);

    const ran = await runFordring(["simulate", "--days", "1", "--json"], { FORDRING_DATA_DIR: dataDir, DATABASE_URL: undefined, FORDRING_TODAY: "2025-03-03" });
    expect(ran.stderr).toBe("");
    expect(ran.code).toBe(0);
  }, 120_000);
});
