import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { procountorTestDatabase } from "../../../test/support/procountor-database.js";
import { agencyFromEnv } from "../../collection/agency.js";
import { runCycleDay } from "../../collection/engine/daily-cycle.js";
import type { LetterModel } from "../../collection/letters/letter-model.js";
import { flat, readPdf } from "../../collection/letters/pdf-text.fixture.js";
import { renderLetterPdf } from "../../collection/letters/render-letter.js";
import { importBankFile } from "../../collection/payments/import-bank-file.js";
import { writeBgMaxFile } from "../../demo/bgmax-file.js";
import { LocalDate } from "../../domain/calendar/local-date.js";
import { checkOcr } from "../../domain/identifiers/se-ocr.js";
import { activateFromProcountor, type ProcountorConnectorFor } from "../../onboarding/procountor-activation.js";
import { runSettlement } from "../../settlement/run-settlement.js";
import { createProcountorConnector } from "./connector/index.js";
import { syncUntilSettled } from "./procountor-sync-kit.js";

/**
 * Issue 17's "done when", on PostgreSQL: a Swedish company (SE organisation number, SEK, the
 * `procountor-kravia` preset) connected to the Procountor sandbox is activated from the ledger's
 * side, its overdue SEK invoices go to collection by the automatic rules (one below the minimum
 * amount held back, one without the customer's address refused), the cases run under Swedish law
 * with Swedish letters, a payment booked in Procountor reaches its case, a debtor pays the agency
 * through a BgMax file matched by its OCR reference, the day's agency payments reach Procountor as
 * one journal on 1512, and the period's settlement voucher is booked in the sandbox.
 */
