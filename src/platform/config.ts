import path from "node:path";
import { z } from "zod";

/**
 * Configuration from the environment, validated once at start. An invalid value stops the
 * process with a message naming the variable, rather than failing later somewhere else.
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
  FORDRING_LOGIN_RATE_LIMIT: z.coerce.number().int().min(1).default(10),
  FORDRING_DB_POOL: z.coerce.number().int().min(1).max(500).default(10),
  FORDRING_RATE_LIMIT: z.coerce.number().int().min(0).default(600),
  FORDRING_SECRET_KEY: z.string().regex(/^[0-9a-fA-F]{64}$/, "must be 64 hexadecimal characters (openssl rand -hex 32)").optional(),
  FORDRING_SECRET_KEY_PREVIOUS: z
    .string()
    .regex(/^\s*[0-9a-fA-F]{64}\s*(,\s*[0-9a-fA-F]{64}\s*)*,?\s*$/, "must be comma-separated keys of 64 hexadecimal characters each")
    .optional(),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
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
  /** Login attempts per minute per address. */
  loginRateLimit: number;
  /** Connections to the PostgreSQL server. */
  dbPool: number;
  /** Requests per minute per client (a user, an API key, or an address); 0 turns the limit off. */
  rateLimit: number;
  /** 64 hex characters; unset: a key file in the data directory (src/access/secret-box.ts). */
  secretKey: string | undefined;
  /** Keys that only decrypt, while `fordring secrets rotate` moves stored values to `secretKey` (docs/OPERATIONS.md). */
  secretKeyPrevious: string[];
}

export class ConfigError extends Error {
  constructor(readonly issues: string[]) {
    super(`invalid configuration:\n${issues.map((i) => `  - ${i}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ""));
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
    dbPool: e.FORDRING_DB_POOL,
    loginRateLimit: e.FORDRING_LOGIN_RATE_LIMIT,
    ledgerUrls: (e.FORDRING_LEDGER_URLS ?? "https://api.poweroffice.net,https://api-demo.poweroffice.net")
      .split(",")
      .map((u) => u.trim().replace(/\/+$/, ""))
      .filter((u) => u !== ""),
    secretKey: e.FORDRING_SECRET_KEY,
    secretKeyPrevious: (e.FORDRING_SECRET_KEY_PREVIOUS ?? "")
      .split(",")
      .map((k) => k.trim())
      .filter((k) => k !== ""),
  };
}
