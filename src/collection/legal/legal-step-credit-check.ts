import type { SecretBox } from "../../access/secret-box.js";
import { LocalDate } from "../../domain/calendar/local-date.js";
import type { LegalStep } from "../../domain/case-lifecycle/case-state.js";
import { withReason } from "../../domain/case/index.js";
import type { Tvangsgrunnlag } from "../../domain/legal/judgment.js";
import type { Database } from "../../platform/db/database.js";
import type { RuleBook } from "../../platform/rule-book.js";
import { commitIf } from "../commit-if.js";
import { appendTimeline } from "../cases/case-store.js";
import type { CreditBureau } from "../debtor-info/credit-bureau.js";
import { creditCheckMissing, LEGAL_STEP_PURPOSE, runCreditCheck } from "../debtor-info/credit-check.js";
import type { LetterAgency } from "../letters/letter-model.js";
import { takeLegalStep, takeLegalStepOn, type LegalStepInput, type LegalStepResult } from "./legal-steps.js";

/**
 * A legal step behind the creditor's credit-check setting (`creditCheckBeforeLegal`, docs/CASES.md,
 * "Credit checks"): when the case has no recent check, the bureau is asked first (purpose: the
 * legal step; actor: the person who asked for it). The step is taken once a check is on the case.
 * A bureau that is down — or none configured — makes the step **wait**: it is kept as a
 * proceeding `awaiting-credit-check` with a timeline row saying why, and the worker retries it
 * (`retryAwaitingLegalSteps`); it is never taken without the check, and never dropped silently.
 */
export type CheckedLegalStepResult = LegalStepResult | { ok: true; status: "awaiting-credit-check"; stage: string; proceedingId: string; reason: string };


export async function takeLegalStepChecked(db: Database, bureau: CreditBureau | undefined, input: LegalStepInput & { box?: SecretBox }): Promise<CheckedLegalStepResult> {
  if (!(await creditCheckMissing(db, input.caseId, input.today))) return settle(db, input);
  // A step the lifecycle refuses (no approval, no tvangsgrunnlag, on hold) is refused now, not after a check.
  const trial = await commitIf(db, (tx) => takeLegalStep(tx, input), () => false);
  if (!trial.ok) return trial;
  let reason: string;
  if (!bureau) {
    reason = "a credit check is required before legal steps and no credit bureau is configured (FORDRING_CREDIT_BUREAU_URL); the step waits";
  } else {
    const check = await runCreditCheck(db, bureau, { caseId: input.caseId, purpose: LEGAL_STEP_PURPOSE, actor: input.actor, today: input.today, ...(input.box ? { box: input.box } : {}) });
    if (!check.ok) throw new Error(check.message);
    if (check.outcome !== "unavailable") return settle(db, input);
    reason = "a credit check is required before legal steps and the credit bureau could not be reached; the step waits and is retried";
  }
  return db.transaction(async (tx) => {
    const [c] = await tx.query<{ creditor_id: string; stage: string }>("select creditor_id, stage from cases where id = $1 for update", [input.caseId]);
    const [existing] = await tx.query<{ id: string }>("select id from legal_proceedings where case_id = $1 and step = $2 and status = 'awaiting-credit-check'", [input.caseId, input.step]);
    const proceedingId =
      existing?.id ??
      (
        await tx.query<{ id: string }>(
          "insert into legal_proceedings (creditor_id, case_id, step, filed_on, filed_by, status, tvangsgrunnlag) values ($1, $2, $3, $4, $5, 'awaiting-credit-check', $6) returning id",
          [c!.creditor_id, input.caseId, input.step, input.today.toString(), input.actor, input.tvangsgrunnlag ? JSON.stringify({ ...input.tvangsgrunnlag, date: input.tvangsgrunnlag.date.toString() }) : null],
        )
      )[0]!.id;
    await appendTimeline(tx, [{ creditorId: c!.creditor_id, caseId: input.caseId, on: input.today.toString(), actor: input.actor, type: "legal-step-waiting", stage: null, data: { proceedingId, step: input.step, waitingFor: "credit-check" }, reason, dedupeKey: `legal-step-waiting:${proceedingId}:${input.today}` }]);
    return { ok: true as const, status: "awaiting-credit-check" as const, stage: c!.stage, proceedingId, reason };
  });
}

