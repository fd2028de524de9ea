import os from "node:os";
import { accountOf, caseStateOf, stateColumns, STATE_COLUMNS, type CaseRow } from "../src/collection/cases/case-row.js";
import { agencyFromEnv } from "../src/collection/agency.js";
import type { CreditorContext } from "../src/collection/cases/creditor.js";
import { applyEvent, emptyPlan, runScheduled, scheduleOptions, type CasePlan } from "../src/domain/case/index.js";
import { runCycleDay, type CycleCounts } from "../src/collection/engine/daily-cycle.js";
import { syncDayWeights } from "../src/collection/engine/interest-accrual.js";
import type { LetterModel } from "../src/collection/letters/letter-model.js";
import { renderLetterPdf } from "../src/collection/letters/render-letter.js";
import { CollectionSettingsSchema, parseCollectionSettings, type CollectionSettings } from "../src/collection/settings.js";
import { calendarFor } from "../src/domain/calendar/business-calendar.js";
import { LocalDate } from "../src/domain/calendar/local-date.js";
import { openCase, scheduledEvents, type CaseEvent, type DebtorType, type Stage } from "../src/domain/case-lifecycle/index.js";
import { checkKid } from "../src/domain/identifiers/index.js";
import { INTEREST_DENOMINATOR } from "../src/domain/interest/year-days.js";
import { rowOn } from "../src/domain/jurisdictions/dated-row.js";
import type { NorwegianRuleSet } from "../src/domain/jurisdictions/no/no-rule-set.js";
import { limitationDate } from "../src/domain/limitation.js";
import type { Database } from "../src/platform/db/database.js";
import { checkOptions, clock, fmt, n, option, withBenchDatabase } from "./bench-database.js";
import { loadRuleBook } from "../src/platform/rule-book.js";

/**
 * `npm run bench -- cycle [--cases N] [--creditors N] [--concurrency N]`: one business day of the
 * case engine (interest accrual + advance; letters queued, not rendered) over a generated book of
 * open cases on a real PostgreSQL, against a baseline bulk UPDATE of the same rows in the same
 * run; then letters rendered per second. Uses a fresh database on BENCH_DATABASE_URL (or
 * TEST_DATABASE_URL, or the local server), dropped at the end.
 */
/**
 * A Thursday. Amili's stop window ends on a Tuesday, so those creditors' payment demands go out on
 * Wednesdays and everything counted from them (demand deadline passed, tungt salær) falls due on
 * Thursdays: their busiest day but one.
 */
const TODAY = LocalDate.parse("2026-03-05");
const YESTERDAY = TODAY.minusDays(1);
const WINDOW = 14;
const AIM_SECONDS = 60;
const AIM_RATIO = 5;
const LETTERS_TO_RENDER = 200;
/** Creditors run two at a time: one per core (1M cases: 38 s one at a time, 33 s two at a time). */
const DEFAULT_CONCURRENCY = 2;

/** The share of open cases per stage, in thousandths. */
const STAGE_MIX: ReadonlyArray<readonly [Stage, number]> = [
  ["opened", 120],
  ["collection-notice", 220],
  ["stop-window", 80],
  ["payment-demand", 180],
  ["awaiting-legal-approval", 160],
  ["ordinary-collection", 160],
  ["surveillance", 80],
];
/** Principal per salær band (inkassoforskriften § 2-1 bands from the rule book), in thousandths. */
const BAND_MIX = [150, 200, 250, 250, 120, 30];
const VARIANTS = 2;
const JITTER = 4;

/** Creditor settings: even creditors use Amili's stop window, odd ones a fixed 7 days. */
const SETTINGS: readonly CollectionSettings[] = [CollectionSettingsSchema.parse({}), CollectionSettingsSchema.parse({ stopWindowDays: 7 })];

export async function benchCycle(args: readonly string[]): Promise<void> {
  checkOptions("cycle", args, OPTIONS);
  const cases = option("cycle", args, "cases", 1_000_000);
  const creditorCount = Math.min(option("cycle", args, "creditors", 1_000), cases);
  const concurrency = option("cycle", args, "concurrency", DEFAULT_CONCURRENCY);
  await withBenchDatabase("cycle", (database) => run(database, { cases, creditorCount, concurrency }));
}

