import { createHash, generateKeyPairSync, type KeyObject, createPublicKey } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { boundaryOf, parseMultipart } from "../multipart.js";
import { canonicalRequest, canonicalResponse, contentSha256, DIGIPOST_MEDIA_TYPE, DIGIPOST_NS, MAX_CLOCK_SKEW_MS, rfc1123, signText, verifyText } from "../signature.js";
import { errorXml, parseXml, xmlElement as el } from "../wire.js";

/**
 * A local stand-in for Digipost's REST API (v8, as documented in digipost/digipost-docs and the
 * client libraries), for the connector's tests, the demo and `fordring sandbox digipost`:
 *
 * - every request is checked as Digipost does (api/security.rst): a known X-Digipost-UserId, a Date
 *   within five minutes, X-Content-SHA256 matching the body, and X-Digipost-Signature verified with
 *   the sender's public key (403 GENERAL_ERROR with the canonical string it expected otherwise);
 *   answers are signed with the sandbox's own key (its certificate is at the entry point);
 * - `POST /identification`: DIGIPOST (has a mailbox), IDENTIFIED (known, no mailbox) or
 *   UNIDENTIFIED (NOT_FOUND), by fødselsnummer, organisation number or name and address;
 * - `POST /messages` (multipart: the message XML, then each document named by its uuid): delivered
 *   to the mailbox, or to print when the recipient has none and the message has print details,
 *   else 404 UNKNOWN_RECIPIENT; a second message with the same message-id is not delivered again
 *   (409 DUPLICATE_MESSAGE); a "[INKASSO] " subject must be an invoice with kid, amount, account
 *   and due-date;
 * - `GET /documents/{sender}/{uuid}/status`, `GET /documents/events?sender=&from=&to=`
 *   (OPENED when the recipient reads it, PRINT_FAILED);
 * - injectable faults: a share of requests (or the next ones) answer 500 or 503 before doing
 *   anything, or carry the request out and drop the connection without an answer.
 */

export type DigipostFault = "500" | "503" | "drop-after-accept";

export interface SandboxRecipient {
  readonly nationalId?: string;
  readonly orgNumber?: string;
  readonly name: string;
  readonly addressline1: string;
  readonly postalcode: string;
  readonly city: string;
  /** Has created a Digipost mailbox. */
  readonly hasMailbox: boolean;
}

export interface DigipostSandboxOptions {
  /** Sender id → the sender's public key (PEM or KeyObject). */
  readonly senders: ReadonlyMap<string, KeyObject | string>;
  readonly recipients?: readonly SandboxRecipient[];
  readonly now?: () => Date;
  readonly faults?: { readonly rate: number; readonly kinds?: readonly DigipostFault[]; readonly seed?: number };
}

export interface SandboxMessage {
  readonly senderId: string;
  readonly messageId: string;
  readonly uuid: string;
  readonly subject: string;
  readonly deliveryMethod: "DIGIPOST" | "PRINT";
  readonly recipientKey: string;
  readonly invoice: { kid: string; amount: string; account: string; dueDate: string } | undefined;
  readonly printDetails: unknown;
  readonly pdf: Buffer;
  readonly created: Date;
}

export interface DigipostSandbox {
  readonly messages: readonly SandboxMessage[];
  /** How many times POST /messages carried out a delivery (a duplicate does not count). */
  readonly deliveries: number;
  listen(port?: number, host?: string): Promise<string>;
  close(): Promise<void>;
  /** The next request(s) fail this way, before any random faults. */
  injectFault(kind: DigipostFault, times?: number): void;
  /** The recipient opens the document (an OPENED event). */
  open(uuid: string): void;
  /** The print house could not deliver it (a PRINT_FAILED event). */
  failPrint(uuid: string): void;
  addRecipient(r: SandboxRecipient): void;
  /** The sandbox's own key pair's public half (answers are signed with it). */
  readonly publicKeyPem: string;
}

interface DocEvent {
  uuid: string;
  type: "OPENED" | "PRINT_FAILED";
  created: Date;
}

