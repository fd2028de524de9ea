import { DomainError } from "../domain/errors.js";

/**
 * The creditor's transfer policy (docs/CASES.md and docs/POWEROFFICE.md: when an invoice is transferred), `creditors.settings.transfer` next to `preset`:
 *
 * - `mode`: `"automatic"` (default) — an invoice the creditor sent to collection in the ledger
 *   becomes a case at the next sync; `"manual"` — it lands in the draft list and waits for
 *   `approveDrafts` (approve selected or approve all).
 * - `minimumAmount` (øre, default 0): in automatic mode, only invoices whose open amount exceeds
 *   it go by themselves (the eligibility rule's wording, Procountor's "överstiger"); the others
 *   land in the draft list.
 * - `delayDays` (default none): in automatic mode, the invoice goes this many days after its due
 *   date, never earlier than the legal minimum for an automatic transfer (NO: 14 days,
 *   inkassoforskriften § 1-2); until then it is `waiting` with the day it goes.
 * - `excludedCustomerGroups` (default none): in automatic mode, invoices of customers in one of
 *   these groups (the ledger's contact groups) land in the draft list.
 * - `customerMainGroups` (default none): main groups (Procountor's *huvudgrupp*) that cover several
 *   customer groups, `{ "Koncern": ["Dotterbolag Nord", "Dotterbolag Syd"] }`. A customer in one of
 *   the listed groups is in the main group too, so excluding the main group excludes all of them.
 *   Procountor's API offers the main group only as a search filter on business partners, not on
 *   the partner it returns, so the creditor names the groups it covers here.
 * - `transferAlreadyOverdue` (default true): the one-time choice at activation; when false,
 *   invoices whose due date is before the creditor's `activated_at` land in the draft list.
 */
export interface TransferPolicy {
  readonly mode: "automatic" | "manual";
  readonly minimumAmountMinor: number;
  readonly delayDays: number | null;
  readonly excludedCustomerGroups: readonly string[];
  readonly customerMainGroups: Readonly<Record<string, readonly string[]>>;
  readonly transferAlreadyOverdue: boolean;
}

export const DEFAULT_TRANSFER_POLICY: TransferPolicy = {
  mode: "automatic",
  minimumAmountMinor: 0,
  delayDays: null,
  excludedCustomerGroups: [],
  customerMainGroups: {},
  transferAlreadyOverdue: true,
};

/**
 * The longest `delayDays` a creditor may set: a year after the due date. The one limit: the API's
 * settings schema (`src/api/routes/v1/shapes.ts`, `TransferDelayDays`) and, through the OpenAPI
 * document, the portal's form use it too.
 */
export const MAX_TRANSFER_DELAY_DAYS = 365;

const FIELD = "settings.transfer";

/** Reads `creditors.settings.transfer`; a wrong value is a DomainError naming the field. */
export function transferPolicy(creditorSettings: unknown): TransferPolicy {
  const raw = (creditorSettings as { transfer?: unknown } | null)?.transfer;
  if (raw === undefined || raw === null) return DEFAULT_TRANSFER_POLICY;
  if (typeof raw !== "object" || Array.isArray(raw)) throw new DomainError("invalid_input", "must be an object", FIELD);
  const t = raw as Record<string, unknown>;
  const mode = t["mode"] ?? DEFAULT_TRANSFER_POLICY.mode;
  if (mode !== "automatic" && mode !== "manual") throw new DomainError("invalid_input", `"${String(mode)}" is not one of automatic, manual`, `${FIELD}.mode`);
  const minimum = t["minimumAmount"] ?? 0;
  if (typeof minimum !== "number" || !Number.isSafeInteger(minimum) || minimum < 0) {
    throw new DomainError("invalid_amount", `${JSON.stringify(minimum)} is not a whole, non-negative number of øre`, `${FIELD}.minimumAmount`);
  }
  const delay = t["delayDays"] ?? null;
  if (delay !== null && (typeof delay !== "number" || !Number.isSafeInteger(delay) || delay < 0 || delay > MAX_TRANSFER_DELAY_DAYS)) {
    throw new DomainError("invalid_input", `${JSON.stringify(delay)} is not a whole number of days from 0 to ${MAX_TRANSFER_DELAY_DAYS}`, `${FIELD}.delayDays`);
  }
  const groups = t["excludedCustomerGroups"] ?? [];
  if (!Array.isArray(groups) || groups.some((g) => typeof g !== "string" || g.trim() === "")) {
    throw new DomainError("invalid_input", "must be a list of group names", `${FIELD}.excludedCustomerGroups`);
  }
  const main = t["customerMainGroups"] ?? {};
  if (main === null || typeof main !== "object" || Array.isArray(main)) throw new DomainError("invalid_input", "must be an object of main group → its customer groups", `${FIELD}.customerMainGroups`);
  for (const [name, members] of Object.entries(main)) {
    if (name.trim() === "") throw new DomainError("invalid_input", "a main group needs a name", `${FIELD}.customerMainGroups`);
    if (!Array.isArray(members) || members.length === 0 || members.some((g) => typeof g !== "string" || g.trim() === "")) {
      throw new DomainError("invalid_input", "must be a non-empty list of customer group names", `${FIELD}.customerMainGroups.${name}`);
    }
  }
  const overdue = t["transferAlreadyOverdue"] ?? true;
  if (typeof overdue !== "boolean") throw new DomainError("invalid_input", `${JSON.stringify(overdue)} is not true or false`, `${FIELD}.transferAlreadyOverdue`);
  return {
    mode,
    minimumAmountMinor: minimum,
    delayDays: delay as number | null,
    excludedCustomerGroups: (groups as string[]).map((g) => g.trim()),
    customerMainGroups: Object.fromEntries(Object.entries(main as Record<string, string[]>).map(([name, members]) => [name.trim(), members.map((g) => g.trim())])),
    transferAlreadyOverdue: overdue,
  };
}

/** A customer's groups with the main groups that cover one of them (`customerMainGroups`). */
export function withMainGroups(groups: readonly string[], mainGroups: Readonly<Record<string, readonly string[]>>): readonly string[] {
  const out = [...groups];
  for (const [main, members] of Object.entries(mainGroups)) if (!out.includes(main) && members.some((g) => groups.includes(g))) out.push(main);
  return out;
}
