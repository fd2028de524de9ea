import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { notFound, validationFailed } from "./api-error.js";
import { PRIVILEGES } from "./auth.js";
import { addInvoicesToCase, mergeCases, rejectCase, saveCase, updateStatus } from "./debt-collection-cases.js";
import { DebtCollectionStatus } from "./enums.js";
import { pageBody, plainSuccessBody, sendJson, successBody } from "./envelope.js";
import { invoicePdf } from "./invoice-pdf.js";
import type { DebtCase } from "./model.js";
import { applyQuery, parseQueryOptions, type QueryParams } from "./odata-query.js";
import { caseSchema, invoiceSchema, type CaseRow } from "./odata-schemas.js";
import { addInvoicesToCaseRequest, debtCollectionCaseRequest, mergeCasesRequest, parseRequest, statusUpdateRequest } from "./request-schemas.js";
import { bodyOrRequestParam, defineRoute, guidParam, sendFailure, withOData, type RequestContext, type Runtime } from "./route-kit.js";
import type { TenantReader } from "./tenant-reader.js";
import { wireCase, wireInvoice, wireMatch } from "./wire-shapes.js";
import { parseDateTimeText } from "./wire-values.js";

/** The DebtCollection service (service_debtcollection.md); every route needs the "DebtCollection" privilege. */
export function debtCollectionRoutes(app: FastifyInstance, rt: Runtime): void {
  const meta = { privilege: PRIVILEGES.debtCollection };
  const caseRow = (read: TenantReader, c: DebtCase): CaseRow => ({ c, invoices: c.invoiceIds.map((id) => read.invoice(id)).filter((i) => i !== undefined) });
  const sendCase = (reply: FastifyReply, ctx: RequestContext, c: DebtCase) => sendJson(reply, successBody(wireCase(c, caseRow(ctx.read, c).invoices, rt.mode)));

  defineRoute(app, "GET", "/DebtCollection/IsActiveDebtCollection", meta, (_req, reply, ctx) =>
    sendJson(reply, successBody(ctx.read.settings().isActiveDebtCollection)),
  );

  // poweroffice.md §6.6: invoices in state 3 (Approved) that no case holds yet.
  defineRoute(app, "GET", "/DebtCollection/Invoices/AvailableInvoices", meta, (req, reply, ctx) => {
    if (!ctx.read.settings().isActiveDebtCollection) {
      return sendFailure(reply, rt, { exception: "SecurityException", summary: "Debt collection is not active for this client" });
    }
    return withOData(reply, rt, () => {
      const available = [...ctx.read.invoices()].filter((i) => i.dcStatus === DebtCollectionStatus.Approved && i.caseId === undefined);
      const page = applyQuery(available, parseQueryOptions(req.query as QueryParams), invoiceSchema);
      return sendJson(reply, pageBody(page.rows.map((i) => wireInvoice(i, rt.mode)), page.count));
    });
  });

  defineRoute(app, "GET", "/DebtCollection/GetInvoicePdf/:id", meta, (req, reply, ctx) => {
    const id = guidParam(req, "id");
    const invoice = id === undefined ? undefined : ctx.read.invoice(id);
    if (!invoice) return sendFailure(reply, rt, notFound(`Invoice ${String((req.params as { id: string }).id)}`).error);
    const pdf = invoicePdf(invoice, ctx.read.customerByCode(invoice.customerCode), ctx.client.clientName);
    return reply.code(200).header("content-type", "application/pdf").header("content-disposition", `inline; filename="faktura-${invoice.invoiceNo}.pdf"`).send(pdf);
  });

  defineRoute(app, "POST", "/DebtCollection", meta, (req, reply, ctx) => {
    const parsed = parseRequest(debtCollectionCaseRequest, req.body);
    if (!parsed.ok) return sendFailure(reply, rt, parsed.error);
    const saved = saveCase(ctx.tenant, parsed.value);
    return saved.ok ? sendCase(reply, ctx, saved.value) : sendFailure(reply, rt, saved.error);
  });

  defineRoute(app, "GET", "/DebtCollection", meta, (req, reply, ctx) =>
    withOData(reply, rt, () => {
      const rows = [...ctx.read.cases()].map((c) => caseRow(ctx.read, c));
      const page = applyQuery(rows, parseQueryOptions(req.query as QueryParams), caseSchema);
      return sendJson(reply, pageBody(page.rows.map((r) => wireCase(r.c, r.invoices, rt.mode)), page.count));
    }),
  );

  defineRoute(app, "GET", "/DebtCollection/:id", meta, (req, reply, ctx) => {
    const c = caseById(req, ctx);
    return c ? sendCase(reply, ctx, c) : sendFailure(reply, rt, notFound(`Debt collection case ${idText(req)}`).error);
  });

  // route_delete_debtcollection__id__.md: "should be used if the debt collection agency rejects the case".
  defineRoute(app, "DELETE", "/DebtCollection/:id", meta, (req, reply, ctx) => {
    const id = guidParam(req, "id");
    const outcome = id === undefined ? notFound(`Debt collection case ${idText(req)}`) : rejectCase(ctx.tenant, id);
    return outcome.ok ? sendJson(reply, plainSuccessBody(rt.successShape)) : sendFailure(reply, rt, outcome.error);
  });

  defineRoute(app, "POST", "/DebtCollection/AddInvoicesToCase", meta, (req, reply, ctx) => {
    const parsed = parseRequest(addInvoicesToCaseRequest, bodyOrRequestParam(req));
    const outcome = parsed.ok ? addInvoicesToCase(ctx.tenant, parsed.value) : parsed;
    return outcome.ok ? sendCase(reply, ctx, outcome.value) : sendFailure(reply, rt, outcome.error);
  });

  defineRoute(app, "POST", "/DebtCollection/MergeCases", meta, (req, reply, ctx) => {
    const parsed = parseRequest(mergeCasesRequest, bodyOrRequestParam(req));
    const outcome = parsed.ok ? mergeCases(ctx.tenant, parsed.value) : parsed;
    return outcome.ok ? sendCase(reply, ctx, outcome.value) : sendFailure(reply, rt, outcome.error);
  });

  defineRoute(app, "POST", "/DebtCollection/UpdateStatus", meta, (req, reply, ctx) => {
    const parsed = parseRequest(statusUpdateRequest, bodyOrRequestParam(req));
    const outcome = parsed.ok ? updateStatus(ctx.tenant, parsed.value) : parsed;
    return outcome.ok ? sendCase(reply, ctx, outcome.value) : sendFailure(reply, rt, outcome.error);
  });

  defineRoute(app, "GET", "/DebtCollection/MatchedItems/:invoiceId", meta, (req, reply, ctx) => {
    const id = guidParam(req, "invoiceId");
    const invoice = id === undefined ? undefined : ctx.read.invoice(id);
    if (!invoice) return sendFailure(reply, rt, notFound(`Debt collection invoice ${String((req.params as { invoiceId: string }).invoiceId)}`).error);
    const matched = ctx.read.matchedEntries(invoice);
    return sendJson(reply, pageBody(matched.map((e) => wireMatch(e, rt.mode)), matched.length));
  });

  const allMatchedItems = (reply: FastifyReply, ctx: RequestContext, fromText: string | undefined) => {
    const from = fromText === undefined ? null : parseDateTimeText(fromText);
    if (from === null) return sendFailure(reply, rt, validationFailed("fromDateTime is required, e.g. 2024-01-01T00:00:00", { fromDateTime: "Required date-time" }).error);
    const data: { matchedItems: unknown[] }[] = [];
    const onCases = [...ctx.read.invoices()].filter((i) => i.caseId !== undefined).sort((a, b) => a.invoiceNo - b.invoiceNo);
    for (const invoice of onCases) {
      const matched = ctx.read.matchedEntries(invoice);
      if (matched.some((e) => e.lastChanged > from)) data.push({ matchedItems: matched.map((e) => wireMatch(e, rt.mode)) });
    }
    return sendJson(reply, pageBody(data, data.length));
  };
  // route_get_debtcollection_getallmatcheditems_fromdatetime__fromdatetime_.md; the path form is deprecated in swagger but still served.
  defineRoute(app, "GET", "/DebtCollection/GetAllMatchedItems", meta, (req, reply, ctx) =>
    allMatchedItems(reply, ctx, (req.query as Record<string, string | undefined>)["fromDateTime"]),
  );
  defineRoute(app, "GET", "/DebtCollection/GetAllMatchedItems/:fromDateTime", meta, (req, reply, ctx) =>
    allMatchedItems(reply, ctx, (req.params as Record<string, string>)["fromDateTime"]),
  );
}

function caseById(req: FastifyRequest, ctx: RequestContext): DebtCase | undefined {
  const id = guidParam(req, "id");
  return id === undefined ? undefined : ctx.read.debtCase(id);
}

function idText(req: FastifyRequest): string {
  return String((req.params as { id?: string }).id);
}
