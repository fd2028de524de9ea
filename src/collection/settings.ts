import { z } from "zod";
import { DomainError } from "../domain/errors.js";

/**
 * How a creditor's cases run (the "dunning profile" of the case side). Stored on the creditor,
 * validated on every write; every field has a default that follows the law's minimum or common
 * practice, and the docs (docs/CASES.md) explain each one.
 */
export const CollectionSettingsSchema = z.object({
  /** The first letter of a case: a reminder (purring) first, or straight to the collection notice. */
  firstStep: z.enum(["reminder", "collection-notice"]).default("collection-notice"),
  /** inkassoforskriften § 1-2: a fee-bearing reminder needs a deadline of at least 14 days. */
  reminderDeadlineDays: z.number().int().min(14).max(60).default(14),
  /** inkassoloven § 9: the collection notice's deadline is at least 14 days from sending. */
  noticeDeadlineDays: z.number().int().min(14).max(60).default(14),
  /**
   * Days after the notice's deadline in which the creditor can still stop the case; null means
   * Visma Amili's rule: a list on the first Tuesday after the deadline, then 7 days.
   */
  stopWindowDays: z.number().int().min(0).max(60).nullable().default(null),
  /** The language of letters when the debtor has none: Norwegian bokmål, or English for debtors abroad. */
  letterLanguage: z.enum(["nb", "en"]).default("nb"),
  /** inkassoloven § 10: the payment demand's deadline is at least 14 days. */
  paymentDemandDeadlineDays: z.number().int().min(14).max(60).default(14),
  approveBeforePaymentDemand: z.boolean().default(false),
  approveBeforeLegal: z.boolean().default(true),
  legalStep: z.enum(["forliksklage", "utlegg"]).default("forliksklage"),
  /**
   * A credit check (score and payment remarks from the credit bureau) must be on the case before a
   * legal step is taken; the step waits — and is retried while the bureau is down — until it is
   * (docs/CASES.md, "Credit checks"). A check older than `creditCheckValidDays` does not count.
   */
  creditCheckBeforeLegal: z.boolean().default(false),
  creditCheckValidDays: z.number().int().min(1).max(365).default(30),
  /** Ordinary collection before a case moves to surveillance (overvåking). */
  surveillanceAfterMonths: z.number().int().min(1).max(60).default(12),
  /** Days before the limitation date at which a warning is written to the timeline. */
  limitationWarningDays: z.array(z.number().int().min(1).max(365)).default([90, 30]),
  /** Withdrawal is free within this many days after the collection notice (docs/CASES.md, the lifecycle). */
  freeWithdrawalDays: z.number().int().min(0).max(60).default(10),
  kidAlgorithm: z.enum(["MOD10", "MOD11"]).default("MOD10"),
  // --- Swedish creditors (docs/RULES.md, Sweden) ---
  /** lag (1981:739) 2 §: a påminnelseavgift was agreed (in writing) at the latest when the debt arose. */
  reminderFeeAgreed: z.boolean().default(false),
  /**
   * The påminnelseavgift (öre) of the payment reminder the creditor's own ledger sends before an
   * invoice reaches the agency; null (default): the ledger sends none. Procountor's API does not
   * show its payment reminders or their fees, so the creditor states it here: every case opened
   * from the ledger then counts that påminnelse, with this fee, among the claim's fees under lag
   * (1981:739) — one påminnelseavgift per claim (4 §), so the agency's påminnelse carries none —
   * as the Norwegian ledger letters count under inkassoforskriften § 1-3. A reminder the ledger
   * does report (its last letter) is used instead.
   */
  ledgerReminderFee: z.number().int().min(1).max(1_000_00).nullable().default(null),
  /** The inkassokrav's deadline in days from sending; null: the shortest god inkassosed allows (≥ 8 days and ≥ 4 bank days after presumed receipt). */
  collectionDemandDeadlineDays: z.number().int().min(8).max(60).nullable().default(null),
  /**
   * lag (1981:739) 4 a §: charge a business debtor the förseningsersättning, 450 kr, once per claim
   * when dröjsmålsränta accrues; the påminnelseavgift, inkassoersättning and amorteringsplan fee are
   * then owed only as far as together they exceed it. Never from a consumer.
   */
  lateCompensation: z.boolean().default(false),
  /** The creditor's rules for payment plans (betalingsavtale; docs/CASES.md, "Payment plans"). */
  paymentPlan: z
    .object({
      /** The smallest instalment accepted, in minor units (øre); the last may be smaller. */
      minInstalmentMinor: z.number().int().min(1).default(500_00),
      /** The last instalment at most this many months after the plan is agreed. */
      maxMonths: z.number().int().min(1).max(60).default(12),
      /** The first instalment at most this many days after the plan is agreed. */
      firstInstalmentWithinDays: z.number().int().min(0).max(90).default(30),
      /** Days an instalment may be late before the plan breaks. */
      graceDays: z.number().int().min(0).max(60).default(7),
      /** Charge the instalment agreement's cost (inkassoforskriften § 2-4; amount uncertain, so off by default). */
      chargeInstalmentCost: z.boolean().default(false),
      /** One KID per instalment instead of the case's KID for the whole plan. */
      kidPerInstalment: z.boolean().default(false),
    })
    .prefault({}),
  /** Surveillance (langtidsovervåking; docs/CASES.md, "Surveillance"). */
  surveillance: z
    .object({
      /** A case in surveillance is reviewed this often. */
      reviewMonths: z.number().int().min(1).max(24).default(6),
      /** This many days before the limitation date a case in surveillance is acted on (a new payment demand, then a legal step). */
      limitationActionDays: z.number().int().min(60).max(365).default(120),
    })
    .prefault({}),
  /**
   * The first letter's claim text carries the invoice's additional information and its first ten
   * product lines (at most 1000 characters), as the ledger gives them (Procountor Inkasso: off by default).
   */
  letterInvoiceDetails: z.boolean().default(false),
  /** The first letter names the invoice's original number from the external system it came from (Procountor Inkasso: on by default). */
  letterOriginalInvoiceNumber: z.boolean().default(true),
});

