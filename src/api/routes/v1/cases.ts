import { z } from "zod";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { nationalIdFor } from "../../../access/pii.js";
import { creditorScope } from "../../../access/tenant.js";
import { actOnCase, type CaseActionRequest } from "../../../collection/act-on-case.js";
import { letterFile } from "../../../collection/letters/letter-pdf.js";
import { resendLetterCopy } from "../../../delivery/resend-copy.js";
import { CASE_LIST_STATES, CASE_SORTS, caseSortValue, caseCostsAndInterestOwed, casePage, listCases, type CaseSummaryRow } from "../../../read-models/cases.js";
import { caseStateOf, type CaseRow } from "../../../collection/cases/case-row.js";
import { CLOSE_REASONS } from "../../../domain/case-lifecycle/case-state.js";
import { parseCollectionSettings } from "../../../collection/settings.js";
import { statusText } from "../../../collection/engine/status-text.js";
import { LocalDate } from "../../../domain/calendar/local-date.js";
import { parseCurrency } from "../../../domain/money.js";
import { legalCosts } from "../../../domain/fees/legal-costs.js";
import { allowedEvents, scheduledEvents, type CaseEvent } from "../../../domain/case-lifecycle/index.js";
import type { AppContext } from "../../context.js";
import { ApiError } from "../../errors.js";
import { IdempotencyHeaders } from "../../idempotency.js";
import { replyPdf } from "../../access.js";
import { fastSerializerCompiler } from "../../fast-serializer.js";
import { Amount, Cursor, CursorKey, IsoDate, Limit, decodeCursor, encodeCursor, money, page, parseAmount } from "./shapes.js";
import { amountText, eventText, langOf, nextText, reasonIn, textIn } from "./texts.js";

/** Cases: lists, the case page (timeline, letters, charges, payments, next step), letters as PDF, actions with a preview. */
const CaseSummary = z.object({
  caseId: z.string(),
  caseNumber: z.string(),
  creditorId: z.string(),
  invoiceNumber: z.string(),
  debtorName: z.string(),
  stage: z.string(),
  statusText: z.string(),
  hold: z.object({ kind: z.string(), reason: z.string().nullable(), until: z.string().nullable() }).nullable(),
  balance: Amount,
  currency: z.string(),
  openedOn: z.string(),
  dueDate: z.string(),
  nextActionOn: z.string().nullable(),
  closedOn: z.string().nullable(),
  closeReason: z.string().nullable(),
  actionNeeded: z.boolean(),
}).meta({ id: "CaseSummary" });

function summary(r: CaseSummaryRow) {
  return {
    caseId: r.id, caseNumber: r.case_number, creditorId: r.creditor_id, invoiceNumber: r.invoice_number, debtorName: r.debtor_name, stage: r.stage, statusText: statusText(r.stage),
    hold: r.hold_kind ? { kind: r.hold_kind, reason: r.hold_reason, until: r.hold_until } : null,
    balance: money(r.balance), currency: r.currency, openedOn: r.opened_on, dueDate: r.due_date, nextActionOn: r.next_action_on, closedOn: r.closed_on, closeReason: r.close_reason, actionNeeded: r.action_needed,
  };
}

const ACTIONS = ["pause", "resume", "postpone", "dispute", "resolve-dispute", "withdraw", "approve", "message"] as const;
type ActionName = (typeof ACTIONS)[number];
const ActionBody = z.object({
  reason: z.string().min(1).max(1000).optional(),
  until: IsoDate.optional().describe("pause: the day the case resumes by itself"),
  dueDate: IsoDate.optional().describe("postpone: the new due date"),
  text: z.string().min(1).max(4000).optional().describe("message: the text to the case handler"),
});

