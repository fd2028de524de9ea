import { generateSeed, type GenerateSeedOptions } from "./seed-generator.js";
import { loadSeedFile, type SeedResult } from "./seed.js";
import { createPowerOfficeSandbox, type PowerOfficeSandbox, type PowerOfficeSandboxOptions } from "./server.js";

/**
 * What `fordring sandbox poweroffice --port 4010` runs: a sandbox listening on 127.0.0.1, seeded
 * from a seed file (seed.ts shape) or from the generator, or empty.
 */
export interface RunPowerOfficeSandboxOptions extends PowerOfficeSandboxOptions {
  readonly port?: number;
  readonly host?: string;
  readonly seedFile?: string;
  readonly generate?: GenerateSeedOptions;
}

export interface RunningPowerOfficeSandbox {
  readonly sandbox: PowerOfficeSandbox;
  /** Base URL, e.g. http://127.0.0.1:4010 — use it where the client would use https://api.poweroffice.net */
  readonly url: string;
  readonly seeded: SeedResult | undefined;
  /** The Basic credentials of the first client, for the token request. */
  readonly applicationKey: string;
  readonly clientKey: string;
}

export async function runPowerOfficeSandbox(options: RunPowerOfficeSandboxOptions = {}): Promise<RunningPowerOfficeSandbox> {
  if (options.seedFile && options.generate) throw new Error("give either a seed file or generator options, not both");
  const sandbox = createPowerOfficeSandbox(options);
  const seed = options.seedFile ? await loadSeedFile(options.seedFile) : options.generate ? generateSeed(options.generate) : undefined;
  const seeded = seed ? sandbox.seed(seed) : undefined;
  const url = await sandbox.listen(options.port ?? 4010, options.host ?? "127.0.0.1");
  const [client] = sandbox.state.clients;
  return { sandbox, url, seeded, applicationKey: client!.applicationKey, clientKey: client!.clientKey };
}
