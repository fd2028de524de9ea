import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RouteEntry } from "../../src/api/access.js";
import { createTestApp, type TestApp } from "../support/test-app.js";
import { login, seedTenant, type Tenant } from "../support/tenants.js";

/**
 * Tenant isolation, generated from the route table: every /v1 route is called with another
 * tenant's credentials (its firm admin's session and its API key) on this tenant's resources,
 * and must answer 401/403/404 — or, for lists, nothing of this tenant — and leak nothing: no id,
 * name or case number of the other tenant appears in any answer. A new route is covered the day
 * it is added, without a new test.
 */
let t: TestApp;
let a: Tenant;
let b: Tenant;
let bSession: Record<string, string>;
let bAccountantSession: Record<string, string>;

beforeAll(async () => {
  t = await createTestApp({ today: "2025-02-03" });
  a = await seedTenant(t, "Alfa", "974760673");
  b = await seedTenant(t, "Beta", "923609016");
  bSession = await login(t, b.users.firmAdmin);
  bAccountantSession = await login(t, b.users.accountant);
}, 60_000);
afterAll(async () => t?.close());

const SAMPLE_PARAMS = (x: Tenant): Record<string, string> => ({
  firmId: x.firmId,
  creditorId: x.creditorId,
  caseId: x.caseId,
  letterId: x.letterId,
  debtorId: x.debtorId,
  settlementId: x.settlementId,
  webhookId: x.webhookId,
  userId: x.userIds.accountant,
  clientId: x.apiClientId,
  bankPaymentId: "00000000-0000-4000-8000-000000000000",
  jobId: "00000000-0000-4000-8000-000000000001",
  action: "pause",
  proceedingId: "00000000-0000-4000-8000-000000000001",
  documentId: "00000000-0000-4000-8000-000000000002",
  attachmentId: "00000000-0000-4000-8000-000000000003",
  changeId: "00000000-0000-4000-8000-000000000004",
  date: "2025-01-02",
  part: "pdf",
});

function fill(url: string, params: Record<string, string>): string {
  return url.replace(/:(\w+)/g, (_, name: string) => {
    const v = params[name];
    if (!v) throw new Error(`no sample for :${name} in ${url} — add one to SAMPLE_PARAMS`);
    return v;
  });
}

function leaks(body: string, x: Tenant): string[] {
  const secrets = [x.firmId, x.creditorId, x.caseId, x.letterId, x.settlementId, x.webhookId, x.apiClientId, x.caseNumber, `Creditor ${x.tag}`, `Debtor ${x.tag}`, `INV-${x.tag}`, `Firm ${x.tag}`];
  return secrets.filter((s) => body.includes(s));
}

const routes = (): RouteEntry[] => t.app.routeTable;

describe("tenant isolation over every /v1 route", () => {
  it("covers a route table of real size", () => {
    expect(routes().length).toBeGreaterThan(30);
    expect(routes().filter((r) => "resource" in r.access).length).toBeGreaterThan(20);
  });

  it("answers every route but the public ones 401 without credentials", async () => {
    for (const r of routes().filter((r) => !("public" in r.access))) {
      const res = await t.app.inject({ method: r.method as "GET", url: fill(r.url, SAMPLE_PARAMS(a)), payload: r.hasBody ? {} : undefined });
      expect(res.statusCode, `${r.method} ${r.url}`).toBe(401);
      expect(leaks(res.body, a), `${r.method} ${r.url}`).toEqual([]);
    }
  });

  for (const [who, headers] of [
    ["the other firm's admin (session)", () => bSession],
    ["the other firm's accountant (session)", () => bAccountantSession],
    ["the other creditor's API key", () => ({ authorization: `Bearer ${b.apiKey}` })],
  ] as const) {
    it(`refuses ${who} on this tenant's resources and leaks nothing`, async () => {
      const checked: string[] = [];
      // Logging out would end the session the loop runs on; it names no resource.
      for (const r of routes().filter((r) => !("public" in r.access) && r.url !== "/v1/auth/logout")) {
        const url = fill(r.url, SAMPLE_PARAMS(a));
        const res = await t.app.inject({ method: r.method as "GET", url, headers: headers(), payload: r.hasBody ? {} : undefined });
        const where = `${r.method} ${r.url} as ${who}`;
        if ("resource" in r.access || "agency" in r.access) expect([403, 404], where).toContain(res.statusCode);
        else expect(res.statusCode, where).toBeLessThan(500);
        expect(leaks(res.body, a), where).toEqual([]);
        checked.push(where);
      }
      expect(checked.length).toBeGreaterThan(30);
    });
  }

  it("shows a firm's lists only its own clients' data", async () => {
    const creditors = await t.app.inject({ method: "GET", url: "/v1/creditors", headers: bSession });
    expect(creditors.json().items.map((c: { id: string }) => c.id)).toEqual([b.creditorId]);
    const cases = await t.app.inject({ method: "GET", url: "/v1/cases?state=all", headers: bSession });
    expect(cases.json().items.map((c: { caseId: string }) => c.caseId)).toEqual([b.caseId]);
    const dashboard = await t.app.inject({ method: "GET", url: "/v1/dashboard", headers: bSession });
    expect(dashboard.json().clients.map((c: { creditorId: string }) => c.creditorId)).toEqual([b.creditorId]);
    expect(dashboard.json().unmatchedPayments).toBeNull();
    // The agency's operator sees both tenants, and the manual-match queue.
    const operator = await t.inject({ method: "GET", url: "/v1/dashboard" });
    expect(operator.json().clients.map((c: { creditorId: string }) => c.creditorId).sort()).toEqual([a.creditorId, b.creditorId].sort());
    expect(operator.json().unmatchedPayments).toBe(0);
  });

  it("lets the owner through on the same routes (the refusals above are about the tenant, not the route)", async () => {
    const own = await login(t, a.users.firmAdmin);
    for (const url of [`/v1/firms/${a.firmId}/dashboard`, `/v1/creditors/${a.creditorId}`, `/v1/cases/${a.caseId}`, `/v1/letters/${a.letterId}/pdf`, `/v1/settlements/${a.settlementId}`, `/v1/settlements/${a.settlementId}/pdf`, `/v1/creditors/${a.creditorId}/invoices`, `/v1/creditors/${a.creditorId}/charts`]) {
      const res = await t.app.inject({ method: "GET", url, headers: own });
      expect(res.statusCode, url).toBe(200);
    }
  });

  it("gives a creditor user its own creditor and nothing of a sibling client of the same firm", async () => {
    const [sibling] = await t.ctx.database.query<{ id: string }>(
      `insert into creditors (firm_id, code, name, settings) values ($1, 'KALFA2', 'Sibling Alfa2 AS', '{"collection":{}}') returning id`,
      [a.firmId],
    );
    const user = await login(t, a.users.creditorUser);
    expect((await t.app.inject({ method: "GET", url: `/v1/creditors/${a.creditorId}`, headers: user })).statusCode).toBe(200);
    expect((await t.app.inject({ method: "GET", url: `/v1/creditors/${sibling!.id}`, headers: user })).statusCode).toBe(404);
    expect((await t.app.inject({ method: "GET", url: `/v1/firms/${a.firmId}/dashboard`, headers: user })).statusCode).toBe(404);
  });
});
