import { SMTPServer } from "smtp-server";
import { smtpMailer, type Mailer } from "../../src/notifications/mailer.js";

/**
 * A real SMTP server (smtp-server) for tests that send e-mail: it keeps what it receives, decoded
 * from quoted-printable so a test can read the words and follow the links, and can be told to
 * refuse recipients (a 451, as a server that is down for a while answers).
 */
export interface CapturedMail {
  to: string;
  /** The message as sent (UTF-8), for its MIME parts (`mimeParts`, `textOf`, `subjectOf`). */
  raw: string;
  /** The whole message, soft line breaks joined and =XX decoded (UTF-8). */
  text: string;
}

export interface SmtpCapture {
  /** What arrived, in order; a test may empty it (`capture.received = []`). */
  received: CapturedMail[];
  refuse: boolean;
  readonly mailer: Mailer;
  /** The server's address, for an app configured by FORDRING_SMTP_URL. */
  readonly url: string;
  /** Waits until a message to `to` has arrived (e-mails sent after the answer arrive a little later). */
  waitFor(to: string, count?: number): Promise<CapturedMail>;
  close(): Promise<void>;
}

export function decodeQuotedPrintable(raw: string): string {
  return decodeQp(raw).toString("utf8");
}

export async function startSmtpCapture(): Promise<SmtpCapture> {
  const state = { refuse: false, received: [] as CapturedMail[] };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    size: 20 * 1024 * 1024,
    onRcptTo(_address, _session, callback) {
      if (state.refuse) return callback(Object.assign(new Error("4.3.0 try again later"), { responseCode: 451 }));
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        const bytes = Buffer.concat(chunks);
        state.received.push({ to: session.envelope.rcptTo[0]!.address, raw: bytes.toString("utf8"), text: decodeQuotedPrintable(bytes.toString("latin1")) });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const url = `smtp://127.0.0.1:${(server.server.address() as { port: number }).port}`;
  const mailer = smtpMailer({ smtpUrl: url, from: "Fordring <post@fordring.example>" });
  return {
    get received() {
      return state.received;
    },
    set received(v: CapturedMail[]) {
      state.received = v;
    },
    get refuse() {
      return state.refuse;
    },
    set refuse(v: boolean) {
      state.refuse = v;
    },
    mailer,
    url,
    async waitFor(to, count = 1) {
      const deadline = Date.now() + 10_000;
      for (;;) {
        const mine = state.received.filter((m) => m.to === to);
        if (mine.length >= count) return mine[count - 1]!;
        if (Date.now() > deadline) throw new Error(`no e-mail number ${count} to ${to} (received: ${state.received.map((m) => m.to).join(", ") || "none"})`);
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

/** The MIME parts of a raw message: headers (lower-case names) and the body decoded (quoted-printable or base64). */
export function mimeParts(raw: string): { headers: Record<string, string>; body: Buffer }[] {
  const boundaries = [...raw.matchAll(/boundary="?([^";\r\n]+)"?/g)].map((m) => m[1]!);
  const out: { headers: Record<string, string>; body: Buffer }[] = [];
  for (const b of boundaries) {
    for (const chunk of raw.split(`--${b}`).slice(1)) {
      if (chunk.startsWith("--")) continue;
      const [head, ...rest] = chunk.replace(/^\r?\n/, "").split(/\r?\n\r?\n/);
      const headers: Record<string, string> = {};
      for (const line of head!.replace(/\r?\n[ \t]+/g, " ").split(/\r?\n/)) {
        const i = line.indexOf(":");
        if (i > 0) headers[line.slice(0, i).toLowerCase()] = line.slice(i + 1).trim();
      }
      if (headers["content-type"]?.startsWith("multipart/")) continue;
      const body = rest.join("\n\n").trim();
      const enc = headers["content-transfer-encoding"]?.toLowerCase();
      out.push({ headers, body: enc === "base64" ? Buffer.from(body.replace(/\s+/g, ""), "base64") : enc === "quoted-printable" ? decodeQp(body) : Buffer.from(body, "utf8") });
    }
  }
  return out;
}

/** Quoted-printable to bytes: soft line breaks joined, =XX decoded. */
function decodeQp(s: string): Buffer {
  const soft = s.replace(/=\r?\n/g, "");
  const bytes: number[] = [];
  for (let i = 0; i < soft.length; i++) {
    if (soft[i] === "=" && /^[0-9A-F]{2}$/i.test(soft.slice(i + 1, i + 3))) {
      bytes.push(parseInt(soft.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(...Buffer.from(soft[i]!, "utf8"));
  }
  return Buffer.from(bytes);
}

/** The text part of a message, decoded. */
export const textOf = (raw: string) => mimeParts(raw).find((p) => p.headers["content-type"]?.startsWith("text/plain"))!.body.toString("utf8");
export const htmlOf = (raw: string) => mimeParts(raw).find((p) => p.headers["content-type"]?.startsWith("text/html"))!.body.toString("utf8");
/** The Subject header, decoded from RFC 2047 (nodemailer's Q or B encoding). */
export function subjectOf(raw: string): string {
  const line = raw.split(/\r?\n\r?\n/)[0]!.replace(/\r?\n[ \t]+/g, " ").split(/\r?\n/).find((l) => l.toLowerCase().startsWith("subject:"))!.slice(8).trim();
  return line
    .replace(/=\?UTF-8\?([QB])\?([^?]*)\?=\s*/gi, (_, enc: string, text: string) => (enc.toUpperCase() === "B" ? Buffer.from(text, "base64").toString("utf8") : decodeQp(text.replace(/_/g, " ")).toString("utf8")))
    .trim();
}
