import { randomUUID } from "node:crypto";
import { LocalDate } from "../../domain/calendar/local-date.js";
import { openBalance, swedishPaymentPlanFee } from "../../domain/case/index.js";
import { instalmentAgreementCost } from "../../domain/fees/instalment-agreement.js";
import { makeKid } from "../../domain/identifiers/kid.js";
import { makeOcr } from "../../domain/identifiers/se-ocr.js";
import type { Currency } from "../../domain/money.js";
import { evenInstalments, planStanding, proposePaymentPlan, type Instalment, type PlanPolicy, type PlanRefusal } from "../../domain/payment-plan/payment-plan.js";
import type { Database, Queryable } from "../../platform/db/database.js";
import type { RuleBook } from "../../platform/rule-book.js";
import { applyCaseAction, lockAccrued } from "../actions/case-action.js";
import { accountOf } from "../cases/case-store.js";
import { loadCreditor } from "../cases/creditor.js";
import { caseParties, renderDocumentPdf, storeCaseDocument } from "../documents/case-document.js";
import type { LetterAgency } from "../letters/letter-model.js";
import { commitIf } from "../commit-if.js";
import type { CollectionSettings } from "../settings.js";
import { planBreach, planConfirmation, type PlanInstalmentRow } from "./plan-documents.js";
import { queueDocumentLetter } from "../documents/document-letters.js";

/**
 * Payment plans (betalingsavtale) end to end (docs/CASES.md, "Payment plans"): the case handler
 * proposes a plan — the instalments, or a count and a first date for an even split — which is
 * checked against the case's balance (with the instalment agreement's cost where it is charged,
 * inkassoforskriften § 2-4) and the creditor's rules (`proposePaymentPlan`); a refusal lists every
 * reason and changes nothing. Agreed, the case is held (`agree-payment-plan`: no letters, salær or
 * legal steps), the plan is stored with one KID for the plan (the case's) or one per instalment,
 * and the debtor's confirmation is kept with the case. The daily cycle reviews active plans
 * (`reviewPaymentPlans`): an instalment not covered by the end of its grace period breaks the
 * plan — a breach notice, and the case resumes where it stood; a plan paid in full ends as
 * completed. Payments allocate as on any case.
 */
export interface ProposePlanInput {
  caseId: string;
  today: LocalDate;
  actor: string;
  rules: RuleBook;
  agency: LetterAgency;
  /** The instalments as agreed, or an even split. */
  schedule: { kind: "instalments"; instalments: { dueOn: LocalDate; amountMinor: number }[] } | { kind: "even"; count: number; firstOn: LocalDate };
  /** Overrides the creditor's `kidPerInstalment`. */
  kidPerInstalment?: boolean;
}

export type ProposePlanResult =
  /** `documentId` null: a Swedish plan's confirmation is the engine's amorteringsplan letter (in Swedish), not a kept document. */
  | { ok: true; planId: string; instalments: PlanInstalmentRow[]; totalMinor: number; costMinor: number; currency: Currency; documentId: string | null; costSource: string | null }
  | { ok: false; code: string; refusals: { code: string; field: string; text: { nb: string; en: string } }[] };

export function planPolicyOf(settings: CollectionSettings): PlanPolicy {
  const p = settings.paymentPlan;
  return { minInstalmentMinor: p.minInstalmentMinor, maxMonths: p.maxMonths, firstInstalmentWithinDays: p.firstInstalmentWithinDays, graceDays: p.graceDays };
}

const refused = (code: string, field: string, nb: string, en: string): ProposePlanResult => ({ ok: false, code, refusals: [{ code, field, text: { nb, en } }] });

