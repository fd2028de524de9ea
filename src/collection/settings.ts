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
  /** Ordinary collection before a case moves to surveillance (overvåking). */
  surveillanceAfterMonths: z.number().int().min(1).max(60).default(12),
  /** Days before the limitation date at which a warning is written to the timeline. */
  limitationWarningDays: z.array(z.number().int().min(1).max(365)).default([90, 30]),
  /** Withdrawal is free within this many days after the collection notice (docs/CASES.md, the lifecycle). */
  freeWithdrawalDays: z.number().int().min(0).max(60).default(10),
  kidAlgorithm: z.enum(["MOD10", "MOD11"]).default("MOD10"),
});

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
