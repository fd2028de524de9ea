import { z } from "zod";
import { adjustDueDate } from "../../domain/calendar/due-date.js";
import { LocalDate } from "../../domain/calendar/local-date.js";
import { DomainError } from "../../domain/errors.js";
import { VAT_ADD_ON_BASES } from "../../domain/fees/vat-add-on.js";
import { TVANGSGRUNNLAG_KINDS } from "../../domain/legal/judgment.js";
import { SURVEILLANCE_REASONS } from "../../domain/case-lifecycle/events.js";
import { parseMoney } from "../../domain/money.js";
import { checkOrganisationNumber, COUNTRY_CURRENCY } from "../../domain/identifiers/by-country.js";
import { CollectionSettingsSchema, foreignSettings } from "../settings.js";

/**
 * A scenario file: a creditor's settings, its overdue invoices and what happens to them, run day
 * by day through the real case engine. The whole file is checked before anything runs; every
 * problem is listed with its JSON path.
 */
const IsoDate = z.string().refine(isCalendarDate, { message: "must be a calendar date YYYY-MM-DD" });

function isCalendarDate(text: string): boolean {
  try {
    LocalDate.parse(text);
    return true;
  } catch {
    return false;
  }
}
const Amount = z.string().regex(/^\d+(\.\d{1,2})?$/, 'must be a positive decimal amount such as "1500.00"');

const Address = z.object({ line1: z.string().min(1), line2: z.string().optional(), postcode: z.string().min(1), city: z.string().min(1), country: z.string().length(2).default("NO") });

const Invoice = z.object({
  id: z.string().min(1),
  debtor: z.object({
    type: z.enum(["consumer", "business"]),
    name: z.string().min(1),
    id: z.string().optional(),
    address: Address,
    orgNumber: z.string().optional(),
    language: z.enum(["nb", "en", "sv"]).optional(),
  }),
  amount: Amount,
  /** Absent: the scenario's currency. Every invoice of a scenario is in its one currency. */
  currency: z.enum(["NOK", "SEK"]).optional(),
  issued: IsoDate,
  due: IsoDate,
  description: z.string().optional(),
  /**
   * Where the claim stems from, for the salær's VAT add-on (inkassoforskriften § 2-2 second
   * paragraph): `not-vat-liable-business` for e.g. housing rent or health services from a
   * VAT-registered creditor. Kept on the case; the salær follows it (without it, the creditor's
   * `vatRegistered` decides).
   */
  vatAddOnBasis: z.enum(VAT_ADD_ON_BASES).optional(),
  /** SE: a påminnelseavgift was agreed in writing at the latest when the debt arose (lag (1981:739) 2 §); absent: the creditor's `reminderFeeAgreed`. */
  reminderFeeAgreed: z.boolean().optional(),
  /** SE: the due date was fixed in advance (räntelagen 3 §, default true); false: dröjsmålsränta from 30 days after the inkassokrav (4 §). */
  dueDateAgreed: z.boolean().optional(),
  /** A purring the creditor's ledger sent before transfer; `fee` absent: unknown, assumed charged (inkassoforskriften § 1-3). */
  ledgerReminder: z.object({ sent: IsoDate, deadline: IsoDate.optional(), fee: Amount.optional() }).optional(),
  /** An inkassovarsel the creditor's ledger sent before transfer (it counts for inkassoloven § 10 when lawful). */
  ledgerNotice: z.object({ sent: IsoDate, deadline: IsoDate, fee: Amount.optional() }).optional(),
});

