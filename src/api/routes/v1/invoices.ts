import { z } from "zod";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { approveDrafts } from "../../../integration/sync/approve-drafts.js";
import { INVOICE_SORTS, INVOICE_STATES, invoiceSortValue, listInvoices, type InvoiceQuery } from "../../../read-models/invoices.js";
import type { LocalDate } from "../../../domain/calendar/local-date.js";
import type { AppContext } from "../../context.js";
import { Amount, Cursor, CursorKey, IsoDate, Limit, decodeCursor, encodeCursor, money, page, parseAmount } from "./shapes.js";

/**
 * A creditor's invoices as mirrored from the ledger, each with its transfer state and the reasons
 * of the latest eligibility decision (blocked: why; waiting: until when), and the draft list.
 */
const Invoice = z.object({
  claimId: z.string(),
  invoiceNumber: z.string(),
  customerName: z.string(),
  issueDate: z.string(),
  dueDate: z.string(),
  amount: Amount,
  open: Amount,
  currency: z.string(),
  state: z.string().describe("waiting | blocked | draft | approved | transferred | (none: not judged yet)"),
  reasons: z.array(z.object({ code: z.string(), text: z.string() })),
  eligibleOn: z.string().nullable(),
  caseId: z.string().nullable(),
  caseNumber: z.string().nullable(),
});

export const InvoiceListQuery = z.object({
  state: z.enum(INVOICE_STATES).default("all"), from: IsoDate.optional().describe("due on or after"), to: IsoDate.optional().describe("due on or before"),
  minAmount: Amount.optional().describe("open amount at least this"), maxAmount: Amount.optional().describe("open amount at most this"),
  minAge: z.coerce.number().int().min(0).max(36500).optional().describe("at least this many days past due (the server's business date)"),
  maxAge: z.coerce.number().int().min(0).max(36500).optional().describe("at most this many days past due"),
  reason: z.string().max(60).optional().describe("not in collection, and the latest decision gives this reason code"),
  sort: z.enum(INVOICE_SORTS).default("due").describe("due date (the default), open amount, state, first reason or customer; the id breaks ties"),
  dir: z.enum(["asc", "desc"]).default("asc"),
  limit: Limit, cursor: Cursor,
});

/** The read model's query from the route's: amounts to minor units, the cursor checked against the list's sort. */
export function invoiceQuery(creditorId: string, q: z.infer<typeof InvoiceListQuery>, today: LocalDate): InvoiceQuery {
  const valueOk = q.sort === "due" ? CursorKey.date : q.sort === "amount" ? (v: unknown): v is string => typeof v === "string" && /^-?\d{1,18}$/.test(v) : CursorKey.text;
  const after = decodeCursor(q.cursor, [(v): v is string => v === q.sort, (v): v is string => v === q.dir, valueOk, CursorKey.uuid]);
  return {
    creditorId, state: q.state, today, from: q.from, to: q.to,
    minOpen: q.minAmount === undefined ? undefined : parseAmount(q.minAmount, "minAmount"), maxOpen: q.maxAmount === undefined ? undefined : parseAmount(q.maxAmount, "maxAmount"),
    minAge: q.minAge, maxAge: q.maxAge, reason: q.reason, sort: q.sort, dir: q.dir,
    after: after ? [after[2]!, after[3]!] : null, limit: q.limit + 1,
  };
}

export const invoiceRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      "/creditors/:creditorId/invoices",
      {
        config: { access: { resource: "creditor", param: "creditorId", permission: "read" } },
        schema: {
          tags: ["invoices"],
          summary: "Invoices with their state and the reasons for it",
          description: "`state=overdue`: open and past due, whatever their state. Reasons are in the caller's language (nb, sv or en; nb for a reason judged before Swedish was written).",
          params: z.object({ creditorId: z.string() }),
          querystring: InvoiceListQuery,
          response: { 200: page(Invoice) },
        },
      },
      async (req) => {
        const locale = req.access.principal.locale;
        const lang = locale === "en" || locale === "sv" ? locale : "nb";
        const rows = await listInvoices(ctx.database, invoiceQuery(req.params.creditorId, req.query, ctx.clock.today()));
        const more = rows.length > req.query.limit;
        const items = rows.slice(0, req.query.limit).map((r) => ({
          claimId: r.id, invoiceNumber: r.invoice_number, customerName: r.customer, issueDate: r.issue_date, dueDate: r.due_date,
          amount: money(r.amount_minor), open: money(r.open_minor), currency: r.currency,
          state: r.case_id ? "transferred" : (r.transfer_state ?? "none"),
          // A blocked invoice is blocked for its blocking reasons; the notes beside them (when it could be moved by hand, …) are not why.
          reasons: r.case_id
            ? []
            : (r.eligibility?.reasons ?? [])
                .filter((x) => r.transfer_state !== "blocked" || x.blocking !== false)
                .map((x) => ({ code: x.code, text: typeof x.text === "string" ? x.text : (x.text[lang] ?? x.text.nb) })),
          eligibleOn: r.case_id ? null : (r.eligibility?.eligibleOn ?? null),
          caseId: r.case_id, caseNumber: r.case_number,
        }));
        const last = rows[req.query.limit - 1];
        return { items, nextCursor: more && last ? encodeCursor([req.query.sort, req.query.dir, invoiceSortValue(last, req.query.sort), last.id]) : null };
      },
    );

    app.post(
      "/creditors/:creditorId/drafts/approve",
      {
        config: { access: { resource: "creditor", param: "creditorId", permission: "write" } },
        schema: {
          tags: ["invoices"],
          summary: "Approve drafts: the selected ones, or all",
          description: "Each approved draft becomes a case (its case number is written back to the ledger by the next sync). Approving twice opens one case; a claim that is not a draft of this creditor is refused with its reason.",
          params: z.object({ creditorId: z.string() }),
          body: z.union([z.object({ claimIds: z.array(z.uuid()).min(1).max(5000) }), z.object({ all: z.literal(true) })]),
          response: { 200: z.object({ approved: z.number(), cases: z.array(z.object({ claimId: z.string(), caseId: z.string(), caseNumber: z.string() })), refused: z.array(z.object({ claimId: z.string(), reason: z.string() })) }) },
        },
      },
      async (req) => {
        return approveDrafts(ctx.database, { creditorId: req.params.creditorId, claimIds: "all" in req.body ? "all" : req.body.claimIds, actor: req.access.principal.label, today: ctx.clock.today() });
      },
    );
  };
