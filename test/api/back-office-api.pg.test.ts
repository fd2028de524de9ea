import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../support/test-app.js";
import { login, seedTenant, type Tenant } from "../support/tenants.js";

let t: TestApp;
let a: Tenant;
let s: Record<string, string>;
beforeAll(async () => {
  t = await createTestApp({ today: "2025-02-03" });
  a = await seedTenant(t, "Alfa", "974760673");
  s = await login(t, a.users.firmAdmin);
}, 60_000);
afterAll(async () => t?.close());

describe("payment plans over the API", () => {
  it("refuses a plan that does not add up, with a date in the past and an instalment below the minimum — every reason, nothing changed", async () => {
    const before = (await t.app.inject({ method: "GET", url: `/v1/cases/${a.caseId}`, headers: s })).json();
    const res = await t.app.inject({ method: "POST", url: `/v1/cases/${a.caseId}/payment-plans`, headers: s, payload: { instalments: [{ dueOn: "2025-01-10", amount: "100.00" }, { dueOn: "2025-03-10", amount: "100.00" }] } });
    expect(res.statusCode).toBe(422);
    const fields = res.json().error.refusals.map((r: { field: string; code: string }) => `${r.field} ${r.code}`);
    expect(fields).toEqual(expect.arrayContaining(["instalments[0].amount below_minimum", "instalments[0].dueOn date_in_past", "instalments not_whole_balance"]));
    const after = (await t.app.inject({ method: "GET", url: `/v1/cases/${a.caseId}`, headers: s })).json();
    expect(after.timeline).toEqual(before.timeline);
    expect((await t.app.inject({ method: "GET", url: `/v1/cases/${a.caseId}/payment-plans`, headers: s })).json().items).toEqual([]);
  });

  it("previews, then agrees an even plan: the case is held, the schedule and the confirmation are there", async () => {
    const body = { count: 2, firstOn: "2025-02-20" };
    const preview = await t.app.inject({ method: "POST", url: `/v1/cases/${a.caseId}/payment-plans?preview=true`, headers: s, payload: body });
    expect(preview.statusCode, preview.body).toBe(200);
    expect(preview.json()).toMatchObject({ preview: true, currency: "NOK" });
    expect((await t.app.inject({ method: "GET", url: `/v1/cases/${a.caseId}/payment-plans`, headers: s })).json().items).toEqual([]);
    const done = await t.app.inject({ method: "POST", url: `/v1/cases/${a.caseId}/payment-plans`, headers: s, payload: body });
    expect(done.statusCode).toBe(200);
    const plan = done.json();
    expect(plan.instalments.map((i: { dueOn: string }) => i.dueOn)).toEqual(["2025-02-20", "2025-03-20"]);
    const c = (await t.app.inject({ method: "GET", url: `/v1/cases/${a.caseId}`, headers: s })).json();
    expect(c.case.hold).toMatchObject({ kind: "payment-plan" });
    const total = plan.instalments.reduce((x: number, i: { amount: string }) => x + Math.round(Number(i.amount) * 100), 0);
    expect(total).toBe(Math.round(Number(c.balances.total) * 100));
    const plans = (await t.app.inject({ method: "GET", url: `/v1/cases/${a.caseId}/payment-plans`, headers: s })).json().items;
    expect(plans[0]).toMatchObject({ planId: plan.planId, status: "active", paid: "0.00" });
    const docs = (await t.app.inject({ method: "GET", url: `/v1/cases/${a.caseId}/documents`, headers: s })).json().items;
    expect(docs.map((d: { kind: string }) => d.kind)).toEqual([`payment-plan-confirmation:${plan.planId}`]);
    const pdf = await t.app.inject({ method: "GET", url: `/v1/cases/${a.caseId}/documents/${docs[0].documentId}`, headers: s });
    expect(pdf.headers["content-type"]).toBe("application/pdf");
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe("%PDF-");
    // A second plan while one holds is refused by the lifecycle.
    const again = await t.app.inject({ method: "POST", url: `/v1/cases/${a.caseId}/payment-plans`, headers: s, payload: body });
    expect(again.statusCode).toBe(422);
    expect(again.json().error.code).toBe("on_payment_plan");
  });
});
