import { describe, expect, it } from "vitest";
import { LedgerError } from "../../ledger-connector.js";
import { createApiClient } from "./api-client.js";
import { DEFAULT_BACKOFF, createPacer, type Timing } from "./pacing.js";
import { createTokenSource } from "./token-source.js";
import { createExchange, type FetchLike } from "./transport.js";

/**
 * The HTTP edge with scripted answers (no server): retries, backoff, the 401 token refresh, the
 * malformed-body rule and the mapping of every vendor failure to the closed set.
 */
type Scripted = { status: number; body: string; contentType?: string } | "hang";

function rig(script: Scripted[], options: { maxAttempts?: number; timeoutMs?: number } = {}) {
  let now = Date.parse("2025-03-01T09:00:00Z");
  const sleeps: number[] = [];
  const calls: { method: string; url: string; auth: string }[] = [];
  const timing: Timing = {
    now: () => new Date(now),
    sleep: async (ms) => {
      sleeps.push(ms);
      now += ms;
    },
    random: () => 0.5,
  };
  let tokenNo = 0;
  const fetch: FetchLike = async (url, init) => {
    if (url.endsWith("/OAuth/Token")) {
      tokenNo++;
      return answer({ status: 200, body: JSON.stringify({ access_token: `t${tokenNo}`, token_type: "bearer", expires_in: 1200 }) });
    }
    calls.push({ method: init.method, url, auth: init.headers["authorization"] ?? "" });
    const next = script.shift() ?? { status: 500, body: "script exhausted" };
    if (next === "hang") {
      return new Promise((_resolve, reject) => init.signal.addEventListener("abort", () => reject(new Error("aborted"))));
    }
    return answer(next);
  };
  const exchange = createExchange(fetch, createPacer(timing, 40), options.timeoutMs ?? 1_000);
  const maxAttempts = options.maxAttempts ?? 4;
  const tokens = createTokenSource({ tokenUrl: "https://api.test/OAuth/Token", applicationKey: "a", clientKey: "c", exchange, timing, backoff: DEFAULT_BACKOFF, maxAttempts });
  const api = createApiClient({ baseUrl: "https://api.test/", exchange, tokens, timing, backoff: DEFAULT_BACKOFF, maxAttempts });
  return { api, calls, sleeps, tokensIssued: () => tokenNo };
}

function answer(a: { status: number; body: string; contentType?: string }) {
  const bytes = new TextEncoder().encode(a.body);
  return { status: a.status, headers: { get: (n: string) => (n === "content-type" ? (a.contentType ?? "application/json; charset=utf-8") : null) }, arrayBuffer: async () => bytes.buffer as ArrayBuffer };
}

const ok = (data: unknown, count?: number) => ({ status: 200, body: JSON.stringify(count === undefined ? { data, success: true } : { data, count, success: true }) });
const refused = (exception: string, summary: string) => ({ status: 200, body: JSON.stringify({ success: false, validation: { errorLogReference: "2sxuf3bp2jq-0810110719", summary, exception } }) });

