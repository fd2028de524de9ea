import { afterEach, describe, expect, it } from "vitest";
import { LocalDate } from "../../../domain/calendar/local-date.js";
import { connectorFactory, credentialsFromEnv } from "../../connector-for.js";
import { LedgerError } from "../../ledger-connector.js";
import type { LedgerIntegration } from "../../sync/integrations.js";
import { procountorRig, type ProcountorRig } from "./connector-test-kit.js";

/**
 * The Procountor connector against the sandbox: what the sync reads (open receivables as sum minus
 * payment events, customers, payment events since a time) and writes (case number and status in
 * the seller's notes, journals on 1512), idempotent, through faults and an expiring token.
 */
let rig: ProcountorRig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

const ADDRESS = { street: "Kungsgatan 4", zip: "111 43", city: "Stockholm", country: "SWEDEN" };

async function seeded(options: Parameters<typeof procountorRig>[0] = {}) {
  rig = await procountorRig(options);
  const ledger = rig.sandbox.ledger;
  const firm = ledger.addPartner({ name: "Fjällström Måleri AB", customerNumber: "1001", identifier: "556123-4567", address: ADDRESS, email: "info@fjallstrom.example", groups: ["Företag"] });
  const person = ledger.addPartner({ name: "Åsa Lindqvist", customerNumber: "1002", isPerson: true, identifier: "197805172389", address: { street: "Björkvägen 7", zip: "752 36", city: "Uppsala", country: "SWEDEN" } });
  const nowhere = ledger.addPartner({ name: "Adresslös Handel AB", customerNumber: "1004" });
  const a = ledger.addInvoice({ partnerId: firm.id, invoiceNumber: 5001, date: "2026-01-15", dueDate: "2026-02-14", sumMinor: 15_500_00, notes: "Kunden har lovat betala.", channel: "ELECTRONIC_INVOICE", rows: [{ product: "Målning fasad", quantity: 1, unitPriceMinor: 15_500_00, comment: "Offert 2291" }] });
  const b = ledger.addInvoice({ partnerId: person.id, invoiceNumber: 5002, date: "2026-01-20", dueDate: "2026-02-19", sumMinor: 2_450_00 });
  ledger.addInvoice({ partnerId: nowhere.id, invoiceNumber: 5003, date: "2026-01-20", dueDate: "2026-02-19", sumMinor: 1_200_00 });
  ledger.addInvoice({ partnerId: firm.id, invoiceNumber: 5004, date: "2026-02-25", dueDate: "2026-03-27", sumMinor: 900_00 }); // not yet due
  ledger.addInvoice({ partnerId: firm.id, invoiceNumber: 5005, date: "2026-01-05", dueDate: "2026-02-04", sumMinor: 300_00, status: "PAID" });
  ledger.referencePayment(b.id, { amountMinor: 450_00, date: "2026-02-25" });
  ledger.setCollectionPartner("Fordring");
  return { ledger, firm, person, nowhere, a, b };
}

