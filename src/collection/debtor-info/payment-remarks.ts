import type { SecretBox } from "../../access/secret-box.js";
import type { LocalDate } from "../../domain/calendar/local-date.js";
import type { Database, Queryable } from "../../platform/db/database.js";
import { appendTimeline } from "../cases/case-store.js";
import { BureauUnavailable, type CreditBureau } from "./credit-bureau.js";
import { creditSubjectOf } from "./credit-check.js";

/**
 * Payment remarks (betalingsanmerkninger; docs/CASES.md, "Payment remarks").
 *
 * **When.** The case engine decides the day (`register-payment-remark`, the `remark-allowed` guard
 * of the lifecycle, `paymentRemarkFrom`): a business debtor one month after the payment demand, a
 * consumer one month after a legal step (forliksklage / begjæring om utlegg), never before 30 days,
 * never while the claim is disputed or the case on hold. The sources (kredittopplysningsloven and
 * -forskriften, the credit bureaus' former licence conditions, Personvernnemnda PVN-2004-05) and
 * what is uncertain are in docs/CASES.md, "Payment remarks".
 *
 * **Report and deletion.** The engine's decision becomes a row here (`collectPaymentRemarks`);
 * `reportPaymentRemarks` sends it to the bureau through the port. When the claim is paid (also
 * credited or withdrawn: the debtor owes nothing) — or is disputed after all — the remark is
 * marked for deletion and the deletion is reported the same way: the deletion is as important as
 * the report. A bureau that is down leaves each row where it was, with the attempt and the error
 * counted, and the next run tries again.
 */
const ENDED_FOR_DEBTOR = ["paid", "credited", "withdrawn"];

/**
 * The engine's decisions (`cases.remark_on`) as rows to report. A business debtor that the company
 * register says is a sole proprietorship (organisasjonsform ENK, in the case's newest company-register
 * lookup) is treated as a person, as the rules for credit information have done since
 * 2022: its remark waits for a legal step and one month (at least 30 days) after it, and is dated
 * then. Without a lookup (no register configured, or not yet asked) it counts as the business the
 * ledger says it is.
 */
export async function collectPaymentRemarks(tx: Queryable, today: LocalDate): Promise<{ registered: number; toDelete: number; cancelled: number }> {
  const registered = await tx.query(
    `insert into payment_remarks (creditor_id, case_id, registered_on, basis, amount_minor, currency)
     select c.id_creditor, c.id, c.registered_on, c.basis, c.balance_minor, c.currency from (
       select k.creditor_id as id_creditor, k.id, k.balance_minor, k.currency,
              case when enk.yes then greatest((k.legal_on + interval '1 month')::date, k.legal_on + 30) else k.remark_on end as registered_on,
              case when d.type = 'business' and not enk.yes
                   then 'ubetalt og ubestridt krav én måned (minst 30 dager) etter betalingsoppfordringen ' || k.demand_sent_on::text
                   else 'rettslig skritt (' || coalesce(k.last_legal_step, 'rettslig skritt') || ') ' || k.legal_on::text || ', kravet ubestridt' end as basis
         from cases k join debtors d on d.id = k.debtor_id
         cross join lateral (
           select coalesce((select x.data ->> 'organisationForm' = 'ENK' from debtor_checks x
                             where d.type = 'business' and x.case_id = k.id and x.source = 'company-register' and x.data is not null
                             order by x.checked_on desc, x.id desc limit 1), false) as yes) enk
        where k.remark_on is not null and k.closed_on is null and coalesce(k.hold_kind, '') <> 'disputed') c
      where c.registered_on is not null and c.registered_on <= $1::date
     on conflict (case_id) do nothing returning id`,
    [today.toString()],
  );
  const ending = await tx.query<{ id: string; status: string; why: string }>(
    `select r.id, r.status, case when c.hold_kind = 'disputed' then 'the claim is disputed' else 'the case ended ' || c.close_reason || ' on ' || c.closed_on::text end as why
       from payment_remarks r join cases c on c.id = r.case_id
      where r.status in ('to-report', 'reported') and ((c.closed_on is not null and c.close_reason = any($1)) or c.hold_kind = 'disputed')`,
    [ENDED_FOR_DEBTOR],
  );
  let toDelete = 0;
  let cancelled = 0;
  for (const r of ending) {
    // Never reported: nothing to delete at the bureau.
    const next = r.status === "reported" ? "to-delete" : "cancelled";
    await tx.query("update payment_remarks set status = $2, delete_reason = $3 where id = $1", [r.id, next, r.why]);
    if (next === "to-delete") toDelete++;
    else cancelled++;
  }
  return { registered: registered.length, toDelete, cancelled };
}

