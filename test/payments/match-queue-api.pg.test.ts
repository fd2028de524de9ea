import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeOcrGiroFile } from "../../bench/ocr-giro-writer.js";
import { runCycleDay } from "../../src/collection/engine/daily-cycle.js";
import { importBankFile } from "../../src/collection/payments/import-bank-file.js";
import { LocalDate } from "../../src/domain/calendar/local-date.js";
import { makeKid } from "../../src/domain/identifiers/index.js";
import { camt054 } from "../support/camt054.js";
import { seedPortfolio } from "../support/seed-portfolio.js";
import { createTestApp, type TestApp } from "../support/test-app.js";
import { agencyFromEnv } from "../../src/collection/agency.js";

/**
 * GET /v1/payments/unmatched: each kind of line that waits for a person comes with its reason as
 * a code and facts next to the English note, its currency, and suggestions with the case's id and
 * the basis of each as a code and facts; rows stored before the codes existed give the same.
 */
const TODAY = "2025-03-10";
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "fordring-queue-"));
let t: TestApp;
let cases: { id: string; case_number: string; kid: string; balance: number; name: string }[];

interface QueueItem {
  bankPaymentId: string;
  bookedOn: string | null;
  amount: string | null;
  currency: string | null;
  reference: string | null;
  payerName: string | null;
  note: string | null;
  reasonCode: string | null;
  reasonValues: Record<string, string>;
  suggestions: { caseId: string | null; caseNumber: string; why: string; basis: string | null; basisValues: Record<string, string> }[];
}

const decimal = (minor: number) => (minor / 100).toFixed(2);
const ctx = () => ({ today: LocalDate.parse(TODAY), rules: t.ctx.rules, actor: "test", agency: agencyFromEnv() });

async function importFile(name: string, text: string, encoding: BufferEncoding = "utf8"): Promise<void> {
  const file = path.join(dir, name);
  fs.writeFileSync(file, text, encoding);
  await importBankFile(t.ctx.database, file, ctx());
}

/** A BgMax file (Bankgirot's layout, 80-character records) with one SEK deposit of the given OCR payments. */
function bgmax(bookedOn: string, payments: readonly { reference: string; amountMinor: number }[]): string {
  const rec = (s: string) => s.padEnd(80, " ");
  const digits = (n: number | string, width: number) => String(n).padStart(width, "0");
  const total = payments.reduce((s, p) => s + p.amountMinor, 0);
  const date = bookedOn.replaceAll("-", "");
  return [
    rec(`01${"BGMAX".padEnd(20)}01${date}120000000000P`),
    rec(`05${digits("9912346", 10)}${" ".repeat(10)}SEK`),
    ...payments.map((p, i) => rec(`20${digits("3783511", 10)}${p.reference.padEnd(25)}${digits(p.amountMinor, 18)}21${digits(i + 1, 12)}0`)),
    rec(`15${digits("58410000010098", 35)}${date}00001${digits(total, 18)}SEK${digits(payments.length, 8)} `),
    rec(`70${digits(payments.length, 8)}${digits(0, 8)}${digits(0, 8)}${digits(1, 8)}`),
  ].join("\r\n");
}

async function queue(): Promise<QueueItem[]> {
  const res = await t.inject({ method: "GET", url: "/v1/payments/unmatched" });
  expect(res.statusCode, res.body).toBe(200);
  return (res.json() as { items: QueueItem[] }).items;
}

