import type { SecretBox } from "../access/secret-box.js";
import { LocalDate, norwegianDate } from "../domain/calendar/local-date.js";
import { appendTimeline, holdCaseForNoAddress, lockCase, moveLetterDeadline } from "../collection/cases/case-store.js";
import type { LetterModel } from "../collection/letters/letter-model.js";
import { renderLetterPdf } from "../collection/letters/render-letter.js";
import { modelFromJson } from "../collection/letters/render-queued.js";
import { parseCollectionSettings } from "../collection/settings.js";
import { deadlinesFor } from "../domain/case/terms.js";
import { swedishEventFor } from "../domain/case/sweden.js";
import { withReason, type ReasonText } from "../domain/case/index.js";
import type { SwedishRuleSet } from "../domain/jurisdictions/se/se-rule-set.js";
import { loadRuleBook } from "../platform/rule-book.js";
import type { Database, Queryable } from "../platform/db/database.js";
import { chooseChannels, type EmailFact } from "./choose-channels.js";
import { CHANNEL_NAMES, letterIdempotencyKey, type ChannelName, type LetterChannel, type OutgoingLetter, type Recipient } from "./letter-channel.js";

/**
 * The delivery step, after rendering: every rendered letter still queued for delivery gets its
 * channels by law and data, is sent on the first that takes it, and its status is recorded —
 * queued → sent (→ delivered / read, by `refreshLetterStatuses`), or failed on one channel → the
 * next channel, or cancelled when its case was closed or paused since it was queued.
 *
 * Crash safety: an attempt row (`pending`, with the idempotency key derived from the letter id)
 * is committed before a channel is called and completed after. A pending attempt found later
 * means we crashed in between: an idempotent channel (Digipost deduplicates by message id; the
 * print batch is keyed by letter) is simply called again with the same key; a channel that is
 * not (SMTP) is not called again, and the letter is marked in-doubt for a person to check.
 *
 * The case's deadline moves with a letter that leaves late (`moveLetterDeadline`, through the
 * case store), and the channel chosen and why is written to the case's timeline.
 */

export interface DeliveryDeps {
  readonly database: Database;
  readonly channels: Partial<Record<ChannelName, LetterChannel>>;
  readonly today: LocalDate;
  /**
   * Why no letter may leave (Config.lettersRefused: outside the demo, the agency's identity is
   * incomplete or invalid); non-empty: nothing is sent and the step throws `LettersRefusedError`.
   */
  readonly lettersRefused: readonly string[];
  /** Opens the debtor's stored national identity number for Digipost; without it Digipost identifies by name and address. */
  readonly box?: SecretBox;
  /** The first retry after a channel was down waits this long, doubling with each failure (default 60 s). */
  readonly retryBaseSeconds?: number;
  /** The Swedish rules a Swedish case's late letter gets its deadline by (absent: the rules shipped with the code). */
  readonly swedishRules?: SwedishRuleSet;
  /** Test seam: runs after a channel accepted a letter and before that is recorded (a crash there is what idempotency guards). */
  readonly afterAccept?: (letterId: string, channel: ChannelName) => void | Promise<void>;
}

export interface DeliveryCounts {
  sent: number;
  failed: number;
  cancelled: number;
  waiting: number;
  inDoubt: number;
}

interface LetterRow {
  id: string;
  creditor_id: string;
  case_id: string;
  case_number: string;
  kind: string;
  model: unknown;
  pdf: Buffer;
  /** A copy sent again (src/delivery/resend-copy.ts): keeps the original's deadline. */
  copy_of: string | null;
  closed_on: string | null;
  close_reason: string | null;
  hold_kind: string | null;
  hold_reason: string | null;
  debtor_id: string;
  debtor_type: "consumer" | "business";
  national_id_enc: string | null;
  org_number: string | null;
  email: string | null;
}

interface AttemptRow {
  id: number;
  channel: ChannelName;
  outcome: string;
  permanent: boolean | null;
  address: string | null;
  detail: string | null;
}