/** Settings only one country's law knows: given to a creditor of the other country they are refused. */
const ONLY_FOR: Readonly<Record<string, "NO" | "SE">> = {
  legalStep: "NO",
  creditCheckBeforeLegal: "NO",
  creditCheckValidDays: "NO",
  paymentDemandDeadlineDays: "NO",
  approveBeforePaymentDemand: "NO",
  stopWindowDays: "NO",
  kidAlgorithm: "NO",
  reminderFeeAgreed: "SE",
  ledgerReminderFee: "SE",
  collectionDemandDeadlineDays: "SE",
  lateCompensation: "SE",
};
const WHY: Readonly<Record<"NO" | "SE", string>> = {
  NO: "a Norwegian rule (inkassoloven: betalingsoppfordring, forliksklage/utlegg, KID) that Swedish collection does not have",
  SE: "a Swedish rule (lag (1981:739), räntelagen, god inkassosed) that Norwegian collection does not have",
};

/**
 * The settings given for a creditor of `country` that belong to the other country's law, each
 * with the reason (a Swedish creditor with a Norwegian rule, or the reverse, is refused whole).
 * A foreign setting left at its default says nothing and passes (a form may send every field).
 */
export function foreignSettings(country: "NO" | "SE", input: unknown): { field: string; reason: string }[] {
  if (input === null || typeof input !== "object") return [];
  const given = input as Record<string, unknown>;
  const defaults = DEFAULT_COLLECTION_SETTINGS as unknown as Record<string, unknown>;
  return Object.keys(given)
    .filter((k) => ONLY_FOR[k] !== undefined && ONLY_FOR[k] !== country && JSON.stringify(given[k]) !== JSON.stringify(defaults[k]))
    .map((k) => ({ field: k, reason: `${k} is ${WHY[ONLY_FOR[k]!]}; this creditor is ${country}` }));
}

export type CollectionSettings = z.output<typeof CollectionSettingsSchema>;
export type CollectionSettingsInput = z.input<typeof CollectionSettingsSchema>;

export const DEFAULT_COLLECTION_SETTINGS: CollectionSettings = CollectionSettingsSchema.parse({});

/**
 * The settings a person sent, checked whole: a refused value is a `DomainError` naming it under
 * `field` (`collection.reminderDeadlineDays`), never a bare schema error (a 500 at the API).
 */
export function checkedCollectionSettings(input: Record<string, unknown>, field = "collection"): CollectionSettings {
  const r = CollectionSettingsSchema.safeParse(input);
  if (!r.success) {
    const i = r.error.issues[0]!;
    throw new DomainError("invalid_input", i.message, [field, ...i.path.map(String)].join("."));
  }
  return r.data;
}

export function parseCollectionSettings(input: unknown): CollectionSettings {
  return CollectionSettingsSchema.parse(input ?? {});
}
