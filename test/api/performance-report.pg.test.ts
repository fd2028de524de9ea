import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { performanceReport } from "../../src/read-models/performance.js";
import { createTestApp, type TestApp } from "../support/test-app.js";
import { login, seedTenant, type Tenant } from "../support/tenants.js";

/**
 * The settlement and performance report (issue 20 item 5) on a real PostgreSQL, with every
 * figure worked by hand from the rows below. Each tenant starts as `seedTenant` leaves it: one
 * case opened 2025-01-02 with 1 500.00 principal and a payment of 200.00 to the agency on
 * 2025-01-10; its settlement is replaced by hand-made ones so the sums are known.
 *
 * Alfa (NOK): a direct payment of 300.00 on 2025-02-14 (and a credit note of 50.00 that is no
 * collection); the case closed as paid from the collection notice on 2025-02-14 (43 days after
 * opening) with 500.00 principal paid. Settlements: 2025-02-01 took 200.00 in, 120.00 to the
 * agency, 80.00 paid out; 2025-03-01 took 300.00 paid directly, 75.00 to the agency, invoiced
 * 75.00. Both reconcile (200 = 120 + 80; 300 − 300 = 75 + 0 − 75).
 *
 * Beta (SEK): 150.00 principal paid, still open. A settlement on 2025-02-03 took 200.00 in, 50.00
 * to the agency and paid out 140.00: 10.00 unaccounted for, so it does not reconcile.
 */
let t: TestApp;
let a: Tenant;
let b: Tenant;

const totals = (receivedByAgency: string, direct: Record<string, string>, agencyTotal: string) => ({ currency: "X", totals: { receivedByAgency, direct, agencyTotal } });

beforeAll(async () => {
  t = await createTestApp({ today: "2025-04-01" });
  a = await seedTenant(t, "Alfa", "974760673");
  b = await seedTenant(t, "Beta", "923609016");
  const db = t.ctx.database;
  await db.query("update creditors set currency = 'SEK' where id = $1", [b.creditorId]);
  await db.query("update cases set currency = 'SEK', principal_paid_minor = 15000 where id = $1", [b.caseId]);
  await db.query("update payments set currency = 'SEK' where creditor_id = $1", [b.creditorId]);
  await db.query("delete from settlement_items where creditor_id = any($1::uuid[])", [[a.creditorId, b.creditorId]]);
  await db.query("delete from settlements where creditor_id = any($1::uuid[])", [[a.creditorId, b.creditorId]]);
  await db.query(
    `insert into payments (creditor_id, case_id, received_on, amount_minor, currency, channel, source, external_ref) values
       ($1, $2, '2025-02-14', 30000, 'NOK', 'creditor', 'test', 'direct-1'), ($1, $2, '2025-02-15', 5000, 'NOK', 'credit-note', 'test', 'credit-1')`,
    [a.creditorId, a.caseId],
  );
  await db.query("update cases set principal_paid_minor = 50000, closed_on = '2025-02-14', close_reason = 'paid', closed_from_stage = 'collection-notice' where id = $1", [a.caseId]);
  const settlement = (creditorId: string, from: string, to: string, on: string, result: unknown, payout: number, invoice: number) =>
    db.query("insert into settlements (creditor_id, period_from, period_to, settled_on, result, voucher, payout_minor, invoice_minor) values ($1, $2, $3, $4, $5, '{}', $6, $7)", [creditorId, from, to, on, JSON.stringify(result), payout, invoice]);
  await settlement(a.creditorId, "2025-01-01", "2025-01-31", "2025-02-01", { ...totals("200.00", { principal: "0.00", interest: "0.00" }, "120.00"), currency: "NOK" }, 8000, 0);
  await settlement(a.creditorId, "2025-02-01", "2025-02-28", "2025-03-01", { ...totals("0.00", { principal: "300.00", interest: "0.00" }, "75.00"), currency: "NOK" }, 0, 7500);
  await settlement(b.creditorId, "2025-01-01", "2025-01-31", "2025-02-03", { ...totals("200.00", {}, "50.00"), currency: "SEK" }, 14000, 0);
}, 60_000);
afterAll(async () => {
  await t?.close();
});

const everyone = { all: true, firmIds: [], creditorIds: [] };

