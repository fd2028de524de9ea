import type { LocalDate } from "../../domain/calendar/local-date.js";
import type { InsolvencyKind } from "../../domain/case-lifecycle/case-state.js";
import { formatNorwegian } from "../../domain/money.js";
import type { Queryable } from "../../platform/db/database.js";
import type { RuleBook } from "../../platform/rule-book.js";
import { applyCaseAction } from "../actions/case-action.js";
import { addressLines, caseParties, renderDocumentPdf, storeCaseDocument } from "../documents/case-document.js";
import type { LetterAgency } from "../letters/letter-model.js";

/**
 * The debtor's bankruptcy, death or debt settlement on a case (docs/CASES.md, "Insolvency"):
 * ordinary collection stops (the `insolvency` hold: no letters, salær or legal steps; a dividend
 * still allocates), and the claim is lodged where it is now decided — a claim notice
 * (fordringsanmeldelse) to the bankruptcy estate's trustee, to the estate of the deceased, or to
 * the debt settlement — with the claim split as the estate needs it: principal, interest to the
 * day of the event, costs. Which rule stops what (konkursloven, gjeldsordningsloven, the estate's
 * rules) is given per kind; the legal bases are marked uncertain in the docs.
 */
const KIND_TEXT: Record<InsolvencyKind, { title: string; to: string; basis: string; event: string }> = {
  bankruptcy: { title: "Fordringsanmeldelse i konkursbo", to: "Bostyrer i konkursboet etter", basis: "konkursloven (lov 8. juni 1984 nr. 58): fordringen anmeldes til bostyreren; ingen tvangsinndriving mot boet", event: "konkurs åpnet" },
  deceased: { title: "Melding av krav til dødsbo", to: "Dødsboet etter", basis: "skifteloven: kravet meldes til boet (preklusivt proklama kan gjelde)", event: "skyldneren er død" },
  "debt-settlement": { title: "Melding av krav i gjeldsordning", to: "Namsmannen, gjeldsordning for", basis: "gjeldsordningsloven § 3-2: ingen tvangsinndriving når gjeldsforhandling er åpnet; kravet meldes i gjeldsforhandlingen", event: "gjeldsforhandling åpnet" },
};

export type InsolvencyResult = { ok: true; documentId: string } | { ok: false; code: string; text: { nb: string; en: string } };

export async function recordInsolvency(tx: Queryable, input: { caseId: string; kind: InsolvencyKind; on: LocalDate; today: LocalDate; actor: string; rules: RuleBook; agency: LetterAgency; source: string }): Promise<InsolvencyResult> {
  const k = KIND_TEXT[input.kind];
  const acted = await applyCaseAction(tx, { caseId: input.caseId, event: { type: "insolvency", kind: input.kind }, today: input.today, actor: input.actor, note: { nb: `${k.event} ${input.on.toNorwegian()} (${input.source})`, en: `${input.kind} on ${input.on} (${input.source})` }, rules: input.rules, agency: input.agency });
  if (!acted.ok) return acted;
  const p = await caseParties(tx, input.caseId);
  const [m] = await tx.query<{ principal: number; interest: number; costs: number; balance: number; currency: "NOK"; due_date: string }>(
    `select principal_minor - principal_paid_minor as principal, interest_accrued_minor - interest_paid_minor as interest,
            fees_minor - fees_paid_minor + salary_minor - salary_paid_minor + legal_minor - legal_paid_minor as costs, balance_minor as balance, currency, due_date::text
       from cases where id = $1`,
    [input.caseId],
  );
  const amount = (minor: number) => `${formatNorwegian({ amount: Number(minor), currency: m!.currency })} ${m!.currency}`;
  const fields = [
    { label: "Skyldner", value: `${p.debtor.name}${p.debtor.orgNumber ? `, org.nr. ${p.debtor.orgNumber}` : p.debtor.birthDate ? `, født ${p.debtor.birthDate}` : ""}` },
    { label: "Hendelse", value: `${k.event} ${input.on}` },
    { label: "Fordringshaver", value: `${p.creditor.name}${p.creditor.orgNumber ? `, org.nr. ${p.creditor.orgNumber}` : ""}` },
    { label: "Saksnummer", value: p.caseNumber },
    { label: "Grunnlag", value: `Faktura ${p.invoiceNumber}, forfalt ${m!.due_date}` },
    { label: "Hovedstol", value: amount(m!.principal) },
    { label: "Renter til i dag", value: amount(m!.interest) },
    { label: "Inndrivingskostnader", value: amount(m!.costs) },
    { label: "Anmeldt beløp", value: amount(m!.balance) },
    { label: "Innbetaling til", value: `${input.agency.accountNumber}, KID ${p.kid}` },
  ];
  const model = {
    title: k.title,
    language: "nb" as const,
    issuedOn: input.today.toString(),
    author: input.agency.name,
    from: [input.agency.name, `Org.nr. ${input.agency.orgNumber}`, ...addressLines(input.agency.address)],
    to: [`${k.to} ${p.debtor.name}`, ...addressLines(p.debtor.address)],
    intro: [`På vegne av ${p.creditor.name} meldes følgende krav (${k.basis}).`],
    fields,
    closing: ["Ordinær inndriving av kravet er stanset. Vi ber om melding om boets eller ordningens behandling av kravet."],
  };
  const documentId = await storeCaseDocument(tx, { creditorId: p.creditorId, caseId: input.caseId, kind: `claim-notice:${input.kind}:${input.on}`, pdf: await renderDocumentPdf(model), data: { kind: input.kind, on: input.on.toString(), source: input.source, fields }, source: "insolvency" });
  return { ok: true, documentId };
}
