import { afterEach, describe, expect, it } from "vitest";
import { LocalDate } from "../../../domain/calendar/local-date.js";
import { LedgerError } from "../../ledger-connector.js";
import type { FetchLike } from "../../poweroffice/connector/transport.js";
import type { Company } from "../sandbox/index.js";
import { vismaConnectorRig, type VismaConnectorRig } from "./connector-test-kit.js";

/** The connector against the sandbox: what it reads, what it writes, and how it survives failures. */
let r: VismaConnectorRig | undefined;
afterEach(async () => {
  if (r) expect(r.sandbox.state.answerViolations).toEqual([]);
  await r?.close();
  r = undefined;
});

function ledger(c: Company) {
  c.addCustomer({ number: "10001", name: "Bjørnstad Rør AS", corporateId: "974760673", address: { line1: "Strandgata 5", postalCode: "9008", city: "TROMSØ" } });
  c.addCustomer({ number: "10002", name: "Åse Ødegård", address: { line1: "Bjørkeveien 12", postalCode: "6002", city: "ÅLESUND" }, excludeDebtCollection: true });
  // Past due, dunned: goes.
  c.addInvoice({ referenceNumber: "100001", customer: "10001", documentDate: "2025-01-02", dueDate: "2025-01-16", amountMinor: 1_250_00, paymentReference: "100010001007", dunningLevel: 2, dunningLetterDate: "2025-02-13" });
  // Past due, dunned, but excluded from the dunning process: comes flagged.
  c.addInvoice({ referenceNumber: "100002", customer: "10002", documentDate: "2025-01-02", dueDate: "2025-01-16", amountMinor: 400_50, paymentReference: "100020002006", dunningLevel: 1, dunningLetterDate: "2025-01-30", excludeDebtCollection: true });
  // Past due, not dunned yet: the dunning routine has not chosen it.
  c.addInvoice({ referenceNumber: "100003", customer: "10001", documentDate: "2025-01-20", dueDate: "2025-02-03", amountMinor: 99_00, paymentReference: "100010003003" });
  // Not due.
  c.addInvoice({ referenceNumber: "100004", customer: "10001", documentDate: "2025-02-25", dueDate: "2025-03-11", amountMinor: 500_00, paymentReference: "100010004001", dunningLevel: 1, dunningLetterDate: "2025-02-28" });
}

describe("Visma.net connector: reading", () => {
  it("reads the receivables the dunning routine chose, flags the excluded one, and pages through all", async () => {
    r = await vismaConnectorRig({ maxPageSize: 2 });
    ledger(r.sandbox.company);
    for (let i = 0; i < 5; i++) r.sandbox.company.addInvoice({ customer: "10001", documentDate: "2025-01-02", dueDate: "2025-01-16", amountMinor: 100_00 + i, dunningLevel: 1, dunningLetterDate: "2025-01-30" });
    const batch = await r.connector({ pageSize: 100 }).availableInvoices();
    expect(batch.unreadable).toEqual([]);
    const byId = new Map(batch.items.map((i) => [i.id, i]));
    expect([...byId.keys()].sort()).toEqual(["100001", "100002", "100005", "100006", "100007", "100008", "100009"]);
    expect(byId.get("100001")).toMatchObject({ customerRef: "10001", amountMinor: 1_250_00, openMinor: 1_250_00, kid: "100010001007", excludeFromDunning: false, dunningLevel: 2, lastLetter: { kind: "reminder" } });
    expect(byId.get("100001")!.dueDate!.toString()).toBe("2025-01-16");
    expect(byId.get("100001")!.lastLetter!.dueOn!.toString()).toBe("2025-02-27");
    expect(byId.get("100002")).toMatchObject({ excludeFromDunning: true });
    // 8 open past-due rows at a max page size of 2: four pages, the last one known from metadata.totalCount.
    expect(r.requests.filter((q) => q.startsWith("GET /v1/customerinvoice?")).length).toBe(4);
  });

  it("at a higher transfer level, only invoices the routine brought that far", async () => {
    r = await vismaConnectorRig();
    ledger(r.sandbox.company);
    expect((await r.connector({ transferAtDunningLevel: 2 }).availableInvoices()).items.map((i) => i.id)).toEqual(["100001"]);
  });

  it("reads a customer: organisation number, address, and the customer's exclude flag as do-not-transfer", async () => {
    r = await vismaConnectorRig();
    ledger(r.sandbox.company);
    const c = r.connector();
    expect(await c.customer("10001")).toMatchObject({ ref: "10001", name: "Bjørnstad Rør AS", isPerson: false, orgNumber: "974760673", doNotTransfer: false, address: { line1: "Strandgata 5", postcode: "9008", city: "TROMSØ", country: "NO" } });
    expect(await c.customer("10002")).toMatchObject({ isPerson: true, doNotTransfer: true });
    await expect(c.customer("99999")).rejects.toMatchObject({ code: "not_found" });
  });

  it("sets aside a row that breaks the schema, naming the field, and reads the rest", async () => {
    r = await vismaConnectorRig();
    ledger(r.sandbox.company);
    const inner = r.fetch;
    const garbling: FetchLike = async (url, init) => {
      const res = await inner(url, init);
      if (!url.includes("/v1/customerinvoice?")) return res;
      const rows = JSON.parse(new TextDecoder().decode(await res.arrayBuffer())) as Record<string, unknown>[];
      rows[0]!["debtCollection"] = { caseNumber: 42 };
      const bytes = new TextEncoder().encode(JSON.stringify(rows));
      return { status: res.status, headers: res.headers, arrayBuffer: async () => bytes.buffer };
    };
    const batch = await r.connector({ fetch: garbling }).availableInvoices();
    expect(batch.items.map((i) => i.id)).toEqual(["100002"]);
    expect(batch.unreadable).toHaveLength(1);
    expect(batch.unreadable[0]!.ref).toBe("100001");
    expect(batch.unreadable[0]!.error.detail).toMatch(/\/debtCollection\/caseNumber must be string/);
  });
});

