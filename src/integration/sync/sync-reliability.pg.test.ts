import { describe, expect, it } from "vitest";
import { syncTestDatabase } from "../../../test/support/sync-database.js";
import { serverUrl } from "../../../test/support/test-database.js";
import { runCycleDay } from "../../collection/engine/daily-cycle.js";
import { DebtCollectionStatus, type PowerOfficeSandboxOptions } from "../poweroffice/sandbox/index.js";
import { listIntegrations, moveCaseCreation } from "./integrations.js";
import { SECOND_CLIENT, syncUntilSettled, type SyncRig } from "./sync-test-kit.js";
import { DEMO_CLIENT } from "../poweroffice/sandbox/index.js";
import { agencyFromEnv } from "../../collection/agency.js";

/**
 * Reliability: with a fifth of PowerOffice's answers failing (429, 500, timeouts after the work
 * was done, bodies cut in half), repeated syncs reach the same end state as a clean run, and the
 * sandbox's counters show no case, rejection or status update written twice. And several
 * integrations on one creditor: only the case-creating one opens cases.
 */
const CUSTOMERS = [
  { code: 10001, name: "Bjørnstad Rør AS", organizationNumber: "974760673", mailAddress: { address1: "Strandgata 5", zipCode: "9008", city: "TROMSØ", countryCode: "NO" } },
  { code: 10002, name: "Åse Ødegård", isPerson: true, dateOfBirth: "1979-05-17", mailAddress: { address1: "Bjørkeveien 12", zipCode: "6002", city: "ÅLESUND", countryCode: "NO" } },
  { code: 10003, name: "Uten Adresse AS", organizationNumber: "923609016" },
];

const INVOICES = [
  ...Array.from({ length: 8 }, (_, i) => ({
    invoiceNo: 8001 + i,
    customerCode: i % 2 === 0 ? 10001 : 10002,
    invoiceDate: "2025-01-02",
    dueDate: "2025-01-16",
    amount: `${1000 + 125 * i}.50`,
    status: "Approved" as const,
  })),
  { invoiceNo: 8100, customerCode: 10003, invoiceDate: "2025-01-02", dueDate: "2025-01-16", amount: "400.00", status: "Approved" as const },
];

