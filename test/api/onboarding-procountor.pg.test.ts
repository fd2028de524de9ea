import { registerFirm } from "../../src/onboarding/firm-registration.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createProcountorSandbox, SWEDISH_COMPANIES, type ProcountorSandbox } from "../../src/integration/procountor/sandbox/index.js";
import { createTestApp, type TestApp } from "../support/test-app.js";
import { login } from "../support/tenants.js";

/**
 * Issue 17, activation through the API: a Swedish client on Procountor connects with its API key
 * (sealed; refused in words when wrong), gets Procountor Inkasso's transfer rules, reads the
 * activation checklist in sv/nb/en, accepts the terms and is activated once the company chose the
 * agency as collection partner; the first sync writes the case number into the invoice; a
 * deactivated client is reactivated only after the check passes again.
 */
let t: TestApp;
let sandbox: ProcountorSandbox;
let url: string;
const company = SWEDISH_COMPANIES[0]!;
beforeAll(async () => {
  sandbox = createProcountorSandbox({});
  url = await sandbox.listen();
  t = await createTestApp({ today: "2025-03-03", env: { FORDRING_LEDGER_URLS: url, PROCOUNTOR_CLIENT_ID: sandbox.clientId, PROCOUNTOR_CLIENT_SECRET: sandbox.clientSecret } });
  const p = sandbox.ledger.addPartner({ name: "Öberg & Söner HB", customerNumber: "1001", address: { street: "Kungsgatan 4", zip: "111 43", city: "Stockholm", country: "SWEDEN" } });
  sandbox.ledger.addInvoice({ partnerId: p.id, invoiceNumber: 5001, date: "2025-01-10", dueDate: "2025-02-09", sumMinor: 12_500_00, currency: "SEK" });
}, 60_000);
afterAll(async () => {
  await sandbox?.close();
  await t?.close();
});

