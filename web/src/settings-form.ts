import { LIMITS } from "./api/limits";
import type { CreditorSettings, SettingsPatch } from "./api/types";
import type { MessageKey } from "./i18n";

/**
 * The settings form's working copy: every input as the text or flag a person edits, turned back
 * into a `PATCH /v1/creditors/:id/settings` body holding only what changed.
 */

export const NUMBER_FIELDS = {
  reminderDeadlineDays: { min: 14, max: 60 },
  noticeDeadlineDays: { min: 14, max: 60 },
  paymentDemandDeadlineDays: { min: 14, max: 60 },
  freeWithdrawalDays: { min: 0, max: 60 },
} as const;
export type NumberField = keyof typeof NUMBER_FIELDS;

/** The transfer delay's range, as the API's settings schema declares it (the transfer policy's limit). */
export const DELAY_DAYS = LIMITS["PATCH /v1/creditors/{creditorId}/settings"]["transfer.delayDays"];

/** The accounts `PATCH …/settings` takes (NS 4102 codes by default). */
export const ACCOUNT_FIELDS = ["bank", "clearing", "interestIncome", "collectionCostExpense", "commissionExpense", "inputVat", "agencyPayable"] as const;

export interface SettingsDraft {
  collection: {
    firstStep: string;
    letterLanguage: string;
    approveBeforePaymentDemand: boolean;
    approveBeforeLegal: boolean;
    legalStep: string;
  } & Record<NumberField, string>;
  transfer: { mode: string; minimumAmount: string; delayDays: string; excludedGroups: string };
  accounts: Record<string, string>;
  settlement: { frequency: string; interestTo: string };
}

const str = (v: unknown, fallback = ""): string => (v === null || v === undefined ? fallback : String(v));

/** The stored minimum is in øre (a number); the API also accepts and may answer a decimal string. */
function minimumText(v: unknown): string {
  if (typeof v === "number" && Number.isInteger(v)) {
    if (v === 0) return "";
    return `${Math.trunc(v / 100)}.${String(Math.abs(v % 100)).padStart(2, "0")}`;
  }
  return typeof v === "string" && v !== "0" && v !== "0.00" ? v : "";
}

export function draftFromSettings(s: CreditorSettings): SettingsDraft {
  const c = s.collection ?? {};
  const tr = s.transfer ?? {};
  const a = s.accounts ?? {};
  const st = s.settlement ?? {};
  const accounts: Record<string, string> = {};
  for (const k of ACCOUNT_FIELDS) accounts[k] = str(a[k]);
  return {
    collection: {
      firstStep: str(c.firstStep, "collection-notice"),
      letterLanguage: str(c.letterLanguage, "nb"),
      approveBeforePaymentDemand: c.approveBeforePaymentDemand ?? false,
      approveBeforeLegal: c.approveBeforeLegal ?? true,
      legalStep: str(c.legalStep, "forliksklage"),
      reminderDeadlineDays: str(c.reminderDeadlineDays, "14"),
      noticeDeadlineDays: str(c.noticeDeadlineDays, "14"),
      paymentDemandDeadlineDays: str(c.paymentDemandDeadlineDays, "14"),
      freeWithdrawalDays: str(c.freeWithdrawalDays, "10"),
    },
    transfer: {
      mode: str(tr.mode, "manual"),
      minimumAmount: minimumText(tr.minimumAmount),
      delayDays: str(tr.delayDays, "0"),
      excludedGroups: (tr.excludedCustomerGroups ?? tr.excludedGroups ?? []).join(", "),
    },
    accounts,
    settlement: { frequency: str(st.frequency, "monthly"), interestTo: str(st.interestTo, "creditor") },
  };
}

export interface FieldError {
  field: string;
  message: MessageKey;
  params?: Record<string, string | number>;
}

export function validateDraft(d: SettingsDraft): FieldError[] {
  const errors: FieldError[] = [];
  for (const [name, range] of Object.entries(NUMBER_FIELDS) as [NumberField, { min: number; max: number }][]) {
    const v = d.collection[name].trim();
    const n = Number(v);
    if (!/^\d+$/.test(v) || n < range.min || n > range.max) errors.push({ field: `collection.${name}`, message: "settings.errorRange", params: range });
  }
  const delay = d.transfer.delayDays.trim();
  if (!/^\d+$/.test(delay) || Number(delay) < DELAY_DAYS.min || Number(delay) > DELAY_DAYS.max) {
    errors.push({ field: "transfer.delayDays", message: "settings.errorRange", params: { min: DELAY_DAYS.min, max: DELAY_DAYS.max } });
  }
  const amount = d.transfer.minimumAmount.trim().replace(",", ".");
  if (amount !== "" && !/^\d+(\.\d{1,2})?$/.test(amount)) errors.push({ field: "transfer.minimumAmount", message: "settings.errorAmount" });
  return errors;
}

function groups(text: string): string[] {
  return text
    .split(",")
    .map((g) => g.trim())
    .filter(Boolean);
}

/** The parts of the draft that differ from `original`, as the API's settings body. */
export function settingsPatch(original: SettingsDraft, d: SettingsDraft): SettingsPatch {
  const out: SettingsPatch = {};
  const collection: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(d.collection)) {
    const before = original.collection[k as keyof SettingsDraft["collection"]];
    if (v === before) continue;
    collection[k] = k in NUMBER_FIELDS ? Number(v) : v;
  }
  if (Object.keys(collection).length > 0) out.collection = collection;

  const transfer: Record<string, unknown> = {};
  if (d.transfer.mode !== original.transfer.mode) transfer.mode = d.transfer.mode;
  if (d.transfer.minimumAmount.trim() !== original.transfer.minimumAmount.trim()) {
    const a = d.transfer.minimumAmount.trim().replace(",", ".");
    // No minimum is a minimum of nothing: the API takes an amount, not null.
    transfer.minimumAmount = a === "" ? "0.00" : a.includes(".") ? a.padEnd(a.indexOf(".") + 3, "0") : `${a}.00`;
  }
  if (d.transfer.delayDays.trim() !== original.transfer.delayDays.trim()) transfer.delayDays = Number(d.transfer.delayDays);
  if (groups(d.transfer.excludedGroups).join("\u0000") !== groups(original.transfer.excludedGroups).join("\u0000")) {
    transfer.excludedCustomerGroups = groups(d.transfer.excludedGroups);
  }
  if (Object.keys(transfer).length > 0) out.transfer = transfer as SettingsPatch["transfer"];

  const accounts: Record<string, string> = {};
  for (const [k, v] of Object.entries(d.accounts)) if (v.trim() !== (original.accounts[k] ?? "").trim()) accounts[k] = v.trim();
  if (Object.keys(accounts).length > 0) out.accounts = accounts;

  const settlement: Record<string, string> = {};
  if (d.settlement.frequency !== original.settlement.frequency) settlement.frequency = d.settlement.frequency;
  if (d.settlement.interestTo !== original.settlement.interestTo) settlement.interestTo = d.settlement.interestTo;
  if (Object.keys(settlement).length > 0) out.settlement = settlement as SettingsPatch["settlement"];
  return out;
}
