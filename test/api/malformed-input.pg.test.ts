import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../support/test-app.js";
import { seedTenant, type Tenant } from "../support/tenants.js";

/**
 * Property: malformed input gets a 4xx with a message, never a 5xx, and changes nothing. For
 * every /v1 route with a body or parameters, generated bodies (anything JSON: wrong types,
 * missing fields, huge numbers, odd strings) and generated path parameters are sent as the
 * agency's operator (who may reach everything); the database's row counts must be the same
 * after every refused request.
 */
let t: TestApp;
let a: Tenant;
beforeAll(async () => {
  t = await createTestApp({ today: "2025-02-03" });
  a = await seedTenant(t, "Alfa", "974760673");
}, 60_000);
afterAll(async () => t?.close());

const TABLES = ["accounting_firms", "creditors", "users", "memberships", "api_clients", "cases", "case_events", "charges", "payments", "allocations", "letters", "settlements", "webhooks", "outbox", "claims", "bank_payments"];
async function fingerprint(): Promise<string> {
  const rows = await t.ctx.database.query<{ n: string }>(`select concat_ws(',', ${TABLES.map((x) => `(select count(*) from ${x})`).join(", ")}) as n`);
  const [cases] = await t.ctx.database.query<{ v: string }>("select coalesce(string_agg(version::text || stage || coalesce(hold_kind, ''), ',' order by id), '') as v from cases");
  const [cr] = await t.ctx.database.query<{ v: string }>("select coalesce(string_agg(md5(settings::text || status), ',' order by id), '') as v from creditors");
  return `${rows[0]!.n}|${cases!.v}|${cr!.v}`;
}

const params = (): Record<string, string> => ({ firmId: a.firmId, creditorId: a.creditorId, caseId: a.caseId, letterId: a.letterId, settlementId: a.settlementId, webhookId: a.webhookId, clientId: a.apiClientId, bankPaymentId: a.caseId, action: "pause" });
const fill = (url: string, p: Record<string, string>) => url.replace(/:(\w+)/g, (_, n: string) => p[n] ?? "x");

describe("malformed input over every route", () => {
  it("answers generated bodies with 4xx (never 5xx) and changes nothing when it refuses", async () => {
    const routes = t.app.routeTable.filter((r) => r.hasBody && r.method !== "GET" && r.url !== "/v1/auth/logout");
    expect(routes.length).toBeGreaterThan(15);
    for (const r of routes) {
      await fc.assert(
        fc.asyncProperty(fc.oneof(fc.jsonValue(), fc.dictionary(fc.constantFrom("reason", "until", "dueDate", "text", "email", "password", "name", "code", "orgNumber", "claimIds", "all", "settings", "days", "collection", "transfer", "url", "events", "kind", "clientKey"), fc.jsonValue())), async (body) => {
          const before = await fingerprint();
          const res = await t.inject({ method: r.method as "POST", url: fill(r.url, params()) + (r.url.includes("/actions/") ? "?preview=true" : ""), payload: body as object });
          expect(res.statusCode, `${r.method} ${r.url} ${JSON.stringify(body)} → ${res.body}`).toBeLessThan(500);
          if (res.statusCode >= 400) {
            expect(res.json().error.message, `${r.method} ${r.url}`).toMatch(/\w/);
            expect(await fingerprint(), `${r.method} ${r.url} changed data while refusing ${JSON.stringify(body)}`).toBe(before);
          }
        }),
        { numRuns: 12, seed: 20261123 },
      );
    }
  }, 180_000);

  it("answers generated path parameters and query strings with 4xx, never 5xx", async () => {
    const routes = t.app.routeTable.filter((r) => r.url.includes(":") || r.method === "GET");
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...routes), fc.string({ maxLength: 40 }), fc.dictionary(fc.constantFrom("state", "limit", "cursor", "from", "to", "q", "firmId", "creditorId", "before", "preview", "name"), fc.string({ maxLength: 30 })), async (r, junk, query) => {
        const id = encodeURIComponent(junk) || "%20";
        const url = fill(r.url, Object.fromEntries(Object.keys(params()).map((k) => [k, id]))) + "?" + new URLSearchParams(query).toString();
        const before = await fingerprint();
        const res = await t.inject({ method: r.method as "GET", url, payload: r.hasBody ? {} : undefined });
        expect(res.statusCode, `${r.method} ${url} → ${res.body}`).toBeLessThan(500);
        if (res.statusCode >= 400) expect(await fingerprint()).toBe(before);
      }),
      { numRuns: 300, seed: 42 },
    );
  }, 180_000);
});
