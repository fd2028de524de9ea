import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { registerFirm } from "../../src/onboarding/firm-registration.js";
import { createVismaNetSandbox, DEMO_COMPANIES, type VismaNetSandbox } from "../../src/integration/visma-net/sandbox/index.js";
import { createTestApp, type TestApp } from "../support/test-app.js";
import { login } from "../support/tenants.js";

/**
 * Issue 18, activation: a client on Visma.net ERP onboarded through the API — connect with the
 * company's credentials (refused in words when wrong), the dunning routine's preset chosen, what
 * is missing listed, activated, the first sync writes the case number into the invoice, and
 * deactivated and reactivated.
 */
let t: TestApp;
let sandbox: VismaNetSandbox;
let url: string;
const company = DEMO_COMPANIES[0]!;
beforeAll(async () => {
  sandbox = createVismaNetSandbox({});
  url = await sandbox.listen();
  t = await createTestApp({ today: "2025-03-03", env: { FORDRING_LEDGER_URLS: url } });
  const c = sandbox.company;
  c.addCustomer({ number: "10001", name: "Bjørnstad Rør AS", corporateId: "974760673", address: { line1: "Strandgata 5", postalCode: "9008", city: "TROMSØ" } });
  c.addInvoice({ referenceNumber: "100001", customer: "10001", documentDate: "2025-01-02", dueDate: "2025-01-16", amountMinor: 12_500_00, paymentReference: "100010001007", dunningLevel: 1, dunningLetterDate: "2025-01-30" });
  c.addInvoice({ referenceNumber: "100002", customer: "10001", documentDate: "2025-01-02", dueDate: "2025-01-16", amountMinor: 700_00, paymentReference: "100010002005" });
}, 60_000);
afterAll(async () => {
  await sandbox?.close();
  await t?.close();
});

describe("onboarding a Visma.net client through the API", () => {
  it("connects with the company's credentials, activates, syncs the case number into the invoice, deactivates and reactivates", async () => {
    // Registration by e-mail is tested in test/access/user-management.pg.test.ts; here the firm is made as the confirmation link makes it.
    const { firmId } = await registerFirm(t.ctx.database, { name: "Regnskap Vest AS", orgNumber: "923609016", address: { line1: "Strandkaien 2", postcode: "5003", city: "Bergen" }, contact: { name: "Per Vest", email: "per@regnskapvest.no" }, admin: { email: "per@regnskapvest.no", name: "Per Vest", password: "et langt passord" } });
    // The agency has approved the firm's registration (the waiting is tested in onboarding.pg.test.ts).
    expect((await t.inject({ method: "POST", url: `/v1/firms/${firmId}/approve` })).statusCode).toBe(200);
    const s = await login(t, { email: "per@regnskapvest.no", password: "et langt passord" });
    const client = await t.app.inject({
      method: "POST",
      url: `/v1/firms/${firmId}/creditors`,
      headers: s,
      payload: { code: "FJORD", name: company.name, orgNumber: company.organizationNumber, address: { line1: "Kaiveien 3", postcode: "5003", city: "Bergen" }, bankAccount: { accountNumber: "86011117947", bic: "DNBANOKK" } },
    });
    const creditorId = client.json().creditorId as string;

    const connect = (payload: Record<string, unknown>) => t.app.inject({ method: "POST", url: `/v1/creditors/${creditorId}/integrations`, headers: s, payload: { kind: "visma-net", clientId: company.clientId, clientSecret: company.clientSecret, tenantId: company.tenantId, baseUrl: url, ...payload } });
    const wrongTenant = await connect({ tenantId: "4242" });
    expect(wrongTenant.statusCode).toBe(422);
    expect(wrongTenant.json().error.message).toMatch(/tenant id/);
    const badAccount = await connect({ balanceAccount: "15x0" });
    expect(badAccount.statusCode).toBe(400);
    expect(badAccount.json().error.message).toContain("balanceAccount");
    const ok = await connect({ balanceAccount: "1510" });
    expect(ok.statusCode).toBe(201);
    expect(ok.json().kind).toBe("visma-net");
    const [row] = await t.ctx.database.query<{ credentials_ref: string; preset: string }>(
      "select i.credentials_ref, c.settings->'transfer'->>'preset' as preset from ledger_integrations i join creditors c on c.id = i.creditor_id where i.creditor_id = $1",
      [creditorId],
    );
    expect(row!.credentials_ref).toMatch(/^sealed:/);
    expect(row!.credentials_ref).not.toContain(company.clientSecret);
    expect(row!.preset).toBe("visma-net-dunning");

    const before = await t.app.inject({ method: "GET", url: `/v1/creditors/${creditorId}/activation`, headers: s });
    expect(before.json().missing).toEqual([expect.objectContaining({ code: "accounts_missing", text: expect.objectContaining({ nb: expect.stringMatching(/kontoer/) }) })]);
    await t.app.inject({ method: "PATCH", url: `/v1/creditors/${creditorId}/settings`, headers: s, payload: { accounts: { interestIncome: "8050", collectionCostExpense: "7770" } } });
    const activated = await t.app.inject({ method: "POST", url: `/v1/creditors/${creditorId}/activate`, headers: s, payload: { transferAlreadyOverdue: true } });
    expect(activated.statusCode).toBe(200);

    const sync = await t.app.inject({ method: "POST", url: `/v1/creditors/${creditorId}/sync`, headers: s });
    expect(sync.statusCode).toBe(200);
    const cases = await t.app.inject({ method: "GET", url: `/v1/creditors/${creditorId}/cases`, headers: s });
    // The dunning routine chose 100001; 100002 has had no purring yet.
    expect(cases.json().items).toHaveLength(1);
    const caseNumber = cases.json().items[0].caseNumber as string;
    expect(sandbox.company.invoice("100001").debtCollection).toMatchObject({ caseNumber, caseType: "Inkasso" });
    expect(sandbox.company.invoice("100002").debtCollection.caseNumber).toBeNull();

    // The company takes the integration's API access away: the check says so in words.
    sandbox.revokeAccess(company.tenantId);
    const broken = await t.app.inject({ method: "GET", url: `/v1/creditors/${creditorId}/activation`, headers: s });
    expect(broken.json().missing).toEqual([expect.objectContaining({ code: "ledger_credentials", text: expect.objectContaining({ nb: expect.stringMatching(/^Innloggingen mot Visma\.net ERP virker ikke/) }) })]);
    expect(broken.json().missing[0].text.en).toMatch(/may not use company \(tenant\) 1000001/);
    sandbox.grantAccess(company.tenantId);
    expect((await t.app.inject({ method: "GET", url: `/v1/creditors/${creditorId}/activation`, headers: s })).json()).toEqual({ ready: true, missing: [] });

    const off = await t.app.inject({ method: "POST", url: `/v1/creditors/${creditorId}/deactivate`, headers: s });
    expect(off.json()).toMatchObject({ status: "inactive" });
    const on = await t.app.inject({ method: "POST", url: `/v1/creditors/${creditorId}/reactivate`, headers: s });
    expect(on.json().status).toBe("active");
  }, 120_000);
});
