import type { Queryable } from "../platform/db/database.js";

/** The bank payments waiting in the manual-match queue, as stored (the CLI's `payments unmatched`), oldest first. */
export async function waitingBankPayments(
  db: Queryable,
): Promise<{ id: string; booked_on: string; amount_minor: number; currency: string | null; reference: string | null; payer: { name?: string } | null; note: string | null; suggestions: { caseNumber: string; why: string }[] | null }[]> {
  return db.query("select id, booked_on, amount_minor, currency, reference, payer, note, suggestions from bank_payments where status = 'unmatched' order by booked_on, id");
}