const On = { on: IsoDate, invoice: z.string().min(1) };
const Event = z.discriminatedUnion("type", [
  z.object({ ...On, type: z.literal("payment"), amount: Amount, to: z.enum(["agency", "creditor"]).default("agency"), designation: z.enum(["fees", "salary", "legal-costs", "interest", "principal"]).optional() }),
  z.object({ ...On, type: z.literal("credit-note"), amount: Amount }),
  z.object({ ...On, type: z.literal("reversal"), amount: Amount }),
  z.object({ ...On, type: z.literal("pause"), reason: z.string().default("paused in scenario"), until: IsoDate.optional() }),
  z.object({ ...On, type: z.literal("resume") }),
  z.object({ ...On, type: z.literal("dispute"), reason: z.string().default("disputed in scenario") }),
  z.object({ ...On, type: z.literal("dispute-resolved") }),
  /** The case handler waives the costs charged (inkassoloven § 17); the reason is required. */
  z.object({ ...On, type: z.literal("waive-costs"), reason: z.string().min(1) }),
  z.object({ ...On, type: z.literal("withdraw") }),
  z.object({ ...On, type: z.literal("write-off") }),
  z.object({ ...On, type: z.literal("postpone"), to: IsoDate }),
  z.object({ ...On, type: z.literal("approve-payment-demand") }),
  z.object({ ...On, type: z.literal("approve-legal") }),
  /**
   * A legal step asked for on `on` (the filing day). NO: forliksklage (default) or utlegg; SE: the
   * application for betalningsföreläggande (step optional). With a forliksklage or a `tvangsgrunnlag` it is
   * filed (the filing document, `legal_proceedings`); `decided` records the judgment on that day
   * (ten years' limitation, foreldelsesloven § 21). An utlegg without a tvangsgrunnlag is recorded
   * on the lifecycle only, as before.
   */
  z.object({
    ...On,
    type: z.literal("legal-step"),
    step: z.enum(["forliksklage", "utlegg", "betalningsforelaggande"]).optional(),
    tvangsgrunnlag: z.object({ kind: z.enum(TVANGSGRUNNLAG_KINDS), reference: z.string().min(1), date: IsoDate }).optional(),
    decided: IsoDate.optional(),
  }),
  z.object({ ...On, type: z.literal("message"), text: z.string().min(1) }),
  /**
   * A payment plan agreed on the day: `instalments` as agreed ({ on, amount }), or `count` monthly
   * instalments from `first`. With `autoPay` (default) the debtor pays each instalment on its due
   * date, unless a `missed-instalment` event names it. SE: an amorteringsplan agreed with the debtor
   * (lag (1981:739) 3 § 2: 170 kr, the confirmation letter), without a schedule.
   */
  z.object({
    ...On,
    type: z.literal("payment-plan"),
    instalments: z.array(z.object({ on: IsoDate, amount: Amount })).min(1).optional(),
    count: z.number().int().min(1).max(120).optional(),
    first: IsoDate.optional(),
    kidPerInstalment: z.boolean().optional(),
    autoPay: z.boolean().default(true),
  }),
  /** The case goes to surveillance instead of closing (no means, written off, legal steps without result); the creditor gets a loss confirmation. */
  z.object({ ...On, type: z.literal("to-surveillance"), reason: z.enum(SURVEILLANCE_REASONS).default("no-means") }),
  /**
   * What the company register (or the estate) says about the debtor from this day: `bankrupt`,
   * `deceased` or `debt-settlement` stop ordinary collection with a claim notice; `active` ends an
   * insolvency hold (the proceedings ended without covering the claim).
   */
  z.object({ ...On, type: z.literal("company-status"), status: z.enum(["bankrupt", "deceased", "debt-settlement", "active"]) }),
  /** The debtor does not pay instalment `instalment` (1-based) of the plan agreed last (its `on` is the instalment's due date). */
  z.object({ ...On, type: z.literal("missed-instalment"), instalment: z.number().int().min(1) }),
]);

export const ScenarioSchema = z.object({
  /** NO: Norwegian law in NOK; SE: Swedish law in SEK (docs/RULES.md). */
  jurisdiction: z.enum(["NO", "SE"]),
  /** Absent: the jurisdiction's (NO: NOK, SE: SEK); another is refused. */
  currency: z.enum(["NOK", "SEK"]).optional(),
  start: IsoDate,
  days: z.number().int().min(1).max(3660),
  creditor: CollectionSettingsSchema.extend({
    name: z.string().default("Scenario Kreditor AS"),
    orgNumber: z.string().optional(),
    vatRegistered: z.boolean().default(true),
  }).default({} as never),
  invoices: z.array(Invoice).min(1),
  events: z.array(Event).default([]),
});

export type Scenario = z.output<typeof ScenarioSchema>;
export type ScenarioEvent = Scenario["events"][number];

