import { describe, expect, it } from "vitest";
import { syncTestDatabase } from "../../../test/support/sync-database.js";
import { serverUrl } from "../../../test/support/test-database.js";
import { DebtCollectionStatus } from "../poweroffice/sandbox/index.js";
import { approveDrafts, listTransferClaims } from "./approve-drafts.js";
import { type SyncRig } from "./sync-test-kit.js";

/**
 * The creditor's transfer policy (`settings.transfer`) against the PowerOffice sandbox: manual
 * mode puts approved invoices in the draft list and `approveDrafts` opens their cases (once);
 * automatic mode holds back what is below the minimum, in an excluded customer group or overdue
 * at activation, and delays by `delayDays` (never below the legal 14 days). Every judged invoice
 * keeps its state and reasons on its claim. The sandbox's clock starts on 2025-03-01.
 */
const CUSTOMERS = [
  { code: 10001, name: "Bjørnstad Rør AS", organizationNumber: "974760673", mailAddress: { address1: "Strandgata 5", zipCode: "9008", city: "TROMSØ", countryCode: "NO" } },
  { code: 10002, name: "Åse Ødegård", isPerson: true, dateOfBirth: "1979-05-17", mailAddress: { address1: "Bjørkeveien 12", zipCode: "6002", city: "ÅLESUND", countryCode: "NO" } },
  { code: 10003, name: "Uten Adresse AS", organizationNumber: "923609016" },
];

const invoice = (invoiceNo: number, customerCode: number, dueDate: string, amount: string) => ({ invoiceNo, customerCode, invoiceDate: "2025-01-02", dueDate, amount, status: "Approved" as const });

