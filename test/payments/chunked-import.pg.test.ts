import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeOcrGiroFile, type OcrTransaction } from "../../bench/ocr-giro-writer.js";
import { runCycleDay } from "../../src/collection/engine/daily-cycle.js";
import { importBankFile, type ImportOptions } from "../../src/collection/payments/import-bank-file.js";
import { LocalDate } from "../../src/domain/calendar/local-date.js";
import { makeKid } from "../../src/domain/identifiers/index.js";
import type { Database } from "../../src/platform/db/database.js";
import { loadRuleBook } from "../../src/platform/rule-book.js";
import { seedPortfolio } from "../support/seed-portfolio.js";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";
import { agencyFromEnv } from "../../src/collection/agency.js";

/**
 * The set-based bank import (chunks) against the reference, every line on its own through
 * recordPayment: the same files imported into two identical books leave identical books —
 * balances, allocations, payments, timeline, outbox, charges, letters and the manual-match queue
 * with its suggestions. Files are generated with bad lines, unknown and invalid KIDs, lines for
 * the same case, repeated bank transactions, reversals, future-dated and back-dated lines and
 * over-payments.
 */
const rules = loadRuleBook();
const OPENED = "2025-03-03";
const today = LocalDate.parse("2025-03-10");
const ctx = { today, rules, actor: "test", agency: agencyFromEnv() };
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "fordring-chunked-"));
let fast: TestDatabase;
let reference: TestDatabase;
let kids: string[];
let fileNo = 0;

async function seed(db: Database): Promise<void> {
  const creditors = await seedPortfolio(db, { creditors: 3, casesPerCreditor: 25, openedOn: OPENED });
  // The third creditor's cycle has not run: a payment on its cases finds the first letter due.
  for (const c of creditors.slice(0, 2)) await runCycleDay(db, c, LocalDate.parse(OPENED), { agency: agencyFromEnv(), rules });
}

beforeAll(async () => {
  [fast, reference] = await Promise.all([createTestDatabase(), createTestDatabase()]);
  await seed(fast.database);
  await seed(reference.database);
  kids = (await fast.database.query<{ kid: string }>("select kid from cases order by case_number")).map((r) => r.kid);
}, 120_000);
afterAll(async () => {
  await Promise.all([fast?.drop(), reference?.drop()]);
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Everything a bank import writes, with generated ids replaced by case numbers and bank references. */
async function book(db: Database): Promise<Record<string, unknown[]>> {
  const q = (sql: string) => db.query(sql);
  return {
    cases: await q(`select case_number, stage, closed_on, close_reason, next_action_on, limitation_on, version, principal_minor, principal_paid_minor, interest_base_minor, interest_base_on,
                           interest_accrued_minor, interest_accrued_on, interest_paid_minor, fees_minor, fees_paid_minor, salary_minor, salary_paid_minor, legal_minor, legal_paid_minor,
                           credit_minor, claim_for_salary_minor from cases order by case_number`),
    payments: await q(`select c.case_number, p.received_on, p.amount_minor, p.channel, p.source, p.external_ref, p.reference from payments p join cases c on c.id = p.case_id order by p.external_ref, c.case_number`),
    allocations: await q(`select c.case_number, p.external_ref, a.bucket, a.amount_minor from allocations a join payments p on p.id = a.payment_id join cases c on c.id = a.case_id order by 2, 1, 3`),
    queue: await q(`select f.sha256, b.line_ref, b.status, b.note, b.reference, b.reference_valid, b.amount_minor, b.currency, b.booked_on, b.bank_reference, b.raw, c.case_number, cr.code as creditor,
                           p.external_ref, (select jsonb_agg(jsonb_build_object('case', s->>'caseNumber', 'why', s->>'why')) from jsonb_array_elements(b.suggestions) s) as suggestions
                      from bank_payments b join bank_files f on f.id = b.bank_file_id left join cases c on c.id = b.case_id left join creditors cr on cr.id = b.creditor_id
                      left join payments p on p.id = b.payment_id order by 1, 2`),
    files: await q(`select sha256, format, file_id, counts from bank_files order by sha256`),
    events: await q(`select c.case_number, e."on", e.type, e.stage, e.reason, e.data - 'payment' - 'paymentId' - 'letterId' as data,
                            coalesce((select p.external_ref from payments p where 'payment:' || p.id = e.dedupe_key), e.dedupe_key) as key
                       from case_events e join cases c on c.id = e.case_id order by 1, 7, 3`),
    outbox: await q(`select o.kind, c.case_number, coalesce(p.external_ref, replace(o.idempotency_key, c.id::text, c.case_number)) as key, o.payload - 'caseId' - 'paymentId' - 'claimId' as payload
                       from outbox o join cases c on c.id = (o.payload->>'caseId')::uuid left join payments p on p.id = (o.payload->>'paymentId')::uuid order by 1, 2, 3`),
    charges: await q(`select c.case_number, ch.kind, ch.key, ch."on", ch.amount_minor from charges ch join cases c on c.id = ch.case_id order by 1, 2, 3`),
    letters: await q(`select c.case_number, l.kind, l.sent_on, l.deadline, l.model->'total' as total from letters l join cases c on c.id = l.case_id order by 1, 2, 3`),
  };
}

type LineSpec =
  | { kind: "case"; index: number; amount: number; date: "today" | "yesterday" | "future" | "before-due"; ref: number | "fresh"; reversal: boolean }
  | { kind: "unknown-kid"; amount: number }
  | { kind: "bad-check-digit"; index: number; amount: number }
  | { kind: "broken"; index: number; amount: number };

const amount = fc.oneof(fc.integer({ min: 1_00, max: 3_000_00 }), fc.integer({ min: 20_000_00, max: 80_000_00 }), fc.constant(0));
const line: fc.Arbitrary<LineSpec> = fc.oneof(
  { weight: 8, arbitrary: fc.record({ kind: fc.constant("case" as const), index: fc.nat({ max: 74 }), amount, date: fc.constantFrom("today" as const, "today" as const, "yesterday" as const, "future" as const, "before-due" as const), ref: fc.oneof(fc.constant("fresh" as const), fc.nat({ max: 5 })), reversal: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("unknown-kid" as const), amount }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("bad-check-digit" as const), index: fc.nat({ max: 74 }), amount }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("broken" as const), index: fc.nat({ max: 74 }), amount }) },
);

