import { createHash, createPublicKey, generateKeyPairSync } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { SMTPServer } from "smtp-server";
import { digipostChannel } from "../delivery/digipost/digipost-channel.js";
import { createDigipostSandbox } from "../delivery/digipost/sandbox/server.js";
import { emailChannel } from "../delivery/email/email-channel.js";
import type { DeliveryChannels } from "../delivery/delivery-config.js";
import { paperChannel } from "../delivery/paper/paper-channel.js";
import type { Database } from "../platform/db/database.js";

/**
 * Where the demo's letters go (`npm start`): a Digipost sandbox and an SMTP server, both in this
 * process on 127.0.0.1, and the print batches under the data directory — the same channels a
 * deployment configures (docs/LETTERS.md), with nothing leaving the machine:
 *
 * - Digipost: the sandbox (src/delivery/digipost/sandbox) with the demo's sender key
 *   (`<data dir>/demo-digipost-sender.pem`, made on first use); about a third of the consumer
 *   debtors have a mailbox (chosen by a hash of their id, so the same ones every time);
 * - e-mail: every message is written to `<data dir>/demo-mail/` as an .eml file;
 * - paper: `<data dir>/print/<date>/…` and the day's batch (`fordring-print-<date>.pdf`).
 */
export const DEMO_DIGIPOST_SENDER = "9999";
export const DEMO_MAIL_FROM = "Fordring Inkasso (demo) <post@fordring.example>";

export interface DemoDelivery {
  readonly channels: DeliveryChannels;
  readonly digipostUrl: string;
  readonly smtpUrl: string;
  readonly mailDir: string;
  readonly printDir: string;
  /** Gives the demo's consumer debtors that have "created a mailbox" one in the sandbox (new debtors since the last call). */
  refreshRecipients(database: Database): Promise<number>;
  stop(): Promise<void>;
}

export async function startDemoDelivery(dataDir: string): Promise<DemoDelivery> {
  const keyFile = path.join(dataDir, "demo-digipost-sender.pem");
  let privateKey: string;
  try {
    privateKey = readFileSync(keyFile, "utf8");
  } catch {
    const pair = generateKeyPairSync("rsa", { modulusLength: 2048 });
    privateKey = pair.privateKey.export({ type: "pkcs8", format: "pem" }).toString();
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(keyFile, privateKey, { mode: 0o600 });
  }
  const sandbox = createDigipostSandbox({ senders: new Map([[DEMO_DIGIPOST_SENDER, publicKeyOf(privateKey)]]) });
  const digipostUrl = await sandbox.listen(0, "127.0.0.1");

  const mailDir = path.join(dataDir, "demo-mail");
  mkdirSync(mailDir, { recursive: true });
  let mails = 0;
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        const to = session.envelope.rcptTo.map((r) => r.address).join(",").replace(/[^A-Za-z0-9@._,-]/g, "_");
        const file = path.join(mailDir, `${new Date().toISOString().replace(/[:.]/g, "-")}-${++mails}-${to}.eml`);
        writeFile(file, Buffer.concat(chunks)).then(() => callback(), callback);
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", () => resolve()));
  const smtpUrl = `smtp://127.0.0.1:${(smtp.server.address() as { port: number }).port}`;
  const email = emailChannel({ smtpUrl, from: DEMO_MAIL_FROM });
  const printDir = path.join(dataDir, "print");
  const known = new Set<string>();
  return {
    channels: { digipost: digipostChannel({ url: digipostUrl, senderId: DEMO_DIGIPOST_SENDER, privateKey }), email, paper: paperChannel({ dir: printDir }) },
    digipostUrl,
    smtpUrl,
    mailDir,
    printDir,
    async refreshRecipients(database) {
      const rows = await database.query<{ id: string; name: string; address: { line1?: string; postcode?: string; city?: string } | null }>("select id, name, address from debtors where type = 'consumer'");
      let added = 0;
      for (const d of rows) {
        if (known.has(d.id)) continue;
        known.add(d.id);
        if (!d.address?.line1 || createHash("sha256").update(d.id).digest()[0]! % 3 !== 0) continue;
        sandbox.addRecipient({ name: d.name, addressline1: d.address.line1, postalcode: d.address.postcode ?? "", city: d.address.city ?? "", hasMailbox: true });
        added++;
      }
      return added;
    },
    async stop() {
      email.close();
      await sandbox.close();
      await new Promise<void>((resolve) => smtp.close(() => resolve()));
    },
  };
}

function publicKeyOf(privateKeyPem: string): string {
  return createPublicKey(privateKeyPem).export({ type: "spki", format: "pem" }).toString();
}