describe("the performance report", () => {
  it("per currency, per month and client: collected, settled gross, the agency's share, paid out, invoiced — reconciled with the settlements", async () => {
    const r = await performanceReport(t.ctx.database, { scope: everyone, from: "2025-01-01", to: "2025-03-31" });
    expect(r.currencies.map((c) => c.currency)).toEqual(["NOK", "SEK"]);
    const nok = r.currencies[0]!;
    expect(nok.months).toEqual([
      { month: "2025-01", collectedMinor: 20000, settledGrossMinor: 0, agencyShareMinor: 0, paidOutMinor: 0, invoicedMinor: 0 },
      { month: "2025-02", collectedMinor: 30000, settledGrossMinor: 20000, agencyShareMinor: 12000, paidOutMinor: 8000, invoicedMinor: 0 },
      { month: "2025-03", collectedMinor: 0, settledGrossMinor: 30000, agencyShareMinor: 7500, paidOutMinor: 0, invoicedMinor: 7500 },
    ]);
    expect(nok.totals).toEqual({
      collectedMinor: 50000, settledGrossMinor: 50000, agencyShareMinor: 19500, paidOutMinor: 8000, invoicedMinor: 7500,
      casesOpened: 1, principalOpenedMinor: 150000, principalRecoveredMinor: 50000, recoveryRateBp: 3333, paidCases: 1, daysToPaymentTotal: 43, casesClosed: 1,
      settlements: 2, settlementsNotReconciled: 0,
    });
    expect(nok.clients).toHaveLength(1);
    expect(nok.clients[0]).toMatchObject({ creditorId: a.creditorId, collectedMinor: 50000, agencyShareMinor: 19500, recoveryRateBp: 3333 });
    expect(nok.outcomeByStage).toEqual([{ stage: "collection-notice", reason: "paid", cases: 1, principalMinor: 150000 }]);

    const sek = r.currencies[1]!;
    expect(sek.totals).toMatchObject({ collectedMinor: 20000, settledGrossMinor: 20000, agencyShareMinor: 5000, paidOutMinor: 14000, recoveryRateBp: 1000, paidCases: 0, casesClosed: 0, settlements: 1, settlementsNotReconciled: 1 });
    expect(sek.outcomeByStage).toEqual([]);
  });

  it("a shorter period takes only its own days; a firm sees only its clients", async () => {
    const feb = await performanceReport(t.ctx.database, { scope: { all: false, firmIds: [a.firmId], creditorIds: [] }, from: "2025-02-01", to: "2025-02-28" });
    expect(feb.currencies.map((c) => c.currency)).toEqual(["NOK"]);
    expect(feb.currencies[0]!.totals).toMatchObject({ collectedMinor: 30000, settledGrossMinor: 20000, agencyShareMinor: 12000, paidOutMinor: 8000, casesOpened: 0, recoveryRateBp: null, paidCases: 1, daysToPaymentTotal: 43 });
  });

  it("over the API: decimal amounts, the rate as a fraction, the average days; another firm's client is not found", async () => {
    const s = await login(t, a.users.firmAdmin);
    const res = await t.app.inject({ method: "GET", url: "/v1/reports/performance?from=2025-01-01&to=2025-03-31", headers: s });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.currencies).toHaveLength(1);
    expect(body.currencies[0].totals).toMatchObject({ collected: "500.00", settledGross: "500.00", agencyShare: "195.00", paidOut: "80.00", invoiced: "75.00", recoveryRate: 0.3333, averageDaysToPayment: 43 });
    const one = await t.app.inject({ method: "GET", url: `/v1/creditors/${a.creditorId}/reports/performance?from=2025-01-01&to=2025-03-31`, headers: s });
    expect(one.json().currencies[0].clients[0].code).toBe("KAlfa");
    expect((await t.app.inject({ method: "GET", url: `/v1/creditors/${b.creditorId}/reports/performance?from=2025-01-01&to=2025-03-31`, headers: s })).statusCode).toBe(404);
    const backwards = await t.app.inject({ method: "GET", url: "/v1/reports/performance?from=2025-03-01&to=2025-01-01", headers: s });
    expect(backwards.statusCode).toBe(400);
  });
});
