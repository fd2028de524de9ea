import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, serverUrl, type TestDatabase } from "../../../test/support/test-database.js";
import { agencyFromEnv } from "../../collection/agency.js";
import { recordPayment } from "../../collection/actions/record-payment.js";
import { runSettlement } from "../../settlement/run-settlement.js";
import { syncStatus } from "../sync/sync-status.js";
import type { Company, VismaNetSandboxOptions } from "./sandbox/index.js";
import { vismaSyncRig, type VismaSyncRig } from "./visma-net-sync-kit.js";

/**
 * A Visma.net company from the first sync through transfer, payments both ways, a credit note and
 * the case number on the invoice to a released settlement journal, on real PostgreSQL — once
 * cleanly, and once with a fifth of the answers failing (429, 500, hangs after the work was done,
 * cut bodies, background requests that never finish) and the token revoked: the same end state,
 * nothing posted twice.
 */
function seedLedger(c: Company) {
  c.addCustomer({ number: "10001", name: "Bjørnstad Rør AS", corporateId: "974760673", address: { line1: "Strandgata 5", postalCode: "9008", city: "TROMSØ" } });
  c.addCustomer({ number: "10002", name: "Åse Ødegård", address: { line1: "Bjørkeveien 12", postalCode: "6002", city: "ÅLESUND" } });
  c.addInvoice({ referenceNumber: "100001", customer: "10001", documentDate: "2025-01-02", dueDate: "2025-01-16", amountMinor: 1_250_00, paymentReference: "100010001007", dunningLevel: 1, dunningLetterDate: "2025-01-30" });
  c.addInvoice({ referenceNumber: "100002", customer: "10002", documentDate: "2025-01-03", dueDate: "2025-01-17", amountMinor: 800_00, paymentReference: "100020002006", dunningLevel: 1, dunningLetterDate: "2025-01-31" });
  // "Utelat fra prosessen for betalingsvarsler": blocked, rejected in the ledger with the reason.
  c.addInvoice({ referenceNumber: "100003", customer: "10002", documentDate: "2025-01-03", dueDate: "2025-01-17", amountMinor: 300_00, paymentReference: "100020003004", dunningLevel: 1, dunningLetterDate: "2025-01-31", excludeDebtCollection: true });
  // Not chosen by the dunning routine yet.
  c.addInvoice({ referenceNumber: "100004", customer: "10001", documentDate: "2025-01-20", dueDate: "2025-02-03", amountMinor: 99_00, paymentReference: "100010004001" });
}

