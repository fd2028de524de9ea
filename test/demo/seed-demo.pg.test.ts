import { agencyFromEnv } from "../../src/collection/agency.js";
import { loadConfig } from "../../src/platform/config.js";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyPassword } from "../../src/access/passwords.js";
import { LocalDate } from "../../src/domain/calendar/local-date.js";
import { DomainError } from "../../src/domain/errors.js";
import { startDemoSandbox } from "../../src/demo/demo-sandbox.js";
import { CLIENT_PROFILES } from "../../src/demo/demo-profiles.js";
import { isDemoSeeded, seedDemo, type DemoInfo } from "../../src/demo/seed-demo.js";
import { startDemoDelivery, type DemoDelivery } from "../../src/demo/demo-delivery.js";
import { ledgerSyncDeps, syncAllCreditors } from "../../src/integration/sync/index.js";
import { simulatedClock } from "../../src/platform/clock.js";
import { createLogger } from "../../src/platform/logger.js";
import { loadRuleBook } from "../../src/platform/rule-book.js";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";

const rules = loadRuleBook();
const today = LocalDate.parse("2025-06-16");
let t: TestDatabase;
let dataDir: string;
let info: DemoInfo;
let delivery: DemoDelivery;
const steps = new Map<string, { done: number; total: number }>();

beforeAll(async () => {
  t = await createTestDatabase();
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), "fordring-demo-test-"));
  delivery = await startDemoDelivery(dataDir);
  info = await seedDemo({
    delivery,
    agency: agencyFromEnv({}),
    database: t.database,
    rules,
    logger: createLogger("silent"),
    today,
    progress: (step, done, total) => steps.set(step, { done, total }),
    publicUrl: "http://localhost:3000",
    dataDir,
  });
}, 300_000);

afterAll(async () => {
  await info?.sandbox.stop();
  await delivery?.stop();
  await t.drop();
  await fs.rm(dataDir, { recursive: true, force: true });
});

const count = async (sql: string, params: unknown[] = []) => (await t.database.query<{ n: number }>(sql, params))[0]!.n;