/** Takes the step; a step that waited for the check is marked taken (or refused, with the reason, when the case moved on meanwhile). */
async function settle(db: Database, input: LegalStepInput): Promise<LegalStepResult> {
  const r = await takeLegalStepOn(db, input);
  const result = r.ok ? `taken on ${input.today} after the credit check (${r.status})` : `not taken after the credit check: ${r.refusal.text.en}`;
  await db.query("update legal_proceedings set status = $3, result = $4 where case_id = $1 and step = $2 and status = 'awaiting-credit-check'", [input.caseId, input.step, r.ok ? "credit-checked" : "refused", result]);
  return r;
}


/**
 * The worker's retry: every step still awaiting its credit check is tried again (the bureau asked
 * again, the step taken when it answers); a step whose case closed meanwhile is cancelled.
 */
export async function retryAwaitingLegalSteps(db: Database, bureau: CreditBureau | undefined, ctx: { today: LocalDate; rules: RuleBook; agency: LetterAgency; box?: SecretBox }): Promise<{ taken: number; waiting: number; cancelled: number; refused: number }> {
  const counts = { taken: 0, waiting: 0, cancelled: 0, refused: 0 };
  const rows = await db.query<{ id: string; case_id: string; step: LegalStep; filed_by: string; tvangsgrunnlag: { kind: Tvangsgrunnlag["kind"]; reference: string; date: string } | null; closed_on: string | null }>(
    "select p.id, p.case_id, p.step, p.filed_by, p.tvangsgrunnlag, c.closed_on::text from legal_proceedings p join cases c on c.id = p.case_id where p.status = 'awaiting-credit-check' order by p.created_at, p.id",
  );
  for (const r of rows) {
    if (r.closed_on !== null) {
      await db.query("update legal_proceedings set status = 'cancelled', result = 'the case closed while the step waited for its credit check' where id = $1", [r.id]);
      counts.cancelled++;
      continue;
    }
    const tvangsgrunnlag = r.tvangsgrunnlag ? { kind: r.tvangsgrunnlag.kind, reference: r.tvangsgrunnlag.reference, date: LocalDate.parse(r.tvangsgrunnlag.date) } : null;
    const out = await takeLegalStepChecked(db, bureau, { caseId: r.case_id, step: r.step, tvangsgrunnlag, today: ctx.today, actor: r.filed_by, rules: ctx.rules, agency: ctx.agency, ...(ctx.box ? { box: ctx.box } : {}) });
    if (!out.ok) {
      counts.refused++;
      await db.transaction(async (tx) => {
        await tx.query("update legal_proceedings set status = 'refused', result = $2 where id = $1", [r.id, `not taken: ${out.refusal.text.en}`]);
        const [c] = await tx.query<{ creditor_id: string }>("select creditor_id from cases where id = $1", [r.case_id]);
        await appendTimeline(tx, [{ creditorId: c!.creditor_id, caseId: r.case_id, on: ctx.today.toString(), actor: "worker", type: "needs-attention", stage: null, ...withReason({ proceedingId: r.id, step: r.step }, { nb: `${r.step} som ventet på kredittsjekken kan ikke lenger tas: ${out.refusal.text.nb}`, en: `the ${r.step} that waited for its credit check can no longer be taken: ${out.refusal.text.en}` }), dedupeKey: `legal-step-refused:${r.id}` }]);
      });
    }
    else if (out.status === "awaiting-credit-check") counts.waiting++;
    else counts.taken++;
  }
  return counts;
}
