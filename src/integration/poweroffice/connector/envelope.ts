import { LedgerError, ledgerResponse, type LedgerErrorCode } from "../../ledger-connector.js";

/**
 * PowerOffice's answers (apicalls.md): `{data, success}`, lists `{data, count, success}`, and
 * business or validation failures as HTTP 200 `{success:false, validation:{errorLogReference,
 * summary, exception, fields?}}`. Everything maps to the closed LedgerError set here, in one place.
 */
export type EnvelopeRead =
  | { readonly ok: true; readonly data: unknown; readonly count: number | undefined }
  | { readonly ok: false; readonly error: LedgerError; readonly malformed: boolean };

/** `validation.exception` → our code. Names other than OData and ApiUniqueConstraint are inferred (poweroffice.md §6). */
const EXCEPTIONS: Readonly<Record<string, LedgerErrorCode>> = {
  NotFoundException: "not_found",
  // route_get_debtcollection_isactivedebtcollection_.md: case creation "will throw a SecurityException" when inactive.
  SecurityException: "auth_failed",
  ApiUniqueConstraint: "invalid",
  OData: "invalid",
  ValidationException: "invalid",
  InvalidOperationException: "invalid",
  ApiMaxPageSizeException: "invalid",
  BadRequest: "invalid",
};

/** Reads a JSON answer of HTTP status `status`. */
export function readEnvelope(status: number, body: string): EnvelopeRead {
  if (status !== 200) return { ok: false, error: httpError(status, body), malformed: false };
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return { ok: false, error: malformedError(status, body, "the body is not JSON"), malformed: true };
  }
  if (parsed === null || typeof parsed !== "object" || typeof (parsed as { success?: unknown }).success !== "boolean") {
    return { ok: false, error: malformedError(status, body, "the body is not a {data, success} envelope"), malformed: true };
  }
  const envelope = parsed as { success: boolean; data?: unknown; count?: unknown; validation?: { summary?: unknown; exception?: unknown } };
  if (envelope.success) {
    return { ok: true, data: envelope.data, count: typeof envelope.count === "number" ? envelope.count : undefined };
  }
  const summary = typeof envelope.validation?.summary === "string" ? envelope.validation.summary : "the request was refused";
  const exception = typeof envelope.validation?.exception === "string" ? envelope.validation.exception : undefined;
  // changelog 2.2.0: a method the integration has no privilege for answers "Unauthorized access".
  const code: LedgerErrorCode = /unauthori[sz]ed access/i.test(summary) ? "auth_failed" : ((exception ? EXCEPTIONS[exception] : undefined) ?? "invalid");
  return {
    ok: false,
    error: new LedgerError(code, summary, { retryable: false, response: ledgerResponse(status, body), ...(exception ? { vendorCode: exception } : {}) }),
    malformed: false,
  };
}

/** Non-200 answers: 401/403 auth, 404, 429, 5xx. 401 is retryable once with a new token (the client does that). */
export function httpError(status: number, body: string): LedgerError {
  const response = ledgerResponse(status, body);
  if (status === 401) return new LedgerError("auth_failed", "the access token was refused (401)", { retryable: true, response });
  if (status === 403) return new LedgerError("auth_failed", "the client's subscriptions do not cover this service (403)", { retryable: false, response });
  if (status === 404) return new LedgerError("not_found", "no such resource (404)", { response });
  if (status === 429) return new LedgerError("rate_limited", "more than 50 requests per second for this integration key (429)", { response });
  if (status === 408 || status >= 500) return new LedgerError("unavailable", `the service answered ${status}`, { response });
  return new LedgerError("invalid", `the service answered ${status}`, { retryable: false, response });
}

/** A cut or garbled body: retryable (once) because the next answer may be whole; the raw text is kept. */
export function malformedError(status: number, body: string, why: string): LedgerError {
  return new LedgerError("invalid", `malformed response: ${why}`, { retryable: true, response: ledgerResponse(status, body), vendorCode: "MalformedResponse" });
}