let freshRef = 100_000_000;
function transactions(specs: readonly LineSpec[]): OcrTransaction[] {
  return specs.map((s): OcrTransaction => {
    const base = { amountMinor: s.amount, bookedOn: today, archiveReference: String(freshRef++) };
    if (s.kind === "unknown-kid") return { ...base, kid: makeKid(String(900_000_000 + (freshRef % 1000)), "MOD10") };
    const kid = kids[s.index % kids.length]!;
    if (s.kind === "bad-check-digit") return { ...base, kid: kid.slice(0, -1) + String((Number(kid.at(-1)) + 1) % 10) };
    if (s.kind === "broken") return { ...base, kid, broken: true };
    const bookedOn = s.date === "today" ? today : s.date === "yesterday" ? today.minusDays(1) : s.date === "future" ? today.plusDays(3) : LocalDate.parse("2024-06-01");
    // A small pool of archive references repeats bank transactions within a file and across files.
    const archiveReference = s.ref === "fresh" ? base.archiveReference : String(777_000_000 + s.ref);
    return { ...base, kid, bookedOn, archiveReference, ...(s.reversal ? { type: 18 } : {}) };
  });
}

async function importBoth(txs: OcrTransaction[], chunkSize: number, extra: ImportOptions = {}) {
  const file = path.join(dir, `f${++fileNo}.ocr`);
  await writeOcrGiroFile(file, fileNo, txs, today);
  const fallbacks: unknown[] = [];
  const a = await importBankFile(fast.database, file, ctx, { chunkSize, onFallback: (e) => fallbacks.push(e), ...extra });
  const b = await importBankFile(reference.database, file, ctx, { lineByLine: true });
  return { a, b, fallbacks, file };
}

