import type { SecretBox } from "../../access/secret-box.js";
import type { LocalDate } from "../../domain/calendar/local-date.js";
import { withReason, type ReasonText } from "../../domain/case/index.js";
import type { Database, Queryable } from "../../platform/db/database.js";
import { appendTimeline } from "../cases/case-store.js";
import { parseCollectionSettings } from "../settings.js";
import { BureauUnavailable, type CreditBureau, type CreditReport, type CreditSubject } from "./credit-bureau.js";

/**
 * Credit checks on a case's debtor (docs/CASES.md, "Credit checks"). The law lets a credit bureau
 * disclose credit information only to a recipient with a legitimate need ("saklig behov") in the
 * case at hand — kredittopplysningsloven (Prop. 139 L (2018–2019) ch. 8, in force 2022-07-01,
 * continuing personopplysningsforskriften § 4-3 first paragraph; the new act's paragraph number is
 * UNCERTAIN, not read) — and the person asking needs a lawful basis under the GDPR (Datatilsynet:
 * usually art. 6(1)(f), legitimate interest). So a check is refused without a purpose, and every
 * check — answered, unknown to the bureau, or not made because the bureau was down — is logged in
 * `debtor_checks` with its purpose, the user or job that asked, and the day.
 */
export const LEGAL_STEP_PURPOSE = "kredittvurdering før rettslig skritt: inndriving av misligholdt krav (saklig behov)";

export type CreditCheckResult =
  | { ok: true; checkId: number; outcome: "ok"; score: number; riskClass: string; paymentRemarks: number }
  | { ok: true; checkId: number; outcome: "not-found" | "unavailable" }
  | { ok: false; code: "purpose_required" | "not_found"; field: string; message: string };

/** Who the bureau is asked about: a business by organisation number, a person by identity number (opened with the box) or birth date and name. */
export async function creditSubjectOf(db: Queryable, caseId: string, box?: SecretBox): Promise<{ creditorId: string; subject: CreditSubject } | null> {
  const [r] = await db.query<{ creditor_id: string; type: string; name: string; org_number: string | null; birth_date: string | null; national_id_enc: string | null }>(
    "select c.creditor_id, d.type, d.name, d.org_number, d.birth_date::text, d.national_id_enc from cases c join debtors d on d.id = c.debtor_id where c.id::text = $1",
    [caseId],
  );
  if (!r) return null;
  if (r.type === "business" && r.org_number) return { creditorId: r.creditor_id, subject: { type: "company", orgNumber: r.org_number, name: r.name } };
  let nationalId: string | null = null;
  if (box && r.national_id_enc) {
    try {
      nationalId = box.decrypt(r.national_id_enc);
    } catch {
      nationalId = null;
    }
  }
  return { creditorId: r.creditor_id, subject: { type: "person", nationalId, birthDate: r.birth_date, name: r.name } };
}

/** Asks the bureau about the case's debtor and logs the check (the bureau is called outside any transaction). */
export async function runCreditCheck(db: Database, bureau: CreditBureau, input: { caseId: string; purpose: string; actor: string; today: LocalDate; box?: SecretBox }): Promise<CreditCheckResult> {
  const purpose = input.purpose.trim();
  if (purpose.length < 3) return { ok: false, code: "purpose_required", field: "purpose", message: "a credit check needs its purpose (the legitimate need the law asks for)" };
  const who = await creditSubjectOf(db, input.caseId, input.box);
  if (!who) return { ok: false, code: "not_found", field: "caseId", message: `no case ${input.caseId}` };
  let report: CreditReport | null = null;
  let error: string | null = null;
  try {
    report = await bureau.check(who.subject, purpose, input.actor);
  } catch (e) {
    if (!(e instanceof BureauUnavailable)) throw e;
    error = e.detail;
  }
  const outcome = report === null ? "unavailable" : report.found ? "ok" : "not-found";
  const subject = who.subject.type === "company" ? who.subject.orgNumber : `${who.subject.birthDate ?? "?"} ${who.subject.name}`;
  const data = report?.found ? { reference: report.reference, score: report.score, riskClass: report.riskClass, paymentRemarks: report.paymentRemarks } : error ? { error } : null;
  const checkId = await db.transaction(async (tx) => {
    const [row] = await tx.query<{ id: string }>(
      "insert into debtor_checks (creditor_id, case_id, source, subject, purpose, actor, checked_on, outcome, data) values ($1, $2, 'credit-check', $3, $4, $5, $6, $7, $8) returning id",
      [who.creditorId, input.caseId, subject, purpose, input.actor, input.today.toString(), outcome, data ? JSON.stringify(data) : null],
    );
    const text: ReasonText = report?.found
      ? { nb: `score ${report.score} (${report.riskClass}), ${report.paymentRemarks.length} betalingsanmerkning(er)`, en: `score ${report.score} (${report.riskClass}), ${report.paymentRemarks.length} payment remark(s)` }
      : outcome === "not-found"
        ? { nb: "kredittopplysningsforetaket kjenner ikke skyldneren", en: "the bureau does not know the debtor" }
        : { nb: `kredittopplysningsforetaket svarte ikke (${error}); sjekkes igjen senere`, en: `the bureau could not be reached (${error}); checked again later` };
    await appendTimeline(tx, [{ creditorId: who.creditorId, caseId: input.caseId, on: input.today.toString(), actor: input.actor, type: "credit-check", stage: null, ...withReason({ checkId: Number(row!.id), outcome, purpose }, text), dedupeKey: `credit-check:${row!.id}` }]);
    return Number(row!.id);
  });
  if (report?.found) return { ok: true, checkId, outcome: "ok", score: report.score, riskClass: report.riskClass, paymentRemarks: report.paymentRemarks.length };
  return { ok: true, checkId, outcome: outcome as "not-found" | "unavailable" };
}

/**
 * Whether the creditor's settings ask for a credit check before a legal step and none (answered or
 * "unknown to the bureau") is on the case within `creditCheckValidDays`.
 */
export async function creditCheckMissing(db: Queryable, caseId: string, today: LocalDate): Promise<boolean> {
  const [c] = await db.query<{ settings: { collection?: unknown } | null }>("select cr.settings from cases c join creditors cr on cr.id = c.creditor_id where c.id::text = $1", [caseId]);
  if (!c) return false;
  const s = parseCollectionSettings(c.settings?.collection);
  if (!s.creditCheckBeforeLegal) return false;
  const [done] = await db.query<{ n: number }>(
    "select count(*)::int as n from debtor_checks where case_id::text = $1 and source = 'credit-check' and outcome <> 'unavailable' and checked_on > $2::date",
    [caseId, today.plusDays(-s.creditCheckValidDays).toString()],
  );
  return done!.n === 0;
}
