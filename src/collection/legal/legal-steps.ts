import { LocalDate } from "../../domain/calendar/local-date.js";
import type { LegalStep } from "../../domain/case-lifecycle/case-state.js";
import { checkLegalEventDate, checkLegalStepInput, filingBody, limitationAfterJudgment, type LegalEventKind, type LegalRefusal, type Tvangsgrunnlag } from "../../domain/legal/judgment.js";
import { formatNorwegian } from "../../domain/money.js";
import type { Database, Queryable } from "../../platform/db/database.js";
import type { RuleBook } from "../../platform/rule-book.js";
import { applyCaseAction } from "../actions/case-action.js";
import { appendTimeline, extendLimitation } from "../cases/case-store.js";
import { addressLines, caseParties, renderDocumentPdf, storeCaseDocument, type CaseParties, type DocumentModel } from "../documents/case-document.js";
import type { LetterAgency } from "../letters/letter-model.js";
import { commitIf } from "../commit-if.js";
import { authorityOf, queueDocumentLetter } from "../documents/document-letters.js";

/**
 * The legal phase (docs/CASES.md, "The legal phase"): the case handler takes a step — a
 * forliksklage to the forliksråd, or a begjæring om utlegg to the namsmann with its tvangsgrunnlag —
 * through the lifecycle's `legal-step-recorded` (the creditor's approval gate and inkassoloven § 11
 * decide: refused with the reason, or a renewed payment demand first), and Fordring produces the
 * filing (PDF with the fields the body needs, and the structured data). Its hearing, judgment,
 * utleggsforretning and result are recorded as dated events; a judgment gives the claim ten years
 * (foreldelsesloven § 21).
 */
export type LegalStepResult =
  | { ok: true; status: "filed"; proceedingId: string; documentId: string; stage: string; charges: number }
  /** inkassoloven § 11: more than six months since the payment demand — a new demand went out; the step is taken after its deadline. */
  | { ok: true; status: "pending-renewed-demand"; stage: string; nextActionOn: string | null }
  | { ok: false; refusal: LegalRefusal };

export interface LegalStepInput {
  caseId: string;
  step: LegalStep;
  tvangsgrunnlag: Tvangsgrunnlag | null;
  today: LocalDate;
  actor: string;
  rules: RuleBook;
  agency: LetterAgency;
}

export async function takeLegalStep(tx: Queryable, input: LegalStepInput): Promise<LegalStepResult> {
  const bad = checkLegalStepInput({ step: input.step, tvangsgrunnlag: input.tvangsgrunnlag, today: input.today });
  if (bad) return { ok: false, refusal: bad };
  const acted = await applyCaseAction(tx, { caseId: input.caseId, event: { type: "legal-step-recorded", step: input.step }, today: input.today, actor: input.actor, note: null, rules: input.rules, agency: input.agency });
  if (!acted.ok) return { ok: false, refusal: { code: acted.code, field: "step", text: acted.text } };
  const [c] = await tx.query<{ pending_legal_step: string | null; last_legal_step: string | null; legal_on: string | null }>("select pending_legal_step, last_legal_step, legal_on::text from cases where id = $1", [input.caseId]);
  if (c!.pending_legal_step !== null) {
    // Kept as pending with its tvangsgrunnlag: the cycle files it the day the step is taken (`filePendingSteps`).
    const [{ creditor_id } = { creditor_id: "" }] = await tx.query<{ creditor_id: string }>("select creditor_id from cases where id = $1", [input.caseId]);
    await tx.query("insert into legal_proceedings (creditor_id, case_id, step, filed_on, filed_by, status, tvangsgrunnlag) values ($1, $2, $3, $4, $5, 'pending', $6)", [creditor_id, input.caseId, input.step, input.today.toString(), input.actor, basisJson(input.tvangsgrunnlag)]);
    return { ok: true, status: "pending-renewed-demand", stage: acted.stage, nextActionOn: acted.nextActionOn };
  }
  return { ok: true, status: "filed", ...(await fileProceeding(tx, input)), stage: acted.stage, charges: acted.charges };
}

