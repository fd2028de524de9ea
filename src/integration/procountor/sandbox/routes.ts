import type { FastifyInstance, FastifyRequest } from "fastify";
import { BAS_ACCOUNTS, type Company, type Invoice, type Transaction } from "./company.js";
import { invoicePageImage } from "./invoice-image.js";
import { markPaid, type LedgerSide } from "./ledger-side.js";
import { minorOf, pageOf, sendErrors, sendJson, wireInvoice, wireInvoiceBasic, wirePartner, wirePartnerBasic, wirePaymentEvent, wireReceipt, wireReceiptBasic, wireReferencePayment, type WireError } from "./wire.js";

/**
 * The API routes (paths, query parameters and models of Procountor's REST API reference). Each
 * handler finds its company through `companyOf` (set by the pipeline from the bearer token).
 */
export type CompanyOf = (req: FastifyRequest) => { company: Company; ledger: LedgerSide };
type Query = Record<string, string | undefined>;

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function apiRoutes(app: FastifyInstance, companyOf: CompanyOf): void {
  app.get("/company", async (req, reply) => {
    const { company } = companyOf(req);
    const i = company.info;
    return sendJson(reply, { id: i.id, name: i.name, businessId: i.businessId, ...(i.address ? { billingAddress: { name: i.name, ...i.address } } : {}), ...(i.contactEmail ? { email: i.contactEmail } : {}), bankAccounts: i.bankAccounts.map((b) => ({ accountNumber: b.accountNumber, ...(b.bic ? { bic: b.bic } : {}), active: b.active })) });
  });

  app.get("/company/expenses/collectionpenal/settings", async (req, reply) => sendJson(reply, { ...companyOf(req).company.settings }));

  app.get("/businesspartners", async (req, reply) => {
    const { company } = companyOf(req);
    const q = req.query as Query;
    let rows = [...company.partners.values()];
    if (q["type"]) rows = rows.filter((p) => p.type === q["type"]);
    if (q["customerNumber"]) rows = rows.filter((p) => p.customerNumber === q["customerNumber"]);
    if (q["partnerGroup"]) rows = rows.filter((p) => p.groups.some((g) => g.name === q["partnerGroup"] || String(g.id) === q["partnerGroup"]));
    if (q["active"]) rows = rows.filter((p) => String(p.active) === q["active"]);
    const since = instant(q, "versionStartDate");
    if (typeof since === "object") return sendErrors(reply, 400, [since]);
    if (since !== undefined) rows = rows.filter((p) => Date.parse(p.version) >= since);
    const page = pageOf(rows, q);
    if ("error" in page) return sendErrors(reply, 400, [page.error]);
    return sendJson(reply, { results: page.results.map(wirePartnerBasic), meta: page.meta });
  });

  app.get("/businesspartners/:id", async (req, reply) => {
    const { company } = companyOf(req);
    const p = company.partners.get(Number((req.params as { id: string }).id));
    if (!p) return sendErrors(reply, 404, [{ message: "Business partner not found" }]);
    return sendJson(reply, wirePartner(p));
  });

  // "When using PATCH /businesspartners, it is required to include the latest version timestamp … This prevents conflicts."
  app.patch("/businesspartners/:id", async (req, reply) => {
    const { company } = companyOf(req);
    const p = company.partners.get(Number((req.params as { id: string }).id));
    if (!p) return sendErrors(reply, 404, [{ message: "Business partner not found" }]);
    const body = (req.body ?? {}) as { version?: unknown; name?: unknown; address?: { street?: string; zip?: string; city?: string; country?: string } };
    if (typeof body.version !== "string") return sendErrors(reply, 400, [{ field: "version", message: "version is required" }]);
    if (body.version !== p.version) {
      company.counters.staleRefused++;
      return sendErrors(reply, 409, [{ field: "version", message: "The business partner has been modified by another user. Reload and try again." }]);
    }
    if (typeof body.name === "string") p.name = body.name;
    if (body.address) p.address = { ...body.address };
    p.version = company.stamp();
    return sendJson(reply, wirePartner(p));
  });

  app.get("/invoices", async (req, reply) => {
    const { company } = companyOf(req);
    const q = req.query as Query;
    const filtered = filterInvoices([...company.invoices.values()], q);
    if ("error" in filtered) return sendErrors(reply, 400, [filtered.error]);
    const page = pageOf(filtered.rows, q, (i) => i.version);
    if ("error" in page) return sendErrors(reply, 400, [page.error]);
    return sendJson(reply, { results: page.results.map(wireInvoiceBasic), meta: page.meta });
  });

  app.get("/invoices/:id", async (req, reply) => {
    const { company } = companyOf(req);
    const invoice = invoiceOf(company, req);
    if (!invoice) return sendErrors(reply, 404, [{ message: "Invoice not found" }]);
    return sendJson(reply, wireInvoice(company, invoice));
  });

  app.get("/invoices/:id/image", async (req, reply) => {
    const { company } = companyOf(req);
    const invoice = invoiceOf(company, req);
    const q = req.query as Query;
    if (!invoice || (q["page"] !== undefined && q["page"] !== "1")) return sendErrors(reply, 404, [{ message: "Invoice not found or invoice page image does not exist" }]);
    if (q["format"] !== undefined && q["format"] !== "PNG") return sendErrors(reply, 400, [{ field: "format", message: "Only PNG page images are available in the sandbox" }]);
    const lines = [`Faktura ${invoice.invoiceNumber}`, company.info.name, invoice.counterParty.name, ...invoice.rows.map((r) => r.product), `OCR ${invoice.bankReferenceCode}`];
    return reply.code(200).header("content-type", "image/png").send(invoicePageImage(lines.map((l) => l.length)));
  });

  // "The notes of an invoice can be modified regardless of the invoice status." Body InvoiceNotes { notes }.
  app.put("/invoices/:id/notes", async (req, reply) => {
    const { company } = companyOf(req);
    const invoice = invoiceOf(company, req);
    if (!invoice) return sendErrors(reply, 404, [{ message: "Invoice not found or insufficient user rights" }]);
    const body = (req.body ?? {}) as { notes?: unknown; version?: unknown };
    if (typeof body.notes !== "string") return sendErrors(reply, 400, [{ field: "notes", message: "notes is required" }]);
    // The invoice's optimistic version, when the caller sends the one it read: a write over a
    // change made since is refused as on the other versioned writes [uncertain: the reference's
    // InvoiceNotes shows only `notes`; a client that sends no version is not checked].
    if (body.version !== undefined && typeof body.version !== "string") return sendErrors(reply, 400, [{ field: "version", message: "version must be a timestamp" }]);
    if (body.version !== undefined && body.version !== invoice.version) {
      company.counters.staleRefused++;
      return sendErrors(reply, 409, [{ field: "version", message: "The invoice has been modified by another user. Reload and try again." }]);
    }
    if (body.notes.length > 10_000) return sendErrors(reply, 400, [{ field: "notes", message: "notes must be at most 10000 characters" }]);
    invoice.notes = body.notes;
    invoice.version = company.stamp();
    company.counters.notesWritten++;
    return sendJson(reply, { message: "Invoice notes updated" });
  });

  app.get("/invoices/:id/paymentevents", async (req, reply) => {
    const { company } = companyOf(req);
    const invoice = invoiceOf(company, req);
    if (!invoice) return sendErrors(reply, 404, [{ message: "Invoice not found" }]);
    const page = pageOf(company.paymentEvents.get(invoice.id) ?? [], { orderById: "ASC", ...(req.query as Query) });
    if ("error" in page) return sendErrors(reply, 400, [page.error]);
    return sendJson(reply, { results: page.results.map(wirePaymentEvent), meta: page.meta });
  });

  app.put("/invoices/:id/paymentevents/markpaid", async (req, reply) => {
    const { company } = companyOf(req);
    const invoice = invoiceOf(company, req);
    if (!invoice) return sendErrors(reply, 404, [{ message: "Invoice not found" }]);
    if (invoice.status !== "SENT" && invoice.status !== "PARTLY_PAID") return sendErrors(reply, 403, [{ field: "status", message: `Invoice in wrong status ${invoice.status}` }]);
    const body = (req.body ?? {}) as { paymentDate?: unknown; amount?: unknown; currency?: unknown; description?: unknown };
    const amount = minorOf(body.amount);
    const errors: Omit<WireError, "status">[] = [];
    if (typeof body.paymentDate !== "string" || !DATE.test(body.paymentDate)) errors.push({ field: "paymentDate", message: "paymentDate must be a date" });
    if (amount === undefined || amount <= 0) errors.push({ field: "amount", message: "amount must be a positive decimal with at most two decimals" });
    if (body.currency !== invoice.currency) errors.push({ field: "currency", message: `Payment event must be in the invoice currency ${invoice.currency}` });
    if (errors.length) return sendErrors(reply, 400, errors);
    const event = markPaid(company, invoice, { amountMinor: amount!, date: body.paymentDate as string, description: typeof body.description === "string" ? body.description : "" });
    return sendJson(reply, wirePaymentEvent(event));
  });

  app.get("/referencepayments", async (req, reply) => {
    const { company } = companyOf(req);
    const q = req.query as Query;
    let rows = company.referencePayments;
    for (const [key, keep] of [["startDate", (d: string, v: string) => d >= v], ["endDate", (d: string, v: string) => d <= v]] as const) {
      const v = q[key];
      if (v === undefined) continue;
      if (!DATE.test(v)) return sendErrors(reply, 400, [{ field: key, message: `${key} must be a date` }]);
      rows = rows.filter((r) => keep(r.paymentDate, v));
    }
    if (q["accountNumber"]) rows = rows.filter((r) => r.accountNumber === q["accountNumber"]);
    const page = pageOf(rows, q);
    if ("error" in page) return sendErrors(reply, 400, [page.error]);
    return sendJson(reply, { results: page.results.map(wireReferencePayment), meta: page.meta });
  });

  app.get("/ledgerreceipts", async (req, reply) => {
    const { company } = companyOf(req);
    const q = req.query as Query;
    let rows = [...company.receipts.values()];
    if (q["types"]) {
      const types = q["types"].split(",");
      rows = rows.filter((r) => types.includes(r.type));
    }
    if (q["status"]) rows = rows.filter((r) => r.status === q["status"]);
    if (q["startDate"]) rows = rows.filter((r) => r.receiptDate >= q["startDate"]!);
    if (q["endDate"]) rows = rows.filter((r) => r.receiptDate <= q["endDate"]!);
    const since = instant(q, "versionStartDate");
    if (typeof since === "object") return sendErrors(reply, 400, [since]);
    if (since !== undefined) rows = rows.filter((r) => Date.parse(r.version) >= since);
    const page = pageOf(rows, q, (r) => r.version);
    if ("error" in page) return sendErrors(reply, 400, [page.error]);
    return sendJson(reply, { results: page.results.map(wireReceiptBasic), meta: page.meta });
  });

  app.get("/ledgerreceipts/:id", async (req, reply) => {
    const r = companyOf(req).company.receipts.get(Number((req.params as { id: string }).id));
    if (!r) return sendErrors(reply, 404, [{ message: "Ledger receipt not found" }]);
    return sendJson(reply, wireReceipt(r));
  });

  // "Endpoint to create a new ledger receipt. Supports journal type ledger receipts."
  app.post("/ledgerreceipts", async (req, reply) => {
    const { company } = companyOf(req);
    const parsed = parseJournal(company, req.body);
    if ("errors" in parsed) return sendErrors(reply, 400, parsed.errors);
    const stamp = company.stamp();
    const receipt = { id: company.nextId(), type: "JOURNAL" as const, status: "APPROVED" as const, ...parsed, invoiceId: undefined, partnerId: undefined, receiptNumber: company.receipts.size + 1, created: stamp, version: stamp };
    company.receipts.set(receipt.id, receipt);
    company.counters.journalsPosted++;
    return sendJson(reply, wireReceipt(receipt));
  });

  // "When using PUT /ledgerreceipts, it is required to include the latest version timestamp of the receipt."
  app.put("/ledgerreceipts/:id", async (req, reply) => {
    const { company } = companyOf(req);
    const r = company.receipts.get(Number((req.params as { id: string }).id));
    if (!r) return sendErrors(reply, 404, [{ message: "Ledger receipt not found" }]);
    const body = (req.body ?? {}) as { version?: unknown; name?: unknown; accountantsNotes?: unknown };
    if (typeof body.version !== "string") return sendErrors(reply, 400, [{ field: "version", message: "version is required" }]);
    if (body.version !== r.version) {
      company.counters.staleRefused++;
      return sendErrors(reply, 409, [{ field: "version", message: "The ledger receipt has been modified by another user. Reload and try again." }]);
    }
    if (typeof body.name === "string") r.name = body.name;
    if (typeof body.accountantsNotes === "string") r.accountantsNotes = body.accountantsNotes;
    r.version = company.stamp();
    return sendJson(reply, wireReceipt(r));
  });

  app.put("/ledgerreceipts/:id/invalidate", async (req, reply) => {
    const { company } = companyOf(req);
    const r = company.receipts.get(Number((req.params as { id: string }).id));
    if (!r) return sendErrors(reply, 404, [{ message: "Ledger receipt not found" }]);
    r.status = "INVALIDATED";
    r.version = company.stamp();
    return sendJson(reply, { message: "Ledger receipt invalidated" });
  });

  // Sandbox only (not Procountor's): a reference payment read from the bank, allocated to the invoice.
  app.post("/_test/pay", async (req, reply) => {
    const { company, ledger } = companyOf(req);
    const body = (req.body ?? {}) as { invoiceId?: unknown; amount?: unknown; paymentDate?: unknown; type?: unknown };
    const invoice = typeof body.invoiceId === "number" ? company.invoices.get(body.invoiceId) : undefined;
    const amount = minorOf(body.amount);
    if (!invoice || amount === undefined || amount <= 0) return sendErrors(reply, 400, [{ message: "invoiceId (an invoice) and a positive amount are required" }]);
    const date = typeof body.paymentDate === "string" && DATE.test(body.paymentDate) ? body.paymentDate : company.now().toISOString().slice(0, 10);
    const event = body.type === undefined || body.type === "REFERENCEPAYMENT" ? ledger.referencePayment(invoice.id, { amountMinor: amount, date }) : ledger.paymentEvent(invoice.id, { type: body.type as "CASH", amountMinor: amount, date });
    return sendJson(reply, wirePaymentEvent(event));
  });
}

