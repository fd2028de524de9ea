import { describe, expect, it } from "vitest";
import { syncTestDatabase } from "../../../test/support/sync-database.js";
import { serverUrl } from "../../../test/support/test-database.js";
import { runCycleDay } from "../../collection/engine/daily-cycle.js";
import { DebtCollectionStatus } from "../poweroffice/sandbox/index.js";
import { syncStatus } from "./sync-status.js";
import { type SyncRig } from "./sync-test-kit.js";
import { recordPayment } from "../../collection/actions/record-payment.js";
import { runSettlement } from "../../settlement/run-settlement.js";
import { agencyFromEnv } from "../../collection/agency.js";

/**
 * The ledger sync end to end against the PowerOffice sandbox, in both serialization modes:
 * an invoice approved in PowerOffice becomes a case here, the case is visible there under our
 * case number, a payment made there becomes a payment row here, and a second sync changes
 * nothing on either side.
 */
const CUSTOMERS = [
  { code: 10001, name: "Bjørnstad Rør AS", organizationNumber: "974760673", emailAddress: "post@bjornstadror.no", phoneNumber: "+47 77 60 12 34",
    mailAddress: { address1: "Strandgata 5", zipCode: "9008", city: "TROMSØ", countryCode: "NO" } },
  { code: 10002, name: "Åse Ødegård", isPerson: true, firstName: "Åse", lastName: "Ødegård", dateOfBirth: "1979-05-17", emailAddress: "ase@example.no",
    mailAddress: { address1: "Bjørkeveien 12", zipCode: "6002", city: "ÅLESUND", countryCode: "NO" } },
  { code: 10003, name: "Uten Adresse AS", organizationNumber: "923609016" },
];