describe(`Visma.net ledger sync (${serverUrl ? "PostgreSQL server" : "embedded PGlite"})`, () => {
  let t: TestDatabase | undefined;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(async () => {
    await t?.drop();
  });

  async function untilSettled(r: VismaSyncRig, maxRuns = 20): Promise<number> {
    for (let run = 1; run <= maxRuns; run++) {
      const result = await r.sync();
      const clean = result.integrations.every((i) => i.status === "ok");
      const [pending] = await t!.database.query<{ n: number }>("select count(*)::int as n from outbox where creditor_id = $1 and status = 'pending'", [r.creditorId]);
      if (clean && pending!.n === 0) return run;
      r.clock.advance(5_000);
    }
    throw new Error(`the sync did not settle in ${maxRuns} runs`);
  }

  async function scenario(options: VismaNetSandboxOptions, disturb?: (r: VismaSyncRig) => void) {
    const r = await vismaSyncRig(t!.database, { ...options, connector: { timeoutMs: 150, maxAttempts: 6, backgroundPolls: 4 } });
    try {
      const company = r.rig.sandbox.company;
      seedLedger(company);
      await untilSettled(r);
      const cases = await t!.database.query<{ id: string; case_number: string; invoice_number: string }>(
        "select k.id, k.case_number, cl.invoice_number from cases k join claims cl on cl.id = k.claim_id where k.creditor_id = $1 order by cl.invoice_number",
        [r.creditorId],
      );
      const caseOf = new Map(cases.map((c) => [c.invoice_number, c]));
      disturb?.(r);
      // The debtor pays the creditor directly, and the creditor credits part of an invoice.
      r.clock.advance(3_600_000);
      company.createPayment({ customer: "10001", date: "2025-03-01", cashAccount: "1920", paymentRef: "OCR", lines: [{ documentType: "Invoice", refNbr: "100001", amountPaidMinor: 250_00 }] });
      company.creditNote("100002", { amountMinor: 100_00, date: "2025-03-01" });
      await untilSettled(r);
      // The debtor pays the agency: journaled to the ledger on 1510 the same day.
      const today = r.clock.today();
      await t!.database.transaction((tx) =>
        recordPayment(tx, { agency: agencyFromEnv(), caseId: caseOf.get("100001")!.id, amountMinor: 400_00, receivedOn: today, channel: "agency", source: "bank", externalRef: "bank-line-1", today, actor: "test", rules: r.deps.rules }),
      );
      r.clock.advance(3_600_000);
      await untilSettled(r);
      await runSettlement(t!.database, { creditorId: r.creditorId, from: today.minusDays(60), to: r.clock.today(), settledOn: r.clock.today() });
      await untilSettled(r);
      r.clock.advance(3_600_000);
      await untilSettled(r);

      const payments = await t!.database.query<{ invoice_number: string; channel: string; amount_minor: number }>(
        "select cl.invoice_number, p.channel, p.amount_minor::int as amount_minor from payments p join cases k on k.id = p.case_id join claims cl on cl.id = k.claim_id where p.creditor_id = $1 order by 1, 2, 3",
        [r.creditorId],
      );
      const ledgerState = company.invoices().map((d) => ({ ref: d.referenceNumber, balance: d.balanceMinor, dc: { ...d.debtCollection, caseNumber: d.debtCollection.caseNumber === caseOf.get(d.referenceNumber)?.case_number ? "ours" : d.debtCollection.caseNumber?.replace(/[0-9a-f-]{8,}/g, "…") ?? null, caseUrl: d.debtCollection.caseUrl ? "set" : null } }));
      const journals = [...company.journals.values()].map((j) => ({ status: j.status, lines: j.lines.map((l) => [l.accountNumber, l.debitMinor - l.creditMinor]) }));
      return {
        cases: cases.map((c) => c.invoice_number),
        payments,
        ledgerState,
        journals,
        ledgerPayments: [...company.payments.values()].filter((p) => p.cashAccount === "1510").map((p) => ({ status: p.status, amount: p.amountMinor, lines: p.lines.map((l) => [l.refNbr, l.amountPaidMinor]) })),
        counters: { ...company.counters, invoiceUpdates: undefined },
        balance1510: company.accountBalance("1510"),
        faults: r.rig.sandbox.state.faultsInjected,
        violations: r.rig.sandbox.state.answerViolations,
      };
    } finally {
      await r.close();
    }
  }

  it("goes from the first sync through transfer, payments both ways and a credit note to a released settlement journal", async () => {
    const s = await scenario({});
    expect(s.violations).toEqual([]);
    // Transfer: the dunned invoices, not the excluded one, not the one not dunned yet.
    expect(s.cases).toEqual(["100001", "100002"]);
    const byRef = new Map(s.ledgerState.map((x) => [x.ref, x]));
    expect(byRef.get("100001")!.dc).toMatchObject({ caseNumber: "ours", caseType: "Inkasso", caseUrl: "set" });
    expect(byRef.get("100003")!.dc).toMatchObject({ caseType: "Avvist" });
    expect(byRef.get("100004")!.dc.caseNumber).toBeNull();
    // Payments both ways: the creditor's own payment and the credit note reach the case; the agency's payment reaches the ledger on 1510.
    expect(s.payments).toEqual([
      { invoice_number: "100001", channel: "agency", amount_minor: 400_00 },
      { invoice_number: "100001", channel: "creditor", amount_minor: 250_00 },
      { invoice_number: "100002", channel: "credit-note", amount_minor: 100_00 },
    ]);
    expect(s.ledgerPayments).toEqual([{ status: "Closed", amount: 400_00, lines: [["100001", 400_00]] }]);
    expect(byRef.get("100001")!.balance).toBe(1_250_00 - 250_00 - 400_00);
    // The settlement: a journal, released, that clears what the agency's payment put on 1510.
    expect(s.journals.length).toBe(1);
    expect(s.journals[0]!.status).toBe("Posted");
    expect(s.balance1510).toBe(0);
    expect(s.counters).toMatchObject({ paymentsCreated: 1, paymentsReleased: 1, journalsCreated: 1, journalsReleased: 1 });
  });

  it("reports a receivable whose answer breaks Visma's schema with the field, and takes it on the next run", async () => {
    const r = await vismaSyncRig(t!.database);
    try {
      seedLedger(r.rig.sandbox.company);
      r.interceptFetch((inner) => async (url, init) => {
        const res = await inner(url, init);
        if (!url.includes("/v1/customerinvoice?")) return res;
        const rows = JSON.parse(new TextDecoder().decode(await res.arrayBuffer())) as Record<string, unknown>[];
        for (const row of rows) if (row["referenceNumber"] === "100002") row["balance"] = "800,00";
        const bytes = new TextEncoder().encode(JSON.stringify(rows));
        return { status: res.status, headers: res.headers, arrayBuffer: async () => bytes.buffer as ArrayBuffer };
      });
      const result = await r.sync();
      // Read twice in a run (the receivables, and the invoices changed since the watermark): set aside in both steps.
      expect(result.integrations[0]).toMatchObject({ status: "partial", setAside: 2, counts: { opened: 1 } });
      const [status] = await syncStatus(t!.database, { creditorId: r.creditorId });
      const bad = expect.objectContaining({ outcome: "error", error: expect.objectContaining({ code: "invalid", vendorCode: "SchemaViolation", detail: expect.stringMatching(/\/balance must be number/) }) });
      expect(status!.lastRun!.setAside).toEqual([bad, bad]);
      r.interceptFetch((inner) => inner);
      expect((await r.sync()).integrations[0]).toMatchObject({ status: "ok", counts: { opened: 1 } });
    } finally {
      await r.close();
    }
  });

  it("with faults, an expired token and background requests that never finish: the same end state, nothing posted twice", async () => {
    const clean = await scenario({});
    const faulty = await scenario({ faults: { rate: 0.25, kinds: ["429", "500", "timeout", "malformed", "stuck", "stuck", "stuck", "stuck"], seed: 12, hangMs: 400 } }, (r) => {
      r.rig.sandbox.revokeTokens();
      r.rig.sandbox.stickNextBackground(3);
    });
    expect(Object.values(faulty.faults).reduce((a, b) => a + b, 0)).toBeGreaterThan(5);
    expect(faulty.faults.stuck).toBeGreaterThanOrEqual(3);
    expect({ ...faulty, faults: undefined }).toEqual({ ...clean, faults: undefined });
  });
});
