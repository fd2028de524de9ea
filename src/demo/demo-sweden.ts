import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { applyCaseAction } from "../collection/actions/case-action.js";
import { loadCreditor } from "../collection/cases/creditor.js";
import { openCases } from "../collection/cases/open-cases.js";
import { upsertClaim, upsertCreditor, upsertDebtor } from "../collection/cases/register.js";
import { runCycleDay } from "../collection/engine/daily-cycle.js";
import type { LetterAgency } from "../collection/letters/letter-model.js";
import { importBankFile } from "../collection/payments/import-bank-file.js";
import { adjustDueDate } from "../domain/calendar/due-date.js";
import type { LocalDate } from "../domain/calendar/local-date.js";
import type { CaseEvent } from "../domain/case-lifecycle/index.js";
import type { Database } from "../platform/db/database.js";
import type { Logger } from "../platform/logger.js";
import type { RuleBook } from "../platform/rule-book.js";
import { writeBgMaxFile, type BgMaxPayment } from "./bgmax-file.js";
import { DEMO_ACTOR, settleLastMonth } from "./demo-agency.js";

/**
 * The demo's Swedish client (issue 16): a Swedish creditor beside the Norwegian ones, its cases
 * under Swedish law in SEK — påminnelse (fee agreed), inkassokrav, the creditor's approval gate,
 * betalningsföreläggande, paid and part-paid cases — and its debtors' payments to the agency's Bankgiro arriving as BgMax
 * files. Its invoices are registered directly (source `demo-se`): the PowerOffice sandbox is a
 * Norwegian (NOK) ledger; its Procountor ledger is connected on the last day (demo-ledgers.ts). Lived through the same
 * days as the others, after them (a creditor's days do not depend on another's).
 */
export const SWEDISH_CLIENT = {
  code: "UPPSALA",
  name: "Uppsala Bygg & Måleri AB",
  orgNumber: "556016-0680",
  address: { line1: "Kungsgatan 41", postcode: "753 21", city: "Uppsala", country: "SE" },
  bankAccount: { iban: "SE4550000000058398257466", bic: "ESSESESS", active: true },
} as const;

const DEBTORS = [
  ["Anna Andersson", "consumer", "Storgatan 12", "753 20", "Uppsala"],
  ["Erik Johansson", "consumer", "Vaksalagatan 3", "753 31", "Uppsala"],
  ["Maria Karlsson", "consumer", "Sysslomansgatan 8", "753 11", "Uppsala"],
  ["Lars Nilsson", "consumer", "Luthagsesplanaden 20", "752 25", "Uppsala"],
  ["Fastighets AB Fyrisån", "business", "Östra Ågatan 9", "753 22", "Uppsala"],
  ["Karin Lindqvist", "consumer", "Drottninggatan 5", "111 51", "Stockholm"],
  ["Snickeri Berg AB", "business", "Industrivägen 4", "901 30", "Umeå"],
] as const;
/** The customer numbers its directly registered debtors have (`K100`, …): their settlement lines are booked on Procountor's receivables account (demo-ledgers.ts). */
export const SWEDISH_CUSTOMER_REFS: readonly string[] = DEBTORS.map((_, i) => `K${100 + i}`);
const JOBS = ["Målning av kök", "Tapetsering av vardagsrum", "Fasadmålning", "Reparation av trappa", "Golvslipning", "Snickeriarbete, altan"];
const BANK_FILE_EVERY_DAYS = 14;

interface DemoInvoice {
  readonly id: string;
  readonly debtor: number;
  readonly due: LocalDate;
  readonly amountMinor: number;
}

