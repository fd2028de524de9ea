import type { Queryable } from "../platform/db/database.js";
import { CASE_BALANCE } from "./case-balance.js";

/**
 * Views the portal's second pass adds (issue #20): one work queue across a firm's clients, a
 * debtor with all their cases and letters, and a case's legal phase with its dated events.
 */

/** How many rows of each kind the work queue reads; `truncated` says when there are more. */
export const WORK_QUEUE_LIMIT = 500;

export interface WorkQueueDraft { claim_id: string; creditor_id: string; creditor_name: string; invoice_number: string; customer: string; due_date: string; open_minor: number; currency: string }
export interface WorkQueueCase { case_id: string; case_number: string; creditor_id: string; creditor_name: string; invoice_number: string; debtor_id: string; debtor_name: string; stage: string; hold_reason: string | null; hold_since: string | null; balance: number; currency: string; due_date: string }
/** A case with messages from the agency the reader has not read: how many, and the newest one's author, excerpt and time. */
export interface WorkQueueMessageCase extends WorkQueueCase { unread: number; last_from: string; last_excerpt: string; last_at: Date }
export interface WorkQueue { drafts: WorkQueueDraft[]; gates: WorkQueueCase[]; disputes: WorkQueueCase[]; messages: WorkQueueMessageCase[]; truncated: { drafts: boolean; gates: boolean; disputes: boolean; messages: boolean } }

/** The invoice number and the debtor's name are the case row's copies (schema.ts, `cases.invoice_number`). */
const QUEUE_CASE_COLUMNS = `c.id as case_id, c.case_number, c.creditor_id, cr.name as creditor_name, c.invoice_number, c.debtor_id, c.debtor_name, c.stage, c.hold_reason, c.hold_since::text,
  ${CASE_BALANCE} as balance, c.currency, c.due_date::text`;

/**
 * What waits for the firm across all its clients: drafts to approve (oldest due first), cases at an
 * approval gate (payment demand, legal steps) and disputed cases (the oldest dispute first).
 */
/**
 * `readerUserId` is the user reading the queue: the cases with messages from the agency that this
 * user's notifications (kind `message`, src/collection/messages/) still show unread. An API client
 * key reads no notifications, so it gets no message cases.
 */
export async function firmWorkQueue(db: Queryable, firmId: string, readerUserId: string | null = null): Promise<WorkQueue> {
  const limit = WORK_QUEUE_LIMIT + 1;
  const drafts = await db.query<WorkQueueDraft>(
    `select cl.id as claim_id, cl.creditor_id, cr.name as creditor_name, cl.invoice_number, d.name as customer, cl.due_date::text, cl.open_minor, cl.currency
       from claims cl join creditors cr on cr.id = cl.creditor_id join debtors d on d.id = cl.debtor_id
      where cr.firm_id = $1 and cl.transfer_state = 'draft' and not exists (select 1 from cases k where k.claim_id = cl.id)
      order by cl.due_date, cl.id limit $2`,
    [firmId, limit],
  );
  const casesWhere = async (condition: string, order: string) =>
    db.query<WorkQueueCase>(
      `select ${QUEUE_CASE_COLUMNS}
         from cases c join creditors cr on cr.id = c.creditor_id
        where cr.firm_id = $1 and c.closed_on is null and ${condition} order by ${order}, c.case_number limit $2`,
      [firmId, limit],
    );
  const gates = await casesWhere("c.stage like 'awaiting-%'", "c.due_date");
  const disputes = await casesWhere("c.hold_kind = 'disputed'", "c.hold_since nulls last");
  const messages = readerUserId
    ? await db.query<WorkQueueMessageCase>(
        `select ${QUEUE_CASE_COLUMNS}, u.unread, m.author_name as last_from, left(m.body, 200) as last_excerpt, m.created_at as last_at
           from (select n.case_id, count(*)::int as unread
                   from notifications n join case_messages cm on cm.id::text = n.key and cm.case_id = n.case_id
                  where n.user_id = $3 and n.kind = 'message' and n.read_at is null and cm.side = 'agency'
                  group by n.case_id) u
           join cases c on c.id = u.case_id join creditors cr on cr.id = c.creditor_id
           join lateral (select author_name, body, created_at from case_messages where case_id = c.id and side = 'agency' order by created_at desc, id desc limit 1) m on true
          where cr.firm_id = $1
          order by m.created_at desc, c.case_number limit $2`,
        [firmId, limit, readerUserId],
      )
    : [];
  const cut = <T>(rows: T[]) => rows.slice(0, WORK_QUEUE_LIMIT);
  return {
    drafts: cut(drafts), gates: cut(gates), disputes: cut(disputes), messages: cut(messages),
    truncated: { drafts: drafts.length > WORK_QUEUE_LIMIT, gates: gates.length > WORK_QUEUE_LIMIT, disputes: disputes.length > WORK_QUEUE_LIMIT, messages: messages.length > WORK_QUEUE_LIMIT },
  };
}

