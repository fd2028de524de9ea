import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from "fastify";
import { createHangs, sandboxLifecycle } from "../../poweroffice/sandbox/faults.js";
import { createPrng } from "../../poweroffice/sandbox/prng.js";
import { requestViolations, responseViolations, type SchemaViolation } from "../openapi.js";
import { Company, SandboxLedgerError, type CompanyConfig, type Doc, type PaymentLine, type SandboxClock } from "./company.js";
import { conditionFilter, intParam, paginate, type Query } from "./query.js";
import { amount, customerDto, documentDto, instant, journalDto, paymentDto, type Metadata } from "./wire.js";

/**
 * A Visma.net ERP API sandbox built from Visma's OpenAPI document (visma-net-openapi.trimmed.json):
 * OAuth2 client credentials with a token per tenant (company), customer, customer invoices (v1
 * reads and update, v2 create), credit notes, customer payments with payment lines, GL journal
 * transactions (create, release), the `lastModifiedDateTime` + condition filters, pagination with a
 * max page size, `If-Match` on invoice updates, the `erp-api-background` 202 path with
 * `/v1/background/{id}`; every request body and every answer checked against the document's
 * schemas; a fixed-window rate limit per company and client; injectable faults. See README.md.
 */
export interface VismaNetSandboxOptions {
  readonly clock?: SandboxClock;
  /** Default: the two demo companies (DEMO_COMPANIES). */
  readonly companies?: readonly CompanyConfig[];
  /** The vendor's "MaxPageSize" (5000 since April 2022, per the document); smaller in tests. */
  readonly maxPageSize?: number;
  /** Requests per window per company and client (the vendor's "4-fixed-window" policy). Default 15,000 an hour. */
  readonly rateLimit?: { readonly limit: number; readonly windowMs: number };
  /** Visma Connect tokens live an hour. */
  readonly tokenTtlSeconds?: number;
  readonly faults?: VismaNetFaultOptions;
  readonly idSeed?: number;
  /** Called after each answered request that may have changed a company (not GET, not the token request): a process that keeps the state saves it (src/demo/demo-ledgers.ts). */
  readonly onWrite?: () => void;
}

/**
 * - "429" / "500": refused before anything is done;
 * - "timeout": carried out, then the answer hangs `hangMs`;
 * - "malformed": carried out, the JSON answer cut in half;
 * - "stuck": only on an `erp-api-background` request: accepted (202), then never run and never finished.
 */
export type VismaNetFaultKind = "429" | "500" | "timeout" | "malformed" | "stuck";
export interface VismaNetFaultOptions {
  readonly rate: number;
  readonly kinds?: readonly VismaNetFaultKind[];
  readonly seed?: number;
  readonly hangMs?: number;
}

export interface VismaNetSandboxState {
  requestCount: number;
  rateLimited: number;
  readonly faultsInjected: Record<VismaNetFaultKind, number>;
  /** Answers of ours that broke the document's schemas (should stay empty: the contract tests check it). */
  readonly answerViolations: { route: string; violations: SchemaViolation[] }[];
  /** Background operations by id. */
  readonly background: Map<string, BackgroundJob>;
}

export interface BackgroundJob {
  readonly id: string;
  status: "Started" | "Finished" | "Failed";
  statusCode: number;
  readonly receivedUtc: Date;
  finishedUtc?: Date;
  content?: string;
  readonly originalUri: string;
  readonly companyTenantId: string;
}

export interface VismaNetSandbox {
  readonly app: FastifyInstance;
  readonly state: VismaNetSandboxState;
  /** The first company, as its users see it. */
  readonly company: Company;
  companyFor(tenantId: string): Company;
  /** Drops every token (of one tenant): the next call answers 401, as an expired token does. */
  revokeTokens(tenantId?: string): void;
  /** Takes the client's access to a company away (its API user role removed): tokens are refused with `invalid_tenant` until `grantAccess`. */
  revokeAccess(tenantId: string): void;
  /** The next `count` background requests are accepted (202) and then never run and never finish. */
  stickNextBackground(count: number): void;
  grantAccess(tenantId: string): void;
  listen(port?: number, host?: string): Promise<string>;
  close(): Promise<void>;
}

