import { LedgerError, ledgerResponse } from "../../ledger-connector.js";
import { backoffMs, type BackoffPolicy, type Timing } from "./pacing.js";
import type { Exchange } from "./transport.js";

/**
 * OAuth 2.0 client credentials as authentication.md describes it: `Authorization: Basic
 * base64(applicationKey:clientKey)`, form body `grant_type=client_credentials`, answer
 * `{access_token, token_type, expires_in}` (1200 s). The token is reused until shortly before it
 * expires; a 401 on an API call drops it so the next call fetches a new one.
 */
export interface TokenSource {
  token(): Promise<string>;
  /** Forgets `token` if it is the current one (it was refused). */
  invalidate(token: string): void;
}

export interface TokenSourceOptions {
  readonly tokenUrl: string;
  readonly applicationKey: string;
  readonly clientKey: string;
  readonly exchange: Exchange;
  readonly timing: Timing;
  readonly backoff: BackoffPolicy;
  readonly maxAttempts: number;
  /**
   * Another vendor's token request (Procountor): these form fields as the body and no Basic
   * header; default PowerOffice's Basic keys and `grant_type=client_credentials`.
   */
  readonly form?: Readonly<Record<string, string>>;
}

/** Renew this long before the stated expiry, so a token never expires in flight. */
const EXPIRY_MARGIN_MS = 60_000;

export function createTokenSource(o: TokenSourceOptions): TokenSource {
  let current: { token: string; expiresAt: number } | undefined;
  let inFlight: Promise<string> | undefined;
  const basic = `Basic ${Buffer.from(`${o.applicationKey}:${o.clientKey}`, "utf8").toString("base64")}`;

  async function fetchToken(): Promise<string> {
    let last: LedgerError | undefined;
    for (let attempt = 0; attempt < o.maxAttempts; attempt++) {
      if (attempt > 0) await o.timing.sleep(backoffMs(o.backoff, attempt - 1, o.timing.random, last?.code === "rate_limited"));
      try {
        const answer = await o.exchange({
          method: "POST",
          url: o.tokenUrl,
          headers: { ...(o.form ? {} : { authorization: basic }), "content-type": "application/x-www-form-urlencoded; charset=utf-8", accept: "application/json" },
          body: o.form ? new URLSearchParams(o.form).toString() : "grant_type=client_credentials",
        });
        const body = answer.text();
        if (answer.status === 200) {
          const parsed = safeJson(body) as { access_token?: unknown; expires_in?: unknown } | undefined;
          if (typeof parsed?.access_token === "string" && parsed.access_token !== "") {
            const ttl = typeof parsed.expires_in === "number" && parsed.expires_in > 0 ? parsed.expires_in : 1200;
            current = { token: parsed.access_token, expiresAt: o.timing.now().getTime() + ttl * 1000 - Math.min(EXPIRY_MARGIN_MS, (ttl * 1000) / 2) };
            return current.token;
          }
          last = new LedgerError("invalid", "malformed token response", { retryable: true, response: ledgerResponse(200, body), vendorCode: "MalformedResponse" });
          continue;
        }
        if (answer.status === 400 || answer.status === 401 || answer.status === 403) {
          throw new LedgerError("auth_failed", o.form ? "the client credentials or the API key were refused" : "the application key and client key were refused", { retryable: false, response: ledgerResponse(answer.status, body) });
        }
        last = new LedgerError(answer.status === 429 ? "rate_limited" : "unavailable", `the token endpoint answered ${answer.status}`, { response: ledgerResponse(answer.status, body) });
      } catch (e) {
        if (!(e instanceof LedgerError) || !e.retryable) throw e;
        last = e;
      }
    }
    throw last ?? new LedgerError("unavailable", "no token");
  }

  return {
    async token() {
      if (current && o.timing.now().getTime() < current.expiresAt) return current.token;
      inFlight ??= fetchToken().finally(() => {
        inFlight = undefined;
      });
      return inFlight;
    },
    invalidate(token) {
      if (current?.token === token) current = undefined;
    },
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
