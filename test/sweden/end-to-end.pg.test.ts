import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { agencyFromEnv } from "../../src/collection/agency.js";
import { loadCreditor } from "../../src/collection/cases/creditor.js";
import { openCases } from "../../src/collection/cases/open-cases.js";
import { upsertClaim, upsertCreditor, upsertDebtor } from "../../src/collection/cases/register.js";
import { runCycleDay } from "../../src/collection/engine/daily-cycle.js";
import { flat, readPdf } from "../../src/collection/letters/pdf-text.fixture.js";
import type { LetterModel } from "../../src/collection/letters/letter-model.js";
import { renderLetterPdf } from "../../src/collection/letters/render-letter.js";
import { importBankFile } from "../../src/collection/payments/import-bank-file.js";
import { writeBgMaxFile } from "../../src/demo/bgmax-file.js";
import { LocalDate } from "../../src/domain/calendar/local-date.js";
import { checkOcr } from "../../src/domain/identifiers/se-ocr.js";
import { runSettlement } from "../../src/settlement/run-settlement.js";
import { loadRuleBook } from "../../src/platform/rule-book.js";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";

/**
 * A Swedish creditor's claim against a Swedish debtor from transfer to settlement, on PostgreSQL:
 * opened in SEK with an OCR reference, the inkassokrav (Swedish, Bankgiro and OCR on the letter,
 * inkassoersättning 180 kr), paid through a BgMax file matched by its OCR reference, settled in
 * SEK. Beside it a Norwegian case: a SEK line naming its KID never lands on it.
 */
const rules = loadRuleBook();
const agency = agencyFromEnv({});
const d = LocalDate.parse;
let t: TestDatabase;
let seCase: { id: string; kid: string };
let noCase: { id: string; kid: string };
let seCreditorId: string;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "fordring-se-"));

async function claimCase(creditorId: string, currency: "SEK" | "NOK", address: { line1: string; postcode: string; city: string; country: string }, opened: string) {
  const db = t.database;
  const debtorId = await upsertDebtor(db, creditorId, { source: "t", externalId: "D1", type: "consumer", name: currency === "SEK" ? "Anna Andersson" : "Kari Nordmann", address });
  const claimId = await upsertClaim(db, creditorId, { source: "t", externalId: "F1", debtorId, invoiceNumber: "1001", description: currency === "SEK" ? "Målning av kök" : "Maling", issueDate: d("2025-02-01"), dueDate: d("2025-03-03"), currency, amountMinor: 10_000_00, openMinor: 10_000_00, status: "sent" });
  const creditor = await loadCreditor(db, creditorId);
  const [o] = await db.transaction((tx) => openCases(tx, creditor, [{ claimId, debtorId, debtorType: "consumer", dueDate: d("2025-03-03"), principalMinor: 10_000_00 }], d(opened), "test"));
  const [row] = await db.query<{ kid: string }>("select kid from cases where id = $1", [o!.caseId]);
  return { id: o!.caseId, kid: row!.kid };
}

