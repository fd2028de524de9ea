import type { RouteOptions } from "fastify";

/**
 * What the OpenAPI document says beyond the routes' zod schemas (issue 19, item 6): an
 * `operationId` for every operation (the portal's generated types and any client generator name
 * calls by it), the error answers every operation can give (RFC 9457 problems, `ErrorBody`), the
 * bodies that are not JSON (a bank file in, a PDF out), and the public routes marked as needing
 * no credentials. The portal's own pages are left out (src/api/portal.ts hides them).
 */

/** `METHOD /url` → operationId. A route not listed gets one made from its method and path (`operationIdOf`). */
export const OPERATION_IDS: Record<string, string> = {
  "GET /health": "getHealth",
  "POST /v1/cases/:caseId/credit-checks": "runCreditCheck",
  "GET /v1/cases/:caseId/debtor-checks": "listDebtorChecks",
  "GET /v1/cases/:caseId/payment-remarks": "listPaymentRemarks",
  "POST /v1/calculator/costs": "calculateCosts",
  "GET /v1/calculator/interest": "calculateInterest",
  "GET /v1/calculator/salary": "calculateSalary",
  "GET /v1/calculator/due-date": "calculateDueDate",
  "POST /v1/auth/login": "login",
  "POST /v1/auth/logout": "logout",
  "GET /v1/me": "getMe",
  "PATCH /v1/me": "updateMe",
  "POST /v1/firms": "registerFirm",
  "GET /v1/firms/:firmId": "getFirm",
  "POST /v1/firms/:firmId/approve": "approveFirm",
  "POST /v1/creditors/:creditorId/approve-registration": "approveCreditorRegistration",
  "POST /v1/firms/:firmId/users": "addFirmUser",
  "POST /v1/firms/:firmId/creditors": "registerFirmCreditor",
  "POST /v1/firms/:firmId/creditors/bulk": "registerFirmCreditors",
  "GET /v1/dashboard": "getDashboard",
  "GET /v1/firms/:firmId/dashboard": "getFirmDashboard",
  "GET /v1/creditors": "listCreditors",
  "POST /v1/creditors": "registerCreditor",
  "GET /v1/creditors/:creditorId": "getCreditor",
  "PATCH /v1/creditors/:creditorId": "updateCreditor",
  "PATCH /v1/creditors/:creditorId/settings": "updateCreditorSettings",
  "POST /v1/creditors/:creditorId/payout-account-changes/:changeId/approve": "approvePayoutAccountChange",
  "POST /v1/creditors/:creditorId/payout-account-changes/:changeId/reject": "rejectPayoutAccountChange",
  "GET /v1/creditors/:creditorId/activation": "getCreditorActivation",
  "POST /v1/creditors/:creditorId/activate": "activateCreditor",
  "POST /v1/firms/:firmId/creditors/activate": "activateFirmCreditors",
  "POST /v1/creditors/:creditorId/deactivate": "deactivateCreditor",
  "POST /v1/creditors/:creditorId/reactivate": "reactivateCreditor",
  "POST /v1/creditors/:creditorId/integrations": "addLedgerIntegration",
  "GET /v1/creditors/:creditorId/api-clients": "listApiClients",
  "POST /v1/creditors/:creditorId/api-clients": "createApiClient",
  "POST /v1/creditors/:creditorId/api-clients/:clientId/regenerate": "regenerateApiClientKey",
  "DELETE /v1/creditors/:creditorId/api-clients/:clientId": "revokeApiClient",
  "GET /v1/creditors/:creditorId/invoices": "listInvoices",
  "POST /v1/creditors/:creditorId/drafts/approve": "approveDrafts",
  "GET /v1/creditors/:creditorId/cases": "listCreditorCases",
  "GET /v1/cases": "listCases",
  "GET /v1/cases/:caseId": "getCase",
  "GET /v1/letters/:letterId/pdf": "getLetterPdf",
  "POST /v1/cases/:caseId/actions/:action": "actOnCase",
  "GET /v1/cases/:caseId/withdraw-preview": "previewWithdrawal",
  "POST /v1/bank-files": "importBankFile",
  "GET /v1/payments/unmatched": "listUnmatchedPayments",
  "POST /v1/payments/:bankPaymentId/match": "matchPayment",
  "GET /v1/creditors/:creditorId/settlements": "listSettlements",
  "POST /v1/creditors/:creditorId/settlements": "settle",
  "GET /v1/settlements/:settlementId": "getSettlement",
  "GET /v1/settlements/:settlementId/pdf": "getRemittancePdf",
  "GET /v1/settlements/:settlementId/payout-file": "getPayoutFile",
  "POST /v1/settlements/:settlementId/payout-file/reissue": "reissuePayoutFile",
  "POST /v1/payout-status-reports": "importPayoutStatusReport",
  "GET /v1/payouts": "listPayouts",
  "GET /v1/creditors/:creditorId/sync-runs": "listSyncRuns",
  "POST /v1/creditors/:creditorId/sync": "syncCreditor",
  "GET /v1/creditors/:creditorId/charts": "getCreditorCharts",
  "POST /v1/creditors/:creditorId/what-if": "runWhatIf",
  "GET /v1/audit": "listAudit",
  "GET /v1/webhooks": "listWebhooks",
  "POST /v1/auth/password-reset": "requestPasswordReset",
  "POST /v1/auth/password-reset/confirm": "resetPassword",
  "POST /v1/invitations/accept": "acceptInvitation",
  "POST /v1/registrations/confirm": "confirmFirmRegistration",
  "GET /v1/firms/:firmId/users": "listFirmUsers",
  "POST /v1/firms/:firmId/invitations": "inviteFirmUser",
  "PUT /v1/firms/:firmId/users/:userId/role": "changeFirmUserRole",
  "POST /v1/firms/:firmId/users/:userId/deactivate": "deactivateFirmUser",
  "POST /v1/firms/:firmId/users/:userId/reactivate": "reactivateFirmUser",
  "GET /v1/creditors/:creditorId/users": "listCreditorUsers",
  "POST /v1/creditors/:creditorId/invitations": "inviteCreditorUser",
  "POST /v1/creditors/:creditorId/users/:userId/deactivate": "deactivateCreditorUser",
  "POST /v1/creditors/:creditorId/users/:userId/reactivate": "reactivateCreditorUser",
  "GET /v1/reports/performance": "getPerformanceReport",
  "GET /v1/creditors/:creditorId/reports/performance": "getCreditorPerformanceReport",
  "POST /v1/webhooks": "createWebhook",
  "DELETE /v1/webhooks/:webhookId": "deleteWebhook",
  "GET /v1/webhooks/:webhookId/deliveries": "listWebhookDeliveries",
};

