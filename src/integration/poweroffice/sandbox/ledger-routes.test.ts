import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { apiCaller, fetchToken, manualClock, type ApiCaller } from "./sandbox-test-kit.js";
import { createPowerOfficeSandbox, type PowerOfficeSandbox } from "./server.js";

let sandbox: PowerOfficeSandbox;
let api: ApiCaller;
let invoiceId: string;
let kid: string;

beforeEach(async () => {
  sandbox = createPowerOfficeSandbox({ clock: manualClock("2025-03-10T08:00:00Z") });
  const l = sandbox.ledger;
  l.addCustomer({
    code: 10001,
    name: "Kåre Ødegård",
    isPerson: true,
    firstName: "Kåre",
    lastName: "Ødegård",
    dateOfBirth: "1971-05-17",
    emailAddress: "kare.odegard@online.no",
    phoneNumber: "+47 91234567",
    mailAddress: { address1: "Bjørkeveien 12", zipCode: "6002", city: "ÅLESUND", countryCode: "NO" },
  });
  l.addCustomer({ code: 10002, name: "Fjordgata Bygg AS", organizationNumber: "974760673" });
  const inv = l.addInvoice({ invoiceNo: 2001, customerCode: 10001, invoiceDate: "2025-01-01", dueDate: "2025-01-15", amountMinor: 2_000_00 });
  l.addInvoice({ invoiceNo: 2002, customerCode: 10002, invoiceDate: "2025-02-01", dueDate: "2025-02-15", amountMinor: 500_00 });
  l.transition(inv.id, "send");
  l.approve(inv.id);
  invoiceId = inv.id;
  kid = inv.cid;
  api = apiCaller(sandbox.app, await fetchToken(sandbox.app));
  await api.post("/DebtCollection/", { code: "AG-7", invoices: [{ id: invoiceId }] });
});
afterEach(() => sandbox.close());

/** The agency's remittance: the principal collected credits the debtor's sub-ledger (cID = KID), debits the clearing account. */
const remittance = (ref: string, amount: number, extra: Record<string, unknown> = {}) => ({
  description: "Remittering inkasso AG-7",
  voucherDate: "2025-03-10",
  externalImportReference: ref,
  lines: [
    { accountCode: 10001, amount: -amount, cID: kid, description: "Innbetalt hovedstol" },
    { accountCode: 1512, amount, description: "Mellomregning inkassobyrå" },
  ],
  ...extra,
});

describe("Customer", () => {
  it("GET Customer/{id} answers name, address, birth date, e-mail and phone (route_get_customer__id__.md)", async () => {
    const res = await api.get("/Customer/1/");
    expect(res.body.data).toMatchObject({
      id: 1,
      code: 10001,
      name: "Kåre Ødegård",
      isPerson: true,
      firstName: "Kåre",
      lastName: "Ødegård",
      dateOfBirth: "1971-05-17",
      emailAddress: "kare.odegard@online.no",
      phoneNumber: "+47 91234567",
      mailAddress: { address1: "Bjørkeveien 12", zipCode: "6002", city: "ÅLESUND", countryCode: "NO" },
      transferToDebtCollectionAgency: true,
    });
    expect(res.body.data.vatNumber).toBeUndefined();
    expect((await api.get("/Customer/2")).body.data).toMatchObject({ vatNumber: "974760673", isPerson: false, legalName: "Fjordgata Bygg AS" });
    expect((await api.get("/Customer/99")).body.validation.exception).toBe("NotFoundException");
  });

  it("GET Customer?$filter=(Code eq n) finds the debtor of an invoice (poweroffice.md §5)", async () => {
    const res = await api.get(`/Customer?$filter=${encodeURIComponent("(Code eq 10002)")}`);
    expect(res.body).toMatchObject({ count: 1, data: [{ name: "Fjordgata Bygg AS" }], success: true });
    const city = await api.get(`/Customer?$filter=${encodeURIComponent("(MailAddress/City eq 'ÅLESUND')")}`);
    expect(city.body.data.map((c: { code: number }) => c.code)).toEqual([10001]);
  });
});

