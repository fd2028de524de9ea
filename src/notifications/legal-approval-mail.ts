import type { Database } from "../platform/db/database.js";
import { layout, type RenderedMail } from "./mail-templates.js";
import type { Mailer } from "./mailer.js";
import { sendOnce } from "./send-once.js";

/**
 * The e-mail when a case waits for the creditor's approval before a legal step (Procountor
 * Inkasso, seed 004: "Kravia kommer att skicka ett e-postmeddelande när fordringarna väntar på
 * godkännande … Om du vill godkänna ärenden före Inkasso påbörjas, måste du ha admin-rättigheter"):
 * to each person who may approve it — the creditor's own users and its accounting firm's admins
 * (the roles with the admin permission) — once per case and person, in the person's language
 * (Swedish, Norwegian or English; a user without one of these gets the creditor's country's).
 * Each goes at most once per case and person (`sendOnce`, as every e-mail of src/notifications).
 */
export type ApprovalMailLocale = "sv" | "nb" | "en";

export interface WaitingCase {
  readonly caseNumber: string;
  readonly debtor: string;
}

const WORDS: Readonly<Record<ApprovalMailLocale, { subject: (n: string) => string; body: (creditor: string) => string; open: string; footer: string }>> = {
  sv: {
    subject: (n) => `Ärende ${n} väntar på ditt godkännande före rättsliga åtgärder`,
    body: (creditor) => `Inkassokravets frist har gått ut utan betalning. Innan vi ansöker om betalningsföreläggande hos Kronofogden behöver ${creditor} godkänna det (inställningen Godkänn ärendet före rättsliga åtgärder). Godkännandet ges av en användare med administratörsbehörighet i portalen.`,
    open: "Öppna ärendet",
    footer: "Du får detta e-postmeddelande för att du har administratörsbehörighet för borgenären.",
  },
  nb: {
    subject: (n) => `Sak ${n} venter på din godkjenning før rettslige skritt`,
    body: (creditor) => `Fristen i inkassokravet er ute uten betaling. Før vi går videre med rettslige skritt må ${creditor} godkjenne det (innstillingen Godkjenn før rettslige skritt). Godkjenningen gis av en bruker med administratorrettigheter i portalen.`,
    open: "Åpne saken",
    footer: "Du får denne e-posten fordi du har administratorrettigheter for kreditoren.",
  },
  en: {
    subject: (n) => `Case ${n} waits for your approval before legal steps`,
    body: (creditor) => `The collection demand's deadline has passed without payment. Before we apply for a legal step, ${creditor} must approve it (the setting Approve before legal steps). A user with admin rights in the portal gives the approval.`,
    open: "Open the case",
    footer: "You receive this e-mail because you have admin rights for the creditor.",
  },
};

/** The message, as text and HTML from the same words in the users' e-mail layout (every value HTML-escaped). */
export function legalApprovalMail(locale: ApprovalMailLocale, d: { creditor: string; case: WaitingCase; link: string }): RenderedMail {
  const w = WORDS[locale];
  return layout(w.subject(d.case.caseNumber), [w.body(d.creditor), `${d.case.caseNumber} · ${d.case.debtor}`], [], { href: d.link, label: w.open }, w.footer);
}

/** Sends the e-mail for every open case waiting at the legal gate that a person who may approve it has not been told of. */
export async function sendLegalApprovalMails(database: Database, mailer: Mailer, o: { portalUrl: string }): Promise<{ sent: number }> {
  const rows = await database.query<{ user_id: string; email: string; locale: string | null; case_id: string; case_number: string; creditor: string; jurisdiction: string; debtor: string }>(
    `select distinct u.id as user_id, u.email, u.locale, c.id as case_id, c.case_number, cr.name as creditor, cr.jurisdiction, d.name as debtor
       from cases c join creditors cr on cr.id = c.creditor_id join claims cl on cl.id = c.claim_id join debtors d on d.id = cl.debtor_id
       join memberships m on (m.role = 'firm-admin' and m.firm_id = cr.firm_id) or (m.role = 'creditor-user' and m.creditor_id = cr.id)
       join users u on u.id = m.user_id
      where c.closed_on is null and c.stage = 'awaiting-legal-approval' and not u.disabled
        and not exists (select 1 from notification_log n where n.user_id = u.id and n.kind = 'legal-approval' and n.key = c.id::text)
      order by c.case_number, u.id`,
  );
  let sent = 0;
  for (const r of rows) {
    const locale: ApprovalMailLocale = r.locale === "sv" || r.locale === "nb" || r.locale === "en" ? r.locale : r.jurisdiction === "SE" ? "sv" : "nb";
    const mail = legalApprovalMail(locale, { creditor: r.creditor, case: { caseNumber: r.case_number, debtor: r.debtor }, link: `${o.portalUrl.replace(/\/+$/, "")}/cases/${r.case_id}` });
    if (await sendOnce(database, mailer, { userId: r.user_id, kind: "legal-approval", key: r.case_id }, { to: r.email, ...mail })) sent++;
  }
  return { sent };
}
