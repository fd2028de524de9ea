import { adjustDueDate } from "../../domain/calendar/due-date.js";
import { LocalDate } from "../../domain/calendar/local-date.js";
import { ledgerLetterFact, type PlannedEvent } from "../../domain/case/index.js";
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
import { agreePaymentPlan } from "../payment-plans/payment-plans.js";
import { recordLegalEvent, takeLegalStep } from "../legal/legal-steps.js";
import { moveToSurveillance } from "../surveillance/surveillance.js";
import { recordInsolvency } from "../debtor-info/insolvency.js";
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

/** The scenario creditor's address, in its country. */
const CREDITOR_ADDRESS = {
  NO: { line1: "Kreditorveien 1", postcode: "0150", city: "Oslo", country: "NO" },
  SE: { line1: "Borgenärsgatan 1", postcode: "111 51", city: "Stockholm", country: "SE" },
} as const;

async function run(s: Scenario & { currency: "NOK" | "SEK" }, db: Database, rules: RuleBook, agency: LetterAgency): Promise<ScenarioReport> {
  const actor = "scenario";
  const currency = s.currency;
  const creditorId = await upsertCreditor(db, {
    code: "SCN",
    name: s.creditor.name === "Scenario Kreditor AS" && s.jurisdiction === "SE" ? "Scenario Borgenär AB" : s.creditor.name,
    orgNumber: s.creditor.orgNumber ?? null,
    address: CREDITOR_ADDRESS[s.jurisdiction],
    vatRegistered: s.creditor.vatRegistered,
    jurisdiction: s.jurisdiction,
    currency,
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
      ...(inv.debtor.language ? { language: inv.debtor.language } : {}),
      // The scenario's debtor id is the creditor's own customer number.
      customerNumber: inv.debtor.id ?? null,
    });
    const amount = parseMoney(inv.amount, currency).amount;
    const due = LocalDate.parse(inv.due);
    const claimId = await upsertClaim(db, creditorId, {
      source: "scenario",
      externalId: inv.id,
      debtorId,
      invoiceNumber: inv.id,
      description: inv.description ?? null,
      issueDate: LocalDate.parse(inv.issued),
      dueDate: due,
      currency,
      amountMinor: amount,
      openMinor: amount,
      status: "sent",
      ...(inv.reminderFeeAgreed !== undefined ? { reminderFeeAgreed: inv.reminderFeeAgreed } : {}),
      ...(inv.dueDateAgreed !== undefined ? { dueDateAgreed: inv.dueDateAgreed } : {}),
    });
    // The claim keeps the invoice's own due date; the case engine moves it when the case opens.
    claims.set(inv.id, { claimId, debtorId, type: inv.debtor.type, due, overdueAfter: adjustDueDate(due, s.jurisdiction), amount, ledger: ledgerLettersOf(inv, currency) });
  }

  const start = LocalDate.parse(s.start);
  const caseOf = new Map<string, string>();
  const skipped: { event: number; on: string; invoice: string; reason: string }[] = [];
  const decisions: { caseId: string; proceedingId: string; on: string }[] = [];
  const autoPays: { caseId: string; invoice: string; event: number; instalment: number; on: string; amountMinor: number }[] = [];
  for (let i = 0; i < s.days; i++) {
    const today = start.plusDays(i);
    const toOpen = [...claims.entries()].filter(([id, c]) => !caseOf.has(id) && today.isAfter(c.overdueAfter));
    if (toOpen.length) {
      const opened = await db.transaction((tx) =>
        openCases(tx, creditor, toOpen.map(([, c]) => ({ claimId: c.claimId, debtorId: c.debtorId, debtorType: c.type, dueDate: c.due, principalMinor: c.amount, ...c.ledger })), today, actor),
      );
      for (const o of opened) caseOf.set([...claims.entries()].find(([, c]) => c.claimId === o.claimId)![0], o.caseId);
    }
    // The debtor pays the instalments of a plan with autoPay on their due dates, unless told one is missed.
    for (const due of autoPays.filter((a) => a.on === today.toString())) {
      const missed = s.events.some((e) => e.type === "missed-instalment" && e.on === due.on && e.invoice === due.invoice && e.instalment === due.instalment);
      if (missed) continue;
      await db.transaction((tx) =>
        recordPayment(tx, { caseId: due.caseId, amountMinor: due.amountMinor, receivedOn: today, channel: "agency", source: "scenario", externalRef: `plan-${due.event}-${due.instalment}`, designation: null, today, actor, rules, agency }),
      );
    }
    for (const [index, ev] of s.events.entries()) {
      if (ev.on !== today.toString()) continue;
      if (ev.type === "missed-instalment") continue;
      const caseId = caseOf.get(ev.invoice);
      if (!caseId) {
        skipped.push({ event: index, on: ev.on, invoice: ev.invoice, reason: "the invoice was not yet transferred (not overdue) on that day" });
        continue;
      }
      if (ev.type === "payment-plan" && s.jurisdiction === "NO") {
        await db.transaction(async (tx) => {
          const schedule = ev.instalments
            ? { kind: "instalments" as const, instalments: ev.instalments.map((i) => ({ dueOn: LocalDate.parse(i.on), amountMinor: parseMoney(i.amount, currency).amount })) }
            : { kind: "even" as const, count: ev.count!, firstOn: LocalDate.parse(ev.first!) };
          const r = await agreePaymentPlan(tx, { caseId, today, actor, rules, agency, schedule, ...(ev.kidPerInstalment === undefined ? {} : { kidPerInstalment: ev.kidPerInstalment }) });
          if (!r.ok) {
            await refuse(tx, caseId, today, index, ev.type, r.code, r.refusals.map((x) => `${x.field}: ${x.text.en}`).join("; "));
            return;
          }
          // A later plan on the same case replaces the earlier one's payments still to come.
          for (let k = autoPays.length - 1; k >= 0; k--) if (autoPays[k]!.caseId === caseId) autoPays.splice(k, 1);
          if (ev.autoPay) r.instalments.forEach((inst, n) => autoPays.push({ caseId, invoice: ev.invoice, event: index, instalment: n + 1, on: inst.dueOn, amountMinor: inst.amountMinor }));
        });
        continue;
      }
      if (ev.type === "legal-step" && s.jurisdiction === "NO" && ((ev.step ?? "forliksklage") === "forliksklage" || ev.tvangsgrunnlag)) {
        await db.transaction(async (tx) => {
          const basis = ev.tvangsgrunnlag ? { kind: ev.tvangsgrunnlag.kind, reference: ev.tvangsgrunnlag.reference, date: LocalDate.parse(ev.tvangsgrunnlag.date) } : null;
          const r = await takeLegalStep(tx, { caseId, step: ev.step === "utlegg" ? "utlegg" : "forliksklage", tvangsgrunnlag: basis, today, actor, rules, agency });
          if (!r.ok) await refuse(tx, caseId, today, index, ev.type, r.refusal.code, r.refusal.text.en);
          else if (r.status === "filed" && ev.decided) decisions.push({ caseId, proceedingId: r.proceedingId, on: ev.decided });
        });
        continue;
      }
      if (ev.type === "company-status" && ev.status !== "active") {
        const kind = ev.status === "bankrupt" ? "bankruptcy" : ev.status;
        await db.transaction(async (tx) => {
          const r = await recordInsolvency(tx, { caseId, kind, on: today, today, actor, rules, agency, source: "scenario" });
          if (!r.ok) await refuse(tx, caseId, today, index, ev.type, r.code, r.text.en);
        });
        continue;
      }
      if (ev.type === "to-surveillance") {
        await db.transaction(async (tx) => {
          const r = await moveToSurveillance(tx, { caseId, reason: ev.reason, today, actor, rules, agency });
          if (!r.ok) await refuse(tx, caseId, today, index, ev.type, r.code, r.text.en);
        });
        continue;
      }
      await db.transaction((tx) => applyScenarioEvent(tx, caseId, ev, index, today, rules, agency, currency));
    }
    for (const d of decisions.filter((x) => x.on === today.toString())) {
      await db.transaction((tx) => recordLegalEvent(tx, { caseId: d.caseId, proceedingId: d.proceedingId, kind: "judgment", on: today, today, actor }));
    }
    await runCycleDay(db, creditorId, today, { rules, agency, actor: "system:daily-cycle" });
  }
  return scenarioReport(db, creditorId, s, skipped);
}

