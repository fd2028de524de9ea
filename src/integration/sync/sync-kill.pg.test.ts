import { spawn } from "node:child_process";
import fs from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { REPO } from "../../../test/support/spawn-fordring.js";
import { createTestDatabase, serverUrl, type TestDatabase } from "../../../test/support/test-database.js";
import { openBalance, type CaseRow } from "../../collection/cases/case-row.js";
import { upsertCreditor } from "../../collection/cases/register.js";
import { LocalDate } from "../../domain/calendar/local-date.js";
import { simulatedClock } from "../../platform/clock.js";
import { openDatabase, type Database } from "../../platform/db/database.js";
import { generateSeed, runPowerOfficeSandbox, type RunningPowerOfficeSandbox, type SandboxSeed } from "../poweroffice/sandbox/index.js";
import { addLedgerIntegration } from "./integrations.js";

/**
 * The sync process killed mid-run (SIGKILL, no chance to clean up) and started again reaches the
 * same end state as a clean run on an identically seeded sandbox and database: the same cases
 * (by invoice number; case numbers may differ), stages and balances, the same ledger state, and
 * no case created twice in the ledger. The CLI runs as a real child process; the sandbox runs in
 * this process, so the kill can land just after the ledger has answered a chosen write.
 */
const TODAY = "2025-06-02";
const CODE = "ACME";
const BIN = path.join(REPO, "bin/fordring.js");

const SEED: SandboxSeed = (() => {
  const s = generateSeed({ customers: 24, invoicesPerCustomer: 4, seed: 3, today: TODAY });
  // One approved invoice whose customer has no address: rejected, so the sandbox creates and deletes a case.
  return {
    ...s,
    customers: [...s.customers, { code: 99001, name: "Uten Adresse AS", organizationNumber: "923609016" }],
    invoices: [...s.invoices, { invoiceNo: 99001, customerCode: 99001, invoiceDate: "2025-02-03", dueDate: "2025-02-17", amount: "400.00", status: "Approved" as const }],
  };
})();

interface World {
  readonly sandbox: RunningPowerOfficeSandbox;
  readonly env: Record<string, string | undefined>;
  database(): Promise<{ db: Database; done(): Promise<void> }>;
  close(): Promise<void>;
}

const worlds: World[] = [];
afterAll(async () => {
  for (const w of worlds) await w.close();
});

