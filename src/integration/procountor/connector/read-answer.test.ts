import { describe, expect, it } from "vitest";
import { readProcountorAnswer } from "./read-answer.js";

/** Procountor's HTTP answers → data or the closed error set (ErrorMessages bodies as the API reference shows them). */
const errors = (status: number, field: string | undefined, message: string) => JSON.stringify({ errors: [{ status, ...(field ? { field } : {}), message }] });

describe("readProcountorAnswer", () => {
  it("reads a 200 model and a search's totalCount; a cut body is malformed and retryable once", () => {
    expect(readProcountorAnswer(200, '{"results":[],"meta":{"totalCount":3}}')).toEqual({ ok: true, data: { results: [], meta: { totalCount: 3 } }, count: 3 });
    const cut = readProcountorAnswer(200, '{"results":[{"id":1');
    expect(cut).toMatchObject({ ok: false, malformed: true, error: { code: "invalid", retryable: true, vendorCode: "MalformedResponse" } });
  });

  it("maps each status: 400 invalid naming the field, 401 auth, 403 and 409 (a stale version) invalid for good, 404, 429, 5xx", () => {
    const read = (status: number, body = errors(status, undefined, "x")) => {
      const r = readProcountorAnswer(status, body);
      if (r.ok) throw new Error("expected a failure");
      return { code: r.error.code, retryable: r.error.retryable, vendorCode: r.error.vendorCode, detail: r.error.detail };
    };
    expect(read(400, errors(400, "transactions[0].account", "Ledger account 9999 does not exist"))).toEqual({ code: "invalid", retryable: false, vendorCode: "Invalid:transactions[0].account", detail: "transactions[0].account: Ledger account 9999 does not exist" });
    expect(read(401)).toMatchObject({ code: "auth_failed", retryable: true });
    expect(read(403)).toMatchObject({ code: "invalid", retryable: false, vendorCode: "Forbidden" });
    expect(read(409, errors(409, "version", "modified by another user"))).toEqual({ code: "invalid", retryable: false, vendorCode: "StaleVersion", detail: "version: modified by another user" });
    expect(read(404)).toMatchObject({ code: "not_found", retryable: false });
    expect(read(429)).toMatchObject({ code: "rate_limited", retryable: true });
    expect(read(503, "<html>")).toMatchObject({ code: "unavailable", retryable: true });
  });
});