describe(`transfer policy and the draft list (${serverUrl ? "PostgreSQL server" : "embedded PGlite"})`, () => {
  const t = syncTestDatabase();
  let r: SyncRig | undefined;

  const setTransfer = (rig: SyncRig, transfer: Record<string, unknown>) =>
    t.database.query("update creditors set settings = settings || jsonb_build_object('transfer', $2::jsonb) where id = $1", [rig.creditorId, JSON.stringify(transfer)]);
  const claims = async (rig: SyncRig) =>
    Object.fromEntries(
      (await t.database.query<{ invoice_number: string; transfer_state: string | null; eligibility: { status: string; eligibleOn: string | null; judgedOn: string; reasons: { code: string }[] } }>(
        "select invoice_number, transfer_state, eligibility from claims where creditor_id = $1 order by invoice_number",
        [rig.creditorId],
      )).map((c) => [c.invoice_number, { state: c.transfer_state, status: c.eligibility.status, eligibleOn: c.eligibility.eligibleOn, codes: c.eligibility.reasons.map((x) => x.code) }]),
    );
  const caseCount = async (rig: SyncRig) => (await t.database.query<{ n: number }>("select count(*)::int as n from cases where creditor_id = $1", [rig.creditorId]))[0]!.n;
  const claimIdOf = async (rig: SyncRig, invoiceNumber: string) =>
    (await t.database.query<{ id: string }>("select id from claims where creditor_id = $1 and invoice_number = $2", [rig.creditorId, invoiceNumber]))[0]!.id;

  it("automatic mode by default: every eligible invoice becomes a case at once, each decision kept on its claim", async () => {
    r = await t.rig();
    r.rig.sandbox.seed({ customers: CUSTOMERS, invoices: [invoice(1001, 10001, "2025-02-25", "900.00"), invoice(1002, 10003, "2025-01-16", "400.00")] });
    const result = await r.sync();
    expect(result.integrations[0]).toMatchObject({ status: "ok", counts: { opened: 1, rejected: 1, casesRegistered: 1, invoicePdfs: 1 } });
    expect(result.integrations[0]!.counts["drafts"]).toBeUndefined();
    // Four days overdue is enough: the invoice was sent to collection by a person in the ledger.
    expect(await claims(r)).toEqual({
      "1001": { state: "transferred", status: "eligible", eligibleOn: "2025-02-26", codes: ["manual_move"] },
      "1002": { state: "blocked", status: "blocked", eligibleOn: null, codes: ["missing_debtor_address", "manual_move"] },
    });
    expect(r.rig.sandbox.ledger.invoiceByNo(1001).dcStatus).toBe(DebtCollectionStatus.Exported);
  });

  it("manual mode: drafts wait; approving selected, then all, opens each case once; the ledger gets them at the next sync", async () => {
    r = await t.rig();
    await setTransfer(r, { mode: "manual" });
    const ledger = r.rig.sandbox.ledger;
    r.rig.sandbox.seed({ customers: CUSTOMERS, invoices: [invoice(2001, 10001, "2025-01-16", "1000.00"), invoice(2002, 10002, "2025-01-16", "2000.00"), invoice(2003, 10001, "2025-02-10", "3000.00")] });

    const first = await r.sync();
    expect(first.integrations[0]).toMatchObject({ status: "ok", counts: { invoicesRead: 3, drafts: 3 } });
    expect(first.integrations[0]!.counts["opened"]).toBeUndefined();
    expect(await caseCount(r)).toBe(0);
    expect(ledger.invoiceByNo(2001).dcStatus).toBe(DebtCollectionStatus.Approved);
    const listed = await listTransferClaims(t.database, { creditorId: r.creditorId, state: "draft" });
    expect(listed.map((d) => [d.invoiceNumber, d.openMinor, d.reasons.map((x) => x.code)])).toEqual([
      ["2001", 1_000_00, ["manual_move", "manual_approval"]],
      ["2002", 2_000_00, ["manual_move", "manual_approval"]],
      ["2003", 3_000_00, ["manual_move", "manual_approval"]],
    ]);
    // The stored reasons carry their Swedish words too, for a Swedish reader of the draft list.
    const approval = listed[0]!.reasons.find((x) => x.code === "manual_approval")!;
    expect(approval.text.sv).toBe("Väntar på godkännande: borgenären godkänner överföringar själv");
    expect(listed[0]!.reasons.find((x) => x.code === "manual_move")!.text.sv).toMatch(/^Kan flyttas manuellt: förfallen från \d{4}-\d{2}-\d{2}$/);
    // A second sync judges them again and leaves them drafts.
    expect((await r.sync()).integrations[0]!.counts).toMatchObject({ drafts: 3 });

    // The debtor pays part of 2001 in the ledger while it waits in the draft list.
    r.clock.advance(3_600_000);
    ledger.registerPayment(ledger.invoiceByNo(2001).id, { amountMinor: 300_00, date: "2025-03-01" });

    const today = r.clock.today();
    const id2001 = await claimIdOf(r, "2001");
    const selected = await approveDrafts(t.database, { creditorId: r.creditorId, claimIds: [id2001, "not-an-id"], actor: "user:test", today });
    expect(selected.approved).toBe(1);
    expect(selected.cases.map((c) => c.claimId)).toEqual([id2001]);
    expect(selected.refused).toEqual([{ claimId: "not-an-id", reason: '"not-an-id" is not a claim id' }]);
    const again = await approveDrafts(t.database, { creditorId: r.creditorId, claimIds: [id2001], actor: "user:test", today });
    expect(again).toEqual({ approved: 0, cases: [], refused: [{ claimId: id2001, reason: `already transferred (case ${selected.cases[0]!.caseNumber})` }] });
    expect(await caseCount(r)).toBe(1);
    const events = await t.database.query<{ type: string; actor: string }>("select type, actor from case_events where case_id = $1 order by id", [selected.cases[0]!.caseId]);
    expect(events).toEqual([{ type: "opened", actor: "user:test" }, { type: "ledger-invoice-linked", actor: "user:test" }]);

    const synced = await r.sync();
    expect(synced.integrations[0]).toMatchObject({ status: "ok", counts: { casesRegistered: 1, paymentsRecorded: 1, drafts: 2 } });
    expect(ledger.invoiceByNo(2001)).toMatchObject({ dcStatus: DebtCollectionStatus.Exported, debtCollectionCode: selected.cases[0]!.caseNumber });
    // The payment booked while it was a draft was read when the ledger took the case.
    const [paid] = await t.database.query<{ amount_minor: number }>("select amount_minor from payments where case_id = $1", [selected.cases[0]!.caseId]);
    expect(paid).toEqual({ amount_minor: 300_00 });

    const all = await approveDrafts(t.database, { creditorId: r.creditorId, claimIds: "all", actor: "user:test", today });
    expect(all.approved).toBe(2);
    expect(all.refused).toEqual([]);
    expect(await approveDrafts(t.database, { creditorId: r.creditorId, claimIds: "all", actor: "user:test", today })).toEqual({ approved: 0, cases: [], refused: [] });
    await r.sync();
    expect(await caseCount(r)).toBe(3);
    expect(r.rig.sandbox.state.tenant().counters.casesCreated).toBe(3);
    expect(Object.values(await claims(r)).map((c) => c.state)).toEqual(["transferred", "transferred", "transferred"]);
  });

  it("refuses what is not a draft of that creditor, with the reason, and approves the rest", async () => {
    r = await t.rig();
    await setTransfer(r, { mode: "manual" });
    // 3002 is not overdue yet; 3003's customer has no address.
    r.rig.sandbox.seed({ customers: CUSTOMERS, invoices: [invoice(3001, 10001, "2025-01-16", "500.00"), invoice(3002, 10001, "2025-03-20", "600.00"), invoice(3003, 10003, "2025-01-16", "700.00")] });
    await r.sync();
    const other = await t.rig();
    try {
      const [ids, foreign] = [await Promise.all(["3001", "3002", "3003"].map((n) => claimIdOf(r!, n))), "0b7f6a52-3c1d-4e8f-9a0b-1c2d3e4f5a6b"];
      const result = await approveDrafts(t.database, { creditorId: other.creditorId, claimIds: [ids[0]!], actor: "user:test", today: r.clock.today() });
      expect(result.refused[0]!.reason).toMatch(/^no claim .* of creditor T\d+$/);
      const mine = await approveDrafts(t.database, { creditorId: r.creditorId, claimIds: [...ids, foreign], actor: "user:test", today: r.clock.today() });
      expect(mine.approved).toBe(1);
      expect(mine.refused).toEqual([
        { claimId: ids[1], reason: expect.stringMatching(/^not a draft: it is waiting until 2025-03-21 \(.+\)$/) },
        { claimId: ids[2], reason: "not a draft: it is blocked (The debtor's street, postcode and city are missing)" },
        { claimId: foreign, reason: `no claim ${foreign} of creditor ${(await t.database.query<{ code: string }>("select code from creditors where id = $1", [r.creditorId]))[0]!.code}` },
      ]);
    } finally {
      await other.close();
    }
  });

  it("automatic mode holds back invoices below the minimum amount, in an excluded group, or overdue at activation: they become drafts", async () => {
    r = await t.rig();
    await setTransfer(r, { minimumAmount: 1_000_00, excludedCustomerGroups: ["Offentlig"], transferAlreadyOverdue: false });
    await t.database.query("update creditors set activated_at = '2025-02-01T08:00:00Z' where id = $1", [r.creditorId]);
    // The ledger puts customer 10002 in the group "Offentlig" (PowerOffice contactGroups).
    r.interceptFetch((inner) => async (url, init) => {
      const res = await inner(url, init);
      if (!decodeURIComponent(url).includes("Code eq 10002")) return res;
      const body = JSON.parse(new TextDecoder().decode(await res.arrayBuffer())) as { data: Record<string, unknown>[] };
      for (const c of body.data) c["contactGroups"] = "Offentlig, Kommune";
      return { status: res.status, headers: res.headers, arrayBuffer: async () => new TextEncoder().encode(JSON.stringify(body)).buffer as ArrayBuffer };
    });
    r.rig.sandbox.seed({
      customers: CUSTOMERS,
      invoices: [
        invoice(4001, 10001, "2025-02-10", "1500.00"), // goes
        invoice(4002, 10001, "2025-02-10", "999.00"), // below the minimum
        invoice(4003, 10002, "2025-02-10", "5000.00"), // customer in an excluded group
        invoice(4004, 10001, "2025-01-20", "5000.00"), // overdue before the activation
      ],
    });
    const result = await r.sync();
    expect(result.integrations[0]).toMatchObject({ status: "ok", counts: { opened: 1, drafts: 3 } });
    expect(await claims(r)).toMatchObject({
      "4001": { state: "transferred" },
      "4002": { state: "draft", status: "eligible", codes: ["auto_below_minimum"] },
      "4003": { state: "draft", codes: ["auto_excluded_group"] },
      "4004": { state: "draft", codes: ["auto_overdue_at_activation"] },
    });
    // A held-back draft is approved like any other.
    const approved = await approveDrafts(t.database, { creditorId: r.creditorId, claimIds: [await claimIdOf(r, "4002")], actor: "user:test", today: r.clock.today() });
    expect(approved.approved).toBe(1);
  });

  it("delayDays: the invoice waits until due + the delay, never less than the legal 14 days, then goes by itself", async () => {
    r = await t.rig();
    await setTransfer(r, { delayDays: 25 });
    r.rig.sandbox.seed({ customers: CUSTOMERS, invoices: [invoice(5001, 10001, "2025-02-10", "800.00"), invoice(5002, 10001, "2025-01-10", "900.00")] });
    const first = await r.sync();
    expect(first.integrations[0]!.counts).toMatchObject({ opened: 1, waiting: 1 });
    // 2025-02-10 is a Monday: it goes 25 days later.
    expect(await claims(r)).toMatchObject({ "5001": { state: "waiting", status: "waiting", eligibleOn: "2025-03-07", codes: ["automatic_transfer"] }, "5002": { state: "transferred" } });

    await setTransfer(r, { delayDays: 3 });
    const raised = await r.sync();
    expect(raised.integrations[0]!.counts).toMatchObject({ opened: 1 });
    expect(await claims(r)).toMatchObject({ "5001": { state: "transferred", codes: ["automatic_transfer", "auto_delay_raised_to_legal_minimum"] } });
  });

  it("a payment booked between a case's opening and its registration in the same run reaches the case once", async () => {
    r = await t.rig();
    const ledger = r.rig.sandbox.ledger;
    r.rig.sandbox.seed({ customers: CUSTOMERS, invoices: [invoice(6001, 10001, "2025-01-16", "1000.00")] });
    let paid = false;
    r.interceptFetch((inner) => async (url, init) => {
      if (!paid && init?.method === "POST" && /\/DebtCollection\/?(\?|$)/.test(new URL(url).pathname)) {
        paid = true;
        r!.clock.advance(1_000);
        ledger.registerPayment(ledger.invoiceByNo(6001).id, { amountMinor: 250_00, date: "2025-03-01" });
      }
      return inner(url, init);
    });
    const result = await r.sync();
    expect(paid).toBe(true);
    expect(result.integrations[0]).toMatchObject({ status: "ok", counts: { opened: 1, casesRegistered: 1, paymentsRecorded: 1 } });
    await r.sync();
    const payments = await t.database.query<{ amount_minor: number }>("select amount_minor from payments where creditor_id = $1", [r.creditorId]);
    expect(payments).toEqual([{ amount_minor: 250_00 }]);
  });
});
