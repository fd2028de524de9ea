import type { FastifyInstance } from "fastify";
import { invalidOperation, notFound, validationFailed } from "./api-error.js";
import { PRIVILEGES } from "./auth.js";
import { pageBody, plainSuccessBody, sendJson } from "./envelope.js";
import { matchEntries } from "./ledger-matching.js";
import { postManualJournalVoucher, reverseManualJournalVoucher } from "./manual-journal.js";
import type { LedgerEntry } from "./model.js";
import { applyQuery, parseQueryOptions, type QueryParams } from "./odata-query.js";
import { ledgerEntrySchema, voucherSchema, type LedgerRow } from "./odata-schemas.js";
import { manualJournalVoucherRequest, matchRequest, parseRequest } from "./request-schemas.js";
import { defineRoute, guidParam, sendFailure, sendOutcome, withOData, type RequestContext, type Runtime } from "./route-kit.js";
import { nowMs } from "./tenant.js";
import { wireLedgerEntry, wireVoucher } from "./wire-shapes.js";
import { parseDateText } from "./wire-values.js";

/** limitations.md: "Max 20.000 items/rows: GET Reporting/CustomerLedger"; beyond it success=false. */
export const CUSTOMER_LEDGER_PAGE_CAP = 20_000;

/** Reporting/CustomerLedger (service_reporting_customerledger.md) and Voucher/ManualJournalVoucher. */
export function ledgerRoutes(app: FastifyInstance, rt: Runtime): void {
  const ledger = { privilege: PRIVILEGES.customerLedger };
  const vouchers = { privilege: PRIVILEGES.manualJournalVoucher };

  const sendEntries = (query: QueryParams, entries: Iterable<LedgerEntry>, ctx: RequestContext, reply: Parameters<typeof sendJson>[0]) =>
    withOData(reply, rt, () => {
      const rows: LedgerRow[] = [];
      for (const e of entries) rows.push({ e, invoice: e.invoiceId === undefined ? undefined : ctx.read.invoice(e.invoiceId) });
      const page = applyQuery(rows, parseQueryOptions(query), ledgerEntrySchema);
      if (page.rows.length > CUSTOMER_LEDGER_PAGE_CAP) {
        return sendFailure(reply, rt, { exception: "ApiMaxPageSizeException", summary: `More than ${CUSTOMER_LEDGER_PAGE_CAP} rows: narrow the dates or use $top/$skip` });
      }
      return sendJson(reply, pageBody(page.rows.map((r) => wireLedgerEntry(r.e, r.invoice, ctx.client.applicationKey, rt.mode)), page.count));
    });

  // ?toDate=… → open items on that date (route_get_reporting_customerledger__todate__todate_.md);
  // ?fromDate=…&toDate=… → every entry between the dates, matched or not. [infer] "Open" is the
  // entry's current balance; the sandbox does not rebuild balances as of an earlier date.
  defineRoute(app, "GET", "/Reporting/CustomerLedger", ledger, (req, reply, ctx) => {
    const q = req.query as Record<string, string | undefined>;
    const toDate = q["toDate"] === undefined ? null : parseDateText(q["toDate"]);
    const fromDate = q["fromDate"] === undefined ? undefined : parseDateText(q["fromDate"]);
    if (toDate === null || fromDate === null) {
      return sendFailure(reply, rt, validationFailed("toDate (and optionally fromDate) must be dates such as 2024-01-31", { toDate: "Required date" }).error);
    }
    const entries = [...ctx.read.entries()].filter((e) =>
      fromDate === undefined ? e.voucherDate <= toDate && e.balanceMinor !== 0 : e.voucherDate >= fromDate && e.voucherDate <= toDate,
    );
    return sendEntries(q, entries, ctx, reply);
  });

  defineRoute(app, "GET", "/Reporting/CustomerLedger/:matchId", ledger, (req, reply, ctx) => {
    const text = (req.params as { matchId: string }).matchId;
    if (!/^\d+$/.test(text)) return sendFailure(reply, rt, validationFailed(`'${text}' is not a match id`, { matchId: "Must be a number" }).error);
    const matchId = Number(text);
    return sendEntries(req.query as QueryParams, [...ctx.read.entries()].filter((e) => e.matchId === matchId), ctx, reply);
  });

  // route_post_reporting_customerledger_matchentries_.md: the entries get one shared matchId.
  defineRoute(app, "POST", "/Reporting/CustomerLedger/MatchEntries", ledger, (req, reply, ctx) => {
    const parsed = parseRequest(matchRequest, req.body);
    if (!parsed.ok) return sendFailure(reply, rt, parsed.error);
    const t = ctx.tenant;
    const entries = parsed.value.entryIds.map((id) => t.entries.get(id));
    const missing = parsed.value.entryIds.find((_id, i) => entries[i] === undefined);
    if (missing !== undefined) return sendFailure(reply, rt, notFound(`Customer ledger entry ${missing}`).error);
    if (new Set(entries.map((e) => e!.customerCode)).size > 1) {
      return sendFailure(reply, rt, invalidOperation("Entries of different customers cannot be matched").error);
    }
    matchEntries(t, parsed.value.entryIds, nowMs(t));
    return sendJson(reply, plainSuccessBody(rt.successShape));
  });

  defineRoute(app, "POST", "/Voucher/ManualJournalVoucher", vouchers, (req, reply, ctx) => {
    const parsed = parseRequest(manualJournalVoucherRequest, req.body);
    const outcome = parsed.ok ? postManualJournalVoucher(ctx.tenant, parsed.value, ctx.client.applicationKey) : parsed;
    return sendOutcome(reply, rt, outcome, (v) => wireVoucher(v, rt.mode));
  });

  // service_voucher_manualjournalvoucher.md: the list "will only return the … vouchers created by
  // the integration itself", filtered by OData (`$filter` or `?options=`).
  defineRoute(app, "GET", "/Voucher/ManualJournalVoucher", vouchers, (req, reply, ctx) =>
    withOData(reply, rt, () => {
      const own = [...ctx.read.vouchers()].filter((v) => v.createdByApplicationKey === ctx.client.applicationKey);
      const page = applyQuery(own, parseQueryOptions(req.query as QueryParams), voucherSchema);
      return sendJson(reply, pageBody(page.rows.map((v) => wireVoucher(v, rt.mode)), page.count));
    }),
  );

  // service_voucher_manualjournalvoucher.md: GET by id only answers vouchers this integration created.
  defineRoute(app, "GET", "/Voucher/ManualJournalVoucher/:id", vouchers, (req, reply, ctx) => {
    const id = guidParam(req, "id");
    const v = id === undefined ? undefined : ctx.read.voucher(id);
    if (!v || v.createdByApplicationKey !== ctx.client.applicationKey) return sendFailure(reply, rt, notFound(`Voucher ${String((req.params as { id: string }).id)}`).error);
    return sendOutcome(reply, rt, { ok: true, value: v }, (x) => wireVoucher(x, rt.mode));
  });

  defineRoute(app, "POST", "/Voucher/ManualJournalVoucher/Reverse/:voucherId", vouchers, (req, reply, ctx) => {
    const id = guidParam(req, "voucherId");
    const outcome = id === undefined ? notFound(`Voucher ${String((req.params as { voucherId: string }).voucherId)}`) : reverseManualJournalVoucher(ctx.tenant, id, ctx.client.applicationKey);
    // [infer] The reverse route's response page was not copied; it answers the generic Success shape.
    return outcome.ok ? sendJson(reply, plainSuccessBody(rt.successShape)) : sendFailure(reply, rt, outcome.error);
  });
}
