import { SMTPServer } from "smtp-server";
import { smtpMailer, type Mailer } from "../../src/notifications/mailer.js";

/** A real SMTP server for tests (smtp-server): what it received, raw, and a switch to refuse with 451. */
export interface Received {
  to: string;
  raw: string;
}

export interface SmtpInbox {
  received: Received[];
  refuse: boolean;
  mailer: Mailer;
  close(): Promise<void>;
}

export async function startSmtpInbox(): Promise<SmtpInbox> {
  const inbox = { received: [] as Received[], refuse: false } as SmtpInbox;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    size: 20 * 1024 * 1024,
    onRcptTo(_address, _session, callback) {
      if (inbox.refuse) return callback(Object.assign(new Error("4.3.0 try again later"), { responseCode: 451 }));
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        inbox.received.push({ to: session.envelope.rcptTo[0]!.address, raw: Buffer.concat(chunks).toString("utf8") });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  inbox.mailer = smtpMailer({ smtpUrl: `smtp://127.0.0.1:${(server.server.address() as { port: number }).port}`, from: "Fordring <post@fordring.example>" });
  inbox.close = async () => {
    inbox.mailer.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  return inbox;
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
