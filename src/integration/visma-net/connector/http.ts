import { LedgerError, ledgerResponse } from "../../ledger-connector.js";
import { backoffMs, type BackoffPolicy, type Timing } from "../../poweroffice/connector/pacing.js";
import type { Exchange, HttpAnswer } from "../../poweroffice/connector/transport.js";
import { responseViolations } from "../openapi.js";

/**
 * Calls to the Visma.net ERP API: a Visma Connect token per company (client credentials with the
 * tenant named), retried with backoff within a bound. Reads are repeated after 429 (waiting the
 * `Retry-After`), 5xx, timeouts and a cut body. Writes (`once`) are repeated only after what refuses
 * a request before it is carried out (429, 401); after a timeout, a 5xx or a cut answer the write
 * may have landed, so `once` answers "uncertain" and the caller looks before it writes again.
 *
 * Writes can go through the `erp-api-background` path: the 202's job is polled on
 * `/v1/background/{id}` until it finishes; one that does not finish within the polls is
 * "uncertain" too. Every JSON answer is checked against the OpenAPI document; an answer that breaks
 * it is `invalid` with the field named (`/0/debtCollection/caseNumber must be string`).
 */
export type Method = "GET" | "POST" | "PUT";

export interface Answer {
  readonly status: number;
  readonly data: unknown;
  readonly raw: string;
  readonly etag: string | null;
  readonly location: string | null;
  readonly contentType: string;
  readonly bytes: Uint8Array;
}

export type Outcome = { readonly status: "done"; readonly answer: Answer } | { readonly status: "uncertain"; readonly error: LedgerError };

export interface CallOptions {
  /** The OpenAPI path the answer is checked against ("/v1/customerinvoice/{invoiceNumber}"). */
  readonly route: string;
  readonly query?: Readonly<Record<string, string | number | boolean | undefined>>;
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
  /** Send through `erp-api-background` and wait for the job. */
  readonly background?: boolean;
}

export interface VismaApi {
  call(method: Method, path: string, o: CallOptions): Promise<Answer>;
  once(method: Method, path: string, o: CallOptions): Promise<Outcome>;
}

export interface VismaApiOptions {
  readonly baseUrl: string;
  readonly tokenUrl: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly tenantId: string;
  readonly scope: string;
  readonly exchange: Exchange;
  readonly timing: Timing;
  readonly backoff: BackoffPolicy;
  readonly maxAttempts: number;
  /** Polls of a background job before it counts as lost. */
  readonly backgroundPolls: number;
}

/** The background content's documented schema (`object`) is not its shape: it is checked against the original operation instead. */
export const UNCHECKED = "";

type Step = { kind: "answer"; answer: Answer } | { kind: "retry"; error: LedgerError; uncertain: boolean; waitMs?: number };