export interface ScenarioIssue {
  path: string;
  message: string;
}

export class ScenarioError extends Error {
  constructor(readonly issues: ScenarioIssue[]) {
    super(`the scenario has ${issues.length} error${issues.length === 1 ? "" : "s"}:\n${issues.map((i) => `  ${i.path || "(root)"}: ${i.message}`).join("\n")}`);
    this.name = "ScenarioError";
  }
}

/** Parses and checks a scenario; throws a ScenarioError listing EVERY problem (nothing runs). */
export function parseScenario(json: unknown): Scenario & { currency: "NOK" | "SEK" } {
  const parsed = ScenarioSchema.safeParse(json);
  if (!parsed.success) {
    throw new ScenarioError(parsed.error.issues.map((i) => ({ path: pathOf(i.path), message: i.message })));
  }
  const s = parsed.data;
  const issues: ScenarioIssue[] = [];
  const date = (text: string, path: string): LocalDate | null => {
    try {
      return LocalDate.parse(text);
    } catch (e) {
      issues.push({ path, message: e instanceof DomainError ? e.message : String(e) });
      return null;
    }
  };
  const currency = s.currency ?? COUNTRY_CURRENCY[s.jurisdiction];
  if (currency !== COUNTRY_CURRENCY[s.jurisdiction]) issues.push({ path: "currency", message: `a ${s.jurisdiction} scenario is in ${COUNTRY_CURRENCY[s.jurisdiction]}, not ${currency}` });
  if (s.creditor.orgNumber !== undefined) {
    const org = checkOrganisationNumber(s.jurisdiction, s.creditor.orgNumber);
    if (!org.valid) issues.push({ path: "creditor.orgNumber", message: `${s.creditor.orgNumber} is ${org.reason}` });
  }
  const given = (json as { creditor?: unknown } | null)?.creditor;
  for (const f of foreignSettings(s.jurisdiction, given)) issues.push({ path: `creditor.${f.field}`, message: f.reason });
  const start = date(s.start, "start");
  const end = start?.plusDays(s.days - 1);
  const ids = new Set<string>();
  s.invoices.forEach((inv, i) => {
    if (ids.has(inv.id)) issues.push({ path: `invoices[${i}].id`, message: `"${inv.id}" appears more than once` });
    ids.add(inv.id);
    if (inv.currency !== undefined && inv.currency !== currency) issues.push({ path: `invoices[${i}].currency`, message: `${inv.currency} in a ${currency} scenario: one scenario, one currency (nothing is converted)` });
    if (s.jurisdiction === "SE" && inv.ledgerNotice) issues.push({ path: `invoices[${i}].ledgerNotice`, message: "an inkassovarsel from the ledger is a Norwegian letter (inkassoloven § 9); Swedish collection starts with the inkassokrav" });
    if (s.jurisdiction !== "SE" && inv.reminderFeeAgreed !== undefined) issues.push({ path: `invoices[${i}].reminderFeeAgreed`, message: "an agreed påminnelseavgift is Swedish law (lag (1981:739) 2 §); Norwegian reminder fees follow inkassoforskriften § 1-2" });
    if (s.jurisdiction !== "SE" && inv.dueDateAgreed !== undefined) issues.push({ path: `invoices[${i}].dueDateAgreed`, message: "an agreed due date decides the start of Swedish dröjsmålsränta (räntelagen 3–4 §§); Norwegian interest runs from the due date" });
    if (s.jurisdiction === "SE" && inv.vatAddOnBasis) issues.push({ path: `invoices[${i}].vatAddOnBasis`, message: "the salær's VAT add-on is Norwegian (inkassoforskriften § 2-2); Swedish fees are fixed" });
    const issued = date(inv.issued, `invoices[${i}].issued`);
    const due = date(inv.due, `invoices[${i}].due`);
    if (issued && due && due.isBefore(issued)) issues.push({ path: `invoices[${i}].due`, message: `${inv.due} is before the invoice date ${inv.issued}` });
    for (const [field, l] of [["ledgerReminder", inv.ledgerReminder], ["ledgerNotice", inv.ledgerNotice]] as const) {
      if (l?.deadline && l.deadline < l.sent) issues.push({ path: `invoices[${i}].${field}.deadline`, message: `${l.deadline} is before the letter was sent (${l.sent})` });
    }
    // gjeldsbrevloven § 5: the invoice is overdue only after its due date moved off weekends and holidays.
    const moved = due ? adjustDueDate(due, s.jurisdiction) : null;
    if (moved && end && !moved.isBefore(end)) {
      const why = moved.equals(due!) ? "" : ` (due ${inv.due} moves to ${moved}, gjeldsbrevloven § 5)`;
      issues.push({ path: `invoices[${i}].due`, message: `the invoice is not overdue before the scenario ends (${end})${why}` });
    }
    try {
      if (parseMoney(inv.amount, currency).amount <= 0) issues.push({ path: `invoices[${i}].amount`, message: "must be more than zero" });
    } catch (e) {
      issues.push({ path: `invoices[${i}].amount`, message: (e as Error).message });
    }
  });
  s.events.forEach((ev, i) => {
    const on = date(ev.on, `events[${i}].on`);
    if (on && start && end && (on.isBefore(start) || on.isAfter(end))) issues.push({ path: `events[${i}].on`, message: `${ev.on} is outside the scenario (${s.start} … ${end})` });
    if (!ids.has(ev.invoice)) issues.push({ path: `events[${i}].invoice`, message: `no invoice "${ev.invoice}" in the scenario` });
    if (ev.type === "pause" && ev.until) date(ev.until, `events[${i}].until`);
    if (ev.type === "postpone") date(ev.to, `events[${i}].to`);
    if (ev.type === "legal-step" && ev.step !== undefined && (ev.step === "betalningsforelaggande") !== (s.jurisdiction === "SE")) {
      issues.push({ path: `events[${i}].step`, message: s.jurisdiction === "SE" ? `${ev.step} is a Norwegian legal step; in Sweden the legal step is betalningsforelaggande (Kronofogden)` : "betalningsforelaggande is the Swedish legal step; in Norway: forliksklage or utlegg" });
    }
    if (ev.type === "approve-payment-demand" && s.jurisdiction === "SE") issues.push({ path: `events[${i}].type`, message: "the betalingsoppfordring is Norwegian (inkassoloven § 10); a Swedish case has the inkassokrav only" });
    if (ev.type === "legal-step" && ev.decided && (ev.decided < ev.on || (end && ev.decided > end.toString()))) issues.push({ path: `events[${i}].decided`, message: `${ev.decided} must be on or after the filing (${ev.on}) and within the scenario` });
    if (ev.type === "payment-plan" && s.jurisdiction === "NO" && !ev.instalments === !(ev.count && ev.first)) issues.push({ path: `events[${i}]`, message: "a payment plan needs either instalments or count and first" });
    if (ev.type === "payment-plan" && s.jurisdiction === "SE" && (ev.instalments || ev.count || ev.first)) issues.push({ path: `events[${i}]`, message: "a Swedish scenario's payment-plan records the amorteringsplan (its fee and confirmation); an instalment schedule is run for Norwegian cases only" });
    if (s.jurisdiction === "SE" && (ev.type === "to-surveillance" || ev.type === "company-status" || ev.type === "missed-instalment")) issues.push({ path: `events[${i}].type`, message: `${ev.type} is run for Norwegian cases only` });
    if ((ev.type === "payment" || ev.type === "credit-note" || ev.type === "reversal") && Number(ev.amount) <= 0) issues.push({ path: `events[${i}].amount`, message: "must be more than zero" });
  });
  for (let i = 1; i < s.events.length; i++) {
    if (s.events[i]!.on < s.events[i - 1]!.on) issues.push({ path: `events[${i}].on`, message: "events must be listed in date order" });
  }
  if (issues.length) throw new ScenarioError(issues);
  return { ...s, currency: currency as "NOK" | "SEK" };
}

function pathOf(path: readonly PropertyKey[]): string {
  return path.reduce<string>((acc, p) => (typeof p === "number" ? `${acc}[${p}]` : acc ? `${acc}.${String(p)}` : String(p)), "");
}
