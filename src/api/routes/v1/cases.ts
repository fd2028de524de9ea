import { z } from "zod";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { nationalIdFor } from "../../../access/pii.js";
import { queryPrepared } from "../../../platform/db/prepared-query.js";
import { creditorScope, scopeCondition, scopeParams } from "../../../access/tenant.js";
import { applyCaseAction } from "../../../collection/actions/case-action.js";
import { postCaseMessage } from "../../../collection/actions/post-message.js";
import { caseStateOf, type CaseRow } from "../../../collection/cases/case-row.js";
import { parseCollectionSettings } from "../../../collection/settings.js";
import { statusText } from "../../../collection/engine/status-text.js";
import { LocalDate } from "../../../domain/calendar/local-date.js";
import { allowedEvents, scheduledEvents, type CaseEvent } from "../../../domain/case-lifecycle/index.js";
import type { AppContext } from "../../context.js";
import { ApiError } from "../../errors.js";
import { replyPdf } from "../../access.js";
import { Amount, Cursor, CursorKey, IsoDate, Limit, decodeCursor, encodeCursor, money, page, parseAmount } from "./shapes.js";
import { amountText, eventText, langOf, nextText } from "./texts.js";
import { agencyFromEnv } from "../../../collection/agency.js";

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
});

const BALANCE = `(c.principal_minor - c.principal_paid_minor) + (c.interest_accrued_minor - c.interest_paid_minor) + (c.fees_minor - c.fees_paid_minor)
  + (c.salary_minor - c.salary_paid_minor) + (c.legal_minor - c.legal_paid_minor)`;
/**
 * Every `CaseRow` column by name: the queries below are prepared statements, and one that said
 * `c.*` would fail on a connection that prepared it once a migration adds a column.
 */
const CASE_ROW: Record<keyof CaseRow, true> = {
  id: true, creditor_id: true, claim_id: true, debtor_id: true, case_number: true, kid: true, jurisdiction: true, currency: true, stage: true, hold_kind: true,
  hold_reason: true, hold_since: true, hold_until: true, debtor_type: true, opened_on: true, due_date: true, respite_until: true, reminder_sent_on: true,
  reminder_deadline: true, notice_sent_on: true, notice_deadline: true, notice_sent_by: true, stop_list_on: true, stop_window_ends_on: true,
  payment_demand_approved_on: true, demand_sent_on: true, demand_deadline: true, heavy_salary_on: true, disputed_days: true, legal_approved_on: true, legal_on: true, last_legal_step: true,
  remark_on: true, surveillance_on: true, closed_on: true, close_reason: true, closed_from_stage: true, next_action_on: true, limitation_on: true,
  claim_for_salary_minor: true, principal_minor: true, principal_paid_minor: true, interest_base_minor: true, interest_base_on: true, interest_accrued_minor: true,
  interest_accrued_on: true, interest_paid_minor: true, fees_minor: true, fees_paid_minor: true, salary_minor: true, salary_paid_minor: true, legal_minor: true,
  legal_paid_minor: true, credit_minor: true, ledger_letters: true, version: true,
};
const CASE_ROW_COLUMNS = Object.keys(CASE_ROW).map((k) => `c.${k}`).join(", ");

/**
 * Newest first: case numbers are counted up ("…-999999", then "…-1000000"), so a longer number is
 * a newer one and text order holds only between numbers of one length. The cursor (the last case
 * number) is compared with the same key, so paging neither skips nor repeats a case whatever the
 * numbers look like. The indexes cases_creditor_newest and cases_newest (migration 0011) hold this
 * order, so a first page reads its 51 rows and stops.
 */
const NEWEST_FIRST = "length(c.case_number) desc, c.case_number desc";
const ACTION_NEEDED = `(c.closed_on is null and (c.stage like 'awaiting-%' or coalesce(c.hold_kind, '') = 'disputed'))`;

interface SummaryRow {
  id: string; case_number: string; creditor_id: string; invoice_number: string; debtor_name: string; stage: string; hold_kind: string | null; hold_reason: string | null;
  hold_until: string | null; balance: number; currency: string; opened_on: string; due_date: string; next_action_on: string | null; closed_on: string | null; close_reason: string | null; action_needed: boolean;
}
/** A summary's columns from the case row (the invoice number and the debtor's name come from their tables). */
const CASE_SUMMARY_COLUMNS = `c.id, c.case_number, c.creditor_id, c.stage, c.hold_kind, c.hold_reason, c.hold_until,
  ${BALANCE} as balance, c.currency, c.opened_on, c.due_date, c.next_action_on, c.closed_on, c.close_reason, ${ACTION_NEEDED} as action_needed`;

