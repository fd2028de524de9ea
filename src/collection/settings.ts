import { z } from "zod";

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
  /**
   * The first letter's claim text carries the invoice's additional information and its first ten
   * product lines (at most 1000 characters), as the ledger gives them (Procountor Inkasso: off by default).
   */
  letterInvoiceDetails: z.boolean().default(false),
  /** The first letter names the invoice's original number from the external system it came from (Procountor Inkasso: on by default). */
  letterOriginalInvoiceNumber: z.boolean().default(true),
});

export type CollectionSettings = z.output<typeof CollectionSettingsSchema>;
export type CollectionSettingsInput = z.input<typeof CollectionSettingsSchema>;

export const DEFAULT_COLLECTION_SETTINGS: CollectionSettings = CollectionSettingsSchema.parse({});

export function parseCollectionSettings(input: unknown): CollectionSettings {
  return CollectionSettingsSchema.parse(input ?? {});
}
