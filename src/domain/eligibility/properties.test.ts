import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { LocalDate } from "../calendar/local-date.js";
import type { EligibilityContext } from "./assess.js";
import { evaluateEligibility, evaluateEligibilityStatus } from "./evaluate-eligibility.js";
import { type EligibilityCustomer, type EligibilityInvoice, INVOICE_STATUSES, JURISDICTIONS } from "./invoice.js";
import { TRANSFER_MINIMUMS } from "./legal-minimums.js";
import { PRESET_NAMES, settingsFromPreset } from "./presets.js";
import type { EligibilitySettings } from "./settings.js";

/** Laws that hold for every invoice, customer, setting and day. */
const FROM = LocalDate.parse("2019-01-01").epochDay;
const TO = LocalDate.parse("2027-12-31").epochDay;
const dayArb = fc.integer({ min: FROM, max: TO }).map((n) => LocalDate.ofEpochDay(n));
/** A day near `around`: mostly within two months, sometimes years away (limitation, activation). */
const near = (around: LocalDate): fc.Arbitrary<LocalDate> =>
  fc.oneof({ arbitrary: fc.integer({ min: -60, max: 30 }), weight: 6 }, { arbitrary: fc.integer({ min: -1300, max: 60 }), weight: 1 }).map((n) => around.plusDays(n));
const maybeNear = (around: LocalDate) => fc.option(near(around), { nil: null });
const groupsArb = fc.subarray(["staff", "vip", "public", "retail"]);
const currencyArb = fc.constantFrom("NOK" as const, "SEK" as const, "EUR" as const);
const sometimesGroups = fc.oneof({ arbitrary: fc.constant([] as string[]), weight: 3 }, { arbitrary: groupsArb, weight: 1 });
/** True about one time in twelve, so most generated invoices get past the blockers. */
const rarely = fc.integer({ min: 0, max: 11 }).map((n) => n === 0);
const weekendToMonday = (d: LocalDate): LocalDate => (d.dayOfWeek === 6 ? d.plusDays(2) : d.dayOfWeek === 7 ? d.plusDays(1) : d);

const invoiceArb = (today: LocalDate): fc.Arbitrary<EligibilityInvoice> => fc.record({
  invoiceNumber: fc.constantFrom("1", "2", "3", "4", "5", "6"),
  invoiceDate: near(today.minusDays(14)),
  dueDate: fc.option(near(today), { nil: null, freq: 12 }),
  openAmount: fc.record({
    amount: fc.oneof({ arbitrary: fc.constant(0), weight: 1 }, { arbitrary: fc.integer({ min: 1, max: 2_000_000_00 }), weight: 12 }),
    currency: fc.oneof({ arbitrary: fc.constant("NOK" as const), weight: 6 }, { arbitrary: currencyArb, weight: 1 }),
  }),
  status: fc.oneof({ arbitrary: fc.constantFrom(...INVOICE_STATUSES), weight: 1 }, { arbitrary: fc.constantFrom("sent" as const, "partly-paid" as const), weight: 8 }),
  excludeFromDunning: rarely,
  factored: rarely,
  atOtherAgency: rarely,
  ledgerLetters: fc.option(fc.record({ softReminderSent: fc.boolean(), reminderDueOn: maybeNear(today), collectionNoticeDueOn: maybeNear(today) }), { nil: null }),
});

const goodAddress = { street: "Storgata 1", postcode: "0155", city: "Oslo", country: "NO" };
const anyAddress = fc.record({
  street: fc.constantFrom("Storgata 1", null),
  postcode: fc.constantFrom("0155", null),
  city: fc.constantFrom("Oslo", ""),
  country: fc.constantFrom("NO", "SE", "DE", null),
});