/** The delivery step was asked to send while letters are refused (the agency's identity is not complete). */
export class LettersRefusedError extends Error {
  constructor(readonly reasons: readonly string[]) {
    super(`no letter is sent:\n${reasons.map((r) => `  - ${r}`).join("\n")}`);
    this.name = "LettersRefusedError";
  }
}

/** Delivers up to `limit` letters; returns what happened to them. */
export async function deliverQueuedLetters(deps: DeliveryDeps, limit: number): Promise<DeliveryCounts> {
  if (deps.lettersRefused.length > 0) throw new LettersRefusedError(deps.lettersRefused);
  const rows = await deps.database.query<LetterRow>(
    `select l.id, l.creditor_id, l.case_id, c.case_number, l.kind, l.model, l.pdf, l.copy_of, c.closed_on, c.close_reason, c.hold_kind, c.hold_reason,
            d.id as debtor_id, d.type as debtor_type, d.national_id_enc, d.org_number, d.email
       from letters l join cases c on c.id = l.case_id join debtors d on d.id = c.debtor_id
      where l.status = 'rendered' and l.delivery_status = 'queued' and l.pdf is not null
        -- A channel that was down: wait 2^(n-1) × the base delay after the n-th temporary failure (at most 6 hours).
        and not exists (
          select 1 from (select count(*) as n, max(a.finished_at) as last from letter_delivery_attempts a
                          where a.letter_id = l.id and (a.outcome = 'error' or (a.outcome = 'refused' and a.permanent = false))) f
           where f.n > 0 and f.last > now() - least(make_interval(secs => $2 * power(2, f.n - 1)), interval '6 hours'))
      order by l.created_at, l.id limit $1`,
    [limit, deps.retryBaseSeconds ?? 60],
  );
  const counts: DeliveryCounts = { sent: 0, failed: 0, cancelled: 0, waiting: 0, inDoubt: 0 };
  for (const row of rows) counts[await deliverOne(deps, row)]++;
  return counts;
}