/**
 * The generated book of open cases (shared with the payments benchmark): the interest day weights,
 * the case histories simulated with the engine, the rows set-based, then VACUUM ANALYZE. The book
 * is as the cycle of the day before TODAY left it: the next actions fall from TODAY on.
 */
export const BOOK_TODAY = TODAY;
export async function seedBook(db: Database, o: { cases: number; creditorCount: number }): Promise<void> {
  const rules = loadRuleBook();
  let t = clock();
  await syncDayWeights(db, "NO", rules.NO.lateInterest);
  const templates = buildTemplates(rules.NO);
  const templateSeconds = t();
  t = clock();
  await generate(db, o.cases, o.creditorCount, templates);
  const generateSeconds = t();
  t = clock();
  await db.query("vacuum (analyze)");
  console.log(`  generate: ${templates.length} case histories simulated with the engine ${fmt(templateSeconds)} s, rows set-based ${fmt(generateSeconds)} s, vacuum analyze ${fmt(t())} s`);
}

async function run(db: Database, o: { cases: number; creditorCount: number; concurrency: number }): Promise<void> {
  const rules = loadRuleBook();
  const [server] = await db.query<{ version: string; buffers: string; wal: string }>(
    "select current_setting('server_version') as version, current_setting('shared_buffers') as buffers, current_setting('max_wal_size') as wal",
  );
  console.log(`\ncycle: one business day (${TODAY}), ${n(o.cases)} open cases over ${n(o.creditorCount)} creditors`);
  console.log(`  PostgreSQL ${server!.version} (shared_buffers ${server!.buffers}, max_wal_size ${server!.wal}), ${os.cpus().length} cores`);

  await seedBook(db, o);
  await describeBook(db, o.cases);
  await checkSample(db);

  // The baseline: one UPDATE over the rows the accrual touches, rolled back so the day still has
  // its work. Run twice (the first warms the cache and leaves the table in the shape the second
  // and the cycle find after VACUUM), timed the second time.
  const baselineSql = "update cases set interest_accrued_minor = interest_accrued_minor + 1, version = version + 1 where closed_on is null";
  const warm = await rolledBack(db, baselineSql);
  const baseline = await rolledBack(db, baselineSql);
  console.log(`  baseline: bulk UPDATE of ${baseline.rows.toLocaleString("en")} open cases (rolled back)   ${fmt(baseline.seconds)} s   (warm-up run ${fmt(warm.seconds)} s)`);

  const creditorIds = (await db.query<{ id: string }>("select id from creditors order by code")).map((r) => r.id);
  await checkpoint(db);
  const t = clock();
  const totals = await cycleDay(db, creditorIds, o.concurrency, rules);
  const cycleSeconds = t();
  const [{ left }] = (await db.query<{ left: number }>("select count(*)::int8 as left from cases where closed_on is null and next_action_on <= $1", [TODAY.toString()])) as [{ left: number }];
  const ratio = cycleSeconds / baseline.seconds;
  console.log(`  cycle: runCycleDay for every creditor, ${o.concurrency} at a time   ${fmt(cycleSeconds)} s`);
  console.log(
    `    accrued ${n(totals.accrued)} · advanced ${n(totals.advanced)} · letters queued ${n(totals.letters)} · charges ${n(totals.charges)} · timeline ${n(totals.events)} · limitation warnings ${n(totals.warnings)} · still due ${n(left)}`,
  );
  console.log(`  ratio to baseline: ${ratio.toFixed(2)}×   aim ≤ ${AIM_SECONDS} s: ${cycleSeconds <= AIM_SECONDS ? "met" : "NOT met"}   aim ratio ≤ ${AIM_RATIO}: ${ratio <= AIM_RATIO ? "met" : "NOT met"}`);
  await renderLetters(db);
}

const OPTIONS = ["cases", "creditors", "concurrency"];

// ---------------------------------------------------------------------------------------------
// Case histories. Every generated case copies one template: a case opened on a due date and run
// through the engine's own pure planners (src/domain/case) on the business days before TODAY, so
// its stage, dates, fees and salær are what the cycle would have written. A template is chosen
// per (stage, days until the next action, debtor type, creditor variant, jitter): the next action
// falls in the two weeks from TODAY, so about 1 case in 14 with a next action is due today.
// ---------------------------------------------------------------------------------------------

interface History {
  dueDate: LocalDate;
  openedOn: LocalDate;
  debtorType: DebtorType;
  variant: number;
  /** The creditor approves legal steps this many business days after being asked. */
  approveAfter?: number;
  pause?: { on: LocalDate; until: LocalDate };
}

