import { LocalDate } from "../../domain/calendar/local-date.js";
import { makeKid } from "../../domain/identifiers/index.js";
import type { Money } from "../../domain/money.js";
import type { LetterClaim, LetterCost, LetterKind, LetterModel } from "./letter-model.js";

/** Test builders for letters (used by the *.test.ts files beside it). */

export const nok = (amount: number): Money => ({ amount, currency: "NOK" });
export const day = (iso: string): LocalDate => LocalDate.parse(iso);

export function aClaim(overrides: Partial<LetterClaim> = {}): LetterClaim {
  return {
    invoiceNumber: "10023",
    invoiceDate: day("2025-01-02"),
    dueDate: day("2025-01-16"),
    description: "Rørleggerarbeid, nytt bad",
    principal: nok(12_500_00),
    paid: nok(2_500_00),
    ...overrides,
  };
}

const NOTICE_FEE: LetterCost = {
  label: { nb: "Gebyr for inkassovarsel", en: "Collection notice fee" },
  amount: nok(35_00),
  source: "inkassoforskriften § 1-2",
};

const COSTS: Readonly<Record<LetterKind, readonly LetterCost[]>> = {
  reminder: [{ label: { nb: "Purregebyr", en: "Reminder fee" }, amount: nok(35_00), source: "inkassoforskriften § 1-2" }],
  "collection-notice": [NOTICE_FEE],
  "payment-demand": [
    NOTICE_FEE,
    { label: { nb: "Inkassosalær (lett sats)", en: "Collection fee (light rate)" }, amount: nok(420_00), source: "inkassoforskriften § 2-2" },
  ],
  "payment-plan": [NOTICE_FEE],
  "payment-order-application": [NOTICE_FEE],
  "payment-plan-breach": [NOTICE_FEE],
  "legal-filing": [NOTICE_FEE],
};

/** Σ (principal − paid) + interest + Σ costs: what the case engine would compute. */
export function totalOf(model: Pick<LetterModel, "claims" | "interest" | "costs">): Money {
  const outstanding = model.claims.reduce((s, c) => s + c.principal.amount - c.paid.amount, 0);
  const costs = model.costs.reduce((s, c) => s + c.amount.amount, 0);
  return nok(outstanding + model.interest.amount.amount + costs);
}

/**
 * A lawful letter of `kind`: creditor Bærum Rørlegger AS, debtor Åse Øvergård, two invoices, sent
 * 03.03.2025 with a 14-day deadline. The total is recomputed from the parts unless overridden.
 */
export function aLetter(kind: LetterKind, overrides: Partial<LetterModel> = {}): LetterModel {
  const base: Omit<LetterModel, "total"> = {
    kind,
    language: "nb",
    letterId: "3f2b8c1e-4a5d-4e6f-9a7b-8c9d0e1f2a3b",
    letterNumber: "L-000042",
    caseNumber: "2025-000123",
    sentOn: day("2025-03-03"),
    deadline: day("2025-03-17"),
    agency: {
      name: "Nordlys Inkasso AS",
      orgNumber: "923609016",
      address: { line1: "Kongens gate 6", postcode: "0153", city: "Oslo", country: "NO" },
      accountNumber: "86011117947",
      iban: "NO9386011117947",
      bic: "DNBANOKKXXX",
      phone: "+47 22 00 00 00",
      email: "post@nordlys-inkasso.no",
      website: "nordlys-inkasso.no",
      licence: "Inkassobevilling fra Finanstilsynet",
    },
    creditor: {
      name: "Bærum Rørlegger AS",
      orgNumber: "974760673",
      address: { line1: "Sandviksveien 12", postcode: "1337", city: "Sandvika", country: "NO" },
    },
    debtor: {
      name: "Åse Øvergård",
      type: "consumer",
      address: { line1: "Tårnveien 7", line2: "Leilighet H0203", postcode: "1362", city: "Hosle", country: "NO" },
      customerNumber: "K-10077",
    },
    claims: [
      aClaim(),
      aClaim({
        invoiceNumber: "10031",
        invoiceDate: day("2025-01-10"),
        dueDate: day("2025-01-24"),
        description: "Reservedeler, blandebatteri",
        principal: nok(1_500_00),
        paid: nok(0),
      }),
    ],
    interest: { amount: nok(187_43), ratePercent: "12.50", from: day("2025-01-17"), until: day("2025-03-03") },
    costs: COSTS[kind],
    kid: makeKid("2025000123", "MOD10"),
    ...overrides,
  };
  return { ...base, total: overrides.total ?? totalOf(base) };
}
