import { SecretBox } from "../access/secret-box.js";
import { DomainError } from "../domain/errors.js";
import type { LedgerConnector } from "./ledger-connector.js";
import { createPowerOfficeConnector, POWEROFFICE_API_URL, type FetchLike, type PowerOfficeConnectorOptions } from "./poweroffice/connector/index.js";
import type { LedgerIntegration } from "./sync/integrations.js";

/**
 * Builds the connector for an integration row: its kind picks the implementation, its
 * `credentials_ref` is resolved to secrets by `credentials` (the row never holds them).
 */
export interface PowerOfficeCredentials {
  readonly applicationKey: string;
  readonly clientKey: string;
}

export interface ConnectorFactoryOptions {
  readonly fetch: FetchLike;
  readonly credentials: (ref: string) => PowerOfficeCredentials;
  /** Passed to every connector (clock, sleep, pacing, timeouts). */
  readonly powerOffice?: Omit<PowerOfficeConnectorOptions, "baseUrl" | "applicationKey" | "clientKey" | "fetch">;
}

/**
 * One connector per integration for the life of the factory, so that its token is reused until it
 * expires and its pacing spans consecutive syncs (the rate limit is per integration key).
 */
export function connectorFactory(o: ConnectorFactoryOptions): (integration: LedgerIntegration) => LedgerConnector {
  const made = new Map<string, LedgerConnector>();
  return (integration) => {
    if (integration.kind !== "poweroffice") throw new DomainError("unsupported_ledger", `no connector for ledger kind "${integration.kind}"`, "kind");
    const baseUrl = typeof integration.settings["baseUrl"] === "string" ? integration.settings["baseUrl"] : POWEROFFICE_API_URL;
    const key = `${integration.id}|${integration.credentialsRef}|${baseUrl}`;
    let connector = made.get(key);
    if (!connector) made.set(key, (connector = createPowerOfficeConnector({ ...o.powerOffice, ...o.credentials(integration.credentialsRef), baseUrl, fetch: o.fetch })));
    return connector;
  };
}

/**
 * `env:NAME` → the client key in `NAME`, the application key (one per integrator, authentication.md)
 * in `POWEROFFICE_APPLICATION_KEY`. `sealed:…` → the keys as given through the API, encrypted
 * with the deployment's secret key (src/access/secret-box.ts): `{ clientKey, applicationKey? }`,
 * the application key falling back to the variable.
 */
export function credentialsFromEnv(env: Readonly<Record<string, string | undefined>>, secrets?: SecretBox): (ref: string) => PowerOfficeCredentials {
  let box: SecretBox | undefined = secrets;
  return (ref) => {
    if (ref.startsWith("sealed:")) {
      box ??= SecretBox.fromEnvOrDataDir(env, env["FORDRING_DATA_DIR"] ?? "./data");
      const keys = JSON.parse(box.decrypt(ref.slice("sealed:".length))) as { clientKey: string; applicationKey?: string };
      const applicationKey = keys.applicationKey ?? env["POWEROFFICE_APPLICATION_KEY"];
      if (!applicationKey) throw new DomainError("invalid_input", "POWEROFFICE_APPLICATION_KEY is not set", "credentialsRef");
      return { applicationKey, clientKey: keys.clientKey };
    }
    const m = /^env:([A-Za-z_][A-Za-z0-9_]*)$/.exec(ref);
    if (!m) throw new DomainError("invalid_input", `credentials reference "${ref}" is not of the form env:NAME`, "credentialsRef");
    const clientKey = env[m[1]!];
    const applicationKey = env["POWEROFFICE_APPLICATION_KEY"];
    if (!clientKey) throw new DomainError("invalid_input", `${m[1]} is not set`, "credentialsRef");
    if (!applicationKey) throw new DomainError("invalid_input", "POWEROFFICE_APPLICATION_KEY is not set", "credentialsRef");
    return { applicationKey, clientKey };
  };
}

/** A credentials reference holding the keys themselves, encrypted (for keys given through the API). */
export function sealCredentials(box: SecretBox, keys: { clientKey: string; applicationKey?: string }): string {
  return `sealed:${box.encrypt(JSON.stringify(keys))}`;
}