interface Template {
  id: number;
  row: CaseRow;
  salaryByBand: number[];
  limitationOn: string;
}

const calendar = calendarFor("NO");

function simContext(variant: number): CreditorContext {
  return { id: "sim", code: "SIM", name: "Sim", orgNumber: null, address: null, jurisdiction: "NO", currency: "NOK", vatRegistered: true, settings: SETTINGS[variant]! };
}

function simulate(h: History, principal: number, rules: NorwegianRuleSet): CaseRow {
  const creditor = simContext(h.variant);
  const state = openCase({ openedOn: h.openedOn, dueDate: h.dueDate, debtorType: h.debtorType });
  const row: CaseRow = {
    ...(stateColumns(state) as unknown as CaseRow),
    id: "sim", creditor_id: "sim", currency: "NOK", interest_base_on: h.dueDate.toString(), interest_accrued_on: h.dueDate.toString(), limitation_on: null,
    debtor_type: h.debtorType, opened_on: h.openedOn.toString(), due_date: h.dueDate.toString(),
    next_action_on: scheduledEvents(state, scheduleOptions(creditor))[0]?.on.toString() ?? null,
    claim_for_salary_minor: principal, principal_minor: principal, principal_paid_minor: 0, interest_base_minor: 0, interest_accrued_minor: 0,
    interest_paid_minor: 0, fees_minor: 0, fees_paid_minor: 0, salary_minor: 0, salary_paid_minor: 0, legal_minor: 0, legal_paid_minor: 0, credit_minor: 0, version: 0,
  };
  let day = h.openedOn;
  let approveOn: LocalDate | null = null;
  let pauseOn = h.pause?.on ?? null;
  for (;;) {
    const due = row.next_action_on === null ? null : calendar.nextBusinessDay(LocalDate.max(day, LocalDate.parse(row.next_action_on)));
    const on = [due, approveOn, pauseOn].filter((d): d is LocalDate => d !== null).sort((a, b) => a.compare(b))[0];
    if (!on || !on.isBefore(TODAY)) return row;
    let id = 0;
    const ctx = { today: on, creditor, rules, newId: () => `sim-letter-${++id}` };
    const plan = emptyPlan(accountOf(row));
    let manual: CaseEvent | null = null;
    if (approveOn?.equals(on)) [manual, approveOn] = [{ type: "approve-legal" }, null];
    else if (pauseOn?.equals(on)) [manual, pauseOn] = [{ type: "pause", reason: "Betalingsavtale", until: h.pause!.until }, null];
    if (manual && !applyEvent(plan, manual, ctx).ok) throw new Error(`history: ${manual.type} refused on ${on}`);
    runScheduled(plan, ctx);
    if (plan.refused) throw new Error(`history: ${plan.refused} refused on ${on}`);
    applyPlan(row, plan);
    if (h.approveAfter !== undefined && row.stage === "awaiting-legal-approval" && approveOn === null) approveOn = calendar.addBusinessDays(on, h.approveAfter);
    day = on.plusDays(1);
  }
}

/** What the case store writes for a plan, in memory. */
function applyPlan(row: CaseRow, plan: CasePlan): void {
  Object.assign(row, stateColumns(plan.state));
  row.next_action_on = plan.nextActionOn?.toString() ?? null;
  for (const c of plan.charges) {
    if (c.bucket === "fees") row.fees_minor += c.amount.amount;
    else if (c.bucket === "salary") row.salary_minor += c.amount.amount;
    else if (c.bucket === "legal-costs") row.legal_minor += c.amount.amount;
  }
  row.version += 1;
}

