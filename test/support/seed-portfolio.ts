import { LocalDate } from "../../src/domain/calendar/local-date.js";
import { loadCreditor } from "../../src/collection/cases/creditor.js";
import { openCases } from "../../src/collection/cases/open-cases.js";
import { upsertClaim, upsertCreditor, upsertDebtor } from "../../src/collection/cases/register.js";
import type { Database } from "../../src/platform/db/database.js";

/**
 * A deterministic portfolio: `creditors` creditors with `casesPerCreditor` overdue invoices each,
 * opened as cases on `openedOn`, with due dates spread so the cases are at different steps.
 */
export async function seedPortfolio(db: Database, options: { creditors: number; casesPerCreditor: number; openedOn: string }): Promise<string[]> {
  const openedOn = LocalDate.parse(options.openedOn);
  const ids: string[] = [];
  for (let c = 0; c < options.creditors; c++) {
    const code = `C${String(c + 1).padStart(3, "0")}`;
    const creditorId = await upsertCreditor(db, { code, name: `Kreditor ${code} AS`, orgNumber: "974760673", address: { line1: "Kreditorveien 1", postcode: "0150", city: "Oslo", country: "NO" } });
    ids.push(creditorId);
    const creditor = await loadCreditor(db, creditorId);
    await db.transaction(async (tx) => {
      const claims = [];
      for (let i = 0; i < options.casesPerCreditor; i++) {
        const type = i % 4 === 0 ? "business" : "consumer";
        const debtorId = await upsertDebtor(tx, creditorId, { source: "seed", externalId: `D${i}`, type, name: `Skyldner ${i} Ødegård`, address: { line1: `Storgata ${i}`, postcode: "0155", city: "Oslo", country: "NO" } });
        const due = openedOn.minusDays(15 + ((i * 7) % 90));
        const amount = 50_000 + ((i * 7919) % 4_000_000);
        const claimId = await upsertClaim(tx, creditorId, { source: "seed", externalId: `F${i}`, debtorId, invoiceNumber: `${10_000 + i}`, issueDate: due.minusDays(14), dueDate: due, currency: "NOK", amountMinor: amount, openMinor: amount, status: "sent" });
        claims.push({ claimId, debtorId, debtorType: type as "consumer" | "business", dueDate: due, principalMinor: amount });
      }
      await openCases(tx, creditor, claims, openedOn, "seed");
    });
  }
  return ids;
}

/** Everything the cycle writes, with run-specific ids replaced by case numbers, for comparing two runs. */
export async function snapshot(db: Database): Promise<Record<string, unknown[]>> {
  const cases = await db.query(`select case_number, stage, hold_kind, notice_sent_on, notice_deadline, stop_window_ends_on, demand_sent_on, demand_deadline, heavy_salary_on,
      next_action_on, interest_accrued_minor, interest_accrued_on, fees_minor, salary_minor, legal_minor, version from cases order by case_number`);
  const charges = await db.query(`select c.case_number, ch.kind, ch.key, ch."on", ch.amount_minor from charges ch join cases c on c.id = ch.case_id order by 1, 2, 3`);
  const letters = await db.query(`select c.case_number, l.kind, l.sent_on, l.deadline, l.model->'total' as total from letters l join cases c on c.id = l.case_id order by 1, 2, 3`);
  const events = await db.query(`select c.case_number, e."on", e.type, e.stage, e.dedupe_key from case_events e join cases c on c.id = e.case_id order by 1, 2, 5`);
  const outbox = await db.query(`select o.kind, replace(o.idempotency_key, (o.payload->>'caseId'), c.case_number) as key from outbox o join cases c on c.id = (o.payload->>'caseId')::uuid order by 2`);
  return { cases, charges, letters, events, outbox };
}
