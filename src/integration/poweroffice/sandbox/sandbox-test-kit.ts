import type { FastifyInstance } from "fastify";
import type { SandboxClientOptions } from "./server.js";
import { DEMO_CLIENT } from "./server.js";

/**
 * Helpers for tests that drive the sandbox through `inject`: a clock the test moves, and a tiny
 * API caller that fetches a token the documented way.
 */
export interface ManualClock {
  now(): Date;
  advance(ms: number): void;
  set(iso: string): void;
}

export function manualClock(startIso: string): ManualClock {
  let t = Date.parse(startIso);
  return {
    now: () => new Date(t),
    advance: (ms) => {
      t += ms;
    },
    set: (iso) => {
      t = Date.parse(iso);
    },
  };
}

export function basicAuth(client: Pick<SandboxClientOptions, "applicationKey" | "clientKey"> = DEMO_CLIENT): string {
  return `Basic ${Buffer.from(`${client.applicationKey}:${client.clientKey}`).toString("base64")}`;
}

export async function fetchToken(app: FastifyInstance, client: Pick<SandboxClientOptions, "applicationKey" | "clientKey"> = DEMO_CLIENT): Promise<string> {
  const res = await app.inject({
    method: "POST",
    url: "/OAuth/Token",
    headers: { authorization: basicAuth(client), "content-type": "application/x-www-form-urlencoded; charset=utf-8" },
    payload: "grant_type=client_credentials",
  });
  if (res.statusCode !== 200) throw new Error(`token: ${res.statusCode} ${res.body}`);
  return (JSON.parse(res.body) as { access_token: string }).access_token;
}

export interface ApiResponse {
  readonly status: number;
  /** The parsed JSON body (undefined when the body is not JSON). */
  readonly body: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- tests read arbitrary wire shapes
  readonly raw: string;
  readonly headers: Record<string, unknown>;
}

export function apiCaller(app: FastifyInstance, token: string) {
  const call = async (method: "GET" | "POST" | "DELETE", url: string, payload?: unknown): Promise<ApiResponse> => {
    const res = await app.inject({
      method,
      url,
      headers: { authorization: `Bearer ${token}`, ...(payload === undefined ? {} : { "content-type": "application/json; charset=utf-8" }) },
      ...(payload === undefined ? {} : { payload: JSON.stringify(payload) }),
    });
    let body: unknown;
    try {
      body = JSON.parse(res.body);
    } catch {
      body = undefined;
    }
    return { status: res.statusCode, body, raw: res.body, headers: res.headers };
  };
  return {
    get: (url: string) => call("GET", url),
    post: (url: string, payload?: unknown) => call("POST", url, payload),
    del: (url: string) => call("DELETE", url),
  };
}

export type ApiCaller = ReturnType<typeof apiCaller>;