function summary(r: SummaryRow) {
  return {
    caseId: r.id, caseNumber: r.case_number, creditorId: r.creditor_id, invoiceNumber: r.invoice_number, debtorName: r.debtor_name, stage: r.stage, statusText: statusText(r.stage),
    hold: r.hold_kind ? { kind: r.hold_kind, reason: r.hold_reason, until: r.hold_until } : null,
    balance: money(r.balance), currency: r.currency, openedOn: r.opened_on, dueDate: r.due_date, nextActionOn: r.next_action_on, closedOn: r.closed_on, closeReason: r.close_reason, actionNeeded: r.action_needed,
  };
}

/** The case page's lists, as the database aggregates them. */
interface PageLists {
  events: { id: number; on: string; at: string; actor: string; type: string; stage: string | null; reason: string | null; data: Record<string, unknown> }[] | null;
  letters: { id: string; kind: string; sent_on: string; deadline: string; language: string; status: string }[] | null;
  charges: { kind: string; on: string; amount_minor: number; rule: string; source: string; confidence: string; payer: string }[] | null;
  payments: { id: string; received_on: string; amount_minor: number; channel: string; source: string; allocations: { bucket: string; amount: number }[] | null }[] | null;
}

const ACTIONS = ["pause", "resume", "postpone", "dispute", "resolve-dispute", "withdraw", "approve", "message"] as const;
type ActionName = (typeof ACTIONS)[number];
const ActionBody = z.object({
  reason: z.string().min(1).max(1000).optional(),
  until: IsoDate.optional().describe("pause: the day the case resumes by itself"),
  dueDate: IsoDate.optional().describe("postpone: the new due date"),
  text: z.string().min(1).max(4000).optional().describe("message: the text to the case handler"),
});

