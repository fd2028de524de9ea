import { DomainError } from "../domain/errors.js";
import type { Currency } from "../domain/money.js";
import { readAgreement, type SettlementAgreement } from "../domain/settlement/agreement.js";
import { isSettlementFrequency, SETTLEMENT_FREQUENCIES, type SettlementFrequency } from "../domain/settlement/periods.js";

/**
 * The creditor's settlement settings, `creditors.settings.settlement`:
 *
 * - `frequency` (default `"monthly"`): how often the agency settles and pays out — every day, every
 *   ISO week, every calendar month (`settle-due.ts`);
 * - `interestTo` (default `"creditor"`): who keeps the late interest collected (issue 5: "the
 *   creditor's by default, the agency's by agreement");
 * - `commission` (default none): the agency's commission by agreement — `percentOfPrincipal` ("10.00",
 *   of the principal collected on a case) and `minimumPerCase` (minor units of the creditor's currency, e.g. øre) — with `commissionVatLiable`
 *   (default true) and `vatRatePercent` (default "25.00", merverdiavgiftsloven § 5-1).
 *
 * Every settlement run that is not handed an agreement reads it from here.
 */
export interface SettlementSettings {
  readonly frequency: SettlementFrequency;
  readonly agreement: SettlementAgreement;
}

const FIELD = "settings.settlement";

export const DEFAULT_SETTLEMENT_SETTINGS: SettlementSettings = {
  frequency: "monthly",
  agreement: { interestTo: "creditor", commission: {}, vatRatePercent: "25.00", commissionVatLiable: true },
};

/** Reads `creditors.settings.settlement` of a creditor settled in `currency`; a wrong value is a DomainError naming the field. */
export function settlementSettings(creditorSettings: unknown, currency: Currency): SettlementSettings {
  const raw = (creditorSettings as { settlement?: unknown } | null)?.settlement;
  if (raw === undefined || raw === null) return DEFAULT_SETTLEMENT_SETTINGS;
  if (typeof raw !== "object" || Array.isArray(raw)) throw new DomainError("invalid_input", "must be an object", FIELD);
  const s = raw as Record<string, unknown>;
  const frequency = s["frequency"] ?? DEFAULT_SETTLEMENT_SETTINGS.frequency;
  if (!isSettlementFrequency(frequency)) throw new DomainError("invalid_input", `"${String(frequency)}" is not one of ${SETTLEMENT_FREQUENCIES.join(", ")}`, `${FIELD}.frequency`);
  const defaults = DEFAULT_SETTLEMENT_SETTINGS.agreement;
  const commission = s["commission"] ?? {};
  if (typeof commission !== "object" || commission === null || Array.isArray(commission)) throw new DomainError("invalid_input", "must be an object", `${FIELD}.commission`);
  const c = commission as Record<string, unknown>;
  const percent = c["percentOfPrincipal"];
  if (percent !== undefined && typeof percent !== "string") throw new DomainError("invalid_percent", `${JSON.stringify(percent)} is not a percentage such as "10.00"`, `${FIELD}.commission.percentOfPrincipal`);
  const minimum = c["minimumPerCase"];
  if (minimum !== undefined && (typeof minimum !== "number" || !Number.isSafeInteger(minimum) || minimum < 0)) {
    throw new DomainError("invalid_amount", `${JSON.stringify(minimum)} is not a whole, non-negative number of minor units (øre)`, `${FIELD}.commission.minimumPerCase`);
  }
  const agreement: SettlementAgreement = {
    interestTo: (s["interestTo"] ?? defaults.interestTo) as SettlementAgreement["interestTo"],
    commission: {
      ...(percent !== undefined ? { percentOfPrincipal: percent } : {}),
      ...(minimum !== undefined ? { minimumPerCase: { amount: minimum, currency } } : {}),
    },
    vatRatePercent: (s["vatRatePercent"] ?? defaults.vatRatePercent) as string,
    commissionVatLiable: (s["commissionVatLiable"] ?? defaults.commissionVatLiable) as boolean,
  };
  // The rule core's own reading: what a settlement would refuse is refused here, naming the field.
  readAgreement(agreement, currency, FIELD);
  return { frequency, agreement };
}
