/** The Procountor sandbox: see README.md next to this file. */
export { createProcountorSandbox, DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, SWEDISH_COMPANIES } from "./server.js";
export type { ProcountorSandbox, ProcountorSandboxOptions, SandboxCompanyOptions } from "./server.js";
export { runProcountorSandbox, startDemoProcountorSandbox } from "./run-sandbox.js";
export type { RunProcountorSandboxOptions, RunningProcountorSandbox } from "./run-sandbox.js";
export { seedSwedishLedger } from "./seed.js";
export type { LedgerSide, PartnerInput, InvoiceInput } from "./ledger-side.js";
export { SandboxLedgerError, ocrReference } from "./ledger-side.js";
export type { Company, Invoice, Partner, PaymentEvent } from "./company.js";
export { openMinor } from "./company.js";