export const caseRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    const caseParam = z.object({ caseId: z.string() });

    const listQuery = z.object({ state: z.enum(["open", "closed", "action-needed", "all"]).default("open"), stage: z.string().max(60).optional(), from: IsoDate.optional(), to: IsoDate.optional(), q: z.string().max(100).optional(), limit: Limit, cursor: Cursor });
    const listCases = async (creditorFilter: { creditorId: string } | { grants: Parameters<typeof creditorScope>[0] }, q: z.infer<typeof listQuery>) => {
      const after = decodeCursor(q.cursor, [CursorKey.text]);
      const params: unknown[] = [];
      const bind = (value: unknown) => `$${params.push(value)}`;
      const where: string[] = [];
      if ("creditorId" in creditorFilter) where.push(`c.creditor_id = ${bind(creditorFilter.creditorId)}`);
      else {
        const first = params.length + 1;
        params.push(...scopeParams(creditorScope(creditorFilter.grants)));
        where.push(`c.creditor_id in (select cr.id from creditors cr where ${scopeCondition("cr", first)})`);
      }
      if (q.state === "open") where.push("c.closed_on is null");
      if (q.state === "closed") where.push("c.closed_on is not null");
      if (q.state === "action-needed") where.push(ACTION_NEEDED);
      if (q.stage) where.push(`c.stage = ${bind(q.stage)}`);
      if (q.from) where.push(`c.opened_on >= ${bind(q.from)}`);
      if (q.to) where.push(`c.opened_on <= ${bind(q.to)}`);
      if (q.q) {
        const text = bind(q.q);
        where.push(`(c.case_number = ${text} or exists (select 1 from claims cl where cl.id = c.claim_id and cl.invoice_number = ${text})
          or exists (select 1 from debtors d where d.id = c.debtor_id and d.name ilike '%' || ${text} || '%'))`);
      }
      if (after) {
        const key = bind(after[0]);
        where.push(`(length(c.case_number), c.case_number) < (length(${key}::text), ${key}::text)`);
      }
      // The page's cases are chosen before the joins: the claim and debtor are read for them only.
      // (`c.*` is the subquery's own columns, fixed by this text: safe in a prepared statement.)
      const rows = await queryPrepared<SummaryRow>(
        ctx.database,
        `select c.*, cl.invoice_number, d.name as debtor_name
           from (select ${CASE_SUMMARY_COLUMNS}, c.claim_id, c.debtor_id from cases c where ${where.join(" and ")} order by ${NEWEST_FIRST} limit ${bind(q.limit + 1)}) c
           join claims cl on cl.id = c.claim_id join debtors d on d.id = c.debtor_id
          order by ${NEWEST_FIRST}`,
        params,
      );
      const more = rows.length > q.limit;
      const items = rows.slice(0, q.limit).map(summary);
      return { items, nextCursor: more ? encodeCursor([items[items.length - 1]!.caseNumber]) : null };
    };

    app.get(
      "/creditors/:creditorId/cases",
      { config: { access: { resource: "creditor", param: "creditorId", permission: "read" } }, schema: { tags: ["cases"], summary: "A creditor's cases, newest first", params: z.object({ creditorId: z.string() }), querystring: listQuery, response: { 200: page(CaseSummary) } } },
      async (req) => listCases({ creditorId: req.params.creditorId }, req.query),
    );
    app.get(
      "/cases",
      { config: { access: { scoped: "read" } }, schema: { tags: ["cases"], summary: "Cases across every creditor the caller may see (a firm's clients, the agency's work list)", querystring: listQuery, response: { 200: page(CaseSummary) } } },
      async (req) => listCases({ grants: req.access.principal.grants }, req.query),
    );

    const Balances = z.object({ principal: Amount, interest: Amount, fees: Amount, salary: Amount, legal: Amount, paid: Amount, total: Amount, credit: Amount });
    app.get(
      "/cases/:caseId",
      {
        config: { access: { resource: "case", param: "caseId", permission: "read" } },
        schema: {
          tags: ["cases"],
          summary: "A case: balances, the next planned step, the timeline, letters, charges with their legal source, payments with allocations",
          params: caseParam,
          response: {
            200: z.object({
              case: CaseSummary.extend({ kid: z.string(), jurisdiction: z.string(), debtorType: z.string() }),
              debtor: z.object({ name: z.string(), type: z.string(), orgNumber: z.string().nullable(), birthDate: z.string().nullable(), nationalId: z.string().nullable().describe("masked (birth date part only) unless the role may see identity numbers"), address: z.unknown(), email: z.string().nullable(), phone: z.string().nullable() }),
              balances: Balances,
              next: z.object({ event: z.string(), on: z.string().nullable(), text: z.string() }).nullable(),
              allowedActions: z.array(z.enum(ACTIONS)).describe("the actions the case's stage and hold allow now (the rules may still refuse one on a detail; a preview says)"),
              timeline: z.array(z.object({ id: z.number(), on: z.string(), at: z.string(), actor: z.string(), type: z.string(), stage: z.string().nullable(), text: z.string(), reason: z.string().nullable(), letterId: z.string().nullable(), data: z.unknown() })),
              letters: z.array(z.object({ letterId: z.string(), kind: z.string(), sentOn: z.string(), deadline: z.string(), language: z.string(), status: z.string() })),
              charges: z.array(z.object({ kind: z.string(), on: z.string(), amount: Amount, rule: z.string(), source: z.string(), confidence: z.string(), payer: z.string() })),
              payments: z.array(z.object({ paymentId: z.string(), receivedOn: z.string(), amount: Amount, channel: z.string(), source: z.string(), allocations: z.array(z.object({ bucket: z.string(), amount: Amount })) })),
            }),
          },
        },
      },
      async (req) => {
        const lang = langOf(req.access.principal.locale);
        const id = req.params.caseId;
        const db = ctx.database;
        // One round trip for the case and its four lists (the case page is the most read page there is).
        const [row] = await queryPrepared<CaseRow & SummaryRow & PageLists & { collection_settings: unknown; d_type: string; d_org: string | null; d_birth: string | null; d_nid: string | null; d_address: unknown; d_email: string | null; d_phone: string | null }>(
          db,
          `select ${CASE_ROW_COLUMNS}, cl.invoice_number, d.name as debtor_name, ${BALANCE} as balance, ${ACTION_NEEDED} as action_needed, cr.settings -> 'collection' as collection_settings, d.type as d_type, d.org_number as d_org, d.birth_date as d_birth, d.national_id_enc as d_nid, d.address as d_address, d.email as d_email, d.phone as d_phone,
             (select json_agg(json_build_object('id', e.id, 'on', e."on", 'at', e.at, 'actor', e.actor, 'type', e.type, 'stage', e.stage, 'reason', e.reason, 'data', e.data) order by e.id)
                from case_events e where e.case_id = c.id) as events,
             (select json_agg(json_build_object('id', l.id, 'kind', l.kind, 'sent_on', l.sent_on, 'deadline', l.deadline, 'language', l.language, 'status', l.status) order by l.sent_on, l.created_at)
                from letters l where l.case_id = c.id) as letters,
             (select json_agg(json_build_object('kind', ch.kind, 'on', ch."on", 'amount_minor', ch.amount_minor, 'rule', ch.rule, 'source', ch.source, 'confidence', ch.confidence, 'payer', ch.payer) order by ch."on", ch.id)
                from charges ch where ch.case_id = c.id) as charges,
             (select json_agg(json_build_object('id', p.id, 'received_on', p.received_on, 'amount_minor', p.amount_minor, 'channel', p.channel, 'source', p.source,
                       'allocations', (select json_agg(json_build_object('bucket', a.bucket, 'amount', a.amount_minor) order by a.id) from allocations a where a.payment_id = p.id))
                     order by p.received_on, p.created_at)
                from payments p where p.case_id = c.id) as payments
             from cases c join claims cl on cl.id = c.claim_id join debtors d on d.id = c.debtor_id join creditors cr on cr.id = c.creditor_id where c.id = $1`,
          [id],
        );
        const r = row!;
        const events = r.events ?? [];
        const letters = r.letters ?? [];
        const charges = r.charges ?? [];
        const payments = r.payments ?? [];
        const letterByStep = new Map(letters.map((l) => [`send-${l.kind}:${l.sent_on}`, l.id]));
        const settings = parseCollectionSettings(r.collection_settings);
        const next = nextStep(r, settings.firstStep, lang);
        const paid = Number(r.principal_paid_minor) + Number(r.interest_paid_minor) + Number(r.fees_paid_minor) + Number(r.salary_paid_minor) + Number(r.legal_paid_minor);
        return {
          case: { ...summary(r), kid: r.kid, jurisdiction: r.jurisdiction, debtorType: r.debtor_type },
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
          timeline: events.map((e) => ({ id: Number(e.id), on: e.on, at: new Date(e.at).toISOString(), actor: e.actor, type: e.type, stage: e.stage, text: eventText(e.type, lang, e.stage), reason: e.reason, letterId: letterByStep.get(`${e.type}:${e.on}`) ?? null, data: e.data })),
          letters: letters.map((l) => ({ letterId: l.id, kind: l.kind, sentOn: l.sent_on, deadline: l.deadline, language: l.language, status: l.status })),
          charges: charges.map((c) => ({ kind: c.kind, on: c.on, amount: money(c.amount_minor), rule: c.rule, source: c.source, confidence: c.confidence, payer: c.payer })),
          payments: payments.map((p) => ({ paymentId: p.id, receivedOn: p.received_on, amount: money(p.amount_minor), channel: p.channel, source: p.source, allocations: (p.allocations ?? []).map((a) => ({ bucket: a.bucket, amount: money(a.amount) })) })),
        };
      },
    );

    app.get(
      "/letters/:letterId/pdf",
      { config: { access: { resource: "letter", param: "letterId", permission: "read" } }, schema: { tags: ["cases"], summary: "A letter as PDF", params: z.object({ letterId: z.string() }) } },
      async (req, reply) => {
        const [l] = await ctx.database.query<{ pdf: Buffer | null; kind: string; sent_on: string; case_number: string }>(
          "select l.pdf, l.kind, l.sent_on, c.case_number from letters l join cases c on c.id = l.case_id where l.id = $1",
          [req.params.letterId],
        );
        if (!l!.pdf) {
          const { renderQueuedLetters } = await import("../../../collection/letters/render-queued.js");
          await renderQueuedLetters(ctx.database, 50);
          const [again] = await ctx.database.query<{ pdf: Buffer | null }>("select pdf from letters where id = $1", [req.params.letterId]);
          if (!again?.pdf) throw new ApiError(409, "not_rendered", "the letter is queued for rendering; try again in a moment");
          l!.pdf = again.pdf;
        }
        return replyPdf(reply, l!.pdf, `${l!.case_number}-${l!.kind}-${l!.sent_on}.pdf`);
      },
    );

    const ActionResult = z.object({ ok: z.literal(true), preview: z.boolean(), stage: z.string(), hold: z.string().nullable(), nextActionOn: z.string().nullable(), letters: z.number(), charges: z.array(z.object({ kind: z.string(), amount: Amount, payer: z.string(), rule: z.string() })), balance: Amount });
    const runAction = async (caseId: string, action: ActionName, body: z.infer<typeof ActionBody>, actor: string, preview: boolean) => {
      const today = ctx.clock.today();
      let event = eventFor(action, body);
      if (action === "approve") {
        const [c] = await ctx.database.query<{ stage: string }>("select stage from cases where id = $1", [caseId]);
        if (c!.stage === "awaiting-payment-demand-approval") event = { type: "approve-payment-demand" };
        else if (c!.stage === "awaiting-legal-approval") event = { type: "approve-legal" };
        else throw new ApiError(409, "nothing_to_approve", `the case is at ${c!.stage}, not waiting for an approval`);
      }
      const ROLLBACK = Symbol("preview");
      let out: z.infer<typeof ActionResult> | undefined;
      try {
        await ctx.database.transaction(async (tx) => {
          if (action === "message") {
            await postCaseMessage(tx, { caseId, text: body.text!, today, actor, toHandler: true });
            const [c] = await tx.query<{ stage: string; hold_kind: string | null; next_action_on: string | null; balance: number }>(`select stage, hold_kind, next_action_on, ${BALANCE} as balance from cases c where id = $1`, [caseId]);
            out = { ok: true, preview, stage: c!.stage, hold: c!.hold_kind, nextActionOn: c!.next_action_on, letters: 0, charges: [], balance: money(c!.balance) };
          } else {
            const [{ max } = { max: 0 }] = await tx.query<{ max: number | null }>("select max(id) as max from charges where case_id = $1", [caseId]);
            const result = await applyCaseAction(tx, { caseId, event: event!, today, actor, note: body.reason ?? null, rules: ctx.rules, agency: agencyFromEnv() });
            if (!result.ok) throw new ApiError(422, result.code, result.text.en);
            const charges = await tx.query<{ kind: string; amount_minor: number; payer: string; rule: string }>("select kind, amount_minor, payer, rule from charges where case_id = $1 and id > $2 order by id", [caseId, max ?? 0]);
            const [c] = await tx.query<{ balance: number }>(`select ${BALANCE} as balance from cases c where id = $1`, [caseId]);
            out = { ok: true, preview, stage: result.stage, hold: result.hold, nextActionOn: result.nextActionOn, letters: result.letters, charges: charges.map((x) => ({ kind: x.kind, amount: money(x.amount_minor), payer: x.payer, rule: x.rule })), balance: money(c!.balance) };
          }
          if (preview) throw ROLLBACK;
        });
      } catch (e) {
        if (e !== ROLLBACK) throw e;
      }
      return out!;
    };

    app.post(
      "/cases/:caseId/actions/:action",
      {
        config: { access: { resource: "case", param: "caseId", permission: "write" } },
        schema: {
          tags: ["cases"],
          summary: "Act on a case: pause { reason, until? }, resume, postpone { dueDate }, dispute { reason }, resolve-dispute, withdraw { reason }, approve (a waiting gate), message { text }",
          description: "With `?preview=true` the action is carried out and rolled back: the answer shows exactly what it would do (new stage, letters, charges such as a withdrawal's cost) and nothing changes.",
          params: z.object({ caseId: z.string(), action: z.enum(ACTIONS) }),
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
        const [c] = await ctx.database.query<{ fees: number; interest: number }>(
          "select (fees_minor - fees_paid_minor) + (salary_minor - salary_paid_minor) + (legal_minor - legal_paid_minor) as fees, interest_accrued_minor - interest_paid_minor as interest from cases where id = $1",
          [req.params.caseId],
        );
        const free = cost === 0;
        const lang = langOf(req.access.principal.locale);
        const fees = free ? 0 : Math.min(cost, Number(c!.fees));
        const interest = free ? 0 : cost - fees;
        const text = free
          ? lang === "nb" ? "Tilbaketrekking er gratis nå." : "Withdrawing is free now."
          : lang === "nb" ? `Tilbaketrekking nå koster ${amountText(cost, lang)}: påløpte gebyrer, salær og renter faktureres kreditor.` : `Withdrawing now costs ${amountText(cost, lang)}: the fees, salær and interest incurred are invoiced to the creditor.`;
        return { free, cost: { fees: money(fees), interest: money(interest), total: money(cost) }, text };
      },
    );
  };

function eventFor(action: ActionName, b: z.infer<typeof ActionBody>): CaseEvent | null {
  const need = (v: string | undefined, field: string) => {
    if (!v) throw new ApiError(400, "invalid_request", `body.${field}: required for this action`);
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
