import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { upsertClaim, upsertDebtor } from "../../src/collection/cases/register.js";
import { LocalDate } from "../../src/domain/calendar/local-date.js";
import { addLedgerIntegration } from "../../src/integration/sync/integrations.js";
import { createTestApp, type TestApp } from "../support/test-app.js";
import { login, seedTenant, type Tenant } from "../support/tenants.js";

/**
 * The read models behind the dashboards, the charts, the invoice list and the sync runs, over
 * the API on seeded data: one definition of the overdue amount (src/read-models/overdue.ts) gives
 * the same figure wherever it is shown.
 */
let t: TestApp;
let a: Tenant;
let s: Record<string, string>;
const toMinor = (x: string) => Math.round(Number(x) * 100);
beforeAll(async () => {
  t = await createTestApp({ today: "2025-02-03" });
  a = await seedTenant(t, "Alfa", "974760673");
  // Beside the case (a transferred invoice, partly paid), two invoices not transferred: one overdue, one not yet due.
  const db = t.ctx.database;
  const debtorId = await upsertDebtor(db, a.creditorId, { source: "test", externalId: "d-open", type: "business", name: "Open Debtor AS", address: { line1: "Gata 3", postcode: "0151", city: "Oslo", country: "NO" } });
  await upsertClaim(db, a.creditorId, { source: "test", externalId: "i-open", debtorId, invoiceNumber: "INV-open", issueDate: LocalDate.parse("2024-11-01"), dueDate: LocalDate.parse("2024-11-15"), currency: "NOK", amountMinor: 80_000, openMinor: 55_000, status: "sent" });
  await upsertClaim(db, a.creditorId, { source: "test", externalId: "i-later", debtorId, invoiceNumber: "INV-later", issueDate: LocalDate.parse("2025-01-20"), dueDate: LocalDate.parse("2025-02-20"), currency: "NOK", amountMinor: 30_000, openMinor: 30_000, status: "sent" });
  s = await login(t, a.users.firmAdmin);
}, 60_000);
afterAll(async () => t?.close());

describe("the overdue amount", () => {
  it("is the same in the firm dashboard, the agency overview, the charts and the invoice list for the same client", async () => {
    const firm = (await t.app.inject({ method: "GET", url: `/v1/firms/${a.firmId}/dashboard`, headers: s })).json();
    const client = firm.clients.find((c: { creditorId: string }) => c.creditorId === a.creditorId);
    const overview = (await t.inject({ method: "GET", url: "/v1/dashboard" })).json();
    const same = overview.clients.find((c: { creditorId: string }) => c.creditorId === a.creditorId);
    const charts = (await t.app.inject({ method: "GET", url: `/v1/creditors/${a.creditorId}/charts`, headers: s })).json();
    const invoices = (await t.app.inject({ method: "GET", url: `/v1/creditors/${a.creditorId}/invoices?state=overdue`, headers: s })).json();
    const [row] = await t.ctx.database.query<{ principal: number }>("select principal_minor - principal_paid_minor as principal from cases where id = $1", [a.caseId]);

    // The seeded figures: the case's principal still owed (the payment went to costs first) plus the untransferred invoice's open amount.
    const expected = Number(row!.principal) + 55_000;
    expect(toMinor(client.overdueAmount)).toBe(expected);
    expect(client.overdueCount).toBe(2);
    expect(toMinor(same.overdueAmount)).toBe(expected);
    const charted = charts.overdueByAge.reduce((x: number, b: { amount: string }) => x + toMinor(b.amount), 0);
    expect(charted).toBe(expected);
    expect(charts.overdueByAge.reduce((x: number, b: { count: number }) => x + b.count, 0)).toBe(2);
    expect(invoices.items.reduce((x: number, i: { open: string }) => x + toMinor(i.open), 0)).toBe(expected);
    expect(charts.currency).toBe("NOK");
    expect(firm.currency).toBe("NOK");
  });
});

describe("the sync runs", () => {
  it("lists a creditor's runs with the items set aside", async () => {
    const integration = await addLedgerIntegration(t.ctx.database, { creditorId: a.creditorId, kind: "poweroffice", credentialsRef: "test-ref", settings: {}, canCreateCases: true });
    const items = [{ step: "invoices", ref: "1", outcome: "error", error: { code: "unavailable" } }, { step: "invoices", ref: "2", outcome: "opened" }];
    await t.ctx.database.query(
      `insert into sync_runs (creditor_id, integration_id, trigger, business_date, status, started_at, finished_at, counts, items)
       values ($1, $2, 'daily', '2025-02-03', 'partial', '2025-02-03T05:30:00Z', '2025-02-03T05:31:00Z', '{"opened":1,"setAside":1}', $3)`,
      [a.creditorId, integration.id, JSON.stringify(items)],
    );
    const res = await t.app.inject({ method: "GET", url: `/v1/creditors/${a.creditorId}/sync-runs`, headers: s });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().items).toEqual([
      { runId: expect.any(String), integrationId: integration.id, trigger: "daily", businessDate: "2025-02-03", status: "partial", startedAt: "2025-02-03T05:30:00.000Z", finishedAt: "2025-02-03T05:31:00.000Z", counts: { opened: 1, setAside: 1 }, setAside: 1, error: null },
    ]);
  });
});