async function deliverOne(deps: DeliveryDeps, row: LetterRow): Promise<keyof DeliveryCounts> {
  const { database } = deps;
  // A back-office document sent as a letter (src/collection/documents/document-letters.ts): its own PDF, no deadline to move; a filing goes to an authority on paper.
  const document = (row.model as { document?: { toAuthority: boolean } }).document;
  const cancelled = cancelledBecause(row, document !== undefined);
  if (cancelled) {
    await database.transaction(async (tx) => {
      // A try cut off before the case closed may have reached the debtor: say so on the attempt, do not repeat it.
      await tx.query(
        "update letter_delivery_attempts set outcome = 'in-doubt', detail = coalesce(detail || '; ', '') || 'interrupted; not repeated because the case closed or paused since', finished_at = now() where letter_id = $1 and outcome = 'pending'",
        [row.id],
      );
      await setLetter(tx, row, { status: "cancelled", reason: cancelled });
      await history(tx, row, "cancelled", null, cancelled.en);
    });
    return "cancelled";
  }

  const attempts = await database.query<AttemptRow>("select id, channel, outcome, permanent, address, detail from letter_delivery_attempts where letter_id = $1 order by id", [row.id]);
  let model = modelFromJson(row.model);
  // Leaving later than the day it was written for (a channel was down, the step ran late): the
  // deadline runs from today, on the letter and on the case. A try cut off by a crash is resumed as it was.
  if (row.copy_of === null && !document && model.sentOn.isBefore(deps.today) && !attempts.some((a) => a.outcome === "pending" || a.outcome === "accepted")) {
    ({ model, pdf: row.pdf } = await moveDeadlineToToday(deps, row, model));
  }
  const recipient: Recipient = {
    type: document?.toAuthority ? "business" : row.debtor_type,
    name: model.debtor.name,
    address: model.debtor.address,
    nationalId: openNationalId(deps.box, row.national_id_enc),
    orgNumber: row.org_number,
    email: null,
  };
  const letter = (channel: ChannelName, email: string | null): OutgoingLetter => ({
    letterId: row.id,
    creditorId: row.creditor_id,
    caseId: row.case_id,
    caseNumber: row.case_number,
    kind: model.kind,
    sendOn: deps.today,
    pdf: row.pdf,
    model,
    recipient: channel === "email" ? { ...recipient, email } : recipient,
    idempotencyKey: letterIdempotencyKey(row.id),
  });

  // A try cut off by a crash: repeat it where the channel deduplicates, otherwise stop and say so.
  const pending = attempts.find((a) => a.outcome === "pending");
  if (pending) {
    const channel = deps.channels[pending.channel];
    if (!channel || !channel.idempotent) {
      const why: ReasonText = {
        nb: `et forsøk ${CHANNEL_WORDS[pending.channel].nb} ble avbrutt etter at det startet; brevet kan ha nådd skyldneren og sendes derfor ikke på nytt av seg selv — sjekk med leverandøren (${pending.channel}), og send det på nytt eller merk det som sendt`,
        en: `a try on ${pending.channel} was interrupted after it started; it may have reached the debtor, so it is not sent again automatically — check with the ${pending.channel} provider, then resend or mark it sent`,
      };
      await database.transaction(async (tx) => {
        await tx.query("update letter_delivery_attempts set outcome = 'in-doubt', detail = $2, finished_at = now() where id = $1", [pending.id, why.en]);
        await setLetter(tx, row, { status: "in-doubt", channel: pending.channel, reason: why });
        await history(tx, row, "in-doubt", pending.channel, why.en);
      });
      return "inDoubt";
    }
    return await tryChannel(deps, row, channel, letter(channel.name, pending.address), pending.id, { nb: `gjenopptatt ${CHANNEL_WORDS[channel.name].nb} etter et avbrutt forsøk`, en: pending.detail ?? `resumed on ${channel.name} after an interrupted try` });
  }

  const failedFor = new Set(attempts.filter((a) => a.permanent === true).map((a) => a.channel));
  const available = CHANNEL_NAMES.filter((c) => deps.channels[c] !== undefined && !failedFor.has(c) && (!document?.toAuthority || c === "paper"));
  const digipost = deps.channels.digipost;
  let hasDigipostMailbox: boolean | null = null;
  if (recipient.type === "consumer" && digipost && available.includes("digipost")) {
    try {
      hasDigipostMailbox = await digipost.reaches(recipient);
    } catch (e) {
      // Digipost cannot be asked now: the letter waits (a debtor with a mailbox must not get paper because Digipost was down).
      await database.query(
        "insert into letter_delivery_attempts (creditor_id, letter_id, channel, idempotency_key, outcome, permanent, detail, finished_at) values ($1, $2, 'digipost', $3, 'error', false, $4, now())",
        [row.creditor_id, row.id, letterIdempotencyKey(row.id), `identification: ${e instanceof Error ? e.message : String(e)}`],
      );
      return "waiting";
    }
  }
  const emailFacts = await database.query<{ address: string; origin: string; used_on: string; debtors_own: boolean }>(
    "select address, origin, used_on, debtors_own from debtor_digital_addresses where debtor_id = $1 and kind = 'email'",
    [row.debtor_id],
  );
  const plan = chooseChannels({
    debtorType: recipient.type,
    hasDigipostMailbox,
    emailFacts: emailFacts.map((f): EmailFact => ({ address: f.address, origin: f.origin, usedOn: LocalDate.parse(f.used_on), debtorsOwn: f.debtors_own })),
    ledgerEmail: row.email,
    hasPostalAddress: Boolean(model.debtor.address.line1.trim() && model.debtor.address.postcode.trim()),
    today: deps.today,
    available,
  });

  const first = plan.channels[0];
  if (!first) {
    const refused = [...failedFor].map((c) => ({ nb: `${c} avviste`, en: `${c} refused` }));
    const listed = joinTexts(refused.concat(plan.passedOver));
    const why = { nb: `ingen adresse: ingen kanal når skyldneren (${listed.nb})`, en: `no address: no channel can reach the debtor (${listed.en})` };
    await database.transaction(async (tx) => {
      await lockCase(tx, row.case_id);
      await setLetter(tx, row, { status: "failed", reason: why });
      await history(tx, row, "failed", null, why.en);
      // The case holds until someone finds an address (then resumes it and resends the letter).
      const letterWords = { nb: LETTER_WORDS_NB[model.kind] ?? model.kind, en: model.kind.replace("-", " ") };
      await holdCaseForNoAddress(tx, { creditorId: row.creditor_id, caseId: row.case_id, letterId: row.id, on: deps.today, reason: { nb: `${why.nb}; ${letterWords.nb} ble ikke sendt`, en: `${why.en}; the ${letterWords.en} was not sent` }, actor: "delivery" });
    });
    return "failed";
  }
  const channel = deps.channels[first.channel]!;
  const reasons = joinTexts([first.reason, ...plan.passedOver]);
  // The letter row and the attempt keep the English (an operator's detail); the timeline both.
  const reason = reasons.en;
  const [attempt] = await database.query<{ id: number }>(
    "insert into letter_delivery_attempts (creditor_id, letter_id, channel, idempotency_key, address, detail) values ($1, $2, $3, $4, $5, $6) returning id",
    [row.creditor_id, row.id, channel.name, letterIdempotencyKey(row.id), first.email ?? null, reason],
  );
  const outcome = await tryChannel(deps, row, channel, letter(channel.name, first.email ?? null), attempt!.id, reasons);
  // Refused for good on this channel: straight on to the next one.
  if (outcome === "failed") return deliverOne(deps, row);
  return outcome;
}