describe("Visma.net connector: the case on the invoice", () => {
  it("writes case number, type, status and URL into the debtCollection block, once", async () => {
    r = await vismaConnectorRig();
    ledger(r.sandbox.company);
    const c = r.connector();
    const created = await c.createCase({ caseNumber: "F-2025-000001", invoiceIds: ["100001"], caseUrl: "https://fordring.example/sak/F-2025-000001" });
    expect(created).toEqual({ ledgerCaseId: "F-2025-000001|100001", created: true });
    expect(r.sandbox.company.invoice("100001").debtCollection).toEqual({ caseNumber: "F-2025-000001", caseType: "Inkasso", caseStatus: "Overført til inkasso", caseUrl: "https://fordring.example/sak/F-2025-000001" });
    expect(await c.createCase({ caseNumber: "F-2025-000001", invoiceIds: ["100001"], caseUrl: "x", mayExist: true })).toMatchObject({ created: false });
    expect((await c.availableInvoices()).items.map((i) => i.id)).toEqual(["100002"]);
    expect(await c.updateCaseStatus({ ledgerCaseId: created.ledgerCaseId, statusText: "Inkassovarsel sendt", balanceMinor: 1_250_00, closed: false })).toEqual({ written: true });
    expect(await c.updateCaseStatus({ ledgerCaseId: created.ledgerCaseId, statusText: "Inkassovarsel sendt", balanceMinor: 1_250_00, closed: false })).toEqual({ written: false });
    expect(r.sandbox.company.invoice("100001").debtCollection.caseStatus).toBe("Inkassovarsel sendt");
    expect(r.sandbox.company.counters.invoiceUpdates).toBe(2);
    await expect(c.createCase({ caseNumber: "F-OTHER", invoiceIds: ["100001"], caseUrl: "" })).rejects.toMatchObject({ vendorCode: "AlreadyOnCase" });
  });

  it("writes a status only when the block does not show it: no read before a write it has just seen, no request for a status already shown", async () => {
    r = await vismaConnectorRig();
    ledger(r.sandbox.company);
    const c = r.connector();
    await c.availableInvoices();
    const { ledgerCaseId } = await c.createCase({ caseNumber: "F-1", invoiceIds: ["100001"], caseUrl: "" });
    const status = (statusText: string) => c.updateCaseStatus({ ledgerCaseId, statusText, balanceMinor: 1_250_00, closed: false });
    const invoiceRequests = () => r!.requests.filter((q) => q.includes("/v1/customerinvoice/100001"));
    // The case block this run wrote already says "Overført til inkasso": nothing to send.
    let before = invoiceRequests().length;
    expect(await status("Overført til inkasso")).toEqual({ written: false });
    expect(invoiceRequests().length).toBe(before);
    // A new status on an invoice this run saw on its case: one PUT, no GET before it.
    expect(await status("Inkassovarsel sendt")).toEqual({ written: true });
    expect(invoiceRequests().slice(before)).toEqual(["PUT /v1/customerinvoice/100001"]);
    before = invoiceRequests().length;
    expect(await status("Inkassovarsel sendt")).toEqual({ written: false });
    expect(invoiceRequests().length).toBe(before);
    expect(r.sandbox.company.invoice("100001").debtCollection.caseStatus).toBe("Inkassovarsel sendt");
    expect(r.sandbox.company.counters.invoiceUpdates).toBe(2);

    // What a read of changed invoices shows counts too: a status someone set in Visma.net that equals ours is not written again.
    const since = r.clock.now();
    r.clock.advance(60_000);
    r.sandbox.company.invoice("100001").debtCollection.caseStatus = "Betalingsoppfordring sendt";
    r.sandbox.company.createPayment({ customer: "10001", date: "2025-03-01", cashAccount: "1920", paymentRef: "OCR", lines: [{ documentType: "Invoice", refNbr: "100001", amountPaidMinor: 10_00 }] });
    await c.matchedItemsSince(since);
    before = invoiceRequests().length;
    expect(await status("Betalingsoppfordring sendt")).toEqual({ written: false });
    expect(invoiceRequests().length).toBe(before);

    // A connector of a new run knows nothing: it reads before it writes, and finds the invoice off the case.
    r.sandbox.company.invoice("100001").debtCollection.caseNumber = "F-OTHER";
    const fresh = r.connector();
    await expect(fresh.updateCaseStatus({ ledgerCaseId, statusText: "Avsluttet", balanceMinor: 0, closed: true })).rejects.toMatchObject({ code: "not_found" });
    expect(r.sandbox.company.counters.invoiceUpdates).toBe(2);
  });

  it("reads the invoice again after a stale If-Match (412) and writes on the new ETag", async () => {
    r = await vismaConnectorRig();
    ledger(r.sandbox.company);
    const company = r.sandbox.company;
    const inner = r.fetch;
    let raced = false;
    const racing: FetchLike = (url, init) => {
      // Someone edits the invoice in Visma.net between our read and our write.
      if (init.method === "PUT" && !raced) {
        raced = true;
        company.touch(company.invoice("100001"));
      }
      return inner(url, init);
    };
    await r.connector({ fetch: racing, backgroundWrites: false }).createCase({ caseNumber: "F-1", invoiceIds: ["100001"], caseUrl: "" });
    expect(r.requests.filter((q) => q.startsWith("PUT"))).toHaveLength(2);
    expect(company.invoice("100001").debtCollection.caseNumber).toBe("F-1");
    expect(company.counters.invoiceUpdates).toBe(1);
  });

  it("rejects invoices by marking them, so they are not offered again", async () => {
    r = await vismaConnectorRig();
    ledger(r.sandbox.company);
    const c = r.connector();
    await c.rejectInvoices({ invoiceIds: ["100002"], reference: "AVVIST-1", reason: "Utelatt fra purreprosessen" });
    await c.rejectInvoices({ invoiceIds: ["100002"], reference: "AVVIST-1", reason: "Utelatt fra purreprosessen" });
    expect(r.sandbox.company.invoice("100002").debtCollection).toMatchObject({ caseNumber: "AVVIST-1", caseType: "Avvist" });
    expect(r.sandbox.company.counters.invoiceUpdates).toBe(1);
    expect((await c.availableInvoices()).items.map((i) => i.id)).toEqual(["100001"]);
  });
});

