import type { LocalDate } from "../domain/calendar/local-date.js";
import type { LetterModel } from "../collection/letters/letter-model.js";

/**
 * The delivery port: one interface every way a letter can leave the agency implements (Digipost,
 * e-mail over SMTP, the print house's paper batch). The delivery step (`deliver-letters.ts`)
 * chooses the channels by law and data (`choose-channels.ts`), calls `send` with an idempotency
 * key derived from the letter id, and records what the channel answered.
 */

export type ChannelName = "digipost" | "email" | "paper";
export const CHANNEL_NAMES: readonly ChannelName[] = ["digipost", "email", "paper"];

/** A rendered letter ready to leave, with what each channel needs to reach the debtor. */
export interface OutgoingLetter {
  readonly letterId: string;
  readonly creditorId: string;
  readonly caseId: string;
  readonly caseNumber: string;
  readonly kind: LetterModel["kind"];
  /** The business date it is sent on (the print batch's day). */
  readonly sendOn: LocalDate;
  readonly pdf: Buffer;
  readonly model: LetterModel;
  readonly recipient: Recipient;
  /** Derived from the letter id: the same letter gets the same key on every try (Digipost message id, e-mail Message-ID). */
  readonly idempotencyKey: string;
}

export interface Recipient {
  readonly type: "consumer" | "business";
  readonly name: string;
  readonly address: LetterModel["debtor"]["address"] | null;
  /** Fødselsnummer / D-nummer, decrypted for the channel that identifies by it (Digipost); null when unknown. */
  readonly nationalId: string | null;
  readonly orgNumber: string | null;
  /** The e-mail address the choice found lawful, when e-mail was chosen. */
  readonly email: string | null;
}

export type SendResult =
  | { readonly kind: "accepted"; readonly messageId: string; readonly detail?: string }
  | { readonly kind: "refused"; readonly reason: string; readonly permanent: boolean };

/** What a channel knows about a message after it was accepted. */
export type ChannelStatus =
  | { readonly kind: "sent" }
  | { readonly kind: "delivered"; readonly detail?: string }
  | { readonly kind: "read" }
  | { readonly kind: "failed"; readonly reason: string }
  | { readonly kind: "unknown" };

export interface LetterChannel {
  readonly name: ChannelName;
  /**
   * True when sending again with the same idempotency key cannot reach the debtor twice (the
   * channel deduplicates, as Digipost does by message id, or we rebuild the output keyed by the
   * letter, as the print batch does). A try of a non-idempotent channel cut off by a crash is
   * not repeated: the letter is marked in-doubt for a person to check.
   */
  readonly idempotent: boolean;
  /** Whether the recipient can be reached electronically here (Digipost: has a mailbox). Channels without the question answer true. */
  reaches(recipient: Recipient): Promise<boolean>;
  send(letter: OutgoingLetter): Promise<SendResult>;
  /** The message's status now; channels that cannot tell answer `unknown`. */
  status(messageId: string): Promise<ChannelStatus>;
}

/** The idempotency key of a letter: stable per letter, the same on every try and every channel. */
export function letterIdempotencyKey(letterId: string): string {
  return `fordring-letter-${letterId}`;
}
