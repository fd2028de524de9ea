import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { PgBoss } from "pg-boss";
import { afterAll, describe, expect, it } from "vitest";
import { createApiClient } from "../../src/access/api-clients.js";
import { upsertCreditor } from "../../src/collection/cases/register.js";
import { addLedgerIntegration } from "../../src/integration/sync/integrations.js";
import type { Database } from "../../src/platform/db/database.js";
import { QUEUES } from "../../src/worker/cycle-jobs.js";
import { camt054 } from "../support/camt054.js";
import { seedPortfolio, snapshot } from "../support/seed-portfolio.js";
import { REPO, serveFordring, untilStarted, type Served } from "../support/spawn-fordring.js";
import { createTestDatabase, serverUrl, type TestDatabase } from "../support/test-database.js";
import { AGENCY_ENV } from "../support/agency-env.js";

/**
 * Scale-out on one PostgreSQL (issue 19, item 3; docs/SCALING.md): two API and three worker
 * processes (`fordring serve --role api|worker`, real child processes) take a business day —
 * the morning's ledger sync against the PowerOffice sandbox, a bank file posted to one API
 * process, the daily cycle fanned out over the workers, letters rendered and delivered, the
 * settlements — while one worker is killed (SIGKILL) in the middle of the cycle. The end state
 * must equal the same day run by one process: no letter, charge, payment or voucher twice or missing.
 */
const TODAY = "2025-03-10";
const AGENCY = AGENCY_ENV;
/** The queues a business day passes through (the print batch waits five minutes by design and is left out). */
const DAY_QUEUES = [QUEUES.sync, QUEUES.schedule, QUEUES.day, QUEUES.letters, QUEUES.deliver, QUEUES.settle];

const cleanups: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  // Processes first (all at once), then the databases.
  const all = cleanups.reverse();
  await Promise.all(all.filter((c) => c.name === "stopProcess").map((c) => c().catch(() => undefined)));
  for (const c of all.filter((c) => c.name !== "stopProcess")) await c().catch(() => undefined);
}, 180_000);

/** `fordring sandbox poweroffice` as its own process, seeded with generated customers and invoices. */
async function startSandbox(): Promise<{ url: string; applicationKey: string; clientKey: string }> {
  const child = spawn(process.execPath, [path.join(REPO, "bin/fordring.js"), "sandbox", "poweroffice", "--port", "0", "--generate", "6"], { cwd: REPO, env: { ...process.env, FORDRING_TODAY: TODAY } });
  cleanups.push(function stopProcess() {
    return stopChild(child);
  });
  const out = await untilStarted(child, 60_000);
  const field = (re: RegExp) => re.exec(out)?.[1] ?? "";
  return { url: field(/sandbox at (http:\/\/\S+)/), applicationKey: field(/application key:\s+(\S+)/), clientKey: field(/client key:\s+(\S+)/) };
}

function stopChild(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
  });
}

interface Day {
  t: TestDatabase;
  apiKey: string;
  env: Record<string, string>;
}

/** A database with three creditors' cases opened before the day, and a fourth connected to PowerOffice. */
async function prepareDay(): Promise<Day> {
  const t = await createTestDatabase();
  cleanups.push(() => t.drop());
  await seedPortfolio(t.database, { creditors: 3, casesPerCreditor: 15, openedOn: "2025-01-20" });
  const sandbox = await startSandbox();
  const po = await upsertCreditor(t.database, { code: "PO1", name: "Ledger Kreditor AS", orgNumber: "974760673", address: { line1: "Kreditorveien 2", postcode: "0150", city: "Oslo", country: "NO" } });
  await addLedgerIntegration(t.database, { creditorId: po, kind: "poweroffice", credentialsRef: "env:SCALE_PO_CLIENT_KEY", settings: { baseUrl: sandbox.url }, canCreateCases: true });
  const { key } = await createApiClient(t.database, { name: "scale-out test", role: "operator-admin", createdBy: "test" });
  const env = {
    ...AGENCY,
    FORDRING_TODAY: TODAY,
    FORDRING_SECRET_KEY: "ab".repeat(32),
    FORDRING_LEDGER_URLS: sandbox.url,
    POWEROFFICE_APPLICATION_KEY: sandbox.applicationKey,
    SCALE_PO_CLIENT_KEY: sandbox.clientKey,
    FORDRING_PORTAL: "off",
    FORDRING_RATE_LIMIT: "0",
    FORDRING_DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), "fordring-scale-")),
  };
  return { t, apiKey: key, env };
}

