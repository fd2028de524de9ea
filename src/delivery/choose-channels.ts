import type { LocalDate } from "../domain/calendar/local-date.js";
import type { ReasonText } from "../domain/case/index.js";
import type { ChannelName } from "./letter-channel.js";

/**
 * Which channels may carry a debtor's letter, in the order to try them, each with its reason in
 * words in Norwegian and English (the letter row keeps the English; the case's timeline both). Pure: the facts and today are given.
 *
 * The law (inkassoloven § 3 a, in force since 2017-04-18): a collection letter may be sent
 * electronically only "på betryggende måte" — to a digital mailbox the debtor has created
 * (Digipost), or to an e-mail address the debtor has recently used with the creditor or the
 * agency and that is the debtor's own (recorded with its origin and date). Otherwise on paper.
 * Businesses: e-mail where the address is known and lawful (a recorded address, or the address
 * the business invoices are sent to with the creditor), else paper.
 */

/** How long after its last use an e-mail address counts as "recently used" (agency policy; the law names no number). */
export const EMAIL_RECENT_DAYS = 365;

export interface EmailFact {
  readonly address: string;
  readonly origin: string;
  readonly usedOn: LocalDate;
  readonly debtorsOwn: boolean;
}

export interface ChannelFacts {
  readonly debtorType: "consumer" | "business";
  /** null: not asked (Digipost is not configured, or could not be asked). */
  readonly hasDigipostMailbox: boolean | null;
  readonly emailFacts: readonly EmailFact[];
  /** The e-mail the creditor's ledger has for the customer (for businesses only: their invoicing address). */
  readonly ledgerEmail: string | null;
  readonly hasPostalAddress: boolean;
  readonly today: LocalDate;
  /** The channels this deployment has configured. */
  readonly available: readonly ChannelName[];
}

export interface PlannedChannel {
  readonly channel: ChannelName;
  readonly reason: ReasonText;
  /** For e-mail: the address found lawful. */
  readonly email?: string;
}

export interface ChannelPlan {
  readonly channels: readonly PlannedChannel[];
  /** Why electronic channels were passed over, in words (kept with the choice). */
  readonly passedOver: readonly ReasonText[];
}

export function chooseChannels(facts: ChannelFacts): ChannelPlan {
  const channels: PlannedChannel[] = [];
  const passedOver: ReasonText[] = [];
  const has = (c: ChannelName) => facts.available.includes(c);

  if (facts.debtorType === "consumer") {
    if (!has("digipost")) passedOver.push({ nb: "Digipost er ikke satt opp", en: "Digipost is not configured" });
    else if (facts.hasDigipostMailbox === true) channels.push({ channel: "digipost", reason: { nb: "skyldneren har opprettet en egen Digipost-postkasse (inkassoloven § 3 a)", en: "the debtor has a Digipost mailbox of their own (inkassoloven § 3 a)" } });
    else if (facts.hasDigipostMailbox === false) passedOver.push({ nb: "skyldneren har ingen Digipost-postkasse", en: "the debtor has no Digipost mailbox" });
    else passedOver.push({ nb: "Digipost kunne ikke svare på om skyldneren har en postkasse", en: "Digipost could not be asked whether the debtor has a mailbox" });
  }

  const email = lawfulEmail(facts, passedOver);
  if (email && !has("email")) passedOver.push({ nb: "e-post er ikke satt opp", en: "e-mail is not configured" });
  else if (email) channels.push({ channel: "email", reason: email.reason, email: email.address });

  if (!has("paper")) passedOver.push({ nb: "papirpost er ikke satt opp", en: "paper is not configured" });
  else if (facts.hasPostalAddress)
    channels.push({
      channel: "paper",
      reason: channels.length === 0 ? { nb: "ingen lovlig elektronisk kanal: på papir", en: "no lawful electronic channel: on paper" } : { nb: "på papir hvis de elektroniske kanalene feiler", en: "on paper if the electronic channels fail" },
    });
  else passedOver.push({ nb: "skyldneren har ingen postadresse", en: "the debtor has no postal address" });

  return { channels, passedOver };
}

function lawfulEmail(facts: ChannelFacts, passedOver: ReasonText[]): { address: string; reason: ReasonText } | undefined {
  const recentFrom = facts.today.minusDays(EMAIL_RECENT_DAYS);
  const sorted = [...facts.emailFacts].sort((a, b) => b.usedOn.compare(a.usedOn));
  for (const fact of sorted) {
    if (facts.debtorType === "consumer" && !fact.debtorsOwn) {
      passedOver.push({ nb: `${fact.address} er ikke registrert som skyldnerens egen`, en: `${fact.address} is not recorded as the debtor's own` });
      continue;
    }
    if (facts.debtorType === "consumer" && fact.usedOn.isBefore(recentFrom)) {
      passedOver.push({ nb: `${fact.address} ble sist brukt ${fact.usedOn.toNorwegian()}, for mer enn ${EMAIL_RECENT_DAYS} dager siden`, en: `${fact.address} was last used on ${fact.usedOn}, more than ${EMAIL_RECENT_DAYS} days ago` });
      continue;
    }
    const own = facts.debtorType === "consumer";
    return {
      address: fact.address,
      reason: {
        nb: `e-post til ${fact.address}, brukt av skyldneren ${fact.usedOn.toNorwegian()} (${fact.origin})${own ? ", skyldnerens egen (inkassoloven § 3 a)" : ""}`,
        en: `e-mail to ${fact.address}, used by the debtor on ${fact.usedOn} (${fact.origin})${own ? ", the debtor's own (inkassoloven § 3 a)" : ""}`,
      },
    };
  }
  if (facts.debtorType === "business" && facts.ledgerEmail) {
    return { address: facts.ledgerEmail, reason: { nb: `e-post til ${facts.ledgerEmail}, foretakets adresse hos kreditor`, en: `e-mail to ${facts.ledgerEmail}, the business's address with the creditor` } };
  }
  if (facts.debtorType === "consumer" && sorted.length === 0) {
    passedOver.push(
      facts.ledgerEmail
        ? { nb: "e-postadressen i regnskapet er ikke registrert som brukt av skyldneren (inkassoloven § 3 a)", en: "the ledger's e-mail address is not recorded as used by the debtor (inkassoloven § 3 a)" }
        : { nb: "ingen e-postadresse registrert", en: "no e-mail address recorded" },
    );
  }
  return undefined;
}
