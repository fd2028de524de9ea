import { DomainError } from "./errors.js";

/** For tests: runs `fn` and returns the DomainError it throws (fails the test if it throws nothing or something else). */
export function catchError(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (e) {
    if (e instanceof DomainError) return e;
    throw e;
  }
  throw new Error("expected a DomainError");
}
