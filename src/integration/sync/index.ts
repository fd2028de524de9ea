/** Ledger sync: see sync-creditor.ts. The CLI and the job wiring call these. */
export { syncCreditor, syncAllCreditors, syncIntegration, ledgerSyncDeps } from "./sync-creditor.js";
export type { SyncDeps, CreditorSyncResult, IntegrationSyncResult } from "./sync-creditor.js";
export { syncStatus } from "./sync-status.js";
export type { IntegrationStatus } from "./sync-status.js";
export { addLedgerIntegration, listIntegrations, loadIntegration, moveCaseCreation } from "./integrations.js";
export type { IntegrationInput, LedgerIntegration } from "./integrations.js";
export { AGENCY_VOUCHER_PREFIX } from "./ledger-payments.js";
export { connectorFactory, credentialsFromEnv } from "../connector-for.js";
export { approveDrafts, listTransferClaims } from "./approve-drafts.js";
export type { ApproveDraftsInput, ApproveDraftsResult, TransferListItem } from "./approve-drafts.js";
export { transferPolicy } from "../../collection/transfer-policy.js";
export type { TransferPolicy } from "../../collection/transfer-policy.js";
