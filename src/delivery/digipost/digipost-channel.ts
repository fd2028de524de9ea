import { createPrivateKey, createPublicKey, randomUUID, type KeyObject } from "node:crypto";
import { formatDecimal } from "../../domain/money.js";
import { LETTER_TEXTS } from "../../collection/letters/letter-texts.js";
import type { ChannelStatus, LetterChannel, OutgoingLetter, Recipient, SendResult } from "../letter-channel.js";
import { writeMultipart } from "./multipart.js";
import { canonicalResponse, contentSha256, DIGIPOST_MEDIA_TYPE, DIGIPOST_MULTIPART_TYPE, MAX_CLOCK_SKEW_MS, rfc1123, signedHeaders, verifyText } from "./signature.js";
import { identificationXml, messageXml, parseError, parseXml, type PostalRecipient, type RecipientId } from "./wire.js";

/**
 * The Digipost connector (REST API v8): identifies the debtor (fødselsnummer when we hold it,
 * else organisation number or name and address), sends the letter PDF as a debt collection
 * document — subject "[INKASSO] …", an invoice with KID, amount, account and due date — with
 * print details so Digipost prints it when the debtor has no mailbox (if enabled), signs every
 * request (see signature.ts), and reads the document's status and events back.
 *
 * Idempotency: the message id is the letter's idempotency key and the document uuid is the letter
 * id, so a letter sent again after a crash is refused by Digipost as a duplicate (409
 * DUPLICATE_MESSAGE), which we take as "already accepted".
 */

export interface DigipostConfig {
  /** e.g. https://api.digipost.no or the sandbox's URL. */
  readonly url: string;
  readonly senderId: string;
  readonly privateKey: KeyObject | string;
  /** Let Digipost print and post the letter when the debtor has no mailbox (default true). */
  readonly printFallback?: boolean;
  readonly now?: () => Date;
  readonly timeoutMs?: number;
  /**
   * Digipost's public key, to verify the signature on every answer (api/security.rst § 4). Not
   * given: read from the certificate at the API's entry point (GET /) on first use. `false`: answers
   * are not verified.
   */
  readonly serverPublicKey?: KeyObject | string | false;
}

const MESSAGE_ID_PREFIX = "fordring-letter-";

