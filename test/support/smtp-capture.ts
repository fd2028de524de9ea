import { SMTPServer } from "smtp-server";
import { smtpMailer, type Mailer } from "../../src/notifications/mailer.js";

/**
 * A real SMTP server (smtp-server) for tests that send e-mail: it keeps what it receives, decoded
 * from quoted-printable so a test can read the words and follow the links, and can be told to
 * refuse recipients (a 451, as a server that is down for a while answers).
 */
export interface CapturedMail {
  to: string;
  /** The whole message, soft line breaks joined and =XX decoded (UTF-8). */
  text: string;
}

export interface SmtpCapture {
  readonly received: CapturedMail[];
  refuse: boolean;
  readonly mailer: Mailer;
  /** Waits until a message to `to` has arrived (e-mails sent after the answer arrive a little later). */
  waitFor(to: string, count?: number): Promise<CapturedMail>;
  close(): Promise<void>;
}

export function decodeQuotedPrintable(raw: string): string {
  const joined = raw.replace(/=\r?\n/g, "");
  const bytes: number[] = [];
  for (let i = 0; i < joined.length; i++) {
    const hex = joined.slice(i + 1, i + 3);
    if (joined[i] === "=" && /^[0-9A-F]{2}$/.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else bytes.push(...Buffer.from(joined[i]!, "utf8"));
  }
  return Buffer.from(bytes).toString("utf8");
}

export async function startSmtpCapture(): Promise<SmtpCapture> {
  const received: CapturedMail[] = [];
  const state = { refuse: false };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onRcptTo(_address, _session, callback) {
      if (state.refuse) return callback(Object.assign(new Error("4.3.0 try again later"), { responseCode: 451 }));
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        received.push({ to: session.envelope.rcptTo[0]!.address, text: decodeQuotedPrintable(Buffer.concat(chunks).toString("latin1")) });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const mailer = smtpMailer({ smtpUrl: `smtp://127.0.0.1:${(server.server.address() as { port: number }).port}`, from: "Fordring <post@fordring.example>" });
  return {
    received,
    get refuse() {
      return state.refuse;
    },
    set refuse(v: boolean) {
      state.refuse = v;
    },
    mailer,
    async waitFor(to, count = 1) {
      const deadline = Date.now() + 10_000;
      for (;;) {
        const mine = received.filter((m) => m.to === to);
        if (mine.length >= count) return mine[count - 1]!;
        if (Date.now() > deadline) throw new Error(`no e-mail number ${count} to ${to} (received: ${received.map((m) => m.to).join(", ") || "none"})`);
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    async close() {
      mailer.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** The token of the first link to `path` in a message. */
export function tokenFrom(mail: CapturedMail, path: string): string {
  const m = new RegExp(`${path.replace(/[/-]/g, "\\$&")}\\?token=([A-Za-z0-9_%-]+)`).exec(mail.text);
  if (!m) throw new Error(`no ${path} link in the e-mail to ${mail.to}`);
  return decodeURIComponent(m[1]!);
}