describe("Visma.net connector: payments, credit notes, journals", () => {
  it("reads the creditor's payments and credit notes on a case's invoice since a time", async () => {
    r = await vismaConnectorRig();
    const company = r.sandbox.company;
    ledger(company);
    const c = r.connector();
    await c.createCase({ caseNumber: "F-1", invoiceIds: ["100001"], caseUrl: "" });
    const since = r.clock.now();
    r.clock.advance(60_000);
    company.createPayment({ customer: "10001", date: "2025-03-01", cashAccount: "1920", paymentRef: "OCR 100010001007", lines: [{ documentType: "Invoice", refNbr: "100001", amountPaidMinor: 200_00 }] });
    company.creditNote("100001", { amountMinor: 50_00, date: "2025-03-01" });
    const batch = await c.matchedItemsSince(since);
    expect(batch.unreadable).toEqual([]);
    expect(batch.items).toHaveLength(1);
    expect(batch.items[0]!.kid).toBe("100010001007");
    expect(batch.items[0]!.items.map((i) => [i.kind, i.amountMinor, i.voucherType])).toEqual([["payment", -200_00], ["credit-note", -50_00]].map(([k, a]) => [k, a, k === "payment" ? "Payment" : "CreditNote"]));
    expect((await c.matchedItems("100001")).items).toHaveLength(2);
  });

  it("posts the agency's payments as customer payments on 1510 and a settlement as a released journal, each once", async () => {
    r = await vismaConnectorRig();
    const company = r.sandbox.company;
    ledger(company);
    const c = r.connector();
    const journal = {
      idempotencyKey: "fordring:jrn-6f1c2a",
      date: LocalDate.parse("2025-03-02"),
      description: "Innbetalt til inkassobyrå",
      currency: "NOK",
      lines: [
        { account: "1510", amountMinor: 700_00 },
        { account: "10001", amountMinor: -700_00, kid: "100010001007", description: "F-1" },
      ],
    };
    const first = await c.postVoucher(journal);
    expect(first.alreadyPosted).toBe(false);
    expect(company.invoice("100001").balanceMinor).toBe(550_00);
    expect(company.accountBalance("1510")).toBe(700_00);
    expect(await c.postVoucher(journal)).toMatchObject({ alreadyPosted: true, voucherId: first.voucherId });
    expect(company.counters.paymentsCreated).toBe(1);
    const found = await c.findVoucher(journal.idempotencyKey);
    expect(found!.customerItems).toEqual([expect.objectContaining({ customerRef: "10001", kid: "100010001007", amountMinor: -700_00, externalImportReference: "fordring:jrn-6f1c2a" })]);
    // The agency's payment is on the invoice, marked ours, so the sync does not count it as the creditor's.
    expect((await c.matchedItems("100001")).items).toEqual([expect.objectContaining({ externalImportReference: "fordring:jrn-6f1c2a" })]);

    const settlement = {
      idempotencyKey: "fordring:set-91ab",
      date: LocalDate.parse("2025-03-10"),
      description: "Oppgjør fra inkassobyrå",
      currency: "NOK",
      lines: [
        { account: "1920", amountMinor: 650_00, description: "Utbetalt" },
        { account: "7770", amountMinor: 50_00, description: "Provisjon" },
        { account: "1510", amountMinor: -700_00 },
      ],
    };
    const posted = await c.postVoucher(settlement);
    expect(posted.voucherId).toMatch(/^FDJ/);
    expect(company.journals.get(posted.voucherId!)!.status).toBe("Posted");
    expect(company.accountBalance("1510")).toBe(0);
    expect(await c.postVoucher(settlement)).toMatchObject({ alreadyPosted: true });
    expect(company.counters).toMatchObject({ journalsCreated: 1, journalsReleased: 1 });
    expect(await c.findVoucher("fordring:set-nothing")).toBeNull();
  });

  it("a background request that never finishes is looked up and written once, synchronously or by the next try", async () => {
    r = await vismaConnectorRig({ faults: { rate: 1, kinds: ["stuck"] } });
    const company = r.sandbox.company;
    ledger(company);
    const c = r.connector({ backgroundWrites: true, backgroundPolls: 3 });
    await expect(c.createCase({ caseNumber: "F-1", invoiceIds: ["100001"], caseUrl: "" })).rejects.toMatchObject({ code: "unavailable" });
    expect(company.invoice("100001").debtCollection.caseNumber).toBeNull();
    const clean = r.connector({ backgroundWrites: false });
    await clean.createCase({ caseNumber: "F-1", invoiceIds: ["100001"], caseUrl: "" });
    expect(company.invoice("100001").debtCollection.caseNumber).toBe("F-1");
    expect(company.counters.invoiceUpdates).toBe(1);
  });

  it("survives an expired token and refuses wrong credentials clearly", async () => {
    r = await vismaConnectorRig();
    ledger(r.sandbox.company);
    const c = r.connector();
    await c.customer("10001");
    r.sandbox.revokeTokens();
    expect((await c.customer("10001")).ref).toBe("10001");
    const wrong = r.connector({ clientSecret: "nope" });
    const err = await wrong.customer("10001").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LedgerError);
    expect(err).toMatchObject({ code: "auth_failed", retryable: false });
    const tenant = await r.connector({ tenantId: "4242" }).customer("10001").catch((e: unknown) => e);
    expect((tenant as LedgerError).detail).toMatch(/tenant\) 4242/);
  });
});