/** Stores the proceeding and its filing document (also used when a pending step is taken by the cycle). */
const basisJson = (b: Tvangsgrunnlag | null) => (b ? JSON.stringify({ ...b, date: b.date.toString() }) : null);

async function fileProceeding(tx: Queryable, input: Omit<LegalStepInput, "rules">, pendingId: string | null = null): Promise<{ proceedingId: string; documentId: string }> {
  const parties = await caseParties(tx, input.caseId);
  const [p] = pendingId
    ? await tx.query<{ id: string }>("update legal_proceedings set status = 'filed', filed_on = $2 where id = $1 returning id", [pendingId, input.today.toString()])
    : await tx.query<{ id: string }>(
        "insert into legal_proceedings (creditor_id, case_id, step, filed_on, filed_by, tvangsgrunnlag) values ($1, $2, $3, $4, $5, $6) returning id",
        [parties.creditorId, input.caseId, input.step, input.today.toString(), input.actor, basisJson(input.tvangsgrunnlag)],
      );
  const [money] = await tx.query<{ principal: number; interest: number; costs: number; legal: number; balance: number; due_date: string; currency: string; interest_base_on: string }>(
    `select principal_minor - principal_paid_minor as principal, interest_accrued_minor - interest_paid_minor as interest,
            fees_minor - fees_paid_minor + salary_minor - salary_paid_minor as costs, legal_minor - legal_paid_minor as legal, balance_minor as balance, due_date::text, currency, interest_base_on::text
       from cases where id = $1`,
    [input.caseId],
  );
  const model = filingDocument(parties, input.agency, input.today, input.step, input.tvangsgrunnlag, money!);
  const data = { proceedingId: p!.id, step: input.step, body: filingBody(input.step).nb, filedOn: input.today.toString(), caseNumber: parties.caseNumber, fields: model.fields, tvangsgrunnlag: input.tvangsgrunnlag ? { ...input.tvangsgrunnlag, date: input.tvangsgrunnlag.date.toString() } : null };
  const pdf = await renderDocumentPdf(model);
  const documentId = await storeCaseDocument(tx, { creditorId: parties.creditorId, caseId: input.caseId, kind: `${input.step}:${p!.id}`, pdf, data, source: "legal" });
  // To the forliksråd or the namsmann through the delivery step: on paper, a print-batch item marked for the authority.
  await queueDocumentLetter(tx, { parties, agency: input.agency, kind: "legal-filing", pdf, sentOn: input.today, deadline: input.today, amountMinor: Number(money!.balance), currency: money!.currency, kid: parties.kid, to: authorityOf(input.step, parties.debtor) });
  return { proceedingId: p!.id, documentId };
}

/**
 * The filing's fields. Forliksklage (tvisteloven § 6-3, the forliksråd's form): the parties with
 * their addresses and identification, the claim (amount, what it concerns), the grounds, the
 * claim for costs. Begjæring om utlegg (tvangsfullbyrdelsesloven §§ 5-1, 5-2, 7-2): the
 * petitioner and the debtor, the claim with interest and costs, the tvangsgrunnlag.
 */