async function tryChannel(deps: DeliveryDeps, row: LetterRow, channel: LetterChannel, letter: OutgoingLetter, attemptId: number, reasons: ReasonText): Promise<keyof DeliveryCounts> {
  const reason = reasons.en;
  let result;
  try {
    result = await channel.send(letter);
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    await deps.database.query("update letter_delivery_attempts set outcome = 'error', permanent = false, detail = $2, finished_at = now() where id = $1", [attemptId, why]);
    return "waiting";
  }
  if (result.kind === "accepted") {
    await deps.afterAccept?.(row.id, channel.name);
    await deps.database.transaction(async (tx) => {
      await tx.query("update letter_delivery_attempts set outcome = 'accepted', channel_message_id = $2, finished_at = now() where id = $1", [attemptId, result.messageId]);
      await setLetter(tx, row, { status: "sent", channel: channel.name, messageId: result.messageId, reason: reasons, dispatchedOn: deps.today });
      await history(tx, row, "sent", channel.name, result.detail ?? reason);
      // The channel chosen and why, on the case's timeline.
      await appendTimeline(tx, [
        { creditorId: row.creditor_id, caseId: row.case_id, on: deps.today.toString(), actor: "delivery", type: "letter-sent", stage: null, ...withReason({ letterId: row.id, kind: letter.kind, channel: channel.name }, { nb: `${CHANNEL_WORDS[channel.name].nb}: ${reasons.nb}`, en: `by ${CHANNEL_WORDS[channel.name].en}: ${reasons.en}` }), dedupeKey: `letter-sent:${row.id}:${channel.name}` },
      ]);
    });
    return "sent";
  }
  await deps.database.transaction(async (tx) => {
    await tx.query("update letter_delivery_attempts set outcome = 'refused', permanent = $2, detail = $3, finished_at = now() where id = $1", [attemptId, result.permanent, result.reason]);
    if (result.permanent) await history(tx, row, "failed", channel.name, result.reason);
  });
  return result.permanent ? "failed" : "waiting";
}

/**
 * The letter re-dated to today with the deadline a letter sent today gets (the creditor's terms,
 * never less than the law's minimum), re-rendered, and the case's deadline moved with it.
 */