describe("Reporting/CustomerLedger", () => {
  it("?toDate= gives open items with balance and the debt-collection fields", async () => {
    const res = await api.get("/Reporting/CustomerLedger/?toDate=2025-03-10");
    expect(res.body.count).toBe(2);
    const entry = res.body.data.find((e: { customerCode: number }) => e.customerCode === 10001);
    expect(entry).toMatchObject({
      voucherType: 4,
      amount: 2000,
      balance: 2000,
      documentNo: "2001",
      dueDate: "2025-01-15",
      cID: kid,
      invoiceDebtCollectionStatus: 4,
      debtCollectionCaseCode: "AG-7",
      debtCollectionCaseId: expect.any(String),
      isCreatedByCurrentIntegration: false,
    });
    const one = await api.get(`/Reporting/CustomerLedger/?toDate=2025-03-10&$filter=${encodeURIComponent("(CustomerCode eq 10002)")}`);
    expect(one.body.data.map((e: { documentNo: string }) => e.documentNo)).toEqual(["2002"]);
    expect((await api.get("/Reporting/CustomerLedger/?toDate=2025-01-15")).body.count).toBe(1);
    expect((await api.get("/Reporting/CustomerLedger/")).body.validation.exception).toBe("ValidationException");
  });

  it("leaves fully matched entries out of the open items but lists them between two dates and by matchId", async () => {
    sandbox.ledger.registerPayment(invoiceId, { amountMinor: 2_000_00, date: "2025-03-05" });
    expect((await api.get("/Reporting/CustomerLedger/?toDate=2025-03-10")).body.count).toBe(1);
    const all = await api.get("/Reporting/CustomerLedger/?fromDate=2025-01-01&toDate=2025-03-10&$orderby=Id asc");
    expect(all.body.data.map((e: { voucherType: number; balance: number }) => [e.voucherType, e.balance])).toEqual([[4, 0], [4, 500], [19, 0]]);
    const matchId = all.body.data[0].matchId;
    expect((await api.get(`/Reporting/CustomerLedger/${matchId}`)).body.count).toBe(2);
  });

  it("MatchEntries gives the entries one matchId and nets their balances", async () => {
    // A payment posted without a KID stays open until it is matched by hand.
    const voucher = await api.post("/Voucher/ManualJournalVoucher/", { voucherDate: "2025-03-10", lines: [{ accountCode: 10002, amount: -500 }, { accountCode: 1920, amount: 500 }] });
    expect(voucher.body.success).toBe(true);
    const open = (await api.get(`/Reporting/CustomerLedger/?toDate=2025-03-10&$filter=${encodeURIComponent("(CustomerCode eq 10002)")}`)).body.data;
    expect(open.map((e: { amount: number }) => e.amount).sort()).toEqual([-500, 500]);
    const res = await api.post("/Reporting/CustomerLedger/MatchEntries/", { entryIds: open.map((e: { id: number }) => e.id), matchDate: "2025-03-10" });
    expect(res.body).toEqual({ data: { success: true }, success: true });
    expect((await api.get(`/Reporting/CustomerLedger/?toDate=2025-03-10&$filter=${encodeURIComponent("(CustomerCode eq 10002)")}`)).body.count).toBe(0);
    const mixed = await api.post("/Reporting/CustomerLedger/MatchEntries/", { entryIds: [1, 2] });
    expect(mixed.body.validation.summary).toContain("different customers");
    expect((await api.post("/Reporting/CustomerLedger/MatchEntries/", { entryIds: [1, 999] })).body.validation.exception).toBe("NotFoundException");
  });
});