describe("onboarding a Procountor client through the API", () => {
  it("connects with the API key, lists what is missing in sv/nb/en, activates once the terms are accepted and the agency is the collection partner, syncs, and reactivates only after a new check", async () => {
    // Registration by e-mail is tested in test/access/user-management.pg.test.ts; here the firm is made as the confirmation link makes it.
    const { firmId } = await registerFirm(t.ctx.database, { name: "Regnskap Vest AS", orgNumber: "923609016", address: { line1: "Strandkaien 2", postcode: "5003", city: "Bergen" }, contact: { name: "Per Vest", email: "per@regnskapvest.no" }, admin: { email: "per@regnskapvest.no", name: "Per Vest", password: "et langt passord" } });
    const s = await login(t, { email: "per@regnskapvest.no", password: "et langt passord" });
    const client = await t.app.inject({
      method: "POST",
      url: `/v1/firms/${firmId}/creditors`,
      headers: s,
      payload: { code: "NORR", name: company.name, orgNumber: "556036-0793", jurisdiction: "SE", address: { line1: "Storgatan 12", postcode: "903 26", city: "Umeå" } },
    });
    expect(client.statusCode).toBe(201);
    const creditorId = client.json().creditorId as string;

    // No Procountor connection yet: the checklist says so.
    const none = await t.app.inject({ method: "GET", url: `/v1/creditors/${creditorId}/integrations/procountor/activation`, headers: s });
    expect(none.statusCode).toBe(404);
    expect(none.json().error.message).toContain("no Procountor integration");

    const connect = (payload: Record<string, unknown>) => t.app.inject({ method: "POST", url: `/v1/creditors/${creditorId}/integrations`, headers: s, payload: { kind: "procountor", apiKey: company.apiKey, baseUrl: url, ...payload } });
    const wrongKey = await connect({ apiKey: "pts-not-a-key-of-anyone" });
    expect(wrongKey.statusCode).toBe(422);
    expect(wrongKey.json().error.message).toMatch(/API key in Procountor/);
    const halfClient = await connect({ clientId: sandbox.clientId });
    expect(halfClient.statusCode).toBe(400);
    expect(halfClient.json().error.message).toMatch(/^clientSecret: /);
    const wrongSecret = await connect({ clientId: sandbox.clientId, clientSecret: "not-the-secret" });
    expect(wrongSecret.statusCode).toBe(422);
    expect((await t.ctx.database.query("select 1 from ledger_integrations where creditor_id = $1", [creditorId])).length).toBe(0);

    const ok = await connect({ clientId: sandbox.clientId, clientSecret: sandbox.clientSecret });
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({ kind: "procountor", canCreateCases: true });
    const [row] = await t.ctx.database.query<{ credentials_ref: string; preset: string }>(
      "select i.credentials_ref, c.settings->'transfer'->>'preset' as preset from ledger_integrations i join creditors c on c.id = i.creditor_id where i.creditor_id = $1",
      [creditorId],
    );
    expect(row!.credentials_ref).toMatch(/^sealed:/);
    expect(row!.credentials_ref).not.toContain(company.apiKey);
    expect(row!.preset).toBe("procountor-kravia");

    // The company has not chosen us, and nobody accepted the terms.
    const before = await t.app.inject({ method: "GET", url: `/v1/creditors/${creditorId}/integrations/procountor/activation`, headers: s });
    expect(before.statusCode).toBe(200);
    // Nor has the agency approved the firm's registration yet: that comes first, in words.
    expect(before.json().missing.map((x: { code: string }) => x.code)).toEqual(["registration_not_approved", "terms_not_accepted", "collection_partner_not_chosen"]);
    expect(before.json().missing[0].text.sv).toMatch(/inkassobolagets godkännande/);
    const approved = await t.inject({ method: "POST", url: `/v1/firms/${firmId}/approve` });
    expect(approved.statusCode, approved.body).toBe(200);
    const partnerLine = before.json().missing[2].text;
    expect(partnerLine.sv).toMatch(/inkassopartner/);
    expect(partnerLine.nb).toMatch(/Vi er ikke valgt/);
    expect(partnerLine.en).toMatch(/collection partner/);

    const notReady = await t.app.inject({ method: "POST", url: `/v1/creditors/${creditorId}/integrations/procountor/activate`, headers: s, payload: { termsAccepted: true, transferAlreadyOverdue: true } });
    expect(notReady.statusCode).toBe(422);
    expect(notReady.json().missing.map((x: { code: string }) => x.code)).toEqual(["collection_partner_not_chosen"]);
    expect((await t.app.inject({ method: "GET", url: `/v1/creditors/${creditorId}`, headers: s })).json().status).toBe("registered");

    sandbox.ledger.setCollectionPartner("Fordring");
    // The terms accepted a moment ago are kept.
    expect((await t.app.inject({ method: "GET", url: `/v1/creditors/${creditorId}/integrations/procountor/activation`, headers: s })).json()).toEqual({ ready: true, missing: [] });
    const activated = await t.app.inject({ method: "POST", url: `/v1/creditors/${creditorId}/integrations/procountor/activate`, headers: s, payload: { termsAccepted: true, transferAlreadyOverdue: true } });
    expect(activated.statusCode).toBe(200);
    expect(activated.json()).toEqual({ ready: true, missing: [], status: "active" });

    const sync = await t.app.inject({ method: "POST", url: `/v1/creditors/${creditorId}/sync`, headers: s });
    expect(sync.statusCode).toBe(200);
    const cases = await t.app.inject({ method: "GET", url: `/v1/creditors/${creditorId}/cases`, headers: s });
    expect(cases.json().items).toHaveLength(1);
    const caseNumber = cases.json().items[0].caseNumber as string;
    expect(sandbox.ledger.invoiceByNumber(5001).notes).toContain(`Inkasso (Fordring): ärende ${caseNumber}`);

    // Deactivated; meanwhile the company moved to another partner: reactivation is refused with the reason.
    expect((await t.app.inject({ method: "POST", url: `/v1/creditors/${creditorId}/deactivate`, headers: s })).json().status).toBe("inactive");
    sandbox.ledger.setCollectionPartner("Kravia");
    const refused = await t.app.inject({ method: "POST", url: `/v1/creditors/${creditorId}/integrations/procountor/activate`, headers: s, payload: { termsAccepted: true } });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().missing).toEqual([expect.objectContaining({ code: "other_collection_partner", text: expect.objectContaining({ sv: expect.stringContaining("Kravia") }) })]);
    expect((await t.app.inject({ method: "GET", url: `/v1/creditors/${creditorId}`, headers: s })).json().status).toBe("inactive");
    sandbox.ledger.setCollectionPartner("Fordring");
    const back = await t.app.inject({ method: "POST", url: `/v1/creditors/${creditorId}/integrations/procountor/activate`, headers: s, payload: { termsAccepted: true } });
    expect(back.json()).toMatchObject({ ready: true, status: "active" });
  }, 120_000);
});
