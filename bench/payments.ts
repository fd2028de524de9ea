import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseOcrGiro } from "../src/collection/bank-files/index.js";
import { importBankFile } from "../src/collection/payments/import-bank-file.js";
import { makeKid } from "../src/domain/identifiers/index.js";
import type { Database } from "../src/platform/db/database.js";
import { loadRuleBook } from "../src/platform/rule-book.js";
import { checkOptions, clock, fmt, n, option, timedDatabase, withBenchDatabase } from "./bench-database.js";
import { BOOK_TODAY, seedBook } from "./cycle.js";
import { prng } from "./harness.js";
import { writeOcrGiroFile, type OcrTransaction } from "./ocr-giro-writer.js";
import { agencyFromEnv } from "../src/collection/agency.js";

/**
 * `npm run bench -- payments [--transactions N] [--cases N] [--creditors N] [--chunk N]`: a Nets
 * OCR giro file of N transactions (default 1,000,000) imported, matched and allocated against a
 * generated book of open cases (default 1,000,000, the cycle benchmark's book) on a real
 * PostgreSQL, against a baseline in the same run: parsing the same file only. The import runs on
 * the day after the book's last cycle, so no case has a step due (as when the bank's file arrives
 * after the morning's cycle).
 *
 * The file: most transactions pay a case by its KID — part payments, payments in full (the case
 * closes) and over-payments (a credit balance) — some pay a case paid a moment before; about 1 %
 * each name a KID no case has or one that fails its check digit (the manual-match queue, with
 * suggestions), 1 % repeat an earlier bank transaction (kept as duplicates) and 0.5 % are broken
 * lines (kept with their error).
 */
const OPTIONS = ["transactions", "cases", "creditors", "chunk"];
const AIM_RATIO = 3;

export async function benchPayments(args: readonly string[]): Promise<void> {
  checkOptions("payments", args, OPTIONS);
  const transactions = option("payments", args, "transactions", 1_000_000);
  const cases = option("payments", args, "cases", 1_000_000);
  const creditorCount = Math.min(option("payments", args, "creditors", 1_000), cases);
  const chunkSize = option("payments", args, "chunk", 2_000);
  await withBenchDatabase("payments", (db) => run(db, { transactions, cases, creditorCount, chunkSize }));
}