describe(`ledger sync with PowerOffice (${serverUrl ? "PostgreSQL server" : "embedded PGlite"})`, () => {
  const t = syncTestDatabase();
  let r: SyncRig | undefined;

  const count = async (sql: string, creditorId: string) => ((await t.database.query<{ n: number }>(sql, [creditorId]))[0]!.n);
  const snapshot = async (rig: SyncRig) => {
    const c = rig.rig.sandbox.state.tenant().counters;
    return {
      sandbox: { casesCreated: c.casesCreated, caseUpdates: c.caseUpdates, casesDeleted: c.casesDeleted, vouchersPosted: c.vouchersPosted, statusUpdates: [...c.statusUpdates.values()].flat().length },
      cases: await count("select count(*)::int as n from cases where creditor_id = $1", rig.creditorId),
      payments: await count("select count(*)::int as n from payments where creditor_id = $1", rig.creditorId),
      events: await count("select count(*)::int as n from case_events where creditor_id = $1", rig.creditorId),
      outbox: await count("select count(*)::int as n from outbox where creditor_id = $1", rig.creditorId),
      pending: await count("select count(*)::int as n from outbox where creditor_id = $1 and status = 'pending'", rig.creditorId),
      claims: await count("select count(*)::int as n from claims where creditor_id = $1", rig.creditorId),
    };
  };

  for (const mode of ["numbers", "strings"] as const) {
    it(`${mode}: approved in PowerOffice → case here → case number there → payment there → payment here; a rerun changes nothing`, async () => {
      r = await t.rig({ serialization: mode });
      const ledger = r.rig.sandbox.ledger;
      r.rig.sandbox.seed({
        customers: CUSTOMERS,
        invoices: [
          { invoiceNo: 1001, customerCode: 10001, invoiceDate: "2025-01-02", dueDate: "2025-01-16", amount: "12500.00", status: "Approved" },
          { invoiceNo: 1002, customerCode: 10002, invoiceDate: "2025-01-20", dueDate: "2025-02-03", amount: "3125.50", status: "Approved",
            payments: [{ date: "2025-02-10", amount: "1000.00", kind: "BankJournal" }] },
          { invoiceNo: 1003, customerCode: 10001, invoiceDate: "2025-01-20", dueDate: "2025-02-03", amount: "800.00", status: "Draft" },
        ],
      });

      const first = await r.sync();
      expect(first.integrations[0]).toMatchObject({ status: "ok", counts: { invoicesRead: 2, opened: 2, casesRegistered: 2 } });
      const cases = await t.database.query<{ id: string; case_number: string; principal_minor: number; invoice_number: string; debtor_name: string; org_number: string | null; birth_date: string | null }>(
        `select k.id, k.case_number, k.principal_minor, cl.invoice_number, d.name as debtor_name, d.org_number, d.birth_date
           from cases k join claims cl on cl.id = k.claim_id join debtors d on d.id = k.debtor_id where k.creditor_id = $1 order by cl.invoice_number`,
        [r.creditorId],
      );
      expect(cases.map((c) => [c.invoice_number, c.principal_minor, c.debtor_name, c.org_number, c.birth_date])).toEqual([
        ["1001", 12_500_00, "Bjørnstad Rør AS", "974760673", null],
        ["1002", 2_125_50, "Åse Ødegård", null, "1979-05-17"],
      ]);
      for (const c of cases) {
        const inv = ledger.invoiceByNo(Number(c.invoice_number));
        expect(inv).toMatchObject({ dcStatus: DebtCollectionStatus.Exported, debtCollectionCode: c.case_number });
        expect(ledger.cases().find((k) => k.id === inv.caseId)).toMatchObject({ code: c.case_number, externalCaseUrl: `http://localhost:3000/cases/${c.id}` });
      }
      expect(ledger.invoiceByNo(1003).dcStatus).toBe(DebtCollectionStatus.Draft);

      // The debtor pays the creditor directly; the creditor books it in PowerOffice.
      r.clock.advance(3_600_000);
      const i1001 = ledger.invoiceByNo(1001);
      const paid = ledger.registerPayment(i1001.id, { amountMinor: 2_000_00, date: "2025-03-01", voucherType: "IncomingOcrGiro", paidFromBankAccount: "15032080119" });
      const second = await r.sync();
      expect(second.integrations[0]).toMatchObject({ status: "ok", counts: { paymentsRecorded: 1, statusesDelivered: 1 } });
      const integrationId = r.integrations.values().next().value!;
      const [payment] = await t.database.query<{ case_id: string; amount_minor: number; channel: string; source: string; external_ref: string; received_on: string }>(
        "select case_id, amount_minor, channel, source, external_ref, received_on from payments where creditor_id = $1",
        [r.creditorId],
      );
      expect(payment).toEqual({ case_id: cases[0]!.id, amount_minor: 2_000_00, channel: "creditor", source: "poweroffice", external_ref: `${integrationId}:${paid.id}`, received_on: "2025-03-01" });
      // The case's new balance went back to PowerOffice with the stage's status text.
      const updates = r.rig.sandbox.state.tenant().counters.statusUpdates.get(i1001.caseId!)!;
      expect(updates).toHaveLength(1);
      expect(ledger.cases().find((k) => k.id === i1001.caseId)!.balanceAgencyMinor).toBeLessThan(12_500_00);

      const before = await snapshot(r);
      expect(before.pending).toBe(0);
      const third = await r.sync();
      expect(third.integrations[0]!.status).toBe("ok");
      expect(await snapshot(r)).toEqual(before);
    });
  }

  it("a collection notice sent by the daily cycle reaches PowerOffice as a status text", async () => {
    r = await t.rig();
    r.rig.sandbox.seed({ customers: CUSTOMERS, invoices: [{ invoiceNo: 2001, customerCode: 10001, invoiceDate: "2025-01-02", dueDate: "2025-01-16", amount: "500.00", status: "Approved" }] });
    await r.sync();
    await runCycleDay(t.database, r.creditorId, r.clock.today(), { agency: agencyFromEnv(), rules: r.deps.rules, actor: "test" });
    const result = await r.sync();
    expect(result.integrations[0]!.counts).toMatchObject({ statusesDelivered: 1 });
    const inv = r.rig.sandbox.ledger.invoiceByNo(2001);
    const [status] = await t.database.query<{ payload: { stage: string; balanceMinor: number } }>("select payload from outbox where creditor_id = $1 and kind = 'case-status'", [r.creditorId]);
    expect(status!.payload.stage).toBe("collection-notice");
    // The notice fee and interest are on the agency's balance now.
    expect(status!.payload.balanceMinor).toBeGreaterThan(500_00);
    expect(r.rig.sandbox.ledger.cases().find((k) => k.id === inv.caseId)).toMatchObject({ statusText: "Inkassovarsel sendt", balanceAgencyMinor: status!.payload.balanceMinor, status: 0 });
    expect(r.rig.sandbox.state.tenant().counters.statusUpdates.get(inv.caseId!)).toHaveLength(1);
  });

  it("journals a payment to the agency in the ledger the same day and posts the settlement voucher, each once, and does not read them back as the debtor's payments", async () => {
    r = await t.rig();
    r.rig.sandbox.seed({ customers: CUSTOMERS, invoices: [{ invoiceNo: 2101, customerCode: 10001, invoiceDate: "2025-01-02", dueDate: "2025-01-16", amount: "800.00", status: "Approved" }] });
    await r.sync();
    const [c] = await t.database.query<{ id: string }>("select id from cases where creditor_id = $1", [r.creditorId]);
    const { clock, deps } = r;
    await t.database.transaction((tx) =>
      recordPayment(tx, { agency: agencyFromEnv(), caseId: c!.id, amountMinor: 300_00, receivedOn: clock.today(), channel: "agency", source: "bank", externalRef: "test-line-1", today: clock.today(), actor: "test", rules: deps.rules }),
    );
    const before = r.rig.sandbox.ledger.invoiceByNo(2101).remainingMinor;
    r.clock.advance(3_600_000);
    const result = await r.sync();
    expect(result.integrations[0]!.counts).toMatchObject({ journalsPosted: 1 });
    expect(r.rig.sandbox.state.tenant().counters.vouchersPosted).toBe(1);
    // The invoice in the ledger shows the money (the clearing account took it against its KID).
    expect(r.rig.sandbox.ledger.invoiceByNo(2101).remainingMinor).toBe(before - 300_00);
    r.clock.advance(3_600_000);
    await r.sync();
    expect(r.rig.sandbox.state.tenant().counters.vouchersPosted).toBe(1);
    const payments = await t.database.query<{ channel: string }>("select channel from payments where case_id = $1", [c!.id]);
    expect(payments.map((p) => p.channel)).toEqual(["agency"]);

    // The settlement's posting proposal goes to the ledger once, too.
    const today = clock.today();
    const run = await runSettlement(t.database, { creditorId: r.creditorId, from: today.minusDays(30), to: today, settledOn: today });
    expect(run.cases).toBe(1);
    const settled = await r.sync();
    expect(settled.integrations[0]!.counts).toMatchObject({ settlementsPosted: 1 });
    expect(r.rig.sandbox.state.tenant().counters.vouchersPosted).toBe(2);
    await r.sync();
    expect(r.rig.sandbox.state.tenant().counters.vouchersPosted).toBe(2);
  });

  it("rejects an invoice the rules block, keeps the reason and shows it; once", async () => {
    r = await t.rig();
    const ledger = r.rig.sandbox.ledger;
    r.rig.sandbox.seed({
      customers: CUSTOMERS,
      invoices: [
        { invoiceNo: 3001, customerCode: 10003, invoiceDate: "2025-01-02", dueDate: "2025-01-16", amount: "700.00", status: "Approved" },
        // Older than three years: time-barred (foreldelsesloven § 2).
        { invoiceNo: 3002, customerCode: 10001, invoiceDate: "2021-11-01", dueDate: "2021-11-15", amount: "900.00", status: "Approved" },
      ],
    });
    const result = await r.sync();
    expect(result.integrations[0]).toMatchObject({ status: "ok", counts: { rejected: 2, rejectionsDelivered: 2 } });
    expect(ledger.invoiceByNo(3001).dcStatus).toBe(DebtCollectionStatus.Rejected);
    expect(ledger.invoiceByNo(3002).dcStatus).toBe(DebtCollectionStatus.Rejected);
    expect(await count("select count(*)::int as n from cases where creditor_id = $1", r.creditorId)).toBe(0);
    const [status] = await syncStatus(t.database, { creditorId: r.creditorId });
    expect(status!.rejections.map((x) => [x.invoiceNumber, x.delivered, x.reasons.map((y) => y.code)])).toEqual([
      ["3002", true, ["time_barred"]],
      ["3001", true, ["missing_debtor_address"]],
    ]);
    expect(status!.rejections[1]!.reasons[0]!.text.nb).toMatch(/adresse/i);
    await r.sync();
    const counters = r.rig.sandbox.state.tenant().counters;
    expect([counters.casesCreated, counters.casesDeleted]).toEqual([2, 2]);
  });

  it("records credit notes, write-offs and reversals from the ledger against the case", async () => {
    r = await t.rig();
    const ledger = r.rig.sandbox.ledger;
    r.rig.sandbox.seed({ customers: CUSTOMERS, invoices: [{ invoiceNo: 4001, customerCode: 10001, invoiceDate: "2025-01-02", dueDate: "2025-01-16", amount: "10000.00", status: "Approved" }] });
    await r.sync();
    r.clock.advance(3_600_000);
    const inv = ledger.invoiceByNo(4001);
    const pay = ledger.registerPayment(inv.id, { amountMinor: 1_000_00, date: "2025-03-01" });
    ledger.creditNote(inv.id, { amountMinor: 500_00, date: "2025-03-01" });
    ledger.reverse(pay.id, { date: "2025-03-01" });
    ledger.writeOff(inv.id, { date: "2025-03-01", amountMinor: 200_00 });
    const result = await r.sync();
    expect(result.integrations[0]!.counts).toMatchObject({ paymentsRecorded: 1, creditNotesRecorded: 1, reversalsRecorded: 1, writeOffsRecorded: 1 });
    const rows = await t.database.query<{ channel: string; amount_minor: number }>("select channel, amount_minor from payments where creditor_id = $1 order by external_ref", [r.creditorId]);
    expect(rows.map((p) => [p.channel, p.amount_minor]).sort()).toEqual([["credit-note", 500_00], ["creditor", 1_000_00], ["reversal", -1_000_00], ["write-off", 200_00]]);
    const reported = await t.database.query<{ type: string; data: { channel: string } }>("select type, data from case_events where creditor_id = $1 and type = 'ledger-payment-reported' order by id", [r.creditorId]);
    // The write-off is the creditor's bookkeeping: reported, no balance change. The reversal undid
    // the payment on the case; what remains paid is the credit note.
    expect(reported.map((e) => e.data.channel)).toEqual(["write-off"]);
    const events = await t.database.query<{ type: string }>("select type from case_events where creditor_id = $1 and type = 'payment-reversed'", [r.creditorId]);
    expect(events).toHaveLength(1);
    const [c] = await t.database.query<{ principal_paid_minor: number; paid_total: number }>(
      "select principal_paid_minor, fees_paid_minor + salary_paid_minor + legal_paid_minor + interest_paid_minor + principal_paid_minor as paid_total from cases where creditor_id = $1",
      [r.creditorId],
    );
    expect(c!.paid_total).toBe(500_00);
  });

  it("sets an item aside when PowerOffice's answer is garbled, keeps the answer, reports it, and takes it on the next run", async () => {
    r = await t.rig();
    r.rig.sandbox.seed({
      customers: CUSTOMERS,
      invoices: [
        { invoiceNo: 5001, customerCode: 10001, invoiceDate: "2025-01-02", dueDate: "2025-01-16", amount: "100.00", status: "Approved" },
        { invoiceNo: 5002, customerCode: 10002, invoiceDate: "2025-01-02", dueDate: "2025-01-16", amount: "200.00", status: "Approved" },
      ],
    });
    const garbled = '{"data":[{"code":10002,"name":"Åse Ø';
    r.interceptFetch((inner) => async (url, init) => {
      const res = await inner(url, init);
      if (!decodeURIComponent(url).includes("Code eq 10002")) return res;
      return { status: 200, headers: res.headers, arrayBuffer: async () => new TextEncoder().encode(garbled).buffer as ArrayBuffer };
    });
    const result = await r.sync();
    expect(result.integrations[0]).toMatchObject({ status: "partial", setAside: 1, counts: { opened: 1 } });
    const [status] = await syncStatus(t.database, { creditorId: r.creditorId });
    expect(status!.lastRun).toMatchObject({ status: "partial" });
    expect(status!.lastRun!.setAside).toEqual([
      expect.objectContaining({ step: "invoices", invoiceNumber: "5002", outcome: "error", error: expect.objectContaining({ code: "invalid", response: { status: 200, body: garbled } }) }),
    ]);
    r.interceptFetch((inner) => inner);
    const next = await r.sync();
    expect(next.integrations[0]).toMatchObject({ status: "ok", counts: { opened: 1 } });
    expect(r.rig.sandbox.ledger.invoiceByNo(5002).dcStatus).toBe(DebtCollectionStatus.Exported);
  });

  it("runs one sync per integration at a time; the second caller is told it is already running", async () => {
    r = await t.rig();
    r.rig.sandbox.seed({ customers: CUSTOMERS, invoices: [{ invoiceNo: 9001, customerCode: 10001, invoiceDate: "2025-01-02", dueDate: "2025-01-16", amount: "100.00", status: "Approved" }] });
    const [a, b] = await Promise.all([r.sync(), r.sync()]);
    expect([a.integrations[0]!.status, b.integrations[0]!.status].sort()).toEqual(["ok", "skipped"]);
    expect(r.rig.sandbox.state.tenant().counters.casesCreated).toBe(1);
    const [status] = await syncStatus(t.database, { creditorId: r.creditorId });
    expect(status).toMatchObject({ kind: "poweroffice", canCreateCases: true, lastSyncStatus: "ok", lastRun: { status: "ok", trigger: "on-demand", counts: { opened: 1 } }, outbox: { pending: {}, failed: [] } });
  });
});
