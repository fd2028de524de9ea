import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiClient } from "../../src/access/api-clients.js";
import { recordPayment } from "../../src/collection/actions/record-payment.js";
import { LocalDate } from "../../src/domain/calendar/local-date.js";
import { createTestApp, type TestApp } from "../support/test-app.js";
import { login, seedTenant, type Tenant } from "../support/tenants.js";
import { agencyFromEnv } from "../../src/collection/agency.js";

/**
 * Settlements over the API: the agency's finance staff settle a period, or everything due by the
 * creditor's frequency; the commission is the agency's term, which the creditor's own users
 * cannot change; every settlement follows the creditor's agreement.
 */
let t: TestApp;
let a: Tenant;
let firm: Record<string, string>;
let finance: Record<string, string>;
let operator: Record<string, string>;
beforeAll(async () => {
  t = await createTestApp({ today: "2025-04-02" });
  a = await seedTenant(t, "Sigma", "974760673");
  firm = await login(t, a.users.firmAdmin);
  const { key } = await createApiClient(t.ctx.database, { name: "finance", role: "agency-finance", createdBy: "test" });
  finance = { authorization: `Bearer ${key}` };
  operator = { authorization: `Bearer ${(await createApiClient(t.ctx.database, { name: "operator", role: "operator-admin", createdBy: "test" })).key}` };
}, 60_000);
afterAll(async () => t?.close());

const pay = (amountMinor: number, on: string) =>
  t.ctx.database.transaction((tx) =>
    recordPayment(tx, { agency: agencyFromEnv(), caseId: a.caseId, amountMinor, receivedOn: LocalDate.parse(on), channel: "agency", source: "test", externalRef: `api-${on}-${amountMinor}`, today: LocalDate.parse(on), actor: "test", rules: t.ctx.rules }),
  );

describe("settlements over the API", () => {
  it("lets only the agency's staff set the commission (an operator); the creditor's users may choose the frequency", async () => {
    const byFirm = await t.app.inject({ method: "PATCH", url: `/v1/creditors/${a.creditorId}/settings`, headers: firm, payload: { settlement: { commission: { percentOfPrincipal: "1.00" } } } });
    expect(byFirm.statusCode).toBe(403);
    expect(byFirm.json().error.message).toMatch(/agency's finance staff/);
    const interest = await t.app.inject({ method: "PATCH", url: `/v1/creditors/${a.creditorId}/settings`, headers: firm, payload: { settlement: { interestTo: "agency" } } });
    expect(interest.statusCode).toBe(403);
    expect(interest.json().error.message).toMatch(/settlement\.interestTo/);
    // The portal's form sends the terms back unchanged with the frequency: that is allowed.
    const frequency = await t.app.inject({ method: "PATCH", url: `/v1/creditors/${a.creditorId}/settings`, headers: firm, payload: { settlement: { frequency: "weekly" } } });
    expect(frequency.statusCode).toBe(200);
    const same = await t.app.inject({ method: "PATCH", url: `/v1/creditors/${a.creditorId}/settings`, headers: firm, payload: { settlement: { frequency: "weekly", interestTo: undefined } } });
    expect(same.statusCode).toBe(200);
    const terms = await t.app.inject({ method: "PATCH", url: `/v1/creditors/${a.creditorId}/settings`, headers: operator, payload: { settlement: { commission: { percentOfPrincipal: "10.00", minimumPerCase: "50.00" } } } });
    expect(terms.statusCode).toBe(200);
    const [row] = await t.ctx.database.query<{ settings: { settlement: unknown } }>("select settings from creditors where id = $1", [a.creditorId]);
    expect(row!.settings.settlement).toEqual({ frequency: "weekly", commission: { percentOfPrincipal: "10.00", minimumPerCase: 5_000 } });
    const refused = await t.app.inject({ method: "PATCH", url: `/v1/creditors/${a.creditorId}/settings`, headers: operator, payload: { settlement: { commission: { percentOfPrincipal: "150" } } } });
    expect(refused.statusCode).toBe(400);
    const [after] = await t.ctx.database.query<{ settings: { settlement: unknown } }>("select settings from creditors where id = $1", [a.creditorId]);
    expect(after!.settings.settlement).toEqual(row!.settings.settlement);
  });

  it("settles every week that has ended under the creditor's agreement, once, and says which weeks held nothing", async () => {
    await pay(10_000, "2025-03-18"); // week 12
    await pay(5_000, "2025-03-26"); // week 13
    const byFirm = await t.app.inject({ method: "POST", url: `/v1/creditors/${a.creditorId}/settlements`, headers: firm, payload: {} });
    expect(byFirm.statusCode).toBe(403);
    const res = await t.app.inject({ method: "POST", url: `/v1/creditors/${a.creditorId}/settlements`, headers: finance, payload: {} });
    expect(res.statusCode).toBe(200);
    const body = res.json() as { settlements: { periodFrom: string; periodTo: string; duplicate: boolean; settlementId: string }[]; nothingToSettle: { from: string; to: string }[] };
    expect(body.settlements.map((s) => [s.periodFrom, s.periodTo, s.duplicate])).toEqual([
      ["2025-03-17", "2025-03-23", false],
      ["2025-03-24", "2025-03-30", false],
    ]);
    // The commission of the agreement was applied (at least its 50,00 minimum on a case with principal collected).
    const [first] = await t.ctx.database.query<{ result: { totals: { commission: string } } }>("select result from settlements where id = $1", [body.settlements[0]!.settlementId]);
    expect(Number(first!.result.totals.commission)).toBeGreaterThanOrEqual(50);
    const again = (await t.app.inject({ method: "POST", url: `/v1/creditors/${a.creditorId}/settlements`, headers: finance, payload: {} })).json();
    expect(again).toEqual({ settlements: [], nothingToSettle: [] });
  });

  it("settles a chosen period, answers it again as a duplicate, and refuses half a period", async () => {
    await pay(7_500, "2025-03-31");
    const run = await t.app.inject({ method: "POST", url: `/v1/creditors/${a.creditorId}/settlements`, headers: finance, payload: { from: "2025-03-31", to: "2025-03-31" } });
    expect(run.json().settlements).toEqual([expect.objectContaining({ periodFrom: "2025-03-31", periodTo: "2025-03-31", duplicate: false, voucherStatus: "pending" })]);
    const again = await t.app.inject({ method: "POST", url: `/v1/creditors/${a.creditorId}/settlements`, headers: finance, payload: { from: "2025-03-31", to: "2025-03-31" } });
    expect(again.json().settlements).toEqual([expect.objectContaining({ duplicate: true })]);
    const empty = await t.app.inject({ method: "POST", url: `/v1/creditors/${a.creditorId}/settlements`, headers: finance, payload: { from: "2024-06-01", to: "2024-06-30" } });
    expect(empty.json()).toMatchObject({ settlements: [], nothingToSettle: [{ from: "2024-06-01", to: "2024-06-30" }] });
    const half = await t.app.inject({ method: "POST", url: `/v1/creditors/${a.creditorId}/settlements`, headers: finance, payload: { from: "2025-03-01" } });
    expect(half.statusCode).toBe(400);
  });
});