function buildTemplates(rules: NorwegianRuleSet): Template[] {
  const bands = salaryBands(rules);
  const last = TODAY.plusDays(WINDOW - 1);
  const templates: Template[] = [];
  for (const debtorType of ["consumer", "business"] as const) {
    for (let variant = 0; variant < VARIANTS; variant++) {
      // Candidate histories: due a day to ~2.8 years ago, transferred at once or three weeks late,
      // some with the creditor approving legal steps. None is nearer its limitation date than the
      // first warning (90 days), which earlier days would have written.
      const sims: { h: History; row: CaseRow }[] = [];
      for (let age = 1; age <= 1_020; age++) {
        const dueDate = TODAY.minusDays(age);
        if (!calendar.isBusinessDay(dueDate)) continue;
        for (const late of [1, 21]) {
          const openedOn = calendar.nextBusinessDay(dueDate.plusDays(late));
          if (openedOn.isAfter(TODAY)) continue;
          const approvals = age >= 40 && age <= 450 ? [undefined, 2 + (age % 5)] : [undefined];
          for (const approveAfter of approvals) {
            const h: History = { dueDate, openedOn, debtorType, variant, ...(approveAfter !== undefined ? { approveAfter } : {}) };
            sims.push({ h, row: simulate(h, bands[0]!.representative, rules) });
          }
        }
      }
      const limitationOk = (h: History) => !limitationDate({ dueDate: h.dueDate, interruptions: [] }).date.isBefore(TODAY.plusDays(90));
      STAGE_MIX.forEach(([stage], s) => {
        const inStage = sims.filter((x) => x.row.stage === stage && limitationOk(x.h));
        const waiting = inStage.filter((x) => x.row.next_action_on !== null && x.row.next_action_on >= TODAY.toString() && x.row.next_action_on <= last.toString());
        const idle = inStage.filter((x) => x.row.next_action_on === null);
        for (let u = 0; u < WINDOW; u++) {
          for (let j = 0; j < JITTER; j++) {
            let h: History;
            if (stage === "surveillance") {
              // Surveillance waits for nothing; one in four is paused (a payment plan) until a day in the window.
              const pauseOn = calendar.addBusinessDays(TODAY, -(1 + (u % 5)));
              const pool = j === 0 ? idle.filter((x) => x.row.surveillance_on! < pauseOn.toString()) : idle;
              if (pool.length === 0) throw new Error("no history reaches surveillance");
              h = pool[((u * JITTER + j) * 37) % pool.length]!.h;
              if (j === 0) h = { ...h, pause: { on: pauseOn, until: TODAY.plusDays(u) } };
            } else {
              h = pick(waiting, TODAY.plusDays(u), u * JITTER + j, stage);
            }
            const id = templateId(s, u, debtorType === "business" ? 1 : 0, variant, j);
            templates.push(template(id, h, stage, bands, rules));
          }
        }
      });
    }
  }
  return templates.sort((a, b) => a.id - b.id);
}

/** A history whose next action is `target`; else the nearest one not due today (so the due share does not grow). */
function pick(pool: { h: History; row: CaseRow }[], target: LocalDate, k: number, stage: string): History {
  const exact = pool.filter((x) => x.row.next_action_on === target.toString());
  if (exact.length) return exact[(k * 7) % exact.length]!.h;
  const later = pool
    .filter((x) => x.row.next_action_on! > TODAY.toString())
    .sort((a, b) => Math.abs(LocalDate.parse(a.row.next_action_on!).daysUntil(target)) - Math.abs(LocalDate.parse(b.row.next_action_on!).daysUntil(target)));
  if (!later.length) throw new Error(`no history reaches ${stage} with a next action in the window`);
  return later[k % Math.min(3, later.length)]!.h;
}

function template(id: number, h: History, stage: Stage, bands: ReturnType<typeof salaryBands>, rules: NorwegianRuleSet): Template {
  const rows = bands.map((b) => simulate(h, b.representative, rules));
  const row = rows[0]!;
  if (rows.some((r) => r.stage !== stage || r.next_action_on !== row.next_action_on || r.fees_minor !== row.fees_minor)) {
    throw new Error(`history ${JSON.stringify(h)}: ends in ${row.stage}, not ${stage}, or its principal band changed more than the salær`);
  }
  return { id, row, salaryByBand: rows.map((r) => r.salary_minor), limitationOn: limitationDate({ dueDate: h.dueDate, interruptions: [] }).date.toString() };
}

function templateId(stage: number, u: number, business: number, variant: number, j: number): number {
  return (((stage * WINDOW + u) * 2 + business) * VARIANTS + variant) * JITTER + j;
}
const TEMPLATE_ID_SQL = `(((s.stage * ${WINDOW} + s.u) * 2 + s.business) * ${VARIANTS} + s.variant) * ${JITTER} + s.jitter`;

