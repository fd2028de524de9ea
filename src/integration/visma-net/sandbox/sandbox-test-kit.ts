import { manualClock, type ManualClock } from "../../poweroffice/sandbox/sandbox-test-kit.js";
import type { CompanyConfig } from "./company.js";
import { createVismaNetSandbox, DEMO_COMPANIES, type VismaNetSandbox, type VismaNetSandboxOptions } from "./server.js";

/** A listening sandbox on a manual clock, and a caller that fetches a token per company. */
export interface SandboxRig {
  readonly sandbox: VismaNetSandbox;
  readonly url: string;
  readonly clock: ManualClock;
  token(company?: CompanyConfig): Promise<string>;
  call(method: string, path: string, o?: { body?: unknown; headers?: Record<string, string>; company?: CompanyConfig; token?: string }): Promise<{ status: number; headers: Headers; text: string; json: unknown }>;
  close(): Promise<void>;
}

export async function sandboxRig(options: Omit<VismaNetSandboxOptions, "clock"> & { start?: string } = {}): Promise<SandboxRig> {
  const clock = manualClock(options.start ?? "2025-03-01T09:00:00Z");
  const sandbox = createVismaNetSandbox({ ...options, clock });
  const url = await sandbox.listen();
  const tokens = new Map<string, string>();
  const token = async (company: CompanyConfig = options.companies?.[0] ?? DEMO_COMPANIES[0]!) => {
    const res = await fetch(`${url}/connect/token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ grant_type: "client_credentials", client_id: company.clientId, client_secret: company.clientSecret, tenant_id: company.tenantId, scope: "vismanet_erp_service_api:read" }).toString(),
    });
    if (res.status !== 200) throw new Error(`token: ${res.status} ${await res.text()}`);
    return ((await res.json()) as { access_token: string }).access_token;
  };
  return {
    sandbox,
    url,
    clock,
    token,
    async call(method, path, o = {}) {
      const company = o.company ?? options.companies?.[0] ?? DEMO_COMPANIES[0]!;
      let t = o.token ?? tokens.get(company.tenantId);
      if (t === undefined) tokens.set(company.tenantId, (t = await token(company)));
      const res = await fetch(`${url}${path}`, {
        method,
        headers: { authorization: `Bearer ${t}`, accept: "application/json", ...(o.body === undefined ? {} : { "content-type": "application/json" }), ...o.headers },
        ...(o.body === undefined ? {} : { body: JSON.stringify(o.body) }),
      });
      const text = await res.text();
      let json: unknown;
      try {
        json = text === "" ? undefined : JSON.parse(text);
      } catch {
        json = undefined;
      }
      return { status: res.status, headers: res.headers, text, json };
    },
    close: () => sandbox.close(),
  };
}