export async function seedSwedishClient(d: {
  database: Database;
  rules: RuleBook;
  logger: Logger;
  agency: LetterAgency;
  firmId: string;
  firstDay: LocalDate;
  today: LocalDate;
  /** The day's letters sent that day, as for the Norwegian clients (seed-demo.ts). */
  endOfDay?: (day: LocalDate) => Promise<void>;
}): Promise<{ id: string; code: string; name: string }> {
  const db = d.database;
  const c = SWEDISH_CLIENT;
  const creditorId = await upsertCreditor(db, {
    code: c.code,
    name: c.name,
    orgNumber: c.orgNumber,
    address: c.address,
    firmId: d.firmId,
    jurisdiction: "SE",
    currency: "SEK",
    collection: { firstStep: "reminder", reminderFeeAgreed: true, approveBeforeLegal: true },
    // Its ledger is Procountor (demo-ledgers.ts): Procountor's rules for what may be transferred.
    transfer: { preset: "procountor-kravia" },
  });
  await db.query("update creditors set status = 'active', active = true, activated_at = now(), bank_account = $2 where id = $1", [creditorId, JSON.stringify(c.bankAccount)]);
  const creditor = await loadCreditor(db, creditorId);

  // One invoice every five days, due from the first simulated week on; the last ones not yet overdue.
  const invoices: DemoInvoice[] = [];
  for (let i = 0; i * 5 + 7 < d.firstDay.daysUntil(d.today) + 10; i++) {
    invoices.push({ id: `SE-${5001 + i}`, debtor: i % DEBTORS.length, due: d.firstDay.plusDays(7 + i * 5), amountMinor: (2_400 + ((i * 1_370) % 9_000)) * 100 });
  }
  const claims = new Map<string, { claimId: string; debtorId: string; type: "consumer" | "business"; invoice: DemoInvoice }>();
  for (const inv of invoices) {
    const [name, type, line1, postcode, city] = DEBTORS[inv.debtor]!;
    const debtorId = await upsertDebtor(db, creditorId, { source: "demo-se", externalId: SWEDISH_CUSTOMER_REFS[inv.debtor]!, type, name, address: { line1, postcode, city, country: "SE" }, language: "sv" });
    const claimId = await upsertClaim(db, creditorId, {
      source: "demo-se",
      externalId: inv.id,
      debtorId,
      invoiceNumber: inv.id,
      description: JOBS[inv.debtor % JOBS.length]!,
      issueDate: inv.due.minusDays(30),
      dueDate: inv.due,
      currency: "SEK",
      amountMinor: inv.amountMinor,
      openMinor: inv.amountMinor,
      status: "sent",
    });
    claims.set(claimId, { claimId, debtorId, type, invoice: inv });
  }

  const opened = new Set<string>();
  let waiting: Payer[] = [];
  const paying = new Set<string>();
  const total = d.firstDay.daysUntil(d.today) + 1;
  for (let i = 0; i < total; i++) {
    const day = d.firstDay.plusDays(i);
    const due = [...claims.values()].filter((x) => !opened.has(x.claimId) && day.isAfter(adjustDueDate(x.invoice.due, "SE")));
    if (due.length) {
      await db.transaction((tx) => openCases(tx, creditor, due.map((x) => ({ claimId: x.claimId, debtorId: x.debtorId, debtorType: x.type, dueDate: x.invoice.due, principalMinor: x.invoice.amountMinor })), day, DEMO_ACTOR));
      for (const x of due) opened.add(x.claimId);
    }
    await runCycleDay(db, creditorId, day, { rules: d.rules, agency: d.agency, actor: "system:daily-cycle" });
    waiting.push(...(await payersDue(db, creditorId, day, paying)));
    if (((i + 1) % BANK_FILE_EVERY_DAYS === 0 || i === total - 1) && waiting.length > 0 && d.agency.bankgiro) {
      const payments = await paymentsOf(db, waiting);
      if (payments.length > 0) await importBgMax(db, { day, bankgiro: d.agency.bankgiro, payments, rules: d.rules, agency: d.agency, logger: d.logger });
      waiting = [];
    }
    await peopleAct(d, creditorId, day);
    if (day.day === 1 && i > 0) await settleLastMonth(db, creditorId, day);
    await d.endOfDay?.(day);
  }
  return { id: creditorId, code: c.code, name: c.name };
}