export function createDigipostSandbox(options: DigipostSandboxOptions): DigipostSandbox {
  const now = options.now ?? (() => new Date());
  const senders = new Map([...options.senders].map(([id, key]) => [id, typeof key === "string" ? createPublicKey(key) : key]));
  const recipients: SandboxRecipient[] = [...(options.recipients ?? [])];
  const messages: SandboxMessage[] = [];
  const events: DocEvent[] = [];
  const forced: DigipostFault[] = [];
  let deliveries = 0;
  let seed = options.faults?.seed ?? 1;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const own = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const publicKeyPem = own.publicKey.export({ type: "spki", format: "pem" }).toString();

  function nextFault(): DigipostFault | undefined {
    if (forced.length > 0) return forced.shift();
    const f = options.faults;
    if (!f || f.rate <= 0) return undefined;
    const kinds = f.kinds ?? ["500", "503", "drop-after-accept"];
    const roll = random();
    const kind = kinds[Math.floor(random() * kinds.length)]!;
    return roll < f.rate ? kind : undefined;
  }

  function send(res: ServerResponse, path: string, status: number, body: string, extra: Record<string, string> = {}): void {
    const date = rfc1123(now());
    const sha = body === "" ? undefined : contentSha256(body);
    const headers: Record<string, string> = { "Content-Type": DIGIPOST_MEDIA_TYPE, Date: date, ...extra };
    if (sha) headers["X-Content-SHA256"] = sha;
    headers["X-Digipost-Signature"] = signText(canonicalResponse(status, path, date, sha), own.privateKey);
    res.writeHead(status, headers).end(body);
  }

  function findRecipient(id: Record<string, unknown>): SandboxRecipient | undefined {
    const pin = id["personal-identification-number"];
    if (pin !== undefined) return recipients.find((r) => r.nationalId === String(pin));
    const org = id["organisation-number"];
    if (org !== undefined) return recipients.find((r) => r.orgNumber === String(org));
    const na = id["name-and-address"] as Record<string, unknown> | undefined;
    if (na) {
      const norm = (s: unknown) => String(s ?? "").trim().toLowerCase().replace(/\s+/g, " ");
      return recipients.find((r) => norm(r.name) === norm(na["fullname"]) && norm(r.addressline1) === norm(na["addressline1"]) && norm(r.postalcode) === norm(na["postalcode"]));
    }
    return undefined;
  }
  const recipientKey = (id: Record<string, unknown>) => JSON.stringify(id["personal-identification-number"] ?? id["organisation-number"] ?? id["name-and-address"] ?? null);

  /** Checks the request's signature headers; answers 403 and returns false when they fail. */
  function authenticate(req: IncomingMessage, res: ServerResponse, path: string, query: string, body: Buffer): boolean {
    const userId = header(req, "x-digipost-userid");
    const date = header(req, "date");
    const signature = header(req, "x-digipost-signature");
    const sha = header(req, "x-content-sha256");
    const key = userId ? senders.get(userId) : undefined;
    if (!userId || !key) {
      send(res, path, 403, errorXml("GENERAL_ERROR", `Unknown sender "${userId ?? ""}" in X-Digipost-UserId, or no certificate found for it.`));
      return false;
    }
    const when = date ? Date.parse(date) : NaN;
    if (!date || Number.isNaN(when) || Math.abs(when - now().getTime()) > MAX_CLOCK_SKEW_MS) {
      send(res, path, 403, errorXml("GENERAL_ERROR", `The Date header "${date ?? ""}" is missing, not RFC 1123, or more than five minutes from the server's time (${rfc1123(now())}).`));
      return false;
    }
    if (body.length > 0 && sha !== contentSha256(body)) {
      send(res, path, 403, errorXml("GENERAL_ERROR", "X-Content-SHA256 is missing or does not match the SHA-256 of the request body."));
      return false;
    }
    const canonical = canonicalRequest({ method: req.method ?? "", path, query, date, userId, ...(body.length > 0 ? { contentSha256: sha! } : {}) });
    if (!signature || !verifyText(canonical, signature, key)) {
      send(res, path, 403, errorXml("GENERAL_ERROR", `The signature found in the X-Digipost-Signature header could not be verified. Canonical string to sign generated by Digipost, with each line terminated with a newline character (\\n), was:\n===START===\n${canonical}===SLUTT===`));
      return false;
    }
    return true;
  }

  function identification(res: ServerResponse, path: string, body: Buffer): void {
    const doc = parseXml(body.toString("utf8"))["identification"] as Record<string, unknown> | undefined;
    if (!doc) return send(res, path, 400, errorXml("INVALID_XML", "expected <identification>"));
    const r = findRecipient(doc);
    const result = !r ? `<result>UNIDENTIFIED</result><unidentified-reason>NOT_FOUND</unidentified-reason>` : r.hasMailbox ? `<result>DIGIPOST</result>${el("digipost-address", `${r.name.toLowerCase().replace(/\s+/g, ".")}#${r.postalcode}`)}` : `<result>IDENTIFIED</result>`;
    send(res, path, 200, `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><identification-result xmlns="${DIGIPOST_NS}">${result}</identification-result>`);
  }

  function postMessage(req: IncomingMessage, res: ServerResponse, path: string, body: Buffer, senderId: string): void | "drop" {
    const boundary = boundaryOf(header(req, "content-type"));
    if (!boundary) return send(res, path, 415, errorXml("INVALID_CONTENT_TYPE", "POST /messages takes a multipart body (the message XML, then the documents)"));
    let parts;
    try {
      parts = parseMultipart(body, boundary);
    } catch (e) {
      return send(res, path, 400, errorXml("INVALID_MULTIPART", (e as Error).message));
    }
    const [head, ...documents] = parts;
    if (!head || !(head.headers["content-type"] ?? "").startsWith(DIGIPOST_MEDIA_TYPE)) return send(res, path, 400, errorXml("INVALID_MULTIPART", `the first part must be the message as ${DIGIPOST_MEDIA_TYPE}`));
    let m: Record<string, unknown>;
    try {
      m = parseXml(head.body.toString("utf8"))["message"] as Record<string, unknown>;
    } catch (e) {
      return send(res, path, 400, errorXml("INVALID_XML", (e as Error).message));
    }
    if (!m) return send(res, path, 400, errorXml("INVALID_XML", "expected <message>"));
    const messageId = String(m["message-id"] ?? "");
    const recipient = (m["recipient"] ?? {}) as Record<string, unknown>;
    const doc = (m["primary-document"] ?? {}) as Record<string, unknown>;
    const uuid = String(doc["uuid"] ?? "");
    const subject = String(doc["subject"] ?? "");
    if (!messageId) return send(res, path, 400, errorXml("INVALID_XML", "message-id is required"));
    if (!/^[0-9a-f-]{36}$/i.test(uuid)) return send(res, path, 400, errorXml("INVALID_XML", `primary-document uuid "${uuid}" is not a UUID`));
    if (subject.length === 0 || subject.length > 100) return send(res, path, 400, errorXml("INVALID_XML", "subject must be 1 to 100 characters"));
    const isInvoice = doc["@type"] === "invoice" || doc["@xsi:type"] === "invoice";
    const invoice = isInvoice ? { kid: String(doc["kid"] ?? ""), amount: String(doc["amount"] ?? ""), account: String(doc["account"] ?? ""), dueDate: String(doc["due-date"] ?? "") } : undefined;
    if (subject.startsWith("[INKASSO] ") && !invoice) return send(res, path, 400, errorXml("INVALID_XML", "a debt collection document ([INKASSO] subject) must be an invoice"));
    if (invoice) {
      const bad = !/^\d{2,25}$/.test(invoice.kid) ? "kid" : !/^\d+(\.\d{1,2})?$/.test(invoice.amount) ? "amount" : !/^\d{11}$/.test(invoice.account) ? "account" : !/^\d{4}-\d{2}-\d{2}$/.test(invoice.dueDate) ? "due-date" : undefined;
      if (bad) return send(res, path, 400, errorXml("INVALID_XML", `invoice ${bad} is missing or malformed`));
    }
    const content = documents.find((p) => /filename="?([^";]+)"?/.exec(p.headers["content-disposition"] ?? "")?.[1] === uuid);
    if (!content) return send(res, path, 400, errorXml("MISSING_DOCUMENT_CONTENT", `no part with filename ${uuid} for the primary document`));
    if (!content.body.subarray(0, 5).equals(Buffer.from("%PDF-"))) return send(res, path, 400, errorXml("INVALID_PDF", "the document declared as pdf is not a PDF"));

    const previous = messages.find((x) => x.senderId === senderId && x.messageId === messageId);
    if (previous) return send(res, path, 409, errorXml("DUPLICATE_MESSAGE", `A message with message-id ${messageId} has already been delivered.`));
    const found = findRecipient(recipient);
    const printDetails = recipient["print-details"];
    const method = found?.hasMailbox ? "DIGIPOST" : printDetails ? "PRINT" : undefined;
    if (!method) return send(res, path, 404, errorXml("UNKNOWN_RECIPIENT", "The recipient does not have a Digipost account and no print details were given."));
    const created = now();
    messages.push({ senderId, messageId, uuid, subject, deliveryMethod: method, recipientKey: recipientKey(recipient), invoice, printDetails, pdf: Buffer.from(content.body), created });
    deliveries++;
    if (pendingDrop) {
      pendingDrop = false;
      return "drop";
    }
    const hash = createHash("sha256").update(content.body).digest("base64");
    send(
      res,
      path,
      201,
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><message-delivery xmlns="${DIGIPOST_NS}">${el("message-id", messageId)}${el("delivery-method", method)}${el("status", method === "PRINT" ? "DELIVERED_TO_PRINT" : "DELIVERED")}${el("delivery-time", created.toISOString())}<primary-document>${el("uuid", uuid)}${el("subject", subject)}<file-type>pdf</file-type><content-hash hash-algorithm="SHA256">${hash}</content-hash></primary-document></message-delivery>`,
      { Location: `/messages/${encodeURIComponent(messageId)}` },
    );
  }
  let pendingDrop = false;

  function status(res: ServerResponse, path: string, senderId: string, uuid: string): void {
    const m = messages.find((x) => x.senderId === senderId && x.uuid === uuid);
    if (!m) return send(res, path, 404, errorXml("UNKNOWN_DOCUMENT", `no document ${uuid} from sender ${senderId}`));
    const printFailed = events.some((e) => e.uuid === uuid && e.type === "PRINT_FAILED");
    send(
      res,
      path,
      200,
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><document-status xmlns="${DIGIPOST_NS}" uuid="${uuid}" created="${m.created.toISOString()}" delivered="${m.created.toISOString()}" status="${printFailed ? "NOT_DELIVERED" : "DELIVERED"}" channel="${m.deliveryMethod}" is-primary-document="true"/>`,
    );
  }

  function eventList(res: ServerResponse, path: string, params: URLSearchParams, senderId: string): void {
    const from = Date.parse(params.get("from") ?? "");
    const to = Date.parse(params.get("to") ?? "");
    if (Number.isNaN(from) || Number.isNaN(to)) return send(res, path, 400, errorXml("INVALID_PARAMETER", "from and to are required ISO date-times"));
    const mine = new Set(messages.filter((m) => m.senderId === senderId).map((m) => m.uuid));
    const list = events.filter((e) => mine.has(e.uuid) && e.created.getTime() >= from && e.created.getTime() < to);
    send(res, path, 200, `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><document-events xmlns="${DIGIPOST_NS}">${list.map((e) => `<event uuid="${e.uuid}" type="${e.type}" created="${e.created.toISOString()}"/>`).join("")}</document-events>`);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks);
    const url = new URL(req.url ?? "/", "http://sandbox");
    const path = url.pathname;
    const query = url.search.startsWith("?") ? url.search.slice(1) : "";
    const fault = path === "/" ? undefined : nextFault();
    if (fault === "500" || fault === "503") return send(res, path, Number(fault), errorXml("SERVER_ERROR", `injected fault ${fault}`));
    if (fault === "drop-after-accept") pendingDrop = true;
    if (path === "/" && req.method === "GET") {
      return send(res, path, 200, `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><entrypoint xmlns="${DIGIPOST_NS}"><certificate>${publicKeyPem}</certificate><link rel="/relations/create_message" uri="/messages" media-type="${DIGIPOST_MEDIA_TYPE}"/><link rel="/relations/identify_recipient" uri="/identification" media-type="${DIGIPOST_MEDIA_TYPE}"/></entrypoint>`);
    }
    if (!authenticate(req, res, path, query, body)) return;
    const senderId = header(req, "x-digipost-userid")!;
    const statusPath = /^\/documents\/([^/]+)\/([^/]+)\/status$/.exec(path);
    try {
      if (req.method === "POST" && path === "/identification") return identification(res, path, body);
      if (req.method === "POST" && path === "/messages") {
        if (postMessage(req, res, path, body, senderId) === "drop") {
          pendingDrop = false;
          req.socket.destroy();
        }
        return;
      }
      if (req.method === "GET" && statusPath) {
        if (statusPath[1] !== senderId) return send(res, path, 403, errorXml("GENERAL_ERROR", "a sender reads only its own documents"));
        return status(res, path, senderId, statusPath[2]!);
      }
      if (req.method === "GET" && path === "/documents/events") return eventList(res, path, url.searchParams, senderId);
      send(res, path, 404, errorXml("NOT_FOUND", `no route ${req.method} ${path}`));
    } finally {
      pendingDrop = false;
    }
  }

  let server: Server | undefined;
  return {
    get messages() {
      return messages;
    },
    get deliveries() {
      return deliveries;
    },
    publicKeyPem,
    listen(port = 0, host = "127.0.0.1") {
      server = createServer((req, res) => {
        handle(req, res).catch((e: unknown) => {
          if (!res.headersSent) res.writeHead(500).end(String(e));
        });
      });
      return new Promise((resolve, reject) => {
        server!.once("error", reject);
        server!.listen(port, host, () => resolve(`http://${host}:${(server!.address() as AddressInfo).port}`));
      });
    },
    close() {
      if (!server) return Promise.resolve();
      server.closeAllConnections();
      return new Promise((resolve) => server!.close(() => resolve()));
    },
    injectFault(kind, times = 1) {
      for (let i = 0; i < times; i++) forced.push(kind);
    },
    open(uuid) {
      events.push({ uuid, type: "OPENED", created: now() });
    },
    failPrint(uuid) {
      events.push({ uuid, type: "PRINT_FAILED", created: now() });
    },
    addRecipient(r) {
      recipients.push(r);
    },
  };
}

function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}
