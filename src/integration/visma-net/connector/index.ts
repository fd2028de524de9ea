/** The Visma.net ERP connector (docs/VISMA-NET.md). */
export { createVismaNetConnector, VISMA_NET_API_URL, VISMA_CONNECT_TOKEN_URL } from "./visma-net-connector.js";
export type { VismaNetConnectorOptions } from "./visma-net-connector.js";
