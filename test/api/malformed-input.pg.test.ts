import { readFileSync } from "node:fs";
import path from "node:path";
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

const params = (): Record<string, string> => ({ firmId: a.firmId, creditorId: a.creditorId, caseId: a.caseId, letterId: a.letterId, settlementId: a.settlementId, webhookId: a.webhookId, userId: a.userIds.accountant, clientId: a.apiClientId, bankPaymentId: a.caseId, action: "pause" });
const fill = (url: string, p: Record<string, string>) => url.replace(/:(\w+)/g, (_, n: string) => p[n] ?? "x");

/** An RFC 9457 problem: its media type, the members it requires, no framework code. */
interface Problem {
  type: unknown;
  title: unknown;
  status: unknown;
  detail: unknown;
  code: unknown;
  errors?: { field: string; message: string }[];
}
function expectProblem(res: { statusCode: number; headers: Record<string, unknown>; body: string; json(): unknown }, what: string) {
  expect(String(res.headers["content-type"]), what).toMatch(/^application\/problem\+json/);
  const p = res.json() as Problem;
  expect([typeof p.type, typeof p.title, p.status, typeof p.detail, typeof p.code], what).toEqual(["string", "string", res.statusCode, "string", "string"]);
  expect(p.type, what).toBe(`urn:fordring:problem:${p.code}`);
  expect(p.detail, what).toMatch(/\w/);
  expect(res.body, what).not.toMatch(/FST_/);
  if (p.code === "invalid_request") expect(p.errors?.length, what).toBeGreaterThan(0);
}

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
            expectProblem(res, `${r.method} ${r.url}`);
            expect(await fingerprint(), `${r.method} ${r.url} changed data while refusing ${JSON.stringify(body)}`).toBe(before);
          }
        }),
        { numRuns: 12, seed: 20261123 },
      );
    }
  }, 180_000);

  // Issue 19's probe: impossible dates, NUL characters in any text, invalid what-if settings and a
  // bank file with a NUL byte each answered 500. Bodies of otherwise plausible fields carrying them.
  const NASTY = ["2025-02-30", "2025-13-01", "0000-00-00", "a\u0000b", "\u0000", "x".repeat(3) + "\u0000"];
  const FIELDS = ["reason", "until", "dueDate", "text", "email", "name", "code", "orgNumber", "from", "to", "caseNumber", "url", "clientKey", "locale", "phone", "kind", "message", "preset"];
  it("answers impossible dates and NUL characters in any field with a 4xx naming the field", async () => {
    const routes = t.app.routeTable.filter((r) => r.hasBody && r.method !== "GET" && r.url !== "/v1/auth/logout" && r.url !== "/v1/bank-files");
    for (const r of routes) {
      await fc.assert(
        fc.asyncProperty(fc.subarray(FIELDS, { minLength: 1, maxLength: 4 }), fc.constantFrom(...NASTY), async (keys, v) => {
          const body = Object.fromEntries(keys.map((k) => [k, v]));
          const before = await fingerprint();
          const res = await t.inject({ method: r.method as "POST", url: fill(r.url, params()) + (r.url.includes("/actions/") ? "?preview=true" : ""), payload: body });
          expect(res.statusCode, `${r.method} ${r.url} ${JSON.stringify(body)} → ${res.body}`).toBeLessThan(500);
          if (res.statusCode >= 400) expect(await fingerprint(), `${r.method} ${r.url} changed data while refusing ${JSON.stringify(body)}`).toBe(before);
          if (v.includes("\u0000")) expect(res.statusCode, `${r.method} ${r.url} took a NUL character`).toBeGreaterThanOrEqual(400);
        }),
        { numRuns: 10, seed: 20261205 },
      );
    }
    // Named examples: each answered 500 before.
    const cases: [string, string, unknown, string][] = [
      ["PATCH", `/v1/creditors/${a.creditorId}`, { name: "A\u0000S" }, "body.name"],
      ["POST", `/v1/creditors/${a.creditorId}/api-clients`, { name: "k\u0000" }, "body.name"],
      ["POST", `/v1/cases/${a.caseId}/actions/pause?preview=true`, { reason: "r\u0000" }, "body.reason"],
      ["POST", `/v1/creditors/${a.creditorId}/what-if`, { settings: { collection: { firstStep: 3 } } }, "settings.collection.firstStep"],
      ["POST", `/v1/creditors/${a.creditorId}/what-if`, { settings: { collection: { "k\u0000": 1 } } }, "body.settings.collection.k"],
      ["GET", `/v1/creditors/${a.creditorId}/cases?from=2025-02-30`, undefined, "querystring.from"],
      ["GET", `/v1/cases?to=2025-02-29`, undefined, "querystring.to"],
      ["GET", `/v1/creditors/${a.creditorId}/invoices?from=2025-04-31`, undefined, "querystring.from"],
      ["GET", `/v1/creditors/${a.creditorId}/settlements?to=2025-02-30`, undefined, "querystring.to"],
      ["POST", `/v1/creditors/${a.creditorId}/settlements`, { from: "2025-02-01", to: "2025-02-30" }, "body.to"],
      ["GET", `/v1/cases?q=a%00b`, undefined, "query.q"],
    ];
    for (const [method, url, payload, field] of cases) {
      const before = await fingerprint();
      const res = await t.inject({ method: method as "POST", url, ...(payload === undefined ? {} : { payload: payload as object }) });
      expect(res.statusCode, `${method} ${url} → ${res.body}`).toBe(400);
      expectProblem(res, `${method} ${url}`);
      expect(res.json().errors.map((e: { field: string }) => e.field).join(" "), `${method} ${url} names ${field}`).toContain(field);
      expect(await fingerprint()).toBe(before);
    }
  }, 180_000);

  it("refuses a bank file with a NUL byte whole, with its line (422), in every format", async () => {
    for (const f of ["python-netsgiro_ocr_giro_transactions.txt", "pybgmax_multipayment.txt", "camt054.v2.xml"]) {
      const raw = readFileSync(path.join("test/fixtures/bank-files", f), "latin1");
      const i = raw.indexOf("\n", raw.length / 2) + 5;
      for (const bytes of [raw.slice(0, i) + "\u0000" + raw.slice(i + 1), raw.slice(0, i) + "\u0000" + raw.slice(i)]) {
        const before = await fingerprint();
        const res = await t.inject({ method: "POST", url: "/v1/bank-files?name=nul.txt", headers: { "content-type": "application/octet-stream" }, payload: Buffer.from(bytes, "latin1") });
        expect(res.statusCode, `${f} → ${res.body}`).toBe(422);
        expect(res.body, f).toMatch(/line \d+/);
        expect(await fingerprint()).toBe(before);
      }
    }
  }, 60_000);

  it("answers the framework's own refusals as problems without its codes (bad JSON, media type, no route, too large)", async () => {
    const answers = [
      await t.inject({ method: "POST", url: `/v1/creditors/${a.creditorId}/what-if`, headers: { "content-type": "application/json" }, payload: "{not json" }),
      await t.inject({ method: "POST", url: `/v1/creditors/${a.creditorId}/what-if`, headers: { "content-type": "application/x-weird" }, payload: "x" }),
      await t.inject({ method: "GET", url: "/v1/no-such-route" }),
      await t.inject({ method: "POST", url: `/v1/creditors/${a.creditorId}/what-if`, headers: { "content-type": "application/json" }, payload: "" }),
    ];
    expect(answers.map((r) => r.statusCode)).toEqual([400, 415, 404, 400]);
    for (const r of answers) expectProblem(r, r.body);
    expect(answers.map((r) => r.json().code)).toEqual(["bad_request", "unsupported_media_type", "not_found", "bad_request"]);
  });

  it("answers generated path parameters and query strings with 4xx, never 5xx", async () => {
    const routes = t.app.routeTable.filter((r) => r.url.includes(":") || r.method === "GET");
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...routes), fc.string({ maxLength: 40 }), fc.dictionary(fc.constantFrom("state", "limit", "cursor", "from", "to", "q", "firmId", "creditorId", "before", "preview", "name"), fc.oneof(fc.string({ maxLength: 30 }), fc.constantFrom("2025-02-30", "2024-02-30", "a\u0000"))), async (r, junk, query) => {
        const id = encodeURIComponent(junk) || "%20";
        const url = fill(r.url, Object.fromEntries(Object.keys(params()).map((k) => [k, id]))) + "?" + new URLSearchParams(query).toString();
        const before = await fingerprint();
        const res = await t.inject({ method: r.method as "GET", url, payload: r.hasBody ? {} : undefined });
        expect(res.statusCode, `${r.method} ${url} → ${res.body}`).toBeLessThan(500);
        if (res.statusCode >= 400) expectProblem(res, `${r.method} ${url}`);
        if (res.statusCode >= 400) expect(await fingerprint()).toBe(before);
      }),
      { numRuns: 300, seed: 42 },
    );
  }, 180_000);
});