async function moveDeadlineToToday(deps: DeliveryDeps, row: LetterRow, model: LetterModel): Promise<{ model: LetterModel; pdf: Buffer }> {
  return deps.database.transaction(async (tx) => {
    await lockCase(tx, row.case_id);
    const [creditor] = await tx.query<{ settings: { collection?: unknown } | null; jurisdiction: string }>("select settings, jurisdiction from creditors where id = $1", [row.creditor_id]);
    const terms = parseCollectionSettings(creditor?.settings?.collection);
    const computed = creditor?.jurisdiction === "SE" ? swedishDeadline(deps, model, terms) : norwegianDeadline(deps.today, model, terms);
    const to = computed.isAfter(model.deadline) ? computed : model.deadline;
    const moved: LetterModel = { ...model, sentOn: deps.today, deadline: to };
    const pdf = await renderLetterPdf(moved);
    // Only the three letters whose deadline a case's step waits for move the case (a plan's or a filing's letter has none of its own).
    if (!to.equals(model.deadline) && (model.kind === "reminder" || model.kind === "collection-notice" || model.kind === "payment-demand")) {
      await moveLetterDeadline(tx, { creditorId: row.creditor_id, caseId: row.case_id, letterId: row.id, kind: model.kind, writtenOn: model.sentOn, leavesOn: deps.today, from: model.deadline, to, actor: "delivery" });
    }
    await tx.query("update letters set deadline = $2, model = $3, pdf = $4 where id = $1", [row.id, to.toString(), JSON.stringify(moved), pdf]);
    return { model: moved, pdf };
  });
}

/** The deadline a Norwegian letter sent today gets (inkassoloven §§ 9–10 minimums, the creditor's terms). */
function norwegianDeadline(today: LocalDate, model: LetterModel, terms: ReturnType<typeof parseCollectionSettings>): LocalDate {
  const due = deadlinesFor(today, terms);
  return model.kind === "reminder" ? due.reminder : model.kind === "collection-notice" ? due.notice : due.demand;
}

/**
 * The deadline a Swedish letter sent today gets (`swedishEventFor`): a påminnelse the creditor's
 * days moved to a bank day; an inkassokrav at least 8 days from sending and 4 bank days after the
 * presumed receipt (god inkassosed, IMY), Swedish holidays counted. An amorteringsplan's
 * confirmation (its first instalment) and a betalningsföreläggande application keep their dates.
 */
function swedishDeadline(deps: DeliveryDeps, model: LetterModel, terms: ReturnType<typeof parseCollectionSettings>): LocalDate {
  if (model.kind !== "reminder" && model.kind !== "collection-notice") return model.deadline;
  const swedishRules = deps.swedishRules ?? loadRuleBook().SE;
  const event = swedishEventFor(model.kind === "reminder" ? "send-reminder" : "send-collection-notice", deps.today, { creditor: { vatRegistered: true, settings: terms, jurisdiction: "SE" }, swedishRules });
  return "deadline" in event ? event.deadline : model.deadline;
}

const CHANNEL_WORDS: Record<ChannelName, ReasonText> = {
  digipost: { nb: "med Digipost", en: "Digipost" },
  email: { nb: "med e-post", en: "e-mail" },
  paper: { nb: "på papir (utskriftsbunke)", en: "paper (print batch)" },
};

/** A letter kind in Norwegian words, for the timeline ("inkassovarselet ble ikke sendt"). */
const LETTER_WORDS_NB: Partial<Record<string, string>> = { reminder: "purringen", "collection-notice": "inkassovarselet", "payment-demand": "betalingsoppfordringen" };

/** "a; b; c" in each language. */
function joinTexts(items: readonly ReasonText[]): ReasonText {
  return { nb: items.map((i) => i.nb).join("; "), en: items.map((i) => i.en).join("; ") };
}

/** The debtor's national identity number, when stored and openable; otherwise the channels identify by name and address. */
function openNationalId(box: SecretBox | undefined, sealed: string | null): string | null {
  if (!box || !sealed) return null;
  try {
    return box.decrypt(sealed);
  } catch {
    return null;
  }
}

/** Why a case closed, in Norwegian words (the codes of `CLOSE_REASONS`). */
const CLOSE_REASON_NB: Record<string, string> = { paid: "betalt", credited: "kreditert", withdrawn: "trukket tilbake", "written-off": "avskrevet" };

