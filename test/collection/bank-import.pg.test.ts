import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LocalDate } from "../../src/domain/calendar/local-date.js";
import { runCycleDay } from "../../src/collection/engine/daily-cycle.js";
import { importBankFile } from "../../src/collection/payments/import-bank-file.js";
import { storedReason } from "../../src/collection/payments/bank-lines.js";
import { matchBankPayment } from "../../src/collection/payments/match-manually.js";
import { loadRuleBook } from "../../src/platform/rule-book.js";
import { makeKid } from "../../src/domain/identifiers/index.js";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";
import { seedPortfolio } from "../support/seed-portfolio.js";
import { camt054 } from "../support/camt054.js";
import { agencyFromEnv } from "../../src/collection/agency.js";

const rules = loadRuleBook();
const today = LocalDate.parse("2025-03-10");
const ctx = { today, rules, actor: "test", agency: agencyFromEnv() };
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "fordring-bank-"));
let t: TestDatabase;
let kids: { case_number: string; kid: string; balance: number }[];

beforeAll(async () => {
  t = await createTestDatabase();
  const [creditor] = await seedPortfolio(t.database, { creditors: 1, casesPerCreditor: 4, openedOn: "2025-03-03" });
  await runCycleDay(t.database, creditor!, LocalDate.parse("2025-03-03"), { agency: agencyFromEnv(), rules });
  kids = await t.database.query(
    `select case_number, kid, (principal_minor + interest_accrued_minor + fees_minor + salary_minor + legal_minor) as balance from cases order by case_number`,
  );
});
afterAll(async () => {
  await t.drop();
  fs.rmSync(dir, { recursive: true, force: true });
});

function file(name: string, xml: string): string {
  const p = path.join(dir, name);
  fs.writeFileSync(p, xml);
  return p;
}