const Balances = z.object({ principal: Amount, interest: Amount, fees: Amount, salary: Amount, legal: Amount, paid: Amount, total: Amount, credit: Amount });
/** The case page's answer (GET /v1/cases/:caseId). */
export const CasePageAnswer = z.object({
  case: CaseSummary.extend({ kid: z.string(), jurisdiction: z.string(), debtorType: z.string(), debtorId: z.string().describe("the debtor (GET /debtors/{debtorId})") }),
  debtor: z.object({ name: z.string(), type: z.string(), orgNumber: z.string().nullable(), birthDate: z.string().nullable(), nationalId: z.string().nullable().describe("masked (birth date part only) unless the role may see identity numbers"), address: z.unknown(), email: z.string().nullable(), phone: z.string().nullable() }),
  balances: Balances,
  next: z.object({ event: z.string(), on: z.string().nullable(), text: z.string() }).nullable(),
  allowedActions: z.array(z.enum(ACTIONS)).describe("the actions the case's stage and hold allow now (the rules may still refuse one on a detail; a preview says)"),
  timeline: z.array(z.object({ id: z.number(), on: z.string(), at: z.string(), actor: z.string(), type: z.string(), stage: z.string().nullable(), text: z.string(), reason: z.string().nullable().describe("why: the system's words in the reader's language (Norwegian, or English for an English or Swedish reader); a person's own words as written"), letterId: z.string().nullable(), data: z.unknown() })),
  letters: z.array(
    z.object({
      letterId: z.string(),
      kind: z.string(),
      sentOn: z.string(),
      deadline: z.string(),
      language: z.string(),
      status: z.string(),
      number: z.string().nullable().describe("the short letter number printed on the letter"),
      copyOf: z.string().nullable().describe("a copy sent again: the letter it copies"),
      delivery: z.object({ status: z.string().describe("queued | sent | delivered | read | failed | cancelled | in-doubt"), channel: z.string().nullable(), reason: z.string().nullable(), dispatchedOn: z.string().nullable() }),
    }),
  ),
  charges: z.array(z.object({ kind: z.string(), on: z.string(), amount: Amount, rule: z.string(), source: z.string(), confidence: z.string(), payer: z.string() })),
  payments: z.array(z.object({ paymentId: z.string(), receivedOn: z.string(), amount: Amount, channel: z.string(), source: z.string(), allocations: z.array(z.object({ bucket: z.string(), amount: Amount })) })),
});
/** A page of the case list (GET /v1/creditors/:creditorId/cases, GET /v1/cases). */
export const CaseListAnswer = page(CaseSummary);

