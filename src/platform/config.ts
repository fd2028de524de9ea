import { readFileSync } from "node:fs";
import path from "node:path";
import ipaddr from "ipaddr.js";
import { z } from "zod";
import { checkNoAccountNumber } from "../domain/identifiers/no-account-number.js";
import { checkNoOrganisationNumber } from "../domain/identifiers/no-organisation-number.js";

/** The agency's identity and accounts (`agencyFromEnvironment`); unset ones take the demo agency's values. */
const AGENCY_VARIABLES = [
  "FORDRING_AGENCY_NAME",
  "FORDRING_AGENCY_ORGNR",
  "FORDRING_AGENCY_ADDRESS",
  "FORDRING_AGENCY_POSTCODE",
  "FORDRING_AGENCY_CITY",
  "FORDRING_AGENCY_ACCOUNT",
  "FORDRING_AGENCY_IBAN",
  "FORDRING_AGENCY_BIC",
  "FORDRING_AGENCY_PHONE",
  "FORDRING_AGENCY_EMAIL",
  "FORDRING_AGENCY_LICENCE",
  "FORDRING_AGENCY_PAYOUT_IBAN",
  "FORDRING_AGENCY_PAYOUT_BIC",
  "FORDRING_AGENCY_BANKGIRO",
] as const;

/**
 * Configuration from the environment, validated once at start. Every variable the product reads
 * is read here, once; the composition root (src/main/app.ts) and the commands pass down what each
 * part needs (the agency, the ledger keys, the secret keys, …), and nothing below them reads
 * `process.env`. An invalid value stops the process with a message naming the variable, rather
 * than failing later somewhere else.
 */