describe("the chunked bank import equals the line-by-line import", () => {
  it("gives identical books for generated files with bad lines, unknown KIDs, repeats and over-payments", async () => {
    let lines = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(line, { minLength: 20, maxLength: 120, size: "max" }), fc.integer({ min: 1, max: 40 }), async (specs, chunkSize) => {
        const { a, b, fallbacks } = await importBoth(transactions(specs), chunkSize);
        lines += specs.length;
        expect(fallbacks).toEqual([]);
        expect(a).toEqual(b);
        expect(await book(fast.database)).toEqual(await book(reference.database));
      }),
      { numRuns: 8, seed: 20250310, endOnFailure: true },
    );
    // The generated files did exercise what they were meant to.
    const [seen] = await fast.database.query<Record<string, number>>(
      `select count(*) filter (where status = 'matched')::int8 as matched, count(*) filter (where status = 'duplicate')::int8 as duplicates,
              count(*) filter (where status = 'error')::int8 as errors, count(*) filter (where note like 'no case has%')::int8 as unknown,
              count(*) filter (where note like '%check digit%')::int8 as bad_kid, count(*) filter (where note like '%after today%')::int8 as future,
              count(*) filter (where note like '%last principal change%')::int8 as back_dated, count(*) filter (where note = 'not a positive amount')::int8 as not_positive
         from bank_payments`,
    );
    const [closed] = await fast.database.query<{ closed: number; credit: number; charged: number }>(
      "select count(*) filter (where closed_on is not null)::int8 as closed, count(*) filter (where credit_minor > 0)::int8 as credit, (select count(*) from letters where sent_on = $1)::int8 as charged from cases",
      [today.toString()],
    );
    expect(lines).toBeGreaterThan(200);
    for (const k of ["matched", "duplicates", "errors", "unknown", "bad_kid", "future", "back_dated", "not_positive"]) expect(seen![k], k).toBeGreaterThan(0);
    expect(closed!.closed).toBeGreaterThan(0);
    expect(closed!.credit).toBeGreaterThan(0);
    // Some payments found a step due since the cycle ran: written through the engine's writePlans.
    expect(closed!.charged).toBeGreaterThan(0);
  }, 300_000);

  it("falls back to line by line when a chunk cannot be written set-based, with the same result", async () => {
    // A rule of this database only: no statement may write more than one payment. The chunk's
    // set-based insert fails, the chunk is rolled back to its savepoint and applied line by line.
    await fast.database.query(`
      create function one_payment_per_statement() returns trigger language plpgsql as $$
      begin
        if (select count(*) from inserted) > 1 then raise exception 'one payment per statement'; end if;
        return null;
      end $$`);
    await fast.database.query(`
      create trigger one_payment_per_statement after insert on payments referencing new table as inserted for each statement execute function one_payment_per_statement();
    `);
    try {
      const specs: LineSpec[] = Array.from({ length: 30 }, (_, i) => ({ kind: "case" as const, index: (i * 7) % 75, amount: 150_00 + i, date: "today" as const, ref: "fresh" as const, reversal: false }));
      const { a, b, fallbacks } = await importBoth(transactions(specs), 10);
      expect(fallbacks.length).toBeGreaterThan(0);
      expect(String(fallbacks[0])).toContain("one payment per statement");
      expect(a).toEqual(b);
      expect(await book(fast.database)).toEqual(await book(reference.database));
    } finally {
      await fast.database.query("drop trigger one_payment_per_statement on payments");
      await fast.database.query("drop function one_payment_per_statement()");
    }
  }, 60_000);
});

describe("re-importing", () => {
  it("applies a file once: the same file again, or its transactions in another file, change nothing", async () => {
    const specs: LineSpec[] = Array.from({ length: 40 }, (_, i) => ({ kind: "case" as const, index: (i * 11) % 75, amount: 99_00 + i, date: "yesterday" as const, ref: "fresh" as const, reversal: false }));
    const txs = transactions(specs);
    const { a, file } = await importBoth(txs, 16);
    expect(a.matched).toBeGreaterThan(0);
    const after = await book(fast.database);

    const again = await importBankFile(fast.database, file, ctx, { chunkSize: 16 });
    expect(again).toEqual({ ...a, duplicate: true });
    expect(await book(fast.database)).toEqual(after);

    // The bank sends the same transactions again in a new transmission: recorded once, the repeats kept as duplicates.
    const resent = path.join(dir, `resent.ocr`);
    await writeOcrGiroFile(resent, 9_999, txs, today);
    const second = await importBankFile(fast.database, resent, ctx, { chunkSize: 16 });
    expect(second).toMatchObject({ duplicate: false, matched: 0, payments: a.payments });
    const now = await book(fast.database);
    for (const k of ["cases", "payments", "allocations", "events", "outbox", "charges", "letters"]) expect(now[k], k).toEqual(after[k]);
    const statuses = await fast.database.query<{ status: string; n: number }>(
      "select b.status, count(*)::int8 as n from bank_payments b join bank_files f on f.id = b.bank_file_id where f.file_id like '%-0009999-%' group by 1 order by 1",
    );
    expect(statuses).toEqual([{ status: "duplicate", n: a.matched }, ...(a.unmatched ? [{ status: "unmatched", n: a.unmatched }] : [])]);
  }, 60_000);

  it("rejects a file whose trailer does not match, after chunks were applied, and keeps nothing of it", async () => {
    const specs: LineSpec[] = Array.from({ length: 50 }, (_, i) => ({ kind: "case" as const, index: i % 75, amount: 10_00, date: "today" as const, ref: "fresh" as const, reversal: false }));
    const file = path.join(dir, "bad-trailer.ocr");
    await writeOcrGiroFile(file, 4_242, transactions(specs), today);
    const text = fs.readFileSync(file, "latin1").replace(/^(NY000089\d{16})(\d{17})/m, (_, head: string, total: string) => head + String(Number(total) + 1).padStart(17, "0"));
    fs.writeFileSync(file, text, "latin1");
    const before = await book(fast.database);
    await expect(importBankFile(fast.database, file, ctx, { chunkSize: 10 })).rejects.toThrow(/trailer says a total/);
    expect(await book(fast.database)).toEqual(before);
  }, 60_000);
});
