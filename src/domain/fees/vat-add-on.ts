/**
 * The VAT add-on to the salær maxima belongs to the CLAIM, not to the creditor (inkassoforskriften
 * § 2-2 second paragraph): "Dersom hele eller mer enn halvparten av et krav ikke skriver seg fra
 * virksomhet som er merverdiavgiftspliktig", the general MVA rate is added to the maxima. A
 * VAT-registered creditor's claim for housing rent or health services (outside the VAT system)
 * gets the add-on; so does every claim of a creditor that is not VAT-registered.
 *
 * - `vat-liable-business`: all or most of the claim stems from VAT-liable business — no add-on;
 * - `not-vat-liable-business`: all or more than half of it does not — the add-on applies.
 */
export const VAT_ADD_ON_BASES = ["vat-liable-business", "not-vat-liable-business"] as const;
export type VatAddOnBasis = (typeof VAT_ADD_ON_BASES)[number];

export function isVatAddOnBasis(value: unknown): value is VatAddOnBasis {
  return typeof value === "string" && (VAT_ADD_ON_BASES as readonly string[]).includes(value);
}

/**
 * The claim's basis: as given, or (the default, Fordring's behaviour before the claim-level flag)
 * from the creditor: a VAT-registered creditor's claims stem from VAT-liable business.
 */
export function vatAddOnBasisOf(input: { readonly vatAddOnBasis?: VatAddOnBasis | null; readonly creditorVatRegistered?: boolean }): VatAddOnBasis {
  if (input.vatAddOnBasis) return input.vatAddOnBasis;
  return input.creditorVatRegistered === false ? "not-vat-liable-business" : "vat-liable-business";
}
