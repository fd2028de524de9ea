import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { z } from "zod";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { FastifyReply } from "fastify";
import { BankFileError } from "../../../collection/bank-files/bank-file-error.js";
import { importBankFile } from "../../../collection/payments/import-bank-file.js";
import { UNMATCHED_REASON_CODES } from "../../../collection/payments/bank-lines.js";
import { matchBankPayment, unmatchedQueue, type QueuedPayment } from "../../../collection/payments/match-manually.js";
import { SUGGESTION_BASES, type SuggestionBasis } from "../../../collection/payments/suggest-matches.js";
import { LocalDate } from "../../../domain/calendar/local-date.js";
import { renderRemittancePdf } from "../../../settlement/remittance-pdf.js";
import { listSettlements, remittanceOf, settlementView, settlementsByIds, type SettlementViewRow } from "../../../read-models/settlements.js";
import { settlePeriod } from "../../../settlement/run-settlement.js";
import { settleDue } from "../../../settlement/settle-due.js";
import { parsePainVersion, type PayoutFile } from "../../../settlement/payout.js";
import { importPayoutStatusReport, issuePayoutFile, reissuePayout } from "../../../settlement/payout-status.js";
import { latestPayouts, type PayoutRow } from "../../../read-models/payouts.js";
import type { AppContext } from "../../context.js";
import { ApiError } from "../../errors.js";
import { IdempotencyHeaders } from "../../idempotency.js";
import { replyPdf } from "../../access.js";
import { Amount, CurrencyCode, Cursor, CursorKey, IsoDate, Limit, decodeCursor, encodeCursor, iso, money, page } from "./shapes.js";

const QueuedPaymentShape = z.object({
  bankPaymentId: z.string(),
  bookedOn: z.string().nullable(),
  amount: Amount.nullable(),
  currency: z.string().nullable().describe("the currency of `amount` and of the amounts in `basisValues`"),
  reference: z.string().nullable(),
  payerName: z.string().nullable(),
  note: z.string().nullable().describe("why the payment waits, in English"),
  reasonCode: z.enum(UNMATCHED_REASON_CODES).nullable().describe("why the payment waits as a code, stored when it was queued; null for a row without one (show `note` then)"),
  reasonValues: z
    .object({
      kid: z.string().optional().describe("kid_check_digit, unknown_kid"),
      detail: z.string().optional().describe("kid_check_digit: what the check found, in English"),
      currency: z.string().optional().describe("foreign_currency"),
      bookedOn: z.string().optional().describe("dated_after_today, dated_before_last_change"),
      today: z.string().optional().describe("dated_after_today"),
      changedOn: z.string().optional().describe("dated_before_last_change: the case's last principal change"),
      message: z.string().optional().describe("refused: the case's refusal, in English"),
      bankReference: z.string().optional().describe("duplicate"),
      earlierFile: z.string().optional().describe("possible_repeat: the name of the earlier file with the same payment"),
      importedOn: z.string().optional().describe("possible_repeat: the day the earlier file was imported"),
    })
    .describe("the facts the reason's text needs"),
  suggestions: z.array(
    z.object({
      caseId: z.string().nullable(),
      caseNumber: z.string(),
      why: z.string().describe("why the case is suggested, in English"),
      basis: z.enum(SUGGESTION_BASES).nullable().describe("`why` as a code; null when it is not one of these texts"),
      basisValues: z
        .object({
          invoiceNumber: z.string().optional().describe("invoice_number: the case's invoice number, found in the payment's text"),
          amount: Amount.optional().describe("same_amount, same_amount_and_name: the case's open balance, equal to the payment"),
          debtorName: z.string().optional().describe("same_amount_and_name: the debtor, whose name the payer's resembles"),
        })
        .describe("the facts the basis's text needs"),
    }),
  ),
}).meta({ id: "QueuedPayment" });

