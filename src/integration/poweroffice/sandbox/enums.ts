/**
 * The vendor's enums and the two ways they reach the wire. The markdown reference writes enums as
 * numbers and the KID as `cID` (type_debtcollectionstatus.md, route_get_debtcollection_.md); the
 * swagger file writes string enums and `cid` (swagger_debtcollection_schemas_EXCERPT.md).
 * poweroffice.md §6.18: a sandbox switch serves either, so clients are tested against both.
 */
export type SerializationMode = "numbers" | "strings";

export type EnumDef = Readonly<Record<string, number>>;

/** type_debtcollectionstatus.md: the invoice's status towards debt collection. */
export const DebtCollectionStatus = { None: 0, Draft: 1, OnHold: 2, Approved: 3, Exported: 4, Rejected: 10 } as const;
export type DebtCollectionStatusValue = (typeof DebtCollectionStatus)[keyof typeof DebtCollectionStatus];

/** type_debtcollectioncasestatus.md */
export const DebtCollectionCaseStatus = { Active: 0, Closed: 10 } as const;
export type DebtCollectionCaseStatusValue = (typeof DebtCollectionCaseStatus)[keyof typeof DebtCollectionCaseStatus];

/** type_vouchertype.md */
export const VoucherType = {
  None: 0,
  IncomingInvoice: 1,
  IncomingCreditNote: 2,
  OutgoingInvoice: 4,
  OutgoingCreditNote: 5,
  IncomingBankRemittance: 8,
  IncomingOcrGiro: 9,
  StartingBalance: 10,
  ManualJournal: 11,
  Expense: 14,
  CashJournal: 15,
  IncomingPayments: 16,
  OutgoingPayments: 17,
  YearEndJournal: 18,
  BankJournal: 19,
  VatReturns: 20,
  PayrollJournal: 23,
  OutgoingPaymentReminder: 71,
  OutgoingNoticeOfDebtCollection: 72,
  OutgoingPaymentDemand: 73,
  OutgoingWarrantOfExecution: 74,
  CorrectionVoucher: 98,
  ReversalVoucher: 99,
  BeginningBalance: 100,
  DepreciationJournal: 101,
  TravelExpense: 120,
  Settlement: 130,
  NegativeSettlement: 131,
  SystemGeneratedDocumentationVoucher: 99999,
} as const;
export type VoucherTypeName = keyof typeof VoucherType;

/** The name of `value` in `def`, or undefined. */
export function enumName(def: EnumDef, value: number): string | undefined {
  for (const [name, v] of Object.entries(def)) if (v === value) return name;
  return undefined;
}

/** The number for a wire value given as a number or a name (case-insensitive, as .NET binds). */
export function enumValue(def: EnumDef, wire: number | string): number | undefined {
  if (typeof wire === "number") return Object.values(def).includes(wire) ? wire : undefined;
  const lower = wire.toLowerCase();
  for (const [name, v] of Object.entries(def)) if (name.toLowerCase() === lower) return v;
  return undefined;
}

export function enumToWire(def: EnumDef, value: number, mode: SerializationMode): number | string {
  return mode === "numbers" ? value : (enumName(def, value) ?? String(value));
}

/** The KID property name in this mode. */
export function kidKey(mode: SerializationMode): "cID" | "cid" {
  return mode === "numbers" ? "cID" : "cid";
}
