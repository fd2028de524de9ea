import { LedgerError } from "../../ledger-connector.js";
import { readEnvelope, type EnvelopeRead } from "./envelope.js";
import { backoffMs, type BackoffPolicy, type Timing } from "./pacing.js";
import type { TokenSource } from "./token-source.js";
import type { Exchange, HttpAnswer } from "./transport.js";

/**
 * Calls to the PowerOffice Go API with a bearer token, retried with backoff within a bound:
 * - reads (and writes the vendor deduplicates) are repeated after 429, 5xx, timeouts and a
 *   malformed body (the latter once: a second garbled answer is `invalid`, not retryable);
 * - writes that must not be repeated blindly (`once`) are repeated only after 429 and 401, which
 *   refuse a request before it is carried out. After a timeout, 5xx or a garbled answer the write
 *   may have landed: `callOnce` says "uncertain" and the caller looks before it writes again.
 */
/** The methods a vendor API is called with. */
export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

export interface ApiData {
  readonly data: unknown;
  readonly count: number | undefined;
  /** The raw body, for reports when an item in it cannot be read. */
  readonly raw: string;
}

export type OnceOutcome = { readonly status: "done"; readonly result: ApiData } | { readonly status: "uncertain"; readonly error: LedgerError };

export interface CallOptions {
  readonly query?: Readonly<Record<string, string | number | undefined>>;
  readonly body?: unknown;
}

export interface ApiClient {
  call(method: HttpMethod, path: string, options?: CallOptions): Promise<ApiData>;
  callOnce(method: Exclude<HttpMethod, "GET">, path: string, options?: CallOptions): Promise<OnceOutcome>;
  /** A file route (GetInvoicePdf): the bytes, or a LedgerError when the answer is an error envelope. */
  file(path: string): Promise<{ contentType: string; bytes: Uint8Array }>;
}

export interface ApiClientOptions {
  readonly baseUrl: string;
  readonly exchange: Exchange;
  readonly tokens: TokenSource;
  readonly timing: Timing;
  readonly backoff: BackoffPolicy;
  readonly maxAttempts: number;
  /** How an answer is read into data or the closed error set; default PowerOffice's envelope. Other vendors (Procountor) pass their own. */
  readonly read?: (status: number, body: string) => EnvelopeRead;
}

type Step = { readonly kind: "return"; readonly answer: HttpAnswer; readonly result?: ApiData } | { readonly kind: "retry"; readonly error: LedgerError; readonly uncertain: boolean };

export function createApiClient(o: ApiClientOptions): ApiClient {
  const readAnswer = o.read ?? readEnvelope;
  const base = o.baseUrl.replace(/\/+$/, "");

  function url(path: string, query?: CallOptions["query"]): string {
    const params = Object.entries(query ?? {})
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => `${k}=${encodeURIComponent(String(v))}`);
    return `${base}${path}${params.length ? `?${params.join("&")}` : ""}`;
  }

  /** One attempt: the answer, or why to try again (and whether the request may have been carried out). */
  async function attempt(method: HttpMethod, path: string, options: CallOptions, expectFile: boolean, malformedSeen: boolean): Promise<Step> {
    const token = await o.tokens.token();
    let answer: HttpAnswer;
    try {
      answer = await o.exchange({
        method,
        url: url(path, options.query),
        headers: {
          authorization: `Bearer ${token}`,
          accept: expectFile ? "*/*" : "application/json",
          ...(options.body === undefined ? {} : { "content-type": "application/json; charset=utf-8" }),
        },
        ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
      });
    } catch (e) {
      if (e instanceof LedgerError && e.retryable) return { kind: "retry", error: e, uncertain: true };
      throw e;
    }
    if (answer.status === 401) {
      o.tokens.invalidate(token);
      const read = readAnswer(401, answer.text());
      return { kind: "retry", error: read.ok ? new LedgerError("auth_failed", "401") : read.error, uncertain: false };
    }
    if (expectFile && answer.status === 200 && !answer.contentType.toLowerCase().includes("json")) return { kind: "return", answer };
    const read = readAnswer(answer.status, answer.text());
    if (read.ok) return { kind: "return", answer, result: { data: read.data, count: read.count, raw: answer.text() } };
    if (read.malformed && malformedSeen) {
      throw new LedgerError("invalid", `${read.error.detail} (twice)`, { retryable: false, ...(read.error.response ? { response: read.error.response } : {}), vendorCode: "MalformedResponse" });
    }
    if (!read.error.retryable) throw read.error;
    return { kind: "retry", error: read.error, uncertain: read.error.code !== "rate_limited" };
  }

  async function run(method: HttpMethod, path: string, options: CallOptions, mode: "safe" | "once" | "file"): Promise<Step & { kind: "return" } | { kind: "uncertain"; error: LedgerError }> {
    let last: LedgerError | undefined;
    let malformedSeen = false;
    let unauthorized = 0;
    for (let n = 0; n < o.maxAttempts; n++) {
      if (n > 0 && last && last.code !== "auth_failed") await o.timing.sleep(backoffMs(o.backoff, n - 1, o.timing.random, last.code === "rate_limited"));
      const step = await attempt(method, path, options, mode === "file", malformedSeen);
      if (step.kind === "return") return step;
      last = step.error;
      if (step.error.code === "auth_failed" && ++unauthorized > 1) {
        throw new LedgerError("auth_failed", "the access token was refused twice", { retryable: false, ...(step.error.response ? { response: step.error.response } : {}) });
      }
      if (step.error.vendorCode === "MalformedResponse") malformedSeen = true;
      if (mode === "once" && step.uncertain) return { kind: "uncertain", error: step.error };
    }
    throw last ?? new LedgerError("unavailable", "no attempt was made");
  }

  return {
    async call(method, path, options = {}) {
      const step = await run(method, path, options, "safe");
      if (step.kind !== "return") throw step.error;
      return step.result!;
    },
    async callOnce(method, path, options = {}) {
      const step = await run(method, path, options, "once");
      return step.kind === "return" ? { status: "done", result: step.result! } : { status: "uncertain", error: step.error };
    },
    async file(path) {
      const step = await run("GET", path, {}, "file");
      if (step.kind !== "return") throw step.error;
      if (step.result) throw new LedgerError("invalid", "expected a file, got a JSON answer", { retryable: false });
      return { contentType: step.answer.contentType, bytes: step.answer.bytes };
    },
  };
}
