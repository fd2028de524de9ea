import { randomUUID } from "node:crypto";
import type { LocalDate } from "../../domain/calendar/local-date.js";
import type { Queryable } from "../../platform/db/database.js";
import { letterAgency } from "../agency.js";
import type { Address, LetterAgency, LetterKind, LetterModel } from "../letters/letter-model.js";
import type { CaseParties } from "./case-document.js";

/**
 * A back-office document sent through the delivery step like any letter (src/delivery): a `letters`
 * row, already rendered (its PDF is the case document), queued for delivery. The model is the
 * envelope the channels read — the recipient, the title (by kind), and what is to be paid by when:
 * a plan confirmation asks for the first instalment with its KID by its due date; a breach notice
 * for the balance, now due. A filing (`legal-filing`) is addressed to the authority instead of the
 * debtor (`to`): the delivery step sends it on paper only, as a print-batch item for the forliksråd
 * or the namsmann (docs/CASES.md, "The legal phase").
 */
export interface DocumentLetter {
  parties: CaseParties;
  agency: LetterAgency;
  kind: Extract<LetterKind, "payment-plan" | "payment-plan-breach" | "legal-filing">;
  pdf: Buffer;
  sentOn: LocalDate;
  /** The day the amount below is to be paid by (a filing: the day it is sent). */
  deadline: LocalDate;
  amountMinor: number;
  currency: string;
  kid: string;
  /** The recipient when not the debtor: the authority a filing goes to. */
  to?: { name: string; address: Address };
}

export async function queueDocumentLetter(tx: Queryable, d: DocumentLetter): Promise<string> {
  const p = d.parties;
  const [n] = await tx.query<{ n: string }>("select nextval('letter_number_seq')::text as n");
  const letterId = randomUUID();
  const money = (amount: number) => ({ amount, currency: d.currency as LetterModel["total"]["currency"] });
  const debtorAddress: Address = { line1: p.debtor.address?.line1 ?? "", ...(p.debtor.address?.line2 ? { line2: p.debtor.address.line2 } : {}), postcode: p.debtor.address?.postcode ?? "", city: p.debtor.address?.city ?? "", country: p.debtor.address?.country ?? "NO" };
  const model: LetterModel = {
    kind: d.kind,
    language: d.to ? "nb" : p.debtor.language,
    letterId,
    letterNumber: n!.n,
    caseNumber: p.caseNumber,
    sentOn: d.sentOn,
    deadline: d.deadline,
    agency: letterAgency(d.agency),
    creditor: { name: p.creditor.name, ...(p.creditor.orgNumber ? { orgNumber: p.creditor.orgNumber } : {}), address: { line1: p.creditor.address?.line1 ?? "", postcode: p.creditor.address?.postcode ?? "", city: p.creditor.address?.city ?? "", country: "NO" } },
    debtor: d.to ? { name: d.to.name, type: "business", address: d.to.address } : { name: p.debtor.name, type: p.debtor.type === "business" ? "business" : "consumer", address: debtorAddress },
    claims: [],
    interest: { amount: money(0), ratePercent: "0.00", from: d.sentOn, until: d.sentOn },
    costs: [],
    total: money(d.amountMinor),
    kid: d.kid,
  };
  const [row] = await tx.query<{ id: string }>(
    `insert into letters (id, creditor_id, case_id, kind, sent_on, deadline, language, model, status, pdf, number)
     values ($1, $2, $3, $4, $5, $6, $7, $8, 'rendered', $9, $10)
     on conflict (case_id, kind, sent_on) where copy_of is null do update set kind = excluded.kind returning id`,
    // `document`: the PDF is the case document (never re-rendered or re-dated); `toAuthority`: paper only, to the recipient named (src/delivery/deliver-letters.ts).
    [letterId, p.creditorId, p.caseId, d.kind, d.sentOn.toString(), d.deadline.toString(), model.language, JSON.stringify({ ...model, document: { toAuthority: d.to !== undefined } }), d.pdf, n!.n],
  );
  return row!.id;
}

/**
 * The authority a filing goes to: the forliksråd of the debtor's home municipality (the debtor's
 * alminnelige verneting, tvisteloven § 4-4) or the namsmann for the debtor's address. Their postal
 * addresses are not in Fordring: the envelope names the body and the debtor's municipality, and
 * the print-batch item is marked for the authority — the case handler posts it (or files it
 * electronically) to the right office. UNCERTAIN: a register of offices would address it fully.
 */
export function authorityOf(step: "forliksklage" | "utlegg", debtor: CaseParties["debtor"]): { name: string; address: Address } {
  const city = debtor.address?.city ?? "";
  const body = step === "forliksklage" ? "Forliksrådet" : "Namsmannen";
  return { name: `${body}${city ? ` (skyldners kommune: ${city})` : ""}`, address: { line1: `${body} – adresse etter skyldners bosted`, postcode: debtor.address?.postcode ?? "", city, country: "NO" } };
}
