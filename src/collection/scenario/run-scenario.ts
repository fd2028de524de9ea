import { adjustDueDate } from "../../domain/calendar/due-date.js";
import { LocalDate } from "../../domain/calendar/local-date.js";
import { ledgerLetterFact } from "../../domain/case/index.js";
import type { CaseEvent } from "../../domain/case-lifecycle/index.js";
import { parseMoney } from "../../domain/money.js";
import { openDatabase, type Database } from "../../platform/db/database.js";
import type { RuleBook } from "../../platform/rule-book.js";
import { applyCaseAction } from "../actions/case-action.js";
import { recordPayment } from "../actions/record-payment.js";
import { postCaseMessage } from "../actions/post-message.js";
import { reversePayment } from "../actions/reverse-payment.js";
import { appendTimeline } from "../cases/case-store.js";
import { loadCreditor } from "../cases/creditor.js";
import type { LetterAgency } from "../letters/letter-model.js";
import { openCases, type ClaimToOpen } from "../cases/open-cases.js";
import { upsertClaim, upsertCreditor, upsertDebtor } from "../cases/register.js";
import { runCycleDay } from "../engine/daily-cycle.js";
import { parseScenario, type Scenario, type ScenarioEvent } from "./scenario-schema.js";
import { scenarioReport, type ScenarioReport } from "./scenario-report.js";

/**
 * Runs a scenario through the real case engine on a fresh database (in-memory PGlite unless one
 * is given): each invoice is transferred on the first scenario day it is overdue; each day the
 * day's events are applied in file order, then the daily cycle runs. Same input, same output.
 * "Overdue" is counted from the due date moved off weekends and holidays (gjeldsbrevloven § 5,
 * `adjustDueDate`), as the sync's eligibility rules and the case engine count it: an invoice due
 * on a Saturday, a Sunday or 17 May is transferred the day after the next business day.
 */
export async function runScenario(json: unknown, rules: RuleBook, options: { database?: Database; agency: LetterAgency }): Promise<ScenarioReport> {
  const scenario = parseScenario(json);
  const database = options.database ?? (await openDatabase({ dataDir: "memory" }));
  try {
    return await run(scenario, database, rules, options.agency);
  } finally {
    if (!options.database) await database.close();
  }
}

async function run(s: Scenario, db: Database, rules: RuleBook, agency: LetterAgency): Promise<ScenarioReport> {
  const actor = "scenario";
  const creditorId = await upsertCreditor(db, {
    code: "SCN",
    name: s.creditor.name,
    orgNumber: s.creditor.orgNumber ?? null,
    address: { line1: "Kreditorveien 1", postcode: "0150", city: "Oslo", country: "NO" },
    vatRegistered: s.creditor.vatRegistered,
    collection: s.creditor,
  });
  const creditor = await loadCreditor(db, creditorId);
  const claims = new Map<string, { claimId: string; debtorId: string; type: "consumer" | "business"; due: LocalDate; overdueAfter: LocalDate; amount: number; ledger: Pick<ClaimToOpen, "ledgerNotice" | "ledgerLetters" | "vatAddOnBasis"> }>();
  for (const inv of s.invoices) {
    const debtorId = await upsertDebtor(db, creditorId, {
      source: "scenario",
      externalId: inv.debtor.id ?? `debtor-${inv.id}`,
      type: inv.debtor.type,
      name: inv.debtor.name,
      address: inv.debtor.address,
      orgNumber: inv.debtor.orgNumber ?? null,
      language: inv.debtor.language ?? "nb",
      // The scenario's debtor id is the creditor's own customer number.
      customerNumber: inv.debtor.id ?? null,
    });
    const amount = parseMoney(inv.amount, "NOK").amount;
    const due = LocalDate.parse(inv.due);
    const claimId = await upsertClaim(db, creditorId, {
      source: "scenario",
      externalId: inv.id,
      debtorId,
      invoiceNumber: inv.id,
      description: inv.description ?? null,
      issueDate: LocalDate.parse(inv.issued),
      dueDate: due,
      currency: "NOK",
      amountMinor: amount,
      openMinor: amount,
      status: "sent",
    });
    // The claim keeps the invoice's own due date; the case engine moves it when the case opens.
    claims.set(inv.id, { claimId, debtorId, type: inv.debtor.type, due, overdueAfter: adjustDueDate(due, s.jurisdiction), amount, ledger: ledgerLettersOf(inv) });
  }

  const start = LocalDate.parse(s.start);
  const caseOf = new Map<string, string>();
  const skipped: { event: number; on: string; invoice: string; reason: string }[] = [];
  for (let i = 0; i < s.days; i++) {
    const today = start.plusDays(i);
    const toOpen = [...claims.entries()].filter(([id, c]) => !caseOf.has(id) && today.isAfter(c.overdueAfter));
    if (toOpen.length) {
      const opened = await db.transaction((tx) =>
        openCases(tx, creditor, toOpen.map(([, c]) => ({ claimId: c.claimId, debtorId: c.debtorId, debtorType: c.type, dueDate: c.due, principalMinor: c.amount, ...c.ledger })), today, actor),
      );
      for (const o of opened) caseOf.set([...claims.entries()].find(([, c]) => c.claimId === o.claimId)![0], o.caseId);
    }
    for (const [index, ev] of s.events.entries()) {
      if (ev.on !== today.toString()) continue;
      const caseId = caseOf.get(ev.invoice);
      if (!caseId) {
        skipped.push({ event: index, on: ev.on, invoice: ev.invoice, reason: "the invoice was not yet transferred (not overdue) on that day" });
        continue;
      }
      await db.transaction((tx) => applyScenarioEvent(tx, caseId, ev, index, today, rules, agency));
    }
    await runCycleDay(db, creditorId, today, { rules, agency, actor: "system:daily-cycle" });
  }
  return scenarioReport(db, creditorId, s, skipped);
}