const customerArb: fc.Arbitrary<EligibilityCustomer> = fc.record({
  name: fc.oneof({ arbitrary: fc.constantFrom("Kari Nordmann", "AS Eksempel"), weight: 12 }, { arbitrary: fc.constant(" "), weight: 1 }),
  address: fc.oneof({ arbitrary: fc.constant(goodAddress), weight: 10 }, { arbitrary: anyAddress, weight: 2 }, { arbitrary: fc.constant(null), weight: 1 }),
  doNotTransfer: rarely,
  groups: sometimesGroups,
});

const settingsArb = (today: LocalDate): fc.Arbitrary<EligibilitySettings> => fc
  .record({
    preset: fc.constantFrom(...PRESET_NAMES),
    ticks: fc.record({ softReminder: fc.boolean(), reminder: rarely, collectionNotice: rarely }),
    nothingTicked: fc.integer({ min: 0, max: 30 }),
    minimum: fc.option(fc.integer({ min: 0, max: 5_000_00 }), { nil: null, freq: 2 }),
    excludedGroups: sometimesGroups,
    enabled: fc.boolean(),
    autoMinimum: fc.option(fc.integer({ min: 0, max: 5_000_00 }), { nil: null }),
    delay: fc.integer({ min: 0, max: 40 }),
    autoExcluded: groupsArb,
    activatedOn: maybeNear(today),
    include: fc.boolean(),
  })
  .map((r) => {
    const currency = settingsFromPreset(r.preset).creditorCurrency;
    return settingsFromPreset(r.preset, {
      ledgerDunning: r.ticks,
      draftList: { nothingTickedDaysAfterDue: r.nothingTicked },
      minimumAmount: r.minimum === null ? null : { amount: r.minimum, currency },
      excludedGroups: r.excludedGroups,
      automatic: {
        enabled: r.enabled,
        minimumAmount: r.autoMinimum === null ? null : { amount: r.autoMinimum, currency },
        delayDaysAfterDue: r.delay,
        excludedGroups: r.autoExcluded,
        activatedOn: r.activatedOn,
        includeOverdueAtActivation: r.include,
      },
    });
  });

const contextArb = (today: LocalDate): fc.Arbitrary<EligibilityContext> => fc.record({
  today: fc.constant(today),
  manual: rarely,
  registeredInvoiceNumbers: fc.constantFrom(new Set<string>(), new Set<string>(), new Set(["2"])),
  adjustDueDate: fc.constantFrom(undefined, weekendToMonday),
  jurisdiction: fc.constantFrom(undefined, ...JURISDICTIONS),
});

const input = dayArb.chain((today) => fc.tuple(invoiceArb(today), customerArb, settingsArb(today), contextArb(today)));
const RUNS = { numRuns: 3000 };