function cancelledBecause(row: LetterRow, document: boolean): ReasonText | undefined {
  if (row.closed_on) {
    const reason = row.close_reason ?? "closed";
    return { nb: `ikke sendt: saken ble avsluttet (${CLOSE_REASON_NB[reason] ?? reason}) ${norwegianDate(row.closed_on)}`, en: `not sent: the case was closed (${reason}) on ${row.closed_on}` };
  }
  if (row.hold_kind === "paused") {
    // A person's own reason for the pause is quoted as written.
    const why = row.hold_reason ? ` (${row.hold_reason})` : "";
    return { nb: `ikke sendt: saken er satt på pause${why}`, en: `not sent: the case is paused${why}` };
  }
  // The plan's own confirmation is what the plan holds the case for.
  if (row.hold_kind === "payment-plan" && !(document && row.kind === "payment-plan")) return { nb: "ikke sendt: saken har en betalingsavtale", en: "not sent: the case is on a payment plan" };
  return undefined;
}

/** The letter's delivery state; its reason in English (`delivery_reason`) and in both languages for the case page. */
async function setLetter(tx: Queryable, row: LetterRow, change: { status: string; channel?: ChannelName; messageId?: string; reason: ReasonText; dispatchedOn?: LocalDate }): Promise<void> {
  await tx.query(
    `update letters set delivery_status = $2, channel = coalesce($3, channel), channel_message_id = coalesce($4, channel_message_id), delivery_reason = $5,
            delivery_reason_text = $7, dispatched_on = coalesce($6, dispatched_on), delivery_updated_at = now() where id = $1`,
    [row.id, change.status, change.channel ?? null, change.messageId ?? null, change.reason.en, change.dispatchedOn?.toString() ?? null, JSON.stringify(change.reason)],
  );
}

async function history(tx: Queryable, row: { id: string; creditor_id: string }, status: string, channel: ChannelName | null, detail: string): Promise<void> {
  await tx.query("insert into letter_status_history (creditor_id, letter_id, status, channel, detail) values ($1, $2, $3, $4, $5)", [row.creditor_id, row.id, status, channel, detail]);
}

/**
 * Reads back what the channels know of letters sent (Digipost tells delivered and read; SMTP and
 * paper cannot) and records changes; a letter a channel reports failed goes back to the queue
 * for the next channel.
 */
export async function refreshLetterStatuses(deps: Pick<DeliveryDeps, "database" | "channels">, limit = 500): Promise<{ changed: number }> {
  const rows = await deps.database.query<{ id: string; creditor_id: string; channel: ChannelName; channel_message_id: string; delivery_status: string }>(
    "select id, creditor_id, channel, channel_message_id, delivery_status from letters where delivery_status in ('sent', 'delivered') and channel_message_id is not null order by delivery_updated_at limit $1",
    [limit],
  );
  let changed = 0;
  for (const row of rows) {
    const channel = deps.channels[row.channel];
    if (!channel) continue;
    const status = await channel.status(row.channel_message_id).catch(() => ({ kind: "unknown" as const }));
    const next = status.kind === "delivered" || status.kind === "read" || status.kind === "failed" ? status.kind : undefined;
    if (!next || next === row.delivery_status) continue;
    const detail = status.kind === "failed" ? status.reason : status.kind === "delivered" ? (status.detail ?? "delivered") : next;
    await deps.database.transaction(async (tx) => {
      if (next === "failed") {
        // The channel gave up after accepting: that channel is closed for this letter, the next one is tried.
        await tx.query("update letter_delivery_attempts set outcome = 'refused', permanent = true, detail = $2 where letter_id = $1 and channel = $3 and outcome = 'accepted'", [row.id, detail, row.channel]);
        await tx.query("update letters set delivery_status = 'queued', delivery_updated_at = now() where id = $1", [row.id]);
      } else {
        await tx.query("update letters set delivery_status = $2, delivery_updated_at = now() where id = $1", [row.id, next]);
      }
      await history(tx, row, next, row.channel, detail);
    });
    changed++;
  }
  return { changed };
}
