import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LocalDate } from "../../src/domain/calendar/local-date.js";
import { importBankFile } from "../../src/collection/payments/import-bank-file.js";
import { createTestApp, type TestApp } from "../support/test-app.js";
import { seedTenant, type Tenant } from "../support/tenants.js";
import { camt053, camt054 } from "../support/camt054.js";

/**
 * Issue 19: a bank line without the bank's own reference (camt.054 without AcctSvcrRef, OCR
 * archive reference 0) sent again in a file with another header would pay the case twice. Its
 * fingerprint (booking date, amount, reference, payer account) equal to a line of an earlier file
 * sends it to the manual queue with the reason `possible_repeat` instead — in the set-based
 * import and line by line alike. Real PostgreSQL.
 */
let t: TestApp;
let a: Tenant;
let kid: string;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "fordring-fingerprint-"));
beforeAll(async () => {
  t = await createTestApp({ today: "2025-02-03" });
  a = await seedTenant(t, "Fp", "974760673");
  kid = (await t.ctx.database.query<{ kid: string }>("select kid from cases where id = $1", [a.caseId]))[0]!.kid;
}, 60_000);
afterAll(async () => {
  await t?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const ctx = () => ({ today: LocalDate.parse("2025-02-03"), rules: t.ctx.rules, actor: "test", agency: t.ctx.config.agency });
const withoutBankRef = (xml: string) => xml.replace(/<AcctSvcrRef>[^<]*<\/AcctSvcrRef>/g, "");
const write = (name: string, text: string) => {
  const p = path.join(dir, name);
  fs.writeFileSync(p, text);
  return p;
};
const paid = async () => Number((await t.ctx.database.query<{ n: string }>("select count(*) as n from payments where case_id = $1", [a.caseId]))[0]!.n);

describe("a bank line sent again in a file with another header", () => {
  it.each([
    ["set-based", false],
    ["line by line", true],
  ])("%s: without a bank reference it goes to the manual queue as a likely repeat, not to the case", async (_label, lineByLine) => {
    const day = lineByLine ? "2025-02-01" : "2025-01-31";
    const xml = withoutBankRef(camt054(`MSG-FP-${day}`, day, [{ amount: "100.00", kid, payer: "Ola Nordmann" }]));
    const before = await paid();
    const first = await importBankFile(t.ctx.database, write(`first-${day}.xml`, xml), ctx(), { lineByLine });
    expect([first.matched, first.unmatched]).toEqual([1, 0]);
    expect(await paid()).toBe(before + 1);

    const again = await importBankFile(t.ctx.database, write(`again-${day}.xml`, xml.replace(/MSG-FP-/g, "MSG-FP-RESENT-")), ctx(), { lineByLine });
    expect([again.duplicate, again.matched, again.unmatched]).toEqual([false, 0, 1]);
    expect(await paid()).toBe(before + 1);
    const [queued] = await t.ctx.database.query<{ reason_code: string; reason_data: Record<string, string>; note: string }>(
      "select reason_code, reason_data, note from bank_payments where bank_file_id = (select id from bank_files where name = $1)",
      [`again-${day}.xml`],
    );
    expect(queued).toMatchObject({ reason_code: "possible_repeat", reason_data: { bookedOn: day, earlierFile: `first-${day}.xml`, importedOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) } });
    expect(queued!.note).toMatch(/likely a repeat/);
  });

  it("a camt.053 statement's KID payment is recorded on the case, and the statement is a file of its own kind", async () => {
    const before = await paid();
    const r = await importBankFile(t.ctx.database, write("statement.xml", camt053("STMT-FP-1", "2025-02-02", [{ amount: "5.00", kid }])), ctx());
    expect([r.format, r.matched, r.unmatched]).toEqual(["camt.053", 1, 0]);
    expect(await paid()).toBe(before + 1);
  });

  it("two equal payments in one file are both recorded; a line with the bank's reference is judged by that reference", async () => {
    const before = await paid();
    const two = withoutBankRef(camt054("MSG-FP-TWO", "2025-02-03", [{ amount: "10.00", kid }, { amount: "10.00", kid }]));
    expect((await importBankFile(t.ctx.database, write("two.xml", two), ctx())).matched).toBe(2);
    // With AcctSvcrRef: another transaction (another reference) with the same fingerprint is paid.
    const withRef = camt054("MSG-FP-REF", "2025-02-03", [{ amount: "10.00", kid }]);
    expect((await importBankFile(t.ctx.database, write("with-ref.xml", withRef), ctx())).matched).toBe(1);
    expect(await paid()).toBe(before + 3);
  });
});