/** The invoice's ledger letters (a fee not given is unknown: assumed charged, inkassoforskriften § 1-3). */
function ledgerLettersOf(inv: Scenario["invoices"][number]): Pick<ClaimToOpen, "ledgerNotice" | "ledgerLetters" | "vatAddOnBasis"> {
  const fee = (f: string | undefined) => (f === undefined ? null : parseMoney(f, "NOK"));
  const date = (t: string | undefined) => (t === undefined ? null : LocalDate.parse(t));
  const r = inv.ledgerReminder;
  const n = inv.ledgerNotice;
  return {
    vatAddOnBasis: inv.vatAddOnBasis ?? null,
    ledgerNotice: n ? { sentOn: LocalDate.parse(n.sent), deadline: LocalDate.parse(n.deadline) } : null,
    ledgerLetters: [
      ...(r ? [ledgerLetterFact("reminder", LocalDate.parse(r.sent), date(r.deadline), fee(r.fee))] : []),
      ...(n ? [ledgerLetterFact("collection-notice", LocalDate.parse(n.sent), LocalDate.parse(n.deadline), fee(n.fee))] : []),
    ],
  };
}

async function applyScenarioEvent(tx: Parameters<typeof applyCaseAction>[0], caseId: string, ev: ScenarioEvent, index: number, today: LocalDate, rules: RuleBook, agency: LetterAgency): Promise<void> {
  const actor = "scenario";
  if (ev.type === "payment" || ev.type === "credit-note") {
    await recordPayment(tx, {
      caseId,
      amountMinor: parseMoney(ev.amount, "NOK").amount,
      receivedOn: today,
      channel: ev.type === "credit-note" ? "credit-note" : ev.to,
      source: "scenario",
      externalRef: `event-${index}`,
      designation: ev.type === "payment" && ev.designation ? { bucket: ev.designation } : null,
      today,
      actor,
      rules,
      agency,
    });
    return;
  }
  if (ev.type === "reversal") {
    await reversePayment(tx, { caseId, amountMinor: parseMoney(ev.amount, "NOK").amount, on: today, source: "scenario", externalRef: `event-${index}`, today, actor, rules, agency });
    return;
  }
  if (ev.type === "message") {
    await postCaseMessage(tx, { caseId, text: ev.text, today, actor });
    return;
  }
  const event: CaseEvent =
    ev.type === "pause"
      ? { type: "pause", reason: ev.reason, until: ev.until ? LocalDate.parse(ev.until) : null }
      : ev.type === "dispute" || ev.type === "waive-costs"
        ? { type: ev.type, reason: ev.reason }
        : ev.type === "postpone"
          ? { type: "postpone-due-date", to: LocalDate.parse(ev.to) }
          : ev.type === "legal-step"
            ? { type: "legal-step-recorded", step: ev.step }
            : ({ type: ev.type } as CaseEvent);
  const result = await applyCaseAction(tx, { caseId, event, today, actor, note: "reason" in ev ? ev.reason : null, rules, agency });
  if (!result.ok) {
    // A refused action is part of the story: it goes on the timeline with the reason, and changes nothing else.
    const [c] = await tx.query<{ creditor_id: string }>("select creditor_id from cases where id = $1", [caseId]);
    await appendTimeline(tx, [
      { creditorId: c!.creditor_id, caseId, on: today.toString(), actor, type: "refused", stage: null, data: { event: ev.type, code: result.code }, reason: result.text.en, dedupeKey: `refused:${index}` },
    ]);
  }
}