export const caseRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    const caseParam = z.object({ caseId: z.string() });

    const listQuery = z.object({
      state: z.enum(CASE_LIST_STATES).default("open"), stage: z.string().max(60).optional(), from: IsoDate.optional(), to: IsoDate.optional(), q: z.string().max(100).optional(),
      minAmount: Amount.optional().describe("balance at least this"), maxAmount: Amount.optional().describe("balance at most this"),
      minAge: z.coerce.number().int().min(0).max(36500).optional().describe("at least this many days past the invoice's due date (the server's business date)"),
      maxAge: z.coerce.number().int().min(0).max(36500).optional().describe("at most this many days past the invoice's due date"),
      reason: z.enum(CLOSE_REASONS).optional().describe("closed for this reason"),
      sort: z.enum(CASE_SORTS).default("newest").describe("newest first (the default), or by stage, balance, age (days past due) or close reason"),
      dir: z.enum(["asc", "desc"]).default("asc").describe("the direction of `sort` (not newest)"),
      limit: Limit, cursor: Cursor,
    });
    const listCasesPage = async (creditors: { creditorId: string } | { scope: ReturnType<typeof creditorScope> }, q: z.infer<typeof listQuery>) => {
      const sort = q.sort === "newest" ? null : q.sort;
      let after: string | null = null;
      let afterValue: string | undefined;
      if (sort === null) after = decodeCursor(q.cursor, [CursorKey.text])?.[0] ?? null;
      else {
        const valueOk = sort === "balance" ? (v: unknown): v is string => typeof v === "string" && /^-?\d{1,18}$/.test(v) : sort === "age" ? CursorKey.date : CursorKey.text;
        const c = decodeCursor(q.cursor, [(v): v is string => v === sort, (v): v is string => v === q.dir, valueOk, CursorKey.text]);
        if (c) [afterValue, after] = [c[2]!, c[3]!];
      }
      const rows = await listCases(ctx.database, creditors, {
        state: q.state, stage: q.stage, from: q.from, to: q.to, q: q.q,
        minBalance: q.minAmount === undefined ? undefined : parseAmount(q.minAmount, "minAmount"), maxBalance: q.maxAmount === undefined ? undefined : parseAmount(q.maxAmount, "maxAmount"),
        minAge: q.minAge, maxAge: q.maxAge, today: ctx.clock.today().toString(), reason: q.reason, sort: q.sort, dir: q.dir,
        after, afterValue, limit: q.limit + 1,
      });
      const more = rows.length > q.limit;
      const last = rows[q.limit - 1];
      const items = rows.slice(0, q.limit).map(summary);
      const nextCursor = !more || !last ? null : sort === null ? encodeCursor([last.case_number]) : encodeCursor([sort, q.dir, caseSortValue(last, sort), last.case_number]);
      return { items, nextCursor };
    };

    app.get(
      "/creditors/:creditorId/cases",
      { config: { access: { resource: "creditor", param: "creditorId", permission: "read" } }, serializerCompiler: fastSerializerCompiler, schema: { tags: ["cases"], summary: "A creditor's cases, newest first or sorted, filtered by state, stage, balance, age and close reason", params: z.object({ creditorId: z.string() }), querystring: listQuery, response: { 200: CaseListAnswer } } },
      async (req) => listCasesPage({ creditorId: req.params.creditorId }, req.query),
    );
    app.get(
      "/cases",
      { config: { access: { scoped: "read" } }, serializerCompiler: fastSerializerCompiler, schema: { tags: ["cases"], summary: "Cases across every creditor the caller may see (a firm's clients, the agency's work list)", querystring: listQuery, response: { 200: CaseListAnswer } } },
      async (req) => listCasesPage({ scope: creditorScope(req.access.principal.grants) }, req.query),
    );

    app.get(
      "/cases/:caseId",
      {
        config: { access: { resource: "case", param: "caseId", permission: "read" } },
        serializerCompiler: fastSerializerCompiler,
        schema: {
          tags: ["cases"],
          summary: "A case: balances, the next planned step, the timeline, letters, charges with their legal source, payments with allocations",
          params: caseParam,
          response: { 200: CasePageAnswer },
        },
      },
      async (req) => {
        const lang = langOf(req.access.principal.locale);
        const id = req.params.caseId;
        const r = (await casePage(ctx.database, id))!;
        const events = r.events ?? [];
        const letters = r.letters ?? [];
        const charges = r.charges ?? [];
        const payments = r.payments ?? [];
        const letterByStep = new Map(letters.map((l) => [`send-${l.kind}:${l.sent_on}`, l.id]));
        const settings = parseCollectionSettings(r.collection_settings);
        const next = nextStep(r, settings.firstStep, lang);
        const paid = Number(r.principal_paid_minor) + Number(r.interest_paid_minor) + Number(r.fees_paid_minor) + Number(r.salary_paid_minor) + Number(r.legal_paid_minor);
        return {
          case: { ...summary(r), kid: r.kid, jurisdiction: r.jurisdiction, debtorType: r.debtor_type, debtorId: r.debtor_id },
          debtor: { name: r.debtor_name, type: r.d_type, orgNumber: r.d_org, birthDate: r.d_birth, nationalId: nationalIdFor(ctx.secrets, r.d_nid, req.access.permissions.has("pii")), address: r.d_address, email: r.d_email, phone: r.d_phone },
          balances: {
            principal: money(Number(r.principal_minor) - Number(r.principal_paid_minor)),
            interest: money(Number(r.interest_accrued_minor) - Number(r.interest_paid_minor)),
            fees: money(Number(r.fees_minor) - Number(r.fees_paid_minor)),
            salary: money(Number(r.salary_minor) - Number(r.salary_paid_minor)),
            legal: money(Number(r.legal_minor) - Number(r.legal_paid_minor)),
            paid: money(paid),
            total: money(r.balance),
            credit: money(r.credit_minor),
          },
          next,
          allowedActions: allowedActions(r),
          timeline: events.map((e) => ({ id: Number(e.id), on: e.on, at: new Date(e.at).toISOString(), actor: e.actor, type: e.type, stage: e.stage, text: eventText(e.type, lang, e.stage), reason: reasonIn(e, req.access.principal.locale), letterId: letterByStep.get(`${e.type}:${e.on}`) ?? null, data: e.data })),
          letters: letters.map((l) => ({ letterId: l.id, kind: l.kind, sentOn: l.sent_on, deadline: l.deadline, language: l.language, status: l.status, number: l.number, copyOf: l.copy_of, delivery: { status: l.delivery_status, channel: l.channel, reason: textIn(l.delivery_reason_text, l.delivery_reason, req.access.principal.locale), dispatchedOn: l.dispatched_on } })),
          charges: charges.map((c) => ({ kind: c.kind, on: c.on, amount: money(c.amount_minor), rule: c.rule, source: c.source, confidence: c.confidence, payer: c.payer })),
          payments: payments.map((p) => ({ paymentId: p.id, receivedOn: p.received_on, amount: money(p.amount_minor), channel: p.channel, source: p.source, allocations: (p.allocations ?? []).map((a) => ({ bucket: a.bucket, amount: money(a.amount) })) })),
        };
      },
    );

    app.get(
      "/letters/:letterId/pdf",
      { config: { access: { resource: "letter", param: "letterId", permission: "read" } }, schema: { tags: ["cases"], summary: "A letter as PDF", params: z.object({ letterId: z.string() }) } },
      async (req, reply) => {
        const l = (await letterFile(ctx.database, req.params.letterId))!;
        if (!l.pdf) throw new ApiError(409, "not_rendered", "the letter is queued for rendering; try again in a moment");
        return replyPdf(reply, l.pdf, `${l.caseNumber}-${l.kind}-${l.sentOn}.pdf`);
      },
    );

    app.post(
      "/letters/:letterId/copy",
      {
        config: { access: { resource: "letter", param: "letterId", permission: "write" } },
        schema: {
          tags: ["cases"],
          summary: "Send a copy of a letter again (same PDF and deadline; the channel is chosen anew)",
          params: z.object({ letterId: z.string() }),
          body: z.object({ reason: z.string().min(1).max(1000).optional() }).optional(),
          response: { 201: z.object({ letterId: z.string(), copyOf: z.string(), caseNumber: z.string() }) },
        },
      },
      async (req, reply) => {
        const copy = await resendLetterCopy(ctx.database, { letterId: req.params.letterId, today: ctx.clock.today(), actor: req.access.principal.label, reason: req.body?.reason ?? null });
        return reply.code(201).send(copy);
      },
    );

    const ActionResult = z.object({
      ok: z.literal(true), preview: z.boolean(), stage: z.string(), hold: z.string().nullable(), nextActionOn: z.string().nullable(), letters: z.number(), charges: z.array(z.object({ kind: z.string(), amount: Amount, payer: z.string(), rule: z.string() })), balance: Amount,
      legalStep: z.object({ step: z.string(), cost: Amount, source: z.string() }).nullable().optional().describe("approving legal collection (Norway): the legal step the creditor's settings choose and the court fee it adds to the claim today"),
    });
    const runAction = async (caseId: string, action: ActionName, body: z.infer<typeof ActionBody>, actor: string, preview: boolean): Promise<z.infer<typeof ActionResult>> => {
      const event = eventFor(action, body);
      const before = action === "approve" ? await casePage(ctx.database, caseId) : null;
      const request: CaseActionRequest = action === "message" ? { kind: "message", text: body.text! } : action === "approve" ? { kind: "approve", note: body.reason ?? null } : { kind: "event", event: event!, note: body.reason ?? null };
      const r = await actOnCase(ctx.database, { caseId, request, today: ctx.clock.today(), actor, rules: ctx.rules, agency: ctx.config.agency, preview });
      if (!r.ok) {
        if ("stage" in r) throw new ApiError(409, "nothing_to_approve", `the case is at ${r.stage}, not waiting for an approval`);
        throw new ApiError(422, r.code, r.text.en);
      }
      const legalStep = action === "approve" && before?.stage === "awaiting-legal-approval" && before.jurisdiction === "NO" ? plannedLegalStep(before.collection_settings, ctx.clock.today()) : null;
      return { ok: true, preview, stage: r.stage, hold: r.hold, nextActionOn: r.nextActionOn, letters: r.letters, charges: r.charges.map((x) => ({ kind: x.kind, amount: money(x.amountMinor), payer: x.payer, rule: x.rule })), balance: money(r.balanceMinor), legalStep };
    };

    /** The legal step approving the gate leads to, and its court fee as the rules price it on `on`. */
    const plannedLegalStep = (collectionSettings: unknown, on: LocalDate) => {
      const step = parseCollectionSettings(collectionSettings).legalStep;
      const cost = legalCosts({ step, on, rules: ctx.rules.NO });
      return { step, cost: money(cost.amount.amount), source: cost.source };
    };

    app.post(
      "/cases/:caseId/actions/:action",
      {
        config: { idempotent: true, access: { resource: "case", param: "caseId", permission: "write" } },
        schema: {
          tags: ["cases"],
          summary: "Act on a case: pause { reason, until? }, resume, postpone { dueDate }, dispute { reason }, resolve-dispute, withdraw { reason }, approve (a waiting gate), message { text }",
          description: "With `?preview=true` the action is carried out and rolled back: the answer shows exactly what it would do (new stage, letters, charges such as a withdrawal's cost) and nothing changes.",
          params: z.object({ caseId: z.string(), action: z.enum(ACTIONS) }),
          headers: IdempotencyHeaders,
          querystring: z.object({ preview: z.enum(["true", "false"]).default("false").transform((v) => v === "true") }),
          body: ActionBody,
          response: { 200: ActionResult },
        },
      },
      async (req) => runAction(req.params.caseId, req.params.action, req.body ?? {}, req.access.principal.label, req.query.preview),
    );

    app.get(
      "/cases/:caseId/withdraw-preview",
      {
        config: { access: { resource: "case", param: "caseId", permission: "read" } },
        schema: { tags: ["cases"], summary: "What withdrawing the case today would cost the creditor", params: caseParam, response: { 200: z.object({ free: z.boolean(), cost: z.object({ fees: Amount, interest: Amount, total: Amount }), text: z.string() }) } },
      },
      async (req) => {
        const r = await runAction(req.params.caseId, "withdraw", { reason: "preview" }, req.access.principal.label, true);
        const cost = r.charges.filter((c) => c.payer === "creditor").reduce((a, c) => a + parseAmount(c.amount, "charge"), 0);
        const owed = await caseCostsAndInterestOwed(ctx.database, req.params.caseId);
        const currency = parseCurrency(owed.currency, "case.currency");
        const free = cost === 0;
        const lang = langOf(req.access.principal.locale);
        const fees = free ? 0 : Math.min(cost, owed.costsMinor);
        const interest = free ? 0 : cost - fees;
        const text = free
          ? lang === "nb" ? "Tilbaketrekking er gratis nå." : "Withdrawing is free now."
          : lang === "nb" ? `Tilbaketrekking nå koster ${amountText(cost, lang, currency)}: påløpte gebyrer, salær og renter faktureres kreditor.` : `Withdrawing now costs ${amountText(cost, lang, currency)}: the fees, salær and interest incurred are invoiced to the creditor.`;
        return { free, cost: { fees: money(fees), interest: money(interest), total: money(cost) }, text };
      },
    );
  };