describe("the seeded demo", () => {
  it("has the firm and its active Norwegian clients, each with a payout account; three with a PowerOffice integration", async () => {
    const creditors = await t.database.query<{ code: string; firm_id: string; status: string; bank_account: { accountNumber: string; active: boolean } }>(
      "select code, firm_id, status, bank_account from creditors where jurisdiction = 'NO' order by code",
    );
    // RORLEGGER is the fourth, small client on Visma.net (demo-ledgers.ts).
    expect(creditors.map((c) => c.code)).toEqual(["BERGROR", "FJORD", "NORDLYS", "RORLEGGER"]);
    for (const c of creditors) {
      expect(c.firm_id).toBe(info.firmId);
      expect(c.status).toBe("active");
      expect(c.bank_account.active).toBe(true);
    }
    expect(await count("select count(*)::int as n from ledger_integrations where kind = 'poweroffice' and can_create_cases and settings->>'baseUrl' = $1", [info.sandbox.url])).toBe(3);
    expect(info.creditors.map((c) => c.code).sort()).toEqual(["BERGROR", "FJORD", "NORDLYS", "RORLEGGER", "UPPSALA"]);
  });

  it("has integrations of kinds poweroffice, procountor and visma-net, with cases opened from each", async () => {
    const kinds = await t.database.query<{ kind: string; code: string; cases: number }>(
      `select i.kind, c.code,
              (select count(*)::int from cases k join claims l on l.id = k.claim_id where k.creditor_id = c.id and l.source = i.kind) as cases
         from ledger_integrations i join creditors c on c.id = i.creditor_id order by i.kind, c.code`,
    );
    expect(kinds.map((k) => `${k.kind}:${k.code}`)).toEqual(["poweroffice:BERGROR", "poweroffice:FJORD", "poweroffice:NORDLYS", "procountor:UPPSALA", "visma-net:RORLEGGER"]);
    for (const k of kinds) expect(k.cases, `${k.kind}:${k.code}`).toBeGreaterThan(0);
    // The Swedish cases from Procountor are in SEK, the Visma.net ones in NOK.
    const currencies = await t.database.query<{ code: string; currency: string }>("select distinct c.code, k.currency from cases k join creditors c on c.id = k.creditor_id where c.code in ('UPPSALA', 'RORLEGGER') order by 1");
    expect(currencies).toEqual([
      { code: "RORLEGGER", currency: "NOK" },
      { code: "UPPSALA", currency: "SEK" },
    ]);
    expect(Object.keys(info.credentials)).toEqual(expect.arrayContaining(["DEMO_PROCOUNTOR_UPPSALA", "DEMO_VISMANET_RORLEGGER"]));
  });

  it("has a Swedish client beside them: SEK cases under Swedish law in several stages, paid through BgMax files to the agency's Bankgiro", async () => {
    const [se] = await t.database.query<{ id: string; firm_id: string; status: string; currency: string; org_number: string }>("select id, firm_id, status, currency, org_number from creditors where jurisdiction = 'SE'");
    expect(se).toMatchObject({ firm_id: info.firmId, status: "active", currency: "SEK", org_number: "556016-0680" });
    const stages = await t.database.query<{ state: string }>(
      "select distinct case when closed_on is null then stage else 'closed:' || close_reason end as state from cases where creditor_id = $1",
      [se!.id],
    );
    for (const state of ["reminder", "collection-notice", "legal", "closed:paid"]) expect(stages.map((s) => s.state), state).toContain(state);
    expect(await count("select count(*)::int as n from cases where creditor_id = $1 and currency <> 'SEK'", [se!.id])).toBe(0);
    expect(await count("select count(*)::int as n from charges where case_id in (select id from cases where creditor_id = $1) and kind = 'collection-fee' and amount_minor = 18000", [se!.id])).toBeGreaterThan(0);
    expect(await count("select count(*)::int as n from bank_files where format = 'bgmax'")).toBeGreaterThanOrEqual(2);
    expect(await count("select count(*)::int as n from bank_payments where currency = 'SEK' and status = 'matched'")).toBeGreaterThan(0);
    expect(await count("select count(*)::int as n from letters where language = 'sv' and status = 'rendered'")).toBeGreaterThan(0);
  });

  it("has a few hundred invoices and cases in every state the portal shows", async () => {
    expect(info.counts.invoices).toBeGreaterThanOrEqual(150);
    const byState = info.counts.casesByState;
    for (const state of ["collection-notice", "payment-demand", "awaiting-legal-approval", "closed:paid"]) expect(byState[state] ?? 0, state).toBeGreaterThan(0);
    expect(info.counts.paused).toBeGreaterThanOrEqual(1);
    expect(info.counts.disputed).toBe(1);
    // Payments both ways: to the creditor (read from the ledger) and to the agency (OCR giro files).
    expect(await count("select count(*)::int as n from payments where channel = 'creditor'")).toBeGreaterThan(0);
    expect(await count("select count(*)::int as n from bank_payments where status = 'matched'")).toBeGreaterThan(0);
    expect(info.counts.bankFiles).toBeGreaterThanOrEqual(4);
  });

  it("has drafts waiting for approval in the draft list of the client that approves transfers by hand", async () => {
    expect(info.counts.drafts).toBeGreaterThanOrEqual(2);
    const [fjord] = await t.database.query<{ mode: string; drafts: number; approved: number }>(
      `select c.settings->'transfer'->>'mode' as mode,
              (select count(*)::int from claims cl where cl.creditor_id = c.id and cl.transfer_state = 'draft') as drafts,
              (select count(*)::int from claims cl where cl.creditor_id = c.id and cl.eligibility ? 'approvedBy') as approved
         from creditors c where c.code = 'FJORD'`,
    );
    // The one other draft is the Swedish client's financed invoice in Procountor: Procountor's rules let it go by hand only.
    const [uppsala] = await t.database.query<{ drafts: number; financed: number }>(
      `select count(*)::int as drafts, count(*) filter (where cl.eligibility::text like '%financed_manual_only%')::int as financed
         from claims cl join creditors c on c.id = cl.creditor_id where c.code = 'UPPSALA' and cl.transfer_state = 'draft'`,
    );
    expect(uppsala).toEqual({ drafts: 1, financed: 1 });
    expect(fjord).toEqual({ mode: "manual", drafts: info.counts.drafts - uppsala!.drafts, approved: expect.any(Number) });
    expect(fjord!.approved).toBeGreaterThan(0);
  });

  it("has blocked invoices: a customer without an address and one marked 'do not transfer'", async () => {
    const reasons = await t.database.query<{ code: string }>("select distinct jsonb_array_elements(payload->'reasons')->>'code' as code from outbox where kind = 'ledger-rejection'");
    expect(reasons.length).toBeGreaterThanOrEqual(2);
    expect(await count("select count(*)::int as n from outbox where kind = 'ledger-rejection' and status = 'delivered'")).toBe(info.counts.blocked);
  });

  it("has settlements whose vouchers were delivered to the ledger (kept in the sandbox's saved ledgers)", async () => {
    // The PowerOffice clients' (the Swedish client's went to Procountor, whose sandbox is not saved).
    const settlements = await t.database.query<{ id: string; creditor_id: string }>(
      `select s.id, s.creditor_id from settlements s join outbox o on o.idempotency_key = 'settlement-voucher:' || s.id and o.status = 'delivered'
        where s.creditor_id in (select creditor_id from ledger_integrations where kind = 'poweroffice')`,
    );
    expect(settlements.length).toBeGreaterThanOrEqual(3);
    const saved = JSON.parse(await fs.readFile(path.join(dataDir, "demo-poweroffice.json"), "utf8")) as { tenants: Record<string, { vouchers: { externalImportReference?: string }[] }> };
    const refs = new Set(Object.values(saved.tenants).flatMap((tenant) => tenant.vouchers.map((v) => v.externalImportReference)));
    for (const s of settlements) expect(refs.has(`fordring:set-${s.id}`), s.id).toBe(true);
  });

  it("has its letters rendered as PDFs", async () => {
    expect(info.counts.letters).toBeGreaterThan(50);
    expect(await count("select count(*)::int as n from letters where status <> 'rendered' or pdf is null")).toBe(0);
    const [letter] = await t.database.query<{ pdf: Buffer }>("select pdf from letters order by created_at limit 1");
    expect(Buffer.from(letter!.pdf).subarray(0, 5).toString("latin1")).toBe("%PDF-");
  });

  it("has the demo logins with their roles, and the printed password verifies", async () => {
    expect(info.logins.map((l) => [l.email, l.role])).toEqual([
      ["demo@fordring.test", "firm-admin"],
      ["nordlys@fordring.test", "creditor-user"],
      ["operator@fordring.test", "operator-admin"],
    ]);
    const [user] = await t.database.query<{ id: string; password_hash: string }>("select id, password_hash from users where email = 'demo@fordring.test'");
    expect(await verifyPassword("demo-fordring", user!.password_hash)).toBe(true);
    expect(await verifyPassword("wrong-password", user!.password_hash)).toBe(false);
    const [grant] = await t.database.query<{ role: string; firm_id: string }>("select role, firm_id from memberships where user_id = $1", [user!.id]);
    expect(grant).toEqual({ role: "firm-admin", firm_id: info.firmId });
  });

  it("reported its progress to the end of every step", () => {
    for (const step of ["ledgers", "days", "letters", "users"]) {
      const p = steps.get(step);
      expect(p, step).toBeDefined();
      expect(p!.done, step).toBe(p!.total);
    }
  });

  it("is refused a second time and says how to start over", async () => {
    expect(await isDemoSeeded(t.database)).toBe(true);
    const again = seedDemo({ agency: agencyFromEnv({}), database: t.database, rules, logger: createLogger("silent"), today, progress: () => undefined, publicUrl: "http://localhost:3000" });
    await expect(again).rejects.toBeInstanceOf(DomainError);
    await expect(again).rejects.toThrow(/delete the data directory/);
  });

  it("comes back after a restart from the data directory, and the worker's sync reaches it", async () => {
    await info.sandbox.stop();
    // The clients' keys come back with the sandbox (nothing is taken from this process's environment).
    for (const p of CLIENT_PROFILES) delete process.env[p.clientKeyEnv];
    const sandbox = await startDemoSandbox(t.database, dataDir);
    expect(Object.keys(sandbox.credentials).sort()).toEqual(["DEMO_PROCOUNTOR_UPPSALA", "DEMO_VISMANET_RORLEGGER", "POWEROFFICE_APPLICATION_KEY", ...CLIENT_PROFILES.map((p) => p.clientKeyEnv)].sort());
    try {
      expect(await count("select count(*)::int as n from ledger_integrations where settings->>'baseUrl' = $1", [sandbox.url])).toBe(3);
      const results = await syncAllCreditors(t.database, ledgerSyncDeps({ clock: simulatedClock(today), rules, config: { credentialVariables: sandbox.credentials, publicUrl: undefined, agency: loadConfig({}).agency }, trigger: "daily" }));
      // Three PowerOffice clients, the Swedish one on Procountor and the Visma.net one: their sandboxes came back too.
      expect(results.flatMap((r) => r.integrations.map((i) => i.status))).toEqual(["ok", "ok", "ok", "ok", "ok"]);
      // The ledgers still hold every case the seeding opened: nothing new to open, nothing rejected again.
      for (const r of results) for (const i of r.integrations) expect(i.counts["opened"] ?? 0).toBe(0);
    } finally {
      await sandbox.stop();
    }
  });
});

