import { applyCaseAction } from "../collection/actions/case-action.js";
import type { LocalDate } from "../domain/calendar/local-date.js";
import { approveDrafts } from "../integration/sync/approve-drafts.js";
import type { Database } from "../platform/db/database.js";
import type { Logger } from "../platform/logger.js";
import type { RuleBook } from "../platform/rule-book.js";
import { actOnCase, agencyPayersDue, casesByInvoice, DEMO_ACTOR, importAgencyPayments, settleLastMonth, type AgencyPayer } from "./demo-agency.js";
import type { CaseSeen } from "./demo-ledger.js";
import type { DemoClient } from "./seed-demo.js";
import type { LetterAgency } from "../collection/letters/letter-model.js";

/**
 * The demo's days, one after the other on a simulated clock: each day the ledgers' own work, the
 * sync of every creditor, the daily cycle; every two weeks an OCR giro file of payments to the
 * agency; on the first of each month the settlement of the month before; near the end, people's
 * actions (approvals, a legal step, a dispute, pauses) and one client switched to approving
 * transfers by hand in the draft list (some approved, the newest still waiting in the portal). A last sync delivers what the last day wrote.
 */
export const SIMULATED_DAYS = 120;
const BANK_FILE_EVERY_DAYS = 14;

export interface SimulationDeps {
  readonly database: Database;
  readonly rules: RuleBook;
  /** The agency on letters and payments (Config.agency). */
  readonly agency: LetterAgency;
  readonly logger: Logger;
  readonly clients: readonly DemoClient[];
  readonly firstDay: LocalDate;
  readonly today: LocalDate;
  setDay(day: LocalDate): void;
  sync(creditorId: string): Promise<unknown>;
  cycle(creditorId: string, day: LocalDate): Promise<unknown>;
  /** After everything of the day (the letters' delivery). */
  endOfDay?(day: LocalDate): Promise<void>;
  progress(done: number, total: number): void;
}

export async function simulateDays(d: SimulationDeps): Promise<void> {
  const total = d.firstDay.daysUntil(d.today) + 1;
  const paidToAgency = new Set<string>();
  let fileNo = 0;
  let waiting: AgencyPayer[] = [];
  for (let i = 0; i < total; i++) {
    const day = d.firstDay.plusDays(i);
    d.setDay(day);
    const seen = new Map<string, Map<string, CaseSeen>>();
    for (const c of d.clients) {
      const cases = await casesByInvoice(d.database, c.creditorId);
      seen.set(c.creditorId, cases);
      c.ledger.runDay(day.epochDay, cases);
    }
    for (const c of d.clients) await d.sync(c.creditorId);
    for (const c of d.clients) await d.cycle(c.creditorId, day);
    await peopleAct(d, day);

    for (const c of d.clients) {
      const due = agencyPayersDue(seen.get(c.creditorId)!, c.ledger.invoiceByLedgerId(), day.epochDay, paidToAgency);
      for (const p of due) paidToAgency.add(p.caseId);
      waiting.push(...due);
    }
    if ((i + 1) % BANK_FILE_EVERY_DAYS === 0 || i === total - 1) {
      if (waiting.length > 0) {
        // The files of the last two weeks each bring one payment with a mistyped KID, so the
        // portal's manual-match queue has payments to show.
        const mistypeOneKid = day.daysUntil(d.today) < BANK_FILE_EVERY_DAYS;
        const result = await importAgencyPayments(d.database, waiting, { day, fileNo: ++fileNo, rules: d.rules, agency: d.agency, mistypeOneKid });
        d.logger.debug({ day: day.toString(), matched: result?.matched, unmatched: result?.unmatched }, "demo bank file imported");
      }
      waiting = [];
    }
    if (day.day === 1 && i > 0) {
      for (const c of d.clients) await settleLastMonth(d.database, c.creditorId, day);
    }
    await d.endOfDay?.(day);
    d.progress(i + 1, total);
  }
  for (const c of d.clients) await d.sync(c.creditorId);
}