/** Proposes and, if the rules allow, agrees a plan in the caller's transaction. A refusal writes nothing. */
export async function agreePaymentPlan(tx: Queryable, input: ProposePlanInput): Promise<ProposePlanResult> {
  const row = await lockAccrued(tx, input.caseId, input.today);
  if (row.closed_on !== null) return refused("case_closed", "caseId", "Saken er avsluttet", "The case is closed");
  const creditor = await loadCreditor(tx, row.creditor_id);
  const settings = creditor.settings.paymentPlan;
  const account = accountOf(row);
  const balance = openBalance(account);
  const count = input.schedule.kind === "even" ? input.schedule.count : input.schedule.instalments.length;
  if (input.schedule.kind === "even" && (!Number.isSafeInteger(count) || count < 1 || count > 120)) return refused("invalid_count", "count", "Antall avdrag må være et heltall fra 1 til 120", "The number of instalments must be a whole number from 1 to 120");
  // A Swedish case's plan is an amorteringsplan (lag (1981:739) 3 § 2): its fee, 170 kr, is part of
  // the debt the plan covers; a Norwegian plan carries inkassoforskriften § 2-4's cost where the creditor charges it.
  const swedish = creditor.jurisdiction === "SE";
  const seFee = swedish ? swedishPaymentPlanFee(account, { today: input.today, creditor, rules: input.rules.NO, swedishRules: input.rules.SE, newId: randomUUID }) : null;
  const cost = !swedish && settings.chargeInstalmentCost ? instalmentAgreementCost({ instalments: count, salaryChargedMinor: account.charged.salary.amount, on: input.today, rules: input.rules.NO }) : null;
  const costMinor = swedish ? (seFee?.amount.amount ?? 0) : cost?.allowed ? cost.amount.amount : 0;
  const costSource = swedish ? (seFee?.source ?? null) : cost?.allowed ? cost.source : null;
  const total = { amount: balance.amount + costMinor, currency: balance.currency };
  const instalments: Instalment[] =
    input.schedule.kind === "even"
      ? total.amount > 0 ? evenInstalments(total, count, input.schedule.firstOn) : []
      : input.schedule.instalments.map((i) => ({ dueOn: i.dueOn, amount: { amount: i.amountMinor, currency: balance.currency } }));
  const decision = proposePaymentPlan({ balance: total, today: input.today, instalments, policy: planPolicyOf(creditor.settings) });
  if (!decision.ok) return { ok: false, code: decision.refusals[0]!.code, refusals: decision.refusals.map((r: PlanRefusal) => ({ code: r.code, field: r.field, text: r.text })) };

  const planId = randomUUID();
  const acted = await applyCaseAction(tx, {
    caseId: row.id,
    event: { type: "agree-payment-plan", planId, instalments: count, chargeInstalmentCost: !swedish && settings.chargeInstalmentCost, ...(swedish ? { firstOn: instalments[0]!.dueOn } : {}) },
    today: input.today,
    actor: input.actor,
    note: {
      nb: `${swedish ? "amorteringsplan" : "betalingsavtale"}: ${count} avdrag fra ${instalments[0]!.dueOn.toNorwegian()} til ${decision.plan.lastOn.toNorwegian()}`,
      en: `${swedish ? "amorteringsplan" : "payment plan"}: ${count} instalment${count === 1 ? "" : "s"} from ${instalments[0]!.dueOn} to ${decision.plan.lastOn}`,
    },
    rules: input.rules,
    agency: input.agency,
  });
  if (!acted.ok) return { ok: false, code: acted.code, refusals: [{ code: acted.code, field: "caseId", text: acted.text }] };

  const perInstalment = input.kidPerInstalment ?? settings.kidPerInstalment;
  const base = row.kid.slice(0, -1);
  const rows: PlanInstalmentRow[] = instalments.map((i, n) => ({
    dueOn: i.dueOn.toString(),
    amountMinor: i.amount.amount,
    // A Swedish instalment's reference is a Bankgiro OCR number (Luhn), as the case's is.
    kid: perInstalment ? (swedish ? makeOcr(`${base}${String(n + 1).padStart(2, "0")}`) : makeKid(`${base}${String(n + 1).padStart(2, "0")}`, creditor.settings.kidAlgorithm)) : row.kid,
  }));
  const [{ paid } = { paid: 0 }] = await tx.query<{ paid: number }>(
    "select coalesce(sum(amount_minor), 0)::bigint as paid from payments where case_id = $1 and channel in ('agency', 'creditor', 'reversal')",
    [row.id],
  );
  await tx.query(
    `insert into payment_plans (id, creditor_id, case_id, agreed_on, agreed_by, currency, total_minor, instalments, kid_mode, grace_days, paid_before_minor, cost_minor)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
    [planId, row.creditor_id, row.id, input.today.toString(), input.actor, balance.currency, total.amount, JSON.stringify(rows), perInstalment ? "instalment" : "plan", settings.graceDays, Number(paid), costMinor],
  );
  if (perInstalment) {
    await tx.query(
      "insert into payment_plan_kids (kid, plan_id, case_id, instalment) select k, $2, $3, n from unnest($1::text[]) with ordinality as t(k, n)",
      [rows.map((r) => r.kid), planId, row.id],
    );
  }
  if (swedish) return { ok: true, planId, instalments: rows, totalMinor: total.amount, costMinor, currency: balance.currency, documentId: null, costSource };
  const parties = await caseParties(tx, row.id);
  const model = planConfirmation(parties, input.agency, input.today, { instalments: rows, totalMinor: total.amount, costMinor, currency: balance.currency, graceDays: settings.graceDays });
  const pdf = await renderDocumentPdf(model);
  const documentId = await storeCaseDocument(tx, { creditorId: row.creditor_id, caseId: row.id, kind: `payment-plan-confirmation:${planId}`, pdf, data: { planId, instalments: rows, totalMinor: total.amount, costMinor }, source: "payment-plan" });
  // Sent to the debtor through the delivery step; what it asks for first: the first instalment, its KID, its due date.
  const first = rows[0]!;
  await queueDocumentLetter(tx, { parties, agency: input.agency, kind: "payment-plan", pdf, sentOn: input.today, deadline: LocalDate.parse(String(first.dueOn)), amountMinor: first.amountMinor, currency: balance.currency, kid: first.kid });
  return { ok: true, planId, instalments: rows, totalMinor: total.amount, costMinor, currency: balance.currency, documentId, costSource };
}

/** `agreePaymentPlan` in its own transaction, or — `preview` — rolled back, so the answer shows what it would do and nothing changes. */
export async function proposePaymentPlanOn(db: Database, input: ProposePlanInput & { preview: boolean }): Promise<ProposePlanResult> {
  return commitIf(db, (tx) => agreePaymentPlan(tx, input), (r) => r.ok && !input.preview);
}

interface ActivePlanRow {
  id: string;
  case_id: string;
  creditor_id: string;
  instalments: PlanInstalmentRow[];
  currency: Currency;
  grace_days: number;
  paid_before_minor: number;
  closed_on: string | null;
  close_reason: string | null;
  hold_kind: string | null;
  hold_reason: string | null;
  paid_minor: number;
}

async function activePlans(tx: Queryable, where: { creditorId: string } | { caseId: string }): Promise<ActivePlanRow[]> {
  const [column, value] = "caseId" in where ? ["p.case_id", where.caseId] : ["p.creditor_id", where.creditorId];
  return tx.query<ActivePlanRow>(
    `select p.id, p.case_id, p.creditor_id, p.instalments, p.currency, p.grace_days, p.paid_before_minor, c.closed_on, c.close_reason, c.hold_kind, c.hold_reason,
            (select coalesce(sum(x.amount_minor), 0) from payments x where x.case_id = p.case_id and x.channel in ('agency', 'creditor', 'reversal'))::bigint as paid_minor
       from payment_plans p join cases c on c.id = p.case_id where ${column} = $1 and p.status = 'active' order by p.id`,
    [value],
  );
}

const standingOf = (p: ActivePlanRow, today: LocalDate) =>
  planStanding({
    instalments: p.instalments.map((i) => ({ dueOn: LocalDate.parse(i.dueOn), amount: { amount: i.amountMinor, currency: p.currency } })),
    paidMinor: Number(p.paid_minor) - Number(p.paid_before_minor),
    today,
    graceDays: p.grace_days,
  });

export interface ReviewCounts {
  reviewed: number;
  completed: number;
  broken: number;
  cancelled: number;
}

/**
 * The daily review of a creditor's active plans (in the cycle's transaction, before the day's
 * cases are advanced): a plan whose case closed or left the plan's hold ends (completed when paid,
 * else cancelled); an instalment not covered by the end of its grace period breaks the plan —
 * `end-payment-plan` (broken) on the case, which resumes where it stood, and the breach notice;
 * a plan paid in full ends as completed and the case resumes for what is left (interest accrued
 * while the plan ran). Keyed by the plan's status: a rerun finds nothing active to end.
 */
export async function reviewPaymentPlans(tx: Queryable, creditorId: string, today: LocalDate, ctx: { rules: RuleBook; agency: LetterAgency; actor: string }): Promise<ReviewCounts> {
  const counts: ReviewCounts = { reviewed: 0, completed: 0, broken: 0, cancelled: 0 };
  for (const p of await activePlans(tx, { creditorId })) {
    counts.reviewed++;
    const end = (status: "completed" | "broken" | "cancelled", reason: string) =>
      tx.query("update payment_plans set status = $2, ended_on = $3, end_reason = $4 where id = $1 and status = 'active'", [p.id, status, today.toString(), reason]);
    if (p.closed_on !== null) {
      await end(p.close_reason === "paid" ? "completed" : "cancelled", `the case closed (${p.close_reason ?? "closed"})`);
      counts[p.close_reason === "paid" ? "completed" : "cancelled"]++;
      continue;
    }
    if (p.hold_kind !== "payment-plan" || p.hold_reason !== p.id) {
      await end("cancelled", p.hold_kind === "disputed" ? "the claim was disputed" : "the case no longer holds for the plan");
      counts.cancelled++;
      continue;
    }
    const standing = standingOf(p, today);
    if (standing.status === "on-track") continue;
    const outcome = standing.status === "completed" ? "completed" : "broken";
    const acted = await applyCaseAction(tx, { caseId: p.case_id, event: { type: "end-payment-plan", outcome }, today, actor: ctx.actor, note: outcome === "broken" ? `instalment ${standing.missed!.index + 1} due ${standing.missed!.dueOn} not paid within ${p.grace_days} days` : "every instalment paid", rules: ctx.rules, agency: ctx.agency });
    if (!acted.ok) continue;
    await end(outcome, outcome === "broken" ? `instalment ${standing.missed!.index + 1} due ${standing.missed!.dueOn} missed` : "every instalment paid");
    counts[outcome]++;
    if (outcome === "broken") {
      const parties = await caseParties(tx, p.case_id);
      const [{ balance } = { balance: 0 }] = await tx.query<{ balance: number }>("select balance_minor as balance from cases where id = $1", [p.case_id]);
      const missed = standing.missed!;
      const model = planBreach(parties, ctx.agency, today, { index: missed.index, dueOn: missed.dueOn.toString(), shortMinor: missed.shortMinor, currency: p.currency, graceDays: p.grace_days, balanceMinor: Number(balance) });
      const pdf = await renderDocumentPdf(model);
      await storeCaseDocument(tx, { creditorId: p.creditor_id, caseId: p.case_id, kind: `payment-plan-breach:${p.id}`, pdf, data: { planId: p.id, missed: { index: missed.index, dueOn: missed.dueOn.toString(), shortMinor: missed.shortMinor } }, source: "payment-plan" });
      // The breach notice goes to the debtor through the delivery step: the balance, due now, with the case's KID.
      await queueDocumentLetter(tx, { parties, agency: ctx.agency, kind: "payment-plan-breach", pdf, sentOn: today, deadline: today, amountMinor: Number(balance), currency: p.currency, kid: parties.kid });
    }
  }
  return counts;
}

/** A case's plans, newest first, each instalment with what of it is paid (payments fill instalments in date order). */
export interface PlanView {
  planId: string;
  status: string;
  agreedOn: string;
  endedOn: string | null;
  endReason: string | null;
  currency: string;
  totalMinor: number;
  costMinor: number;
  paidMinor: number;
  kidMode: string;
  graceDays: number;
  instalments: { dueOn: string; amountMinor: number; kid: string; paidMinor: number }[];
}

export async function casePaymentPlans(db: Queryable, caseId: string): Promise<PlanView[]> {
  const rows = await db.query<{ id: string; status: string; agreed_on: string; ended_on: string | null; end_reason: string | null; currency: string; total_minor: number; cost_minor: number; kid_mode: string; grace_days: number; instalments: PlanInstalmentRow[]; paid_before_minor: number; paid_since: number }>(
    `select p.id, p.status, p.agreed_on::text, p.ended_on::text, p.end_reason, p.currency, p.total_minor, p.cost_minor, p.kid_mode, p.grace_days, p.instalments, p.paid_before_minor,
            (select coalesce(sum(x.amount_minor), 0) from payments x where x.case_id = p.case_id and x.channel in ('agency', 'creditor', 'reversal'))::bigint - p.paid_before_minor as paid_since
       from payment_plans p where p.case_id = $1 order by p.created_at desc, p.id`,
    [caseId],
  );
  return rows.map((r) => {
    let left = Math.max(0, Number(r.paid_since));
    return {
      planId: r.id, status: r.status, agreedOn: r.agreed_on, endedOn: r.ended_on, endReason: r.end_reason, currency: r.currency, totalMinor: Number(r.total_minor), costMinor: Number(r.cost_minor),
      paidMinor: Math.max(0, Number(r.paid_since)), kidMode: r.kid_mode, graceDays: r.grace_days,
      instalments: r.instalments.map((i) => {
        const paid = Math.min(i.amountMinor, left);
        left -= paid;
        return { ...i, paidMinor: paid };
      }),
    };
  });
}