export function digipostChannel(config: DigipostConfig): LetterChannel {
  const key = typeof config.privateKey === "string" ? createPrivateKey(config.privateKey) : config.privateKey;
  const now = config.now ?? (() => new Date());
  const base = config.url.replace(/\/+$/, "");

  async function request(method: "GET" | "POST", pathAndQuery: string, body?: { bytes: Buffer; type: string }): Promise<{ status: number; text: string }> {
    const [path, query = ""] = pathAndQuery.split("?", 2) as [string, string?];
    const headers = signedHeaders({ method, path, query, date: rfc1123(now()), userId: config.senderId }, body?.bytes, key);
    const response = await fetch(base + pathAndQuery, {
      method,
      headers: { ...headers, Accept: DIGIPOST_MEDIA_TYPE, ...(body ? { "Content-Type": body.type } : {}) },
      ...(body ? { body: new Uint8Array(body.bytes) } : {}),
      signal: AbortSignal.timeout(config.timeoutMs ?? 30_000),
    });
    const text = await response.text();
    const serverKey = await digipostKey();
    if (serverKey) verifyResponse(serverKey, response, path, text, now());
    return { status: response.status, text };
  }

  let serverKey: Promise<KeyObject | undefined> | undefined;
  function digipostKey(): Promise<KeyObject | undefined> {
    if (config.serverPublicKey === false) return Promise.resolve(undefined);
    if (config.serverPublicKey !== undefined) return Promise.resolve(typeof config.serverPublicKey === "string" ? createPublicKey(config.serverPublicKey) : config.serverPublicKey);
    serverKey ??= (async () => {
      const response = await fetch(`${base}/`, { headers: { Accept: DIGIPOST_MEDIA_TYPE }, signal: AbortSignal.timeout(config.timeoutMs ?? 30_000) });
      const entry = parseXml(await response.text())["entrypoint"] as Record<string, unknown> | undefined;
      const pem = entry?.["certificate"];
      if (response.status !== 200 || typeof pem !== "string") throw new Error(`Digipost entry point: HTTP ${response.status}, no certificate to verify answers with`);
      return createPublicKey(pem.trim());
    })().catch((e: unknown) => {
      serverKey = undefined;
      throw e;
    });
    return serverKey;
  }

  function recipientId(r: Recipient): RecipientId | undefined {
    if (r.nationalId) return { kind: "personal-identification-number", value: r.nationalId };
    if (r.type === "business" && r.orgNumber) return { kind: "organisation-number", value: r.orgNumber };
    if (!r.address) return undefined;
    return { kind: "name-and-address", fullname: r.name, addressline1: r.address.line1, ...(r.address.line2 ? { addressline2: r.address.line2 } : {}), postalcode: r.address.postcode, city: r.address.city };
  }

  const failure = (what: string, r: { status: number; text: string }) => {
    const e = parseError(r.text);
    return `Digipost ${what}: HTTP ${r.status}${e ? ` ${e.code}: ${e.message}` : ""}`;
  };

  return {
    name: "digipost",
    idempotent: true,
    async reaches(recipient) {
      const id = recipientId(recipient);
      if (!id) return false;
      const r = await request("POST", "/identification", { bytes: Buffer.from(identificationXml(id)), type: DIGIPOST_MEDIA_TYPE });
      if (r.status !== 200) throw new Error(failure("identification", r));
      const result = (parseXml(r.text)["identification-result"] as Record<string, unknown> | undefined)?.["result"];
      return result === "DIGIPOST";
    },
    async send(letter: OutgoingLetter): Promise<SendResult> {
      const id = recipientId(letter.recipient);
      if (!id) return { kind: "refused", reason: "Digipost: the debtor has neither a national identity number nor an address", permanent: true };
      const model = letter.model;
      const title = LETTER_TEXTS[model.language].kinds[model.kind].title;
      const xml = messageXml({
        messageId: letter.idempotencyKey,
        recipient: id,
        ...(config.printFallback !== false && letter.recipient.address ? { printDetails: { recipient: postal(letter.recipient.name, letter.recipient.address), returnAddress: postal(model.agency.name, model.agency.address), postType: "B" as const } } : {}),
        document: {
          uuid: letter.letterId,
          subject: `[INKASSO] ${title} ${letter.caseNumber}`.slice(0, 100),
          fileType: "pdf",
          invoice: { kid: model.kid, amount: formatDecimal(model.total), account: model.agency.accountNumber.replace(/\D/g, ""), dueDate: model.deadline.toString() },
        },
      });
      const boundary = `fordring-${randomUUID()}`;
      const body = writeMultipart(boundary, [
        { headers: { "Content-Type": DIGIPOST_MEDIA_TYPE }, body: Buffer.from(xml) },
        { headers: { "Content-Type": "application/octet-stream", "Content-Disposition": `attachment; filename="${letter.letterId}"` }, body: letter.pdf },
      ]);
      const r = await request("POST", "/messages", { bytes: body, type: `${DIGIPOST_MULTIPART_TYPE}; boundary="${boundary}"` });
      if (r.status === 201 || r.status === 200) {
        const delivery = parseXml(r.text)["message-delivery"] as Record<string, unknown> | undefined;
        const method = delivery?.["delivery-method"];
        return { kind: "accepted", messageId: letter.idempotencyKey, detail: method === "PRINT" ? "Digipost: the debtor has no mailbox; printed and posted by Digipost" : "Digipost: delivered to the debtor's mailbox" };
      }
      const error = parseError(r.text);
      if (r.status === 409 && error?.code === "DUPLICATE_MESSAGE") return { kind: "accepted", messageId: letter.idempotencyKey, detail: "Digipost already had this letter (sent before an interruption); not sent again" };
      if (r.status === 404 && error?.code === "UNKNOWN_RECIPIENT") return { kind: "refused", reason: failure("send", r), permanent: true };
      if (r.status === 400 || r.status === 415) return { kind: "refused", reason: failure("send", r), permanent: true };
      // 403 (signature, certificate), 429 and 5xx: the channel is not usable now; the letter waits.
      return { kind: "refused", reason: failure("send", r), permanent: false };
    },
    async status(messageId: string): Promise<ChannelStatus> {
      if (!messageId.startsWith(MESSAGE_ID_PREFIX)) return { kind: "unknown" };
      const uuid = messageId.slice(MESSAGE_ID_PREFIX.length);
      const r = await request("GET", `/documents/${encodeURIComponent(config.senderId)}/${uuid}/status`);
      if (r.status !== 200) return { kind: "unknown" };
      const s = parseXml(r.text)["document-status"] as Record<string, unknown> | undefined;
      const created = String(s?.["@created"] ?? "");
      const to = new Date(now().getTime() + 60_000).toISOString();
      const ev = await request("GET", `/documents/events?sender=${encodeURIComponent(config.senderId)}&from=${encodeURIComponent(created)}&to=${encodeURIComponent(to)}`);
      const list = ev.status === 200 ? ((parseXml(ev.text)["document-events"] as Record<string, unknown> | undefined)?.["event"] ?? []) : [];
      const events = (Array.isArray(list) ? list : [list]) as Record<string, unknown>[];
      const mine = events.filter((e) => e["@uuid"] === uuid).map((e) => String(e["@type"]));
      if (mine.includes("PRINT_FAILED") || s?.["@status"] === "NOT_DELIVERED") return { kind: "failed", reason: "Digipost: the printed letter could not be delivered" };
      if (mine.includes("OPENED")) return { kind: "read" };
      return { kind: "delivered", detail: s?.["@channel"] === "PRINT" ? "Digipost: printed and posted" : "Digipost: in the debtor's mailbox" };
    },
  };
}

function postal(name: string, a: { line1: string; line2?: string; postcode: string; city: string; country: string }): PostalRecipient {
  if (a.country === "NO") return { name, norwegian: { addressline1: a.line1, ...(a.line2 ? { addressline2: a.line2 } : {}), zipCode: a.postcode, city: a.city } };
  return { name, foreign: { lines: [a.line1, ...(a.line2 ? [a.line2] : []), `${a.postcode} ${a.city}`], countryCode: a.country } };
}

/** Checks an answer as api/security.rst § 4.2 says: its Date, its body's hash, and the signature over status, path, date and hash. */
function verifyResponse(key: KeyObject, response: Response, path: string, body: string, now: Date): void {
  const date = response.headers.get("date") ?? "";
  const signature = response.headers.get("x-digipost-signature");
  const sha = response.headers.get("x-content-sha256") ?? undefined;
  const when = Date.parse(date);
  if (Number.isNaN(when) || Math.abs(when - now.getTime()) > MAX_CLOCK_SKEW_MS) throw new Error(`Digipost answer: Date "${date}" is missing or more than five minutes off`);
  if (body.length > 0 && sha !== contentSha256(body)) throw new Error("Digipost answer: X-Content-SHA256 does not match the body");
  if (!signature || !verifyText(canonicalResponse(response.status, path, date, body.length > 0 ? sha : undefined), signature, key)) throw new Error("Digipost answer: the signature could not be verified with Digipost's key");
}
