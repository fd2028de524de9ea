import { LocalDate } from "../../domain/calendar/local-date.js";
import type { SurveillanceReason } from "../../domain/case-lifecycle/events.js";
import { formatNorwegian } from "../../domain/money.js";
import type { Database, Queryable } from "../../platform/db/database.js";
import { commitIf } from "../commit-if.js";
import type { RuleBook } from "../../platform/rule-book.js";
import { applyCaseAction } from "../actions/case-action.js";
import { appendTimeline } from "../cases/case-store.js";
import { loadCreditor } from "../cases/creditor.js";
import { addressLines, caseParties, renderDocumentPdf, storeCaseDocument } from "../documents/case-document.js";
import { takeLegalStep } from "../legal/legal-steps.js";
import type { LetterAgency } from "../letters/letter-model.js";

/**
 * Surveillance (langtidsovervåking; docs/CASES.md, "Surveillance"). A case that cannot be
 * collected now — no means found, written off by the creditor, or legal steps without result —
 * moves to surveillance instead of closing (`to-surveillance`), and the creditor receives a loss
 * confirmation (tapsbekreftelse) for its accounts. In surveillance the case stays open: a payment
 * still allocates and settles. The daily cycle watches it (`watchSurveillance`): a review every
 * `reviewMonths`, and — `limitationActionDays` before the limitation date — a legal step to
 * interrupt limitation (foreldelsesloven §§ 15–17), which by inkassoloven § 11 first sends a new
 * payment demand and waits for its deadline. Without the creditor's legal approval the case asks
 * for it (needs-attention) instead of letting the claim lapse silently.
 */
export type SurveillanceResult = { ok: true; documentId: string } | { ok: false; code: string; text: { nb: string; en: string } };

const REASON_TEXT: Record<SurveillanceReason, [string, string]> = {
  "no-means": ["skyldneren har ikke betalingsevne nå", "the debtor has no means to pay now"],
  "written-off": ["kreditor har avskrevet kravet", "the creditor has written the claim off"],
  "legal-no-result": ["rettslige skritt har ikke gitt dekning", "legal steps have not led to payment"],
};

export async function moveToSurveillance(tx: Queryable, input: { caseId: string; reason: SurveillanceReason; today: LocalDate; actor: string; rules: RuleBook; agency: LetterAgency }): Promise<SurveillanceResult> {
  const acted = await applyCaseAction(tx, { caseId: input.caseId, event: { type: "to-surveillance", reason: input.reason }, today: input.today, actor: input.actor, note: REASON_TEXT[input.reason][1], rules: input.rules, agency: input.agency });
  if (!acted.ok) return acted;
  const p = await caseParties(tx, input.caseId);
  const [m] = await tx.query<{ principal: number; interest: number; costs: number; balance: number; currency: "NOK"; paid: number }>(
    `select principal_minor - principal_paid_minor as principal, interest_accrued_minor - interest_paid_minor as interest,
            fees_minor - fees_paid_minor + salary_minor - salary_paid_minor + legal_minor - legal_paid_minor as costs, balance_minor as balance, currency,
            principal_paid_minor + interest_paid_minor + fees_paid_minor + salary_paid_minor + legal_paid_minor as paid
       from cases where id = $1`,
    [input.caseId],
  );
  const amount = (minor: number) => `${formatNorwegian({ amount: Number(minor), currency: m!.currency })} ${m!.currency}`;
  const model = {
    title: "Tapsbekreftelse",
    language: "nb" as const,
    issuedOn: input.today.toString(),
    author: input.agency.name,
    from: [input.agency.name, `Org.nr. ${input.agency.orgNumber}`, ...addressLines(input.agency.address)],
    to: [p.creditor.name, ...addressLines(p.creditor.address)],
    intro: [
      `Vi bekrefter at kravet mot ${p.debtor.name} ikke kan inndrives nå: ${REASON_TEXT[input.reason][0]}. Kravet er overført til langtidsovervåking; vi følger det opp og avbryter foreldelse i tide. Innbetalinger som kommer senere, avregnes til dere som vanlig.`,
    ],
    fields: [
      { label: "Saksnummer", value: p.caseNumber },
      { label: "Skyldner", value: `${p.debtor.name}${p.debtor.orgNumber ? ` (org.nr. ${p.debtor.orgNumber})` : ""}` },
      { label: "Faktura", value: p.invoiceNumber },
      { label: "Innbetalt hittil", value: amount(m!.paid) },
      { label: "Udekket hovedstol", value: amount(m!.principal) },
      { label: "Udekkede renter", value: amount(m!.interest) },
      { label: "Udekkede kostnader", value: amount(m!.costs) },
      { label: "Udekket i alt", value: amount(m!.balance) },
      { label: "Overvåking fra", value: input.today.toString() },
    ],
    closing: ["Bekreftelsen kan brukes som dokumentasjon av tapet i kreditors regnskap. Kravet er ikke frafalt overfor skyldneren."],
  };
  const documentId = await storeCaseDocument(tx, { creditorId: p.creditorId, caseId: input.caseId, kind: `loss-confirmation:${input.today}`, pdf: await renderDocumentPdf(model), data: { reason: input.reason, fields: model.fields }, source: "surveillance" });
  return { ok: true, documentId };
}

