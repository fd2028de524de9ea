export {
  type Decision,
  type Reason,
  type StatusOnly,
  type EligibilityContext,
  type EligibilityStatus,
  evaluateEligibility,
  evaluateEligibilityStatus,
} from "./evaluate-eligibility.js";
export {
  type EligibilityCustomer,
  type EligibilityInvoice,
  type InvoiceInput,
  type InvoiceStatus,
  type Jurisdiction,
  type LedgerLetters,
  type PostalAddress,
  INVOICE_STATUSES,
  JURISDICTIONS,
  missingAddressFields,
  readInvoice,
} from "./invoice.js";
export { type TransferMinimum, TRANSFER_MINIMUMS } from "./legal-minimums.js";
export { type PresetName, PRESET_NAMES, PRESETS, isPresetName, settingsFromPreset } from "./presets.js";
export { type ReasonCode, REASON_CODES } from "./reason-codes.js";
export { REASON_SPECS } from "./reason-texts.js";
export type { AutomaticTransfer, DraftListRule, EligibilitySettings, LedgerDunning, SettingsOverrides } from "./settings.js";
