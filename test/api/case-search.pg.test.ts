import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { upsertClaim, upsertDebtor } from "../../src/collection/cases/register.js";
import { LocalDate } from "../../src/domain/calendar/local-date.js";
import { createTestApp, type TestApp } from "../support/test-app.js";
import { login, seedTenant, type Tenant } from "../support/tenants.js";

/** One search box across a user's clients (issue #20): case number, invoice number, KID, organisation number, debtor. */
let t: TestApp;
let a: Tenant;
let s: Record<string, string>;
let kid: string;
beforeAll(async () => {
  t = await createTestApp({ today: "2025-02-03" });
  a = await seedTenant(t, "Søk", "974760673");
  s = await login(t, a.users.firmAdmin);
  const [c] = await t.ctx.database.query<{ kid: string; debtor_id: string }>("select kid, debtor_id from cases where id = $1", [a.caseId]);
  kid = c!.kid;
  // The debtor as a business with its organisation number (the seed's debtor is a person).
  await t.ctx.database.query("update debtors set type = 'business', org_number = '923609016' where id = $1", [c!.debtor_id]);
}, 60_000);
afterAll(async () => t?.close());

async function search(q: string): Promise<string[]> {
  const res = await t.app.inject({ method: "GET", url: `/v1/cases?state=all&q=${encodeURIComponent(q)}`, headers: s });
  expect(res.statusCode, res.body).toBe(200);
  return (res.json() as { items: { caseNumber: string }[] }).items.map((i) => i.caseNumber);
}

describe("searching cases", () => {
  it("finds a case by its number, invoice number, KID, the debtor's organisation number (spaced or not) and name", async () => {
    for (const q of [a.caseNumber, "INV-Søk", kid, "923609016", "923 609 016", "ebtor Sø"]) expect(await search(q), q).toEqual([a.caseNumber]);
  });
  it("finds nothing for what matches nothing", async () => {
    expect(await search("999999999")).toEqual([]);
  });
});

/** What a list row says: its invoice number and debtor's name are copies on the case row (migration 0021), kept by the database. */
async function listed(): Promise<{ invoiceNumber: string; debtorName: string }> {
  const res = await t.app.inject({ method: "GET", url: `/v1/creditors/${a.creditorId}/cases?state=all`, headers: s });
  expect(res.statusCode, res.body).toBe(200);
  const items = (res.json() as { items: { caseNumber: string; invoiceNumber: string; debtorName: string }[] }).items.filter((i) => i.caseNumber === a.caseNumber);
  expect(items).toHaveLength(1);
  return { invoiceNumber: items[0]!.invoiceNumber, debtorName: items[0]!.debtorName };
}

describe("the list's invoice number and debtor name follow their source", () => {
  it("shows the ledger's new name and number after the import writes them, and searches by the new ones only", async () => {
    const db = t.ctx.database;
    const debtor = (await db.query<{ name: string }>("select name from debtors where id = $1", [a.debtorId]))[0]!;
    expect(await listed()).toEqual({ invoiceNumber: `INV-${a.tag}`, debtorName: debtor.name });
    // The same writers a ledger's import uses: the customer renamed, the invoice renumbered.
    await upsertDebtor(db, a.creditorId, { source: "test", externalId: `d-${a.tag}`, type: "business", name: "Omdøpt Handel AS", orgNumber: "923609016" });
    const [claim] = await db.query<{ debtor_id: string }>("select cl.debtor_id from claims cl join cases c on c.claim_id = cl.id where c.id = $1", [a.caseId]);
    await upsertClaim(db, a.creditorId, { source: "test", externalId: `i-${a.tag}`, debtorId: claim!.debtor_id, invoiceNumber: "F-2025-77", issueDate: LocalDate.parse("2024-12-01"), dueDate: LocalDate.parse("2024-12-16"), currency: "NOK", amountMinor: 150_000, openMinor: 150_000, status: "sent" });
    expect(await listed()).toEqual({ invoiceNumber: "F-2025-77", debtorName: "Omdøpt Handel AS" });
    expect(await search("Omdøpt")).toEqual([a.caseNumber]);
    expect(await search("F-2025-77")).toEqual([a.caseNumber]);
    expect(await search("ebtor Sø")).toEqual([]);
    expect(await search("INV-Søk")).toEqual([]);
  });

  it("fills both when a case is opened, whoever inserts it", async () => {
    const [row] = await t.ctx.database.query<{ missing: string }>(
      "select count(*) as missing from cases c join claims cl on cl.id = c.claim_id join debtors d on d.id = c.debtor_id where c.invoice_number is distinct from cl.invoice_number or c.debtor_name is distinct from d.name",
    );
    expect(Number(row!.missing)).toBe(0);
    const [all] = await t.ctx.database.query<{ n: string }>("select count(*) as n from cases");
    expect(Number(all!.n)).toBeGreaterThan(0);
  });
});
