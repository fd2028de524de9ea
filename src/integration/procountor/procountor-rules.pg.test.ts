import { describe, expect, it } from "vitest";
import { procountorTestDatabase } from "../../../test/support/procountor-database.js";
import { approveDrafts } from "../sync/approve-drafts.js";

/**
 * Procountor Inkasso's transfer rules (the `procountor-kravia` preset and the creditor's transfer
 * policy) applied to a Procountor company's invoices by the sync: a manual wait of 8 days after the
 * invoice date and 4 after due, never older than three years, never without the customer's
 * address (the reason written back), financed invoices only by hand, excluded customer groups and
 * a minimum amount held back; what travels with the invoice (the seller's note, the e-invoice
 * flag, product lines and the original number for the first letter).
 */
const t = procountorTestDatabase();

const ADDRESS = { street: "Strandgata 5", zip: "9008", city: "TROMSØ", country: "NORWAY" };

describe("Procountor Inkasso's rules on the sync (PostgreSQL)", () => {
  it("waits, blocks, holds back and transfers by the rules, and carries the ledger's facts onto the claim", async () => {
    const r = await t.rig({ start: "2026-03-02T09:00:00Z" });
    const db = t.database;
    await db.query(
      `update creditors set settings = jsonb_set(jsonb_set(settings, '{transfer}', $2::jsonb), '{collection,letterInvoiceDetails}', 'true'::jsonb) where id = $1`,
      [r.creditorId, JSON.stringify({ preset: "procountor-kravia", mode: "automatic", minimumAmount: 100_00, excludedCustomerGroups: ["Koncern"] })],
    );
    const ledger = r.rig.sandbox.ledger;
    const firm = ledger.addPartner({ name: "Bjørnstad Rør AS", customerNumber: "1", address: ADDRESS });
    const group = ledger.addPartner({ name: "Konsern AS", customerNumber: "2", address: ADDRESS, groups: ["Koncern"] });
    const nowhere = ledger.addPartner({ name: "Uten Adresse AS", customerNumber: "3" });
    const inv = (n: number, o: Partial<Parameters<typeof ledger.addInvoice>[0]> = {}) => ledger.addInvoice({ partnerId: firm.id, invoiceNumber: n, date: "2026-01-10", dueDate: "2026-02-09", sumMinor: 1_000_00, currency: "NOK", ...o });
    inv(1, { notes: "Kunden har lovat betala.", channel: "ELECTRONIC_INVOICE", originalInvoiceNumber: "EXT-7781", additionalInformation: "Projekt Sjöboden", rows: [{ product: "Målning fasad", quantity: 1, unitPriceMinor: 1_000_00, comment: "Offert 2291" }] });
    inv(2, { date: "2026-02-24", dueDate: "2026-02-27" }); // 6 days since the invoice date, 3 since due
    inv(3, { date: "2022-11-01", dueDate: "2022-12-01" }); // older than three years
    inv(4, { partnerId: nowhere.id });
    inv(5, { factoringContractId: 77 });
    inv(6, { partnerId: group.id });
    inv(7, { sumMinor: 50_00 });

    const result = await r.sync();
    expect(result.integrations[0]!.status).toBe("ok");
    expect(result.integrations[0]!.counts).toMatchObject({ rejected: 2, waiting: 1, drafts: 4 });
    const claims = await db.query<{ invoice_number: string; transfer_state: string; description: string | null; eligibility: { reasons: { code: string }[]; eligibleOn: string | null; ledger?: unknown } }>(
      "select invoice_number, transfer_state, description, eligibility from claims where creditor_id = $1 order by invoice_number",
      [r.creditorId],
    );
    const by = new Map(claims.map((c) => [c.invoice_number, c]));
    const codes = (n: string) => by.get(n)!.eligibility.reasons.map((x) => x.code);
    // This creditor runs in NOK (the rig's default; a Swedish one: procountor-swedish-flow.pg.test.ts),
    // so the automatic route also notes "auto_other_currency" (the preset's currency is SEK) and
    // holds every invoice back for approval; each rule's own reason is there beside it.
    expect(by.get("2")!.transfer_state).toBe("waiting");
    expect(codes("2")).toContain("se_manual_minimum");
    expect(by.get("2")!.eligibility.eligibleOn).toBe("2026-03-04");
    expect([by.get("3")!.transfer_state, codes("3")[0]]).toEqual(["blocked", "time_barred"]);
    expect([by.get("4")!.transfer_state, codes("4")[0]]).toEqual(["blocked", "missing_debtor_address"]);
    expect(by.get("5")!.transfer_state).toBe("draft");
    expect(codes("5")).toContain("financed_manual_only");
    expect(codes("6")).toContain("auto_excluded_group");
    // The minimum amount is compared in the preset's currency only: in NOK it cannot be, and the invoice waits for approval.
    expect(by.get("7")!.transfer_state).toBe("draft");
    expect(by.get("1")!.eligibility.ledger).toEqual({ sellerNote: "Kunden har lovat betala.", eInvoice: true, financed: false });
    expect(by.get("5")!.eligibility.ledger).toMatchObject({ financed: true });
    expect(by.get("1")!.description).toBe("Projekt Sjöboden; Målning fasad – Offert 2291 – originalfaktura EXT-7781");

    // Approved by hand, invoice 1 becomes a case whose claim text is the one the first letter shows.
    const [one] = await db.query<{ id: string }>("select id from claims where creditor_id = $1 and invoice_number = '1'", [r.creditorId]);
    const approved = await approveDrafts(db, { creditorId: r.creditorId, claimIds: [one!.id], actor: "test", today: r.clock.today() });
    expect(approved.approved).toBe(1);
    await r.sync();
    expect(ledger.invoiceByNumber(1).notes).toMatch(/^Kunden har lovat betala\.\nInkasso \(Fordring\): ärende /);
    // The blocked ones are refused in the ledger with the reason; the held-back ones wait for approval.
    expect(ledger.invoiceByNumber(4).notes).toMatch(/^Inkasso \(Fordring\): överförs inte – /);
    expect(ledger.invoiceByNumber(3).notes).toMatch(/^Inkasso \(Fordring\): överförs inte – /);
    expect(ledger.invoiceByNumber(5).notes).toBe("");
  });
});
