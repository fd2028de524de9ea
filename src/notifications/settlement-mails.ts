import type { LocalDate } from "../domain/calendar/local-date.js";
import { formatDecimal, parseCurrency } from "../domain/money.js";
import type { LetterAgency } from "../collection/letters/letter-model.js";
import type { Database } from "../platform/db/database.js";
import { remittanceOf } from "../read-models/settlements.js";
import { renderRemittancePdf } from "../settlement/remittance-pdf.js";
import { creditorAudience } from "./audience.js";
import { clientMailLocale, settlementMail } from "./client-mails.js";
import type { Mailer } from "./mailer.js";
import { notifyUsers } from "./notifications.js";
import { sendOnce } from "./send-once.js";

/** How far back a settlement is still news: a settlement older than this gets no e-mail (e.g. when e-mail is first configured). */
const NEWS_DAYS = 7;

/**
 * A new settlement to the creditor's people: a notification in the portal, and (when e-mail is
 * configured) an e-mail in the user's language with the remittance report as PDF attached, once
 * per user and settlement (`notification_log`, kind `settlement`, key the settlement's id). Runs
 * after the scheduled settlements; every settlement of the last week is looked at, so one missed
 * by a failed run goes out with the next. The PDF is rendered once per settlement.
 */
export async function announceSettlements(database: Database, o: { today: LocalDate; mailer: Mailer | null; agency: LetterAgency; portalUrl: string }): Promise<{ notified: number; sent: number }> {
  const settlements = await database.query<{ id: string; creditor_id: string; creditor: string; period_from: string; period_to: string; settled_on: string; payout_minor: number; invoice_minor: number; currency: string; cases: number }>(
    `select s.id, s.creditor_id, c.name as creditor, s.period_from, s.period_to, s.settled_on, s.payout_minor, s.invoice_minor,
            coalesce(s.result->>'currency', c.currency) as currency, coalesce(jsonb_array_length(s.result->'lines'), 0)::int as cases
       from settlements s join creditors c on c.id = s.creditor_id
      where s.settled_on >= $1 order by s.settled_on, s.id`,
    [o.today.minusDays(NEWS_DAYS).toString()],
  );
  let notified = 0;
  let sent = 0;
  for (const s of settlements) {
    const audience = await creditorAudience(database, s.creditor_id);
    const currency = parseCurrency(s.currency);
    const facts = { periodFrom: s.period_from, periodTo: s.period_to, settledOn: s.settled_on, currency, payout: formatDecimal({ amount: Number(s.payout_minor), currency }), invoice: formatDecimal({ amount: Number(s.invoice_minor), currency }), settlementId: s.id };
    notified += await notifyUsers(database, audience.map((u) => u.userId), { kind: "settlement", key: s.id, creditorId: s.creditor_id, data: facts });
    if (!o.mailer) continue;
    let pdf: Buffer | null = null;
    for (const u of audience) {
      const [done] = await database.query("select 1 from notification_log where user_id = $1 and kind = 'settlement' and key = $2", [u.userId, s.id]);
      if (done) continue;
      if (!pdf) {
        const input = (await remittanceOf(database, s.id))!;
        pdf = await renderRemittancePdf({ agency: o.agency, creditor: input.creditor, settlement: input.settlement, voucher: input.voucher });
      }
      const mail = settlementMail(clientMailLocale(u.locale), {
        name: u.name, creditor: s.creditor, periodFrom: s.period_from, periodTo: s.period_to, settledOn: s.settled_on, currency,
        payoutMinor: Number(s.payout_minor), invoiceMinor: Number(s.invoice_minor), cases: s.cases, url: o.portalUrl ? `${o.portalUrl}/creditors/${s.creditor_id}/settlements` : "",
      });
      const attachment = { filename: `${mail.filenameStem}-${s.period_from}-${s.period_to}.pdf`, content: pdf, contentType: "application/pdf" };
      if (await sendOnce(database, o.mailer, { userId: u.userId, kind: "settlement", key: s.id }, { to: u.email, subject: mail.subject, text: mail.text, html: mail.html, attachments: [attachment] })) sent++;
    }
  }
  return { notified, sent };
}