/** `moveToSurveillance` in its own transaction; a refusal leaves nothing behind. */
export function moveToSurveillanceOn(db: Database, input: Parameters<typeof moveToSurveillance>[1]): Promise<SurveillanceResult> {
  return commitIf(db, (tx) => moveToSurveillance(tx, input));
}

export interface WatchCounts {
  reviewed: number;
  legalSteps: number;
  needsApproval: number;
}

/** The daily watch of a creditor's cases in surveillance (in the cycle's transaction, after the day's cases). */
export async function watchSurveillance(tx: Queryable, creditorId: string, today: LocalDate, ctx: { rules: RuleBook; agency: LetterAgency; actor: string }): Promise<WatchCounts> {
  const counts: WatchCounts = { reviewed: 0, legalSteps: 0, needsApproval: 0 };
  const creditor = await loadCreditor(tx, creditorId);
  const { reviewMonths, limitationActionDays } = creditor.settings.surveillance;
  const rows = await tx.query<{ id: string; surveillance_on: string; limitation_on: string | null; last_review: string | null; pending_legal_step: string | null; open_proceeding: boolean; judgment: { reference: string; on: string } | null }>(
    `select c.id, c.surveillance_on::text, c.limitation_on::text, c.pending_legal_step,
            (select max(e."on")::text from case_events e where e.case_id = c.id and e.type = 'surveillance-review') as last_review,
            exists (select 1 from legal_proceedings p where p.case_id = c.id and p.status = 'pending') as open_proceeding,
            (select jsonb_build_object('reference', p.id::text, 'on', p.judgment_on) from legal_proceedings p where p.case_id = c.id and p.judgment_on is not null order by p.judgment_on desc limit 1) as judgment
       from cases c where c.creditor_id = $1 and c.closed_on is null and c.stage = 'surveillance' and c.hold_kind is null and c.surveillance_on is not null order by c.id`,
    [creditorId],
  );
  for (const r of rows) {
    const since = LocalDate.parse(r.last_review ?? r.surveillance_on);
    if (!today.isBefore(since.plusMonths(reviewMonths))) {
      await appendTimeline(tx, [{ creditorId, caseId: r.id, on: today.toString(), actor: ctx.actor, type: "surveillance-review", stage: "surveillance", data: { nextReviewOn: today.plusMonths(reviewMonths).toString() }, reason: null, dedupeKey: `surveillance-review:${today}` }]);
      counts.reviewed++;
    }
    if (!r.limitation_on || r.pending_legal_step !== null || r.open_proceeding) continue;
    const limitation = LocalDate.parse(r.limitation_on);
    if (today.isBefore(limitation.minusDays(limitationActionDays))) continue;
    // foreldelsesloven §§ 15–17: only a legal step interrupts limitation; with a judgment, utlegg on it.
    const basis = r.judgment ? { kind: "dom" as const, reference: r.judgment.reference, date: LocalDate.parse(r.judgment.on) } : null;
    const taken = await takeLegalStep(tx, { caseId: r.id, step: basis ? "utlegg" : "forliksklage", tvangsgrunnlag: basis, today, actor: ctx.actor, rules: ctx.rules, agency: ctx.agency });
    if (taken.ok) {
      counts.legalSteps++;
      continue;
    }
    counts.needsApproval++;
    await appendTimeline(tx, [
      {
        creditorId, caseId: r.id, on: today.toString(), actor: ctx.actor, type: "needs-attention", stage: "surveillance",
        data: { event: "legal-step-recorded", code: taken.refusal.code, limitationOn: r.limitation_on },
        reason: `The claim becomes time-barred on ${r.limitation_on} (foreldelsesloven); a legal step is needed to interrupt it: ${taken.refusal.text.en}`,
        dedupeKey: `surveillance-limitation:${r.limitation_on}`,
      },
    ]);
  }
  return counts;
}