export interface RemarkRunCounts {
  reported: number;
  deleted: number;
  waiting: number;
}

/** Sends the remarks to report and the deletions to the bureau; what the bureau does not take now waits for the next run. */
export async function reportPaymentRemarks(db: Database, bureau: CreditBureau, ctx: { today: LocalDate; box?: SecretBox; limit?: number }): Promise<RemarkRunCounts> {
  const counts: RemarkRunCounts = { reported: 0, deleted: 0, waiting: 0 };
  const rows = await db.query<{ id: string; creditor_id: string; case_id: string; status: string; registered_on: string; basis: string; amount_minor: string; currency: string; case_number: string; creditor_name: string; delete_reason: string | null }>(
    `select r.id, r.creditor_id, r.case_id, r.status, r.registered_on::text, r.basis, r.amount_minor, r.currency, c.case_number, cr.name as creditor_name, r.delete_reason
       from payment_remarks r join cases c on c.id = r.case_id join creditors cr on cr.id = r.creditor_id
      where r.status in ('to-report', 'to-delete') order by r.created_at, r.id limit $1`,
    [ctx.limit ?? 500],
  );
  for (const r of rows) {
    try {
      if (r.status === "to-report") {
        const who = await creditSubjectOf(db, r.case_id, ctx.box);
        await bureau.reportRemark({ reference: r.id, subject: who!.subject, creditor: r.creditor_name, caseNumber: r.case_number, amountMinor: Number(r.amount_minor), currency: r.currency, basis: r.basis, registeredOn: r.registered_on });
      } else {
        await bureau.deleteRemark(r.id);
      }
    } catch (e) {
      if (!(e instanceof BureauUnavailable)) throw e;
      await db.query("update payment_remarks set attempts = attempts + 1, last_error = $2 where id = $1", [r.id, e.detail]);
      counts.waiting++;
      continue;
    }
    const reported = r.status === "to-report";
    await db.transaction(async (tx) => {
      await tx.query(
        reported ? "update payment_remarks set status = 'reported', reported_at = now(), last_error = null where id = $1" : "update payment_remarks set status = 'deleted', deleted_at = now(), last_error = null where id = $1",
        [r.id],
      );
      await appendTimeline(tx, [
        {
          creditorId: r.creditor_id, caseId: r.case_id, on: ctx.today.toString(), actor: "credit-bureau", type: reported ? "payment-remark-reported" : "payment-remark-deleted", stage: null,
          data: { remarkId: r.id, registeredOn: r.registered_on },
          reason: reported ? `payment remark reported to the credit bureau: ${r.basis}` : `payment remark deleted at the credit bureau: ${r.delete_reason ?? "ended"}`,
          dedupeKey: `${reported ? "payment-remark-reported" : "payment-remark-deleted"}:${r.id}`,
        },
      ]);
    });
    if (reported) counts.reported++;
    else counts.deleted++;
  }
  return counts;
}

/** Both steps: the engine's decisions collected, then sent (the worker's job and `fordring remarks sync`). */
export async function syncPaymentRemarks(db: Database, bureau: CreditBureau | undefined, ctx: { today: LocalDate; box?: SecretBox }): Promise<{ registered: number; toDelete: number; cancelled: number } & RemarkRunCounts> {
  const collected = await db.transaction((tx) => collectPaymentRemarks(tx, ctx.today));
  // Without a bureau the rows wait (status to-report / to-delete), visible on the case, until one is configured.
  const sent = bureau ? await reportPaymentRemarks(db, bureau, ctx) : { reported: 0, deleted: 0, waiting: 0 };
  return { ...collected, ...sent };
}
