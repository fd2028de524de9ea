/**
 * The one error type of the domain core. `code` is machine-readable and closed per module;
 * `field` names the input that was wrong (a CLI flag, a JSON path); `message` says why in
 * words a person understands (`facts` the same as data). The edges (CLI, HTTP) map it to exit code 2 / HTTP 400.
 */
export class DomainError extends Error {
  readonly code: string;
  readonly field: string | undefined;
  /**
   * The facts of the refusal as data (e.g. `{ reason: "dated_after_today", bookedOn, today }`),
   * for code that stores or translates it: `message` is for people and may be reworded freely.
   */
  readonly facts: Readonly<Record<string, string>> | undefined;

  constructor(code: string, message: string, field?: string, facts?: Readonly<Record<string, string>>) {
    super(field ? `${field}: ${message}` : message);
    this.name = "DomainError";
    this.code = code;
    this.field = field;
    this.facts = facts;
  }
}

export function invalidInput(field: string, message: string): DomainError {
  return new DomainError("invalid_input", message, field);
}
