import { formatDate } from "./format";
import { hasMessage, labelOr, translate, type Locale } from "./i18n";

/**
 * A case's words in the reader's language, from the codes the API sends (stage, event type, close
 * reason), so a page never mixes the server's language with the portal's. The server's own text is
 * shown only for a code the portal does not know yet.
 */

/** The status line of a stage ("Inkassovarsel sendt"); the API's `statusText` is the ledger's Norwegian. */
export function statusLabel(locale: Locale, stage: string, serverText: string): string {
  return labelOr(locale, `status.${stage}`, serverText);
}

/** A timeline step; a letter step that stopped at an approval gate says so. */
export function timelineLabel(locale: Locale, e: { type: string; stage: string | null; text: string }): string {
  const gated = e.type.startsWith("send-") || e.type === "payment-demand-deadline-passed";
  const gate = gated && e.stage ? `eventGate.${e.stage}` : "";
  if (gate && hasMessage(gate)) return translate(locale, gate);
  return labelOr(locale, `event.${e.type}`, e.text);
}

/** The start of late interest a Swedish step recorded (räntelagen 4 §), read from the timeline row's data. */
export function interestStartOf(data: unknown): { date: string; source: string } | null {
  const start = data && typeof data === "object" ? (data as { interestStart?: unknown }).interestStart : undefined;
  if (!start || typeof start !== "object") return null;
  const { date, source } = start as { date?: unknown; source?: unknown };
  return typeof date === "string" ? { date, source: typeof source === "string" ? source : "" } : null;
}

/** "Dröjsmålsränta från 04.01.2027 (räntelagen 4 §)", in the reader's words. */
export function interestStartLabel(locale: Locale, start: { date: string; source: string }): string {
  return translate(locale, "interest.startsOn", { date: formatDate(start.date, locale), source: shortCitation(locale, start.source) });
}

/** The next planned step, in the future tense. */
export function nextLabel(locale: Locale, next: { event: string; text: string }): string {
  const key = `next.${next.event}`;
  return hasMessage(key) ? translate(locale, key) : labelOr(locale, `event.${next.event}`, next.text);
}

/**
 * What follows a hold's name on the case page: the reader's words for a reason the system set (an
 * insolvency's kind; no channel reaching the debtor, whose stored reason begins "no address"), a
 * person's own reason as written, nothing for a payment plan (its reason is the plan's id; the
 * plan is shown on the page).
 */
export function holdReasonLabel(locale: Locale, hold: { kind: string; reason: string | null }): string | null {
  if (!hold.reason || hold.kind === "payment-plan") return null;
  if (hold.kind === "insolvency") return labelOr(locale, `insolvency.${hold.reason}`, hold.reason);
  if (hold.kind === "paused" && hold.reason.startsWith("no address")) return translate(locale, "hold.noAddress");
  return hold.reason;
}

/** Why a case closed ("betalt", "trukket tilbake"), or the code when new. */
export function closeReasonLabel(locale: Locale, reason: string | null): string {
  return reason ? labelOr(locale, `closeReason.${reason}`, reason) : "";
}

/** "Avsluttet 05.12.2026 – trukket tilbake". */
export function closedLabel(locale: Locale, closedOn: string, reason: string | null): string {
  const date = formatDate(closedOn, locale);
  return reason ? translate(locale, "case.closedBecause", { date, reason: closeReasonLabel(locale, reason) }) : translate(locale, "case.closedOn", { date });
}

/**
 * What the cases list shows as the next step's date: nothing planned while a gate waits for the
 * user or a hold stands, "at the next run" for a date the daily cycle has already passed (the
 * step is due), otherwise the date.
 */
export function nextDateLabel(locale: Locale, c: { stage: string; hold: unknown; nextActionOn: string | null; closedOn: string | null; closeReason?: string | null }, today: string | null): string {
  if (c.closedOn) return closedLabel(locale, c.closedOn, c.closeReason ?? null);
  if (c.stage.startsWith("awaiting-")) return translate(locale, "case.waitingForApproval");
  if (c.hold) return translate(locale, "case.onHold");
  if (!c.nextActionOn) return "–";
  if (today && c.nextActionOn < today) return translate(locale, "case.nextAtNextRun");
  return formatDate(c.nextActionOn, locale);
}

/** A closed case owes nothing through the agency, whatever remained: paid, credited, withdrawn or written off. */
export function amountToPay(c: { closedOn: string | null }, total: string): { toPay: string; notCollected: string | null } {
  if (!c.closedOn) return { toPay: total, notCollected: null };
  return { toPay: "0.00", notCollected: /^-?0(\.0+)?$/.test(total) ? null : total };
}

/** English words of the rule data in a Scandinavian citation. */
const WORDS: Partial<Record<string, [RegExp, string][]>> = {
  nb: [[/\bchs?\. /g, "kap. "]],
  sv: [[/\bchs?\. /g, "kap. "]],
};

/**
 * The legal source of a charge as a short citation ("inkassoforskriften §§ 1-2, 1-3"): the law and
 * section before the research note (quotes, web sites, confidence codes), in the reader's words.
 */
export function shortCitation(locale: Locale, source: string): string {
  const citations = source
    .split(";")
    .map((part) => part.split(/\s\((?!\d{4}:)|\s\[|:\s|\s"|\sas\s|\s[–—]\s/)[0]!.trim())
    .map((part) => (/^creditor agreement$/i.test(part) ? translate(locale, "source.creditorAgreement") : part))
    .filter((part) => /§|\bchs?\.|\bkap\.|^lag\b/.test(part) || part === translate(locale, "source.creditorAgreement"));
  const unique = [...new Set(citations)].slice(0, 2);
  let out = unique.join("; ");
  for (const [re, word] of WORDS[locale] ?? []) out = out.replace(re, word);
  return out || source.split(/[;(]/)[0]!.trim();
}
