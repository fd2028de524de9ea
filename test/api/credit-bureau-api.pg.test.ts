import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startCreditBureauSandbox, type CreditBureauSandbox } from "../../src/collection/debtor-info/sandbox/credit-bureau-sandbox.js";
import { createTestApp, type TestApp } from "../support/test-app.js";
import { login, seedTenant, type Tenant } from "../support/tenants.js";

/** Credit checks, the debtor-check log and payment remarks over the API (docs/CASES.md, "Credit checks"). */
let t: TestApp;
let a: Tenant;
let s: Record<string, string>;
let bureau: CreditBureauSandbox;
beforeAll(async () => {
  bureau = await startCreditBureauSandbox({ subjects: [{ key: ":Debtor Alfa", score: 55, riskClass: "B" }] });
  t = await createTestApp({ today: "2025-02-03", env: { FORDRING_CREDIT_BUREAU_URL: bureau.url, FORDRING_CREDIT_BUREAU_USER: bureau.username, FORDRING_CREDIT_BUREAU_PASSWORD: bureau.password } });
  a = await seedTenant(t, "Alfa", "974760673");
  s = await login(t, a.users.firmAdmin);
}, 60_000);
afterAll(async () => {
  await t?.close();
  await bureau?.close();
});

describe("credit checks over the API", () => {
  it("refuses a check without a purpose (400), runs one with it, and lists it with the user who asked", async () => {
    const none = await t.app.inject({ method: "POST", url: `/v1/cases/${a.caseId}/credit-checks`, headers: s, payload: {} });
    expect(none.statusCode).toBe(400);
    expect(bureau.checks).toEqual([]);
    const ok = await t.app.inject({ method: "POST", url: `/v1/cases/${a.caseId}/credit-checks`, headers: s, payload: { purpose: "vurdere forliksklage" } });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ outcome: "ok", score: 55, riskClass: "B", paymentRemarks: 0 });
    bureau.down = true;
    const down = await t.app.inject({ method: "POST", url: `/v1/cases/${a.caseId}/credit-checks`, headers: s, payload: { purpose: "vurdere forliksklage" } });
    expect(down.json()).toMatchObject({ outcome: "unavailable", score: null });
    bureau.down = false;
    const list = (await t.app.inject({ method: "GET", url: `/v1/cases/${a.caseId}/debtor-checks`, headers: s })).json().items;
    expect(list.map((c: { outcome: string; source: string; purpose: string; checkedOn: string }) => `${c.source} ${c.outcome} ${c.purpose} ${c.checkedOn}`)).toEqual(["credit-check unavailable vurdere forliksklage 2025-02-03", "credit-check ok vurdere forliksklage 2025-02-03"]);
    expect(list[0].actor).toBe(list[1].actor);
    expect(list[0].actor).not.toBe("");
    expect(bureau.checks.map((c) => c.requestedBy)).toEqual([list[1].actor]);
    expect((await t.app.inject({ method: "GET", url: `/v1/cases/${a.caseId}/payment-remarks`, headers: s })).json()).toEqual({ items: [] });
  });

  it("shows the checks' reasons on the case page in the reader's language (English for a Swedish reader), and keeps the English on the row", async () => {
    const reasons = async () => {
      const page = (await t.app.inject({ method: "GET", url: `/v1/cases/${a.caseId}`, headers: s })).json() as { timeline: { type: string; reason: string | null }[] };
      return page.timeline.filter((e) => e.type === "credit-check").map((e) => e.reason);
    };
    const nb = await reasons();
    expect(nb).toHaveLength(2);
    expect(nb[0]).toBe("score 55 (B), 0 betalingsanmerkning(er)");
    expect(nb[1]).toMatch(/^kredittopplysningsforetaket svarte ikke \(.+\); sjekkes igjen senere$/);
    const me = await t.app.inject({ method: "PATCH", url: "/v1/me", headers: s, payload: { locale: "en" } });
    expect(me.statusCode, me.body).toBe(200);
    const en = await reasons();
    expect(en[0]).toBe("score 55 (B), 0 payment remark(s)");
    expect(en[1]).toMatch(/^the bureau could not be reached \(.+\); checked again later$/);
    const stored = await t.ctx.database.query<{ reason: string }>("select reason from case_events where case_id = $1 and type = 'credit-check' order by id", [a.caseId]);
    expect(stored.map((r) => r.reason)).toEqual(en);
    // The reasons have no Swedish: a Swedish reader gets the English, not Norwegian.
    expect((await t.app.inject({ method: "PATCH", url: "/v1/me", headers: s, payload: { locale: "sv" } })).statusCode).toBe(200);
    expect(await reasons()).toEqual(en);
  });
});
