import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { LocalDate } from "../../src/domain/calendar/local-date.js";
import { runCycleDay } from "../../src/collection/engine/daily-cycle.js";
import { openDatabase, type Database } from "../../src/platform/db/database.js";
import { loadRuleBook } from "../../src/platform/rule-book.js";
import { createTestDatabase, serverUrl, type TestDatabase } from "../support/test-database.js";
import { REPO, runFordring } from "../support/spawn-fordring.js";
import { seedPortfolio, snapshot } from "../support/seed-portfolio.js";
import { agencyFromEnv } from "../../src/collection/agency.js";

const rules = loadRuleBook();
const DAY = LocalDate.parse("2025-03-03");
const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanup.length) await cleanup.pop()!();
});

async function fresh(): Promise<TestDatabase> {
  const t = await createTestDatabase();
  cleanup.push(() => t.drop());
  return t;
}

describe("the daily cycle is idempotent", () => {
  it("run twice on the same day, the second run changes nothing", async () => {
    const { database } = await fresh();
    const [creditor] = await seedPortfolio(database, { creditors: 1, casesPerCreditor: 120, openedOn: "2025-03-03" });
    const first = await runCycleDay(database, creditor!, DAY, { agency: agencyFromEnv(), rules });
    expect(first.advanced).toBeGreaterThan(50);
    expect(first.letters).toBeGreaterThan(50);
    const after = await snapshot(database);
    const second = await runCycleDay(database, creditor!, DAY, { agency: agencyFromEnv(), rules });
    expect(second).toMatchObject({ accrued: 0, advanced: 0, letters: 0, charges: 0, events: 0 });
    expect(await snapshot(database)).toEqual(after);
  });

  it("run by two workers at once, writes each letter, charge and timeline row once", async () => {
    const t = await fresh();
    const [creditor] = await seedPortfolio(t.database, { creditors: 1, casesPerCreditor: 150, openedOn: "2025-03-03" });
    // On a server: a second connection pool, as a second worker process has. Embedded PGlite is
    // one process by design (the lockfile), so there the two runs share its one connection.
    const other = t.url ? await openDatabase({ databaseUrl: t.url, migrate: false }) : t.database;
    if (other !== t.database) cleanup.push(() => other.close());
    const [a, b] = await Promise.all([runCycleDay(t.database, creditor!, DAY, { agency: agencyFromEnv(), rules }), runCycleDay(other, creditor!, DAY, { agency: agencyFromEnv(), rules })]);
    // One of them did the day; the other, waiting on the creditor's lock, found nothing left.
    expect([a.advanced, b.advanced].sort((x, y) => x - y)[0]).toBe(0);
    const concurrent = await snapshot(t.database);

    const clean = await fresh();
    const [c2] = await seedPortfolio(clean.database, { creditors: 1, casesPerCreditor: 150, openedOn: "2025-03-03" });
    await runCycleDay(clean.database, c2!, DAY, { agency: agencyFromEnv(), rules });
    expect(concurrent).toEqual(await snapshot(clean.database));
  });
});

describe("a worker killed in the middle of a day", () => {
  it("leaves nothing half-applied: the day run again ends as a clean run does", async () => {
    const creditors = 4;
    const perCreditor = 150;
    // The killed run: a real `fordring cycle` process on its own database, killed with SIGKILL
    // right after it reported the first creditor done (so it is inside the second's transaction).
    const killedTarget = await target();
    {
      const db = await killedTarget.open();
      await seedPortfolio(db, { creditors, casesPerCreditor: perCreditor, openedOn: "2025-03-03" });
      await db.close();
    }
    const killed = await runUntilKilled(["cycle", "--date", DAY.toString(), "--json"], killedTarget.env, /progress 1\//);
    expect(killed.signal).toBe("SIGKILL");
    {
      const db = await killedTarget.open();
      const done = await db.query<{ n: number }>("select count(*)::int8 as n from cycle_runs");
      expect(done[0]!.n).toBeGreaterThanOrEqual(1);
      expect(done[0]!.n).toBeLessThan(creditors);
      await db.close();
    }
    const rerun = await runFordring(["cycle", "--date", DAY.toString(), "--json"], killedTarget.env);
    expect(rerun.stderr).not.toContain("error");
    expect(rerun.code).toBe(0);

    const cleanTarget = await target();
    {
      const db = await cleanTarget.open();
      await seedPortfolio(db, { creditors, casesPerCreditor: perCreditor, openedOn: "2025-03-03" });
      await db.close();
    }
    const clean = await runFordring(["cycle", "--date", DAY.toString(), "--json"], cleanTarget.env);
    expect(clean.code).toBe(0);

    const a = await killedTarget.open();
    const b = await cleanTarget.open();
    try {
      const [sa, sb] = [await snapshot(a), await snapshot(b)];
      expect(sa.cases!.length).toBe(creditors * perCreditor);
      expect(sa).toEqual(sb);
    } finally {
      await a.close();
      await b.close();
    }
  }, 180_000);
});

/** A database a child process can use: a fresh one on the server, or an embedded data directory. */
async function target(): Promise<{ env: Record<string, string | undefined>; open: () => Promise<Database> }> {
  if (serverUrl) {
    const t = await fresh();
    return { env: { DATABASE_URL: t.url }, open: () => openDatabase({ databaseUrl: t.url }) };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "fordring-kill-"));
  cleanup.push(async () => fs.rmSync(dir, { recursive: true, force: true }));
  return { env: { DATABASE_URL: undefined, FORDRING_DATA_DIR: dir }, open: () => openDatabase({ dataDir: dir }) };
}

function runUntilKilled(args: string[], env: Record<string, string | undefined>, when: RegExp): Promise<{ signal: NodeJS.Signals | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(REPO, "bin/fordring.js"), ...args], { cwd: REPO, env: { ...process.env, LOG_LEVEL: "silent", ...env } });
    let stderr = "";
    child.stderr.on("data", (d) => {
      stderr += d;
      if (when.test(stderr) && child.exitCode === null) child.kill("SIGKILL");
    });
    child.on("error", reject);
    child.on("close", (_code, signal) => resolve({ signal, stderr }));
  });
}
