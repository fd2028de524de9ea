import { layout, type MailLocale, type RenderedMail } from "./mail-templates.js";

/**
 * The e-mail to a firm's admins when a client's payout account is asked to change, is changed, or
 * the change is rejected (src/onboarding/payout-account-change.ts). Accounts are masked (the last
 * four characters): enough to recognise, not to use. Norwegian, Swedish or English by the user's language.
 */
export type PayoutAccountMailKind = "requested" | "approved" | "rejected";

interface Facts {
  readonly name: string;
  readonly creditor: string;
  readonly from: string;
  readonly to: string;
  readonly by: string;
  readonly portalUrl: string;
}

const TEXT: Record<MailLocale, Record<PayoutAccountMailKind, { subject: (f: Facts) => string; body: (f: Facts) => string }>> = {
  nb: {
    requested: {
      subject: (f) => `Endring av utbetalingskonto for ${f.creditor} venter på godkjenning`,
      body: (f) => `${f.by} har bedt om å endre utbetalingskontoen for ${f.creditor} fra ${f.from} til ${f.to}. Endringen gjelder først når en annen administrator i byrået eller inkassoselskapet godkjenner den. Kjenner du ikke igjen endringen, avvis den i portalen og kontakt oss.`,
    },
    approved: {
      subject: (f) => `Utbetalingskontoen for ${f.creditor} er endret`,
      body: (f) => `Utbetalingskontoen for ${f.creditor} er endret fra ${f.from} til ${f.to}, godkjent av ${f.by}. Neste oppgjør utbetales til den nye kontoen.`,
    },
    rejected: {
      subject: (f) => `Endring av utbetalingskonto for ${f.creditor} er avvist`,
      body: (f) => `Endringen av utbetalingskontoen for ${f.creditor} til ${f.to} er avvist av ${f.by}. Utbetalinger går fortsatt til ${f.from}.`,
    },
  },
  en: {
    requested: {
      subject: (f) => `Change of payout account for ${f.creditor} awaits approval`,
      body: (f) => `${f.by} asked to change the payout account of ${f.creditor} from ${f.from} to ${f.to}. The change applies only once another administrator of the firm or the agency approves it. If you do not recognise it, reject it in the portal and contact us.`,
    },
    approved: {
      subject: (f) => `The payout account of ${f.creditor} was changed`,
      body: (f) => `The payout account of ${f.creditor} was changed from ${f.from} to ${f.to}, approved by ${f.by}. The next settlement is paid to the new account.`,
    },
    rejected: {
      subject: (f) => `Change of payout account for ${f.creditor} rejected`,
      body: (f) => `The change of the payout account of ${f.creditor} to ${f.to} was rejected by ${f.by}. Payouts still go to ${f.from}.`,
    },
  },
  sv: {
    requested: {
      subject: (f) => `Ändring av utbetalningskonto för ${f.creditor} väntar på godkännande`,
      body: (f) => `${f.by} har begärt att utbetalningskontot för ${f.creditor} ändras från ${f.from} till ${f.to}. Ändringen gäller först när en annan administratör på byrån eller inkassobolaget godkänner den. Känner du inte igen ändringen, avvisa den i portalen och kontakta oss.`,
    },
    approved: {
      subject: (f) => `Utbetalningskontot för ${f.creditor} är ändrat`,
      body: (f) => `Utbetalningskontot för ${f.creditor} är ändrat från ${f.from} till ${f.to}, godkänt av ${f.by}. Nästa redovisning betalas ut till det nya kontot.`,
    },
    rejected: {
      subject: (f) => `Ändringen av utbetalningskonto för ${f.creditor} är avvisad`,
      body: (f) => `Ändringen av utbetalningskontot för ${f.creditor} till ${f.to} har avvisats av ${f.by}. Utbetalningar går fortfarande till ${f.from}.`,
    },
  },
};

const WORDS: Record<MailLocale, { greeting: (name: string) => string; open: string; footer: string }> = {
  nb: { greeting: (n) => `Hei ${n},`, open: "Åpne portalen", footer: "Du får denne e-posten fordi du er administrator for kreditoren. En endring av utbetalingskonto krever alltid to personer." },
  en: { greeting: (n) => `Hello ${n},`, open: "Open the portal", footer: "You receive this e-mail because you are an administrator for the creditor. A change of payout account always takes two people." },
  sv: { greeting: (n) => `Hej ${n},`, open: "Öppna portalen", footer: "Du får detta e-postmeddelande för att du är administratör för borgenären. En ändring av utbetalningskonto kräver alltid två personer." },
};

/** The message in the users' e-mail layout (mail-templates.ts): text and HTML from the same words, every value escaped. */
export function payoutAccountMail(locale: MailLocale, kind: PayoutAccountMailKind, f: Facts): RenderedMail {
  const t = TEXT[locale][kind];
  const w = WORDS[locale];
  const mail = layout(t.subject(f), [w.greeting(f.name), t.body(f)], [], f.portalUrl ? { href: f.portalUrl, label: w.open } : null, w.footer);
  return { subject: mail.subject, text: mail.text, html: mail.html };
}