function filingDocument(p: CaseParties, agency: LetterAgency, on: LocalDate, step: LegalStep, basis: Tvangsgrunnlag | null, m: { principal: number; interest: number; costs: number; legal: number; balance: number; due_date: string; currency: string }): DocumentModel {
  const amount = (minor: number) => `${formatNorwegian({ amount: Number(minor), currency: m.currency as "NOK" })} ${m.currency}`;
  const body = filingBody(step).nb;
  const debtorId = p.debtor.orgNumber ? `org.nr. ${p.debtor.orgNumber}` : p.debtor.birthDate ? `født ${p.debtor.birthDate}` : "ikke oppgitt";
  return {
    title: step === "forliksklage" ? "Forliksklage" : "Begjæring om utlegg",
    language: "nb",
    issuedOn: on.toString(),
    author: agency.name,
    from: [agency.name, `Org.nr. ${agency.orgNumber}`, ...addressLines(agency.address)],
    to: [body, ...addressLines(p.debtor.address).slice(-1)],
    intro: [
      step === "forliksklage"
        ? `På vegne av ${p.creditor.name} fremmes forliksklage mot ${p.debtor.name} for ubetalt krav (tvisteloven § 6-3).`
        : `På vegne av ${p.creditor.name} begjæres utlegg hos ${p.debtor.name} for kravet nedenfor (tvangsfullbyrdelsesloven §§ 5-1, 7-2).`,
    ],
    fields: [
      { label: step === "forliksklage" ? "Klager" : "Saksøker", value: `${p.creditor.name}${p.creditor.orgNumber ? `, org.nr. ${p.creditor.orgNumber}` : ""}, ${addressLines(p.creditor.address).join(", ")}` },
      { label: "Prosessfullmektig", value: `${agency.name}, org.nr. ${agency.orgNumber}` },
      { label: step === "forliksklage" ? "Innklaget" : "Saksøkte", value: `${p.debtor.name} (${debtorId}), ${addressLines(p.debtor.address).join(", ")}` },
      { label: "Saksnummer (byrå)", value: p.caseNumber },
      { label: "Kravet gjelder", value: `Faktura ${p.invoiceNumber}, forfalt ${m.due_date}` },
      { label: "Hovedstol", value: amount(m.principal) },
      { label: "Forsinkelsesrente", value: `${amount(m.interest)} påløpt til ${on} (forsinkelsesrenteloven § 3), med videre rente til betaling skjer` },
      { label: "Inndrivingskostnader", value: amount(m.costs) },
      { label: "Rettsgebyr", value: amount(m.legal) },
      { label: "Sum krav", value: amount(m.balance) },
      ...(basis ? [{ label: "Tvangsgrunnlag", value: `${basis.kind} ${basis.reference} av ${basis.date}` }] : []),
      { label: "Påstand", value: step === "forliksklage" ? `${p.debtor.name} dømmes til å betale ${amount(m.balance)} med tillegg av forsinkelsesrente og sakens kostnader.` : "Det tas utlegg for kravet med renter og kostnader." },
    ],
    closing: ["Kravet er varslet med inkassovarsel (inkassoloven § 9) og betalingsoppfordring (inkassoloven § 10) uten at det er betalt eller bestridt."],
  };
}

export type LegalEventResult = { ok: true; status: string; limitationOn: string | null } | { ok: false; refusal: LegalRefusal };

/**
 * Records a dated event of a filed step: `hearing`, `judgment` (a new limitation date, ten years,
 * foreldelsesloven § 21), `utleggsforretning` (optionally `result` "no-means": intet til utlegg)
 * or `result` (the step's end). Dated between the filing and today; anything else is refused.
 */