export const DEMO_COMPANIES: readonly CompanyConfig[] = [
  { clientId: "fordring_sandbox_client", clientSecret: "sandbox-secret-fjordbyen", tenantId: "1000001", name: "Fjordbyen Rørlegger AS", organizationNumber: "974760673" },
  { clientId: "fordring_sandbox_client", clientSecret: "sandbox-secret-fjordbyen", tenantId: "1000002", name: "Nordlys Regnskap AS", organizationNumber: "923609016" },
];

const INTERNAL_HEADER = "x-sandbox-background-run";

declare module "fastify" {
  interface FastifyContextConfig {
    openapiPath?: string;
  }
  interface FastifyRequest {
    company?: Company;
    fault?: VismaNetFaultKind;
  }
}

export function createVismaNetSandbox(options: VismaNetSandboxOptions = {}): VismaNetSandbox {
  const clock = options.clock ?? { now: () => new Date() };
  const configs = options.companies ?? DEMO_COMPANIES;
  if (configs.length === 0) throw new Error("the sandbox needs at least one company");
  const companies = new Map(configs.map((c) => [c.tenantId, new Company(c, clock)]));
  const maxPageSize = options.maxPageSize ?? 5000;
  const rate = options.rateLimit ?? { limit: 15_000, windowMs: 3_600_000 };
  const ids = createPrng(options.idSeed ?? 1);
  const faultPrng = createPrng(options.faults?.seed ?? 1);
  const faultKinds = options.faults?.kinds ?? (["429", "500", "timeout", "malformed", "stuck"] as const);
  const internalSecret = ids.base36(24);
  const tokens = new Map<string, { tenantId: string; clientId: string; expiresAt: number }>();
  const windows = new Map<string, { start: number; count: number }>();
  const hangs = createHangs();
  const revoked = new Set<string>();
  let stickNext = 0;
  const state: VismaNetSandboxState = {
    requestCount: 0,
    rateLimited: 0,
    faultsInjected: { "429": 0, "500": 0, timeout: 0, malformed: 0, stuck: 0 },
    answerViolations: [],
    background: new Map(),
  };
  const companyFor = (tenantId: string): Company => {
    const c = companies.get(tenantId);
    if (!c) throw new Error(`no sandbox company with tenant id ${tenantId}`);
    return c;
  };

  const app: FastifyInstance = Fastify({ logger: false, forceCloseConnections: true, routerOptions: { caseSensitive: false, ignoreTrailingSlash: true } });
  app.addContentTypeParser("application/x-www-form-urlencoded", { parseAs: "string" }, (_req, body, done) => done(null, Object.fromEntries(new URLSearchParams(body as string))));

  const vismaError = (reply: FastifyReply, status: number, message: string) =>
    reply.code(status).type("application/json; charset=utf-8").send({ ExceptionType: status === 404 ? "NotFound" : "IPPException", ExceptionMessage: message, ExceptionFaultCode: String(status === 404 ? 12_003 : 10_000 + status), ExceptionMessageID: `${status}_${ids.guid()}`, ExceptionDetails: "" });

  // Token endpoint (Visma Connect): client credentials with the tenant named.
  app.post("/connect/token", (req, reply) => {
    state.requestCount++;
    const form = (req.body ?? {}) as Record<string, string>;
    if (form["grant_type"] !== "client_credentials") return reply.code(400).send({ error: "unsupported_grant_type" });
    const config = configs.find((c) => c.clientId === form["client_id"] && c.clientSecret === form["client_secret"]);
    if (!config) return reply.code(400).send({ error: "invalid_client" });
    const tenant = configs.find((c) => c.tenantId === form["tenant_id"] && c.clientId === config.clientId);
    if (!tenant || revoked.has(tenant.tenantId)) return reply.code(400).send({ error: "invalid_tenant", error_description: "The application user or subscription is not entitled to use the API." });
    const token = ids.base36(40);
    const ttl = options.tokenTtlSeconds ?? 3600;
    tokens.set(token, { tenantId: tenant.tenantId, clientId: config.clientId, expiresAt: clock.now().getTime() + ttl * 1000 });
    return reply.send({ access_token: token, token_type: "Bearer", expires_in: ttl, scope: form["scope"] ?? "vismanet_erp_service_api:read vismanet_erp_service_api:create vismanet_erp_service_api:update" });
  });

  const onWrite = options.onWrite;
  if (onWrite) {
    app.addHook("onResponse", async (req) => {
      if (req.method !== "GET" && req.method !== "HEAD" && !req.url.toLowerCase().startsWith("/connect/token")) onWrite();
    });
  }

  app.addHook("onRequest", async (req, reply) => {
    if (req.url.toLowerCase().startsWith("/connect/token")) return;
    const internal = req.headers[INTERNAL_HEADER] === internalSecret;
    if (!internal) state.requestCount++;
    const bearer = /^Bearer (.+)$/i.exec(req.headers.authorization ?? "")?.[1];
    const record = bearer ? tokens.get(bearer) : undefined;
    if (!record || record.expiresAt <= clock.now().getTime()) {
      if (record) tokens.delete(bearer!);
      return reply.code(401).header("www-authenticate", 'Bearer error="invalid_token"').send({ message: "Authorization has been denied for this request." });
    }
    req.company = companyFor(record.tenantId);
    if (internal) return;
    const key = `${record.tenantId}|${record.clientId}`;
    const now = clock.now().getTime();
    let w = windows.get(key);
    if (!w || now >= w.start + rate.windowMs) windows.set(key, (w = { start: now, count: 0 }));
    const resetSeconds = Math.max(1, Math.ceil((w.start + rate.windowMs - now) / 1000));
    reply.header("x-ratelimit-limit", String(rate.limit)).header("x-ratelimit-policy", "4-fixed-window").header("x-ratelimit-reset", String(resetSeconds));
    if (w.count >= rate.limit) {
      state.rateLimited++;
      return reply.code(429).header("retry-after", String(resetSeconds)).header("x-ratelimit-remaining", "0").send({ message: "API calls quota exceeded" });
    }
    w.count++;
    reply.header("x-ratelimit-remaining", String(rate.limit - w.count));
    if (stickNext > 0 && req.headers["erp-api-background"] !== undefined) {
      stickNext--;
      state.faultsInjected.stuck++;
      req.fault = "stuck";
      return;
    }
    if (options.faults && options.faults.rate > 0) {
      const roll = faultPrng.next();
      const kind = faultPrng.pick(faultKinds);
      const background = req.headers["erp-api-background"] !== undefined;
      if (roll < options.faults.rate && (kind !== "stuck" || background)) {
        state.faultsInjected[kind]++;
        if (kind === "429") return reply.code(429).header("retry-after", "1").send({ message: "API calls quota exceeded" });
        if (kind === "500") return vismaError(reply, 500, "An error has occurred.");
        req.fault = kind;
      }
    }
  });

  // The background path: accepted now, run after the answer (unless the fault says never).
  app.addHook("preHandler", async (req, reply) => {
    const background = req.headers["erp-api-background"];
    if (background === undefined || req.headers[INTERNAL_HEADER] === internalSecret || !req.routeOptions.config.openapiPath) return;
    const id = ids.guid();
    const job: BackgroundJob = { id, status: "Started", statusCode: 0, receivedUtc: clock.now(), originalUri: req.url, companyTenantId: req.company!.config.tenantId };
    state.background.set(id, job);
    const stuck = req.fault === "stuck";
    req.fault = undefined;
    if (!stuck) {
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string" && k !== "erp-api-background" && k !== "content-length") headers[k] = v;
      headers[INTERNAL_HEADER] = internalSecret;
      setImmediate(() => {
        void app
          .inject({ method: req.method as "POST", url: req.url, headers, ...(req.body === undefined ? {} : { payload: JSON.stringify(req.body) }) })
          .then((res) => {
            job.status = res.statusCode < 400 ? "Finished" : "Failed";
            job.statusCode = res.statusCode;
            job.content = res.body;
            job.finishedUtc = clock.now();
          });
      });
    }
    const host = req.headers.host ?? "127.0.0.1";
    return reply.code(202).send({ id, stateLocation: `http://${host}/v1/background/${id}` });
  });

  app.addHook("onSend", async (req, reply, payload) => {
    const path = req.routeOptions.config?.openapiPath;
    const type = String(reply.getHeader("content-type") ?? "");
    if (path && typeof payload === "string" && type.includes("json") && payload !== "") {
      const violations = responseViolations(path, req.method, reply.statusCode, JSON.parse(payload));
      if (violations.length > 0) state.answerViolations.push({ route: `${req.method} ${path} ${reply.statusCode}`, violations });
    }
    if (req.fault === "timeout") {
      await hangs.hang(options.faults?.hangMs ?? 120_000);
    }
    if (req.fault === "malformed" && typeof payload === "string") return payload.slice(0, Math.max(1, Math.floor(payload.length / 2)));
    return payload;
  });

  type Handler = (req: FastifyRequest, reply: FastifyReply, company: Company) => unknown;
  const route = (method: "GET" | "POST" | "PUT", openapiPath: string, handler: Handler) => {
    app.route({
      method,
      url: openapiPath.replace(/\{(\w+)\}/g, ":$1"),
      config: { openapiPath },
      handler: async (req, reply) => {
        if (method !== "GET") {
          const violations = requestViolations(openapiPath, method, req.body ?? {});
          if (violations.length > 0) return vismaError(reply, 400, `The request is invalid: ${violations.map((v) => v.message).join("; ")}`);
        }
        try {
          return await handler(req, reply, req.company!);
        } catch (e) {
          if (e instanceof SandboxLedgerError) return vismaError(reply, e.status, e.message);
          throw e;
        }
      },
    });
  };
  const q = (req: FastifyRequest): Query => req.query as Query;
  const param = (req: FastifyRequest, name: string): string => (req.params as Record<string, string>)[name]!;
  const meta = (totalCount: number): Metadata => ({ totalCount, maxPageSize });
  const nameOf = (c: Company, number: string) => c.customers.get(number)?.name ?? "";
  const location = (req: FastifyRequest, path: string) => `http://${req.headers.host ?? "127.0.0.1"}${path}`;

  route("GET", "/v1/customer", (req, reply, c) => {
    const modified = conditionFilter(q(req), "lastModifiedDateTime");
    const rows = [...c.customers.values()].filter((x) => (!modified || modified(x.lastModified.getTime())) && (q(req)["corporateId"] === undefined || x.corporateId === q(req)["corporateId"]));
    const page = paginate(rows, q(req), maxPageSize);
    return reply.send(page.rows.map((x) => customerDto(x, meta(page.totalCount))));
  });
  route("GET", "/v1/customer/{customerCd}", (req, reply, c) => {
    const x = c.customers.get(param(req, "customerCd"));
    if (!x) throw new SandboxLedgerError(404, `Customer not found: ${param(req, "customerCd")}`);
    return reply.send(customerDto(x));
  });

  const documentList = (type: Doc["documentType"]): Handler => (req, reply, c) => {
    const query = q(req);
    const modified = conditionFilter(query, "lastModifiedDateTime");
    const due = conditionFilter(query, "documentDueDate");
    const dunned = conditionFilter(query, "dunningLetterDateTime");
    const dated = conditionFilter(query, "documentDate");
    const level = intParam(query, "dunningLevel");
    const status = query["status"];
    const rows = [...c.documents.values()].filter(
      (d) =>
        d.documentType === type &&
        (!modified || modified(d.lastModified.getTime())) &&
        (!due || (d.dueDate !== null && due(Date.parse(`${d.dueDate}T00:00:00Z`)))) &&
        (!dunned || (d.dunningLetterDate !== null && dunned(Date.parse(`${d.dunningLetterDate}T00:00:00Z`)))) &&
        (!dated || dated(Date.parse(`${d.documentDate}T00:00:00Z`))) &&
        (level === undefined || d.dunningLevel === level) &&
        (status === undefined || d.status === status) &&
        (query["customer"] === undefined || d.customer === query["customer"]) &&
        (query["paymentReference"] === undefined || d.paymentReference === query["paymentReference"]),
    );
    const page = paginate(rows, query, maxPageSize);
    const applications = query["expandApplications"] === "true";
    return reply.send(page.rows.map((d) => documentDto(d, nameOf(c, d.customer), { applications, metadata: meta(page.totalCount) })));
  };
  route("GET", "/v1/customerinvoice", documentList("Invoice"));
  route("GET", "/v1/customerCreditNote", documentList("CreditNote"));
  route("GET", "/v1/customerinvoice/{invoiceNumber}", (req, reply, c) => {
    const d = c.invoice(param(req, "invoiceNumber"));
    return reply.header("etag", `"${d.version}"`).send(documentDto(d, nameOf(c, d.customer), { applications: true }));
  });
  route("GET", "/v1/customerCreditNote/{creditNoteNumber}", (req, reply, c) => {
    const d = c.documents.get(param(req, "creditNoteNumber"));
    if (!d || d.documentType !== "CreditNote") throw new SandboxLedgerError(404, `Credit note not found: ${param(req, "creditNoteNumber")}`);
    return reply.send(documentDto(d, nameOf(c, d.customer), { applications: true }));
  });
  route("PUT", "/v1/customerinvoice/{invoiceNumber}", (req, reply, c) => {
    const d = c.invoice(param(req, "invoiceNumber"));
    const ifMatch = req.headers["if-match"];
    if (ifMatch !== undefined && ifMatch !== "*" && ifMatch.replace(/^W\//, "") !== `"${d.version}"`) {
      return vismaError(reply, 412, `Precondition failed: the invoice ${d.referenceNumber} has changed (ETag "${d.version}")`);
    }
    const body = req.body as Record<string, { value?: unknown } | undefined>;
    const str = (k: string) => (body[k] && "value" in body[k]! ? (body[k]!.value as string | null) : undefined);
    const dc = d.debtCollection;
    const fields: [string, keyof typeof dc][] = [["debtCollectionCaseNbr", "caseNumber"], ["debtCollectionCaseType", "caseType"], ["debtCollectionCaseStatus", "caseStatus"], ["debtCollectionCaseUrl", "caseUrl"]];
    for (const [wire, key] of fields) {
      const v = str(wire);
      if (v !== undefined) dc[key] = v === "" ? null : v;
    }
    const exclude = body["excludeDebtCollection"]?.value;
    if (typeof exclude === "boolean") d.excludeDebtCollection = exclude;
    const text = str("invoiceText");
    if (typeof text === "string") d.invoiceText = text;
    c.touch(d);
    c.counters.invoiceUpdates++;
    return reply.code(204).header("etag", `"${d.version}"`).send();
  });
  route("POST", "/v2/customerinvoice", (req, reply, c) => {
    const b = req.body as Record<string, { value?: unknown } | undefined> & { invoiceLines?: { quantity?: { value?: number }; unitPriceInCurrency?: { value?: number } }[] };
    const customer = b["customerNumber"]?.value;
    const docDate = b["documentDate"]?.value;
    const dueDate = b["documentDueDate"]?.value;
    if (typeof customer !== "string") throw new SandboxLedgerError(400, "customerNumber is required");
    if (typeof docDate !== "string" || typeof dueDate !== "string") throw new SandboxLedgerError(400, "documentDate and documentDueDate are required");
    const total = (b.invoiceLines ?? []).reduce((s, l) => s + Math.round((l.quantity?.value ?? 1) * (l.unitPriceInCurrency?.value ?? 0) * 100), 0);
    const override = b["overrideNumberSeries"]?.value === true;
    const ref = b["referenceNumber"]?.value;
    const kid = b["paymentReference"]?.value;
    const d = c.addInvoice({
      customer,
      documentDate: docDate.slice(0, 10),
      dueDate: dueDate.slice(0, 10),
      amountMinor: total,
      ...(override && typeof ref === "string" ? { referenceNumber: ref } : {}),
      ...(typeof kid === "string" ? { paymentReference: kid } : {}),
    });
    return reply.code(201).header("location", location(req, `/v1/customerinvoice/${d.referenceNumber}`)).send({});
  });
  route("GET", "/v1/customerinvoice/{refNbr}/print", (req, reply, c) => {
    const d = c.invoice(param(req, "refNbr"));
    return reply.type("application/pdf").send(minimalPdf(`Faktura ${d.referenceNumber} ${c.config.name} ${amount(d.amountMinor).toFixed(2)} NOK`));
  });

  route("GET", "/v1/customerPayment", (req, reply, c) => {
    const query = q(req);
    const modified = conditionFilter(query, "lastModifiedDateTime");
    const rows = [...c.payments.values()].filter(
      (p) =>
        (!modified || modified(p.lastModified.getTime())) &&
        (query["customer"] === undefined || p.customer === query["customer"]) &&
        (query["invoiceRefNbr"] === undefined || p.lines.some((l) => l.refNbr === query["invoiceRefNbr"])) &&
        (query["paymentNbr"] === undefined || p.refNbr === query["paymentNbr"]) &&
        (query["status"] === undefined || p.status === query["status"]),
    );
    const page = paginate(rows, query, maxPageSize);
    return reply.send(page.rows.map((p) => paymentDto(p, nameOf(c, p.customer), c.documents, meta(page.totalCount))));
  });
  route("GET", "/v1/customerPayment/{paymentNumber}", (req, reply, c) => {
    const p = c.payments.get(param(req, "paymentNumber"));
    if (!p) throw new SandboxLedgerError(404, `Payment not found: ${param(req, "paymentNumber")}`);
    return reply.send(paymentDto(p, nameOf(c, p.customer), c.documents));
  });
  route("POST", "/v1/customerPayment", (req, reply, c) => {
    type V<T> = { value?: T } | undefined;
    const b = req.body as Record<string, V<unknown>> & { paymentLines?: { documentType?: V<string>; refNbr?: V<string>; amountPaid?: V<number> }[] };
    const val = (k: string) => b[k]?.value;
    if (val("type") !== undefined && val("type") !== "Payment") throw new SandboxLedgerError(400, `type ${String(val("type"))} is not supported by the sandbox (Payment only)`);
    const customer = val("customer");
    const cashAccount = val("cashAccount");
    const date = val("applicationDate");
    if (typeof customer !== "string" || typeof cashAccount !== "string" || typeof date !== "string") throw new SandboxLedgerError(400, "customer, cashAccount and applicationDate are required");
    const lines: PaymentLine[] = (b.paymentLines ?? []).map((l, i) => {
      const refNbr = l.refNbr?.value;
      const paid = l.amountPaid?.value;
      const type = l.documentType?.value ?? "Invoice";
      if (typeof refNbr !== "string" || typeof paid !== "number") throw new SandboxLedgerError(400, `paymentLines[${i}]: refNbr and amountPaid are required`);
      if (type !== "Invoice" && type !== "CreditNote") throw new SandboxLedgerError(400, `paymentLines[${i}].documentType: ${type} is not supported by the sandbox`);
      return { documentType: type, refNbr, amountPaidMinor: Math.round(paid * 100) };
    });
    const declared = val("paymentAmount");
    const total = lines.reduce((s, l) => s + l.amountPaidMinor, 0);
    if (typeof declared === "number" && Math.round(declared * 100) !== total) throw new SandboxLedgerError(400, `paymentAmount ${declared} is not the sum of the payment lines (${amount(total)})`);
    const ref = val("referenceNumber");
    const override = val("overrideNumberSeries") === true;
    const p = c.createPayment({
      customer,
      cashAccount,
      date: date.slice(0, 10),
      paymentRef: typeof val("paymentRef") === "string" ? (val("paymentRef") as string) : "",
      lines,
      hold: true,
      ...(typeof val("currency") === "string" ? { currency: val("currency") as string } : {}),
      ...(typeof val("invoiceText") === "string" ? { invoiceText: val("invoiceText") as string } : {}),
      ...(override && typeof ref === "string" ? { refNbr: ref } : {}),
    });
    c.counters.paymentsCreated++;
    return reply.code(201).header("location", location(req, `/v1/customerPayment/${p.refNbr}`)).send({});
  });
  route("POST", "/v1/customerPayment/{paymentNumber}/action/release", (req, reply, c) => {
    c.releasePayment(param(req, "paymentNumber"));
    c.counters.paymentsReleased++;
    return reply.send({ actionId: ids.guid(), actionResult: "Done" });
  });

  route("GET", "/v2/journaltransaction", (req, reply, c) => {
    const query = q(req);
    const modified = conditionFilter(query, "lastModifiedDateTime");
    const rows = [...c.journals.values()].filter((j) => (!modified || modified(j.lastModified.getTime())) && (query["status"] === undefined || j.status === query["status"]));
    const page = paginate(rows, query, maxPageSize);
    return reply.send(page.rows.map((j) => journalDto(j, meta(page.totalCount))));
  });
  route("GET", "/v2/journaltransaction/{journalTransactionNumber}", (req, reply, c) => {
    const j = c.journals.get(param(req, "journalTransactionNumber"));
    if (!j) throw new SandboxLedgerError(404, `Journal transaction not found: ${param(req, "journalTransactionNumber")}`);
    return reply.send(journalDto(j));
  });
  route("POST", "/v2/journaltransaction", (req, reply, c) => {
    type V<T> = { value?: T } | undefined;
    const b = req.body as Record<string, V<unknown>> & { journalTransactionLines?: Record<string, V<unknown>>[] };
    const date = b["transactionDate"]?.value;
    if (typeof date !== "string") throw new SandboxLedgerError(400, "transactionDate is required");
    const lines = (b.journalTransactionLines ?? []).map((l, i) => {
      const account = l["accountNumber"]?.value;
      if (typeof account !== "string") throw new SandboxLedgerError(400, `journalTransactionLines[${i}].accountNumber is required`);
      const debit = l["debitAmountInCurrency"]?.value;
      const credit = l["creditAmountInCurrency"]?.value;
      return {
        accountNumber: account,
        debitMinor: typeof debit === "number" ? Math.round(debit * 100) : 0,
        creditMinor: typeof credit === "number" ? Math.round(credit * 100) : 0,
        referenceNumber: typeof l["referenceNumber"]?.value === "string" ? (l["referenceNumber"].value as string) : null,
        description: typeof l["transactionDescription"]?.value === "string" ? (l["transactionDescription"].value as string) : null,
      };
    });
    const ref = b["batchNumber"]?.value;
    const j = c.createJournal({
      transactionDate: date.slice(0, 10),
      description: typeof b["description"]?.value === "string" ? (b["description"].value as string) : "",
      currency: typeof b["currencyId"]?.value === "string" ? (b["currencyId"].value as string) : "NOK",
      lines,
      ...(b["overrideNumberSeries"]?.value === true && typeof ref === "string" ? { batchNumber: ref } : {}),
    });
    c.counters.journalsCreated++;
    return reply.code(201).header("location", location(req, `/v2/journaltransaction/${j.batchNumber}`)).send({});
  });
  route("POST", "/v2/journaltransaction/{journalTransactionNumber}/action/release", (req, reply, c) => {
    c.releaseJournal(param(req, "journalTransactionNumber"));
    c.counters.journalsReleased++;
    return reply.send({ actionId: ids.guid(), actionResult: "Done" });
  });

  route("GET", "/v1/background/{requestId}", (req, reply, c) => {
    const job = state.background.get(param(req, "requestId"));
    if (!job) return reply.code(404).send({});
    if (job.companyTenantId !== c.config.tenantId) return reply.code(403).send({});
    return reply.send({
      id: job.id,
      status: job.status,
      statusCode: job.statusCode,
      receivedUtc: instant(job.receivedUtc),
      ...(job.finishedUtc ? { finishedUtc: instant(job.finishedUtc) } : {}),
      originalUri: job.originalUri,
      hasResponseContent: job.content !== undefined && job.content !== "",
      ...(job.content ? { contentLocation: `/v1/background/${job.id}/content` } : {}),
    });
  });
  // The document types this answer `object`; it is the original operation's answer (an array for a
  // list), which was checked against that operation's schema when the job ran. So no check here.
  app.get("/v1/background/:requestId/content", (req, reply) => {
    const job = state.background.get(param(req, "requestId"));
    if (!job || job.companyTenantId !== req.company!.config.tenantId || job.content === undefined) return vismaError(reply, 404, "No background operation content was found.");
    return reply.type("application/json; charset=utf-8").send(job.content);
  });

  app.setNotFoundHandler((req, reply) => vismaError(reply, 404, `No HTTP resource was found that matches the request URI '${req.url}'.`));
  app.setErrorHandler((err: { statusCode?: number; message: string }, _req, reply) => vismaError(reply, err.statusCode && err.statusCode < 500 ? err.statusCode : 500, err.statusCode && err.statusCode < 500 ? err.message : "An error has occurred."));

  return {
    app,
    state,
    company: companyFor(configs[0]!.tenantId),
    companyFor,
    revokeTokens(tenantId) {
      for (const [t, r] of tokens) if (tenantId === undefined || r.tenantId === tenantId) tokens.delete(t);
    },
    revokeAccess(tenantId) {
      revoked.add(tenantId);
      for (const [t, r] of tokens) if (r.tenantId === tenantId) tokens.delete(t);
    },
    stickNextBackground(count) {
      stickNext += count;
    },
    grantAccess(tenantId) {
      revoked.delete(tenantId);
    },
    ...sandboxLifecycle(app, hangs),
  };
}

/** A one-page PDF with one line of text (what /print answers: the invoice as the ledger prints it). */
function minimalPdf(text: string): Buffer {
  const safe = text.replace(/[^\x20-\x7e]/g, "?").replace(/[()\\]/g, "\\$&");
  const stream = `BT /F1 14 Tf 60 760 Td (${safe}) Tj ET`;
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
  ];
  let out = "%PDF-1.4\n";
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n \n`).join("")}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, "latin1");
}