describe("eligibility properties", () => {
  it("the generators reach every outcome often enough for the laws below to mean something", () => {
    const decisions = fc.sample(input, { numRuns: 4000, seed: 20250131 }).map(([i, c, s, x]) => evaluateEligibility(i, c, s, x));
    const share = (p: (d: (typeof decisions)[number]) => boolean) => decisions.filter(p).length / decisions.length;
    expect(share((d) => d.status === "eligible")).toBeGreaterThan(0.1);
    expect(share((d) => d.status === "waiting")).toBeGreaterThan(0.05);
    expect(share((d) => d.status === "blocked")).toBeGreaterThan(0.1);
    expect(share((d) => d.autoTransfer)).toBeGreaterThan(0.05);
    expect(share((d) => d.reasons.some((r) => r.code === "auto_delay_raised_to_legal_minimum"))).toBeGreaterThan(0.01);
  });

  it("an automatic transfer is never before due + the legal minimum of the debtor's jurisdiction", () => {
    fc.assert(
      fc.property(input, ([invoice, customer, settings, context]) => {
        const d = evaluateEligibility(invoice, customer, settings, context);
        if (!d.autoTransfer || d.eligibleOn === null || invoice.dueDate === null) return;
        const due = (context.adjustDueDate ?? ((x: LocalDate) => x))(invoice.dueDate);
        const min = TRANSFER_MINIMUMS[context.jurisdiction ?? settings.jurisdiction].autoMinDaysAfterDue;
        expect(d.eligibleOn.epochDay).toBeGreaterThanOrEqual(due.epochDay + min);
      }),
      RUNS,
    );
  });

  it("nothing is ever eligible before it is overdue", () => {
    fc.assert(
      fc.property(input, ([invoice, customer, settings, context]) => {
        const d = evaluateEligibility(invoice, customer, settings, context);
        if (d.eligibleOn === null) return;
        const due = (context.adjustDueDate ?? ((x: LocalDate) => x))(invoice.dueDate!);
        expect(d.eligibleOn.epochDay).toBeGreaterThan(due.epochDay);
      }),
      RUNS,
    );
  });

  it("every reason has a Swedish text with no Norwegian in it", () => {
    const norwegian = /\b(etter|ikke|fakturaen|dager|forfall|skyldneren|overføres|regnskapssystemet|utkast inkasso|beløp|minstebeløpet|kunden er)\b|«/i;
    fc.assert(
      fc.property(input, ([invoice, customer, settings, context]) => {
        for (const r of evaluateEligibility(invoice, customer, settings, context).reasons) {
          expect(r.text.sv.length, r.code).toBeGreaterThan(0);
          expect(r.text.sv, r.code).not.toMatch(norwegian);
        }
      }),
      RUNS,
    );
  });

  it("a decision is a pure function of its input", () => {
    fc.assert(
      fc.property(input, ([invoice, customer, settings, context]) => {
        const before = JSON.stringify([invoice, customer, settings]);
        const first = evaluateEligibility(invoice, customer, settings, context);
        const second = evaluateEligibility(invoice, customer, settings, context);
        expect(second).toEqual(first);
        expect(JSON.stringify([invoice, customer, settings])).toBe(before);
      }),
      RUNS,
    );
  });

  it("blocked: no date, no automatic transfer, and at least one blocking reason; otherwise none", () => {
    fc.assert(
      fc.property(input, ([invoice, customer, settings, context]) => {
        const d = evaluateEligibility(invoice, customer, settings, context);
        const blocking = d.reasons.filter((r) => r.blocking).length;
        if (d.status === "blocked") {
          expect(d.autoTransfer).toBe(false);
          expect(d.eligibleOn).toBeNull();
          expect(d.target).toBe("none");
          expect(blocking).toBeGreaterThan(0);
        } else {
          expect(blocking).toBe(0);
          expect(d.target).toBe("draft-list");
        }
      }),
      RUNS,
    );
  });

  it("eligible means the day has come, waiting that it has not; every decision has a reason", () => {
    fc.assert(
      fc.property(input, ([invoice, customer, settings, context]) => {
        const d = evaluateEligibility(invoice, customer, settings, context);
        expect(d.reasons.length).toBeGreaterThan(0);
        if (d.status === "eligible") expect(d.eligibleOn!.epochDay).toBeLessThanOrEqual(context.today.epochDay);
        if (d.status === "waiting" && d.eligibleOn !== null) {
          expect(d.eligibleOn.epochDay).toBeGreaterThan(context.today.epochDay);
          expect(d.reasons.some((r) => r.changesOn?.equals(d.eligibleOn!))).toBe(true);
        }
      }),
      RUNS,
    );
  });

  it("the fast status variant agrees with the full decision", () => {
    fc.assert(
      fc.property(input, ([invoice, customer, settings, context]) => {
        const full = evaluateEligibility(invoice, customer, settings, context);
        const fast = evaluateEligibilityStatus(invoice, customer, settings, context);
        expect(fast).toEqual({ status: full.status, eligibleOnEpochDay: full.eligibleOn?.epochDay ?? null, autoTransfer: full.autoTransfer });
      }),
      RUNS,
    );
  });
});
