import { afterAll, beforeAll, describe, expect, it } from "vitest";
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