const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default("127.0.0.1"),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must be a postgres:// or postgresql:// URL")
    .optional(),
  FORDRING_DATA_DIR: z.string().min(1).default("./data"),
  FORDRING_RULES_DIR: z.string().min(1).optional(),
  FORDRING_TIMEZONE: z.string().min(1).default("Europe/Oslo"),
  FORDRING_TODAY: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date YYYY-MM-DD")
    .optional(),
  FORDRING_WORKER: z.enum(["embedded", "off"]).default("embedded"),
  FORDRING_PUBLIC_URL: z.string().url().optional(),
  FORDRING_LEDGER_URLS: z.string().optional(),
  /** Enhetsregisteret's base URL (https://data.brreg.no, or a sandbox): when set, a creditor's organisation number is verified at registration. */
  FORDRING_BRREG_URL: z.string().url().optional(),
  /** The credit bureau's base URL (docs/CASES.md, "Credit checks"), with its user and password: credit checks and payment remarks. */
  FORDRING_CREDIT_BUREAU_URL: z.string().url().optional(),
  FORDRING_CREDIT_BUREAU_USER: z.string().min(1).optional(),
  FORDRING_CREDIT_BUREAU_PASSWORD: z.string().min(1).optional(),
  FORDRING_LOGIN_RATE_LIMIT: z.coerce.number().int().min(1).default(10),
  FORDRING_DB_POOL: z.coerce.number().int().min(1).max(500).default(10),
  FORDRING_RATE_LIMIT: z.coerce.number().int().min(0).default(600),
  FORDRING_ACCOUNT_RATE_LIMIT: z.coerce.number().int().min(0).default(1200),
  FORDRING_SECRET_KEY: z.string().regex(/^[0-9a-fA-F]{64}$/, "must be 64 hexadecimal characters (openssl rand -hex 32)").optional(),
  FORDRING_SECRET_KEY_PREVIOUS: z
    .string()
    .regex(/^\s*[0-9a-fA-F]{64}\s*(,\s*[0-9a-fA-F]{64}\s*)*,?\s*$/, "must be comma-separated keys of 64 hexadecimal characters each")
    .optional(),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  FORDRING_TRUST_PROXY: z
    .string()
    .refine((v) => parseTrustProxy(v) !== undefined, "must be true/1, false/0, a hop count, or a comma-separated list of addresses or CIDR ranges")
    .optional(),
  FORDRING_ROLE: z.enum(["api", "worker", "all"]).default("all"),
  FORDRING_SHUTDOWN_TIMEOUT: z.coerce.number().int().min(1).max(3600).default(25),
  FORDRING_METRICS_TOKEN: z.string().min(16, "must be at least 16 characters").optional(),
  FORDRING_WEBHOOKS_ALLOW_PRIVATE: z.string().optional(),
  // --- OpenTelemetry traces (the standard OTel variables; docs/OPERATIONS.md) ---
  OTEL_EXPORTER_OTLP_ENDPOINT: z.string().regex(/^https?:\/\/[^\s/]+/, "must be an http(s) URL (the collector's OTLP/HTTP base, e.g. http://collector:4318)").optional(),
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: z.string().regex(/^https?:\/\/[^\s/]+/, "must be an http(s) URL (the full traces endpoint, e.g. http://collector:4318/v1/traces)").optional(),
  OTEL_EXPORTER_OTLP_HEADERS: z
    .string()
    .refine((v) => parseOtlpHeaders(v) !== undefined, "must be comma-separated key=value pairs")
    .optional(),
  OTEL_SERVICE_NAME: z.string().default("fordring"),
  OTEL_SDK_DISABLED: z.enum(["true", "false"]).optional(),
  FORDRING_DEMO: z.string().optional(),
  FORDRING_PORTAL: z.string().optional(),
  FORDRING_NEW_PASSWORD: z.string().optional(),
  // --- letters' delivery (docs/LETTERS.md) ---
  FORDRING_DIGIPOST_URL: z.string().url().optional(),
  FORDRING_DIGIPOST_SENDER_ID: z.string().regex(/^\d+$/, "must be a Digipost sender id (digits)").optional(),
  FORDRING_DIGIPOST_KEY_FILE: z.string().min(1).optional(),
  FORDRING_DIGIPOST_PRINT_FALLBACK: z.enum(["0", "1"]).optional(),
  FORDRING_SMTP_URL: z.string().regex(/^smtps?:\/\//, "must be an smtp:// or smtps:// URL").optional(),
  FORDRING_MAIL_FROM: z.string().regex(/@/, "must be an e-mail address, e.g. Nordlys Inkasso <post@nordlys-inkasso.no>").optional(),
  FORDRING_PRINT_DIR: z.string().min(1).optional(),
  ...Object.fromEntries(AGENCY_VARIABLES.map((v) => [v, z.string().optional()])),
});