const t = procountorTestDatabase();
/** A letter's model as stored (JSON) back to the renderer's types. */
function revive(m: LetterModel): LetterModel {
  return {
    ...m,
    sentOn: d(String(m.sentOn)),
    deadline: d(String(m.deadline)),
    claims: m.claims.map((cl) => ({ ...cl, invoiceDate: d(String(cl.invoiceDate)), dueDate: d(String(cl.dueDate)) })),
    interest: { ...m.interest, from: d(String(m.interest.from)), until: d(String(m.interest.until)) },
  };
}
const d = LocalDate.parse;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "fordring-se-procountor-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("a Swedish Procountor company from activation to a settlement booked in the ledger (PostgreSQL)", () => {
  it("activates, transfers SEK invoices by the rules, sends Swedish inkassokrav, takes payments both ways, posts the 1512 journal and the settlement", async () => {
    const r = await t.rig({
      start: "2025-03-03T09:00:00Z",
      connect: false,
      creditor: {
        name: "Norrsken Bygg AB",
        orgNumber: "556016-0680",
        jurisdiction: "SE",
        address: { line1: "Kungsgatan 1", postcode: "753 21", city: "Uppsala", country: "SE" },
        transfer: { preset: "procountor-kravia", mode: "automatic", minimumAmount: 500_00 },
      },
    });
    const db = t.database;
    const agency = agencyFromEnv({});
    const { rules } = r.deps;
    await db.query("update creditors set status = 'registered', active = false where id = $1", [r.creditorId]);
    const ledger = r.rig.sandbox.ledger;
    const firm = ledger.addPartner({ name: "Fjällström Måleri AB", customerNumber: "1001", identifier: "556123-4567", address: { street: "Kungsgatan 4", zip: "111 43", city: "Stockholm", country: "SWEDEN" } });
    const person = ledger.addPartner({ name: "Åsa Lindqvist", customerNumber: "1002", isPerson: true, address: { street: "Björkvägen 7", zip: "752 36", city: "Uppsala", country: "SWEDEN" } });
    const nowhere = ledger.addPartner({ name: "Adresslös Handel AB", customerNumber: "1004", identifier: "556999-0001" });
    ledger.addInvoice({ partnerId: firm.id, invoiceNumber: 5001, date: "2025-01-15", dueDate: "2025-02-14", sumMinor: 10_000_00, currency: "SEK", notes: "Kunden har lovat betala." });
    ledger.addInvoice({ partnerId: person.id, invoiceNumber: 5002, date: "2025-01-20", dueDate: "2025-02-19", sumMinor: 2_450_00, currency: "SEK" });
    ledger.addInvoice({ partnerId: firm.id, invoiceNumber: 5003, date: "2025-01-20", dueDate: "2025-02-19", sumMinor: 300_00, currency: "SEK" });
    ledger.addInvoice({ partnerId: nowhere.id, invoiceNumber: 5004, date: "2025-01-20", dueDate: "2025-02-19", sumMinor: 1_200_00, currency: "SEK" });

    // Activation from the ledger's side: the company's API key, the check, the creditor active.
    ledger.setCollectionPartner("Fordring");
    const connectorFor: ProcountorConnectorFor = (_ref, settings) =>
      createProcountorConnector({ baseUrl: String(settings["baseUrl"]), clientId: r.rig.sandbox.clientId, clientSecret: r.rig.sandbox.clientSecret, apiKey: ledger.company.apiKey, fetch: r.rig.fetch, clock: r.rig.clock, sleep: async () => undefined });
    const activation = await activateFromProcountor(db, connectorFor, { creditorId: r.creditorId, credentialsRef: "sandbox:procountor", settings: { baseUrl: r.rig.url }, termsAccepted: true, transferAlreadyOverdue: true, now: r.clock.now() });
    expect(activation).toEqual({ ready: true, missing: [] });
    expect((await db.query<{ status: string }>("select status from creditors where id = $1", [r.creditorId]))[0]!.status).toBe("active");

    // Automatic transfer: the two overdue invoices above the minimum become SEK cases under Swedish law.
    await syncUntilSettled(r);
    const claims = await db.query<{ invoice_number: string; transfer_state: string; currency: string; codes: string[] }>(
      "select invoice_number, transfer_state, currency, array(select jsonb_array_elements(eligibility->'reasons')->>'code') as codes from claims where creditor_id = $1 order by invoice_number",
      [r.creditorId],
    );
    const claim = new Map(claims.map((c) => [c.invoice_number, c]));
    expect(claim.get("5003")).toMatchObject({ transfer_state: "draft", codes: ["auto_below_minimum"] });
    expect(claim.get("5004")!.transfer_state).toBe("blocked");
    expect(claim.get("5004")!.codes[0]).toBe("missing_debtor_address");
    const cases = await db.query<{ id: string; invoice_number: string; case_number: string; kid: string; jurisdiction: string; currency: string; principal_minor: number }>(
      "select k.id, cl.invoice_number, k.case_number, k.kid, k.jurisdiction, k.currency, k.principal_minor from cases k join claims cl on cl.id = k.claim_id where k.creditor_id = $1 order by cl.invoice_number",
      [r.creditorId],
    );
    expect(cases.map((c) => [c.invoice_number, c.jurisdiction, c.currency, Number(c.principal_minor)])).toEqual([
      ["5001", "SE", "SEK", 10_000_00],
      ["5002", "SE", "SEK", 2_450_00],
    ]);
    for (const c of cases) expect(checkOcr(c.kid).valid, c.kid).toBe(true);
    const [caseA, caseB] = cases as [(typeof cases)[number], (typeof cases)[number]];
    expect(ledger.invoiceByNumber(5001).notes).toMatch(new RegExp(`^Kunden har lovat betala\\.\\nInkasso \\(Fordring\\): ärende ${caseA.case_number} `));
    expect(ledger.invoiceByNumber(5004).notes).toMatch(/^Inkasso \(Fordring\): överförs inte – /);

    // A payment booked in Procountor (a reference payment on the invoice) reaches its case.
    ledger.referencePayment(ledger.invoiceByNumber(5002).id, { amountMinor: 450_00, date: "2025-03-03" });
    r.clock.advance(3_600_000);
    await syncUntilSettled(r);

    // The daily cycle sends the Swedish letters; the first one is in Swedish and in SEK.
    for (let day = d("2025-03-03"); !day.isAfter(d("2025-03-31")); day = day.plusDays(1)) {
      await runCycleDay(db, r.creditorId, day, { rules, agency, actor: "test" });
    }
    const letters = await db.query<{ invoice_number: string; kind: string; language: string }>(
      "select cl.invoice_number, l.kind, l.language from letters l join cases k on k.id = l.case_id join claims cl on cl.id = k.claim_id where k.creditor_id = $1 order by cl.invoice_number, l.created_at",
      [r.creditorId],
    );
    // The agency's first letter to a Swedish debtor is the inkassokrav (inkassolagen 5 §), in Swedish.
    expect(letters.map((l) => [l.invoice_number, l.kind, l.language])).toEqual([
      ["5001", "collection-notice", "sv"],
      ["5002", "collection-notice", "sv"],
    ]);
    // The inkassokrav to the consumer: Swedish, the agency's Bankgiro and the case's OCR reference.
    const [notice] = await db.query<{ model: LetterModel }>("select model from letters where case_id = $1 and kind = 'collection-notice' order by created_at limit 1", [caseB.id]);
    const text = flat((await readPdf(await renderLetterPdf(revive(notice!.model)))).text);
    expect(text).toContain("Inkassokrav");
    expect(text).toContain("Norrsken Bygg AB (borgenär)");
    expect(text).toContain("Åsa Lindqvist");
    expect(text).toContain("Bankgiro");
    expect(text).toContain(caseB.kid);
    const payments1 = await db.query<{ invoice_number: string; channel: string; amount_minor: number; currency: string }>(
      "select cl.invoice_number, p.channel, p.amount_minor, p.currency from payments p join cases k on k.id = p.case_id join claims cl on cl.id = k.claim_id where p.creditor_id = $1 order by 1, 2",
      [r.creditorId],
    );
    expect(payments1.map((p) => [p.invoice_number, p.channel, Number(p.amount_minor), p.currency])).toEqual([["5002", "creditor", 450_00, "SEK"]]);

    // The debtor pays the agency: a BgMax line with the case's OCR reference.
    r.clock.advance(29 * 86_400_000);
    const payDay = d("2025-04-01");
    const file = path.join(dir, "bgmax-2025-04-01.txt");
    fs.writeFileSync(file, writeBgMaxFile({ bankgiro: agency.bankgiro!, paymentDate: payDay, createdAt: "20250401173035010331", payments: [{ reference: caseA.kid, amountMinor: 4_000_00, payer: "Fjällström Måleri AB" }] }), "latin1");
    const imported = await importBankFile(db, file, { today: payDay, rules, actor: "test", agency });
    expect(imported).toMatchObject({ format: "bgmax", matched: 1, unmatched: 0 });
    await syncUntilSettled(r);
    // The inkassokrav's deadline has passed: legal steps wait for the creditor's approval (on by
    // default), and the case's status, written back in the invoice's notes, says so in Swedish.
    const [stageB] = await db.query<{ stage: string }>("select stage from cases where id = $1", [caseB.id]);
    expect(stageB!.stage).toBe("awaiting-legal-approval");
    expect(ledger.invoiceByNumber(5002).notes).toMatch(new RegExp(`^Inkasso \\(Fordring\\): ärende ${caseB.case_number} \\S+\\nInkasso \\(Fordring\\) status: Väntar på godkännande av ansökan om betalningsföreläggande; saldo `));
    const journals = [...ledger.company.receipts.values()].filter((x) => x.type === "JOURNAL").map((j) => j.transactions.map((tr) => [tr.account, tr.accountingValueMinor, tr.partnerId === undefined ? null : ledger.company.partners.get(tr.partnerId)!.name]));
    expect(journals).toEqual([[["1512", 4_000_00, null], ["1510", -4_000_00, "Fjällström Måleri AB"]]]);

    // The period's settlement: its voucher is posted to Procountor and read back as booked.
    const receiptsBefore = ledger.company.receipts.size;
    const run = await runSettlement(db, { creditorId: r.creditorId, from: d("2025-04-01"), to: d("2025-04-30"), settledOn: d("2025-05-01") });
    expect(run.settlement.currency).toBe("SEK");
    r.clock.advance(30 * 86_400_000);
    await syncUntilSettled(r);
    const posted = [...ledger.company.receipts.values()].slice(receiptsBefore);
    expect(posted).toHaveLength(1);
    const voucher = posted[0]!;
    expect(voucher.transactions.reduce((a, tr) => a + tr.accountingValueMinor, 0)).toBe(0);
    expect(voucher.transactions.map((tr) => tr.account)).toContain("1512");
    const [status] = await db.query<{ status: string }>("select o.status from outbox o where o.idempotency_key = $1", [`settlement-voucher:${run.settlementId}`]);
    expect(status!.status).toBe("delivered");
  });
});
