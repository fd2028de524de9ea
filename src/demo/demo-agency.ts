import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { applyCaseAction } from "../collection/actions/case-action.js";
import { openBalance, type CaseRow } from "../collection/cases/case-row.js";
import { importBankFile, type ImportResult } from "../collection/payments/import-bank-file.js";
import { LocalDate } from "../domain/calendar/local-date.js";
import { checkKid } from "../domain/identifiers/kid.js";
import type { CaseEvent } from "../domain/case-lifecycle/index.js";
import type { Database } from "../platform/db/database.js";
import type { Logger } from "../platform/logger.js";
import type { RuleBook } from "../platform/rule-book.js";
import { settlePeriod } from "../settlement/run-settlement.js";
import type { CaseSeen } from "./demo-ledger.js";
import type { PlannedInvoice } from "./demo-plan.js";
import { writeOcrGiroFile, type OcrPayment } from "./ocr-giro-file.js";
import type { LetterAgency } from "../collection/letters/letter-model.js";

/**
 * The agency's side of a simulated demo day beyond the daily cycle: debtors' payments to the
 * agency's account arriving as a Nets OCR giro file, the monthly settlement, and what people do
 * on cases (pause, dispute, approve a payment demand or legal steps).
 */
export const DEMO_ACTOR = "demo:seed";

/** The agency's cases by ledger invoice id, with the facts the demo's debtors react to. */
export async function casesByInvoice(db: Database, creditorId: string): Promise<Map<string, CaseSeen>> {
  const rows = await db.query<{ invoice_id: string; id: string; kid: string; first_letter_on: string | null; closed_on: string | null }>(
    `select cl.external_id as invoice_id, c.id, c.kid, coalesce(c.reminder_sent_on, c.notice_sent_on) as first_letter_on, c.closed_on
       from cases c join claims cl on cl.id = c.claim_id where c.creditor_id = $1`,
    [creditorId],
  );
  return new Map(rows.map((r) => [r.invoice_id, { caseId: r.id, kid: r.kid, firstLetterOn: r.first_letter_on ? LocalDate.parse(r.first_letter_on).epochDay : null, closed: r.closed_on !== null }]));
}

export interface AgencyPayer {
  readonly caseId: string;
  readonly kid: string;
  readonly invoice: PlannedInvoice;
}

/** Debtors whose turn it is to pay the agency by `day` (each pays once). */
export function agencyPayersDue(cases: ReadonlyMap<string, CaseSeen>, invoices: ReadonlyMap<string, PlannedInvoice>, day: number, paid: Set<string>): AgencyPayer[] {
  const out: AgencyPayer[] = [];
  for (const [invoiceId, seen] of cases) {
    const invoice = invoices.get(invoiceId);
    if (!invoice || (invoice.fate !== "agency-full" && invoice.fate !== "agency-part")) continue;
    if (seen.closed || paid.has(seen.caseId) || seen.firstLetterOn === null || seen.firstLetterOn + invoice.payAfterLetterDays > day) continue;
    out.push({ caseId: seen.caseId, kid: seen.kid, invoice });
  }
  return out;
}

const PAYER_ACCOUNTS = ["97104567898", "12065678908", "18136789011", "15031234562"];

/**
 * One OCR giro file with the payers' payments dated `day` (the whole balance, or part of it),
 * imported as the bank would deliver it; each payment is matched to its case by the KID. With
 * `mistypeOneKid`, the first payer who pays the whole balance gets its KID's check digit wrong, so
 * the payment waits in the manual-match queue (with its case suggested by the amount).
 */
export async function importAgencyPayments(db: Database, payers: readonly AgencyPayer[], o: { day: LocalDate; fileNo: number; rules: RuleBook; agency: LetterAgency; mistypeOneKid?: boolean }): Promise<ImportResult | null> {
  const payments: OcrPayment[] = [];
  let mistype = o.mistypeOneKid ?? false;
  for (const [i, p] of payers.entries()) {
    const [row] = await db.query<CaseRow>("select * from cases where id = $1", [p.caseId]);
    const balance = row ? openBalance(row) : 0;
    const amountMinor = p.invoice.fate === "agency-full" ? balance : Math.floor((balance * p.invoice.partPercent) / 100);
    if (amountMinor <= 0) continue;
    const wrong = mistype && p.invoice.fate === "agency-full";
    if (wrong) mistype = false;
    payments.push({ kid: wrong ? withWrongCheckDigit(p.kid) : p.kid, amountMinor, paidOn: o.day, fromAccount: PAYER_ACCOUNTS[i % PAYER_ACCOUNTS.length]!, archiveReference: o.fileNo * 10_000 + i + 1 });
  }
  if (payments.length === 0) return null;
  const text = writeOcrGiroFile({ transmitter: "00008080", recipient: "00010200", transmissionNumber: o.fileNo, agreementId: "001008566", account: "86011117947", createdOn: o.day, payments });
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "fordring-demo-"));
  const file = path.join(dir, `OCR.${o.day.toString()}.${o.fileNo}.txt`);
  try {
    await fs.writeFile(file, text, "latin1");
    return await importBankFile(db, file, { today: o.day, rules: o.rules, actor: DEMO_ACTOR, agency: o.agency });
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

/** The KID with a check digit that neither MOD10 nor MOD11 accepts (a payer's typing error). */
function withWrongCheckDigit(kid: string): string {
  const base = kid.slice(0, -1);
  for (let d = 1; d < 10; d++) {
    const candidate = base + String((Number(kid.at(-1)) + d) % 10);
    if (!checkKid(candidate).valid) return candidate;
  }
  throw new Error(`no wrong check digit for ${kid}`);
}

/**
 * The settlement of the month before `day` for a creditor (its voucher goes to the ledger with the
 * next sync); null for a month with nothing to settle.
 */
export async function settleLastMonth(db: Database, creditorId: string, day: LocalDate): Promise<string | null> {
  const to = day.minusDays(1);
  const from = LocalDate.of(to.year, to.month, 1);
  const run = await settlePeriod(db, { creditorId, from, to, settledOn: day });
  return run.settled ? run.settlementId : null;
}

/**
 * A person's action on the first matching open case (by case number, for the same demo every
 * time); refusals are logged, not fatal. Returns the case number acted on, if any.
 */
export async function actOnCase(
  db: Database,
  o: { creditorId: string; where: string; params?: unknown[]; event: CaseEvent; note: string; today: LocalDate; rules: RuleBook; agency: LetterAgency; logger: Logger; skip?: number },
): Promise<string | null> {
  const candidates = await db.query<{ id: string; case_number: string }>(
    `select c.id, c.case_number from cases c where c.creditor_id = $1 and c.closed_on is null and ${o.where} order by c.case_number offset $2 limit 5`,
    [o.creditorId, o.skip ?? 0, ...(o.params ?? [])],
  );
  for (const c of candidates) {
    const result = await db.transaction((tx) => applyCaseAction(tx, { caseId: c.id, event: o.event, today: o.today, actor: DEMO_ACTOR, note: o.note, rules: o.rules, agency: o.agency }));
    if (result.ok) return c.case_number;
    o.logger.debug({ caseNumber: c.case_number, event: o.event.type, refused: result.code }, "demo action refused");
  }
  return null;
}