async function world(name: string): Promise<World> {
  // The CLI's clock is pinned to TODAY (FORDRING_TODAY); the ledger's stamps must be on the same time line.
  const sandbox = await runPowerOfficeSandbox({ port: 0, clock: simulatedClock(LocalDate.parse(TODAY)) });
  sandbox.sandbox.seed(SEED);
  let t: TestDatabase | undefined;
  let dataDir: string | undefined;
  if (serverUrl) t = await createTestDatabase();
  else dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `fordring-sync-kill-${name}-`));
  const open = async () => {
    if (t) return { db: t.database, done: async () => undefined };
    const db = await openDatabase({ dataDir: dataDir! });
    return { db, done: () => db.close() };
  };
  const w: World = {
    sandbox,
    env: {
      ...(t ? { DATABASE_URL: t.url } : { DATABASE_URL: undefined, FORDRING_DATA_DIR: dataDir }),
      FORDRING_TODAY: TODAY,
      FORDRING_PUBLIC_URL: "https://fordring.example",
      POWEROFFICE_APPLICATION_KEY: sandbox.applicationKey,
      ACME_POWEROFFICE_KEY: sandbox.clientKey,
    },
    database: open,
    close: async () => {
      await sandbox.sandbox.close();
      await t?.drop();
      if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
  worlds.push(w);
  const { db, done } = await open();
  try {
    const creditorId = await upsertCreditor(db, { code: CODE, name: "Acme Rør AS", orgNumber: "974760673", address: { line1: "Kreditorveien 1", postcode: "0150", city: "Oslo", country: "NO" } });
    await addLedgerIntegration(db, { creditorId, kind: "poweroffice", credentialsRef: "env:ACME_POWEROFFICE_KEY", settings: { baseUrl: sandbox.url }, canCreateCases: true });
  } finally {
    await done();
  }
  return w;
}

/** Where to kill: once the sandbox has answered the `nth` request matching `method` and `path` (the work is done, the answer never read). */
interface KillPoint {
  readonly method: "GET" | "POST" | "DELETE";
  readonly path: RegExp;
  readonly nth: number;
}

/** `fordring sync --creditor ACME --json` as a child process, killed with SIGKILL at `kill`. */
function sync(w: World, kill?: KillPoint): Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, "sync", "--creditor", CODE, "--json"], { cwd: REPO, env: { ...process.env, LOG_LEVEL: "silent", ...w.env }, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    const server = w.sandbox.sandbox.app.server;
    let seen = 0;
    const onRequest = (req: IncomingMessage, res: ServerResponse) => {
      if (!kill || req.method !== kill.method || !kill.path.test(req.url ?? "")) return;
      if (++seen === kill.nth) res.once("finish", () => child.kill("SIGKILL"));
    };
    server.prependListener("request", onRequest);
    child.on("error", reject);
    child.on("close", (code, signal) => {
      server.off("request", onRequest);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

async function syncToCompletion(w: World): Promise<void> {
  const r = await sync(w);
  expect(r.stderr).toBe("");
  expect(r.code).toBe(0);
  const [result] = JSON.parse(r.stdout) as { integrations: { status: string }[] }[];
  expect(result!.integrations.map((i) => i.status)).toEqual(["ok"]);
}

async function syncKilledAt(w: World, kill: KillPoint): Promise<void> {
  const r = await sync(w, kill);
  expect(r.signal, `the sync ended before ${kill.method} ${kill.path} #${kill.nth}: ${r.stdout} ${r.stderr}`).toBe("SIGKILL");
}

/** What the creditor sees in the ledger after the sync paid some invoices' payments in. */
function payInLedger(w: World): void {
  const ledger = w.sandbox.sandbox.ledger;
  const exported = ledger.invoices().filter((i) => i.caseId !== undefined).sort((a, b) => a.invoiceNo - b.invoiceNo);
  for (const [n, inv] of exported.slice(0, 6).entries()) {
    ledger.registerPayment(inv.id, { amountMinor: 100_00 * (n + 1), date: "2025-06-01", ...(n % 2 ? { voucherType: "IncomingOcrGiro" as const } : {}) });
  }
}

async function endState(w: World) {
  const { db, done } = await w.database();
  try {
    const cases = await db.query<CaseRow & { invoice_number: string }>("select k.*, cl.invoice_number from cases k join claims cl on cl.id = k.claim_id order by cl.invoice_number");
    const payments = await db.query<{ invoice_number: string; channel: string; amount_minor: number }>(
      "select cl.invoice_number, p.channel, p.amount_minor from payments p join cases k on k.id = p.case_id join claims cl on cl.id = k.claim_id order by 1, 2, 3",
    );
    const outbox = await db.query<{ kind: string; status: string; n: number }>("select kind, status, count(*)::int as n from outbox group by 1, 2 order by 1, 2");
    const running = await db.query("select id from sync_runs where status = 'running'");
    const caseNumberOf = new Map(cases.map((c) => [c.invoice_number, c.case_number]));

    const sandbox = w.sandbox.sandbox;
    const counters = sandbox.state.tenant().counters;
    const ledgerCases = sandbox.ledger.cases();
    const invoices = sandbox.ledger
      .invoices()
      .sort((a, b) => a.invoiceNo - b.invoiceNo)
      .map((inv) => {
        const k = ledgerCases.find((c) => c.id === inv.caseId);
        const updates = k ? (counters.statusUpdates.get(k.id) ?? []) : [];
        return {
          invoiceNo: inv.invoiceNo,
          dcStatus: inv.dcStatus,
          codeIsOurCaseNumber: inv.debtCollectionCode === undefined ? null : inv.debtCollectionCode === caseNumberOf.get(String(inv.invoiceNo)),
          balanceAgencyMinor: k?.balanceAgencyMinor,
          lastStatusText: updates.at(-1)?.statusText ?? null,
        };
      });
    return {
      cases: cases.map((c) => ({ invoiceNumber: c.invoice_number, stage: c.stage, balance: openBalance(c) })),
      payments,
      outbox,
      runningRuns: running.length,
      ledger: {
        invoices,
        casesAlive: ledgerCases.length,
        counters: { casesCreated: counters.casesCreated, casesDeleted: counters.casesDeleted, vouchersPosted: counters.vouchersPosted },
      },
    };
  } finally {
    await done();
  }
}

describe(`the sync killed mid-run (${serverUrl ? "PostgreSQL server" : "embedded PGlite"})`, () => {
  it("killed with SIGKILL and started again: the same end state as a clean run, no case created twice", async () => {
    const clean = await world("clean");
    const killed = await world("killed");

    // Phase 1: cases opened, one invoice rejected. Phase 2: payments in the ledger reach the cases and their status goes back.
    await syncToCompletion(clean);
    payInLedger(clean);
    await syncToCompletion(clean);
    const expected = await endState(clean);

    // Killed while importing; just after a rejection's case was deleted in the ledger (the outbox
    // row not yet marked); just after a case was created there (its id not yet recorded); and
    // just after a status update.
    await syncKilledAt(killed, { method: "GET", path: /\/MatchedItems\//i, nth: 5 });
    await syncKilledAt(killed, { method: "DELETE", path: /^\/DebtCollection\//i, nth: 1 });
    await syncKilledAt(killed, { method: "POST", path: /^\/DebtCollection\/?(\?|$)/i, nth: 3 });
    await syncToCompletion(killed);
    payInLedger(killed);
    await syncKilledAt(killed, { method: "POST", path: /\/UpdateStatus/i, nth: 2 });
    await syncToCompletion(killed);
    const actual = await endState(killed);

    expect(expected.cases.length).toBeGreaterThan(10);
    expect(expected.payments.length).toBe(6);
    expect(expected.ledger.invoices.filter((i) => i.lastStatusText !== null).length).toBe(6);
    expect(expected.ledger.counters.casesDeleted).toBe(1);
    for (const s of [expected, actual]) {
      // No duplicate case in the ledger: every case created is alive, or is the one rejection deleted.
      expect(s.ledger.counters.casesCreated).toBe(s.ledger.casesAlive + s.ledger.counters.casesDeleted);
      expect(s.ledger.casesAlive).toBe(s.cases.length);
      expect(s.ledger.invoices.every((i) => i.codeIsOurCaseNumber !== false)).toBe(true);
      expect(s.runningRuns).toBe(0);
    }
    expect(actual).toEqual(expected);
  }, 90_000);
});