describe("importing a camt.054 bank file", () => {
  it("records KID payments on their cases, queues the rest with the reason, and applies a file once", async () => {
    const unknownKid = makeKid("000999999", "MOD10"); // a well-formed KID no case has
    // More than the balance (interest has run since): the case closes and the rest is kept as a credit.
    const full = ((kids[1]!.balance + 100_00) / 100).toFixed(2);
    const f = file(
      "day1.xml",
      camt054("BANK-1", "2025-03-10", [
        { amount: "100.00", kid: kids[0]!.kid, payer: "Skyldner 0 Ødegård" },
        { amount: full, kid: kids[1]!.kid },
        { amount: "250.00", kid: unknownKid },
        { amount: "75.00", kid: "0001000018" },
        { amount: "12.34", text: "faktura 10002 takk" },
      ]),
    );
    const result = await importBankFile(t.database, f, ctx);
    expect(result).toMatchObject({ duplicate: false, format: "camt.054", payments: 5, matched: 2, unmatched: 3, errors: 0 });
    expect(result.matchedAmount).toBe((100 + Number(full)).toFixed(2));

    const cases = await t.database.query<{ case_number: string; principal_paid_minor: number; fees_paid_minor: number; closed_on: string | null; close_reason: string | null }>(
      "select case_number, principal_paid_minor, fees_paid_minor, closed_on, close_reason from cases order by case_number",
    );
    // 100.00 on the first case went to costs first (the notice fee), then interest, then principal.
    expect(cases[0]!.fees_paid_minor).toBeGreaterThan(0);
    expect(cases[1]).toMatchObject({ closed_on: "2025-03-10", close_reason: "paid" });
    const [credit] = await t.database.query<{ credit_minor: number }>("select credit_minor from cases where case_number = $1", [kids[1]!.case_number]);
    expect(credit!.credit_minor).toBeGreaterThan(0);
    expect(credit!.credit_minor).toBeLessThan(100_00);

    const queue = await t.database.query<{ reference: string | null; note: string; reason_code: string | null; reason_data: unknown; suggestions: { caseId: string; caseNumber: string; why: string; basis: string }[] }>(
      "select reference, note, reason_code, reason_data, suggestions from bank_payments where status = 'unmatched' order by amount_minor desc",
    );
    expect(queue.map((q) => q.note)).toEqual([
      `no case has the KID ${unknownKid}`,
      expect.stringContaining("fails its check digit"),
      "no KID on the payment",
    ]);
    // Each line is stored with its reason as a code, with the facts its text needs.
    expect(queue.map((q) => storedReason(q.reason_code, q.reason_data))).toEqual([
      { code: "unknown_kid", kid: unknownKid },
      { code: "kid_check_digit", kid: "0001000018", detail: expect.stringMatching(/^check digit: expected/) },
      { code: "no_kid" },
    ]);
    // invoice number 10002 in the free text points at the third case
    const [third] = await t.database.query<{ id: string }>("select id from cases where case_number = $1", [kids[2]!.case_number]);
    expect(queue[2]!.suggestions[0]).toEqual({ caseId: third!.id, caseNumber: kids[2]!.case_number, why: "invoice number 10002 in the payment text", basis: "invoice_number", invoiceNumber: "10002" });

    const again = await importBankFile(t.database, f, ctx);
    expect(again.duplicate).toBe(true);
    const [{ n }] = (await t.database.query<{ n: number }>("select count(*)::int8 as n from payments")) as [{ n: number }];
    expect(n).toBe(2);
  });

  it("lets a person match a queued payment to a case", async () => {
    const [queued] = await t.database.query<{ id: string }>("select id from bank_payments where status = 'unmatched' and amount_minor = 1234");
    const result = await matchBankPayment(t.database, { bankPaymentId: queued!.id, caseNumber: kids[2]!.case_number, ...ctx });
    expect(result.recorded).toBe(true);
    const [bp] = await t.database.query<{ status: string }>("select status from bank_payments where id = $1", [queued!.id]);
    expect(bp!.status).toBe("matched");
    await expect(matchBankPayment(t.database, { bankPaymentId: queued!.id, caseNumber: kids[2]!.case_number, ...ctx })).rejects.toThrow(/not waiting for a match/);
  });

  it("rejects a file whose control totals do not match, whole, and applies nothing", async () => {
    const before = await t.database.query("select count(*)::int8 as n from bank_payments");
    const f = file("bad-sum.xml", camt054("BANK-2", "2025-03-10", [{ amount: "100.00", kid: kids[3]!.kid }], { summarySum: "999.00" }));
    await expect(importBankFile(t.database, f, ctx)).rejects.toThrow();
    expect(await t.database.query("select count(*)::int8 as n from bank_payments")).toEqual(before);
    const [c] = await t.database.query<{ principal_paid_minor: number }>("select principal_paid_minor from cases where case_number = $1", [kids[3]!.case_number]);
    expect(c!.principal_paid_minor).toBe(0);
  });

  it("applies a bank transaction once even when the bank sends it again in another file", async () => {
    const xml = (msgId: string) => camt054(msgId, "2025-03-10", [{ amount: "10.00", kid: kids[3]!.kid }]).replace(/<AcctSvcrRef>[^<]*<\/AcctSvcrRef>/g, "<AcctSvcrRef>ARCHIVE-777</AcctSvcrRef>");
    const first = await importBankFile(t.database, file("intraday.xml", xml("INTRADAY-1")), ctx);
    const second = await importBankFile(t.database, file("endofday.xml", xml("ENDOFDAY-1")), ctx);
    expect(first.matched).toBe(1);
    expect(second).toMatchObject({ duplicate: false, matched: 0 });
    const rows = await t.database.query<{ status: string }>("select bp.status from bank_payments bp where bp.bank_reference = 'ARCHIVE-777' order by bp.created_at");
    expect(rows.map((r) => r.status)).toEqual(["matched", "duplicate"]);
    const [c] = await t.database.query<{ paid: number }>("select fees_paid_minor + interest_paid_minor + principal_paid_minor as paid from cases where case_number = $1", [kids[3]!.case_number]);
    expect(c!.paid).toBe(10_00);
  });

  it("queues a line it cannot apply with the reason, and applies the rest of the file", async () => {
    const f = file("future.xml", camt054("BANK-9", "2025-03-20", [{ amount: "5.00", kid: kids[0]!.kid }]));
    const result = await importBankFile(t.database, f, ctx); // booked 2025-03-20, today is 2025-03-10
    expect(result).toMatchObject({ matched: 0, unmatched: 1 });
    const [bp] = await t.database.query<{ status: string; note: string; reason_code: string | null; reason_data: unknown }>(
      "select status, note, reason_code, reason_data from bank_payments where bank_file_id = (select id from bank_files where file_id like 'BANK-9%')",
    );
    expect(bp).toMatchObject({ status: "unmatched", note: expect.stringContaining("after today") });
    expect(storedReason(bp!.reason_code, bp!.reason_data)).toEqual({ code: "dated_after_today", bookedOn: "2025-03-20", today: "2025-03-10" });
  });

  it("queues a line dated before the case's last payment with that reason", async () => {
    // The first case was paid on 2025-03-10 (the first test); a payment dated earlier comes too late to allocate.
    const f = file("late.xml", camt054("BANK-10", "2025-03-05", [{ amount: "6.00", kid: kids[0]!.kid }]));
    expect(await importBankFile(t.database, f, ctx)).toMatchObject({ matched: 0, unmatched: 1 });
    const [bp] = await t.database.query<{ reason_code: string | null; reason_data: unknown }>(
      "select reason_code, reason_data from bank_payments where bank_file_id = (select id from bank_files where file_id like 'BANK-10%')",
    );
    expect(storedReason(bp!.reason_code, bp!.reason_data)).toEqual({ code: "dated_before_last_change", bookedOn: "2025-03-05", changedOn: "2025-03-10" });
  });

  it("reports a file's totals per currency, and records only the payment in the case's currency", async () => {
    // Issue 13 (money with its currency): SEK and NOK are never added together.
    const f = file(
      "mixed.xml",
      camt054("BANK-11", "2025-03-10", [
        { amount: "20.00", kid: kids[3]!.kid },
        { amount: "300.00", kid: kids[3]!.kid, currency: "SEK" },
        { amount: "45.50", text: "betaling", currency: "SEK" },
      ]),
    );
    const result = await importBankFile(t.database, f, ctx);
    expect(result).toMatchObject({ payments: 3, matched: 1, unmatched: 2 });
    expect(result.totals).toEqual([
      { currency: "NOK", amount: "20.00", matchedAmount: "20.00" },
      { currency: "SEK", amount: "345.50", matchedAmount: "0.00" },
    ]);
    // No sum across currencies.
    expect(result.total).toBeUndefined();
    expect(result.matchedAmount).toBeUndefined();
    const [sek] = await t.database.query<{ reason_code: string | null; reason_data: unknown }>(
      "select reason_code, reason_data from bank_payments where currency = 'SEK' and reference = $1 and bank_file_id = (select id from bank_files where file_id like 'BANK-11%')",
      [kids[3]!.kid],
    );
    expect(storedReason(sek!.reason_code, sek!.reason_data)).toEqual({ code: "foreign_currency", currency: "SEK" });
    // The same file again reports the same totals.
    expect(await importBankFile(t.database, f, ctx)).toMatchObject({ duplicate: true, totals: result.totals });

    // A file kept before the totals were per currency (counts with `total` only) reads as one total in NOK.
    const one = file("one.xml", camt054("BANK-12", "2025-03-10", [{ amount: "7.00", text: "x" }]));
    const first = await importBankFile(t.database, one, ctx);
    expect(first).toMatchObject({ total: "7.00", matchedAmount: "0.00", totals: [{ currency: "NOK", amount: "7.00", matchedAmount: "0.00" }] });
    await t.database.query("update bank_files set counts = counts - 'totals' where file_id like 'BANK-12%'");
    expect(await importBankFile(t.database, one, ctx)).toMatchObject({ duplicate: true, total: "7.00", totals: first.totals });
  });

  it("rejects XML with an external entity without fetching it", async () => {
    const f = file("xxe.xml", `<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]><Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.054.001.08">&x;</Document>`);
    await expect(importBankFile(t.database, f, ctx)).rejects.toThrow(/DOCTYPE|entit/i);
  });
});
