import { SecretBox } from "../access/secret-box.js";
import { DomainError } from "../domain/errors.js";
import type { LedgerConnector } from "./ledger-connector.js";
import { createPowerOfficeConnector, POWEROFFICE_API_URL, type FetchLike, type PowerOfficeConnectorOptions } from "./poweroffice/connector/index.js";
import { createProcountorConnector, PROCOUNTOR_API_URL, type ProcountorConnectorOptions } from "./procountor/connector/index.js";
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
  /** Passed to every PowerOffice connector (clock, sleep, pacing, timeouts). */
  readonly powerOffice?: Omit<PowerOfficeConnectorOptions, "baseUrl" | "applicationKey" | "clientKey" | "fetch">;
  readonly vismaNet?: Omit<VismaNetConnectorOptions, "baseUrl" | "clientId" | "clientSecret" | "tenantId" | "fetch">;
  /** Passed to every Procountor connector (clock, sleep, pacing, timeouts, accounts). */
  readonly procountor?: Omit<ProcountorConnectorOptions, "baseUrl" | "clientId" | "clientSecret" | "apiKey" | "fetch">;
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
        const c = o.credentials(integration.credentialsRef);
        const clientKey = c["clientKey"] ?? c["secret"];
        if (!clientKey) throw new DomainError("invalid_input", "the PowerOffice credentials hold no client key", "credentialsRef");
        if (!c["applicationKey"]) throw new DomainError("invalid_input", "POWEROFFICE_APPLICATION_KEY is not set", "credentialsRef");
        connector = createPowerOfficeConnector({ ...o.powerOffice, applicationKey: c["applicationKey"], clientKey, baseUrl: setting("baseUrl") ?? POWEROFFICE_API_URL, fetch: o.fetch });
        break;
      }
      case "visma-net": {
        const c = required(o.credentials(integration.credentialsRef), ["clientId", "clientSecret", "tenantId"], "Visma.net");
        connector = createVismaNetConnector({ ...o.vismaNet, ...vismaNetSettings(integration.settings), clientId: c["clientId"]!, clientSecret: c["clientSecret"]!, tenantId: c["tenantId"]!, fetch: o.fetch });
        break;
      }
      case "procountor": {
        const c = o.credentials(integration.credentialsRef);
        const apiKey = c["apiKey"] ?? c["secret"];
        const clientId = c["procountorClientId"] ?? c["clientId"];
        const clientSecret = c["procountorClientSecret"] ?? c["clientSecret"];
        if (!apiKey) throw new DomainError("invalid_input", "the Procountor credentials hold no API key", "credentialsRef");
        if (!clientId || !clientSecret) throw new DomainError("invalid_input", "PROCOUNTOR_CLIENT_ID and PROCOUNTOR_CLIENT_SECRET must be set", "credentialsRef");
        connector = createProcountorConnector({ ...o.procountor, ...procountorSettings(integration.settings), clientId, clientSecret, apiKey, baseUrl: setting("baseUrl") ?? PROCOUNTOR_API_URL, fetch: o.fetch });
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

/** The integration's own Procountor settings: `partnerName`, `accountMap`, `receivablesAccount`. */
function procountorSettings(s: Readonly<Record<string, unknown>>): Pick<ProcountorConnectorOptions, "partnerName" | "accountMap" | "receivablesAccount"> {
  const map = s["accountMap"];
  return {
    ...(typeof s["partnerName"] === "string" ? { partnerName: s["partnerName"] } : {}),
    ...(typeof s["receivablesAccount"] === "string" ? { receivablesAccount: s["receivablesAccount"] } : {}),
    ...(map !== null && typeof map === "object" ? { accountMap: Object.fromEntries(Object.entries(map).filter((e): e is [string, string] => typeof e[1] === "string")) } : {}),
  };
}

/** Keys one per deployment (per integrator), never per creditor: read from the environment. */
const DEPLOYMENT_KEYS: Readonly<Record<string, string>> = {
  applicationKey: "POWEROFFICE_APPLICATION_KEY",
  procountorClientId: "PROCOUNTOR_CLIENT_ID",
  procountorClientSecret: "PROCOUNTOR_CLIENT_SECRET",
};

/**
 * `env:NAME` → the creditor's secret in `NAME` (`secret`: PowerOffice's client key, Procountor's
 * API key; a JSON object of strings: its keys, e.g. Visma.net's `{clientId, clientSecret, tenantId}`), with the deployment's keys (PowerOffice application key, Procountor client id and
 * secret) from their variables. `sealed:…` → the keys as given through the API, encrypted with
 * the deployment's secret key (src/access/secret-box.ts), the deployment's keys filling the gaps.
 */
export function credentialsFromEnv(env: Readonly<Record<string, string | undefined>>, secrets?: SecretBox): (ref: string) => LedgerCredentials {
  let box: SecretBox | undefined = secrets;
  const deployment = () => Object.fromEntries(Object.entries(DEPLOYMENT_KEYS).flatMap(([k, name]) => (env[name] ? [[k, env[name]]] : [])));
  return (ref) => {
    if (ref.startsWith("sealed:")) {
      box ??= SecretBox.fromEnvOrDataDir(env, env["FORDRING_DATA_DIR"] ?? "./data");
      const keys = JSON.parse(box.decrypt(ref.slice("sealed:".length))) as Record<string, string>;
      return { ...deployment(), ...keys };
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
      return { ...deployment(), ...(parsed as Record<string, string>) };
    }
    return { ...deployment(), secret: value };
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
export function sealCredentials(box: SecretBox, keys: LedgerCredentials): string {
  return `sealed:${box.encrypt(JSON.stringify(keys))}`;
}