function eventFor(action: ActionName, b: z.infer<typeof ActionBody>): CaseEvent | null {
  const need = (v: string | undefined, field: string) => {
    if (!v) throw new ApiError(400, "invalid_request", `body.${field}: required for this action`, `body.${field}`);
    return v;
  };
  switch (action) {
    case "pause":
      return { type: "pause", reason: need(b.reason, "reason"), until: b.until ? LocalDate.parse(b.until, "until") : null };
    case "resume":
      return { type: "resume" };
    case "postpone":
      return { type: "postpone-due-date", to: LocalDate.parse(need(b.dueDate, "dueDate"), "dueDate") };
    case "dispute":
      return { type: "dispute", reason: need(b.reason, "reason") };
    case "resolve-dispute":
      return { type: "dispute-resolved" };
    case "withdraw":
      return { type: "withdraw" };
    case "approve":
      return null;
    case "message":
      need(b.text, "text");
      return null;
  }
}

const ACTION_OF_EVENT: Partial<Record<string, ActionName>> = {
  pause: "pause",
  resume: "resume",
  "postpone-due-date": "postpone",
  dispute: "dispute",
  "dispute-resolved": "resolve-dispute",
  withdraw: "withdraw",
  "approve-payment-demand": "approve",
  "approve-legal": "approve",
};