function invoiceOf(company: Company, req: FastifyRequest): Invoice | undefined {
  return company.invoices.get(Number((req.params as { id: string }).id));
}

function instant(q: Query, key: string): number | undefined | Omit<WireError, "status"> {
  const v = q[key];
  if (v === undefined) return undefined;
  const t = Date.parse(v);
  return Number.isNaN(t) ? { field: key, message: `${key} must be a date-time` } : t;
}

function filterInvoices(all: Invoice[], q: Query): { rows: Invoice[] } | { error: WireError } {
  let rows = all;
  if (q["types"]) {
    const types = q["types"].split(",");
    if (!types.includes("SALES_INVOICE")) rows = [];
  }
  if (q["status"]) {
    const statuses = q["status"].split(",");
    rows = rows.filter((i) => statuses.includes(i.status));
  }
  for (const [key, field, cmp] of [
    ["startDate", "date", 1],
    ["endDate", "date", -1],
    ["dueStartDate", "dueDate", 1],
    ["dueEndDate", "dueDate", -1],
  ] as const) {
    const v = q[key];
    if (v === undefined) continue;
    if (!DATE.test(v)) return { error: { status: 400, field: key, message: `${key} must be a date (yyyy-MM-dd)` } };
    rows = rows.filter((i) => (cmp === 1 ? i[field] >= v : i[field] <= v));
  }
  for (const [key, cmp] of [["versionStartDate", 1], ["versionEndDate", -1], ["createdStartDate", 1], ["createdEndDate", -1]] as const) {
    const t = instant(q, key);
    if (t === undefined) continue;
    if (typeof t === "object") return { error: { status: 400, ...t } };
    const of = (i: Invoice) => Date.parse(key.startsWith("version") ? i.version : i.created);
    rows = rows.filter((i) => (cmp === 1 ? of(i) >= t : of(i) <= t));
  }
  if (q["invoiceNumber"]) rows = rows.filter((i) => String(i.invoiceNumber) === q["invoiceNumber"]);
  if (q["businessPartnerId"]) rows = rows.filter((i) => String(i.partnerId) === q["businessPartnerId"]);
  if (q["originalInvoiceNumber"]) rows = rows.filter((i) => i.originalInvoiceNumber === q["originalInvoiceNumber"]);
  return { rows };
}

