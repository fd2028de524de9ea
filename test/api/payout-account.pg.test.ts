import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../support/test-app.js";
import { login, seedTenant, type Tenant } from "../support/tenants.js";

/**
 * Issue 19: changing the payout bank account (where the creditor's money goes) needs a person who
 * is the firm's admin, or the agency's staff; a creditor's API key could do it, and can no longer.
 * The change is audited. Real PostgreSQL.
 */
let t: TestApp;
let a: Tenant;
beforeAll(async () => {
  t = await createTestApp({ today: "2025-02-03" });
  a = await seedTenant(t, "Payout", "974760673");
}, 60_000);
afterAll(async () => t?.close());

const stored = async () => (await t.ctx.database.query<{ bank_account: { accountNumber?: string } }>("select bank_account from creditors where id = $1", [a.creditorId]))[0]!.bank_account;
const other = { accountNumber: "12345678903", bic: "DNBANOKK", active: true };

describe("the payout bank account", () => {
  it("is not changed with a creditor's API key, nor by the creditor's own user", async () => {
    const byKey = await t.app.inject({ method: "PATCH", url: `/v1/creditors/${a.creditorId}`, headers: { authorization: `Bearer ${a.apiKey}` }, payload: { bankAccount: other } });
    expect(byKey.statusCode, byKey.body).toBe(403);
    expect(byKey.json().errors).toEqual([{ field: "body.bankAccount", message: expect.stringMatching(/firm's admin or the agency's staff/) }]);
    const byUser = await t.app.inject({ method: "PATCH", url: `/v1/creditors/${a.creditorId}`, headers: await login(t, a.users.creditorUser), payload: { bankAccount: other } });
    expect(byUser.statusCode).toBe(403);
    expect((await stored()).accountNumber).toBe("86011117947");
  });

  it("lets the key change other details when the account it sends back is the same", async () => {
    const current = await stored();
    const res = await t.app.inject({ method: "PATCH", url: `/v1/creditors/${a.creditorId}`, headers: { authorization: `Bearer ${a.apiKey}` }, payload: { name: "Creditor Payout AS (renamed)", bankAccount: current } });
    expect(res.statusCode, res.body).toBe(200);
  });

  it("is changed by the firm's admin, and the change is audited", async () => {
    const res = await t.app.inject({ method: "PATCH", url: `/v1/creditors/${a.creditorId}`, headers: await login(t, a.users.firmAdmin), payload: { bankAccount: other } });
    expect(res.statusCode, res.body).toBe(200);
    expect((await stored()).accountNumber).toBe("12345678903");
    // The audit row is written once the answer has gone: wait for it.
    const outcomes = async () => (await t.ctx.database.query<{ actor_kind: string; outcome: string }>("select actor_kind, outcome from audit_log where creditor_id = $1 and action = 'PATCH /v1/creditors/:creditorId' order by id", [a.creditorId])).map((r) => `${r.actor_kind} ${r.outcome}`);
    for (let i = 0; i < 50 && (await outcomes()).length < 4; i++) await new Promise((r) => setTimeout(r, 50));
    expect(await outcomes()).toEqual(["api-client denied", "user denied", "api-client ok", "user ok"]);
  });
});
