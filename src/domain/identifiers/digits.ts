/**
 * Character-level helpers shared by the check-digit validators. They work on char codes so that
 * checking a bank-file line allocates nothing on the common path (no regex, no digit arrays).
 */

const ZERO = 48; // "0"
const NINE = 57; // "9"

/** True when `value[start, end)` is non-empty and holds only the ASCII digits 0–9. */
export function isDigits(value: string, start = 0, end = value.length): boolean {
  if (start >= end) return false;
  for (let i = start; i < end; i++) {
    const c = value.charCodeAt(i);
    if (c < ZERO || c > NINE) return false;
  }
  return true;
}

/** The digit at `index`; the caller has checked with `isDigits`. */
export function digitAt(value: string, index: number): number {
  return value.charCodeAt(index) - ZERO;
}

/**
 * `value` without any of the characters in `separators` (e.g. `" ."`). Returns `value` itself when
 * it holds none, so already-compact input costs one scan and no allocation.
 */
export function removeSeparators(value: string, separators: string): string {
  let found = false;
  for (let i = 0; i < value.length; i++) {
    if (separators.includes(value.charAt(i))) {
      found = true;
      break;
    }
  }
  if (!found) return value;
  let out = "";
  for (let i = 0; i < value.length; i++) {
    const ch = value.charAt(i);
    if (!separators.includes(ch)) out += ch;
  }
  return out;
}