type ParsedJournal = { name: string; receiptDate: string; vatType: "PURCHASE" | "SALES"; vatStatus: number; accountantsNotes: string | undefined; transactions: Transaction[] };

/** LedgerReceipt for POST: type JOURNAL, name, receiptDate, vatType, vatStatus and balanced transactions on known accounts. */
function parseJournal(company: Company, raw: unknown): ParsedJournal | { errors: Omit<WireError, "status">[] } {
  const body = (raw ?? {}) as Record<string, unknown>;
  const errors: Omit<WireError, "status">[] = [];
  if (body["type"] !== "JOURNAL") errors.push({ field: "type", message: "Only JOURNAL ledger receipts can be created" });
  if (typeof body["name"] !== "string" || body["name"] === "") errors.push({ field: "name", message: "name is required" });
  if (typeof body["receiptDate"] !== "string" || !DATE.test(body["receiptDate"])) errors.push({ field: "receiptDate", message: "receiptDate must be a date" });
  if (body["vatType"] !== "SALES" && body["vatType"] !== "PURCHASE") errors.push({ field: "vatType", message: "vatType must be SALES or PURCHASE" });
  if (typeof body["vatStatus"] !== "number") errors.push({ field: "vatStatus", message: "vatStatus is required" });
  const list = Array.isArray(body["transactions"]) ? (body["transactions"] as Record<string, unknown>[]) : [];
  if (list.length < 2) errors.push({ field: "transactions", message: "a journal needs at least two transactions" });
  const transactions: Transaction[] = [];
  list.forEach((t, n) => {
    const field = `transactions[${n}]`;
    const value = minorOf(t["accountingValue"]);
    if (typeof t["account"] !== "string" || !BAS_ACCOUNTS.has(t["account"])) errors.push({ field: `${field}.account`, message: `Ledger account ${String(t["account"])} does not exist` });
    if (value === undefined) errors.push({ field: `${field}.accountingValue`, message: "accountingValue must be a decimal with at most two decimals" });
    if (t["partnerId"] !== undefined && !(typeof t["partnerId"] === "number" && company.partners.has(t["partnerId"]))) errors.push({ field: `${field}.partnerId`, message: `Business partner ${String(t["partnerId"])} not found` });
    transactions.push({
      id: company.nextId(),
      transactionType: t["transactionType"] === "RECONCILIATION_ENTRY" || t["transactionType"] === "REVERSING_ENTRY" ? t["transactionType"] : "ENTRY",
      account: String(t["account"]),
      accountingValueMinor: value ?? 0,
      vatPercent: typeof t["vatPercent"] === "number" ? t["vatPercent"] : 0,
      description: typeof t["description"] === "string" ? t["description"] : undefined,
      partnerId: typeof t["partnerId"] === "number" ? t["partnerId"] : undefined,
    });
  });
  if (errors.length === 0 && transactions.reduce((s, t) => s + t.accountingValueMinor, 0) !== 0) errors.push({ field: "transactions", message: "The transactions of a journal must balance" });
  if (errors.length) return { errors };
  return {
    name: body["name"] as string,
    receiptDate: body["receiptDate"] as string,
    vatType: body["vatType"] as "SALES",
    vatStatus: body["vatStatus"] as number,
    accountantsNotes: typeof body["accountantsNotes"] === "string" ? body["accountantsNotes"] : undefined,
    transactions,
  };
}