export interface DebtorViewRow {
  id: string; creditor_id: string; creditor_name: string; type: string; name: string; address: unknown; org_number: string | null; birth_date: string | null; national_id_enc: string | null;
  email: string | null; phone: string | null; language: string; customer_number: string | null;
}
export interface DebtorCaseRow { id: string; case_number: string; invoice_number: string; stage: string; hold_kind: string | null; balance: number; currency: string; opened_on: string; due_date: string; closed_on: string | null; close_reason: string | null }
export interface DebtorLetterRow { id: string; case_id: string; case_number: string; kind: string; number: string | null; sent_on: string; deadline: string; language: string; copy_of: string | null; delivery_status: string; channel: string | null; delivery_reason: string | null; delivery_reason_text: unknown; dispatched_on: string | null }

/** A debtor (as one creditor knows them), every case of theirs newest first, and every letter sent to them with its channel and delivery status. */
export async function debtorView(db: Queryable, debtorId: string): Promise<{ debtor: DebtorViewRow; cases: DebtorCaseRow[]; letters: DebtorLetterRow[] } | null> {
  const [debtor] = await db.query<DebtorViewRow>(
    `select d.id, d.creditor_id, cr.name as creditor_name, d.type, d.name, d.address, d.org_number, d.birth_date::text, d.national_id_enc, d.email, d.phone, d.language, d.customer_number
       from debtors d join creditors cr on cr.id = d.creditor_id where d.id = $1`,
    [debtorId],
  );
  if (!debtor) return null;
  const cases = await db.query<DebtorCaseRow>(
    `select c.id, c.case_number, c.invoice_number, c.stage, c.hold_kind, ${CASE_BALANCE} as balance, c.currency, c.opened_on::text, c.due_date::text, c.closed_on::text, c.close_reason
       from cases c where c.debtor_id = $1 order by length(c.case_number) desc, c.case_number desc`,
    [debtorId],
  );
  const letters = await db.query<DebtorLetterRow>(
    `select l.id, l.case_id, c.case_number, l.kind, l.number, l.sent_on::text, l.deadline::text, l.language, l.copy_of, l.delivery_status, l.channel, l.delivery_reason, l.delivery_reason_text, l.dispatched_on::text
       from letters l join cases c on c.id = l.case_id where c.debtor_id = $1 order by l.sent_on desc, l.created_at desc`,
    [debtorId],
  );
  return { debtor, cases, letters };
}

export interface LegalViewCase { stage: string; legal_approved_on: string | null; legal_on: string | null; last_legal_step: string | null; pending_legal_step: string | null; remark_on: string | null; surveillance_on: string | null; limitation_on: string | null; closed_on: string | null; jurisdiction: string }
export interface LegalViewProceeding { id: string; step: string; filed_on: string; filed_by: string; status: string; result: string | null; judgment_on: string | null; tvangsgrunnlag: unknown }
export interface LegalViewEvent { type: string; on: string; actor: string; reason: string | null; data: Record<string, unknown> | null }
export interface LegalViewCheck { source: string; purpose: string; actor: string; checked_on: string; outcome: string; data: unknown }

/**
 * A case's legal phase: where the case stands (approval, first step, payment remark, surveillance,
 * limitation), each proceeding with its dated events (the `legal-…` timeline rows carrying its
 * id), and every lookup about the debtor for the case (`debtor_checks`: the company register now,
 * credit checks when they come).
 */
export async function caseLegalView(db: Queryable, caseId: string): Promise<{ kase: LegalViewCase; proceedings: LegalViewProceeding[]; events: LegalViewEvent[]; checks: LegalViewCheck[] } | null> {
  const [kase] = await db.query<LegalViewCase>(
    `select stage, legal_approved_on::text, legal_on::text, last_legal_step, pending_legal_step, remark_on::text, surveillance_on::text, limitation_on::text, closed_on::text, jurisdiction from cases where id = $1`,
    [caseId],
  );
  if (!kase) return null;
  const proceedings = await db.query<LegalViewProceeding>(
    `select id, step, filed_on::text, filed_by, status, result, judgment_on::text, tvangsgrunnlag from legal_proceedings where case_id = $1 order by filed_on, created_at`,
    [caseId],
  );
  const events = await db.query<LegalViewEvent>(
    `select type, "on"::text, actor, reason, data from case_events where case_id = $1 and (type like 'legal-%' or type in ('approve-legal', 'take-pending-legal-step', 'move-to-surveillance', 'surveillance-review', 'register-payment-remark')) order by id`,
    [caseId],
  );
  const checks = await db.query<LegalViewCheck>(`select source, purpose, actor, checked_on::text, outcome, data from debtor_checks where case_id = $1 order by checked_on, id`, [caseId]);
  return { kase, proceedings, events, checks };
}
