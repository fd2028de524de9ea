import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../support/test-app.js";
import { createUser, grantRole } from "../../src/access/users.js";
import { login, PASSWORD, seedTenant, type Tenant } from "../support/tenants.js";
import { startSmtpCapture, type SmtpCapture } from "../support/smtp-capture.js";

/**
 * Issue 19: changing the payout bank account (where the creditor's money goes) needs a person who
 * is the firm's admin, or the agency's staff; a creditor's API key could do it, and can no longer.
 * A change is only asked for: another person (a firm admin or the agency's staff) approves it
 * before it is used; the firm's admins get an e-mail at each step (a real SMTP server), and each
 * step is audited. Real PostgreSQL.
 */
let t: TestApp;
let a: Tenant;
let smtp: SmtpCapture;
/** A second admin of the same firm: the one who approves. */
const second = { email: "second@payout.example", password: PASSWORD };
const until = async (done: () => boolean) => {
  for (let i = 0; i < 100 && !done(); i++) await new Promise((r) => setTimeout(r, 50));
  expect(done()).toBe(true);
};
beforeAll(async () => {
  smtp = await startSmtpCapture();
  t = await createTestApp({ today: "2025-02-03", env: { FORDRING_SMTP_URL: smtp.url, FORDRING_MAIL_FROM: "Fordring <post@fordring.example>" } });
  a = await seedTenant(t, "Payout", "974760673");
  // The second admin is agency finance staff: it may approve, and is not mailed as a firm admin.
  await grantRole(t.ctx.database, { userId: await createUser(t.ctx.database, { email: second.email, name: "Second", password: PASSWORD }), role: "agency-finance" });
}, 60_000);
afterAll(async () => {
  await t?.close();
  await smtp?.close();
});

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

  it("asked for by the firm's admin, is pending (the old account stays in use) and mailed to the firm's admins; the same person cannot approve it; another admin can, and it is audited and mailed again", async () => {
    const admin = await login(t, a.users.firmAdmin);
    const res = await t.app.inject({ method: "PATCH", url: `/v1/creditors/${a.creditorId}`, headers: admin, payload: { bankAccount: other } });
    expect(res.statusCode, res.body).toBe(200);
    const pending = res.json().pendingBankAccount;
    expect(pending).toMatchObject({ account: { accountNumber: "12345678903", bic: "DNBANOKK", active: true }, requestedBy: a.users.firmAdmin.email });
    expect(res.json().bankAccount.accountNumber).toBe("86011117947");
    expect((await stored()).accountNumber).toBe("86011117947");
    await until(() => smtp.received.length >= 1);
    expect(smtp.received.map((m) => m.to)).toEqual([a.users.firmAdmin.email]);
    expect(smtp.received[0]!.text).toContain("har bedt om å endre utbetalingskontoen for Creditor Payout AS (renamed) fra •••• 7947 til •••• 8903");
    expect(smtp.received[0]!.text).toContain("7947");
    expect(smtp.received[0]!.text).toContain("8903");
    // Not the accountant, not the creditor's user, not an API key: they are not the firm's admins.
    expect(smtp.received[0]!.text).not.toContain("12345678903");

    const self = await t.app.inject({ method: "POST", url: `/v1/creditors/${a.creditorId}/payout-account-changes/${pending.changeId}/approve`, headers: admin });
    expect(self.statusCode, self.body).toBe(422);
    expect(self.json().detail).toMatch(/another person/);
    const byKey = await t.app.inject({ method: "POST", url: `/v1/creditors/${a.creditorId}/payout-account-changes/${pending.changeId}/approve`, headers: { authorization: `Bearer ${a.apiKey}` } });
    expect(byKey.statusCode).toBe(403);
    const byAccountant = await t.app.inject({ method: "POST", url: `/v1/creditors/${a.creditorId}/payout-account-changes/${pending.changeId}/approve`, headers: await login(t, a.users.accountant) });
    expect(byAccountant.statusCode).toBe(403);
    expect((await stored()).accountNumber).toBe("86011117947");

    const approved = await t.app.inject({ method: "POST", url: `/v1/creditors/${a.creditorId}/payout-account-changes/${pending.changeId}/approve`, headers: await login(t, second) });
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json()).toMatchObject({ bankAccount: { accountNumber: "12345678903" }, pendingBankAccount: null });
    expect((await stored()).accountNumber).toBe("12345678903");
    await until(() => smtp.received.length >= 2);
    expect(smtp.received[1]!.text).toContain("er endret fra •••• 7947 til •••• 8903, godkjent av second@payout.example");
    const again = await t.app.inject({ method: "POST", url: `/v1/creditors/${a.creditorId}/payout-account-changes/${pending.changeId}/reject`, headers: admin });
    expect(again.statusCode).toBe(409);

    const audit = await t.ctx.database.query<{ action: string; actor_label: string }>("select action, actor_label from audit_log where creditor_id = $1 and action like 'payout-account.%' order by id", [a.creditorId]);
    expect(audit).toEqual([
      { action: "payout-account.change-requested", actor_label: a.users.firmAdmin.email },
      { action: "payout-account.notified", actor_label: "notifications" },
      { action: "payout-account.change-approved", actor_label: "second@payout.example" },
      { action: "payout-account.notified", actor_label: "notifications" },
    ]);
  });

  it("a rejected change leaves the account as it was", async () => {
    const res = await t.app.inject({ method: "PATCH", url: `/v1/creditors/${a.creditorId}`, headers: await login(t, a.users.firmAdmin), payload: { bankAccount: { accountNumber: "86011117947", bic: "DNBANOKK" } } });
    const changeId = res.json().pendingBankAccount.changeId;
    const rejected = await t.app.inject({ method: "POST", url: `/v1/creditors/${a.creditorId}/payout-account-changes/${changeId}/reject`, headers: await login(t, second) });
    expect(rejected.statusCode, rejected.body).toBe(200);
    expect(rejected.json().pendingBankAccount).toBeNull();
    expect((await stored()).accountNumber).toBe("12345678903");
    await until(() => smtp.received.some((m) => m.text.includes("er avvist av second@payout.example. Utbetalinger går fortsatt til •••• 8903")));
  });
});