/** A queued payment on the wire: amounts as decimal strings (two decimals, as in every currency the files bring). */
function queuedPayment(p: QueuedPayment) {
  const { code: reasonCode = null, ...reasonValues } = p.reason ?? {};
  return {
    bankPaymentId: p.bankPaymentId,
    bookedOn: p.bookedOn,
    amount: p.amountMinor === null ? null : money(p.amountMinor),
    currency: p.currency,
    reference: p.reference,
    payerName: p.payerName,
    note: p.note,
    reasonCode,
    reasonValues: Object.fromEntries(Object.entries(reasonValues).filter(([, v]) => v !== null)),
    suggestions: p.suggestions.map(({ caseId, caseNumber, why, basis }) => ({ caseId, caseNumber, why, basis: basis?.basis ?? null, basisValues: basisValues(basis) })),
  };
}

function basisValues(b: SuggestionBasis | null) {
  switch (b?.basis) {
    case "invoice_number":
      return { invoiceNumber: b.invoiceNumber };
    case "same_amount":
      return { amount: money(b.amountMinor) };
    case "same_amount_and_name":
      return { amount: money(b.amountMinor), debtorName: b.debtorName };
    default:
      return {};
  }
}

/** Bank files, the manual-match queue, settlements with their remittance PDF and voucher. */
export const moneyRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.addContentTypeParser(["application/octet-stream", "text/plain", "application/xml", "text/xml"], { parseAs: "buffer", bodyLimit: 200 * 1024 * 1024 }, (_req, body, done) => done(null, body));

    app.post(
      "/bank-files",
      {
        config: { idempotent: true, access: { agency: "finance" } },
        schema: {
          tags: ["payments"],
          summary: "Import a bank file: Nets OCR giro, camt.054 (.02/.04/.08) or BgMax",
          description: "Send the file as the body (application/octet-stream, text/plain or application/xml). A file whose trailer totals do not match is refused whole (422) and nothing from it is applied; a broken line is kept with its error and the rest is applied; the same file twice is applied once.",
          querystring: z.object({ name: z.string().max(200).default("upload") }),
          headers: IdempotencyHeaders,
          response: { 200: z.object({ fileId: z.string(), format: z.string(), duplicate: z.boolean(), payments: z.number(), matched: z.number(), unmatched: z.number(), errors: z.number(), totals: z.array(z.object({ currency: CurrencyCode, amount: Amount, matchedAmount: Amount })).describe("the payments' sum and the matched sum, per currency"), total: Amount.optional().describe("the sum of all payments, when they are all in one currency"), matchedAmount: Amount.optional().describe("the sum of the matched payments, when all payments are in one currency") }) },
        },
      },
      async (req) => {
        const body = req.body as unknown;
        if (!Buffer.isBuffer(body) || body.length === 0) throw new ApiError(400, "invalid_request", "body: send the bank file as the request body (content-type application/octet-stream)", "body");
        const dir = await mkdtemp(path.join(tmpdir(), "fordring-upload-"));
        const file = path.join(dir, path.basename(req.query.name).replace(/[^\w.-]/g, "_") || "upload");
        try {
          await writeFile(file, body);
          const r = await importBankFile(ctx.database, file, { today: ctx.clock.today(), rules: ctx.rules, actor: req.access.principal.label, agency: ctx.config.agency });
          return { fileId: r.fileId, format: r.format, duplicate: r.duplicate, payments: r.payments, matched: r.matched, unmatched: r.unmatched, errors: r.errors, totals: r.totals, ...(r.total !== undefined ? { total: r.total, matchedAmount: r.matchedAmount } : {}) };
        } catch (e) {
          if (e instanceof BankFileError) throw new ApiError(422, e.code, `the file is refused whole, nothing applied: ${e.message}`, e.where);
          throw e;
        } finally {
          await rm(dir, { recursive: true, force: true });
        }
      },
    );

    app.get(
      "/payments/unmatched",
      {
        config: { access: { agency: "finance" } },
        schema: {
          tags: ["payments"],
          summary: "The manual-match queue: payments no KID matched, with suggestions",
          description:
            "Each payment says why it waits as English text (`note`) and as a code with its facts (`reasonCode`, `reasonValues`), and each suggested case why it is suggested (`why`; `basis`, `basisValues`). A code is null when the row has none (`reasonCode`: a note from elsewhere; `basis`: a text it does not know): show the text then. Amounts are in the payment's `currency` (BgMax payments are SEK).",
          response: { 200: z.object({ items: z.array(QueuedPaymentShape) }) },
        },
      },
      async () => ({ items: (await unmatchedQueue(ctx.database)).map(queuedPayment) }),
    );

    app.post(
      "/payments/:bankPaymentId/match",
      {
        config: { idempotent: true, access: { agency: "finance" } },
        schema: { tags: ["payments"], summary: "Record a queued payment on a case", params: z.object({ bankPaymentId: z.uuid() }), headers: IdempotencyHeaders, body: z.object({ caseNumber: z.string().min(1).max(40) }), response: { 200: z.object({ recorded: z.boolean(), stage: z.string().nullable(), balance: Amount.nullable() }) } },
      },
      async (req) => {
        const r = await ctx.database.transaction((tx) => matchBankPayment(tx, { bankPaymentId: req.params.bankPaymentId, caseNumber: req.body.caseNumber, today: ctx.clock.today(), actor: req.access.principal.label, rules: ctx.rules, agency: ctx.config.agency }));
        return { recorded: r.recorded, stage: r.recorded ? r.stage : null, balance: r.recorded ? money(r.balanceMinor) : null };
      },
    );

    // --- settlements ---------------------------------------------------------------------------
    const SettlementRow = z.object({ settlementId: z.string(), periodFrom: z.string(), periodTo: z.string(), settledOn: z.string(), currency: CurrencyCode.describe("the currency of payout and invoiceToCreditor"), payout: Amount, invoiceToCreditor: Amount, voucherStatus: z.string().nullable(), bookedAt: z.string().nullable() });
    const row = (s: SettlementViewRow) => ({ settlementId: s.id, periodFrom: s.period_from, periodTo: s.period_to, settledOn: s.settled_on, currency: s.currency, payout: money(s.payout_minor), invoiceToCreditor: money(s.invoice_minor), voucherStatus: s.voucher_status, bookedAt: iso(s.booked_at) });

    app.get(
      "/creditors/:creditorId/settlements",
      {
        config: { access: { resource: "creditor", param: "creditorId", permission: "read" } },
        schema: {
          tags: ["settlements"],
          summary: "A creditor's settlements, newest first",
          params: z.object({ creditorId: z.string() }),
          querystring: z.object({ from: IsoDate.optional().describe("periods ending on or after"), to: IsoDate.optional().describe("periods ending on or before"), limit: Limit, cursor: Cursor }),
          response: { 200: page(SettlementRow) },
        },
      },
      async (req) => {
        const q = req.query;
        const after = decodeCursor(q.cursor, [CursorKey.date, CursorKey.uuid]);
        const rows = await listSettlements(ctx.database, { creditorId: req.params.creditorId, from: q.from, to: q.to, after: after ? [after[0]!, after[1]!] : null, limit: q.limit + 1 });
        const more = rows.length > q.limit;
        const items = rows.slice(0, q.limit);
        const last = items[items.length - 1];
        return { items: items.map(row), nextCursor: more && last ? encodeCursor([last.period_to, last.id]) : null };
      },
    );

    app.post(
      "/creditors/:creditorId/settlements",
      {
        config: { idempotent: true, access: { resource: "creditor", param: "creditorId", permission: "finance" } },
        schema: {
          tags: ["settlements"],
          summary: "Settle a period now, or every period due by the creditor's frequency",
          description:
            "With `from` and `to`: that period (a period settled before is answered with its settlement). Without them: every period of the creditor's settlement frequency (daily, weekly, monthly) that has ended and holds something not settled yet, as the worker does each morning at 07:00. A period with nothing to settle stores nothing and is listed under `nothingToSettle`. The voucher of each settlement goes to the creditor's ledger with the next sync.",
          params: z.object({ creditorId: z.string() }),
          headers: IdempotencyHeaders,
          body: z
            .object({ from: IsoDate.optional().describe("first day of the period"), to: IsoDate.optional().describe("last day of the period") })
            .refine((b) => (b.from === undefined) === (b.to === undefined), { message: "give both from and to, or neither", path: ["to"] }),
          response: { 200: z.object({ settlements: z.array(SettlementRow.extend({ duplicate: z.boolean() })), nothingToSettle: z.array(z.object({ from: z.string(), to: z.string(), reason: z.string() })) }) },
        },
      },
      async (req) => {
        const { creditorId } = req.params;
        const today = ctx.clock.today();
        const runs =
          req.body.from && req.body.to
            ? [await settlePeriod(ctx.database, { creditorId, from: LocalDate.parse(req.body.from, "from"), to: LocalDate.parse(req.body.to, "to"), settledOn: today })]
            : (await settleDue(ctx.database, creditorId, today)).runs;
        const ids = runs.flatMap((r) => (r.settled ? [r.settlementId] : []));
        const rows = await settlementsByIds(ctx.database, ids);
        const duplicate = new Set(runs.flatMap((r) => (r.settled && r.duplicate ? [r.settlementId] : [])));
        return {
          settlements: rows.map((s) => ({ ...row(s), duplicate: duplicate.has(s.id) })),
          nothingToSettle: runs.flatMap((r) => (r.settled ? [] : [{ from: r.period.from, to: r.period.to, reason: r.reason }])),
        };
      },
    );

    app.get(
      "/settlements/:settlementId",
      {
        config: { access: { resource: "settlement", param: "settlementId", permission: "read" } },
        schema: { tags: ["settlements"], summary: "A settlement: the split, the voucher lines, delivery and booked status", params: z.object({ settlementId: z.string() }), response: { 200: SettlementRow.extend({ result: z.unknown(), voucher: z.unknown(), bookedCheck: z.unknown() }) } },
      },
      async (req) => {
        const s = await settlementView(ctx.database, req.params.settlementId);
        return { ...row(s!), result: s!.result, voucher: s!.voucher, bookedCheck: s!.booked_check };
      },
    );

    // --- payouts: the pain.001 file and the bank's pain.002 answers ------------------------------
    const PayoutShape = z
      .object({
        settlementId: z.string(),
        creditorId: z.string(),
        creditorCode: z.string(),
        attempt: z.number().int().describe("1 for the first file; one more for each re-issue after a rejection"),
        messageId: z.string().describe("the file's MsgId (and PmtInfId), which the bank's status report names"),
        endToEndId: z.string(),
        amount: Amount,
        currency: CurrencyCode,
        account: z.string().describe("the creditor's account the file pays to"),
        status: z.enum(["issued", "received", "pending", "accepted", "partially_accepted", "rejected"]).describe("issued: no answer from the bank yet"),
        statusCode: z.string().nullable().describe("the bank's ISO 20022 status code (RJCT, ACCP, ACSC, PART …)"),
        reason: z.string().nullable().describe("the bank's reasons: ISO reason code, its meaning, and the bank's text"),
        statusAt: z.string().nullable(),
        issuedAt: z.string(),
      })
      .meta({ id: "Payout" });
    const payoutOut = (p: PayoutRow) => ({ ...p, amount: money(p.amountMinor), currency: p.currency as z.infer<typeof CurrencyCode>, status: p.status as z.infer<typeof PayoutShape>["status"] });
    const PainQuery = z.object({ pain: z.enum(["03", "09"]).default("03").describe("pain.001 version: 001.001.03 or 001.001.09") });

    app.get(
      "/payouts",
      {
        config: { access: { agency: "finance" } },
        schema: {
          tags: ["settlements"],
          summary: "Payouts with the bank's status (the latest file per settlement); `status=rejected` lists those to re-issue",
          querystring: z.object({ status: PayoutShape.shape.status.optional(), creditorId: z.uuid().optional() }),
          response: { 200: z.object({ items: z.array(PayoutShape) }) },
        },
      },
      async (req) => ({ items: (await latestPayouts(ctx.database, { status: req.query.status, creditorId: req.query.creditorId })).map(payoutOut) }),
    );

    app.get(
      "/settlements/:settlementId/payout-file",
      {
        config: { access: { agency: "finance" } },
        schema: {
          tags: ["settlements"],
          summary: "The settlement's payout file (pain.001) to send to the bank",
          description: "The latest attempt's file, recorded as a payout (the first time: attempt 1). Asked again, it is the same payment with the same ids: the bank refuses a repeat.",
          params: z.object({ settlementId: z.uuid() }),
          querystring: PainQuery,
        },
      },
      async (req, reply) => {
        const file = await issuePayoutFile(ctx.database, { settlementId: req.params.settlementId, version: parsePainVersion(req.query.pain, "query.pain"), debtor: ctx.config.agency.payoutAccount, createdAt: ctx.clock.now(), today: ctx.clock.today() });
        return sendPayoutFile(reply, file);
      },
    );

    app.post(
      "/settlements/:settlementId/payout-file/reissue",
      {
        config: { access: { agency: "finance" } },
        schema: {
          tags: ["settlements"],
          summary: "Re-issue a payout the bank rejected: a new pain.001 file with ids of its own, to the creditor's account as it is now",
          description: "Refused (409) unless the latest file's status is rejected, so a payout is never sent twice.",
          params: z.object({ settlementId: z.uuid() }),
          querystring: PainQuery,
        },
      },
      async (req, reply) => {
        const file = await reissuePayout(ctx.database, { settlementId: req.params.settlementId, version: parsePainVersion(req.query.pain, "query.pain"), debtor: ctx.config.agency.payoutAccount, createdAt: ctx.clock.now(), today: ctx.clock.today(), actor: req.access.principal.label });
        return sendPayoutFile(reply, file);
      },
    );

    const Applied = z.object({ settlementId: z.string(), creditorCode: z.string(), attempt: z.number().int(), messageId: z.string(), endToEndId: z.string(), status: PayoutShape.shape.status, code: z.string(), reason: z.string().nullable(), kept: z.boolean().optional().describe("the payout already had a final answer; a later 'received'/'pending' does not undo it") });
    app.post(
      "/payout-status-reports",
      {
        config: { access: { agency: "finance" } },
        schema: {
          tags: ["settlements"],
          summary: "Import the bank's pain.002 status report for a payout file",
          description: "Sets each payout's status from the most specific level the bank reported (payment, batch, file). Refused whole: 400 when it is not a pain.002, 409 when the same report (by its MsgId) was imported before, 422 when it answers a file Fordring did not write. What no payout matches is listed in `unmatched`.",
          response: {
            200: z.object({
              reportId: z.string(),
              messageId: z.string(),
              originalMessageId: z.string(),
              groupStatus: z.string().nullable(),
              applied: z.array(Applied),
              unmatched: z.array(z.object({ where: z.string(), endToEndId: z.string().nullable(), paymentInformationId: z.string().nullable(), code: z.string(), reason: z.string().nullable(), why: z.string() })),
            }),
          },
        },
      },
      async (req) => {
        const body = req.body as unknown;
        if (!Buffer.isBuffer(body) || body.length === 0) throw new ApiError(400, "invalid_request", "body: send the pain.002 file as the request body (content-type application/xml)", "body");
        const r = await importPayoutStatusReport(ctx.database, body.toString("utf8"), { now: ctx.clock.now(), actor: req.access.principal.label });
        return { ...r, applied: r.applied.map((a) => ({ ...a })), unmatched: [...r.unmatched] };
      },
    );

    app.get(
      "/settlements/:settlementId/pdf",
      { config: { access: { resource: "settlement", param: "settlementId", permission: "read" } }, schema: { tags: ["settlements"], summary: "The remittance report as PDF", params: z.object({ settlementId: z.string() }) } },
      async (req, reply) => {
        const s = (await remittanceOf(ctx.database, req.params.settlementId))!;
        const pdf = await renderRemittancePdf({ agency: ctx.config.agency, creditor: s.creditor, settlement: s.settlement, voucher: s.voucher });
        return replyPdf(reply, pdf, `remisse-${s.code}-${s.periodTo}.pdf`);
      },
    );
  };

/** A pain.001 payout file as a download named by its message id. */
function sendPayoutFile(reply: FastifyReply, file: PayoutFile): FastifyReply {
  return reply.type("application/xml; charset=utf-8").header("content-disposition", `attachment; filename="${file.messageId}.xml"`).send(file.xml);
}
