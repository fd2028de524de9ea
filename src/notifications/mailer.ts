import nodemailer from "nodemailer";

/**
 * The port for e-mail to the agency's users (creditors' and firms' people): one message with a
 * text and an HTML part and optional attachments. `smtpMailer` speaks SMTP (nodemailer) to the
 * server the deployment configures (FORDRING_SMTP_URL, FORDRING_MAIL_FROM: the same as for letters).
 */
export interface MailMessage {
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  readonly html: string;
  readonly attachments?: readonly { readonly filename: string; readonly content: Buffer; readonly contentType: string }[];
}

export interface Mailer {
  send(message: MailMessage): Promise<{ messageId: string }>;
  close(): void;
}

export function smtpMailer(config: { smtpUrl: string; from: string }): Mailer {
  const transport = nodemailer.createTransport(config.smtpUrl);
  return {
    async send(m) {
      const info = await transport.sendMail({ from: config.from, to: m.to, subject: m.subject, text: m.text, html: m.html, attachments: (m.attachments ?? []).map((a) => ({ ...a })) });
      return { messageId: info.messageId };
    },
    close: () => transport.close(),
  };
}
