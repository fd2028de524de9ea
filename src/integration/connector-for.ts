import { SecretBox } from "../access/secret-box.js";
import { DomainError } from "../domain/errors.js";
import type { LedgerConnector } from "./ledger-connector.js";
import { createPowerOfficeConnector, POWEROFFICE_API_URL, type FetchLike, type PowerOfficeConnectorOptions } from "./poweroffice/connector/index.js";
import { createProcountorConnector, PROCOUNTOR_API_URL, type ProcountorConnectorOptions } from "./procountor/connector/index.js";
import type { LedgerIntegration } from "./sync/integrations.js";

/**
 * Builds the connector for an integration row: its kind picks the implementation, its
 * `credentials_ref` is resolved to secrets by `credentials` (the row never holds them). The
 * secrets are a plain record; each connector checks the keys it needs and refuses clearly.
 */
export type Credentials = Readonly<Record<string, string>>;

export interface ConnectorFactoryOptions {
  readonly fetch: FetchLike;
  readonly credentials: (ref: string) => Credentials;
  /** Passed to every PowerOffice connector (clock, sleep, pacing, timeouts). */
  readonly powerOffice?: Omit<PowerOfficeConnectorOptions, "baseUrl" | "applicationKey" | "clientKey" | "fetch">;
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
    const configuredUrl = typeof integration.settings["baseUrl"] === "string" ? integration.settings["baseUrl"] : undefined;
    const key = `${integration.id}|${integration.kind}|${integration.credentialsRef}|${configuredUrl ?? ""}`;
    const known = made.get(key);
    if (known) return known;
    let connector: LedgerConnector;
    switch (integration.kind) {
      case "poweroffice": {
        const c = o.credentials(integration.credentialsRef);
        const clientKey = c["clientKey"] ?? c["secret"];
        if (!clientKey) throw new DomainError("invalid_input", "the PowerOffice credentials hold no client key", "credentialsRef");
        if (!c["applicationKey"]) throw new DomainError("invalid_input", "POWEROFFICE_APPLICATION_KEY is not set", "credentialsRef");
        connector = createPowerOfficeConnector({ ...o.powerOffice, applicationKey: c["applicationKey"], clientKey, baseUrl: configuredUrl ?? POWEROFFICE_API_URL, fetch: o.fetch });
        break;
      }
      case "procountor": {
        const c = o.credentials(integration.credentialsRef);
        const apiKey = c["apiKey"] ?? c["secret"];
        if (!apiKey) throw new DomainError("invalid_input", "the Procountor credentials hold no API key", "credentialsRef");
        if (!c["clientId"] || !c["clientSecret"]) throw new DomainError("invalid_input", "PROCOUNTOR_CLIENT_ID and PROCOUNTOR_CLIENT_SECRET must be set", "credentialsRef");
        connector = createProcountorConnector({ ...o.procountor, ...procountorSettings(integration.settings), clientId: c["clientId"], clientSecret: c["clientSecret"], apiKey, baseUrl: configuredUrl ?? PROCOUNTOR_API_URL, fetch: o.fetch });
        break;
      }
      default:
        throw new DomainError("unsupported_ledger", `no connector for ledger kind "${integration.kind}"`, "kind");
    }
    made.set(key, connector);
    return connector;
  };
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
  clientId: "PROCOUNTOR_CLIENT_ID",
  clientSecret: "PROCOUNTOR_CLIENT_SECRET",
};

/**
 * `env:NAME` → the creditor's secret in `NAME` (`secret`: PowerOffice's client key, Procountor's
 * API key), with the deployment's keys (PowerOffice application key, Procountor client id and
 * secret) from their variables. `sealed:…` → the keys as given through the API, encrypted with
 * the deployment's secret key (src/access/secret-box.ts), the deployment's keys filling the gaps.
 */
export function credentialsFromEnv(env: Readonly<Record<string, string | undefined>>, secrets?: SecretBox): (ref: string) => Credentials {
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
    const secret = env[m[1]!];
    if (!secret) throw new DomainError("invalid_input", `${m[1]} is not set`, "credentialsRef");
    return { ...deployment(), secret };
  };
}

/** A credentials reference holding the keys themselves, encrypted (for keys given through the API). */
export function sealCredentials(box: SecretBox, keys: Credentials): string {
  return `sealed:${box.encrypt(JSON.stringify(keys))}`;
}
