import { readFileSync } from "node:fs";
import path from "node:path";
import { digipostChannel } from "./digipost/digipost-channel.js";
import { emailChannel } from "./email/email-channel.js";
import type { ChannelName, LetterChannel } from "./letter-channel.js";
import { paperChannel } from "./paper/paper-channel.js";

/**
 * The delivery channels from the environment. TODO(lead): move these variables into
 * `src/platform/config.ts` (Config) — read here for now so that this module stays self-contained.
 *
 * | variable | meaning |
 * |---|---|
 * | FORDRING_DIGIPOST_URL | Digipost API base URL (https://api.digipost.no, or the sandbox's); unset: no Digipost |
 * | FORDRING_DIGIPOST_SENDER_ID | the sender (avsender) id |
 * | FORDRING_DIGIPOST_KEY_FILE | PEM file with the sender's private RSA key (the certificate's key) |
 * | FORDRING_DIGIPOST_PRINT_FALLBACK | `0`: do not let Digipost print for debtors without a mailbox (default on) |
 * | FORDRING_SMTP_URL | e.g. smtp://127.0.0.1:2525; unset: no e-mail |
 * | FORDRING_MAIL_FROM | the From address of letters by e-mail (required with FORDRING_SMTP_URL) |
 * | FORDRING_PRINT_DIR | where the print batches are written (default `<FORDRING_DATA_DIR>/print`); `off`: no paper channel |
 */
export interface DeliverySettings {
  readonly digipost?: { readonly url: string; readonly senderId: string; readonly privateKeyPem: string; readonly printFallback: boolean };
  readonly email?: { readonly smtpUrl: string; readonly from: string };
  readonly printDir?: string;
}

export class DeliveryConfigError extends Error {}

export function readDeliverySettings(env: Readonly<Record<string, string | undefined>> = process.env): DeliverySettings {
  const out: { -readonly [K in keyof DeliverySettings]: DeliverySettings[K] } = {};
  const url = env.FORDRING_DIGIPOST_URL?.trim();
  if (url) {
    const senderId = env.FORDRING_DIGIPOST_SENDER_ID?.trim();
    const keyFile = env.FORDRING_DIGIPOST_KEY_FILE?.trim();
    if (!senderId || !/^\d+$/.test(senderId)) throw new DeliveryConfigError(`FORDRING_DIGIPOST_SENDER_ID: "${senderId ?? ""}" is not a Digipost sender id (digits), required with FORDRING_DIGIPOST_URL`);
    if (!keyFile) throw new DeliveryConfigError("FORDRING_DIGIPOST_KEY_FILE: required with FORDRING_DIGIPOST_URL (the sender's private key, PEM)");
    let privateKeyPem: string;
    try {
      privateKeyPem = readFileSync(keyFile, "utf8");
    } catch (e) {
      throw new DeliveryConfigError(`FORDRING_DIGIPOST_KEY_FILE: cannot read ${keyFile}: ${(e as Error).message}`);
    }
    out.digipost = { url, senderId, privateKeyPem, printFallback: env.FORDRING_DIGIPOST_PRINT_FALLBACK !== "0" };
  }
  const smtpUrl = env.FORDRING_SMTP_URL?.trim();
  if (smtpUrl) {
    if (!/^smtps?:\/\//.test(smtpUrl)) throw new DeliveryConfigError(`FORDRING_SMTP_URL: "${smtpUrl}" is not an smtp:// or smtps:// URL`);
    const from = env.FORDRING_MAIL_FROM?.trim();
    if (!from || !/@/.test(from)) throw new DeliveryConfigError(`FORDRING_MAIL_FROM: "${from ?? ""}" is not an e-mail address, required with FORDRING_SMTP_URL`);
    out.email = { smtpUrl, from };
  }
  const printDir = env.FORDRING_PRINT_DIR?.trim();
  if (printDir !== "off") out.printDir = path.resolve(printDir || path.join(env.FORDRING_DATA_DIR || "./data", "print"));
  return out;
}

export type DeliveryChannels = Partial<Record<ChannelName, LetterChannel>> & { paper?: ReturnType<typeof paperChannel> };

export function channelsFrom(settings: DeliverySettings): DeliveryChannels {
  return {
    ...(settings.digipost ? { digipost: digipostChannel({ url: settings.digipost.url, senderId: settings.digipost.senderId, privateKey: settings.digipost.privateKeyPem, printFallback: settings.digipost.printFallback }) } : {}),
    ...(settings.email ? { email: emailChannel(settings.email) } : {}),
    ...(settings.printDir ? { paper: paperChannel({ dir: settings.printDir }) } : {}),
  };
}
