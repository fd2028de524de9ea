import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A credit bureau sandbox answering the contract in `../credit-bureau.ts` (Creditsafe's
 * `POST /authenticate` → a Bearer token; Fordring's own credit-check and payment-remark routes,
 * marked there as not a vendor's). It keeps subjects (by organisation number or national identity
 * number / birth date + name) with a score and remarks, records every remark reported and deleted,
 * and `down` answers 503 to show that checks and reports wait and retry.
 */
export interface SandboxSubject {
  /** Organisation number, national identity number, or `birthDate:name` (`:name` without a birth date). */
  key: string;
  score: number;
  riskClass: string;
}

export interface SandboxRemark {
  reference: string;
  subjectKey: string;
  body: Record<string, unknown>;
  reportedAt: string;
  deletedAt: string | null;
}

export interface CreditBureauSandbox {
  url: string;
  username: string;
  password: string;
  subjects: Map<string, SandboxSubject>;
  /** Every remark reported, deleted ones kept with `deletedAt`. */
  remarks: Map<string, SandboxRemark>;
  /** Every credit check asked for: the subject's key, the purpose and who asked. */
  checks: { key: string; purpose: string; requestedBy: string }[];
  down: boolean;
  close(): Promise<void>;
}

export const subjectKey = (s: { type?: unknown; orgNumber?: unknown; nationalId?: unknown; birthDate?: unknown; name?: unknown }): string | null =>
  s.type === "company" && typeof s.orgNumber === "string" ? s.orgNumber
  : s.type === "person" && typeof s.nationalId === "string" ? s.nationalId
  : s.type === "person" && typeof s.name === "string" && s.name !== "" ? `${typeof s.birthDate === "string" ? s.birthDate : ""}:${s.name}`
  : null;

async function readJson(req: IncomingMessage): Promise<Record<string, unknown> | null> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  try {
    const v = JSON.parse(Buffer.concat(chunks).toString("utf8")) as unknown;
    return v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

export interface CreditBureauSandboxOptions {
  port?: number;
  subjects?: readonly SandboxSubject[];
  /** A subject not among `subjects` (the demo knows every debtor this way); absent or undefined: 404. */
  subjectFor?: (key: string) => SandboxSubject | undefined;
  username?: string;
  password?: string;
}

export async function startCreditBureauSandbox(options: CreditBureauSandboxOptions = {}): Promise<CreditBureauSandbox> {
  const tokens = new Set<string>();
  const server: Server = createServer((req, res) => {
    const send = (status: number, body?: unknown) => {
      res.writeHead(status, body === undefined ? {} : { "content-type": "application/json" });
      res.end(body === undefined ? undefined : JSON.stringify(body));
    };
    void (async () => {
      if (sandbox.down) return send(503, { message: "Service Unavailable" });
      const path = (req.url ?? "").split("?")[0]!;
      if (req.method === "POST" && path === "/authenticate") {
        const b = await readJson(req);
        if (b?.username !== sandbox.username || b?.password !== sandbox.password) return send(401, { message: "Invalid credentials" });
        const token = randomUUID();
        tokens.add(token);
        return send(200, { token });
      }
      const auth = /^Bearer (.+)$/.exec(req.headers.authorization ?? "");
      if (!auth || !tokens.has(auth[1]!)) return send(401, { message: "Unauthorized" });
      if (req.method === "POST" && path === "/v1/credit-checks") {
        const b = await readJson(req);
        const subject = (b?.subject ?? {}) as Record<string, unknown>;
        const key = subjectKey(subject);
        if (!key || typeof b?.purpose !== "string" || b.purpose.trim() === "" || typeof b.requestedBy !== "string") return send(400, { message: "subject, purpose and requestedBy are required" });
        sandbox.checks.push({ key, purpose: b.purpose, requestedBy: b.requestedBy });
        const s = sandbox.subjects.get(key) ?? options.subjectFor?.(key);
        if (!s) return send(404, { message: `no subject ${key}` });
        const remarks = [...sandbox.remarks.values()].filter((r) => r.subjectKey === key && r.deletedAt === null);
        return send(200, {
          reference: randomUUID(),
          score: s.score,
          riskClass: s.riskClass,
          paymentRemarks: remarks.map((r) => ({ reference: r.reference, creditor: r.body.creditor, amountMinor: r.body.amountMinor, currency: r.body.currency, registeredOn: r.body.registeredOn, source: "inkasso" })),
        });
      }
      if (req.method === "POST" && path === "/v1/payment-remarks") {
        const b = await readJson(req);
        const key = subjectKey((b?.subject ?? {}) as Record<string, unknown>);
        if (!b || !key || typeof b.reference !== "string" || typeof b.basis !== "string" || typeof b.registeredOn !== "string" || typeof b.amountMinor !== "number") {
          return send(400, { message: "reference, subject, amountMinor, basis and registeredOn are required" });
        }
        const known = sandbox.remarks.get(b.reference);
        if (known && known.deletedAt === null) return send(200, { reference: b.reference });
        sandbox.remarks.set(b.reference, { reference: b.reference, subjectKey: key, body: b, reportedAt: new Date().toISOString(), deletedAt: null });
        return send(201, { reference: b.reference });
      }
      const del = /^\/v1\/payment-remarks\/([^/]+)$/.exec(path);
      if (req.method === "DELETE" && del) {
        const r = sandbox.remarks.get(decodeURIComponent(del[1]!));
        if (!r || r.deletedAt !== null) return send(404, { message: "no such remark" });
        r.deletedAt = new Date().toISOString();
        return send(204);
      }
      send(404, { message: "Not Found" });
    })().catch(() => send(500, { message: "sandbox error" }));
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  const sandbox: CreditBureauSandbox = {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    username: options.username ?? "fordring",
    password: options.password ?? "sandbox",
    subjects: new Map((options.subjects ?? []).map((s) => [s.key, s])),
    remarks: new Map(),
    checks: [],
    down: false,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  return sandbox;
}
