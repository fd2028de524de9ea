import { SecretBox } from "../access/secret-box.js";
import { DomainError } from "../domain/errors.js";
import type { LedgerConnector } from "./ledger-connector.js";
import { createPowerOfficeConnector, POWEROFFICE_API_URL, type FetchLike, type PowerOfficeConnectorOptions } from "./poweroffice/connector/index.js";
import type { LedgerIntegration } from "./sync/integrations.js";
import { createVismaNetConnector, VISMA_CONNECT_TOKEN_URL, VISMA_NET_API_URL, type VismaNetConnectorOptions } from "./visma-net/connector/index.js";

/**
 * Builds the connector for an integration row: its kind picks the implementation, its
 * `credentials_ref` is resolved to secrets by `credentials` (the row never holds them). The
 * secrets are a plain record; each connector checks the keys it needs and refuses with the missing
 * key named.
 */
export type LedgerCredentials = Readonly<Record<string, string>>;

export interface ConnectorFactoryOptions {
  readonly fetch: FetchLike;
  readonly credentials: (ref: string) => LedgerCredentials;
  /** Passed to every connector (clock, sleep, pacing, timeouts). */
  readonly powerOffice?: Omit<PowerOfficeConnectorOptions, "baseUrl" | "applicationKey" | "clientKey" | "fetch">;
  readonly vismaNet?: Omit<VismaNetConnectorOptions, "baseUrl" | "clientId" | "clientSecret" | "tenantId" | "fetch">;
}

/**
 * One connector per integration for the life of the factory, so that its token is reused until it
 * expires and its pacing spans consecutive syncs (the rate limit is per integration key).
 */
export function connectorFactory(o: ConnectorFactoryOptions): (integration: LedgerIntegration) => LedgerConnector {
  const made = new Map<string, LedgerConnector>();
  return (integration) => {
    const setting = (name: string) => (typeof integration.settings[name] === "string" ? (integration.settings[name] as string) : undefined);
    const key = `${integration.id}|${integration.kind}|${integration.credentialsRef}|${JSON.stringify(integration.settings)}`;
    let connector = made.get(key);
    if (connector) return connector;
    switch (integration.kind) {
      case "poweroffice": {
        const c = required(o.credentials(integration.credentialsRef), ["applicationKey", "clientKey"], "PowerOffice");
        connector = createPowerOfficeConnector({ ...o.powerOffice, applicationKey: c["applicationKey"]!, clientKey: c["clientKey"]!, baseUrl: setting("baseUrl") ?? POWEROFFICE_API_URL, fetch: o.fetch });
        break;
      }
      case "visma-net": {
        const c = required(o.credentials(integration.credentialsRef), ["clientId", "clientSecret", "tenantId"], "Visma.net");
        connector = createVismaNetConnector({ ...o.vismaNet, ...vismaNetSettings(integration.settings), clientId: c["clientId"]!, clientSecret: c["clientSecret"]!, tenantId: c["tenantId"]!, fetch: o.fetch });
        break;
      }
      default:
        throw new DomainError("unsupported_ledger", `no connector for ledger kind "${integration.kind}"`, "kind");
    }
    made.set(key, connector);
    return connector;
  };
}

function required(c: LedgerCredentials, keys: readonly string[], ledger: string): LedgerCredentials {
  const missing = keys.filter((k) => typeof c[k] !== "string" || c[k] === "");
  if (missing.length > 0) throw new DomainError("invalid_input", `the ${ledger} credentials lack ${missing.join(", ")}`, "credentialsRef");
  return c;
}

/**
 * `env:NAME` → the client key in `NAME`, the application key (one per integrator, authentication.md)
 * in `POWEROFFICE_APPLICATION_KEY`; when `NAME` holds a JSON object, its keys (a Visma.net
 * `{clientId, clientSecret, tenantId}`). `sealed:…` → the keys as given through the API, encrypted
 * with the deployment's secret key (src/access/secret-box.ts), the PowerOffice application key
 * falling back to the variable. Each connector checks the keys it needs.
 */
export function credentialsFromEnv(env: Readonly<Record<string, string | undefined>>, secrets?: SecretBox): (ref: string) => LedgerCredentials {
  let box: SecretBox | undefined = secrets;
  const applicationKey = env["POWEROFFICE_APPLICATION_KEY"];
  return (ref) => {
    if (ref.startsWith("sealed:")) {
      box ??= SecretBox.fromEnvOrDataDir(env, env["FORDRING_DATA_DIR"] ?? "./data");
      const keys = JSON.parse(box.decrypt(ref.slice("sealed:".length))) as Record<string, string>;
      if ("clientKey" in keys && !keys["applicationKey"]) {
        if (!applicationKey) throw new DomainError("invalid_input", "POWEROFFICE_APPLICATION_KEY is not set", "credentialsRef");
        return { ...keys, applicationKey };
      }
      return keys;
    }
    const m = /^env:([A-Za-z_][A-Za-z0-9_]*)$/.exec(ref);
    if (!m) throw new DomainError("invalid_input", `credentials reference "${ref}" is not of the form env:NAME`, "credentialsRef");
    const value = env[m[1]!];
    if (!value) throw new DomainError("invalid_input", `${m[1]} is not set`, "credentialsRef");
    if (value.trim().startsWith("{")) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(value);
      } catch {
        throw new DomainError("invalid_input", `${m[1]} is not valid JSON`, "credentialsRef");
      }
      if (parsed === null || typeof parsed !== "object" || Object.values(parsed).some((v) => typeof v !== "string")) throw new DomainError("invalid_input", `${m[1]} must be a JSON object of strings`, "credentialsRef");
      return parsed as Record<string, string>;
    }
    if (!applicationKey) throw new DomainError("invalid_input", "POWEROFFICE_APPLICATION_KEY is not set", "credentialsRef");
    return { applicationKey, clientKey: value };
  };
}

/** A Visma.net integration's settings: `baseUrl`, `tokenUrl`, `balanceAccount`, `receivableAccount`, `transferAtDunningLevel`, `backgroundWrites`. */
function vismaNetSettings(settings: Readonly<Record<string, unknown>>): Pick<VismaNetConnectorOptions, "baseUrl"> & Partial<VismaNetConnectorOptions> {
  const str = (k: string) => (typeof settings[k] === "string" ? (settings[k] as string) : undefined);
  const baseUrl = str("baseUrl") ?? VISMA_NET_API_URL;
  const level = settings["transferAtDunningLevel"];
  return {
    baseUrl,
    tokenUrl: str("tokenUrl") ?? (baseUrl.replace(/\/+$/, "") === VISMA_NET_API_URL ? VISMA_CONNECT_TOKEN_URL : `${baseUrl.replace(/\/+$/, "")}/connect/token`),
    ...(str("balanceAccount") ? { balanceAccount: str("balanceAccount")! } : {}),
    ...(str("receivableAccount") ? { receivableAccount: str("receivableAccount")! } : {}),
    ...(typeof level === "number" && Number.isInteger(level) && level >= 0 ? { transferAtDunningLevel: level } : {}),
    ...(typeof settings["backgroundWrites"] === "boolean" ? { backgroundWrites: settings["backgroundWrites"] } : {}),
  };
}

/** A credentials reference holding the keys themselves, encrypted (for keys given through the API). */
export function sealCredentials(box: SecretBox, keys: Readonly<Record<string, string>>): string {
  return `sealed:${box.encrypt(JSON.stringify(keys))}`;
}
