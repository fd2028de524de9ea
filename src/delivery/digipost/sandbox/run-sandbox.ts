import { generateKeyPairSync } from "node:crypto";
import { readFile, writeFile } from "node:fs/promises";
import { createDigipostSandbox, type DigipostFault, type DigipostSandbox, type SandboxRecipient } from "./server.js";

/**
 * What `fordring sandbox digipost --port 4020` runs: the Digipost sandbox on 127.0.0.1 for one
 * sender. The sender's public key is read from a PEM file, or a key pair is made and the private
 * half written to `writeSenderKey` (for FORDRING_DIGIPOST_KEY_FILE). Recipients come from a JSON
 * file (an array of SandboxRecipient) or are the demo's two: one with a mailbox, one without.
 */
export interface RunDigipostSandboxOptions {
  readonly port?: number;
  readonly host?: string;
  readonly senderId?: string;
  readonly publicKeyFile?: string;
  readonly writeSenderKey?: string;
  readonly recipientsFile?: string;
  readonly faults?: { readonly rate: number; readonly kinds?: readonly DigipostFault[]; readonly seed?: number };
}

export const DEMO_RECIPIENTS: readonly SandboxRecipient[] = [
  { nationalId: "01017010170", name: "Kari Nordmann", addressline1: "Storgata 1", postalcode: "0155", city: "Oslo", hasMailbox: true },
  { nationalId: "02027010019", name: "Ola Nordmann", addressline1: "Lillegata 2", postalcode: "0156", city: "Oslo", hasMailbox: false },
];

export interface RunningDigipostSandbox {
  readonly sandbox: DigipostSandbox;
  readonly url: string;
  readonly senderId: string;
  /** Where the sender's private key was written, when the sandbox made the pair. */
  readonly senderKeyFile: string | undefined;
  readonly recipients: number;
}

export async function runDigipostSandbox(options: RunDigipostSandboxOptions = {}): Promise<RunningDigipostSandbox> {
  const senderId = options.senderId ?? "9999";
  let publicKey: string;
  let senderKeyFile: string | undefined;
  if (options.publicKeyFile) {
    publicKey = await readFile(options.publicKeyFile, "utf8");
  } else {
    if (!options.writeSenderKey) throw new Error("give the sender's public key file, or a file to write a new sender key to");
    const pair = generateKeyPairSync("rsa", { modulusLength: 2048 });
    publicKey = pair.publicKey.export({ type: "spki", format: "pem" }).toString();
    await writeFile(options.writeSenderKey, pair.privateKey.export({ type: "pkcs8", format: "pem" }).toString(), { mode: 0o600 });
    senderKeyFile = options.writeSenderKey;
  }
  const recipients = options.recipientsFile ? parseRecipients(await readFile(options.recipientsFile, "utf8"), options.recipientsFile) : DEMO_RECIPIENTS;
  const sandbox = createDigipostSandbox({ senders: new Map([[senderId, publicKey]]), recipients, ...(options.faults ? { faults: options.faults } : {}) });
  const url = await sandbox.listen(options.port ?? 4020, options.host ?? "127.0.0.1");
  return { sandbox, url, senderId, senderKeyFile, recipients: recipients.length };
}

function parseRecipients(text: string, file: string): SandboxRecipient[] {
  const json = JSON.parse(text) as unknown;
  if (!Array.isArray(json)) throw new Error(`${file}: expected an array of recipients`);
  return json.map((r: Record<string, unknown>, i) => {
    for (const k of ["name", "addressline1", "postalcode", "city"]) if (typeof r[k] !== "string") throw new Error(`${file}: [${i}].${k} must be a string`);
    if (typeof r.hasMailbox !== "boolean") throw new Error(`${file}: [${i}].hasMailbox must be true or false`);
    return r as unknown as SandboxRecipient;
  });
}
