import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from "fastify";
import { createFaultInjector, createHangs, sandboxLifecycle, type FaultKind, type FaultOptions } from "../../poweroffice/sandbox/faults.js";
import { createPrng } from "../../poweroffice/sandbox/prng.js";
import { createRateLimiter } from "../../poweroffice/sandbox/rate-limit.js";
import { createCompany, type Address, type Company } from "./company.js";
import { createLedgerSide, type LedgerSide } from "./ledger-side.js";
import { apiRoutes } from "./routes.js";
import { sendErrors, sendJson } from "./wire.js";

/**
 * A Procountor REST API sandbox (README.md next to this file): `POST /oauth/token` with the
 * client credentials grant and the company's API key, then the routes of routes.ts under a bearer
 * token; one company per API key; tokens expire; a rate limit per company; seeded fault mode
 * (429, 500, a hang after the work is done, a body cut in half) as the PowerOffice sandbox has.
 */
export interface SandboxCompanyOptions {
  readonly apiKey: string;
  readonly name: string;
  /** Organisationsnummer (SE) / Y-tunnus (FI). */
  readonly businessId: string;
  readonly address?: Address;
  readonly contactEmail?: string;
  readonly bankAccounts?: readonly { accountNumber: string; bic?: string; active?: boolean }[];
  readonly collectionPartner?: string;
}

export interface ProcountorSandboxOptions {
  readonly clock?: { now(): Date };
  /** The integration's client credentials (issued by Procountor per integration). */
  readonly clientId?: string;
  readonly clientSecret?: string;
  readonly companies?: readonly SandboxCompanyOptions[];
  /** Procountor publishes no number [uncertain]; default 20 per second per company. */
  readonly rateLimitPerSecond?: number;
  /** `expires_in` of a token; default 3600 s [uncertain: the reference shows the field, not its value]. */
  readonly tokenTtlSeconds?: number;
  readonly faults?: FaultOptions;
  readonly idSeed?: number;
  /** Called after each answered request that may have changed a company (not GET, not the token request): a process that keeps the state saves it (src/demo/demo-ledgers.ts). */
  readonly onWrite?: () => void;
}

export interface ProcountorSandbox {
  readonly app: FastifyInstance;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly state: { requestCount: number; rateLimited: number; readonly faultsInjected: Record<FaultKind, number> };
  /** The first company's ledger side. */
  readonly ledger: LedgerSide;
  ledgerFor(apiKey: string): LedgerSide;
  /** Every token becomes invalid: the next call gets 401. */
  revokeTokens(): void;
  listen(port?: number, host?: string): Promise<string>;
  close(): Promise<void>;
}

export const DEMO_CLIENT_ID = "fordring-sandbox-client";
export const DEMO_CLIENT_SECRET = "fordring-sandbox-secret";

/** Seeded companies: Swedish aktiebolag with the data Procountor Inkasso asks for (address, bank account with BIC). */
export const SWEDISH_COMPANIES: readonly SandboxCompanyOptions[] = [
  {
    apiKey: "pts-sandbox-api-key-norrsken",
    name: "Norrsken Bygg AB",
    businessId: "556036-0793",
    address: { street: "Storgatan 12", zip: "903 26", city: "Umeå", country: "SWEDEN" },
    contactEmail: "ekonomi@norrskenbygg.example",
    bankAccounts: [{ accountNumber: "SE4550000000058398257466", bic: "ESSESESS" }],
  },
  {
    apiKey: "pts-sandbox-api-key-vasa",
    name: "Vasa Konsult AB",
    businessId: "556677-8899",
    // Procountor Inkasso's preconditions unmet: no street address, a bank account without BIC.
    address: { zip: "411 19", city: "Göteborg", country: "SWEDEN" },
    bankAccounts: [{ accountNumber: "SE3550000000054910000003" }],
  },
];