/** The invoice's ledger letters (a fee not given is unknown: assumed charged, inkassoforskriften § 1-3). */
function ledgerLettersOf(inv: Scenario["invoices"][number], currency: "NOK" | "SEK"): Pick<ClaimToOpen, "ledgerNotice" | "ledgerLetters" | "vatAddOnBasis"> {
  const fee = (f: string | undefined) => (f === undefined ? null : parseMoney(f, currency));
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

async function applyScenarioEvent(tx: Parameters<typeof applyCaseAction>[0], caseId: string, ev: ScenarioEvent, index: number, today: LocalDate, rules: RuleBook, agency: LetterAgency, currency: "NOK" | "SEK"): Promise<void> {
  const actor = "scenario";
  if (ev.type === "payment" || ev.type === "credit-note") {
    await recordPayment(tx, {
      caseId,
      amountMinor: parseMoney(ev.amount, currency).amount,
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
    await reversePayment(tx, { caseId, amountMinor: parseMoney(ev.amount, currency).amount, on: today, source: "scenario", externalRef: `event-${index}`, today, actor, rules, agency });
    return;
  }
  if (ev.type === "message") {
    await postCaseMessage(tx, { caseId, text: ev.text, today, actor });
    return;
  }
  const event: PlannedEvent =
    ev.type === "payment-plan"
      ? { type: "agree-payment-plan" }
      : ev.type === "pause"
      ? { type: "pause", reason: ev.reason, until: ev.until ? LocalDate.parse(ev.until) : null }
      : ev.type === "dispute" || ev.type === "waive-costs"
        ? { type: ev.type, reason: ev.reason }
        : ev.type === "postpone"
          ? { type: "postpone-due-date", to: LocalDate.parse(ev.to) }
          : ev.type === "legal-step"
            ? // A Swedish case's legal step is the application for betalningsföreläggande whatever is named (sweden.ts).
              { type: "legal-step-recorded", step: ev.step === "utlegg" ? "utlegg" : "forliksklage" }
            : ev.type === "company-status"
              ? { type: "insolvency-ended" }
              : ({ type: ev.type } as CaseEvent);
  const result = await applyCaseAction(tx, { caseId, event, today, actor, note: "reason" in ev && typeof ev.reason === "string" ? ev.reason : null, rules, agency });
  // A refused action is part of the story: it goes on the timeline with the reason, and changes nothing else.
  if (!result.ok) await refuse(tx, caseId, today, index, ev.type, result.code, result.text.en);
}

async function refuse(tx: Parameters<typeof applyCaseAction>[0], caseId: string, today: LocalDate, index: number, event: string, code: string, reason: string): Promise<void> {
  const [c] = await tx.query<{ creditor_id: string }>("select creditor_id from cases where id = $1", [caseId]);
  await appendTimeline(tx, [{ creditorId: c!.creditor_id, caseId, on: today.toString(), actor: "scenario", type: "refused", stage: null, data: { event, code }, reason, dedupeKey: `refused:${index}` }]);
}