describe("Procountor connector: reads", () => {
  it("lists overdue SENT/PARTLY_PAID invoices with what is open (sum minus payment events), OCR as KID, paging by previousId", async () => {
    const { b } = await seeded();
    const c = rig!.connector({ pageSize: 2 });
    const batch = await c.availableInvoices();
    expect(batch.unreadable).toEqual([]);
    expect(batch.items.map((i) => [i.invoiceNumber, i.amountMinor, i.openMinor, i.currency, i.dueDate?.toString()])).toEqual([
      ["5001", 15_500_00, 15_500_00, "SEK", "2026-02-14"],
      ["5002", 2_450_00, 2_000_00, "SEK", "2026-02-19"],
      ["5003", 1_200_00, 1_200_00, "SEK", "2026-02-19"],
    ]);
    expect(batch.items[1]!.kid).toBe(b.bankReferenceCode);
    expect(rig!.requests.filter((r) => r.startsWith("GET /invoices?")).length).toBe(2);
    expect(rig!.requests.find((r) => r.startsWith("GET /invoices?"))).toContain("status=SENT,PARTLY_PAID");
  });

  it("reads customers: organisation, person with birth date from the personnummer, and no address as null", async () => {
    const { firm, person, nowhere } = await seeded();
    const c = rig!.connector();
    expect(await c.customer(`BP-${firm.id}`)).toMatchObject({ name: "Fjällström Måleri AB", isPerson: false, orgNumber: "556123-4567", email: "info@fjallstrom.example", groups: ["Företag"], address: { line1: "Kungsgatan 4", postcode: "111 43", city: "Stockholm", country: "SE" } });
    expect(await c.customer(`BP-${person.id}`)).toMatchObject({ isPerson: true, orgNumber: null, birthDate: LocalDate.parse("1978-05-17") });
    expect((await c.customer(`BP-${nowhere.id}`)).address).toBeNull();
    await expect(c.customer("BP-999")).rejects.toMatchObject({ code: "not_found" });
    await expect(c.customer("1001")).rejects.toMatchObject({ code: "invalid" });
  });

  it("takes cases only when the company chose this agency as its collection partner", async () => {
    const { ledger } = await seeded();
    const c = rig!.connector();
    expect(await c.canCreateCases()).toBe(true);
    ledger.setCollectionPartner("Kravia");
    expect(await c.collectionPartner()).toEqual({ name: "Kravia", ours: false });
    expect(await c.canCreateCases()).toBe(false);
    ledger.setCollectionPartner("");
    expect(await c.canCreateCases()).toBe(false);
  });

  it("reads payment events per invoice and since a time, grouped by the invoice's OCR; credit notes and credit losses by type", async () => {
    const { ledger, a, b } = await seeded();
    const c = rig!.connector();
    rig!.clock.advance(60_000);
    const since = rig!.clock.now();
    ledger.paymentEvent(a.id, { type: "COMPENSATIONINVOICE", amountMinor: 500_00, date: "2026-03-02" });
    ledger.paymentEvent(a.id, { type: "CREDITLOSS", amountMinor: 100_00, date: "2026-03-02" });
    const groups = await c.matchedItemsSince(since);
    expect(groups.items.map((g) => [g.kid, g.items.map((i) => [i.kind, i.amountMinor, i.voucherType])])).toEqual([[a.bankReferenceCode, [["credit-note", -500_00, "COMPENSATIONINVOICE"], ["write-off", -100_00, "CREDITLOSS"]]]]);
    const items = await c.matchedItems(String(b.id));
    expect(items.items).toEqual([expect.objectContaining({ kind: "payment", amountMinor: -450_00, voucherDate: LocalDate.parse("2026-02-25"), kid: b.bankReferenceCode, customerRef: `BP-${b.partnerId}` })]);
  });
});