export function createProcountorSandbox(options: ProcountorSandboxOptions = {}): ProcountorSandbox {
  const clock = options.clock ?? { now: () => new Date() };
  const ids = createPrng(options.idSeed ?? 1);
  const clientId = options.clientId ?? DEMO_CLIENT_ID;
  const clientSecret = options.clientSecret ?? DEMO_CLIENT_SECRET;
  const specs = options.companies ?? SWEDISH_COMPANIES;
  if (specs.length === 0) throw new Error("the sandbox needs at least one company");
  const ledgers = new Map<string, LedgerSide>();
  specs.forEach((c, n) => {
    const company: Company = createCompany(c.apiKey, { name: c.name, businessId: c.businessId, address: c.address, contactEmail: c.contactEmail, bankAccounts: (c.bankAccounts ?? []).map((b) => ({ accountNumber: b.accountNumber, bic: b.bic, active: b.active ?? true })) }, clock, (n + 1) * 1_000_000);
    if (c.collectionPartner) company.settings.collectionPartner = c.collectionPartner;
    ledgers.set(c.apiKey, createLedgerSide(company));
  });
  const tokens = new Map<string, { apiKey: string; expiresAt: number }>();
  const state = { requestCount: 0, rateLimited: 0, faultsInjected: { "429": 0, "500": 0, timeout: 0, malformed: 0 } as Record<FaultKind, number> };
  const faults = options.faults && createFaultInjector(options.faults);
  const limiter = createRateLimiter(options.rateLimitPerSecond ?? 20);
  const ttl = options.tokenTtlSeconds ?? 3600;
  const hangs = createHangs();
  const pendingFault = new WeakMap<FastifyRequest, FaultKind>();
  const companyOfRequest = new WeakMap<FastifyRequest, LedgerSide>();

  const app = Fastify({ logger: false, forceCloseConnections: true });
  app.addContentTypeParser("application/x-www-form-urlencoded", { parseAs: "string" }, (_req, body, done) => done(null, Object.fromEntries(new URLSearchParams(body as string))));

  app.addHook("onRequest", async (req, reply) => {
    state.requestCount++;
    const isToken = req.url.split("?")[0] === "/oauth/token";
    if (faults && !isToken) {
      const kind = faults.next();
      if (kind) {
        state.faultsInjected[kind]++;
        if (kind === "429") return tooMany(reply);
        if (kind === "500") return sendErrors(reply, 500, [{ message: "Internal server error" }]);
        pendingFault.set(req, kind);
      }
    }
    if (isToken) return;
    const m = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? "");
    const token = m ? tokens.get(m[1]!) : undefined;
    if (!token || clock.now().getTime() >= token.expiresAt) {
      return reply.code(401).header("www-authenticate", 'Bearer error="invalid_token"').header("content-type", "application/json").send(JSON.stringify({ errors: [{ status: 401, message: "Access token is invalid or expired" }] }));
    }
    if (!limiter.tryAcquire(token.apiKey, clock.now().getTime())) {
      state.rateLimited++;
      return tooMany(reply);
    }
    companyOfRequest.set(req, ledgers.get(token.apiKey)!);
  });

  const onWrite = options.onWrite;
  if (onWrite) {
    app.addHook("onResponse", async (req) => {
      if (req.method !== "GET" && req.method !== "HEAD" && req.url.split("?")[0] !== "/oauth/token") onWrite();
    });
  }

  app.addHook("onSend", async (req, _reply, payload) => {
    const kind = pendingFault.get(req);
    if (kind === "malformed" && typeof payload === "string") return payload.slice(0, Math.max(1, Math.floor(payload.length / 2)));
    if (kind === "timeout") {
      await hangs.hang(options.faults?.hangMs ?? 120_000);
    }
    return payload;
  });

  // OAuth 2.0 client credentials, form-encoded, with the company's api_key as a fourth field.
  app.post("/oauth/token", async (req, reply) => {
    if (!String(req.headers["content-type"] ?? "").startsWith("application/x-www-form-urlencoded")) {
      return sendJson(reply, { error: "invalid_request", error_description: "Content-Type must be application/x-www-form-urlencoded" }, 400);
    }
    const form = (req.body ?? {}) as Record<string, string>;
    const missing = ["grant_type", "client_id", "client_secret", "api_key"].filter((k) => !form[k]);
    if (missing.length) return sendJson(reply, { error: "invalid_request", error_description: `missing ${missing.join(", ")}` }, 401);
    if (form["grant_type"] !== "client_credentials") return sendJson(reply, { error: "unsupported_grant_type" }, 400);
    if (form["client_id"] !== clientId || form["client_secret"] !== clientSecret) return sendJson(reply, { error: "invalid_client" }, 401);
    if (!ledgers.has(form["api_key"]!)) return sendJson(reply, { error: "invalid_grant", error_description: "unknown api_key" }, 401);
    const token = ids.base36(40);
    tokens.set(token, { apiKey: form["api_key"]!, expiresAt: clock.now().getTime() + ttl * 1000 });
    return sendJson(reply, { access_token: token, token_type: "bearer", expires_in: ttl });
  });

  apiRoutes(app, (req) => {
    const ledger = companyOfRequest.get(req);
    if (!ledger) throw new Error("no company for the request");
    return { company: ledger.company, ledger };
  });

  app.setNotFoundHandler((req, reply) => sendErrors(reply, 404, [{ message: `No resource ${req.method} ${req.url.split("?")[0]}` }]));
  app.setErrorHandler((err: { statusCode?: number; message: string }, _req, reply) => {
    const status = err.statusCode ?? 500;
    return sendErrors(reply, status >= 500 ? 500 : status, [{ message: status >= 500 ? "Internal server error" : err.message }]);
  });

  const ledgerFor = (apiKey: string): LedgerSide => {
    const l = ledgers.get(apiKey);
    if (!l) throw new Error(`no sandbox company with api key ${apiKey}`);
    return l;
  };
  return {
    app,
    clientId,
    clientSecret,
    state,
    ledger: ledgerFor(specs[0]!.apiKey),
    ledgerFor,
    revokeTokens: () => tokens.clear(),
    ...sandboxLifecycle(app, hangs),
  };
}

/** No documented body or Retry-After [uncertain]; the error model is the API's ErrorMessages. */
function tooMany(reply: FastifyReply): FastifyReply {
  return sendErrors(reply, 429, [{ message: "Too many requests" }]);
}
