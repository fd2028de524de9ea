/** The PowerOffice Go connector (see poweroffice-connector.ts). */
export { createPowerOfficeConnector, POWEROFFICE_API_URL } from "./poweroffice-connector.js";
export type { PowerOfficeConnectorOptions } from "./poweroffice-connector.js";
export type { FetchLike } from "./transport.js";