describe("Procountor connector: writes", () => {
  it("sends the invoice's version with the notes; when the company changed the invoice meanwhile, the stale version is refused (409) and the notes are read and merged again", async () => {
    const { ledger, a } = await seeded();
    let interfere = 2;
    const c = rig!.connector({
      fetch: async (url, init) => {
        // Between our read and our write the company edits its own note, twice: two refusals, then the third try goes through.
        if (init?.method === "PUT" && String(url).endsWith(`/invoices/${a.id}/notes`) && interfere > 0) {
          const invoice = ledger.company.invoices.get(a.id)!;
          invoice.notes = `${invoice.notes} Ringt ${interfere}.`;
          invoice.version = ledger.company.stamp();
          interfere--;
        }
        return rig!.fetch(url, init);
      },
    });
    expect(await c.createCase({ caseNumber: "2026-000777", invoiceIds: [String(a.id)], caseUrl: "https://inkasso.example/cases/7" })).toEqual({ ledgerCaseId: String(a.id), created: true });
    expect(ledger.company.counters.staleRefused).toBe(2);
    expect(ledger.invoiceByNumber(5001).notes).toBe("Kunden har lovat betala. Ringt 2. Ringt 1.\nInkasso (Fordring): ärende 2026-000777 https://inkasso.example/cases/7");
    expect(rig!.requests.filter((r) => r.startsWith(`PUT /invoices/${a.id}/notes`))).toHaveLength(3);

    // A company that keeps changing it: after three refusals the write fails with the ledger's reason, for the outbox to try later.
    const busy = rig!.connector({
      fetch: async (url, init) => {
        if (init?.method === "PUT" && String(url).endsWith(`/invoices/${a.id}/notes`)) ledger.company.invoices.get(a.id)!.version = ledger.company.stamp();
        return rig!.fetch(url, init);
      },
    });
    await expect(busy.updateCaseStatus({ ledgerCaseId: String(a.id), statusText: "Inkassokrav skickat", balanceMinor: 15_500_00, closed: false })).rejects.toMatchObject({ vendorCode: "StaleVersion" });
    expect(ledger.invoiceByNumber(5001).notes).not.toContain("status:");
  });

  it("writes the notes of an invoice this run has read with no second read; a change the company made since is refused by its version and merged, not overwritten", async () => {
    const { ledger, a } = await seeded();
    const c = rig!.connector();
    expect((await c.availableInvoices()).items.map((i) => i.id)).toContain(String(a.id));
    const before = rig!.requests.length;
    await c.createCase({ caseNumber: "2026-000801", invoiceIds: [String(a.id)], caseUrl: "https://inkasso.example/cases/801" });
    expect(rig!.requests.slice(before).filter((r) => r.includes(`/invoices/${a.id}`))).toEqual([expect.stringMatching(new RegExp(`^PUT /invoices/${a.id}/notes`))]);

    // After our own write the version has moved on: the status line reads the invoice first.
    const afterCase = rig!.requests.length;
    await c.updateCaseStatus({ ledgerCaseId: String(a.id), statusText: "Inkassokrav skickat", balanceMinor: 15_500_00, closed: false });
    expect(rig!.requests.slice(afterCase).map((r) => r.split("?")[0]!.split(" ").slice(0, 2).join(" "))).toEqual([`GET /invoices/${a.id}`, `PUT /invoices/${a.id}/notes`]);
    expect(ledger.company.counters.staleRefused).toBe(0);

    // Read by this run, then changed by the company before our write: one refusal, then the merge.
    const d = rig!.connector();
    await d.invoiceDetails(String(a.id));
    const invoice = ledger.company.invoices.get(a.id)!;
    invoice.notes = `${invoice.notes}\nKunden ringde.`;
    invoice.version = ledger.company.stamp();
    await d.updateCaseStatus({ ledgerCaseId: String(a.id), statusText: "Betalningskrav skickat", balanceMinor: 15_500_00, closed: false });
    expect(ledger.company.counters.staleRefused).toBe(1);
    expect(ledger.invoiceByNumber(5001).notes).toContain("Kunden ringde.");
    expect(ledger.invoiceByNumber(5001).notes).toContain("status: Betalningskrav skickat");
  });

  it("writes the case number and status into the seller's notes once, keeping the creditor's note, and no longer offers the invoice", async () => {
    const { ledger, a } = await seeded();
    const c = rig!.connector();
    const first = await c.createCase({ caseNumber: "2026-000123", invoiceIds: [String(a.id)], caseUrl: "https://inkasso.example/cases/1" });
    expect(first).toEqual({ ledgerCaseId: String(a.id), created: true });
    expect(await c.createCase({ caseNumber: "2026-000123", invoiceIds: [String(a.id)], caseUrl: "https://inkasso.example/cases/1", mayExist: true })).toEqual({ ledgerCaseId: String(a.id), created: false });
    expect(await c.updateCaseStatus({ ledgerCaseId: first.ledgerCaseId, statusText: "Betalningspåminnelse skickad", balanceMinor: 15_560_00, closed: false })).toEqual({ written: true });
    expect(await c.updateCaseStatus({ ledgerCaseId: first.ledgerCaseId, statusText: "Betalningspåminnelse skickad", balanceMinor: 15_560_00, closed: false })).toEqual({ written: false });
    expect(ledger.invoiceByNumber(5001).notes).toBe("Kunden har lovat betala.\nInkasso (Fordring): ärende 2026-000123 https://inkasso.example/cases/1\nInkasso (Fordring) status: Betalningspåminnelse skickad; saldo 15560.00");
    expect(ledger.company.counters.notesWritten).toBe(2);
    const details = await c.invoiceDetails(String(a.id));
    expect(details).toMatchObject({ caseNumber: "2026-000123", sellerNote: "Kunden har lovat betala.", eInvoice: true, financed: false, productLines: ["Målning fasad – Offert 2291"] });
    expect((await c.availableInvoices()).items.map((i) => i.invoiceNumber)).toEqual(["5002", "5003"]);
  });

  it("posts the agency's day as one journal on 1512 against the customers on 1510; a repeat is found, not posted twice", async () => {
    const { ledger, firm, person } = await seeded();
    const c = rig!.connector();
    const voucher = {
      idempotencyKey: "fordring:jrn-0c8a1f7e-2d4b-4f4e-9a57-2b8f1c0d3e4a",
      date: LocalDate.parse("2026-03-02"),
      description: "Inbetalt till inkassobyrå 2026-03-02, 2 inbetalningar",
      currency: "SEK",
      lines: [
        { account: "1510", amountMinor: 2_500_00 },
        { account: `BP-${firm.id}`, amountMinor: -2_000_00, kid: "500133" },
        { account: `BP-${person.id}`, amountMinor: -500_00, kid: "500232" },
      ],
    };
    const posted = await c.postVoucher(voucher);
    expect(posted.alreadyPosted).toBe(false);
    expect(await c.postVoucher(voucher)).toEqual({ voucherId: posted.voucherId, alreadyPosted: true });
    const journals = [...ledger.company.receipts.values()].filter((r) => r.type === "JOURNAL");
    expect(journals).toHaveLength(1);
    expect(journals[0]!.transactions.map((t) => [t.account, t.accountingValueMinor, t.partnerId])).toEqual([["1512", 2_500_00, undefined], ["1510", -2_000_00, firm.id], ["1510", -500_00, person.id]]);
    const found = await c.findVoucher(voucher.idempotencyKey);
    expect(found).toMatchObject({ voucherId: posted.voucherId, date: LocalDate.parse("2026-03-02"), reversed: false });
    expect(await c.findVoucher("fordring:jrn-none")).toBeNull();
    // A configured clearing account instead of 1512.
    await c.postVoucher({ ...voucher, idempotencyKey: "fordring:jrn-2" });
    const other = rig!.connector({ accountMap: { "1510": "1513" } });
    await other.postVoucher({ ...voucher, idempotencyKey: "fordring:jrn-3" });
    expect([...ledger.company.receipts.values()].filter((r) => r.type === "JOURNAL").map((r) => r.transactions[0]!.account)).toEqual(["1512", "1512", "1513"]);
    await expect(c.postVoucher({ ...voucher, idempotencyKey: "fordring:jrn-4", lines: [{ account: "9999", amountMinor: 1 }, { account: "1930", amountMinor: -1 }] })).rejects.toMatchObject({ code: "invalid", vendorCode: "Invalid:transactions[0].account" });
  });

  it("books a settlement voucher on the company's BAS accounts through the account map", async () => {
    const { ledger } = await seeded();
    const c = rig!.connector();
    // The settlement's voucher in our accounts (NS 4102): the payout to the bank, clearing emptied, interest kept, commission and its VAT.
    const posted = await c.postVoucher({
      idempotencyKey: "fordring:stl-2026-03",
      date: LocalDate.parse("2026-03-31"),
      description: "Avräkning mars 2026",
      currency: "SEK",
      lines: [
        { account: "1920", amountMinor: 2_110_00 },
        { account: "7770", amountMinor: 320_00 },
        { account: "2710", amountMinor: 80_00 },
        { account: "8050", amountMinor: -10_00 },
        { account: "1510", amountMinor: -2_500_00 },
      ],
    });
    expect(posted.alreadyPosted).toBe(false);
    const journal = ledger.company.receipts.get(Number(posted.voucherId))!;
    expect(journal.transactions.map((t) => [t.account, t.accountingValueMinor])).toEqual([["1930", 2_110_00], ["6570", 320_00], ["2641", 80_00], ["8313", -10_00], ["1512", -2_500_00]]);
    expect(journal.name).toBe("Avräkning mars 2026 [fordring:stl-2026-03]");
  });

  it("through hangs and cut answers after the journal landed, posts it once", async () => {
    for (const seed of [1, 2, 3, 4]) {
      const { ledger, firm } = await seeded({ faults: { rate: 0.4, seed, kinds: ["timeout", "malformed", "500", "429"], hangMs: 400 } });
      const c = rig!.connector({ timeoutMs: 150, maxAttempts: 8 });
      const voucher = { idempotencyKey: `fordring:jrn-${seed}`, date: LocalDate.parse("2026-03-02"), description: "Inbetalt", currency: "SEK", lines: [{ account: "1510", amountMinor: 100_00 }, { account: `BP-${firm.id}`, amountMinor: -100_00 }] };
      let result;
      for (let n = 0; n < 5 && !result; n++) result = await c.postVoucher(voucher).catch((e: unknown) => (e instanceof LedgerError && e.retryable ? undefined : Promise.reject(e)));
      expect(result, `seed ${seed}`).toBeDefined();
      expect([...ledger.company.receipts.values()].filter((r) => r.type === "JOURNAL"), `seed ${seed}`).toHaveLength(1);
      await rig!.close();
      rig = undefined;
    }
  });

  it("fetches a new token when the old one expires mid-run, and refuses wrong keys as auth_failed", async () => {
    await seeded({ tokenTtlSeconds: 600 });
    const c = rig!.connector();
    await c.canCreateCases();
    rig!.clock.advance(601_000);
    await c.canCreateCases();
    rig!.sandbox.revokeTokens();
    await c.canCreateCases();
    expect(rig!.requests.filter((r) => r === "POST /oauth/token")).toHaveLength(3);
    await expect(rig!.connector({ apiKey: "someone-elses" }).canCreateCases()).rejects.toMatchObject({ code: "auth_failed" });
  });
});