describe(`ledger sync reliability (${serverUrl ? "PostgreSQL server" : "embedded PGlite"})`, () => {
  const t = syncTestDatabase();
  let r: SyncRig | undefined;

  /** Opening, payments and a credit note in the ledger, the daily cycle's letters: each phase synced until settled. */
  async function scenario(options: PowerOfficeSandboxOptions) {
    r = await t.rig({ ...options, connector: { timeoutMs: 150, maxAttempts: 6 } });
    const rig = r;
    const ledger = rig.rig.sandbox.ledger;
    rig.rig.sandbox.seed({ customers: CUSTOMERS, invoices: INVOICES });
    let runs = await syncUntilSettled(rig);
    rig.clock.advance(3_600_000);
    ledger.registerPayment(ledger.invoiceByNo(8001).id, { amountMinor: 500_00, date: "2025-03-01" });
    ledger.registerPayment(ledger.invoiceByNo(8002).id, { amountMinor: 1_125_50, date: "2025-03-01", voucherType: "IncomingOcrGiro" });
    ledger.creditNote(ledger.invoiceByNo(8003).id, { amountMinor: 250_00, date: "2025-03-01" });
    runs += await syncUntilSettled(rig);
    await runCycleDay(t.database, rig.creditorId, rig.clock.today(), { agency: agencyFromEnv(), rules: rig.deps.rules, actor: "test" });
    runs += await syncUntilSettled(rig);

    const counters = rig.rig.sandbox.state.tenant().counters;
    const ours = await t.database.query<{ invoice_number: string; case_number: string; stage: string }>(
      "select cl.invoice_number, k.case_number, k.stage from cases k join claims cl on cl.id = k.claim_id where k.creditor_id = $1",
      [rig.creditorId],
    );
    const caseNumberOf = new Map(ours.map((c) => [c.invoice_number, c.case_number]));
    const delivered = await t.database.query<{ case_id: string; n: number }>(
      "select payload->>'caseId' as case_id, count(*)::int as n from outbox where creditor_id = $1 and kind = 'case-status' and status = 'delivered' group by 1",
      [rig.creditorId],
    );
    const payments = await t.database.query<{ invoice_number: string; channel: string; amount_minor: number }>(
      "select cl.invoice_number, p.channel, p.amount_minor from payments p join cases k on k.id = p.case_id join claims cl on cl.id = k.claim_id where p.creditor_id = $1 order by 1, 2",
      [rig.creditorId],
    );
    const invoices = ledger.invoices().sort((a, b) => a.invoiceNo - b.invoiceNo).map((inv) => {
      const k = ledger.cases().find((c) => c.id === inv.caseId);
      return {
        invoiceNo: inv.invoiceNo,
        dcStatus: inv.dcStatus,
        codeIsOurCaseNumber: inv.debtCollectionCode !== undefined && inv.debtCollectionCode === caseNumberOf.get(String(inv.invoiceNo)),
        statusText: k?.statusText,
        balanceAgencyMinor: k?.balanceAgencyMinor,
        statusTexts: k ? (counters.statusUpdates.get(k.id) ?? []).map((u) => u.statusText) : [],
      };
    });
    return {
      runs,
      faults: { ...rig.rig.sandbox.state.faultsInjected },
      statusUpdatesPerCase: [...counters.statusUpdates.entries()].map(([id, list]) => [ledger.cases().find((c) => c.id === id)?.code, list.length]).sort(),
      deliveredPerCase: delivered.length,
      state: {
        invoices,
        payments,
        stages: ours.map((c) => [c.invoice_number, c.stage]).sort(),
        counters: { casesCreated: counters.casesCreated, casesDeleted: counters.casesDeleted, vouchersPosted: counters.vouchersPosted },
        statusUpdates: [...counters.statusUpdates.values()].flat().length,
        deliveredStatusRows: delivered.reduce((s, d) => s + d.n, 0),
      },
    };
  }

  it("with ~20 % of the answers failing, the end state is a clean run's, with nothing written twice", async () => {
    const clean = await scenario({});
    await r!.close();
    r = undefined;
    expect(clean.runs).toBe(3);

    const s = clean.state;
    // Eight cases and one rejection (its temporary case deleted): every case created exactly once.
    expect(s.counters).toEqual({ casesCreated: 9, casesDeleted: 1, vouchersPosted: 0 });
    expect(s.invoices.filter((i) => i.dcStatus === DebtCollectionStatus.Exported && i.codeIsOurCaseNumber)).toHaveLength(8);
    expect(s.invoices.find((i) => i.invoiceNo === 8100)!.dcStatus).toBe(DebtCollectionStatus.Rejected);
    // One UpdateStatus call per delivered status row, no more.
    expect(s.statusUpdates).toBe(s.deliveredStatusRows);
    expect(s.payments).toEqual([
      { invoice_number: "8001", channel: "creditor", amount_minor: 500_00 },
      { invoice_number: "8002", channel: "creditor", amount_minor: 1_125_50 },
      { invoice_number: "8003", channel: "credit-note", amount_minor: 250_00 },
    ]);
    expect(s.invoices.every((i) => i.invoiceNo === 8100 || i.statusText === "Inkassovarsel sendt")).toBe(true);

    // The same story with faults, under several fault sequences.
    const injected = { "429": 0, "500": 0, timeout: 0, malformed: 0 };
    for (const seed of [5, 6, 7, 8]) {
      const faulty = await scenario({ faults: { rate: 0.2, seed, hangMs: 400 } });
      await r!.close();
      r = undefined;
      for (const k of Object.keys(injected) as (keyof typeof injected)[]) injected[k] += faulty.faults[k];
      expect(faulty.state, `fault seed ${seed}`).toEqual(clean.state);
    }
    // Faults of every kind happened, the ones that tempt a second write included.
    expect(Object.values(injected).every((n) => n > 0)).toBe(true);
  });

  it("several integrations: only the case-creating one opens cases; the other keeps syncing its cases", async () => {
    r = await t.rig({ clientsWithIntegrations: [DEMO_CLIENT, SECOND_CLIENT] });
    const demo = r.rig.sandbox.ledgerFor(DEMO_CLIENT.clientKey);
    const second = r.rig.sandbox.ledgerFor(SECOND_CLIENT.clientKey);
    const demoId = r.integrations.get(DEMO_CLIENT.clientKey)!;
    const secondId = r.integrations.get(SECOND_CLIENT.clientKey)!;
    // The same customer code in both ledgers, for two different customers.
    r.rig.sandbox.seed({ customers: [CUSTOMERS[0]!], invoices: [{ invoiceNo: 6001, customerCode: 10001, invoiceDate: "2025-01-02", dueDate: "2025-01-16", amount: "600.00", status: "Approved" }] });
    r.rig.sandbox.seed(
      { customers: [{ ...CUSTOMERS[1]!, code: 10001 }], invoices: [{ invoiceNo: 7001, customerCode: 10001, invoiceDate: "2025-01-02", dueDate: "2025-01-16", amount: "700.00", status: "Approved" }] },
      { clientKey: SECOND_CLIENT.clientKey },
    );

    const first = await r.sync();
    expect(first.integrations.map((i) => [i.integrationId, i.status, i.counts["opened"] ?? 0])).toEqual([[demoId, "ok", 1], [secondId, "ok", 0]]);
    expect(second.invoiceByNo(7001).dcStatus).toBe(DebtCollectionStatus.Approved);

    await moveCaseCreation(t.database, r.creditorId, secondId);
    expect((await listIntegrations(t.database, r.creditorId)).map((i) => [i.id, i.canCreateCases])).toEqual([[secondId, true], [demoId, false]]);
    await expect(t.database.query("update ledger_integrations set can_create_cases = true where id = $1", [demoId])).rejects.toThrow();

    r.clock.advance(3_600_000);
    demo.addInvoice({ invoiceNo: 6002, customerCode: 10001, invoiceDate: "2025-01-03", dueDate: "2025-01-17", amountMinor: 300_00 });
    demo.transition(demo.invoiceByNo(6002).id, "send");
    demo.approve(demo.invoiceByNo(6002).id);
    demo.registerPayment(demo.invoiceByNo(6001).id, { amountMinor: 600_00, date: "2025-03-01" });

    const next = await r.sync();
    const byId = new Map(next.integrations.map((i) => [i.integrationId, i]));
    expect(byId.get(secondId)).toMatchObject({ status: "ok", counts: { opened: 1, casesRegistered: 1 } });
    expect(byId.get(demoId)).toMatchObject({ status: "ok", counts: { paymentsRecorded: 1 } });
    expect(byId.get(demoId)!.counts["opened"]).toBeUndefined();
    expect(second.invoiceByNo(7001).dcStatus).toBe(DebtCollectionStatus.Exported);
    expect(demo.invoiceByNo(6002).dcStatus).toBe(DebtCollectionStatus.Approved);

    const debtors = await t.database.query<{ name: string }>("select name from debtors where creditor_id = $1 order by name", [r.creditorId]);
    expect(debtors.map((d) => d.name)).toEqual(["Bjørnstad Rør AS", "Åse Ødegård"]);
    // The old integration's case got the payment, and its new balance went to the old ledger.
    const [paid] = await t.database.query<{ amount_minor: number; channel: string }>(
      "select p.amount_minor, p.channel from payments p join cases k on k.id = p.case_id join claims cl on cl.id = k.claim_id where p.creditor_id = $1 and cl.invoice_number = '6001'",
      [r.creditorId],
    );
    expect(paid).toEqual({ amount_minor: 600_00, channel: "creditor" });
    const demoCaseId = demo.invoiceByNo(6001).caseId!;
    expect(r.rig.sandbox.state.tenant(DEMO_CLIENT.clientKey).counters.statusUpdates.get(demoCaseId)).toHaveLength(1);
    expect(r.rig.sandbox.state.tenant(SECOND_CLIENT.clientKey).counters.statusUpdates.size).toBe(0);
  });
});