/** Processes of one role on the day's database; each names itself in pg_stat_activity. */
async function serve(day: Day, role: "api" | "worker" | "all", n: number): Promise<Served[]> {
  const started = await Promise.all(
    Array.from({ length: n }, (_, i) => {
      const url = new URL(day.t.url!);
      url.searchParams.set("application_name", `fordring-${role}-${i}`);
      return serveFordring({ ...day.env, DATABASE_URL: url.toString() }, 120_000, ["--role", role]);
    }),
  );
  for (const s of started)
    cleanups.push(function stopProcess() {
      return stopChild(s.child);
    });
  return started;
}

async function jobsLeft(db: Database): Promise<number> {
  const [row] = await db.query<{ n: number }>("select count(*)::int as n from pgboss.job where name = any($1) and state in ('created', 'retry', 'active')", [DAY_QUEUES]);
  return row!.n;
}

async function untilIdle(db: Database, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  // Idle twice in a row: a finishing job may queue the next one (render → deliver).
  let quiet = 0;
  while (Date.now() < deadline) {
    quiet = (await jobsLeft(db)) === 0 ? quiet + 1 : 0;
    if (quiet >= 2) return;
    await new Promise((r) => setTimeout(r, 1_000));
  }
  const rows = await db.query("select name, state, retry_count from pgboss.job where name = any($1) and state in ('created', 'retry', 'active')", [DAY_QUEUES]);
  throw new Error(`jobs still waiting after ${ms / 1000} s: ${JSON.stringify(rows)}`);
}

/**
 * The business day: the sync, then a bank file through an API process (paying three cases by
 * their KID, one line with an unknown KID), then the cycle and the settlements. `midCycle` runs
 * once a cycle-day job is being worked on.
 */
async function runDay(day: Day, apiUrls: string[], midCycle?: () => Promise<void>): Promise<void> {
  const db = day.t.database;
  const boss = new PgBoss({ connectionString: day.t.url!, max: 2, supervise: false, schedule: false });
  await boss.start();
  try {
    await boss.send(QUEUES.sync, {});
    await untilIdle(db, 120_000);
    const kids = await db.query<{ kid: string }>("select kid from cases where stage <> 'closed' order by case_number limit 3");
    const file = camt054("MSG-SCALE-1", TODAY, [...kids.map((k) => ({ amount: "100.00", kid: k.kid })), { amount: "99.00", kid: "0000000000" }]);
    const res = await fetch(`${apiUrls[apiUrls.length - 1]}/v1/bank-files?name=scale.xml`, { method: "POST", headers: { authorization: `Bearer ${day.apiKey}`, "content-type": "application/xml" }, body: file });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ payments: 4, matched: 3, unmatched: 1 });
    await boss.send(QUEUES.schedule, {});
    if (midCycle) {
      const deadline = Date.now() + 60_000;
      while (Date.now() < deadline) {
        const [active] = await db.query<{ n: number }>("select count(*)::int as n from pgboss.job where name = $1 and state = 'active'", [QUEUES.day]);
        if (active!.n > 0) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      await midCycle();
    }
    await untilIdle(db, 300_000);
    await boss.send(QUEUES.settle, {});
    await untilIdle(db, 120_000);
  } finally {
    await boss.stop({ graceful: false });
  }
}