export interface Config {
  port: number;
  host: string;
  /** Unset: embedded PGlite under `dataDir`. */
  databaseUrl: string | undefined;
  dataDir: string;
  /** A folder with `no.json`, `se.json`, `fi.json` replacing the shipped rule tables. */
  rulesDir: string | undefined;
  timezone: string;
  /** Pins the business date (demo, tests); unset means the system clock. */
  fixedToday: string | undefined;
  worker: "embedded" | "off";
  logLevel: "fatal" | "error" | "warn" | "info" | "debug" | "trace" | "silent";
  /** Where people reach the portal; links in the ledger and webhooks point here. Cookies are `Secure` when it is https. */
  publicUrl: string | undefined;
  /** The ledger API addresses a tenant may connect to (keys are sent only there). */
  ledgerUrls: string[];
  /** Enhetsregisteret's base URL; null: organisation numbers are checked by their check digit only. */
  brregUrl: string | null;
  /** The credit bureau (credit checks, payment remarks); null: checks wait and remarks stay queued until one is configured. */
  creditBureau: { url: string; username: string; password: string } | null;
  /** Login attempts per minute per address. */
  loginRateLimit: number;
  /** Connections to the PostgreSQL server. */
  dbPool: number;
  /** Requests per minute per address; 0 turns the limit off. */
  rateLimit: number;
  /** Requests per minute per account (a logged-in user or an API key), from whatever addresses; 0 turns the limit off. */
  accountRateLimit: number;
  /** 64 hex characters; unset: a key file in the data directory (src/access/secret-box.ts). */
  secretKey: string | undefined;
  /** Keys that only decrypt, while `fordring secrets rotate` moves stored values to `secretKey` (docs/OPERATIONS.md). */
  secretKeyPrevious: string[];
  /**
   * `FORDRING_TRUST_PROXY`: behind a reverse proxy (client addresses from X-Forwarded-For) —
   * `true`/`1` trusts every hop, a number that many hops, a list the proxies' addresses or CIDR
   * ranges (Fastify's `trustProxy` takes all three).
   */
  trustProxy: TrustProxy;
  /** `FORDRING_ROLE` (or `serve --role`): the HTTP API, the job worker, or both in one process. */
  role: Role;
  /** `FORDRING_SHUTDOWN_TIMEOUT`: seconds a SIGTERM/SIGINT waits for requests and jobs in flight before the process exits anyway. */
  shutdownTimeoutSeconds: number;
  /** `FORDRING_METRICS_TOKEN`: when set, `/metrics` answers only with `Authorization: Bearer <token>`. */
  metricsToken: string | undefined;
  /**
   * OpenTelemetry traces (src/platform/tracing.ts): set when `OTEL_EXPORTER_OTLP_ENDPOINT` (or
   * `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT`) is set and `OTEL_SDK_DISABLED` is not `true`; unset, no
   * OpenTelemetry module is loaded.
   */
  tracing: TracingConfig | undefined;
  /** `FORDRING_WEBHOOKS_ALLOW_PRIVATE=1` (development only): webhook URLs over http and into private networks. */
  webhooksAllowPrivate: boolean;
  /** `FORDRING_DEMO=off`: an empty embedded database is not seeded with the demo. */
  demo: boolean;
  /** `FORDRING_PORTAL=off`: the API only. */
  portal: boolean;
  /** `FORDRING_NEW_PASSWORD`: the password `fordring users add` gives (else read from standard input). */
  newPassword: string | undefined;
  /** The agency that runs this deployment: on letters, remittances and payout files. */
  agency: AgencyConfig;
  /**
   * Why no letter may be sent: outside the demo (a server database, or `FORDRING_DEMO=off`), every
   * problem with the agency's identity (`agency.problems`); empty when letters may go.
   */
  lettersRefused: readonly string[];
  /** The letters' delivery channels (docs/LETTERS.md § Configuration); an unset channel is off. */
  delivery: DeliveryConfig;
  /**
   * The environment as read at start, for the ledger credential references `env:NAME`
   * (src/integration/connector-for.ts: the client key in NAME, the application key in
   * `POWEROFFICE_APPLICATION_KEY`); the names are data, so the snapshot is kept whole.
   */
  credentialVariables: Readonly<Record<string, string>>;
}

export type Role = "api" | "worker" | "all";
export type TrustProxy = boolean | number | string[];

/**
 * `FORDRING_TRUST_PROXY` as Fastify takes it: `true`/`1` (every hop), `false`/`0`, a hop count
 * (`2`), or the proxies' addresses and CIDR ranges (`10.0.0.0/8,192.168.1.5`); undefined when the
 * value is none of these.
 */
export function parseTrustProxy(value: string | undefined): TrustProxy | undefined {
  const v = (value ?? "").trim().toLowerCase();
  if (v === "" || v === "false" || v === "0") return false;
  if (v === "true" || v === "1") return true;
  if (/^\d+$/.test(v)) return Number(v);
  const list = v.split(",").map((s) => s.trim()).filter((s) => s !== "");
  const isAddressOrRange = (s: string) => (s.includes("/") ? isCidr(s) : ipaddr.isValid(s));
  return list.length > 0 && list.every(isAddressOrRange) ? list : undefined;
}

function isCidr(s: string): boolean {
  try {
    ipaddr.parseCIDR(s);
    return true;
  } catch {
    return false;
  }
}

