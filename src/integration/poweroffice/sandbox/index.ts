/** The PowerOffice Go sandbox: see README.md next to this file. */
export { createPowerOfficeSandbox, DEMO_CLIENT } from "./server.js";
export type { PowerOfficeSandbox, PowerOfficeSandboxOptions, SandboxClientOptions, SandboxState } from "./server.js";
export { runPowerOfficeSandbox } from "./run-sandbox.js";
export type { RunPowerOfficeSandboxOptions, RunningPowerOfficeSandbox } from "./run-sandbox.js";
export { applySeed, loadSeedFile, sandboxSeedSchema } from "./seed.js";
export type { SandboxSeed, SeedResult } from "./seed.js";
export { generateSeed } from "./seed-generator.js";
export type { GenerateSeedOptions } from "./seed-generator.js";
export { SandboxLedgerError } from "./ledger-side.js";
export type { LedgerSide, CustomerInput, InvoiceInput, DunningResult } from "./ledger-side.js";
export type { FaultKind, FaultOptions } from "./faults.js";
export type { SerializationMode } from "./enums.js";
export { DebtCollectionStatus, DebtCollectionCaseStatus, VoucherType } from "./enums.js";
export type { TenantCounters, SandboxClock } from "./tenant.js";
export { manualClock, fetchToken, apiCaller, basicAuth } from "./sandbox-test-kit.js";
export type { ManualClock, ApiCaller } from "./sandbox-test-kit.js";
