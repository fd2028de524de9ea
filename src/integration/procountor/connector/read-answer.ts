import { LedgerError, ledgerResponse } from "../../ledger-connector.js";
import type { EnvelopeRead } from "../../poweroffice/connector/envelope.js";
import { malformedError } from "../../poweroffice/connector/envelope.js";

/**
 * Procountor's answers: the model itself with HTTP 200, failures as `ErrorMessages { errors:
 * [{ status, field, message }] }` with the HTTP status (400 invalid data, 401 token, 403
 * "insufficient user rights or invoice in wrong status", 404, 409 stale version [uncertain], 429,
 * 5xx). Mapped to the closed LedgerError set here, in one place.
 */
export function readProcountorAnswer(status: number, body: string): EnvelopeRead {
  if (status === 200) {
    try {
      const data: unknown = JSON.parse(body);
      if (data === null || typeof data !== "object") return { ok: false, error: malformedError(status, body, "the body is not a JSON object"), malformed: true };
      const meta = (data as { meta?: { totalCount?: unknown } }).meta;
      return { ok: true, data, count: typeof meta?.totalCount === "number" ? meta.totalCount : undefined };
    } catch {
      return { ok: false, error: malformedError(status, body, "the body is not JSON"), malformed: true };
    }
  }
  const response = ledgerResponse(status, body);
  const first = firstError(body);
  const detail = first ? `${first.field ? `${first.field}: ` : ""}${first.message ?? ""}`.trim() : `the service answered ${status}`;
  if (status === 401) return { ok: false, error: new LedgerError("auth_failed", "the access token was refused (401)", { retryable: true, response }), malformed: false };
  if (status === 429) return { ok: false, error: new LedgerError("rate_limited", "too many requests for this company (429)", { response }), malformed: false };
  if (status === 408 || status >= 500) return { ok: false, error: new LedgerError("unavailable", `the service answered ${status}`, { response }), malformed: false };
  if (status === 404) return { ok: false, error: new LedgerError("not_found", detail, { retryable: false, response, vendorCode: "NotFound" }), malformed: false };
  if (status === 409) return { ok: false, error: new LedgerError("invalid", detail, { retryable: false, response, vendorCode: "StaleVersion" }), malformed: false };
  if (status === 403) return { ok: false, error: new LedgerError("invalid", detail, { retryable: false, response, vendorCode: "Forbidden" }), malformed: false };
  return { ok: false, error: new LedgerError("invalid", detail, { retryable: false, response, vendorCode: first?.field ? `Invalid:${first.field}` : "Invalid" }), malformed: false };
}

function firstError(body: string): { field?: string; message?: string } | undefined {
  try {
    const parsed = JSON.parse(body) as { errors?: { field?: unknown; message?: unknown }[] };
    const e = Array.isArray(parsed.errors) ? parsed.errors[0] : undefined;
    if (!e) return undefined;
    return { ...(typeof e.field === "string" ? { field: e.field } : {}), ...(typeof e.message === "string" ? { message: e.message } : {}) };
  } catch {
    return undefined;
  }
}