/** The delivery channels' settings (src/delivery/delivery-config.ts builds the channels from them). */
export interface DeliveryConfig {
  /** `FORDRING_DIGIPOST_URL`, `_SENDER_ID`, `_KEY_FILE` (PEM, the sender's private key), `_PRINT_FALLBACK=0`. */
  readonly digipost?: { readonly url: string; readonly senderId: string; readonly keyFile: string; readonly printFallback: boolean };
  /** `FORDRING_SMTP_URL`, `FORDRING_MAIL_FROM`. */
  readonly email?: { readonly smtpUrl: string; readonly from: string };
  /** `FORDRING_PRINT_DIR` (default `<dataDir>/print`; `off`: no paper channel). */
  readonly printDir?: string;
}

/** The agency's identity (the shape of a letter's sender, src/collection/letters/letter-model.ts) and payout account. */
export interface AgencyConfig {
  readonly name: string;
  readonly orgNumber: string;
  readonly address: { readonly line1: string; readonly postcode: string; readonly city: string; readonly country: string };
  /** Norwegian account number debtors pay to, with the case's KID. */
  readonly accountNumber: string;
  readonly iban: string;
  readonly bic: string;
  /** The Bankgiro number debtors of Swedish creditors pay to, with the case's OCR reference; absent: no SEK letters. */
  readonly bankgiro?: string;
  readonly phone: string;
  readonly email: string;
  readonly licence: string;
  /** The client-funds account settlements are paid out from (pain.001's debtor): by default the account debtors pay to. */
  readonly payoutAccount: { readonly name: string; readonly iban: string; readonly bic: string };
  /** The identity variables that were not set, so took the demo agency's value (a server deployment refuses to start with any: `assertNoDemoAgency`). */
  readonly demoValues: readonly string[];
  /** What is missing or invalid in the identity a letter needs (name, organisation number, licence, address, account, contact), by variable; empty when complete. */
  readonly problems: readonly string[];
}

/**
 * What keeps the agency's identity from going on a letter (inkassoloven § 5: a licensed agency;
 * a debtor must see who writes, where, how to reach it and where to pay): each identity variable
 * unset (the demo's value would be printed) or invalid, in words with the variable's name.
 */
export function agencyProblems(env: Readonly<Record<string, string | undefined>>): string[] {
  const v = (name: (typeof AGENCY_VARIABLES)[number]) => env[name]?.trim() || undefined;
  const problems: string[] = [];
  const required = (name: (typeof AGENCY_VARIABLES)[number], what: string, check?: (value: string) => string | undefined) => {
    const value = v(name);
    if (value === undefined) return problems.push(`${name}: not set (${what})`);
    const bad = check?.(value);
    if (bad) problems.push(`${name}: "${value}" ${bad}`);
    return 0;
  };
  required("FORDRING_AGENCY_NAME", "the agency's name on letters");
  required("FORDRING_AGENCY_ORGNR", "the agency's organisation number", (x) => {
    const r = checkNoOrganisationNumber(x);
    return r.valid ? undefined : `is not a valid organisation number: ${r.reason}`;
  });
  required("FORDRING_AGENCY_LICENCE", "the licence, e.g. Inkassobevilling fra Finanstilsynet");
  required("FORDRING_AGENCY_ADDRESS", "the agency's postal address");
  required("FORDRING_AGENCY_POSTCODE", "the agency's postcode", (x) => (/^\d{4}$/.test(x) ? undefined : "is not a Norwegian postcode (4 digits)"));
  required("FORDRING_AGENCY_CITY", "the agency's city");
  required("FORDRING_AGENCY_ACCOUNT", "the account debtors pay to", (x) => {
    const r = checkNoAccountNumber(x);
    return r.valid ? undefined : `is not a valid account number: ${r.reason}`;
  });
  const phone = v("FORDRING_AGENCY_PHONE");
  const email = v("FORDRING_AGENCY_EMAIL");
  if (!phone && !email) problems.push("FORDRING_AGENCY_PHONE / FORDRING_AGENCY_EMAIL: neither set (a debtor must be able to reach the agency)");
  if (phone && !/^\+?[\d ]{8,}$/.test(phone)) problems.push(`FORDRING_AGENCY_PHONE: "${phone}" is not a telephone number`);
  if (email && !/^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/.test(email)) problems.push(`FORDRING_AGENCY_EMAIL: "${email}" is not an e-mail address`);
  return problems;
}

