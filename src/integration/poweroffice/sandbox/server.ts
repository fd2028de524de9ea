import Fastify, { type FastifyBaseLogger, type FastifyInstance } from "fastify";
import { ALL_PRIVILEGES, type TokenRecord } from "./auth.js";
import type { SerializationMode } from "./enums.js";
import { sendJson, type SuccessShape } from "./envelope.js";
import { createFaultInjector, createHangs, sandboxLifecycle, type FaultKind, type FaultOptions } from "./faults.js";
import { createLedgerSide, type LedgerSide } from "./ledger-side.js";
import type { ClientConfig } from "./model.js";
import { installPipeline } from "./pipeline.js";
import { createPrng } from "./prng.js";
import { createRateLimiter } from "./rate-limit.js";
import { errorLogReference, type Runtime } from "./route-kit.js";
import { tokenRoute } from "./routes-auth.js";
import { customerRoutes } from "./routes-customer.js";
import { debtCollectionRoutes } from "./routes-debt-collection.js";
import { ledgerRoutes } from "./routes-ledger.js";
import { applySeed, type SandboxSeed, type SeedResult } from "./seed.js";
import { createTenant, type SandboxClock, type Tenant } from "./tenant.js";

/**
 * A PowerOffice Go (v1 REST) sandbox that behaves as the vendor documents (poweroffice.md §6 and
 * the pages in poweroffice-docs/): OAuth client credentials, the DebtCollection service, Customer,
 * Reporting/CustomerLedger, Voucher/ManualJournalVoucher and ClientIntegrationInformation, with
 * the documented envelopes, OData, rate limit, replica lag and two serialization modes; plus
 * fault injection and the ledger's own side (`ledger`) for tests and the demo.
 */
export interface SandboxClientOptions {
  readonly applicationKey: string;
  readonly clientKey: string;
  readonly clientName: string;
  readonly organizationNumber: string;
  /** Default: every privilege the sandbox knows (auth.ts PRIVILEGES). */
  readonly privileges?: readonly string[];
  /** Default: ["Accounting"]. */
  readonly subscriptions?: readonly string[];
}

export interface PowerOfficeSandboxOptions {
  readonly clock?: SandboxClock;
  /** "numbers": enums as numbers and `cID` (markdown docs); "strings": names and `cid` (swagger). Default "numbers". */
  readonly serialization?: SerializationMode;
  /** GETs see writes only after this many ms of the injected clock (limitations.md "Live data"). Default 0. */
  readonly replicaLagMs?: number;
  readonly faults?: FaultOptions;
  /** limitations.md: 50 per second per integration key. */
  readonly rateLimitPerSecond?: number;
  /** authentication.md: 20 minutes. */
  readonly tokenTtlSeconds?: number;
  /** Default: one demo client with the keys of authentication.md's example. */
  readonly clients?: readonly SandboxClientOptions[];
  /** Body of DELETE, Reverse and MatchEntries: the documented nested Success (default) or bare `{success:true}`. */
  readonly successShape?: SuccessShape;
  /** Seed for generated ids, tokens and error references. Default 1. */
  readonly idSeed?: number;
  /** A pino logger for the sandbox's requests; default silent. */
  readonly logger?: FastifyBaseLogger;
}

export interface SandboxState {
  /** Every HTTP request received, faulted and refused ones included. */
  requestCount: number;
  rateLimited: number;
  readonly faultsInjected: Record<FaultKind, number>;
  readonly clients: readonly ClientConfig[];
  readonly tokens: Map<string, TokenRecord>;
  /** The tenant of a client key (default: the first client). Its `counters` count cases, status updates and vouchers. */
  tenant(clientKey?: string): Tenant;
}

export interface PowerOfficeSandbox {
  readonly app: FastifyInstance;
  readonly state: SandboxState;
  /** The first client's ledger side (what its users do in PowerOffice Go). */
  readonly ledger: LedgerSide;
  ledgerFor(clientKey: string): LedgerSide;
  /** Writes a seed (seed.ts shape) into a client's ledger; visible to GETs at once. */
  seed(seed: SandboxSeed, options?: { clientKey?: string }): SeedResult;
  /** Makes every token of a client (default: all) invalid: the next call gets 401. */
  revokeTokens(clientKey?: string): void;
  /** Listens on 127.0.0.1 unless told otherwise; returns the base URL. */
  listen(port?: number, host?: string): Promise<string>;
  close(): Promise<void>;
}