/** The lifecycle's allowed events for the case as it stands, as API actions (a message is always possible). */
function allowedActions(r: CaseRow): ActionName[] {
  const events = r.closed_on ? [] : allowedEvents(caseStateOf(r));
  const out = new Set<ActionName>(events.map((e) => ACTION_OF_EVENT[e]).filter((a): a is ActionName => a !== undefined));
  out.add("message");
  return ACTIONS.filter((a) => out.has(a));
}

function nextStep(r: CaseRow & { closed_on: string | null; stage: string }, firstStep: "reminder" | "collection-notice", lang: "nb" | "en") {
  if (r.closed_on) return null;
  if (r.stage === "awaiting-payment-demand-approval") return { event: "approve-payment-demand", on: null, text: lang === "nb" ? "Venter på din godkjenning av betalingsoppfordring" : "Waiting for your approval of the payment demand" };
  if (r.stage === "awaiting-legal-approval") return { event: "approve-legal", on: null, text: lang === "nb" ? "Venter på din godkjenning av rettslig inndrivelse" : "Waiting for your approval of legal collection" };
  const first = scheduledEvents(caseStateOf(r), { firstLetter: firstStep })[0];
  return first ? { event: first.event, on: first.on.toString(), text: nextText(first.event, lang) } : null;
}
