import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { registerFirm } from "../../src/onboarding/firm-registration.js";
import { createPowerOfficeSandbox, DEMO_CLIENT, DebtCollectionStatus, type PowerOfficeSandbox } from "../../src/integration/poweroffice/sandbox/index.js";
import { createTestApp, type TestApp } from "../support/test-app.js";
import { login } from "../support/tenants.js";
import { startBrregSandbox } from "../../src/collection/debtor-info/sandbox/brreg-sandbox.js";
import { startSmtpCapture, tokenFrom } from "../support/smtp-capture.js";

/**
 * Issue 6, "done when": a firm and a client onboarded against the PowerOffice sandbox using only
 * the API — register the firm, log in, register the client, read what stops activation, fix it
 * (accounts, ledger credentials), activate, sync, and see the case number in the ledger.
 */
let t: TestApp;
let sandbox: PowerOfficeSandbox;
let sandboxUrl: string;
beforeAll(async () => {
  sandbox = createPowerOfficeSandbox({});
  sandboxUrl = await sandbox.listen();
  // The operator allows the sandbox's address; keys are never sent to any other.
  t = await createTestApp({ today: "2025-03-03", env: { FORDRING_LEDGER_URLS: sandboxUrl } });
  sandbox.seed({
    customers: [{ code: 10001, name: "Bjørnstad Rør AS", organizationNumber: "974760673", mailAddress: { address1: "Strandgata 5", zipCode: "9008", city: "TROMSØ", countryCode: "NO" } }],
    invoices: [{ invoiceNo: 1001, customerCode: 10001, invoiceDate: "2025-01-02", dueDate: "2025-01-16", amount: "12500.00", status: "Approved" }],
  });
}, 60_000);
afterAll(async () => {
  await sandbox?.close();
  await t?.close();
});