export function createVismaApi(o: VismaApiOptions): VismaApi {
  const base = o.baseUrl.replace(/\/+$/, "");
  let current: { token: string; expiresAt: number } | undefined;
  let inFlight: Promise<string> | undefined;

  async function fetchToken(): Promise<string> {
    let last: LedgerError | undefined;
    for (let n = 0; n < o.maxAttempts; n++) {
      if (n > 0) await o.timing.sleep(backoffMs(o.backoff, n - 1, o.timing.random, last?.code === "rate_limited"));
      let answer: HttpAnswer;
      try {
        answer = await o.exchange({
          method: "POST",
          url: o.tokenUrl,
          headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
          body: new URLSearchParams({ grant_type: "client_credentials", client_id: o.clientId, client_secret: o.clientSecret, tenant_id: o.tenantId, scope: o.scope }).toString(),
        });
      } catch (e) {
        if (e instanceof LedgerError && e.retryable) {
          last = e;
          continue;
        }
        throw e;
      }
      const text = answer.text();
      if (answer.status === 200) {
        const parsed = safeJson(text) as { access_token?: unknown; expires_in?: unknown } | undefined;
        if (typeof parsed?.access_token === "string" && parsed.access_token !== "") {
          const ttl = typeof parsed.expires_in === "number" && parsed.expires_in > 0 ? parsed.expires_in : 3600;
          current = { token: parsed.access_token, expiresAt: o.timing.now().getTime() + ttl * 1000 - Math.min(60_000, (ttl * 1000) / 2) };
          return current.token;
        }
        last = new LedgerError("invalid", "malformed token response", { retryable: true, response: ledgerResponse(200, text), vendorCode: "MalformedResponse" });
        continue;
      }
      if (answer.status === 400 || answer.status === 401 || answer.status === 403) {
        const error = (safeJson(text) as { error?: string } | undefined)?.error ?? String(answer.status);
        throw new LedgerError("auth_failed", error === "invalid_tenant" ? `the client may not use company (tenant) ${o.tenantId}` : `the client id and secret were refused (${error})`, { retryable: false, response: ledgerResponse(answer.status, text), vendorCode: error });
      }
      last = new LedgerError(answer.status === 429 ? "rate_limited" : "unavailable", `the token endpoint answered ${answer.status}`, { response: ledgerResponse(answer.status, text) });
    }
    throw last ?? new LedgerError("unavailable", "no token");
  }

  function token(): Promise<string> {
    if (current && o.timing.now().getTime() < current.expiresAt) return Promise.resolve(current.token);
    inFlight ??= fetchToken().finally(() => {
      inFlight = undefined;
    });
    return inFlight;
  }

  function url(path: string, query?: CallOptions["query"]): string {
    const params = Object.entries(query ?? {})
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => `${k}=${encodeURIComponent(String(v))}`);
    return `${path.startsWith("http") ? path : base + path}${params.length ? `?${params.join("&")}` : ""}`;
  }

  async function attempt(method: Method, path: string, o2: CallOptions, route: string): Promise<Step> {
    const t = await token();
    let answer: HttpAnswer;
    try {
      answer = await o.exchange({
        method,
        url: url(path, o2.query),
        headers: {
          authorization: `Bearer ${t}`,
          accept: "application/json",
          ...(o2.body === undefined ? {} : { "content-type": "application/json; charset=utf-8" }),
          ...(o2.background ? { "erp-api-background": "none" } : {}),
          ...o2.headers,
        },
        ...(o2.body === undefined ? {} : { body: JSON.stringify(o2.body) }),
      });
    } catch (e) {
      if (e instanceof LedgerError && e.retryable) return { kind: "retry", error: e, uncertain: true };
      throw e;
    }
    const text = answer.text();
    const response = ledgerResponse(answer.status, text);
    if (answer.status === 401) {
      if (current?.token === t) current = undefined;
      return { kind: "retry", error: new LedgerError("auth_failed", "the access token was refused", { response }), uncertain: false };
    }
    if (answer.status === 429) {
      const after = Number(headerOf(answer, "retry-after"));
      return { kind: "retry", error: new LedgerError("rate_limited", "Visma.net answered 429", { response }), uncertain: false, ...(after > 0 ? { waitMs: after * 1000 } : {}) };
    }
    if (answer.status >= 500) return { kind: "retry", error: new LedgerError("unavailable", `Visma.net answered ${answer.status}`, { response }), uncertain: true };
    if (answer.status >= 400) {
      const body = safeJson(text) as { ExceptionMessage?: string; message?: string } | undefined;
      const detail = body?.ExceptionMessage ?? body?.message ?? `Visma.net answered ${answer.status}`;
      const code = answer.status === 404 ? "not_found" : answer.status === 403 ? "auth_failed" : "invalid";
      throw new LedgerError(code, `${method} ${path}: ${detail}`, { retryable: false, response, vendorCode: answer.status === 412 ? "PreconditionFailed" : `HTTP${answer.status}` });
    }
    const contentType = answer.contentType.toLowerCase();
    let data: unknown;
    if (contentType.includes("json") && text !== "") {
      data = safeJson(text);
      if (data === undefined) return { kind: "retry", error: new LedgerError("unavailable", `${method} ${path}: the answer is not JSON (cut off?)`, { response, vendorCode: "MalformedResponse" }), uncertain: true };
      const violations = route === UNCHECKED ? [] : responseViolations(route, method, answer.status, data);
      if (violations.length > 0) {
        throw new LedgerError("invalid", `${method} ${path}: the answer breaks Visma's schema: ${violations.slice(0, 5).map((v) => v.message).join("; ")}`, { retryable: false, response, vendorCode: "SchemaViolation" });
      }
    }
    return { kind: "answer", answer: { status: answer.status, data, raw: text, etag: headerOf(answer, "etag"), location: headerOf(answer, "location"), contentType, bytes: answer.bytes } };
  }

  async function run(method: Method, path: string, o2: CallOptions, once: boolean): Promise<Outcome> {
    let last: LedgerError | undefined;
    let unauthorized = 0;
    for (let n = 0; n < o.maxAttempts; n++) {
      const step = await attempt(method, path, o2, o2.route);
      if (step.kind === "answer") {
        if (step.answer.status === 202 && o2.background) return awaitJob(step.answer, o2.route, method);
        return { status: "done", answer: step.answer };
      }
      last = step.error;
      if (step.error.code === "auth_failed" && ++unauthorized > 1) throw new LedgerError("auth_failed", "the access token was refused twice", { retryable: false, ...(step.error.response ? { response: step.error.response } : {}) });
      if (once && step.uncertain) return { status: "uncertain", error: step.error };
      if (step.error.code !== "auth_failed" && n + 1 < o.maxAttempts) await o.timing.sleep(step.waitMs ?? backoffMs(o.backoff, n, o.timing.random, step.error.code === "rate_limited"));
    }
    throw last ?? new LedgerError("unavailable", "no attempt was made");
  }

  /** Polls a background job; its final status code and content are the answer of the original request. */
  async function awaitJob(accepted: Answer, route: string, method: Method): Promise<Outcome> {
    const id = (accepted.data as { id?: unknown } | undefined)?.id;
    if (typeof id !== "string") return { status: "uncertain", error: new LedgerError("invalid", "a 202 without a background id", { response: ledgerResponse(202, accepted.raw) }) };
    const statePath = `/v1/background/${encodeURIComponent(id)}`;
    for (let poll = 0; poll < o.backgroundPolls; poll++) {
      await o.timing.sleep(Math.min(o.backoff.capMs, o.backoff.baseMs * 2 ** Math.min(poll, 5)));
      const step = await attempt("GET", statePath, { route: "/v1/background/{requestId}" }, "/v1/background/{requestId}");
      if (step.kind === "retry") continue;
      const state = step.answer.data as { status?: string; statusCode?: number } | undefined;
      if (state?.status !== "Finished" && state?.status !== "Failed") continue;
      const code = state.statusCode ?? 0;
      // The content is the original operation's answer: checked against that operation's schema.
      const content = await attempt("GET", `${statePath}/content`, { route: UNCHECKED }, UNCHECKED).catch(() => undefined);
      const raw = content?.kind === "answer" ? content.answer.raw : "";
      const data = raw === "" ? undefined : safeJson(raw);
      if (state.status === "Finished" && code < 400) {
        if (data !== undefined) {
          const violations = responseViolations(route, method, code, data);
          if (violations.length > 0) throw new LedgerError("invalid", `${method} ${route} (background): the answer breaks Visma's schema: ${violations.slice(0, 5).map((v) => v.message).join("; ")}`, { retryable: false, vendorCode: "SchemaViolation" });
        }
        return { status: "done", answer: { status: code, data, raw, etag: null, location: null, contentType: "application/json", bytes: new TextEncoder().encode(raw) } };
      }
      const detail = (data as { ExceptionMessage?: string } | undefined)?.ExceptionMessage ?? `status ${code}`;
      throw new LedgerError(code === 404 ? "not_found" : "invalid", `${method} ${route} (background job ${id}) failed: ${detail}`, { retryable: false, vendorCode: code === 412 ? "PreconditionFailed" : `HTTP${code}` });
    }
    return { status: "uncertain", error: new LedgerError("unavailable", `background job ${id} did not finish within ${o.backgroundPolls} polls`, { vendorCode: "BackgroundPending" }) };
  }

  return {
    async call(method, path, o2) {
      const outcome = await run(method, path, o2, false);
      if (outcome.status === "uncertain") throw outcome.error;
      return outcome.answer;
    },
    once: (method, path, o2) => run(method, path, o2, true),
  };
}

function headerOf(answer: HttpAnswer, name: string): string | null {
  return answer.header?.(name) ?? null;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
