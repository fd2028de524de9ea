/**
 * A decision's reason in words for people, in Swedish and English (the Norwegian rules give nb and
 * en; a Swedish debtor reads sv). `code` is stable for machines; the texts may change.
 */
export interface SwedishReason<Code extends string> {
  readonly code: Code;
  readonly text: { readonly sv: string; readonly en: string };
}

export function reason<Code extends string>(code: Code, sv: string, en: string): SwedishReason<Code> {
  return { code, text: { sv, en } };
}

/** 18000 öre → "180,00" (Swedish decimal comma, no thousands separator for these small sums). */
export function kronor(amountMinor: number): string {
  const sign = amountMinor < 0 ? "-" : "";
  const abs = Math.abs(amountMinor);
  return `${sign}${Math.trunc(abs / 100)},${String(abs % 100).padStart(2, "0")}`;
}

/** 18000 öre → "180.00" (for English texts). */
export function decimal(amountMinor: number): string {
  return kronor(amountMinor).replace(",", ".");
}
