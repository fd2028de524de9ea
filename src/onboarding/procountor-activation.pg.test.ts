import { describe, expect, it } from "vitest";
import { procountorTestDatabase } from "../../test/support/procountor-database.js";
import { createProcountorConnector } from "../integration/procountor/connector/index.js";
import { SWEDISH_COMPANIES } from "../integration/procountor/sandbox/index.js";
import { activateFromProcountor, checkLedgerActivation, deactivateProcountor, reactivateFromProcountor, type ProcountorConnectorFor } from "./procountor-activation.js";

/**
 * Activation from Procountor's side: the company's API key connects it, the check lists what is
 * missing in Swedish, Norwegian and English, deactivation stops new transfers while open cases run
 * on, and reactivation checks again.
 */
const t = procountorTestDatabase();

describe("the ledger-side activation check", () => {
  it("names each missing item in sv, nb and en: business ID, street, postcode, contact, bank account, BIC, terms, partner", () => {
    const empty = checkLedgerActivation({ name: "X AB", businessId: null, address: null, email: null, bankAccounts: [] }, { name: null, ours: false }, { termsAccepted: false });
    expect(empty.ready).toBe(false);
    expect(empty.missing.map((x) => x.code)).toEqual(["business_id_missing", "address_street_missing", "address_postcode_missing", "contact_missing", "bank_account_missing", "terms_not_accepted", "collection_partner_not_chosen"]);
    for (const x of empty.missing) for (const lang of ["sv", "nb", "en"] as const) expect(x.text[lang].length, `${x.code} ${lang}`).toBeGreaterThan(10);
    const vasa = SWEDISH_COMPANIES[1]!;
    const check = checkLedgerActivation(
      { name: vasa.name, businessId: vasa.businessId, address: vasa.address as Record<string, unknown>, email: null, bankAccounts: [{ accountNumber: vasa.bankAccounts![0]!.accountNumber, bic: null, active: true }] },
      { name: "Kravia", ours: false },
      { termsAccepted: true, contact: { name: "Eva Ek", email: "eva@vasakonsult.example" } },
    );
    expect(check.missing.map((x) => x.code)).toEqual(["address_street_missing", "bic_missing", "other_collection_partner"]);
    expect(check.missing[2]!.text.sv).toContain("Kravia");
  });
});

describe("activation, deactivation and reactivation from Procountor (PostgreSQL)", () => {
  it("activates with the API key when nothing is missing; deactivation stops new transfers only; reactivation checks again", async () => {
    const rig = await t.rig({ start: "2025-03-01T09:00:00Z" });
    const db = t.database;
    await db.query("update creditors set status = 'registered', active = false where id = $1", [rig.creditorId]);
    await db.query("delete from ledger_integrations where creditor_id = $1", [rig.creditorId]);
    const ledger = rig.rig.sandbox.ledger;
    const p = ledger.addPartner({ name: "Bjørnstad Rør AS", customerNumber: "1", address: { street: "Strandgata 5", zip: "9008", city: "TROMSØ", country: "NORWAY" } });
    ledger.addInvoice({ partnerId: p.id, invoiceNumber: 9001, date: "2025-01-02", dueDate: "2025-01-16", sumMinor: 1_000_00, currency: "NOK" });
    const connectorFor: ProcountorConnectorFor = (ref, settings) =>
      createProcountorConnector({ baseUrl: String(settings["baseUrl"]), clientId: rig.rig.sandbox.clientId, clientSecret: rig.rig.sandbox.clientSecret, apiKey: ref.slice("test:".length), fetch: rig.rig.fetch, clock: rig.rig.clock, sleep: async () => undefined });
    const now = rig.clock.now();
    const base = { creditorId: rig.creditorId, credentialsRef: `test:${ledger.company.apiKey}`, settings: { baseUrl: rig.rig.url }, transferAlreadyOverdue: true, now };

    // Not yet: terms not accepted, and the company chose another partner.
    ledger.setCollectionPartner("Kravia");
    const refused = await activateFromProcountor(db, connectorFor, { ...base, termsAccepted: false });
    expect(refused.missing.map((x) => x.code)).toEqual(["terms_not_accepted", "other_collection_partner"]);
    expect((await db.query<{ status: string }>("select status from creditors where id = $1", [rig.creditorId]))[0]!.status).toBe("registered");
    // A wrong API key is listed, not thrown.
    const wrong = await activateFromProcountor(db, connectorFor, { ...base, credentialsRef: "test:wrong-key", termsAccepted: true });
    expect(wrong.missing.map((x) => x.code)).toEqual(["ledger_credentials"]);
    await db.query("delete from ledger_integrations where creditor_id = $1 and credentials_ref = 'test:wrong-key'", [rig.creditorId]);

    ledger.setCollectionPartner("Fordring");
    const ok = await activateFromProcountor(db, connectorFor, { ...base, termsAccepted: true });
    expect(ok).toEqual({ ready: true, missing: [] });
    expect((await db.query<{ status: string }>("select status from creditors where id = $1", [rig.creditorId]))[0]!.status).toBe("active");
    const first = await rig.sync();
    expect(first.integrations[0]!.counts["opened"]).toBe(1);

    // Deactivated: a new overdue invoice stays in the ledger, the open case still gets its payment.
    expect(await deactivateProcountor(db, rig.creditorId, rig.clock.now())).toEqual({ ok: true });
    rig.clock.advance(3_600_000);
    ledger.addInvoice({ partnerId: p.id, invoiceNumber: 9002, date: "2025-01-05", dueDate: "2025-01-19", sumMinor: 500_00, currency: "NOK" });
    ledger.referencePayment(ledger.invoiceByNumber(9001).id, { amountMinor: 200_00, date: "2025-03-01" });
    const second = await rig.sync();
    expect(second.integrations[0]!.counts["opened"]).toBeUndefined();
    expect(second.integrations[0]!.counts["paymentsRecorded"]).toBe(1);
    expect(ledger.invoiceByNumber(9002).notes).toBe("");

    // Reactivation checks again: the company switched partner meanwhile.
    ledger.setCollectionPartner("Kravia");
    const again = await reactivateFromProcountor(db, connectorFor, { creditorId: rig.creditorId, termsAccepted: true, now: rig.clock.now() });
    expect(again).toMatchObject({ ready: false, change: null, missing: [expect.objectContaining({ code: "other_collection_partner" })] });
    ledger.setCollectionPartner("Fordring");
    expect(await reactivateFromProcountor(db, connectorFor, { creditorId: rig.creditorId, termsAccepted: true, now: rig.clock.now() })).toMatchObject({ ready: true, change: { ok: true } });
    const third = await rig.sync();
    expect(third.integrations[0]!.counts["opened"]).toBe(1);
    expect(ledger.invoiceByNumber(9002).notes).toMatch(/ärende /);
  });
});
