import { readFileSync } from "node:fs";
import type { DeliveryConfig } from "../platform/config.js";
import { digipostChannel } from "./digipost/digipost-channel.js";
import { emailChannel } from "./email/email-channel.js";
import type { ChannelName, LetterChannel } from "./letter-channel.js";
import { paperChannel } from "./paper/paper-channel.js";

/**
 * The delivery channels from the configuration (`Config.delivery`, read once from the
 * FORDRING_DIGIPOST_*, FORDRING_SMTP_URL, FORDRING_MAIL_FROM and FORDRING_PRINT_DIR variables by
 * src/platform/config.ts; docs/LETTERS.md § Configuration). The Digipost key file is read here,
 * at start: an unreadable one stops the start with the variable's name.
 */
export class DeliveryConfigError extends Error {}

export type DeliveryChannels = Partial<Record<ChannelName, LetterChannel>> & { paper?: ReturnType<typeof paperChannel> };

export function channelsFrom(settings: DeliveryConfig): DeliveryChannels {
  let digipost: LetterChannel | undefined;
  if (settings.digipost) {
    let privateKey: string;
    try {
      privateKey = readFileSync(settings.digipost.keyFile, "utf8");
    } catch (e) {
      throw new DeliveryConfigError(`FORDRING_DIGIPOST_KEY_FILE: cannot read ${settings.digipost.keyFile}: ${(e as Error).message}`);
    }
    digipost = digipostChannel({ url: settings.digipost.url, senderId: settings.digipost.senderId, privateKey, printFallback: settings.digipost.printFallback });
  }
  return {
    ...(digipost ? { digipost } : {}),
    ...(settings.email ? { email: emailChannel(settings.email) } : {}),
    ...(settings.printDir ? { paper: paperChannel({ dir: settings.printDir }) } : {}),
  };
}