describe("Voucher/ManualJournalVoucher", () => {
  it("posts a balanced voucher, matches the customer line to the invoice by cID and returns the documented shape", async () => {
    const res = await api.post("/Voucher/ManualJournalVoucher/", remittance("fordring-remit-1", 750.5));
    expect(res.body).toMatchObject({
      data: {
        description: "Remittering inkasso AG-7",
        id: expect.any(String),
        voucherNo: expect.any(Number),
        voucherDate: "2025-03-10",
        currencyCode: "NOK",
        createdDate: "2025-03-10T08:00:00 +00:00",
        isReversed: false,
        externalImportReference: "fordring-remit-1",
        lines: [
          { accountCode: 10001, amount: -750.5, cID: kid, id: expect.any(Number), date: "2025-03-10" },
          { accountCode: 1512, amount: 750.5 },
        ],
      },
      success: true,
    });
    expect(res.raw).toContain('"amount":-750.50');
    expect(sandbox.ledger.invoice(invoiceId).remainingMinor).toBe(1_249_50);
    const matched = await api.get("/DebtCollection/GetAllMatchedItems?fromDateTime=2025-03-10T00:00:00");
    expect(matched.body.data[0].matchedItems).toEqual([expect.objectContaining({ voucherType: 11, amount: -750.5, externalImportReference: "fordring-remit-1" })]);
    const ledger = await api.get(`/Reporting/CustomerLedger/?fromDate=2025-03-10&toDate=2025-03-10`);
    expect(ledger.body.data[0]).toMatchObject({ isCreatedByCurrentIntegration: true, voucherType: 11 });
    expect(sandbox.state.tenant().counters.vouchersPosted).toBe(1);
  });

  it("refuses a second voucher with the same externalImportReference: success=false, ApiUniqueConstraint (changelog 2.16)", async () => {
    expect((await api.post("/Voucher/ManualJournalVoucher/", remittance("fordring-remit-1", 100))).body.success).toBe(true);
    const again = await api.post("/Voucher/ManualJournalVoucher/", remittance("fordring-remit-1", 100));
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ success: false, validation: { exception: "ApiUniqueConstraint" } });
    expect(sandbox.state.tenant().counters.vouchersPosted).toBe(1);
    expect(sandbox.ledger.invoice(invoiceId).remainingMinor).toBe(1_900_00);
  });

  it("refuses unbalanced vouchers, unknown accounts, unknown fields and references over 50 characters", async () => {
    const unbalanced = await api.post("/Voucher/ManualJournalVoucher/", {
      voucherDate: "2025-03-10",
      lines: [{ accountCode: 10001, amount: -100 }, { accountCode: 1512, amount: 99.99 }],
    });
    expect(unbalanced.body.validation).toMatchObject({ exception: "ValidationException", fields: { lines: expect.stringContaining("does not balance") } });
    const unknownAccount = await api.post("/Voucher/ManualJournalVoucher/", { voucherDate: "2025-03-10", lines: [{ accountCode: 4242, amount: -1 }, { accountCode: 1512, amount: 1 }] });
    expect(unknownAccount.body.validation.fields).toEqual({ "lines[0].accountCode": expect.stringContaining("4242") });
    const unknownField = await api.post("/Voucher/ManualJournalVoucher/", { ...remittance("r", 1), postingDate: "2025-03-10" });
    expect(unknownField.body.validation.fields).toEqual({ postingDate: "Unknown property" });
    const longRef = await api.post("/Voucher/ManualJournalVoucher/", remittance("x".repeat(51), 1));
    expect(longRef.body.validation.fields).toEqual({ externalImportReference: "must be at most 50 characters" });
    expect(sandbox.state.tenant().counters.vouchersPosted).toBe(0);
  });

  it("binds cid/CID/cID alike, as the vendor's binder is case-insensitive", async () => {
    const body = remittance("r-1", 100);
    (body.lines[0] as Record<string, unknown>)["cid"] = kid;
    delete (body.lines[0] as Record<string, unknown>)["cID"];
    expect((await api.post("/Voucher/ManualJournalVoucher/", body)).body.success).toBe(true);
    expect(sandbox.ledger.invoice(invoiceId).remainingMinor).toBe(1_900_00);
  });

  it("Reverse adds a ReversalVoucher (99) that re-opens the invoice, and sets isReversed", async () => {
    const posted = (await api.post("/Voucher/ManualJournalVoucher/", remittance("r-2", 2000))).body.data;
    expect(sandbox.ledger.invoice(invoiceId).remainingMinor).toBe(0);
    const res = await api.post(`/Voucher/ManualJournalVoucher/Reverse/${posted.id}`);
    expect(res.body).toEqual({ data: { success: true }, success: true });
    expect(sandbox.ledger.invoice(invoiceId).remainingMinor).toBe(2_000_00);
    expect((await api.get(`/Voucher/ManualJournalVoucher/${posted.id}`)).body.data.isReversed).toBe(true);
    const items = (await api.get(`/DebtCollection/MatchedItems/${invoiceId}`)).body.data;
    expect(items.map((i: { voucherType: number; amount: number }) => [i.voucherType, i.amount])).toEqual([[11, -2000], [99, 2000]]);
    expect((await api.post(`/Voucher/ManualJournalVoucher/Reverse/${posted.id}`)).body.validation.summary).toContain("already reversed");
    expect((await api.post("/Voucher/ManualJournalVoucher/Reverse/00000000-0000-4000-8000-000000000000")).body.validation.exception).toBe("NotFoundException");
    // The reference stays taken after the reversal.
    expect((await api.post("/Voucher/ManualJournalVoucher/", remittance("r-2", 1))).body.validation.exception).toBe("ApiUniqueConstraint");
  });
});
