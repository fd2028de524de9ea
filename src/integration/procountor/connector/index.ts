export { createProcountorConnector, DEFAULT_ACCOUNT_MAP, PROCOUNTOR_API_URL } from "./procountor-connector.js";
export type { ProcountorConnector, ProcountorConnectorOptions } from "./procountor-connector.js";
export { invoiceDetails, withNoteLine } from "./invoice-notes.js";
export type { InvoiceDetails } from "./invoice-notes.js";