/**
 * The agency from `FORDRING_AGENCY_*`; the demo agency's values where unset (README: the
 * variables a deployment sets).
 */
export function agencyFromEnvironment(env: Readonly<Record<string, string | undefined>>): AgencyConfig {
  const v = (name: (typeof AGENCY_VARIABLES)[number]) => (env[name] === "" ? undefined : env[name]);
  const name = v("FORDRING_AGENCY_NAME") ?? "Fordring Inkasso AS (demo)";
  const iban = v("FORDRING_AGENCY_IBAN") ?? "NO9386011117947";
  const bic = v("FORDRING_AGENCY_BIC") ?? "DNBANOKK";
  return {
    name,
    orgNumber: v("FORDRING_AGENCY_ORGNR") ?? "923609016",
    address: { line1: v("FORDRING_AGENCY_ADDRESS") ?? "Postboks 123 Sentrum", postcode: v("FORDRING_AGENCY_POSTCODE") ?? "0102", city: v("FORDRING_AGENCY_CITY") ?? "Oslo", country: "NO" },
    accountNumber: v("FORDRING_AGENCY_ACCOUNT") ?? "86011117947",
    iban,
    bic,
    // Optional (a deployment without Swedish creditors has none); the demo agency's only when the agency itself is the demo's.
    ...((v("FORDRING_AGENCY_BANKGIRO") ?? (v("FORDRING_AGENCY_NAME") === undefined ? "5050-1055" : undefined)) !== undefined
      ? { bankgiro: v("FORDRING_AGENCY_BANKGIRO") ?? "5050-1055" }
      : {}),
    phone: v("FORDRING_AGENCY_PHONE") ?? "+47 22 00 00 00",
    email: v("FORDRING_AGENCY_EMAIL") ?? "post@fordring.example",
    licence: v("FORDRING_AGENCY_LICENCE") ?? "Inkassobevilling fra Finanstilsynet (demo)",
    payoutAccount: { name, iban: v("FORDRING_AGENCY_PAYOUT_IBAN") ?? iban, bic: v("FORDRING_AGENCY_PAYOUT_BIC") ?? bic },
    demoValues: AGENCY_VARIABLES.filter((name) => !name.startsWith("FORDRING_AGENCY_PAYOUT_") && name !== "FORDRING_AGENCY_BANKGIRO" && v(name) === undefined),
    problems: agencyProblems(env),
  };
}

/**
 * A production start never falls back to demo values: on a server deployment (`DATABASE_URL`)
 * every FORDRING_AGENCY_* identity variable must be set, or letters would name the demo agency and
 * debtors would pay to its account. The embedded database (the demo, a try-out) may use them.
 */
export function assertNoDemoAgency(config: Pick<Config, "databaseUrl" | "agency">): void {
  if (!config.databaseUrl || config.agency.demoValues.length === 0) return;
  throw new ConfigError(config.agency.demoValues.map((name) => `${name}: must be set on a server deployment (DATABASE_URL); a production start never falls back to the demo agency's values`));
}