/**
 * The operationId of a route: from `OPERATION_IDS`, else its method and path words in camelCase
 * (`get` `/health/live` → `getHealthLive`), a route ending in parameters naming them
 * (`/print-batches/:date/:part` → `getPrintBatchesByDateAndPart`) so that it differs from the list beside it.
 */
export function operationIdOf(method: string, url: string): string {
  const listed = OPERATION_IDS[`${method} ${url}`];
  if (listed) return listed;
  const words = url
    .split("/")
    .filter((w) => w !== "" && w !== "v1" && !w.startsWith(":") && w !== "*")
    .flatMap((w) => w.split(/[^A-Za-z0-9]+/))
    .filter((w) => w !== "");
  const trailing: string[] = [];
  for (const part of url.split("/").reverse()) {
    if (!part.startsWith(":")) break;
    trailing.unshift(part.slice(1));
  }
  const cap = (w: string) => w[0]!.toUpperCase() + w.slice(1);
  return [method.toLowerCase(), ...words.map(cap), ...(trailing.length ? ["By", trailing.map(cap).join("And")] : [])].join("");
}

/** An onRoute hook: the route's operationId, and `security: []` on a public route (no credentials needed). */
export function describeRoute(route: RouteOptions): void {
  if (route.schema?.hide) return;
  const method = [route.method].flat()[0]!;
  const access = (route.config as { access?: Record<string, unknown> } | undefined)?.access;
  const isPublic = !!access && "public" in access;
  route.schema = { ...route.schema, operationId: (route.schema as { operationId?: string } | undefined)?.operationId ?? operationIdOf(method, route.url), ...(isPublic || !route.url.startsWith("/v1") ? { security: [] } : {}) } as RouteOptions["schema"];
}

type Json = Record<string, unknown>;
interface Operation extends Json {
  parameters?: { in: string }[];
  requestBody?: Json;
  responses?: Record<string, Json>;
  security?: unknown[];
  operationId?: string;
}

const problemRef = { $ref: "#/components/schemas/ErrorBody" };
const problemAnswer = (description: string) => ({ description, content: { "application/problem+json": { schema: problemRef } } });
const binary = { type: "string", format: "binary" };

