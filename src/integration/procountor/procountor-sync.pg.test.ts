import { describe, expect, it } from "vitest";
import { procountorTestDatabase } from "../../../test/support/procountor-database.js";
import { serverUrl } from "../../../test/support/test-database.js";
import { agencyFromEnv } from "../../collection/agency.js";
import { recordPayment } from "../../collection/actions/record-payment.js";
import { runCycleDay } from "../../collection/engine/daily-cycle.js";
import { syncStatus } from "../sync/sync-status.js";
import { syncUntilSettled, type ProcountorSyncRig } from "./procountor-sync-kit.js";
import type { ProcountorSandboxOptions } from "./sandbox/index.js";

/**
 * The sync against a Procountor company: invoices become cases and the ledger's notes carry our
 * case number and status; payments and credit notes in the ledger reach the cases; the agency's
 * payments reach the ledger as one journal a day on 1512. With a fifth of the answers failing
 * (429, 500, hangs after the work was done, bodies cut in half) and tokens expiring mid-sync, the
 * end state is a clean run's and nothing is posted twice; a garbled invoice is set aside alone.
 */
const ADDRESSES = [
  { street: "Strandgata 5", zip: "9008", city: "TROMSØ", country: "NORWAY" },
  { street: "Bjørkeveien 12", zip: "6002", city: "ÅLESUND", country: "NORWAY" },
];

function seed(r: ProcountorSyncRig) {
  const ledger = r.rig.sandbox.ledger;
  const firm = ledger.addPartner({ name: "Bjørnstad Rør AS", customerNumber: "10001", identifier: "974760673", address: ADDRESSES[0]! });
  const person = ledger.addPartner({ name: "Åse Ødegård", customerNumber: "10002", isPerson: true, address: ADDRESSES[1]! });
  const nowhere = ledger.addPartner({ name: "Uten Adresse AS", customerNumber: "10003", identifier: "923609016" });
  for (let i = 0; i < 8; i++) {
    ledger.addInvoice({ partnerId: i % 2 === 0 ? firm.id : person.id, invoiceNumber: 8001 + i, date: "2025-01-02", dueDate: "2025-01-16", sumMinor: 1_000_50 + 125_00 * i, currency: "NOK", notes: i === 0 ? "Selgers notat: ring før purring." : "" });
  }
  ledger.addInvoice({ partnerId: nowhere.id, invoiceNumber: 8100, date: "2025-01-02", dueDate: "2025-01-16", sumMinor: 400_00, currency: "NOK" });
}