beforeAll(async () => {
  t = await createTestDatabase();
  seCreditorId = await upsertCreditor(t.database, { code: "SEAB", name: "Bygg & Måleri i Uppsala AB", orgNumber: "556016-0680", jurisdiction: "SE", address: { line1: "Kungsgatan 1", postcode: "753 21", city: "Uppsala", country: "SE" } });
  const noCreditorId = await upsertCreditor(t.database, { code: "NOAS", name: "Maler Hansen AS", orgNumber: "974760673", address: { line1: "Storgata 1", postcode: "0155", city: "Oslo", country: "NO" } });
  seCase = await claimCase(seCreditorId, "SEK", { line1: "Storgatan 12", postcode: "753 20", city: "Uppsala", country: "SE" }, "2025-03-04");
  noCase = await claimCase(noCreditorId, "NOK", { line1: "Vei 2", postcode: "0155", city: "Oslo", country: "NO" }, "2025-03-04");
  for (let day = d("2025-03-04"); !day.isAfter(d("2025-03-31")); day = day.plusDays(1)) {
    await runCycleDay(t.database, seCreditorId, day, { rules, agency });
    await runCycleDay(t.database, noCreditorId, day, { rules, agency });
  }
});
afterAll(async () => {
  await t.drop();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("a Swedish claim from transfer to settlement in SEK", () => {
  it("opens in SEK under Swedish law with a Bankgiro OCR reference, and sends a Swedish inkassokrav with inkassoersättning", async () => {
    const [c] = await t.database.query<{ jurisdiction: string; currency: string; stage: string; notice_sent_on: string; notice_deadline: string; fees_minor: number }>(
      "select jurisdiction, currency, stage, notice_sent_on, notice_deadline, fees_minor from cases where id = $1",
      [seCase.id],
    );
    expect(c).toMatchObject({ jurisdiction: "SE", currency: "SEK", notice_sent_on: "2025-03-17", notice_deadline: "2025-03-25" });
    expect(Number(c!.fees_minor)).toBe(180_00);
    expect(checkOcr(seCase.kid).valid).toBe(true);
    const [letter] = await t.database.query<{ kind: string; language: string; model: LetterModel }>("select kind, language, model from letters where case_id = $1", [seCase.id]);
    expect([letter!.kind, letter!.language]).toEqual(["collection-notice", "sv"]);
    const model = { ...letter!.model, sentOn: d(String(letter!.model.sentOn)), deadline: d(String(letter!.model.deadline)) } as LetterModel;
    const revive = (m: LetterModel): LetterModel => ({
      ...m,
      claims: m.claims.map((cl) => ({ ...cl, invoiceDate: d(String(cl.invoiceDate)), dueDate: d(String(cl.dueDate)) })),
      interest: { ...m.interest, from: d(String(m.interest.from)), until: d(String(m.interest.until)) },
    });
    const text = flat((await readPdf(await renderLetterPdf(revive(model)))).text);
    expect(text).toContain("Inkassokrav");
    expect(text).toContain("Bygg & Måleri i Uppsala AB (borgenär)");
    expect(text).toContain("Bankgiro");
    expect(text).toContain("5050-1055");
    expect(text).toContain(seCase.kid);
    expect(text).toMatch(/skriftligen bestrida/);
    expect(text).toMatch(/Dröjsmålsränta 11,00\s%/);
    expect(text).toMatch(/180,00\skr/);
  });

  it("matches a SEK BgMax line by its OCR reference, never puts SEK on a NOK case, and queues a bad OCR with its reason", async () => {
    const [due] = await t.database.query<{ balance_minor: number }>("select balance_minor from cases where id = $1", [seCase.id]);
    // Paid on 2 April: the balance of 31 March plus two more days of interest on 10 000 kr at 11 % (2 × 3.01 kr, rounded once).
    const interest2Days = Math.round((10_000_00 * 11 * 30) / 100 / 365) - Math.round((10_000_00 * 11 * 28) / 100 / 365);
    const amount = Number(due!.balance_minor) + interest2Days;
    const file = path.join(dir, "bgmax-2025-04-02.txt");
    const badOcr = `${seCase.kid.slice(0, -1)}${(Number(seCase.kid.slice(-1)) + 1) % 10}`;
    fs.writeFileSync(
      file,
      writeBgMaxFile({
        bankgiro: agency.bankgiro!,
        paymentDate: d("2025-04-02"),
        createdAt: "20250402173035010331",
        payments: [
          { reference: seCase.kid, amountMinor: amount, payer: "Anna Andersson" },
          { reference: noCase.kid, amountMinor: 500_00, payer: "Kari Nordmann" },
          { reference: badOcr, amountMinor: 100_00, payer: "Okänd" },
        ],
      }),
      "latin1",
    );
    const result = await importBankFile(t.database, file, { today: d("2025-04-02"), rules, actor: "test", agency });
    expect(result).toMatchObject({ format: "bgmax", matched: 1, unmatched: 2 });
    const lines = await t.database.query<{ reference: string; status: string; reason_code: string | null; currency: string; case_id: string | null }>(
      "select reference, status, reason_code, currency, case_id from bank_payments order by line_ref",
    );
    expect(lines.map((l) => [l.reference, l.currency, l.status, l.reason_code])).toEqual([
      [seCase.kid, "SEK", "matched", null],
      [noCase.kid, "SEK", "unmatched", "foreign_currency"],
      [badOcr, "SEK", "unmatched", "kid_check_digit"],
    ]);
    const [noPay] = await t.database.query<{ n: number }>("select count(*)::int as n from payments where case_id = $1", [noCase.id]);
    expect(noPay!.n).toBe(0);
    const [c] = await t.database.query<{ stage: string; close_reason: string; balance_minor: number }>("select stage, close_reason, balance_minor from cases where id = $1", [seCase.id]);
    expect(c).toMatchObject({ stage: "closed", close_reason: "paid" });
    expect(Number(c!.balance_minor)).toBe(0);
    const [p] = await t.database.query<{ amount_minor: number; currency: string }>("select amount_minor, currency from payments where case_id = $1", [seCase.id]);
    expect([Number(p!.amount_minor), p!.currency]).toEqual([amount, "SEK"]);
  });

  it("settles the period in SEK: the creditor's principal and interest, the agency's inkassoersättning, a balanced voucher", async () => {
    const run = await runSettlement(t.database, { creditorId: seCreditorId, from: d("2025-04-01"), to: d("2025-04-30"), settledOn: d("2025-05-01") });
    expect(run.settlement.currency).toBe("SEK");
    const minor = (s: string) => Math.round(Number(s) * 100);
    const [p] = await t.database.query<{ amount_minor: number }>("select amount_minor from payments where case_id = $1", [seCase.id]);
    expect(minor(run.settlement.totals.receivedByAgency)).toBe(Number(p!.amount_minor));
    expect(minor(run.settlement.totals.creditorShare) + minor(run.settlement.totals.agencyShareOfReceived)).toBe(Number(p!.amount_minor));
    expect(minor(run.settlement.totals.agencyShareOfReceived)).toBeGreaterThanOrEqual(180_00);
    expect(run.voucher.lines.reduce((a, l) => a + minor(l.amount), 0)).toBe(0);
    expect(run.voucher.currency).toBe("SEK");
  });
});