/** What people do on the cases, on fixed days before `today` so that the demo ends with them in effect. */
async function peopleAct(d: SimulationDeps, day: LocalDate): Promise<void> {
  const daysLeft = day.daysUntil(d.today);
  const base = { today: day, rules: d.rules, agency: d.agency, logger: d.logger };
  const [shop, consultancy, craftsman] = d.clients;
  // The consultancy approves payment demands a week after they reach its gate; the newest still wait.
  if (consultancy) await approvePaymentDemands(d, consultancy.creditorId, day);
  const unpaid = (c: DemoClient) => unpaidCaseIds(d.database, c);
  if (daysLeft === 30) {
    for (const c of [shop, craftsman]) {
      if (c) await actOnCase(d.database, { ...base, creditorId: c.creditorId, where: "c.stage = 'awaiting-legal-approval' and c.id = any($3::uuid[])", params: [await unpaid(c)], event: { type: "approve-legal" }, note: "Godkjent for rettslig inkasso" });
    }
  }
  if (daysLeft === 20 && shop) {
    await actOnCase(d.database, { ...base, creditorId: shop.creditorId, where: "c.stage = 'ordinary-collection'", event: { type: "legal-step-recorded", step: "forliksklage" }, note: "Forliksklage sendt forliksrådet" });
  }
  if (daysLeft === 12 && craftsman) {
    await actOnCase(d.database, {
      ...base,
      creditorId: craftsman.creditorId,
      where: "c.stage in ('collection-notice', 'reminder', 'payment-demand') and c.hold_kind is null and c.id = any($3::uuid[])",
      params: [await unpaid(craftsman)],
      event: { type: "dispute", reason: "Kunden bestrider at arbeidet er fullført" },
      note: "Kunden bestrider at arbeidet er fullført",
    });
  }
  if (daysLeft === 40 && consultancy) {
    // From here on the consultancy approves each transfer in the portal: new eligible invoices wait as drafts.
    await d.database.query(`update creditors set settings = jsonb_set(settings, '{transfer}', coalesce(settings->'transfer', '{}'::jsonb) || '{"mode":"manual"}'::jsonb) where id = $1`, [consultancy.creditorId]);
  }
  if (daysLeft === 32 && consultancy) {
    // It approves the drafts it has so far; the ones that arrive later still wait in the portal.
    const result = await approveDrafts(d.database, { creditorId: consultancy.creditorId, claimIds: "all", actor: DEMO_ACTOR, today: day });
    d.logger.debug({ approved: result.approved, refused: result.refused.length }, "demo drafts approved");
  }
  if (daysLeft === 6) {
    const reasons = ["Avtalt nedbetalingsplan", "Kunden er innlagt på sykehus", "Venter på forsikringsoppgjør"];
    for (const [i, c] of d.clients.entries()) {
      await actOnCase(d.database, {
        ...base,
        creditorId: c.creditorId,
        where: "c.hold_kind is null and c.stage <> 'opened' and c.id = any($3::uuid[])",
        params: [await unpaid(c)],
        event: { type: "pause", reason: reasons[i % reasons.length]!, until: d.today.plusDays(14 + 7 * i) },
        note: reasons[i % reasons.length]!,
        skip: 1,
      });
    }
  }
}

async function approvePaymentDemands(d: SimulationDeps, creditorId: string, day: LocalDate): Promise<void> {
  const rows = await d.database.query<{ id: string }>(
    `select id from cases where creditor_id = $1 and closed_on is null and hold_kind is null and stage = 'awaiting-payment-demand-approval'
        and coalesce(stop_window_ends_on, notice_deadline) <= $2 order by case_number`,
    [creditorId, day.minusDays(7).toString()],
  );
  for (const r of rows) {
    const result = await d.database.transaction((tx) => applyCaseAction(tx, { caseId: r.id, event: { type: "approve-payment-demand" }, today: day, actor: DEMO_ACTOR, note: null, rules: d.rules, agency: d.agency }));
    if (!result.ok) d.logger.debug({ caseId: r.id, refused: result.code }, "demo payment demand approval refused");
  }
}

/** Cases of invoices nobody will pay in the demo: the ones people act on. */
async function unpaidCaseIds(database: Database, c: DemoClient): Promise<string[]> {
  const cases = await casesByInvoice(database, c.creditorId);
  const plan = c.ledger.invoiceByLedgerId();
  return [...cases].filter(([invoiceId]) => plan.get(invoiceId)?.fate === "unpaid").map(([, s]) => s.caseId);
}