describe("connectorFactory with Procountor", () => {
  const integration = (over: Partial<LedgerIntegration>): LedgerIntegration => ({ id: "i1", creditorId: "c1", kind: "procountor", credentialsRef: "env:PROCOUNTOR_API_KEY_NORRSKEN", settings: {}, canCreateCases: true, active: true, watermark: null, lastSyncAt: null, lastSyncStatus: null, ...over });

  it("builds a Procountor connector from env credentials, and names what is missing", async () => {
    await seeded();
    const env = { PROCOUNTOR_API_KEY_NORRSKEN: rig!.sandbox.ledger.company.apiKey, PROCOUNTOR_CLIENT_ID: rig!.sandbox.clientId, PROCOUNTOR_CLIENT_SECRET: rig!.sandbox.clientSecret };
    const factory = connectorFactory({ fetch: rig!.fetch, credentials: credentialsFromEnv(env) });
    const c = factory(integration({ settings: { baseUrl: rig!.url } }));
    expect(c.kind).toBe("procountor");
    expect(await c.canCreateCases()).toBe(true);
    expect(factory(integration({ settings: { baseUrl: rig!.url } }))).toBe(c);
    expect(() => connectorFactory({ fetch: rig!.fetch, credentials: credentialsFromEnv({ PROCOUNTOR_API_KEY_NORRSKEN: "k" }) })(integration({}))).toThrow(/PROCOUNTOR_CLIENT_ID and PROCOUNTOR_CLIENT_SECRET/);
    expect(() => factory(integration({ id: "i2", credentialsRef: "env:NOT_SET" }))).toThrow(/NOT_SET is not set/);
    expect(() => factory(integration({ id: "i3", kind: "fiken" }))).toThrow(/no connector for ledger kind "fiken"/);
  });
});
