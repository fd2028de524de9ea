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

describe("a case over the API", () => {
  it("shows balances, the next step, the timeline with its letter, charges with sources, payments with allocations", async () => {
    const res = await t.app.inject({ method: "GET", url: `/v1/cases/${a.caseId}`, headers: s });
    expect(res.statusCode).toBe(200);
    const c = res.json();
    expect(c.case).toMatchObject({ caseNumber: a.caseNumber, stage: "collection-notice", invoiceNumber: "INV-Alfa", debtorName: "Debtor Alfa" });
    expect(c.next).toMatchObject({ event: "notice-deadline-passed", text: "Fristen i inkassovarselet går ut" });
    expect(c.allowedActions).toEqual(expect.arrayContaining(["pause", "dispute", "withdraw", "message"]));
    expect(c.allowedActions).not.toContain("approve");
    expect(c.allowedActions).not.toContain("resume");
    const notice = c.timeline.find((e: { type: string }) => e.type === "send-collection-notice");
    expect(notice.letterId).toBe(a.letterId);
    expect(c.charges[0]).toMatchObject({ kind: "notice-fee", payer: "debtor" });
    expect(c.charges[0].source).toMatch(/inkasso/i);
    expect(c.payments[0]).toMatchObject({ amount: "200.00", channel: "agency" });
    const allocated = c.payments[0].allocations.reduce((x: number, al: { amount: string }) => x + Math.round(Number(al.amount) * 100), 0);
    expect(allocated).toBe(20000);
    const pdf = await t.app.inject({ method: "GET", url: `/v1/letters/${a.letterId}/pdf`, headers: s });
    expect(pdf.headers["content-type"]).toBe("application/pdf");
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe("%PDF-");
  });

  it("previews an action without changing anything, then carries it out; a pause with an end date shows in the timeline", async () => {
    const before = (await t.app.inject({ method: "GET", url: `/v1/cases/${a.caseId}`, headers: s })).json();
    const preview = await t.app.inject({ method: "POST", url: `/v1/cases/${a.caseId}/actions/pause?preview=true`, headers: s, payload: { reason: "Avtale om betaling", until: "2025-02-20" } });
    expect(preview.json()).toMatchObject({ ok: true, preview: true, hold: "paused", nextActionOn: "2025-02-20" });
    const unchanged = (await t.app.inject({ method: "GET", url: `/v1/cases/${a.caseId}`, headers: s })).json();
    expect(unchanged.timeline).toEqual(before.timeline);
    expect(unchanged.case.hold).toBeNull();
    const done = await t.app.inject({ method: "POST", url: `/v1/cases/${a.caseId}/actions/pause`, headers: s, payload: { reason: "Avtale om betaling", until: "2025-02-20" } });
    expect(done.json()).toMatchObject({ preview: false, hold: "paused" });
    const after = (await t.app.inject({ method: "GET", url: `/v1/cases/${a.caseId}`, headers: s })).json();
    expect(after.case.hold).toEqual({ kind: "paused", reason: "Avtale om betaling", until: "2025-02-20" });
    expect(after.timeline.at(-1)).toMatchObject({ type: "pause", reason: "Avtale om betaling", text: "Satt på pause" });
    expect(after.next).toMatchObject({ event: "resume", on: "2025-02-20" });
    expect(after.allowedActions).toContain("resume");
    const notPreview = await t.app.inject({ method: "POST", url: `/v1/cases/${a.caseId}/actions/message?preview=false`, headers: s, payload: { text: "Ring kunden" } });
    expect(notPreview.json().preview).toBe(false);
    const settlements = (await t.app.inject({ method: "GET", url: `/v1/creditors/${a.creditorId}/settlements?limit=1`, headers: s })).json();
    expect(settlements.items.map((x: { settlementId: string }) => x.settlementId)).toEqual([a.settlementId]);
    expect(settlements.nextCursor).toBeNull();
    expect((await t.app.inject({ method: "GET", url: `/v1/creditors/${a.creditorId}/settlements?to=2024-12-31`, headers: s })).json().items).toEqual([]);
    expect((await t.app.inject({ method: "GET", url: `/v1/creditors/${a.creditorId}/invoices?from=2024-12-16&to=2024-12-16`, headers: s })).json().items).toHaveLength(1);
    expect((await t.app.inject({ method: "GET", url: `/v1/creditors/${a.creditorId}/invoices?from=2024-12-17`, headers: s })).json().items).toEqual([]);
    const badCursor = await t.app.inject({ method: "GET", url: `/v1/creditors/${a.creditorId}/invoices?cursor=${Buffer.from(JSON.stringify(["x", "y"])).toString("base64url")}`, headers: s });
    expect(badCursor.statusCode).toBe(400);
    const approve = await t.app.inject({ method: "POST", url: `/v1/cases/${a.caseId}/actions/approve`, headers: s, payload: {} });
    expect(approve.statusCode).toBe(409);
    expect(approve.json().error.code).toBe("nothing_to_approve");
    expect((await t.app.inject({ method: "POST", url: `/v1/cases/${a.caseId}/actions/resume`, headers: s, payload: {} })).statusCode).toBe(200);
    const missing = await t.app.inject({ method: "POST", url: `/v1/cases/${a.caseId}/actions/postpone`, headers: s, payload: {} });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.message).toContain("dueDate");
  });

  it("prices a withdrawal (free within 10 days of the notice, the incurred costs after)", async () => {
    const res = await t.app.inject({ method: "GET", url: `/v1/cases/${a.caseId}/withdraw-preview`, headers: s });
    expect(res.statusCode).toBe(200);
    const w = res.json();
    // The notice went out 2025-01-02; today is 2025-02-03: the free period is over.
    expect(w.free).toBe(false);
    expect(Number(w.cost.total)).toBeGreaterThan(0);
    expect(Math.round(Number(w.cost.fees) * 100) + Math.round(Number(w.cost.interest) * 100)).toBe(Math.round(Number(w.cost.total) * 100));
    const still = (await t.app.inject({ method: "GET", url: `/v1/cases/${a.caseId}`, headers: s })).json();
    expect(still.case.closedOn).toBeNull();
  });

  it("runs a what-if over a creditor's cases with other settings, and nothing is kept", async () => {
    // A tenant of its own: the first one's payment demand went out when it was resumed above.
    const b = await seedTenant(t, "Beta", "923609016");
    const s = await login(t, b.users.firmAdmin);
    const [{ n: casesBefore }] = (await t.ctx.database.query<{ n: number }>("select count(*)::int as n from case_events")) as [{ n: number }];
    const [{ last }] = (await t.ctx.database.query<{ last: string }>("select last_value::text as last from case_number_seq")) as [{ last: string }];
    const res = await t.app.inject({ method: "POST", url: `/v1/creditors/${b.creditorId}/what-if`, headers: s, payload: { days: 60, settings: { collection: { approveBeforePaymentDemand: true } } } });
    expect(res.statusCode, res.body).toBe(200);
    const w = res.json();
    expect(w.from).toBe("2025-02-04");
    expect(w.to).toBe("2025-04-04");
    expect(w.current.letters.paymentDemand, JSON.stringify(w)).toBe(1);
    expect(Number(w.current.salary)).toBeGreaterThan(0);
    // With an approval gate before the payment demand, the case waits for a person: no demand, no salær.
    expect(w.proposed.letters.paymentDemand).toBe(0);
    expect(w.proposed.salary).toBe("0.00");
    expect(w.current.byWeek.length).toBeGreaterThan(0);
    const [{ n: casesAfter }] = (await t.ctx.database.query<{ n: number }>("select count(*)::int as n from case_events")) as [{ n: number }];
    expect(casesAfter).toBe(casesBefore);
    const [{ last: lastAfter }] = (await t.ctx.database.query<{ last: string }>("select last_value::text as last from case_number_seq")) as [{ last: string }];
    expect(lastAfter).toBe(last);
  });
});
