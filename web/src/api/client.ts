/**
 * The one way the portal talks to the server: an openapi-fetch client typed by the server's
 * OpenAPI document (`schema.d.ts`, generated; docs/API.md), same-origin with the session cookie,
 * the CSRF token on every state-changing request, and the API's error shape (`ErrorBody`, the
 * same schema the server declares) turned into an ApiError a page can show.
 *
 *   const detail = await call(client.GET("/v1/cases/{caseId}", { params: { path: { caseId } } }));
 */
import createClient from "openapi-fetch";
import type { components, paths } from "./schema";

type ErrorBody = components["schemas"]["ErrorBody"];
/** One field that failed validation: where (`body.transfer.delayDays`) and what is wrong. */
export type ApiIssue = NonNullable<ErrorBody["error"]["issues"]>[number];

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly issues: ApiIssue[] = [],
    /** The input the server names as wrong (`caseNumber`, `bankPaymentId`), when it names one. */
    readonly field: string | null = null,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

let csrfToken: string | null = null;
let onUnauthorized: (() => void) | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Called when a request answers 401 (the session ended): the app shows the login page. */
export function setUnauthorizedHandler(handler: (() => void) | null): void {
  onUnauthorized = handler;
}

/** The typed client: `client.GET(path, { params })`, `client.POST(path, { params, body })`, … */
export const client = createClient<paths>({
  credentials: "same-origin",
  headers: { accept: "application/json" },
  // Looked up on every call, so a test's stubbed fetch is the one used.
  fetch: (request) => globalThis.fetch(request),
});

client.use({
  onRequest({ request }) {
    if (request.method !== "GET" && csrfToken) request.headers.set("x-csrf-token", csrfToken);
    return request;
  },
  onResponse({ response, schemaPath }) {
    if (response.status === 401 && schemaPath !== "/v1/auth/login" && onUnauthorized) onUnauthorized();
    return undefined;
  },
});

/**
 * The error of a failed answer, when it has the API's shape: an RFC 9457 problem (`code`,
 * `detail`, `errors`), read from its members first and from `error` (the shape before) else.
 */
function errorOf(body: unknown): Partial<ErrorBody["error"]> {
  if (typeof body !== "object" || body === null) return {};
  const p = body as Partial<ErrorBody>;
  const e: Partial<ErrorBody["error"]> = typeof p.error === "object" && p.error !== null ? p.error : {};
  const code = p.code ?? e.code;
  const message = p.detail ?? e.message;
  const issues = e.issues ?? (p.code === "invalid_request" ? p.errors : undefined);
  return { ...e, ...(code !== undefined ? { code } : {}), ...(message !== undefined ? { message } : {}), ...(issues !== undefined ? { issues } : {}) };
}

/**
 * A client call's data, or an ApiError: the server's code, words, issues and field for an answer
 * other than 2xx, status 0 ("network") when no answer came.
 */
export async function call<D>(pending: Promise<{ data?: D; error?: unknown; response: Response }>): Promise<D> {
  let result: { data?: D; error?: unknown; response: Response };
  try {
    result = await pending;
  } catch (e) {
    throw e instanceof ApiError ? e : new ApiError(0, "network", e instanceof Error ? e.message : String(e));
  }
  const { response } = result;
  if (!response.ok) {
    const err = errorOf(result.error);
    throw new ApiError(response.status, err.code ?? `http_${response.status}`, err.message ?? response.statusText, err.issues ?? [], err.field ?? null);
  }
  return result.data as D;
}