/** authentication.md's example Authorization header decodes to these keys. */
export const DEMO_CLIENT: SandboxClientOptions = {
  applicationKey: "1970F6AD-E35E-4EBF-9DA7-510962CE7E46",
  clientKey: "1813544B-CF08-49E7-A960-0D4344ABE2C1",
  clientName: "Demo Kreditor AS",
  organizationNumber: "974760673",
};

export function createPowerOfficeSandbox(options: PowerOfficeSandboxOptions = {}): PowerOfficeSandbox {
  const clock = options.clock ?? { now: () => new Date() };
  const ids = createPrng(options.idSeed ?? 1);
  const replicaLagMs = options.replicaLagMs ?? 0;
  const rt: Runtime = { mode: options.serialization ?? "numbers", successShape: options.successShape ?? "nested", clock, ids };
  const clients: ClientConfig[] = (options.clients ?? [DEMO_CLIENT]).map((c) => ({
    ...c,
    privileges: c.privileges ?? ALL_PRIVILEGES,
    subscriptions: c.subscriptions ?? ["Accounting"],
    clientId: ids.guid(),
    userId: ids.guid(),
  }));
  if (clients.length === 0) throw new Error("the sandbox needs at least one client");
  const tenants = new Map(clients.map((c) => [c.clientKey.toLowerCase(), createTenant(c, clock, ids, replicaLagMs)]));
  const ledgers = new Map([...tenants].map(([key, t]) => [key, createLedgerSide(t)]));
  const tokens = new Map<string, TokenRecord>();
  const hangs = createHangs();
  const state: SandboxState = {
    requestCount: 0,
    rateLimited: 0,
    faultsInjected: { "429": 0, "500": 0, timeout: 0, malformed: 0 },
    clients,
    tokens,
    tenant: (clientKey) => {
      const t = tenants.get((clientKey ?? clients[0]!.clientKey).toLowerCase());
      if (!t) throw new Error(`no sandbox client with key ${clientKey}`);
      return t;
    },
  };
  const ledgerFor = (clientKey: string): LedgerSide => {
    const l = ledgers.get(clientKey.toLowerCase());
    if (!l) throw new Error(`no sandbox client with key ${clientKey}`);
    return l;
  };

  // .NET routing is case-insensitive and the docs write most routes with a trailing slash.
  const app: FastifyInstance = Fastify({
    ...(options.logger ? { loggerInstance: options.logger } : { logger: false }),
    forceCloseConnections: true,
    routerOptions: { caseSensitive: false, ignoreTrailingSlash: true },
  });
  const rateLimiter = createRateLimiter(options.rateLimitPerSecond ?? 50);
  installPipeline(app, {
    rt,
    counters: state,
    tokens,
    tenantFor: (record) => {
      const tenant = tenants.get(record.clientKey.toLowerCase());
      return tenant && { tenant, client: tenant.client };
    },
    rateLimiter,
    faults: options.faults && createFaultInjector(options.faults),
    faultTokenEndpoint: options.faults?.tokenEndpoint ?? false,
    hangMs: options.faults?.hangMs ?? 120_000,
    replicaLagMs,
    hang: hangs.hang,
  });
  tokenRoute(app, {
    rt,
    clients,
    tokens,
    ttlSeconds: options.tokenTtlSeconds ?? 1200,
    secret: ids.base36(32),
    rateLimiter,
    onRateLimited: () => state.rateLimited++,
  });
  debtCollectionRoutes(app, rt);
  customerRoutes(app, rt);
  ledgerRoutes(app, rt);

  app.setNotFoundHandler((req, reply) => {
    sendJson(reply, { message: `No HTTP resource was found that matches the request URI '${req.url}'.` }, 404);
  });
  app.setErrorHandler((err: { statusCode?: number; message: string }, req, reply) => {
    const status = err.statusCode ?? 500;
    if (status >= 500) {
      req.log.error(err);
      return sendJson(reply, { message: "An error has occurred." }, 500);
    }
    // A request that is not well formed (bad JSON, wrong content type) is not answered with 200.
    return sendJson(reply, { success: false, validation: { errorLogReference: errorLogReference(rt), summary: err.message, exception: "BadRequest" } }, status);
  });

  return {
    app,
    state,
    ledger: ledgerFor(clients[0]!.clientKey),
    ledgerFor,
    seed: (seed, opts) => applySeed(ledgerFor(opts?.clientKey ?? clients[0]!.clientKey), seed),
    revokeTokens: (clientKey) => {
      for (const [token, record] of tokens) if (clientKey === undefined || record.clientKey.toLowerCase() === clientKey.toLowerCase()) tokens.delete(token);
    },
    ...sandboxLifecycle(app, hangs),
  };
}