/** The books after the day, by business keys (case numbers, not row ids). */
async function books(db: Database) {
  const state = (await snapshot(db)) as { cases: unknown[]; charges: unknown[]; letters: unknown[]; events: { dedupe_key: string | null }[]; outbox: unknown[] };
  // A payment's event is keyed by the payment's row id, which differs between the two databases.
  // When a letter leaves depends on when the delivery job runs (every ten minutes, and after
  // rendering), not on how many processes there are: a letter of a case paid by the day's bank file
  // may leave before the payment in one run and be cancelled in the other. So the delivery's own
  // timeline rows are compared as "at most once per letter" (below), not row for row.
  const delivery = state.events.filter((e) => (e as { type?: string }).type === "letter-sent");
  const events = state.events
    .filter((e) => (e as { type?: string }).type !== "letter-sent")
    .map((e) => ({ ...e, dedupe_key: e.dedupe_key?.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, "<payment>") ?? null }));
  const sentTwice = delivery.length - new Set(delivery.map((e) => e.dedupe_key)).size;
  const payments = await db.query(`select c.case_number, p.amount_minor, p.received_on, p.reference from payments p join cases c on c.id = p.case_id order by 1, 2`);
  const bankLines = await db.query(`select line_ref, status, reference from bank_payments order by line_ref`);
  const outboxKinds = await db.query(`select kind, status, count(*)::int as n from outbox group by kind, status order by 1, 2`);
  const settlements = await db.query(`select cr.code, s.period_to, s.payout_minor, s.invoice_minor from settlements s join creditors cr on cr.id = s.creditor_id order by 1, 2`);
  const sync = await db.query(`select status, counts from sync_runs order by started_at`);
  return { ...state, events, payments, bankLines, outboxKinds, settlements, sync, sentTwice };
}

describe("two API and three worker processes on one PostgreSQL", () => {
  it("take a business day with a worker killed mid-cycle, ending as one process does", async () => {
    if (!serverUrl) throw new Error("this test needs a PostgreSQL server: set TEST_DATABASE_URL");

    // One process, role all: the reference.
    const single = await prepareDay();
    const [one] = await serve(single, "all", 1);
    await runDay(single, [one!.url]);
    await stopChild(one!.child);
    const expected = await books(single.t.database);

    // Two API and three worker processes; one worker killed while the cycle runs.
    const multi = await prepareDay();
    const apis = await serve(multi, "api", 2);
    const workers = await serve(multi, "worker", 3);
    let killed = "";
    await runDay(
      multi,
      apis.map((a) => a.url),
      async () => {
        // The worker that is busy (its connection in a query), else the first.
        const [busy] = await multi.t.database.query<{ app: string }>(
          "select application_name as app from pg_stat_activity where datname = current_database() and application_name like 'fordring-worker-%' and state <> 'idle' limit 1",
        );
        const index = busy ? Number(busy.app.slice("fordring-worker-".length)) : 0;
        killed = `worker ${index}${busy ? " (busy)" : ""}`;
        workers[index]!.child.kill("SIGKILL");
      },
    );
    expect(killed).not.toBe("");
    // The killed worker's cycle-day jobs (if it held one) were taken over: none failed for good.
    const [failed] = await multi.t.database.query<{ n: number }>("select count(*)::int as n from pgboss.job where name = $1 and state = 'failed'", [QUEUES.day]);
    expect(failed!.n).toBe(0);
    const actual = await books(multi.t.database);

    // The day did something worth comparing: letters, charges, payments, a voucher or an outbox row, a sync.
    expect(expected.letters.length).toBeGreaterThan(0);
    expect(expected.charges.length).toBeGreaterThan(0);
    expect(expected.payments.length).toBe(3);
    expect(expected.sync.length).toBeGreaterThan(0);
    expect(actual).toEqual(expected);
    // No letter left twice (a killed worker's delivery job is taken over, not repeated).
    expect(actual.sentTwice).toBe(0);
    // The survivors still answer.
    for (const a of apis) expect((await fetch(`${a.url}/health/ready`)).status).toBe(200);
  }, 900_000);
});
