import nodemailer from "nodemailer";
import { letterFileName } from "../../collection/letters/letter-file-name.js";
import { formatNorwegian } from "../../domain/money.js";
import { LETTER_TEXTS } from "../../collection/letters/letter-texts.js";
import type { LetterChannel, OutgoingLetter, SendResult } from "../letter-channel.js";

/**
 * E-mail over SMTP (nodemailer): the letter as a PDF attachment to the address the channel
 * choice found lawful (inkassoloven § 3 a). The Message-ID is derived from the letter id, so the
 * debtor's mail program shows a repeated copy as the same message — but SMTP itself does not
 * deduplicate, so this channel is not idempotent: a try cut off by a crash is not repeated (the
 * delivery step marks the letter in-doubt). A 5xx answer is a permanent refusal (the letter
 * goes on to the next channel, paper); a 4xx answer or a connection failure is temporary.
 */

export interface EmailConfig {
  /** e.g. smtp://127.0.0.1:2525 or smtps://user:pass@mail.example.no */
  readonly smtpUrl: string;
  /** e.g. "Nordlys Inkasso <post@nordlys-inkasso.no>" */
  readonly from: string;
}

export function emailChannel(config: EmailConfig): LetterChannel & { close(): void } {
  // Pooled: one SMTP connection carries many letters (a new connection per letter costs more than the letter).
  const transport = nodemailer.createTransport(config.smtpUrl.includes("?") ? config.smtpUrl : `${config.smtpUrl}?pool=true`);
  const domain = /@([^>\s]+)/.exec(config.from)?.[1] ?? "fordring.invalid";
  return {
    name: "email",
    idempotent: false,
    reaches: async () => true,
    async send(letter: OutgoingLetter): Promise<SendResult> {
      const to = letter.recipient.email;
      if (!to) return { kind: "refused", reason: "e-mail: no lawful address for the debtor", permanent: true };
      const model = letter.model;
      const title = LETTER_TEXTS[model.language].kinds[model.kind].title;
      const messageId = `<${letter.idempotencyKey}@${domain}>`;
      const text =
        model.language === "nb"
          ? `Hei ${model.debtor.name},\n\nvedlagt er ${title.toLowerCase()} for sak ${letter.caseNumber} fra ${model.agency.name} på vegne av ${model.creditor.name}.\nBeløpet ${formatNorwegian(model.total)} ${model.total.currency} betales til konto ${model.agency.accountNumber} med KID ${model.kid} innen ${model.deadline}.\n\nMed vennlig hilsen\n${model.agency.name}\n`
          : `Dear ${model.debtor.name},\n\nattached is the ${title.toLowerCase()} for case ${letter.caseNumber} from ${model.agency.name} on behalf of ${model.creditor.name}.\nPlease pay ${formatNorwegian(model.total)} ${model.total.currency} to account ${model.agency.accountNumber} with KID ${model.kid} by ${model.deadline}.\n\nKind regards\n${model.agency.name}\n`;
      try {
        const info = await transport.sendMail({
          from: config.from,
          to,
          subject: `${title} – ${letter.caseNumber}`,
          text,
          messageId,
          attachments: [{ filename: letterFileName({ caseNumber: letter.caseNumber, kind: model.kind, letterId: model.letterNumber ?? letter.letterId }), content: letter.pdf, contentType: "application/pdf" }],
        });
        return { kind: "accepted", messageId, detail: `e-mail to ${to} accepted by the mail server (${String(info.response).slice(0, 120)})` };
      } catch (e) {
        const err = e as { responseCode?: number; response?: string; message?: string };
        const code = err.responseCode;
        if (code !== undefined && code >= 500) return { kind: "refused", reason: `e-mail to ${to} refused: ${err.response ?? err.message}`, permanent: true };
        if (code !== undefined && code >= 400) return { kind: "refused", reason: `e-mail to ${to} deferred: ${err.response ?? err.message}`, permanent: false };
        throw e;
      }
    },
    status: async () => ({ kind: "unknown" }),
    close: () => transport.close(),
  };
}