describe("the demo's letters reach people", () => {
  it("each simulated day's letters left that day through the Digipost sandbox, the demo's SMTP server and the print batch; none waits, none had its deadline moved", async () => {
    const byChannel = await t.database.query<{ channel: string | null; delivery_status: string; n: number }>("select channel, delivery_status, count(*)::int as n from letters group by 1, 2 order by 1, 2");
    const sent = (channel: string) => byChannel.filter((r) => r.channel === channel && ["sent", "delivered", "read"].includes(r.delivery_status)).reduce((a, r) => a + r.n, 0);
    expect(sent("digipost")).toBeGreaterThan(0);
    expect(sent("email")).toBeGreaterThan(0);
    expect(sent("paper")).toBeGreaterThan(0);
    expect(await count("select count(*)::int as n from letters where delivery_status = 'queued'")).toBe(0);
    expect(await count("select count(*)::int as n from letters where dispatched_on is not null and dispatched_on <> sent_on")).toBe(0);
    expect(await count("select count(*)::int as n from case_events where type = 'letter-deadline-moved'")).toBe(0);
    const mails = await fs.readdir(delivery.mailDir);
    expect(mails.length).toBe(sent("email"));
    expect((await fs.readFile(path.join(delivery.mailDir, mails[0]!), "utf8")).replace(/\r?\n[ \t]+/g, " ")).toMatch(/Content-Type: application\/pdf; name=.*\.pdf/);
    const days = (await fs.readdir(delivery.printDir)).filter((f) => /^fordring-print-\d{4}-\d{2}-\d{2}\.pdf$/.test(f));
    expect(days.length).toBeGreaterThan(0);
  });
});
