import { LocalDate } from "../../domain/calendar/local-date.js";
import { formatHundredths } from "../../domain/jurisdictions/json-reader.js";
import { covers } from "../../domain/jurisdictions/dated-row.js";
import type { NorwegianRuleSet } from "../../domain/jurisdictions/no/no-rule-set.js";
import type { Address, LetterAgency, LetterCost, LetterModel } from "../letters/letter-model.js";
import type { CaseRow } from "../cases/case-row.js";
import type { CreditorContext } from "../cases/creditor.js";

/** The claim and debtor facts a letter needs, joined to the case row when it is loaded. */
export interface CaseLetterFacts {
  debtor_name: string;
  debtor_address: Address | null;
  debtor_language: string | null;
  debtor_external_id: string;
  invoice_number: string;
  issue_date: string;
  claim_due_date: string;
  description: string | null;
}

export type DueCaseRow = CaseRow & CaseLetterFacts;

const LABELS = {
  fees: { nb: "Gebyr (purring/inkassovarsel)", en: "Reminder / collection notice fee" },
  salary: { nb: "Inkassosalær", en: "Collection fee (salær)" },
  legal: { nb: "Rettslige kostnader", en: "Legal costs" },
} as const;

/**
 * The fully computed letter: every amount is the case's open balance after today's charges, so
 * `total` equals principal − paid + interest + costs (checked again by `validateLetterModel`).
 */
export function letterModelFor(input: {
  row: DueCaseRow;
  kind: LetterModel["kind"];
  letterId: string;
  sentOn: LocalDate;
  deadline: LocalDate;
  creditor: CreditorContext;
  agency: LetterAgency;
  rules: NorwegianRuleSet;
  added: { fees: number; salary: number; legal: number };
  sources: Record<"fees" | "salary" | "legal", string>;
}): LetterModel {
  const { row, creditor } = input;
  const nok = (amount: number) => ({ amount, currency: "NOK" as const });
  const open = {
    fees: row.fees_minor + input.added.fees - row.fees_paid_minor,
    salary: row.salary_minor + input.added.salary - row.salary_paid_minor,
    legal: row.legal_minor + input.added.legal - row.legal_paid_minor,
  };
  const interest = row.interest_accrued_minor - row.interest_paid_minor;
  const costs: LetterCost[] = (["fees", "salary", "legal"] as const)
    .filter((k) => open[k] > 0)
    .map((k) => ({ label: LABELS[k], amount: nok(open[k]), source: input.sources[k] }));
  const total = row.principal_minor - row.principal_paid_minor + interest + costs.reduce((a, c) => a + c.amount.amount, 0);
  const rate = input.rules.lateInterest.periods.find((p) => covers(p, input.sentOn));
  const address = row.debtor_address ?? { line1: "", postcode: "", city: "", country: "NO" };
  return {
    kind: input.kind,
    language: row.debtor_language === "en" ? "en" : creditor.settings.letterLanguage,
    letterId: input.letterId,
    caseNumber: row.case_number,
    sentOn: input.sentOn,
    deadline: input.deadline,
    agency: input.agency,
    creditor: { name: creditor.name, ...(creditor.orgNumber ? { orgNumber: creditor.orgNumber } : {}), address: creditor.address ?? { line1: "", postcode: "", city: "", country: "NO" } },
    debtor: { name: row.debtor_name, type: row.debtor_type as "consumer" | "business", address, customerNumber: row.debtor_external_id },
    claims: [
      {
        invoiceNumber: row.invoice_number,
        invoiceDate: parse(row.issue_date),
        dueDate: parse(row.claim_due_date),
        description: row.description || `Faktura ${row.invoice_number}`,
        principal: nok(row.principal_minor),
        paid: nok(row.principal_paid_minor),
      },
    ],
    interest: {
      amount: nok(interest),
      ratePercent: rate ? formatHundredths(rate.basisPoints) : "0.00",
      from: parse(row.due_date),
      until: input.sentOn,
    },
    costs,
    total: nok(total),
    kid: row.kid,
  };
}

function parse(s: string): LocalDate {
  return LocalDate.parse(s);
}