/** The salær bands of the table in force, each with its upper bound and a principal inside it. */
function salaryBands(rules: NorwegianRuleSet): { upTo: number; lowest: number; representative: number }[] {
  const table = rowOn(rules.salaryTables, TODAY, "salær table", "today");
  const bounds = table.bands.map((b) => b.upTo?.amount ?? null).filter((x): x is number => x !== null).slice(0, BAND_MIX.length);
  return bounds.map((upTo, i) => {
    const lowest = i === 0 ? 200_00 : bounds[i - 1]! + 1;
    return { upTo, lowest, representative: Math.floor((lowest + upTo) / 2) };
  });
}

// ---------------------------------------------------------------------------------------------
// Rows, set-based: one staging row per case (creditor, template, principal drawn from a hash of
// the case's number, so every run generates the same book), then one INSERT … SELECT each for
// debtors, claims and cases.
// ---------------------------------------------------------------------------------------------

async function generate(db: Database, cases: number, creditorCount: number, templates: Template[]): Promise<void> {
  const bands = salaryBands(loadRuleBook().NO);
  const dateColumn = (c: string) => c.endsWith("_on") || c.endsWith("_until") || c.endsWith("_deadline") || c === "hold_since" || c === "due_date";
  const columns = [...STATE_COLUMNS, "opened_on", "due_date", "next_action_on", "fees_minor", "version"];
  const types = columns.map((c) => `${c} ${dateColumn(c) ? "date" : c === "fees_minor" ? "int8" : c === "version" || c === "disputed_days" ? "int" : "text"}`);
  await db.query(
    `create table bench_template as
       select x.*, 0::int8 as interest_weight
         from jsonb_to_recordset($1::jsonb) as x(id int, ${types.join(", ")}, limitation_on date, salary_by_band int8[])`,
    [JSON.stringify(templates.map((t) => ({ id: t.id, ...Object.fromEntries(columns.map((c) => [c, t.row[c as keyof CaseRow]])), limitation_on: t.limitationOn, salary_by_band: t.salaryByBand })))],
  );
  // Interest from the due date to yesterday, by the cumulative day weights the accrual uses.
  await db.query(
    `update bench_template t set interest_weight = y.cum - d.cum
       from interest_day_weights y, interest_day_weights d
      where y.jurisdiction = 'NO' and y.day = $1 and d.jurisdiction = 'NO' and d.day = t.due_date`,
    [YESTERDAY.toString()],
  );
  await db.query(
    `insert into creditors (id, code, name, org_number, address, vat_registered, settings)
     select md5('creditor' || i)::uuid, 'K' || lpad(i::text, 5, '0'), 'Kreditor ' || i || ' AS', '923609016',
            jsonb_build_object('line1', 'Næringsveien ' || i, 'postcode', '0150', 'city', 'Oslo', 'country', 'NO'), true,
            jsonb_build_object('collection', case when i % 2 = 0 then $2::jsonb else $3::jsonb end)
       from generate_series(0, $1 - 1) i`,
    [creditorCount, JSON.stringify(SETTINGS[0]), JSON.stringify(SETTINGS[1])],
  );
  const h = (k: number) => `abs(hashint8extended(g, ${k}))`;
  const cumulative = (mix: readonly number[]) => {
    let sum = 0;
    return `case ${mix.map((w, i) => `when r < ${(sum += w)} then ${i}`).join(" ")} else ${mix.length - 1} end`;
  };
  await db.query(
    `create unlogged table bench_case as
       select g, c.creditor, stage, u, business, c.creditor % ${VARIANTS} as variant, jitter, band,
              ($1::int8[])[band + 1] + ${h(7)} % (($2::int8[])[band + 1] - ($1::int8[])[band + 1] + 1) as principal
         from generate_series(1, $3::int8) g,
              lateral (select ${h(1)} % $4 as creditor) c,
              lateral (select ${cumulative(STAGE_MIX.map(([, w]) => w))} as stage from (select ${h(2)} % 1000 as r) x) st,
              lateral (select ${h(3)} % ${WINDOW} as u, ${h(4)} % ${JITTER} as jitter, (${h(5)} % 100 < 30)::int as business) v,
              lateral (select ${cumulative(BAND_MIX)} as band from (select ${h(6)} % 1000 as r) x) b`,
    [bands.map((b) => b.lowest), bands.map((b) => b.upTo), cases, creditorCount],
  );
  await db.query(
    `insert into debtors (id, creditor_id, source, external_id, type, name, address, language)
     select md5('debtor' || s.g)::uuid, md5('creditor' || s.creditor)::uuid, 'bench', 'D' || s.g,
            case s.business when 1 then 'business' else 'consumer' end,
            case s.business when 1 then (array['Fjord', 'Nord', 'Vest', 'Berg', 'Havn', 'Lys'])[(1 + s.g % 6)::int] || ' ' || (array['Bygg', 'Handel', 'Transport', 'Data'])[(1 + s.g % 4)::int] || ' AS'
                 else (array['Kari', 'Ola', 'Åse', 'Per', 'Ingrid', 'Jonas', 'Sofie', 'Emil'])[(1 + s.g % 8)::int] || ' ' || (array['Nordmann', 'Hansen', 'Johansen', 'Olsen', 'Larsen', 'Øvergård'])[(1 + (s.g / 8) % 6)::int] end,
            jsonb_build_object('line1', (array['Storgata', 'Kirkeveien', 'Strandvegen', 'Skolegata'])[(1 + s.g % 4)::int] || ' ' || (1 + s.g % 97),
                               'postcode', lpad((100 + s.g % 9800)::text, 4, '0'), 'city', (array['Oslo', 'Bergen', 'Trondheim', 'Stavanger', 'Tromsø'])[(1 + s.g % 5)::int], 'country', 'NO'),
            case when s.g % 40 = 0 then 'en' else 'nb' end
       from bench_case s`,
  );
  await db.query(
    `insert into claims (id, creditor_id, debtor_id, source, external_id, invoice_number, description, issue_date, due_date, currency, amount_minor, open_minor, status)
     select md5('claim' || s.g)::uuid, md5('creditor' || s.creditor)::uuid, md5('debtor' || s.g)::uuid, 'bench', 'F' || s.g, (10000 + s.g)::text,
            case when s.g % 3 = 0 then null else (array['Rørleggerarbeid', 'Varer levert', 'Abonnement', 'Konsulenttimer'])[(1 + s.g % 4)::int] end,
            t.due_date - 14, t.due_date, 'NOK', s.principal, s.principal, 'sent'
       from bench_case s join bench_template t on t.id = ${TEMPLATE_ID_SQL}`,
  );
  // KID: the case number's 9 digits + the Luhn (MOD10) check digit, as openCases makes it.
  const luhn = Array.from({ length: 9 }, (_, k) => {
    const digit = `((100000 + s.g) / ${10 ** k} % 10)`;
    return k % 2 === 0 ? `(2 * ${digit} / 10 + 2 * ${digit} % 10)` : digit;
  }).join(" + ");
  await db.query(
    `insert into cases (creditor_id, claim_id, debtor_id, case_number, kid, jurisdiction, currency, debtor_type, opened_on, due_date, next_action_on,
                        limitation_on, claim_for_salary_minor, principal_minor, interest_base_on, interest_accrued_minor, interest_accrued_on,
                        fees_minor, salary_minor, version, ${STATE_COLUMNS.join(", ")})
     select md5('creditor' || s.creditor)::uuid, md5('claim' || s.g)::uuid, md5('debtor' || s.g)::uuid, 'K' || lpad(s.creditor::text, 5, '0') || '-' || (100000 + s.g),
            lpad((100000 + s.g)::text, 9, '0') || ((10 - (${luhn}) % 10) % 10)::text, 'NO', 'NOK',
            case s.business when 1 then 'business' else 'consumer' end, t.opened_on, t.due_date, t.next_action_on, t.limitation_on,
            s.principal, s.principal, t.due_date, round(s.principal::numeric * t.interest_weight / ${INTEREST_DENOMINATOR})::int8, $1,
            t.fees_minor, t.salary_by_band[s.band + 1], t.version, ${STATE_COLUMNS.map((c) => `t.${c}`).join(", ")}
       from bench_case s join bench_template t on t.id = ${TEMPLATE_ID_SQL}`,
    [YESTERDAY.toString()],
  );
  await db.query(`select setval('case_number_seq', ${100000 + cases})`);
  await db.query("drop table bench_case, bench_template");
}