describe("PowerOffice API client", () => {
  it("builds the URL with the OData parameters percent-encoded and sends the bearer token", async () => {
    const r = rig([ok([], 0)]);
    await r.api.call("GET", "/DebtCollection/", { query: { $filter: "(Code eq 'A+B')", $top: 10 } });
    expect(r.calls[0]).toEqual({ method: "GET", url: "https://api.test/DebtCollection/?$filter=(Code%20eq%20'A%2BB')&$top=10", auth: "Bearer t1" });
  });

  it("waits at least a second after 429 and tries again", async () => {
    const r = rig([{ status: 429, body: "{}" }, ok(true)]);
    expect((await r.api.call("GET", "/x")).data).toBe(true);
    expect(r.sleeps[0]).toBeGreaterThanOrEqual(1_000);
  });

  it("backs off with growing, jittered delays on 5xx and gives up after the bound as unavailable", async () => {
    const r = rig([{ status: 500, body: "a" }, { status: 502, body: "b" }, { status: 503, body: "c" }, { status: 500, body: "d" }]);
    const e = await r.api.call("GET", "/x").catch((x: unknown) => x);
    expect(e).toMatchObject({ code: "unavailable", retryable: true, response: { status: 500, body: "d" } });
    expect(r.calls).toHaveLength(4);
    expect(r.sleeps).toEqual([125, 250, 500]);
  });

  it("retries a malformed body once; a second one is invalid, not retryable, with the raw body kept", async () => {
    const cut = { status: 200, body: '{"data":[{"id":"3f2c' };
    expect((await rig([cut, ok(1)]).api.call("GET", "/x")).data).toBe(1);
    const e = await rig([cut, cut]).api.call("GET", "/x").catch((x: unknown) => x);
    expect(e).toBeInstanceOf(LedgerError);
    expect(e).toMatchObject({ code: "invalid", retryable: false, vendorCode: "MalformedResponse", response: { status: 200, body: cut.body } });
  });

  it("maps HTTP-200 failures to the closed set", async () => {
    const cases: [Scripted, string][] = [
      [refused("NotFoundException", "Debt collection case x was not found"), "not_found"],
      [refused("OData", "Invalid operator"), "invalid"],
      [refused("ValidationException", "The request is invalid"), "invalid"],
      [refused("SecurityException", "Debt collection is not active"), "auth_failed"],
      [refused("ApiException", "Unauthorized access"), "auth_failed"],
      [refused("SomethingNew", "?"), "invalid"],
      [{ status: 403, body: "{}" }, "auth_failed"],
      [{ status: 404, body: "{}" }, "not_found"],
    ];
    for (const [scripted, code] of cases) {
      const e = (await rig([scripted]).api.call("GET", "/x").catch((x: unknown) => x)) as LedgerError;
      expect([e.code, e.retryable]).toEqual([code, false]);
    }
  });

  it("drops a refused token and fetches a new one (401), but not twice", async () => {
    const r = rig([{ status: 401, body: "{}" }, ok("fine")]);
    expect((await r.api.call("GET", "/x")).data).toBe("fine");
    expect(r.calls.map((c) => c.auth)).toEqual(["Bearer t1", "Bearer t2"]);
    const twice = rig([{ status: 401, body: "{}" }, { status: 401, body: "{}" }]);
    await expect(twice.api.call("GET", "/x")).rejects.toMatchObject({ code: "auth_failed", retryable: false });
  });

  it("never repeats a write blindly: a timeout, 5xx or garbled answer is 'uncertain'; 429 is retried", async () => {
    expect(await rig([{ status: 500, body: "" }]).api.callOnce("POST", "/w")).toMatchObject({ status: "uncertain", error: { code: "unavailable" } });
    expect(await rig([{ status: 200, body: '{"da' }]).api.callOnce("POST", "/w")).toMatchObject({ status: "uncertain", error: { code: "invalid" } });
    const hung = rig(["hang"], { timeoutMs: 20 });
    expect(await hung.api.callOnce("POST", "/w")).toMatchObject({ status: "uncertain", error: { code: "unavailable", vendorCode: "Timeout" } });
    expect(hung.calls).toHaveLength(1);
    const limited = rig([{ status: 429, body: "" }, ok({ id: 1 })]);
    expect(await limited.api.callOnce("POST", "/w")).toMatchObject({ status: "done", result: { data: { id: 1 } } });
    await expect(rig([refused("InvalidOperationException", "Invoice 1 is already on a case")]).api.callOnce("POST", "/w")).rejects.toMatchObject({
      code: "invalid",
      vendorCode: "InvalidOperationException",
    });
  });

  it("retries reads after a timeout", async () => {
    const r = rig(["hang", ok(7)], { timeoutMs: 20 });
    expect((await r.api.call("GET", "/x")).data).toBe(7);
  });

  it("returns file bytes, and maps an error envelope on a file route", async () => {
    const r = rig([{ status: 200, body: "%PDF-1.4 …", contentType: "application/pdf" }, refused("NotFoundException", "Invoice x was not found")]);
    const f = await r.api.file("/DebtCollection/GetInvoicePdf/x/");
    expect(new TextDecoder().decode(f.bytes)).toBe("%PDF-1.4 …");
    await expect(r.api.file("/DebtCollection/GetInvoicePdf/y/")).rejects.toMatchObject({ code: "not_found" });
  });
});
