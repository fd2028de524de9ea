/** The Visma.net ERP sandbox: see README.md next to this file. */
import { seedCompany, type VismaNetSeedOptions, type VismaNetSeedResult } from "./seed.js";
import { createVismaNetSandbox, type VismaNetSandbox, type VismaNetSandboxOptions } from "./server.js";

export { createVismaNetSandbox, DEMO_COMPANIES } from "./server.js";
export type { VismaNetSandbox, VismaNetSandboxOptions, VismaNetFaultKind, VismaNetFaultOptions, VismaNetSandboxState } from "./server.js";
export { Company, SandboxLedgerError, ACCOUNTS } from "./company.js";
export type { CompanyConfig, CompanySnapshot, CustomerInput, InvoiceInput, Doc } from "./company.js";
export { seedCompany } from "./seed.js";
export type { VismaNetSeedOptions, VismaNetSeedResult } from "./seed.js";

export interface RunningVismaNetSandbox {
  readonly sandbox: VismaNetSandbox;
  /** Use it where a client would use https://api.finance.visma.net (token: `${url}/connect/token`). */
  readonly url: string;
  readonly seeded: VismaNetSeedResult | undefined;
}

/** What `fordring sandbox visma-net --port 4030` runs: listening on 127.0.0.1, the first company seeded or empty. */
export async function runVismaNetSandbox(options: VismaNetSandboxOptions & { port?: number; host?: string; generate?: VismaNetSeedOptions } = {}): Promise<RunningVismaNetSandbox> {
  const sandbox = createVismaNetSandbox(options);
  const seeded = options.generate ? seedCompany(sandbox.company, options.generate) : undefined;
  const url = await sandbox.listen(options.port ?? 4030, options.host ?? "127.0.0.1");
  return { sandbox, url, seeded };
}
