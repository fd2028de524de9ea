/**
 * What every identifier check returns: an expected outcome, not an exception (bad identifiers are
 * data, e.g. a mistyped KID on a bank line). `reason` says in English why a value is invalid;
 * `normalized` is the canonical written form of a valid value.
 */
export interface IdentifierCheck {
  readonly valid: boolean;
  readonly normalized?: string;
  readonly reason?: string;
}

export function validIdentifier(normalized: string): IdentifierCheck {
  return { valid: true, normalized };
}

export function invalidIdentifier(reason: string): IdentifierCheck {
  return { valid: false, reason };
}

export function wrongLength(expected: string, got: number): IdentifierCheck {
  return invalidIdentifier(`wrong length: expected ${expected}, got ${got}`);
}

export const NON_DIGITS: IdentifierCheck = invalidIdentifier("contains non-digit characters");

export function wrongCheckDigit(expected: number | string, got: number | string): IdentifierCheck {
  return invalidIdentifier(`check digit: expected ${expected}, got ${got}`);
}
