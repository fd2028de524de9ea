/**
 * The one error type of the domain core. `code` is machine-readable and closed per module;
 * `field` names the input that was wrong (a CLI flag, a JSON path); `message` says why in
 * words a person understands. The edges (CLI, HTTP) map it to exit code 2 / HTTP 400.
 */
export class DomainError extends Error {
  readonly code: string;
  readonly field: string | undefined;

  constructor(code: string, message: string, field?: string) {
    super(field ? `${field}: ${message}` : message);
    this.name = "DomainError";
    this.code = code;
    this.field = field;
  }
}

export function invalidInput(field: string, message: string): DomainError {
  return new DomainError("invalid_input", message, field);
}