export async function recordLegalEvent(tx: Queryable, input: { caseId: string; proceedingId: string; kind: LegalEventKind; on: LocalDate; result?: string | null; note?: string | null; today: LocalDate; actor: string }): Promise<LegalEventResult> {
  const [p] = await tx.query<{ id: string; creditor_id: string; step: string; filed_on: string; status: string }>("select id, creditor_id, step, filed_on::text, status from legal_proceedings where id::text = $1 and case_id = $2 for update", [input.proceedingId, input.caseId]);
  if (!p) return { ok: false, refusal: { code: "not_found", field: "proceedingId", text: { nb: "Ingen slik rettslig sak", en: "No such legal proceeding on the case" } } };
  if (p.status === "closed") return { ok: false, refusal: { code: "proceeding_closed", field: "proceedingId", text: { nb: "Den rettslige saken er avsluttet", en: "The legal proceeding is closed" } } };
  const bad = checkLegalEventDate(input.on, LocalDate.parse(p.filed_on), input.today);
  if (bad) return { ok: false, refusal: bad };
  let limitationOn: string | null = null;
  if (input.kind === "judgment") {
    const [c] = await tx.query<{ limitation_on: string | null }>("select limitation_on::text from cases where id = $1", [input.caseId]);
    const l = limitationAfterJudgment(input.on, c!.limitation_on ? LocalDate.parse(c!.limitation_on) : null);
    if (l.changed) await extendLimitation(tx, input.caseId, l.date);
    limitationOn = l.date.toString();
    await tx.query("update legal_proceedings set judgment_on = $2 where id = $1", [p.id, input.on.toString()]);
  }
  const status = input.kind === "result" ? "closed" : input.kind;
  await tx.query("update legal_proceedings set status = $2, result = coalesce($3, result) where id = $1", [p.id, status, input.result ?? null]);
  await appendTimeline(tx, [
    {
      creditorId: p.creditor_id, caseId: input.caseId, on: input.on.toString(), actor: input.actor, type: `legal-${input.kind}`, stage: null,
      data: { proceedingId: p.id, step: p.step, ...(input.result ? { result: input.result } : {}), ...(limitationOn ? { limitationOn, limitationSource: "foreldelsesloven § 21" } : {}) },
      reason: input.note ?? null, dedupeKey: `legal-${input.kind}:${p.id}:${input.on}`,
    },
  ]);
  return { ok: true, status, limitationOn };
}

/** A case's legal proceedings with their filing documents. */
export async function caseLegalProceedings(db: Queryable, caseId: string) {
  return db.query<{ proceedingId: string; step: string; filedOn: string; status: string; result: string | null; judgmentOn: string | null; tvangsgrunnlag: unknown }>(
    `select id as "proceedingId", step, filed_on::text as "filedOn", status, result, judgment_on::text as "judgmentOn", tvangsgrunnlag from legal_proceedings where case_id = $1 order by filed_on, created_at`,
    [caseId],
  );
}

/**
 * In the daily cycle, after the day's cases: a step that waited for a renewed payment demand
 * (inkassoloven § 11) and was taken today (`take-pending-legal-step`) is filed; one whose case
 * closed meanwhile is cancelled.
 */
export async function filePendingSteps(tx: Queryable, creditorId: string, today: LocalDate, ctx: { agency: LetterAgency; actor: string }): Promise<number> {
  const rows = await tx.query<{ id: string; case_id: string; step: LegalStep; tvangsgrunnlag: { kind: Tvangsgrunnlag["kind"]; reference: string; date: string } | null; closed_on: string | null; pending_legal_step: string | null; last_legal_step: string | null }>(
    `select p.id, p.case_id, p.step, p.tvangsgrunnlag, c.closed_on::text, c.pending_legal_step, c.last_legal_step
       from legal_proceedings p join cases c on c.id = p.case_id where p.creditor_id = $1 and p.status = 'pending' order by p.id`,
    [creditorId],
  );
  let filed = 0;
  for (const r of rows) {
    if (r.closed_on !== null) {
      await tx.query("update legal_proceedings set status = 'cancelled', result = 'the case closed before the step was taken' where id = $1", [r.id]);
      continue;
    }
    if (r.pending_legal_step !== null || r.last_legal_step !== r.step) continue;
    const basis = r.tvangsgrunnlag ? { kind: r.tvangsgrunnlag.kind, reference: r.tvangsgrunnlag.reference, date: LocalDate.parse(r.tvangsgrunnlag.date) } : null;
    await fileProceeding(tx, { caseId: r.case_id, step: r.step, tvangsgrunnlag: basis, today, actor: ctx.actor, agency: ctx.agency }, r.id);
    filed++;
  }
  return filed;
}

/** `takeLegalStep` in its own transaction; a refusal rolls everything back. */
export async function takeLegalStepOn(db: Database, input: LegalStepInput): Promise<LegalStepResult> {
  return commitIf(db, (tx) => takeLegalStep(tx, input));
}
