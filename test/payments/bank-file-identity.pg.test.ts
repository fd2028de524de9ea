import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LocalDate } from "../../src/domain/calendar/local-date.js";
import { agencyFromEnv } from "../../src/collection/agency.js";
import { importBankFile } from "../../src/collection/payments/import-bank-file.js";
import { loadRuleBook } from "../../src/platform/rule-book.js";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";
import { camt054 } from "../support/camt054.js";

/**
 * A bank file is the same file by its identity, not its bytes: the same Nets OCR transmission with
 * a final newline added, a camt.054 message re-indented, a BgMax file with other line endings are
 * refused whole ("already imported on … as file …") and nothing of them is applied again. And the
 * records a parser deliberately skips reach the user with their line and reason.
 */
const rules = loadRuleBook();
const ctx = { today: LocalDate.parse("2025-03-10"), rules, actor: "test", agency: agencyFromEnv() };
const fixtures = path.resolve("test/fixtures/bank-files");
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "fordring-identity-"));
let t: TestDatabase;

beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.drop();
  fs.rmSync(dir, { recursive: true, force: true });
});

const write = (name: string, text: string | Buffer) => {
  const p = path.join(dir, name);
  fs.writeFileSync(p, text);
  return p;
};
const count = async (sql: string) => Number((await t.database.query<{ n: number }>(sql))[0]!.n);

describe("a bank file sent again with other bytes", () => {
  it.each([
    ["Nets OCR giro, a final newline added", "python-netsgiro_ocr_giro_transactions.txt", (b: Buffer) => Buffer.concat([b, Buffer.from("\n")])],
    ["BgMax, CRLF line endings", "pybgmax_multipayment.txt", (b: Buffer) => Buffer.from(b.toString("latin1").replace(/\r?\n/g, "\r\n"), "latin1")],
  ])("%s: refused with when and as which file it came, nothing applied twice", async (_label, fixture, alter) => {
    const bytes = fs.readFileSync(path.join(fixtures, fixture));
    const first = await importBankFile(t.database, write(`first-${fixture}`, bytes), ctx);
    expect(first.duplicate).toBe(false);
    const lines = await count("select count(*)::int as n from bank_payments");
    const again = write(`again-${fixture}`, alter(bytes));
    await expect(importBankFile(t.database, again, ctx)).rejects.toThrow(new RegExp(`already imported on \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2} UTC as file first-${fixture.replace(/\./g, "\\.")}`));
    expect(await count("select count(*)::int as n from bank_payments")).toBe(lines);
    expect(await count(`select count(*)::int as n from bank_files where name = 'again-${fixture}'`)).toBe(0);
  });

  it("camt.054 by its message id: the same message re-indented is refused, another message id is a new file", async () => {
    const xml = camt054("MSG-IDENTITY-1", "2025-03-10", [{ amount: "10.00", text: "faktura 1" }]);
    await importBankFile(t.database, write("camt-a.xml", xml), ctx);
    await expect(importBankFile(t.database, write("camt-b.xml", xml.replace(/\n/g, "\n  ")), ctx)).rejects.toMatchObject({ code: "already_imported" });
    const other = await importBankFile(t.database, write("camt-c.xml", xml.replace(/MSG-IDENTITY-1/g, "MSG-IDENTITY-2")), ctx);
    expect(other.duplicate).toBe(false);
  });

  it("the very same bytes again are still answered with the first import's counts (not an error)", async () => {
    const p = write("camt-same.xml", camt054("MSG-IDENTITY-3", "2025-03-10", [{ amount: "20.00", text: "faktura 2" }]));
    const first = await importBankFile(t.database, p, ctx);
    await expect(importBankFile(t.database, p, ctx)).resolves.toEqual({ ...first, duplicate: true });
  });
});

describe("records the parser skips", () => {
  it("are counted and listed with their line and reason (an AvtaleGiro assignment in an OCR file)", async () => {
    const result = await importBankFile(t.database, path.join(fixtures, "python-netsgiro_avtalegiro_agreements.txt"), ctx);
    expect(result.skipped).toBeGreaterThan(0);
    expect(result.skippedLines[0]).toMatchObject({ lineRef: expect.stringMatching(/^line \d+$/), message: expect.stringMatching(/service code \d+ is not OCR giro/) });
    const [stored] = await t.database.query<{ counts: { skipped: number } }>("select counts from bank_files where sha256 = $1", [result.sha256]);
    expect(stored!.counts.skipped).toBe(result.skipped);
  });
});
