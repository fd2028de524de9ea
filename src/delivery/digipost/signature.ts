import { createHash, createSign, createVerify, type KeyObject } from "node:crypto";

/**
 * Digipost's request signature (digipost-docs, api/security.rst): every request carries
 * `X-Digipost-UserId` (the sender id), `Date` (RFC 1123, within five minutes of the server's
 * clock), `X-Content-SHA256` (base64 SHA-256 of the body; only when there is a body) and
 * `X-Digipost-Signature`: base64 of SHA256withRSA over six lines, each ending in "\n" —
 * the verb in capitals, the path in lower case, `date: …`, `x-content-sha256: …` (when
 * present), `x-digipost-userid: …`, and the query string lower-cased (an empty line when none).
 * Responses are signed the same way over the status code, the path, `date` and
 * `x-content-sha256`.
 */

export const DIGIPOST_MEDIA_TYPE = "application/vnd.digipost-v8+xml";
export const DIGIPOST_MULTIPART_TYPE = "multipart/vnd.digipost-v8+xml";
export const DIGIPOST_NS = "http://api.digipost.no/schema/v8";
/** How far the request's Date may be from the server's clock. */
export const MAX_CLOCK_SKEW_MS = 5 * 60 * 1000;

export interface RequestToSign {
  readonly method: string;
  readonly path: string;
  /** The query string without "?", as sent (URL-encoded); "" when none. */
  readonly query: string;
  readonly date: string;
  readonly contentSha256?: string;
  readonly userId: string;
}

export function contentSha256(body: Buffer | string): string {
  return createHash("sha256").update(body).digest("base64");
}

export function canonicalRequest(r: RequestToSign): string {
  return (
    `${r.method.toUpperCase()}\n` +
    `${r.path.toLowerCase()}\n` +
    `date: ${r.date}\n` +
    (r.contentSha256 !== undefined ? `x-content-sha256: ${r.contentSha256}\n` : "") +
    `x-digipost-userid: ${r.userId}\n` +
    `${r.query.toLowerCase()}\n`
  );
}

export function canonicalResponse(status: number, path: string, date: string, contentSha256: string | undefined): string {
  return `${status}\n${path.toLowerCase()}\ndate: ${date}\n` + (contentSha256 !== undefined ? `x-content-sha256: ${contentSha256}\n` : "");
}

export function signText(text: string, privateKey: KeyObject | string): string {
  return createSign("RSA-SHA256").update(text, "utf8").sign(privateKey, "base64");
}

export function verifyText(text: string, signature: string, publicKey: KeyObject | string): boolean {
  try {
    return createVerify("RSA-SHA256").update(text, "utf8").verify(publicKey, signature, "base64");
  } catch {
    return false;
  }
}

/** The headers of a signed request. */
export function signedHeaders(r: Omit<RequestToSign, "contentSha256">, body: Buffer | undefined, privateKey: KeyObject | string): Record<string, string> {
  const sha = body === undefined ? undefined : contentSha256(body);
  const headers: Record<string, string> = { Date: r.date, "X-Digipost-UserId": r.userId };
  if (sha !== undefined) headers["X-Content-SHA256"] = sha;
  headers["X-Digipost-Signature"] = signText(canonicalRequest({ ...r, ...(sha !== undefined ? { contentSha256: sha } : {}) }), privateKey);
  return headers;
}

/** RFC 1123 date, as Digipost wants it ("Wed, 29 Jun 2011 14:58:11 GMT"). */
export function rfc1123(date: Date): string {
  return date.toUTCString();
}
