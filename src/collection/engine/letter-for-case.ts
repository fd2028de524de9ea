import { letterAgency } from "../agency.js";
import { LocalDate } from "../../domain/calendar/local-date.js";
import { formatHundredths } from "../../domain/jurisdictions/json-reader.js";
import { covers } from "../../domain/jurisdictions/dated-row.js";
import type { NorwegianRuleSet } from "../../domain/jurisdictions/no/no-rule-set.js";
import type { Address, LetterAgency, LetterCost, LetterModel } from "../letters/letter-model.js";
import type { CaseAccount } from "../../domain/case/index.js";
import type { CreditorContext } from "../cases/creditor.js";

/** The claim and debtor facts a letter needs, joined to the case row when it is loaded. */
export interface CaseLetterFacts {
  debtor_name: string;
  debtor_address: Address | null;
  debtor_language: string | null;
  debtor_external_id: string;
  /** The creditor's customer number for the debtor (the ledger's customer code); null when unknown. */
  debtor_customer_number: string | null;
  invoice_number: string;
  issue_date: string;
  claim_due_date: string;
  description: string | null;
}

/** What a letter names besides the account: the case number, the KID, the claim and the debtor. */
export type LetterFacts = CaseLetterFacts & { case_number: string; kid: string };

const LABELS = {
  fees: { nb: "Gebyr (purring/inkassovarsel)", en: "Reminder / collection notice fee", sv: "Påminnelse- och inkassoavgift", "en-SE": "Reminder and collection fees" },
  salary: { nb: "Inkassosalær", en: "Collection fee (salær)", sv: "Inkassosalær" },
  legal: { nb: "Rettslige kostnader", en: "Legal costs", sv: "Ansökningsavgift, Kronofogden", "en-SE": "Application fee, Kronofogden" },
} as const;

/**
 * The fully computed letter: every amount is the case's open balance after today's charges, so
 * `total` equals principal − paid + interest + costs (checked again by `validateLetterModel`).
 */
export function letterModelFor(input: {
  /** The account after the plan's money (a payment, a reversal), before today's charges (`added`). */
  account: CaseAccount;
  facts: LetterFacts;
  kind: LetterModel["kind"];
  letterId: string;
  /** The short number printed on the letter (`letter_number_seq`). */
  letterNumber: string;
  sentOn: LocalDate;
  deadline: LocalDate;
  creditor: CreditorContext;
  agency: LetterAgency;
  /** The late-interest table of the case's country (for the rate printed). */
  rules: Pick<NorwegianRuleSet, "lateInterest">;
  added: { fees: number; salary: number; legal: number };
  sources: Record<"fees" | "salary" | "legal", string>;
}): LetterModel {
  const { account: a, facts: row, creditor } = input;
  const money = (amount: number) => ({ amount, currency: a.currency });
  const open = {
    fees: a.charged.fees.amount + input.added.fees - a.paid.fees.amount,
    salary: a.charged.salary.amount + input.added.salary - a.paid.salary.amount,
    legal: a.charged["legal-costs"].amount + input.added.legal - a.paid["legal-costs"].amount,
  };
  const interest = a.charged.interest.amount - a.paid.interest.amount;
  const costs: LetterCost[] = (["fees", "salary", "legal"] as const)
    .filter((k) => open[k] > 0)
    .map((k) => ({ label: LABELS[k], amount: money(open[k]), source: input.sources[k] }));
  const total = a.charged.principal.amount - a.paid.principal.amount + interest + costs.reduce((a, c) => a + c.amount.amount, 0);
  const rate = input.rules.lateInterest.periods.find((p) => covers(p, input.sentOn));
  const country = creditor.jurisdiction;
  const address = row.debtor_address ?? { line1: "", postcode: "", city: "", country };
  return {
    kind: input.kind,
    // A Swedish creditor's letters are Swedish-law texts (letter-texts-sv.ts): in Swedish, or in English for a debtor who reads English.
    language: creditor.jurisdiction === "SE" ? (row.debtor_language === "en" ? "en-SE" : "sv") : row.debtor_language === "en" ? "en" : creditor.settings.letterLanguage,
    letterId: input.letterId,
    letterNumber: input.letterNumber,
    caseNumber: row.case_number,
    sentOn: input.sentOn,
    deadline: input.deadline,
    agency: letterAgency(input.agency),
    creditor: { name: creditor.name, ...(creditor.orgNumber ? { orgNumber: creditor.orgNumber } : {}), address: creditor.address ?? { line1: "", postcode: "", city: "", country } },
    debtor: { name: row.debtor_name, type: a.state.debtorType, address, ...(row.debtor_customer_number ? { customerNumber: row.debtor_customer_number } : {}) },
    claims: [
      {
        invoiceNumber: row.invoice_number,
        invoiceDate: parse(row.issue_date),
        dueDate: parse(row.claim_due_date),
        description: row.description || `Faktura ${row.invoice_number}`,
        principal: money(a.charged.principal.amount),
        paid: money(a.paid.principal.amount),
      },
    ],
    interest: {
      amount: money(interest),
      ratePercent: rate ? formatHundredths(rate.basisPoints) : "0.00",
      // räntelagen 4 §: a claim without an agreed due date accrues from 30 days after the inkassokrav (the letter says from when).
      from: a.interest.startsOn instanceof LocalDate ? a.interest.startsOn : a.state.dueDate,
      until: a.interest.startsOn instanceof LocalDate && a.interest.startsOn.isAfter(input.sentOn) ? a.interest.startsOn : input.sentOn,
    },
    costs,
    total: money(total),
    kid: row.kid,
  };
}

function parse(s: string): LocalDate {
  return LocalDate.parse(s);
}
