import { createHmac } from "node:crypto";
import type { ClientConfig } from "./model.js";
import type { Prng } from "./prng.js";

/**
 * OAuth 2.0 client credentials as authentication.md describes it: `Authorization: Basic
 * base64(applicationKey:clientKey)`, form body `grant_type=client_credentials`, answer
 * `{access_token, token_type:"bearer", expires_in:1200}`. The token is a JWT carrying the claims
 * knownissues.md shows (goActiveClientSubscriptions, goClientId, goClientName, goInvalidPrivileges,
 * goUserId, role); the sandbox also remembers it, so that it can expire and be revoked.
 */
export interface TokenRecord {
  readonly applicationKey: string;
  readonly clientKey: string;
  readonly expiresAt: number;
}

export interface TokenResponse {
  readonly access_token: string;
  readonly token_type: "bearer";
  readonly expires_in: number;
}

export function parseBasic(header: string | undefined): { applicationKey: string; clientKey: string } | undefined {
  const m = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? "");
  if (!m) return undefined;
  const decoded = Buffer.from(m[1]!, "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon <= 0) return undefined;
  return { applicationKey: decoded.slice(0, colon), clientKey: decoded.slice(colon + 1) };
}

/** Finds the client by its keys; application keys are GUIDs, compared case-insensitively. */
export function findClient(clients: readonly ClientConfig[], applicationKey: string, clientKey: string): ClientConfig | undefined {
  const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
  return clients.find((c) => same(c.applicationKey, applicationKey) && same(c.clientKey, clientKey));
}

export function issueToken(client: ClientConfig, nowMs: number, ttlSeconds: number, secret: string, ids: Prng): { token: string; record: TokenRecord; response: TokenResponse } {
  const iat = Math.floor(nowMs / 1000);
  const payload = {
    goActiveClientSubscriptions: client.subscriptions,
    goClientId: client.clientId,
    goClientName: client.clientName,
    goInvalidPrivileges: invalidPrivileges(client),
    goUserId: client.userId,
    role: validPrivileges(client),
    jti: ids.guid(),
    iat,
    nbf: iat,
    exp: iat + ttlSeconds,
    iss: "fordring-poweroffice-sandbox",
  };
  const head = base64url(JSON.stringify({ alg: "HS256", typ: "JWT" }));
  const body = base64url(JSON.stringify(payload));
  const signature = createHmac("sha256", secret).update(`${head}.${body}`).digest("base64url");
  const token = `${head}.${body}.${signature}`;
  return {
    token,
    record: { applicationKey: client.applicationKey, clientKey: client.clientKey, expiresAt: nowMs + ttlSeconds * 1000 },
    response: { access_token: token, token_type: "bearer", expires_in: ttlSeconds },
  };
}

export type BearerCheck = { ok: true; record: TokenRecord } | { ok: false; reason: "missing" | "unknown" | "expired" };

export function checkBearer(tokens: ReadonlyMap<string, TokenRecord>, header: string | undefined, nowMs: number): BearerCheck {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header ?? "");
  if (!m) return { ok: false, reason: "missing" };
  const record = tokens.get(m[1]!);
  if (!record) return { ok: false, reason: "unknown" };
  // authentication.md: "The access token will expire after 20 minutes".
  if (nowMs >= record.expiresAt) return { ok: false, reason: "expired" };
  return { ok: true, record };
}

/**
 * Privileges the sandbox's routes require. "DebtCollection" is the swagger's "**Required
 * Privilege:** DebtCollection"; the other names follow the `<Service>_Full` pattern of
 * knownissues.md [infer].
 */
export const PRIVILEGES = {
  debtCollection: "DebtCollection",
  customer: "Customer_Full",
  customerLedger: "Reporting_CustomerLedger_Full",
  manualJournalVoucher: "ManualJournalVoucher_Full",
} as const;
export type Privilege = (typeof PRIVILEGES)[keyof typeof PRIVILEGES];
export const ALL_PRIVILEGES: readonly Privilege[] = Object.values(PRIVILEGES);

/** Any accounting subscription (Type_ClientIntegrationInformation.md lists them) carries these services [infer]. */
const ACCOUNTING_SUBSCRIPTIONS = ["Accounting", "AccountingMicro", "AccountingNano"];

function hasSubscriptionFor(client: ClientConfig): boolean {
  return client.subscriptions.some((s) => ACCOUNTING_SUBSCRIPTIONS.includes(s));
}

export function validPrivileges(client: ClientConfig): string[] {
  return hasSubscriptionFor(client) ? [...client.privileges] : [];
}

/** knownissues.md: privileges the integration has but the client's subscriptions do not cover. */
export function invalidPrivileges(client: ClientConfig): string[] {
  return hasSubscriptionFor(client) ? [] : [...client.privileges];
}

/**
 * changelog 2.2.0: a method the integration has no permission for → "Unauthorized access"
 * (success=false); knownissues.md: a privilege invalid for want of a subscription → 403.
 */
export function privilegeStatus(client: ClientConfig, privilege: string): "granted" | "not_granted" | "no_subscription" {
  if (!client.privileges.includes(privilege)) return "not_granted";
  return invalidPrivileges(client).includes(privilege) ? "no_subscription" : "granted";
}

function base64url(text: string): string {
  return Buffer.from(text, "utf8").toString("base64url");
}