beforeAll(async () => {
  t = await createTestApp({ today: TODAY });
  const [creditor] = await seedPortfolio(t.ctx.database, { creditors: 1, casesPerCreditor: 4, openedOn: "2025-03-03" });
  await runCycleDay(t.ctx.database, creditor!, LocalDate.parse("2025-03-03"), { agency: agencyFromEnv(), rules: t.ctx.rules });
  cases = await t.ctx.database.query(
    `select c.id, c.case_number, c.kid, d.name,
            (c.principal_minor - c.principal_paid_minor) + (c.interest_accrued_minor - c.interest_paid_minor)
            + (c.fees_minor - c.fees_paid_minor) + (c.salary_minor - c.salary_paid_minor) + (c.legal_minor - c.legal_paid_minor) as balance
       from cases c join debtors d on d.id = c.debtor_id order by c.case_number`,
  );
}, 60_000);
afterAll(async () => {
  await t?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("the manual-match queue over the API", () => {
  it("gives each kind of waiting line its reason as a code with its facts, the currency, and suggestions with case id and basis", async () => {
    const unknownKid = makeKid("000999999", "MOD10");
    const [c0, c1, c2, c3] = cases as [(typeof cases)[number], (typeof cases)[number], (typeof cases)[number], (typeof cases)[number]];
    await importFile(
      "day.xml",
      camt054("DAY-1", TODAY, [
        { amount: "100.00", kid: c0.kid }, // matched: the case's last principal change is now today
        { amount: "250.00", kid: unknownKid },
        { amount: "75.00", kid: "0001000018" }, // fails its check digit
        { amount: "12.34", text: "faktura 10002 takk" },
        { amount: decimal(c3.balance), text: "betaling", payer: "Skyldner 3 Ødegård" },
        { amount: decimal(c1.balance), text: "takk" },
      ]),
    );
    await importFile("future.xml", camt054("FUTURE-1", "2025-03-20", [{ amount: "5.00", kid: c1.kid }]));
    await importFile("late.xml", camt054("LATE-1", "2025-03-05", [{ amount: "6.00", kid: c0.kid }]));
    // SEK on a case's KID; and SEK of exactly a case's balance, which a NOK balance is not compared with.
    await importFile("bgmax.txt", bgmax(TODAY, [{ reference: c2.kid, amountMinor: 500_00 }, { reference: unknownKid, amountMinor: c1.balance }]), "latin1");
    await writeOcrGiroFile(path.join(dir, "ocr.txt"), 7, [{ amountMinor: 40_00, kid: c2.kid, bookedOn: LocalDate.parse(TODAY), archiveReference: "000000777", type: 18 }], LocalDate.parse(TODAY));
    await importBankFile(t.ctx.database, path.join(dir, "ocr.txt"), ctx());

    const items = await queue();
    const by = (amount: string, currency = "NOK") => {
      const hit = items.filter((i) => i.amount === amount && i.currency === currency);
      expect(hit, `${currency} ${amount}`).toHaveLength(1);
      return hit[0]!;
    };
    const reason = (i: QueueItem) => [i.reasonCode, i.reasonValues];

    expect(reason(by("250.00"))).toEqual(["unknown_kid", { kid: unknownKid }]);
    expect(by("250.00").note).toBe(`no case has the KID ${unknownKid}`);
    expect(reason(by("75.00"))).toEqual(["kid_check_digit", { kid: "0001000018", detail: expect.stringMatching(/^check digit: expected/) }]);
    expect(by("75.00").note).toMatch(/^the KID 0001000018 fails its check digit \(check digit: expected/);
    expect(reason(by("12.34"))).toEqual(["no_kid", {}]);
    expect(reason(by("5.00"))).toEqual(["dated_after_today", { bookedOn: "2025-03-20", today: TODAY }]);
    expect(reason(by("6.00"))).toEqual(["dated_before_last_change", { bookedOn: "2025-03-05", changedOn: TODAY }]);
    expect(reason(by("500.00", "SEK"))).toEqual(["foreign_currency", { currency: "SEK" }]);
    expect(by("500.00", "SEK").note).toBe("the payment is in SEK");
    expect(reason(by("-40.00"))).toEqual(["not_positive", {}]);

    expect(by("12.34").suggestions).toEqual([
      { caseId: c2.id, caseNumber: c2.case_number, why: "invoice number 10002 in the payment text", basis: "invoice_number", basisValues: { invoiceNumber: "10002" } },
    ]);
    expect(by(decimal(c3.balance)).suggestions).toEqual([
      {
        caseId: c3.id,
        caseNumber: c3.case_number,
        why: `open balance equals the amount and the payer's name resembles ${c3.name}`,
        basis: "same_amount_and_name",
        basisValues: { amount: decimal(c3.balance), debtorName: c3.name },
      },
    ]);
    expect(by(decimal(c1.balance)).suggestions).toEqual([
      { caseId: c1.id, caseNumber: c1.case_number, why: "open balance equals the amount", basis: "same_amount", basisValues: { amount: decimal(c1.balance) } },
    ]);
    expect(reason(by(decimal(c1.balance), "SEK"))).toEqual(["unknown_kid", { kid: unknownKid }]);
    expect(by(decimal(c1.balance), "SEK").suggestions).toEqual([]);
  });

  it("gives the same for rows stored before the codes, and no code for a note it does not know", async () => {
    const before = await queue();
    await t.ctx.database.query(
      `update bank_payments set suggestions = (select jsonb_agg(s - 'basis' - 'invoiceNumber' - 'amountMinor' - 'debtorName') from jsonb_array_elements(suggestions) s)
        where status = 'unmatched' and jsonb_array_length(suggestions) > 0`,
    );
    const [{ n }] = (await t.ctx.database.query<{ n: number }>("select count(*)::int8 as n from bank_payments where suggestions::text like '%basis%'")) as [{ n: number }];
    expect(n).toBe(0);
    // Lines queued before the reason (and the suggestions' basis) were stored as codes get theirs
    // from the backfill migration; the queue never reads them from the texts (issue 13).
    await t.ctx.database.query("update bank_payments set reason_code = null, reason_data = null");
    const stripped = await queue();
    expect(stripped.every((i) => i.reasonCode === null && i.suggestions.every((s) => s.basis === null))).toBe(true);
    const backfill = fs.readFileSync(path.resolve(import.meta.dirname, "../../drizzle/0013_backfill_bank_payment_reasons.sql"), "utf8");
    for (const statement of backfill.split("--> statement-breakpoint")) await t.ctx.database.query(statement);
    expect(await queue()).toEqual(before);

    // The code is stored with the line when it is queued: rewording its note does not change it.
    const withKid = before.find((i) => i.reasonCode === "unknown_kid" && i.currency === "NOK")!;
    await t.ctx.database.query("update bank_payments set note = $2 where id = $1", [withKid.bankPaymentId, "ingen sak har denne KID-en"]);
    expect((await queue()).find((i) => i.bankPaymentId === withKid.bankPaymentId)).toMatchObject({ note: "ingen sak har denne KID-en", reasonCode: "unknown_kid", reasonValues: { kid: withKid.reasonValues.kid } });
    // A row without a code (a note from elsewhere, not one the backfill migration knew) gives none.
    await t.ctx.database.query("update bank_payments set note = $2, reason_code = null, reason_data = null where id = $1", [withKid.bankPaymentId, "returned by the payer's bank"]);
    expect((await queue()).find((i) => i.bankPaymentId === withKid.bankPaymentId)).toMatchObject({ note: "returned by the payer's bank", reasonCode: null, reasonValues: {} });
  });
});
