import { type Bucket } from "../allocation.js";
import { LocalDate } from "../calendar/local-date.js";
import { type Money } from "../money.js";
import { type SettlementAgreement } from "./agreement.js";
import { type SettlementCaseInput, type SettlementInput } from "./settle.js";

/** Builders for settlement tests (a test names only what it is about). Not used by production code. */
export const nok = (amount: number): Money => ({ amount, currency: "NOK" });
export const d = (text: string): LocalDate => LocalDate.parse(text);

export const standardAgreement: SettlementAgreement = {
  interestTo: "creditor",
  commission: { percentOfPrincipal: "10.00" },
  vatRatePercent: "25.00",
  commissionVatLiable: true,
};

export function aCase(caseId: string, parts: Partial<SettlementCaseInput> = {}): SettlementCaseInput {
  return {
    caseId,
    caseNumber: `S-${caseId}`,
    customerCode: "10001",
    invoiceNumber: `F-${caseId}`,
    invoiceKid: `${caseId}0`,
    agencyAllocations: [],
    directAllocations: [],
    creditorCharges: [],
    ...parts,
  };
}

export function alloc(paymentId: string, bucket: Bucket, amount: number, on = "2025-03-10") {
  return { paymentId, receivedOn: d(on), bucket, amount: nok(amount) };
}

export function aSettlementInput(cases: readonly SettlementCaseInput[], agreement: SettlementAgreement = standardAgreement): SettlementInput {
  return {
    settlementId: "ST-2025-03",
    creditorId: "cred-1",
    currency: "NOK",
    period: { from: d("2025-03-01"), to: d("2025-03-31") },
    settledOn: d("2025-04-01"),
    agreement,
    cases,
  };
}