/** Every third debtor pays the whole balance, every fourth half of it, after the inkassokrav (picked five days after it, paid with the next bank file). */
async function payersDue(db: Database, creditorId: string, day: LocalDate, paying: Set<string>): Promise<Payer[]> {
  const rows = await db.query<{ id: string; case_number: string }>(
    "select id, case_number from cases where creditor_id = $1 and closed_on is null and notice_sent_on = $2 order by case_number",
    [creditorId, day.minusDays(5).toString()],
  );
  const out: Payer[] = [];
  for (const r of rows) {
    const n = Number(r.case_number.split("-").pop());
    if (paying.has(r.id) || (n % 3 !== 0 && n % 4 !== 0)) continue;
    paying.add(r.id);
    out.push({ caseId: r.id, share: n % 3 === 0 ? 1 : 0.5 });
  }
  return out;
}

interface Payer {
  readonly caseId: string;
  readonly share: 1 | 0.5;
}

/** The payers' payments as the bank file brings them: the balance on the file's day (interest included), or half of it. */
async function paymentsOf(db: Database, payers: readonly Payer[]): Promise<BgMaxPayment[]> {
  const rows = await db.query<{ id: string; kid: string; balance_minor: number; debtor_name: string }>(
    "select c.id, c.kid, c.balance_minor, d.name as debtor_name from cases c join debtors d on d.id = c.debtor_id where c.id = any($1::uuid[]) and c.closed_on is null",
    [payers.map((p) => p.caseId)],
  );
  return payers.flatMap((p) => {
    const r = rows.find((x) => x.id === p.caseId);
    const amount = r ? Math.round(Number(r.balance_minor) * p.share) : 0;
    return r && amount > 0 ? [{ reference: r.kid, amountMinor: amount, payer: r.debtor_name }] : [];
  });
}

async function importBgMax(db: Database, o: { day: LocalDate; bankgiro: string; payments: BgMaxPayment[]; rules: RuleBook; agency: LetterAgency; logger: Logger }): Promise<void> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "fordring-demo-se-"));
  const file = path.join(dir, `BGMAX.${o.day.toString()}.txt`);
  try {
    await fs.writeFile(file, writeBgMaxFile({ bankgiro: o.bankgiro, paymentDate: o.day, createdAt: `${o.day.toString().replaceAll("-", "")}060000000000`, payments: o.payments }), "latin1");
    const result = await importBankFile(db, file, { today: o.day, rules: o.rules, actor: DEMO_ACTOR, agency: o.agency });
    o.logger.debug({ day: o.day.toString(), matched: result.matched, unmatched: result.unmatched }, "demo BgMax file imported");
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

/** The creditor approves betalningsföreläggande for its oldest case waiting for it, 20 days before today, and the agency applies. */
async function peopleAct(d: { database: Database; rules: RuleBook; agency: LetterAgency; today: LocalDate; logger: Logger }, creditorId: string, day: LocalDate): Promise<void> {
  const left = day.daysUntil(d.today);
  const act = async (stages: string[], events: CaseEvent[]) => {
    const [c] = await d.database.query<{ id: string }>("select id from cases where creditor_id = $1 and closed_on is null and hold_kind is null and stage = any($2::text[]) order by case_number limit 1", [creditorId, stages]);
    if (!c) return;
    for (const event of events) {
      const r = await d.database.transaction((tx) => applyCaseAction(tx, { caseId: c.id, event, today: day, actor: DEMO_ACTOR, note: null, rules: d.rules, agency: d.agency }));
      if (!r.ok) d.logger.debug({ event: event.type, refused: r.code }, "demo action refused");
    }
  };
  if (left === 20) await act(["awaiting-legal-approval"], [{ type: "approve-legal" }, { type: "legal-step-recorded", step: "forliksklage" }]);
}