async function describeBook(db: Database, cases: number): Promise<void> {
  const rows = await db.query<{ stage: string; n: number; due: number }>(
    `select stage, count(*)::int8 as n, count(*) filter (where next_action_on <= $1)::int8 as due from cases where closed_on is null group by stage`,
    [TODAY.toString()],
  );
  const due = rows.reduce((a, r) => a + r.due, 0);
  const order = STAGE_MIX.map(([s]) => s as string);
  rows.sort((a, b) => order.indexOf(a.stage) - order.indexOf(b.stage));
  console.log(`  due today: ${n(due)} of ${n(cases)} (${((100 * due) / cases).toFixed(1)} %, 1 in ${(cases / Math.max(due, 1)).toFixed(1)}); by stage (due): ${rows.map((r) => `${r.stage} ${n(r.n)} (${n(r.due)})`).join(", ")}`);
}

/** A random sample of generated rows reads back as a case state whose schedule gives its next_action_on, with a valid KID. */
async function checkSample(db: Database): Promise<void> {
  const rows = await db.query<CaseRow & { settings: { collection?: unknown } }>(
    "select c.*, cr.settings from cases c tablesample system (1) repeatable (42) join creditors cr on cr.id = c.creditor_id limit 1000",
  );
  for (const row of rows) {
    const creditor = { ...simContext(0), settings: parseCollectionSettings(row.settings.collection) };
    const next = scheduledEvents(caseStateOf(row), scheduleOptions(creditor))[0]?.on.toString() ?? null;
    if (next !== row.next_action_on) throw new Error(`generated case ${row.case_number}: next_action_on ${row.next_action_on}, its schedule says ${next}`);
    if (!checkKid(row.kid, { algorithm: creditor.settings.kidAlgorithm }).valid) throw new Error(`generated case ${row.case_number}: invalid KID ${row.kid}`);
  }
  console.log(`  checked: ${n(rows.length)} sampled cases read back as valid states whose schedule gives their next_action_on, with valid KIDs`);
}