export class ConfigError extends Error {
  constructor(readonly issues: string[]) {
    super(`invalid configuration:\n${issues.map((i) => `  - ${i}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

/**
 * Secrets may come as files (compose and Kubernetes secrets, mounted under /run/secrets):
 * `NAME_FILE=/run/secrets/x` sets NAME to the file's content, trailing newline trimmed. Setting
 * both is an error, as is a file that cannot be read.
 */
export const FILE_VARIABLES = ["DATABASE_URL", "FORDRING_SECRET_KEY", "FORDRING_SECRET_KEY_PREVIOUS", "FORDRING_METRICS_TOKEN", "POWEROFFICE_APPLICATION_KEY", "FORDRING_CREDIT_BUREAU_PASSWORD", "OTEL_EXPORTER_OTLP_HEADERS"] as const;

function withFileVariables(env: Record<string, string>): Record<string, string> {
  const out = { ...env };
  const issues: string[] = [];
  for (const name of FILE_VARIABLES) {
    const file = env[`${name}_FILE`];
    if (file === undefined) continue;
    delete out[`${name}_FILE`];
    if (env[name] !== undefined) {
      issues.push(`${name}_FILE: ${name} is set as well; set one of them`);
      continue;
    }
    try {
      out[name] = readFileSync(file, "utf8").replace(/\r?\n$/, "");
    } catch (e) {
      issues.push(`${name}_FILE: cannot read ${file} (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
    }
  }
  if (issues.length) throw new ConfigError(issues);
  return out;
}

function deliveryConfig(e: z.output<typeof EnvSchema>): DeliveryConfig {
  const issues: string[] = [];
  let digipost: DeliveryConfig["digipost"];
  if (e.FORDRING_DIGIPOST_URL) {
    if (!e.FORDRING_DIGIPOST_SENDER_ID) issues.push("FORDRING_DIGIPOST_SENDER_ID: required with FORDRING_DIGIPOST_URL (the sender id, digits)");
    if (!e.FORDRING_DIGIPOST_KEY_FILE) issues.push("FORDRING_DIGIPOST_KEY_FILE: required with FORDRING_DIGIPOST_URL (the sender's private key, PEM)");
    if (e.FORDRING_DIGIPOST_SENDER_ID && e.FORDRING_DIGIPOST_KEY_FILE) {
      digipost = { url: e.FORDRING_DIGIPOST_URL, senderId: e.FORDRING_DIGIPOST_SENDER_ID, keyFile: path.resolve(e.FORDRING_DIGIPOST_KEY_FILE), printFallback: e.FORDRING_DIGIPOST_PRINT_FALLBACK !== "0" };
    }
  }
  let email: DeliveryConfig["email"];
  if (e.FORDRING_SMTP_URL) {
    if (!e.FORDRING_MAIL_FROM) issues.push("FORDRING_MAIL_FROM: required with FORDRING_SMTP_URL (the From address)");
    else email = { smtpUrl: e.FORDRING_SMTP_URL, from: e.FORDRING_MAIL_FROM };
  }
  if (issues.length) throw new ConfigError(issues);
  const printDir = e.FORDRING_PRINT_DIR === "off" ? undefined : path.resolve(e.FORDRING_PRINT_DIR ?? path.join(e.FORDRING_DATA_DIR, "print"));
  return { ...(digipost ? { digipost } : {}), ...(email ? { email } : {}), ...(printDir ? { printDir } : {}) };
}

function creditBureauConfig(e: z.output<typeof EnvSchema>): Config["creditBureau"] {
  if (!e.FORDRING_CREDIT_BUREAU_URL) return null;
  const issues: string[] = [];
  if (!e.FORDRING_CREDIT_BUREAU_USER) issues.push("FORDRING_CREDIT_BUREAU_USER: required with FORDRING_CREDIT_BUREAU_URL");
  if (!e.FORDRING_CREDIT_BUREAU_PASSWORD) issues.push("FORDRING_CREDIT_BUREAU_PASSWORD: required with FORDRING_CREDIT_BUREAU_URL");
  if (issues.length) throw new ConfigError(issues);
  return { url: e.FORDRING_CREDIT_BUREAU_URL, username: e.FORDRING_CREDIT_BUREAU_USER!, password: e.FORDRING_CREDIT_BUREAU_PASSWORD! };
}

export interface TracingConfig {
  /** Where spans are POSTed (OTLP over HTTP, JSON): `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT`, else `OTEL_EXPORTER_OTLP_ENDPOINT` + `/v1/traces`. */
  tracesUrl: string;
  /** `OTEL_EXPORTER_OTLP_HEADERS` (`key=value,…`, values URL-decoded), e.g. a collector's API key. */
  headers: Record<string, string>;
  /** `OTEL_SERVICE_NAME` (default `fordring`). */
  serviceName: string;
}

/** `a=1,b=x%20y` → `{ a: "1", b: "x y" }`; undefined when a pair has no `=` or no key. */
export function parseOtlpHeaders(value: string): Record<string, string> | undefined {
  const headers: Record<string, string> = {};
  for (const pair of value.split(",")) {
    if (pair.trim() === "") continue;
    const at = pair.indexOf("=");
    if (at <= 0) return undefined;
    const key = pair.slice(0, at).trim();
    if (key === "") return undefined;
    try {
      headers[key] = decodeURIComponent(pair.slice(at + 1).trim());
    } catch {
      return undefined;
    }
  }
  return headers;
}

function tracingConfig(e: z.infer<typeof EnvSchema>): TracingConfig | undefined {
  if (e.OTEL_SDK_DISABLED === "true") return undefined;
  const tracesUrl = e.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ?? (e.OTEL_EXPORTER_OTLP_ENDPOINT ? `${e.OTEL_EXPORTER_OTLP_ENDPOINT.replace(/\/+$/, "")}/v1/traces` : undefined);
  if (!tracesUrl) return undefined;
  return { tracesUrl, headers: parseOtlpHeaders(e.OTEL_EXPORTER_OTLP_HEADERS ?? "") ?? {}, serviceName: e.OTEL_SERVICE_NAME };
}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const cleaned = withFileVariables(Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => e[1] !== undefined && e[1] !== "")));
  const parsed = EnvSchema.safeParse(cleaned);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`));
  }
  const e = parsed.data;
  try {
    new Intl.DateTimeFormat("en", { timeZone: e.FORDRING_TIMEZONE });
  } catch {
    throw new ConfigError([`FORDRING_TIMEZONE: unknown time zone "${e.FORDRING_TIMEZONE}"`]);
  }
  const agency = agencyFromEnvironment(cleaned);
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    dataDir: path.resolve(e.FORDRING_DATA_DIR),
    rulesDir: e.FORDRING_RULES_DIR ? path.resolve(e.FORDRING_RULES_DIR) : undefined,
    timezone: e.FORDRING_TIMEZONE,
    fixedToday: e.FORDRING_TODAY,
    worker: e.FORDRING_WORKER,
    logLevel: e.LOG_LEVEL,
    publicUrl: e.FORDRING_PUBLIC_URL,
    rateLimit: e.FORDRING_RATE_LIMIT,
    accountRateLimit: e.FORDRING_ACCOUNT_RATE_LIMIT,
    dbPool: e.FORDRING_DB_POOL,
    loginRateLimit: e.FORDRING_LOGIN_RATE_LIMIT,
    brregUrl: e.FORDRING_BRREG_URL ?? null,
    creditBureau: creditBureauConfig(e),
    ledgerUrls: (e.FORDRING_LEDGER_URLS ?? "https://api.poweroffice.net,https://api-demo.poweroffice.net,https://api.finance.visma.net")
      .split(",")
      .map((u) => u.trim().replace(/\/+$/, ""))
      .filter((u) => u !== ""),
    secretKey: e.FORDRING_SECRET_KEY,
    secretKeyPrevious: (e.FORDRING_SECRET_KEY_PREVIOUS ?? "")
      .split(",")
      .map((k) => k.trim())
      .filter((k) => k !== ""),
    trustProxy: parseTrustProxy(e.FORDRING_TRUST_PROXY) ?? false,
    role: e.FORDRING_ROLE,
    shutdownTimeoutSeconds: e.FORDRING_SHUTDOWN_TIMEOUT,
    metricsToken: e.FORDRING_METRICS_TOKEN,
    tracing: tracingConfig(e),
    webhooksAllowPrivate: e.FORDRING_WEBHOOKS_ALLOW_PRIVATE === "1",
    demo: e.FORDRING_DEMO !== "off",
    portal: e.FORDRING_PORTAL !== "off",
    newPassword: e.FORDRING_NEW_PASSWORD,
    agency,
    lettersRefused: e.DATABASE_URL || e.FORDRING_DEMO === "off" ? agency.problems.map((p) => `letters are not sent until the agency's identity is complete: ${p}`) : [],
    delivery: deliveryConfig(e),
    credentialVariables: Object.freeze({ ...(cleaned as Record<string, string>) }),
  };
}