describe("onboarding through the API", () => {
  it("registers a firm and a client, says what is missing, activates, and the first sync opens the case", async () => {
    // Registration by e-mail is tested in test/access/user-management.pg.test.ts; here the firm is made as the confirmation link makes it.
    const { firmId } = await registerFirm(t.ctx.database, { name: "Regnskap Nord AS", orgNumber: "923609016", address: { line1: "Storgata 1", postcode: "9008", city: "Tromsø" }, contact: { name: "Kari Nord", email: "kari@regnskapnord.no" }, admin: { email: "kari@regnskapnord.no", name: "Kari Nord", password: "et langt passord" } });
    const s = await login(t, { email: "kari@regnskapnord.no", password: "et langt passord" });

    const bad = await t.app.inject({ method: "POST", url: `/v1/firms/${firmId}/creditors`, headers: s, payload: { code: "BJ", name: "Bjørn AS", orgNumber: "123456789", address: { line1: "x", postcode: "1", city: "y" } } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain("orgNumber");

    const client = await t.app.inject({
      method: "POST",
      url: `/v1/firms/${firmId}/creditors`,
      headers: s,
      payload: { code: "DEMO", name: "Demo Kreditor AS", orgNumber: "974760673", address: { line1: "Kreditorveien 1", postcode: "0150", city: "Oslo" }, bankAccount: { accountNumber: "86011117947", bic: "DNBANOKK" } },
    });
    expect(client.statusCode).toBe(201);
    const creditorId = client.json().creditorId as string;

    const before = await t.app.inject({ method: "GET", url: `/v1/creditors/${creditorId}/activation`, headers: s });
    expect(before.json().ready).toBe(false);
    expect(before.json().missing.map((m: { code: string }) => m.code).sort()).toEqual(["accounts_missing", "ledger_missing", "registration_not_approved"]);
    const refused = await t.app.inject({ method: "POST", url: `/v1/creditors/${creditorId}/activate`, headers: s, payload: {} });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.missing).toHaveLength(3);

    const elsewhere = await t.app.inject({ method: "POST", url: `/v1/creditors/${creditorId}/integrations`, headers: s, payload: { kind: "poweroffice", clientKey: DEMO_CLIENT.clientKey, baseUrl: "http://169.254.169.254/latest" } });
    expect(elsewhere.statusCode).toBe(422);
    expect(elsewhere.json().error.code).toBe("ledger_url_not_allowed");
    const wrongKey = await t.app.inject({ method: "POST", url: `/v1/creditors/${creditorId}/integrations`, headers: s, payload: { kind: "poweroffice", clientKey: "00000000-0000-0000-0000-000000000000", applicationKey: DEMO_CLIENT.applicationKey, baseUrl: sandboxUrl } });
    expect(wrongKey.statusCode).toBe(422);
    expect(wrongKey.json().error.code).toBe("ledger_credentials");
    expect(wrongKey.json().error.message).not.toMatch(/\d{3}|token|fetch/i);
    const integration = await t.app.inject({ method: "POST", url: `/v1/creditors/${creditorId}/integrations`, headers: s, payload: { kind: "poweroffice", clientKey: DEMO_CLIENT.clientKey, applicationKey: DEMO_CLIENT.applicationKey, baseUrl: sandboxUrl } });
    expect(integration.statusCode).toBe(201);
    const [row] = await t.ctx.database.query<{ credentials_ref: string }>("select credentials_ref from ledger_integrations where creditor_id = $1", [creditorId]);
    expect(row!.credentials_ref).toMatch(/^sealed:v2:[0-9a-f]{8}:/);
    expect(row!.credentials_ref).not.toContain(DEMO_CLIENT.clientKey);

    const settings = await t.app.inject({ method: "PATCH", url: `/v1/creditors/${creditorId}/settings`, headers: s, payload: { accounts: { interestIncome: "8050", collectionCostExpense: "7770" }, collection: { noticeDeadlineDays: 21 } } });
    expect(settings.statusCode).toBe(200);
    expect(settings.json().settings.collection.noticeDeadlineDays).toBe(21);
    const tooShort = await t.app.inject({ method: "PATCH", url: `/v1/creditors/${creditorId}/settings`, headers: s, payload: { collection: { noticeDeadlineDays: 7 } } });
    expect(tooShort.statusCode).toBe(400);
    expect(tooShort.json().error.message).toContain("collection.noticeDeadlineDays");

    // A firm registered from outside waits for the agency: its own admin cannot approve it.
    const waiting = await t.app.inject({ method: "GET", url: `/v1/creditors/${creditorId}/activation`, headers: s });
    expect(waiting.json().missing.map((m: { code: string }) => m.code)).toEqual(["registration_not_approved"]);
    expect((await t.app.inject({ method: "POST", url: `/v1/firms/${firmId}/approve`, headers: s })).statusCode).toBe(403);
    const approved = await t.inject({ method: "POST", url: `/v1/firms/${firmId}/approve` });
    expect(approved.statusCode, approved.body).toBe(200);
    const ready = await t.app.inject({ method: "GET", url: `/v1/creditors/${creditorId}/activation`, headers: s });
    expect(ready.json()).toEqual({ ready: true, missing: [] });
    const activated = await t.app.inject({ method: "POST", url: `/v1/creditors/${creditorId}/activate`, headers: s, payload: { transferAlreadyOverdue: true } });
    expect(activated.statusCode).toBe(200);
    expect(activated.json().status).toBe("active");

    const sync = await t.app.inject({ method: "POST", url: `/v1/creditors/${creditorId}/sync`, headers: s });
    expect(sync.statusCode).toBe(200);
    const cases = await t.app.inject({ method: "GET", url: `/v1/creditors/${creditorId}/cases`, headers: s });
    expect(cases.json().items).toHaveLength(1);
    const caseNumber = cases.json().items[0].caseNumber as string;
    expect(sandbox.ledger.invoiceByNo(1001)).toMatchObject({ dcStatus: DebtCollectionStatus.Exported, debtCollectionCode: caseNumber });

    const dashboard = await t.app.inject({ method: "GET", url: `/v1/firms/${firmId}/dashboard`, headers: s });
    expect(dashboard.json().clients).toEqual([expect.objectContaining({ code: "DEMO", status: "active", openCases: 1 })]);

    const off = await t.app.inject({ method: "POST", url: `/v1/creditors/${creditorId}/deactivate`, headers: s });
    expect(off.json(), off.body).toMatchObject({ status: "inactive" });
    const still = await t.app.inject({ method: "GET", url: `/v1/creditors/${creditorId}/cases`, headers: s });
    expect(still.json().items).toHaveLength(1);
    const on = await t.app.inject({ method: "POST", url: `/v1/creditors/${creditorId}/reactivate`, headers: s });
    expect(on.json().status).toBe("active");
  }, 120_000);

  it("registers a creditor on its own, whose user sees it and nothing else", async () => {
    const res = await t.app.inject({
      method: "POST",
      url: "/v1/creditors",
      payload: { code: "SOLO", name: "Solo Snekker AS", orgNumber: "923609016", address: { line1: "Verkstedveien 2", postcode: "7010", city: "Trondheim" }, user: { email: "ola@solo.no", name: "Ola", password: "et langt passord" } },
    });
    expect(res.statusCode, res.body).toBe(201);
    const login = await t.app.inject({ method: "POST", url: "/v1/auth/login", payload: { email: "ola@solo.no", password: "et langt passord" } });
    expect(login.json().memberships).toEqual([expect.objectContaining({ role: "creditor-user", creditorId: res.json().creditorId, firmId: null })]);
    const cookie = `fordring_session=${login.cookies.find((c) => c.name === "fordring_session")!.value}`;
    const list = await t.app.inject({ method: "GET", url: "/v1/creditors", headers: { cookie } });
    expect(list.json().items.map((c: { code: string }) => c.code)).toEqual(["SOLO"]);
    // On its own it waits for the agency's approval before it can be activated.
    const soloId = res.json().creditorId as string;
    const missing = async () => (await t.app.inject({ method: "GET", url: `/v1/creditors/${soloId}/activation`, headers: { cookie } })).json().missing.map((m: { code: string }) => m.code);
    expect(await missing()).toContain("registration_not_approved");
    expect((await t.inject({ method: "POST", url: `/v1/creditors/${soloId}/approve-registration` })).statusCode).toBe(200);
    expect(await missing()).not.toContain("registration_not_approved");
    const noUser = await t.app.inject({ method: "POST", url: "/v1/creditors", payload: { code: "SOLO2", name: "X AS", orgNumber: "923609016", address: { line1: "a", postcode: "1", city: "b" } } });
    expect(noUser.statusCode).toBe(400);
  });

  it("registers clients in bulk, each row on its own", async () => {
    const login = await t.app.inject({ method: "POST", url: "/v1/auth/login", payload: { email: "kari@regnskapnord.no", password: "et langt passord" } });
    const s = { cookie: `fordring_session=${login.cookies.find((c) => c.name === "fordring_session")!.value}`, "x-csrf-token": login.json().csrfToken as string };
    const firmId = login.json().memberships[0].firmId as string;
    const res = await t.app.inject({
      method: "POST",
      url: `/v1/firms/${firmId}/creditors/bulk`,
      headers: s,
      payload: { creditors: [
        { code: "B1", name: "En AS", orgNumber: "974760673", address: { line1: "a", postcode: "0150", city: "Oslo" } },
        { code: "B2", name: "To AS", orgNumber: "974760674", address: { line1: "a", postcode: "0150", city: "Oslo" } },
        { code: "DEMO", name: "Dublett AS", orgNumber: "923609016", address: { line1: "a", postcode: "0150", city: "Oslo" } },
      ] },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ registered: 1, failed: 2 });
    expect(res.json().results.map((r: { ok: boolean; error: string | null }) => [r.ok, r.error?.slice(0, 12) ?? null])).toEqual([[true, null], [false, "orgNumber: 9"], [false, "code: a cred"]]);

    // Activation in bulk: the ready client is activated, the new one says what it lacks, a stranger's id is not found.
    const b1 = res.json().results[0].creditorId as string;
    const [demo] = await t.ctx.database.query<{ id: string }>("select id from creditors where code = 'DEMO'");
    const stranger = "00000000-0000-4000-8000-000000000001";
    const bulk = await t.app.inject({ method: "POST", url: `/v1/firms/${firmId}/creditors/activate`, headers: s, payload: { creditorIds: [demo!.id, b1, stranger] } });
    expect(bulk.statusCode, bulk.body).toBe(200);
    expect(bulk.json()).toMatchObject({ activated: 1, notReady: 2 });
    const [r0, r1, r2] = bulk.json().results as { activated: boolean; missing: { code: string }[] }[];
    expect(r0!.activated).toBe(true);
    expect(r1!.missing.map((m) => m.code)).toEqual(expect.arrayContaining(["bank_account_missing", "ledger_missing", "accounts_missing"]));
    expect(r2!.missing.map((m) => m.code)).toEqual(["not_found"]);
  });
});

describe("a firm registering with another company's organisation number (FORDRING_BRREG_URL)", () => {
  it("is refused when Enhetsregisteret has the number under another name, and accepted (waiting for the agency) under its own", async () => {
    const registry = await startBrregSandbox({ entities: [{ organisasjonsnummer: "923609016", navn: "REGNSKAP SØR AS" }] });
    const smtp = await startSmtpCapture();
    const app = await createTestApp({ env: { FORDRING_BRREG_URL: registry.url, FORDRING_PUBLIC_URL: "https://portal.example" } });
    app.ctx.mailer = smtp.mailer;
    try {
      const body = (name: string, email: string) => ({ name, orgNumber: "923609016", address: { line1: "Storgata 1", postcode: "4611", city: "Kristiansand" }, contact: { name: "Siri", email }, admin: { email, name: "Siri", password: "et langt passord" } });
      // Checked before any e-mail is sent: the number is not this firm's.
      const stolen = await app.app.inject({ method: "POST", url: "/v1/firms", payload: body("Regnskap Nord AS", "siri@nord.no") });
      expect(stolen.statusCode).toBe(400);
      expect(stolen.json().detail).toContain("923609016 belongs to REGNSKAP SØR AS in Enhetsregisteret, not Regnskap Nord AS");
      const own = await app.app.inject({ method: "POST", url: "/v1/firms", payload: body("Regnskap Sør AS", "siri@sor.no") });
      expect(own.statusCode, own.body).toBe(202);
      // The e-mailed link creates the firm, which then waits for the agency's approval.
      const token = tokenFrom(await smtp.waitFor("siri@sor.no"), "https://portal.example/confirm-registration");
      expect(smtp.received.map((m) => m.to)).toEqual(["siri@sor.no"]);
      const confirmed = await app.app.inject({ method: "POST", url: "/v1/registrations/confirm", payload: { token } });
      expect(confirmed.statusCode, confirmed.body).toBeLessThan(300);
      const firms = await app.ctx.database.query<{ name: string; approved_at: Date | null }>("select name, approved_at from accounting_firms");
      expect(firms).toEqual([{ name: "Regnskap Sør AS", approved_at: null }]);
    } finally {
      await app.close();
      await registry.close();
      await smtp.close();
    }
  });
});