// ---------------------------------------------------------------------------------------------
// Measuring.
// ---------------------------------------------------------------------------------------------

async function rolledBack(db: Database, sql: string): Promise<{ seconds: number; rows: number }> {
  await checkpoint(db);
  const client = await db.pool!.connect();
  try {
    await client.query("begin");
    const t = clock();
    const result = await client.query(sql);
    const seconds = t();
    await client.query("rollback");
    return { seconds, rows: result.rowCount ?? 0 };
  } finally {
    client.release();
    // The aborted row versions go, so the next run finds the table as this one did.
    await db.query("vacuum cases");
  }
}

/** Starts each timed step without a checkpoint of earlier writes landing in it (needs superuser or pg_checkpoint; skipped otherwise). */
async function checkpoint(db: Database): Promise<void> {
  await db.query("checkpoint").catch(() => undefined);
}

async function cycleDay(db: Database, creditorIds: string[], concurrency: number, rules: ReturnType<typeof loadRuleBook>): Promise<Omit<CycleCounts, "creditorId" | "businessDate">> {
  const totals = { accrued: 0, advanced: 0, letters: 0, charges: 0, events: 0, warnings: 0 };
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < creditorIds.length; i = next++) {
      const c = await runCycleDay(db, creditorIds[i]!, TODAY, { rules, agency: agencyFromEnv() });
      for (const k of Object.keys(totals) as (keyof typeof totals)[]) totals[k] += c[k];
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return totals;
}

/** Renders queued letters from their stored models (one core: the renderer runs on the Node thread). */
async function renderLetters(db: Database): Promise<void> {
  const rows = await db.query<{ model: unknown }>("select model from letters where status = 'queued' order by case_id limit $1", [LETTERS_TO_RENDER]);
  if (rows.length === 0) {
    console.log("  letters rendered: none queued");
    return;
  }
  const models = rows.map((r) => letterModelFromJson(r.model));
  await renderLetterPdf(models[0]!); // loads the fonts
  let bytes = 0;
  const t = clock();
  for (const m of models) bytes += (await renderLetterPdf(m)).length;
  const seconds = t();
  console.log(`  letters rendered (PDF, one core): ${n(models.length)} in ${fmt(seconds)} s = ${(models.length / seconds).toFixed(0)} letters/s (${Math.round(bytes / models.length / 1024)} KB each)`);
}

const LETTER_DATE_KEYS = new Set(["sentOn", "deadline", "invoiceDate", "dueDate", "from", "until", "to"]);

/** A stored letter model back as a LetterModel: its dates as LocalDate. */
function letterModelFromJson(json: unknown): LetterModel {
  return JSON.parse(JSON.stringify(json), (key, value: unknown) => (LETTER_DATE_KEYS.has(key) && typeof value === "string" ? LocalDate.parse(value) : value)) as LetterModel;
}