/** Bodies that are not JSON, by operationId. */
const BINARY_REQUEST: Record<string, { description: string; types: string[] }> = {
  importBankFile: { description: "The bank file, as it came from the bank: Nets OCR giro, BgMax (text) or camt.053/camt.054 (XML)", types: ["application/octet-stream", "text/plain", "application/xml", "text/xml"] },
  importPayoutStatusReport: { description: "The bank's pain.002 status report (XML), as it came from the bank", types: ["application/xml", "text/xml", "application/octet-stream"] },
};
const XML_RESPONSE: Record<string, string> = { getPayoutFile: "The payout file: a pain.001 credit transfer (XML), validated against its XSD", reissuePayoutFile: "The new payout file: a pain.001 credit transfer (XML) with ids of its own" };
const PDF_RESPONSE: Record<string, string> = { getLetterPdf: "The letter as PDF", getRemittancePdf: "The remittance report as PDF" };
/** Other binary answers, by operationId: their description and content types. */
const FILE_RESPONSE: Record<string, { description: string; types: string[] }> = {
  getCaseMessageAttachment: { description: "The attachment's bytes, with the type judged from its content", types: ["application/pdf", "image/png", "image/jpeg"] },
};

/**
 * Completes the document the routes produced: the servers, the licence, each operation's error
 * answers (400 when it takes input, 401 and 403 unless public, 404 when its path names something,
 * 409 and 422 for writes, 429 always), the binary bodies, and no schema component that nothing uses.
 */
export function completeDocument<T extends Json>(doc: T): T {
  const d = doc as Json & { info?: Json; paths?: Record<string, Record<string, Operation>>; components?: { schemas?: Record<string, unknown> } };
  d.servers = [{ url: "/", description: "this server" }];
  d.info = { ...d.info, license: { name: "MIT", identifier: "MIT" } };
  for (const [path, ops] of Object.entries(d.paths ?? {})) {
    for (const [method, op] of Object.entries(ops)) {
      const responses = (op.responses ??= {});
      // An error answer a route declares itself is a problem too (src/api/errors.ts sends it so).
      for (const [status, r] of Object.entries(responses)) {
        const content = r.content as Record<string, unknown> | undefined;
        if (/^[45]/.test(status) && content?.["application/json"]) r.content = { "application/problem+json": content["application/json"] };
      }
      const write = method !== "get";
      const add = (status: string, description: string) => {
        if (!responses[status]) responses[status] = problemAnswer(description);
      };
      if ((op.parameters?.length ?? 0) > 0 || op.requestBody || op.operationId === "importBankFile" || op.operationId === "importPayoutStatusReport") add("400", "Bad input: `errors` names each field");
      if (!Array.isArray(op.security) || op.security.length > 0) {
        add("401", "No valid session or API client key");
        add("403", "The caller's role may not do this");
      }
      if (path.includes("{")) add("404", "Nothing by that id that the caller may see");
      if (write) {
        add("409", "The thing changed meanwhile, or the request conflicts with its state");
        add("422", "Understood, but refused by a rule (the detail says which)");
      }
      add("429", "Too many requests: slow down");
      add("500", "An error of ours: the log has the details");
      const bin = op.operationId ? BINARY_REQUEST[op.operationId] : undefined;
      if (bin) op.requestBody = { required: true, description: bin.description, content: Object.fromEntries(bin.types.map((t) => [t, { schema: binary }])) };
      const pdf = op.operationId ? PDF_RESPONSE[op.operationId] : undefined;
      if (pdf) responses["200"] = { description: pdf, content: { "application/pdf": { schema: binary } } };
      const file = op.operationId ? FILE_RESPONSE[op.operationId] : undefined;
      if (file) responses["200"] = { description: file.description, content: Object.fromEntries(file.types.map((t) => [t, { schema: binary }])) };
      const xml = op.operationId ? XML_RESPONSE[op.operationId] : undefined;
      if (xml) responses["200"] = { description: xml, content: { "application/xml": { schema: { type: "string" } } } };
    }
  }
  const schemas = d.components?.schemas;
  if (schemas) {
    const text = JSON.stringify({ ...d, components: { ...d.components, schemas: {} } });
    let changed = true;
    // A component is kept when the paths, or a component kept, refer to it.
    const kept = new Set<string>();
    while (changed) {
      changed = false;
      const refs = text + JSON.stringify([...kept].map((k) => schemas[k]));
      for (const name of Object.keys(schemas)) {
        if (!kept.has(name) && refs.includes(`"#/components/schemas/${name}"`)) {
          kept.add(name);
          changed = true;
        }
      }
    }
    for (const name of Object.keys(schemas)) if (!kept.has(name)) delete schemas[name];
  }
  return doc;
}