async function run(db: Database, o: { transactions: number; cases: number; creditorCount: number; chunkSize: number }): Promise<void> {
  const importDay = BOOK_TODAY.minusDays(1);
  const [server] = await db.query<{ version: string; buffers: string; wal: string }>(
    "select current_setting('server_version') as version, current_setting('shared_buffers') as buffers, current_setting('max_wal_size') as wal",
  );
  console.log(`\npayments: a Nets OCR giro file of ${n(o.transactions)} transactions imported on ${importDay} against ${n(o.cases)} open cases over ${n(o.creditorCount)} creditors`);
  console.log(`  PostgreSQL ${server!.version} (shared_buffers ${server!.buffers}, max_wal_size ${server!.wal}), ${os.cpus().length} cores, chunks of ${n(o.chunkSize)} lines`);
  await seedBook(db, o);

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "fordring-bench-payments-"));
  try {
    const file = path.join(dir, "ocr-giro.txt");
    let t = clock();
    const book = await db.query<{ kid: string; balance: number }>(
      "select kid, balance_minor as balance from cases order by case_number",
    );
    const written = await writeOcrGiroFile(file, 1, fileTransactions(book, o.transactions, importDay), importDay);
    console.log(`  file: ${n(written.transactions)} transactions, ${(fs.statSync(file).size / 1e6).toFixed(0)} MB, written in ${fmt(t())} s`);

    // Baseline: the same file streamed through the same parser, nothing else. Twice; the second is timed.
    await parseOnly(file);
    t = clock();
    const parsed = await parseOnly(file);
    const baseline = t();
    console.log(`  baseline: parse only              ${fmt(baseline)} s   (${n(parsed.payments)} payments, ${n(parsed.errors)} broken lines; ${n(o.transactions / baseline)} transactions/s)`);

    const [before] = await db.query<{ event: number; outbox: number }>("select (select coalesce(max(id), 0) from case_events)::int8 as event, (select coalesce(max(id), 0) from outbox)::int8 as outbox");
    await db.query("checkpoint").catch(() => undefined);
    let fallbacks = 0;
    t = clock();
    const timed = timedDatabase(db);
    const result = await importBankFile(timed.database, file, { agency: agencyFromEnv(), today: importDay, rules: loadRuleBook(), actor: "bench" }, { chunkSize: o.chunkSize, onFallback: () => fallbacks++ });
    const seconds = t();
    console.log(`  import: parse, match, allocate    ${fmt(seconds)} s   (${n(o.transactions / seconds)} transactions/s)`);
    console.log(`    ${n(result.payments)} payments (${result.total} NOK): ${n(result.matched)} matched (${result.matchedAmount}), ${n(result.unmatched)} not recorded, ${n(result.errors)} broken lines kept; chunks applied line by line after a failure: ${n(fallbacks)}`);
    console.log(`    where the time goes: ${n(timed.queries)} SQL statements, ${fmt(timed.seconds())} s waiting on them; the slowest:`);
    for (const line of timed.slowest(8)) console.log(`      ${line}`);
    await describeOutcome(db);
    const ratio = seconds / baseline;
    console.log(`  ratio to baseline: ${ratio.toFixed(2)}×   aim ratio ≤ ${AIM_RATIO}: ${ratio <= AIM_RATIO ? "met" : "NOT met"}`);
    const floor = await writeFloor(db, before!);
    console.log(`  database floor: the same rows written again by ${floor.statements} set-based statements, no parsing, no logic, rolled back: ${fmt(floor.seconds)} s`);
    console.log(`    ${floor.rows}`);
    console.log(`    floor ratio to baseline: ${(floor.seconds / baseline).toFixed(2)}×; the import spends ${(seconds / floor.seconds).toFixed(2)}× the floor`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function* fileTransactions(book: readonly { kid: string; balance: number }[], count: number, bookedOn: OcrTransaction["bookedOn"]): Generator<OcrTransaction> {
  const random = prng(20260304);
  const cases = book.length;
  const kron = (max: number) => Math.floor(random() * max) * 100;
  const recent: number[] = [];
  for (let i = 0; i < count; i++) {
    const archiveReference = String(i + 1).padStart(9, "0");
    const r = random();
    if (r < 0.01) {
      yield { amountMinor: 100_00 + kron(5_000), kid: makeKid(String(900_000_000 + (i % 99_999_999)), "MOD10"), bookedOn, archiveReference };
      continue;
    }
    // A case: a fresh one in a fixed permutation of the book, or (2 %) one paid a moment ago.
    const c = r < 0.03 && recent.length ? recent[Math.floor(random() * recent.length)]! : (i * 7_919 + 13) % cases;
    const { kid, balance } = book[c]!;
    if (r < 0.02) {
      yield { amountMinor: 100_00 + kron(5_000), kid: kid.slice(0, -1) + String((Number(kid.at(-1)) + 1) % 10), bookedOn, archiveReference };
      continue;
    }
    if (r < 0.03) {
      yield { amountMinor: 50_00 + kron(500), kid, bookedOn, archiveReference };
      continue;
    }
    if (r < 0.04 && i > 0) {
      // The bank sends an earlier transaction again.
      yield { amountMinor: 100_00, kid, bookedOn, archiveReference: String(1 + Math.floor(random() * i)).padStart(9, "0") };
      continue;
    }
    if (r < 0.045) {
      yield { amountMinor: 100_00 + kron(1_000), kid, bookedOn, archiveReference, broken: true };
      continue;
    }
    const s = random();
    const amountMinor = s < 0.55 ? Math.max(100, Math.floor(balance * (0.1 + 0.5 * random()))) : s < 0.85 ? balance + kron(50) : balance + 100_00 + kron(2_000);
    recent.push(c);
    if (recent.length > 500) recent.shift();
    yield { amountMinor, kid, bookedOn, archiveReference };
  }
}

async function parseOnly(file: string): Promise<{ payments: number; errors: number }> {
  let payments = 0;
  let errors = 0;
  for await (const e of parseOcrGiro(fs.createReadStream(file))) {
    if (e.type === "payment") payments++;
    else if (e.type === "error") errors++;
  }
  return { payments, errors };
}

/**
 * What PostgreSQL alone needs to store what the import stored: every row the import wrote, copied
 * once more into the same tables (same indexes, constraints and foreign keys, WAL) by one
 * INSERT … SELECT per table, and every case it changed updated once more, in one transaction that
 * is rolled back. No parsing, matching or allocating, no round trips: a lower bound for this data
 * model on this machine, measured in the same run.
 */
async function writeFloor(db: Database, before: { event: number; outbox: number }): Promise<{ seconds: number; statements: number; rows: string }> {
  const counts: string[] = [];
  let statements = 0;
  const t = clock();
  await db
    .transaction(async (tx) => {
      const run = async (what: string, sql: string) => {
        statements++;
        const result = await tx.query<{ n: number }>(sql);
        counts.push(`${what} ${n(Number(result[0]?.n ?? 0))}`);
      };
      await tx.query("create temp table floor_ids on commit drop as select payment_id as old_id, gen_random_uuid() as new_id from bank_payments where status = 'matched'");
      await run(
        "payments",
        `with w as (insert into payments (id, creditor_id, case_id, received_on, amount_minor, currency, channel, source, external_ref, reference, journal_due)
                    select f.new_id, p.creditor_id, p.case_id, p.received_on, p.amount_minor, p.currency, p.channel, p.source, p.external_ref || '#floor', p.reference, p.journal_due
                      from payments p join floor_ids f on f.old_id = p.id returning 1) select count(*)::int8 as n from w`,
      );
      await run(
        "allocations",
        `with w as (insert into allocations (creditor_id, payment_id, case_id, bucket, amount_minor)
                    select a.creditor_id, f.new_id, a.case_id, a.bucket, a.amount_minor from allocations a join floor_ids f on f.old_id = a.payment_id returning 1)
         select count(*)::int8 as n from w`,
      );
      await run(
        "timeline rows",
        `with w as (insert into case_events (creditor_id, case_id, "on", actor, type, stage, data, reason, dedupe_key)
                    select creditor_id, case_id, "on", actor, type, stage, data, reason, dedupe_key || '#floor' from case_events where id > ${Number(before.event)} returning 1)
         select count(*)::int8 as n from w`,
      );
      await run(
        "bank lines",
        `with w as (insert into bank_payments (id, bank_file_id, line_ref, creditor_id, reference, reference_valid, amount_minor, currency, booked_on, payer, bank_reference, raw, status, note, suggestions, case_id, payment_id)
                    select gen_random_uuid(), bank_file_id, line_ref || '#floor', creditor_id, reference, reference_valid, amount_minor, currency, booked_on, payer, bank_reference, raw, status, note, suggestions, case_id, payment_id
                      from bank_payments returning 1)
         select count(*)::int8 as n from w`,
      );
      await run(
        "outbox rows",
        `with w as (insert into outbox (creditor_id, kind, idempotency_key, payload) select creditor_id, kind, idempotency_key || '#floor', payload from outbox where id > ${Number(before.outbox)} returning 1)
         select count(*)::int8 as n from w`,
      );
      await run(
        "case updates",
        `with w as (update cases c set version = c.version + 1, next_action_on = c.next_action_on, closed_on = c.closed_on
                     where c.id in (select case_id from bank_payments where status = 'matched') returning 1)
         select count(*)::int8 as n from w`,
      );
      throw new FloorDone();
    })
    .catch((e: unknown) => {
      if (!(e instanceof FloorDone)) throw e;
    });
  return { seconds: t(), statements, rows: counts.join(", ") };
}

class FloorDone extends Error {}

async function describeOutcome(db: Database): Promise<void> {
  const statuses = await db.query<{ status: string; n: number }>("select status, count(*)::int8 as n from bank_payments group by 1 order by 1");
  const [c] = await db.query<{ closed: number; credit: number; part: number }>(
    "select count(*) filter (where close_reason = 'paid')::int8 as closed, count(*) filter (where credit_minor > 0)::int8 as credit, count(*) filter (where principal_paid_minor + interest_paid_minor + fees_paid_minor + salary_paid_minor > 0 and closed_on is null)::int8 as part from cases",
  );
  const [m] = await db.query<{ paid: number; allocated: number; credit: number; journal: number; suggested: number }>(
    `select (select coalesce(sum(amount_minor), 0) from payments)::int8 as paid, (select coalesce(sum(amount_minor), 0) from allocations)::int8 as allocated,
            (select coalesce(sum(credit_minor), 0) from cases)::int8 as credit, (select count(*) from outbox where kind = 'payment-journal')::int8 as journal,
            (select count(*) from bank_payments where status = 'unmatched' and jsonb_array_length(suggestions) > 0)::int8 as suggested`,
  );
  console.log(`    bank lines: ${statuses.map((s) => `${s.status} ${n(s.n)}`).join(", ")}; ${n(m!.suggested)} queued with suggestions`);
  console.log(`    cases: ${n(c!.closed)} closed as paid, ${n(c!.part)} part paid, ${n(c!.credit)} with a credit balance; ${n(m!.journal)} payment-journal outbox rows`);
  const conserved = m!.paid === m!.allocated + m!.credit;
  console.log(`    money: paid ${n(m!.paid)} øre = allocated ${n(m!.allocated)} + credit ${n(m!.credit)}: ${conserved ? "conserved" : "NOT CONSERVED"}`);
  if (!conserved) throw new Error("payments: money was not conserved");
}