describe(`Procountor sync (${serverUrl ? "PostgreSQL server" : "embedded PGlite"})`, () => {
  const t = procountorTestDatabase();
  const db = () => t.database;

  async function scenario(options: Omit<ProcountorSandboxOptions, "clock">) {
    const rig = await t.rig({ ...options, start: "2025-03-01T09:00:00Z", connector: { timeoutMs: 150, maxAttempts: 6 } });
    const ledger = rig.rig.sandbox.ledger;
    seed(rig);
    let runs = await syncUntilSettled(rig);
    rig.clock.advance(3_600_000);
    ledger.referencePayment(ledger.invoiceByNumber(8001).id, { amountMinor: 500_00, date: "2025-03-01" });
    ledger.referencePayment(ledger.invoiceByNumber(8002).id, { amountMinor: 1_125_50, date: "2025-03-01" });
    ledger.paymentEvent(ledger.invoiceByNumber(8003).id, { type: "COMPENSATIONINVOICE", amountMinor: 250_00, date: "2025-03-01" });
    runs += await syncUntilSettled(rig);
    await runCycleDay(db(), rig.creditorId, rig.clock.today(), { agency: agencyFromEnv(), rules: rig.deps.rules, actor: "test" });
    runs += await syncUntilSettled(rig);
    // Two debtors pay the agency the same day: one journal for the day.
    const cases = await db().query<{ id: string; invoice_number: string; case_number: string }>("select k.id, cl.invoice_number, k.case_number from cases k join claims cl on cl.id = k.claim_id where k.creditor_id = $1", [rig.creditorId]);
    const today = rig.clock.today();
    for (const [n, amount] of [["8004", 300_00], ["8005", 200_00]] as const) {
      const k = cases.find((c) => c.invoice_number === n)!;
      await db().transaction((tx) => recordPayment(tx, { agency: agencyFromEnv(), caseId: k.id, amountMinor: amount, receivedOn: today, channel: "agency", source: "bank", externalRef: `bank-${n}-${rig.creditorId}`, today, actor: "test", rules: rig.deps.rules }));
    }
    rig.clock.advance(3_600_000);
    runs += await syncUntilSettled(rig);

    const caseNumberOf = new Map(cases.map((c) => [c.invoice_number, c.case_number]));
    const invoices = [...ledger.company.invoices.values()].sort((a, b) => a.invoiceNumber - b.invoiceNumber).map((inv) => {
      const ours = caseNumberOf.get(String(inv.invoiceNumber));
      return { n: inv.invoiceNumber, status: inv.status, notes: ours ? inv.notes.replaceAll(ours, "<case>").replace(/https?:\/\/\S+/g, "<url>") : inv.notes };
    });
    const payments = await db().query<{ invoice_number: string; channel: string; amount_minor: number }>(
      "select cl.invoice_number, p.channel, p.amount_minor from payments p join cases k on k.id = p.case_id join claims cl on cl.id = k.claim_id where p.creditor_id = $1 order by 1, 2",
      [rig.creditorId],
    );
    const stages = await db().query<{ invoice_number: string; stage: string }>("select cl.invoice_number, k.stage from cases k join claims cl on cl.id = k.claim_id where k.creditor_id = $1 order by 1", [rig.creditorId]);
    const journals = [...ledger.company.receipts.values()].filter((x) => x.type === "JOURNAL").map((j) => j.transactions.map((tr) => [tr.account, tr.accountingValueMinor, tr.partnerId === undefined ? null : ledger.company.partners.get(tr.partnerId)!.name]));
    const result = { runs, faults: { ...rig.rig.sandbox.state.faultsInjected }, tokens: rig.rig.requests.filter((q) => q === "POST /oauth/token").length, state: { invoices, payments, stages: stages.map((s) => [s.invoice_number, s.stage]), journals } };
    return result;
  }

  it("with ~20 % of the answers failing and tokens expiring mid-sync, the end state is a clean run's, nothing posted twice", async () => {
    const clean = await scenario({});
    const s = clean.state;
    // Eight cases, our case line and status in each one's notes, the creditor's own note kept.
    expect(s.stages).toHaveLength(8);
    expect(s.invoices[0]!.notes).toBe("Selgers notat: ring før purring.\nInkasso (Fordring): ärende <case> <url>\nInkasso (Fordring) status: Inkassovarsel sendt; saldo " + s.invoices[0]!.notes.split("saldo ")[1]);
    expect(s.invoices.slice(0, 8).every((i) => i.notes.includes("ärende <case>") && i.notes.includes("status: Inkassovarsel sendt"))).toBe(true);
    // The invoice without the customer's address is refused, the reason written in the ledger.
    expect(s.invoices[8]).toMatchObject({ n: 8100, status: "SENT" });
    expect(s.invoices[8]!.notes).toMatch(/^Inkasso \(Fordring\): överförs inte – .*adresse/i);
    expect(s.payments).toEqual([
      { invoice_number: "8001", channel: "creditor", amount_minor: 500_00 },
      { invoice_number: "8002", channel: "creditor", amount_minor: 1_125_50 },
      { invoice_number: "8003", channel: "credit-note", amount_minor: 250_00 },
      { invoice_number: "8004", channel: "agency", amount_minor: 300_00 },
      { invoice_number: "8005", channel: "agency", amount_minor: 200_00 },
    ]);
    // One journal for the day: 1512 takes the total, each customer its payment on 1510.
    expect(s.journals).toEqual([[["1512", 500_00, null], ["1510", -300_00, "Åse Ødegård"], ["1510", -200_00, "Bjørnstad Rør AS"]]]);

    const injected = { "429": 0, "500": 0, timeout: 0, malformed: 0 };
    for (const seed of [5, 6, 7]) {
      const faulty = await scenario({ faults: { rate: 0.2, seed, hangMs: 400 }, tokenTtlSeconds: 20 });
      for (const k of Object.keys(injected) as (keyof typeof injected)[]) injected[k] += faulty.faults[k];
      expect(faulty.state, `fault seed ${seed}`).toEqual(clean.state);
      expect(faulty.tokens, "tokens expired and were fetched again mid-sync").toBeGreaterThan(1);
    }
    expect(Object.values(injected).every((n) => n > 0)).toBe(true);
  });

  it("sets a garbled invoice aside alone, with the ledger's answer, and takes it on the next run", async () => {
    const r = await t.rig({ start: "2025-03-01T09:00:00Z" });
    seed(r);
    const bad = r.rig.sandbox.ledger.invoiceByNumber(8002).id;
    const garbled = '{"id":' + bad + ',"partnerId":';
    r.interceptFetch((inner) => async (url, init) => {
      const res = await inner(url, init);
      if (!new URL(url).pathname.endsWith(`/invoices/${bad}`)) return res;
      return { status: 200, headers: res.headers, arrayBuffer: async () => new TextEncoder().encode(garbled).buffer as ArrayBuffer };
    });
    const result = await r.sync();
    expect(result.integrations[0]).toMatchObject({ status: "partial", setAside: 1, counts: { opened: 7 } });
    const [status] = await syncStatus(db(), { creditorId: r.creditorId });
    expect(status!.lastRun!.setAside).toEqual([expect.objectContaining({ step: "invoices", outcome: "error", error: expect.objectContaining({ code: "invalid", response: { status: 200, body: garbled } }) })]);
    r.interceptFetch((inner) => inner);
    const next = await r.sync();
    expect(next.integrations[0]).toMatchObject({ status: "ok", counts: { opened: 1 } });
    expect(r.rig.sandbox.ledger.invoiceByNumber(8002).notes).toMatch(/ärende /);
  });
});
