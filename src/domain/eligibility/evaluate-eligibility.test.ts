import { describe, expect, it } from "vitest";
import { LocalDate } from "../calendar/local-date.js";
import { DomainError } from "../errors.js";
import { type Decision, evaluateEligibility } from "./evaluate-eligibility.js";
import type { EligibilityContext } from "./assess.js";
import type { EligibilitySettings } from "./settings.js";
import { type CustomerBuilder, type InvoiceBuilder, aCustomer, anInvoice, settings } from "./test-builders.js";

const day = (text: string) => LocalDate.parse(text);

function decide(
  invoice: InvoiceBuilder = anInvoice(),
  opts: { customer?: CustomerBuilder; settings?: EligibilitySettings; today?: string } & Omit<Partial<EligibilityContext>, "today"> = {},
): Decision {
  const { customer = aCustomer(), settings: s = settings(), today = "2025-03-01", ...context } = opts;
  return evaluateEligibility(invoice.build(), customer.build(), s, { ...context, today: day(today) });
}

const codes = (d: Decision) => d.reasons.map((r) => r.code);
const blockers = (d: Decision) => d.reasons.filter((r) => r.blocking).map((r) => r.code);
const reason = (d: Decision, code: string) => {
  const r = d.reasons.find((x) => x.code === code);
  if (!r) throw new Error(`no reason ${code} in ${codes(d).join(", ")}`);
  return r;
};

function expectBlocked(d: Decision, code: string): void {
  expect(d.status).toBe("blocked");
  expect(d.eligibleOn).toBeNull();
  expect(d.autoTransfer).toBe(false);
  expect(d.target).toBe("none");
  expect(blockers(d)).toContain(code);
  expect(reason(d, code).blocking).toBe(true);
}

/** Saturday/Sunday → Monday, standing in for the real business calendar. */
const weekendToMonday = (d: LocalDate): LocalDate => (d.dayOfWeek === 6 ? d.plusDays(2) : d.dayOfWeek === 7 ? d.plusDays(1) : d);

describe("timing of the draft list (docs/RULES.md § 8)", () => {
  it("is eligible 14 days after due when nothing is ticked, and says why", () => {
    const d = decide(anInvoice().dueOn("2025-01-31"), { today: "2025-02-14" });
    expect(d.status).toBe("eligible");
    expect(d.eligibleOn?.toString()).toBe("2025-02-14");
    expect(d.target).toBe("draft-list");
    expect(d.autoTransfer).toBe(false);
    const r = reason(d, "draft_nothing_ticked");
    expect(r.blocking).toBe(false);
    expect(r.text.en).toBe("14 days after due passed on 2025-02-14 (no dunning steps in the ledger)");
    expect(r.text.nb).toBe("14 dager etter forfall passert 2025-02-14 (ingen purresteg i regnskapssystemet)");
    expect(r.text.sv).toBe("14 dagar efter förfallodagen passerades 2025-02-14 (inga påminnelsesteg i bokföringssystemet)");
    expect(r.source).toContain("seeds/001");
    expect(r.changesOn).toBeUndefined();
  });

  it("waits until 14 days after due, with the day it changes", () => {
    const d = decide(anInvoice().dueOn("2025-01-31"), { today: "2025-02-13" });
    expect(d.status).toBe("waiting");
    expect(d.eligibleOn?.toString()).toBe("2025-02-14");
    const r = reason(d, "draft_nothing_ticked");
    expect(r.changesOn?.toString()).toBe("2025-02-14");
    expect(r.text.en).toBe("Goes to the draft list on 2025-02-14, 14 days after due (no dunning steps in the ledger)");
    expect(r.text.sv).toBe("Går till inkassoutkast 2025-02-14, 14 dagar efter förfallodagen (inga påminnelsesteg i bokföringssystemet)");
  });

  it("waits for an invoice that is not due yet", () => {
    const d = decide(anInvoice().dueOn("2025-03-10"), { today: "2025-03-01" });
    expect(d.status).toBe("waiting");
    expect(d.eligibleOn?.toString()).toBe("2025-03-24");
  });

  it("uses 14 days after due when the ledger sends only a soft reminder", () => {
    const s = settings("poweroffice-amili", { ledgerDunning: { softReminder: true } });
    const d = decide(anInvoice().dueOn("2025-01-31"), { settings: s, today: "2025-02-14" });
    expect(d.status).toBe("eligible");
    expect(codes(d)).toEqual(["draft_soft_reminder"]);
  });

  it("goes the first day after the due date of the reminder the ledger sent", () => {
    const s = settings("fordring-default", { ledgerDunning: { reminder: true } });
    const invoice = anInvoice().dueOn("2025-01-31").ledgerReminderDueOn("2025-02-28");
    expect(decide(invoice, { settings: s, today: "2025-02-28" }).status).toBe("waiting");
    const d = decide(invoice, { settings: s, today: "2025-03-01" });
    expect(d.status).toBe("eligible");
    expect(d.eligibleOn?.toString()).toBe("2025-03-01");
    expect(reason(d, "draft_after_ledger_letter").text.en).toBe("First day after the reminder's due date (2025-02-28) passed on 2025-03-01");
  });

  it("goes after the collection notice, not the reminder, when the ledger sends both", () => {
    const s = settings("fordring-default", { ledgerDunning: { reminder: true, collectionNotice: true } });
    const invoice = anInvoice().dueOn("2025-01-31").ledgerReminderDueOn("2025-02-20").ledgerNoticeDueOn("2025-03-10");
    const d = decide(invoice, { settings: s, today: "2025-03-01" });
    expect(d.status).toBe("waiting");
    expect(d.eligibleOn?.toString()).toBe("2025-03-11");
    expect(reason(d, "draft_after_ledger_letter").text.nb).toContain("inkassovarselet (2025-03-10)");
    expect(reason(d, "draft_after_ledger_letter").text.sv).toBe("Går till inkassoutkast 2025-03-11, första dagen efter förfallodagen för inkassokravet (2025-03-10)");
  });

  it("waits without a date while the ledger's ticked letter has not been sent", () => {
    const s = settings("fordring-default", { ledgerDunning: { collectionNotice: true } });
    const d = decide(anInvoice().dueOn("2025-01-31").ledgerReminderDueOn("2025-02-20"), { settings: s });
    expect(d.status).toBe("waiting");
    expect(d.eligibleOn).toBeNull();
    expect(codes(d)).toEqual(["awaiting_ledger_letter"]);
  });

  it("counts from the business-day adjusted due date", () => {
    // Saturday 2025-02-01 moves to Monday 2025-02-03 (gjeldsbrevloven § 5, injected calendar).
    const invoice = anInvoice().dueOn("2025-02-01");
    expect(decide(invoice, { today: "2025-02-15" }).eligibleOn?.toString()).toBe("2025-02-15");
    expect(decide(invoice, { today: "2025-02-15", adjustDueDate: weekendToMonday }).eligibleOn?.toString()).toBe("2025-02-17");
  });
});

describe("manual move by a user", () => {
  it("lets any overdue invoice go the day after due, whatever the dunning settings", () => {
    const s = settings("fordring-default", { ledgerDunning: { collectionNotice: true } });
    const d = decide(anInvoice().dueOn("2025-01-31"), { settings: s, today: "2025-02-01", manual: true });
    expect(d.status).toBe("eligible");
    expect(d.eligibleOn?.toString()).toBe("2025-02-01");
    expect(codes(d)).toEqual(["manual_move"]);
  });

  it("does not move an invoice that is not overdue", () => {
    const d = decide(anInvoice().dueOn("2025-01-31"), { today: "2025-01-31", manual: true });
    expect(d.status).toBe("waiting");
    expect(d.eligibleOn?.toString()).toBe("2025-02-01");
  });

  it("does not lift a blocker", () => {
    expectBlocked(decide(anInvoice(), { customer: aCustomer().doNotTransfer(), manual: true }), "customer_do_not_transfer");
  });

  it("never transfers automatically", () => {
    const s = settings("poweroffice-amili", { automatic: { enabled: true } });
    expect(decide(anInvoice(), { settings: s, manual: true }).autoTransfer).toBe(false);
  });
});

describe("Sweden: manual transfer needs 8 days after the invoice date and 4 after due", () => {
  const kravia = settings("procountor-kravia");
  const sek = anInvoice().amount(1_000_00, "SEK");

  it("waits for 8 days after the invoice date when that is later", () => {
    const invoice = sek.invoicedOn("2025-01-28").dueOn("2025-01-31");
    const d = decide(invoice, { settings: kravia, today: "2025-02-04" });
    expect(d.status).toBe("waiting");
    expect(d.eligibleOn?.toString()).toBe("2025-02-05");
    expect(reason(d, "se_manual_minimum").text.en).toBe("Can be transferred by hand from 2025-02-05: 8 days after the invoice date and 4 days after due");
    expect(reason(d, "se_manual_minimum").text.sv).toBe("Kan överföras manuellt från 2025-02-05: 8 dagar efter fakturadatum och 4 dagar efter förfallodagen");
    expect(decide(invoice, { settings: kravia, today: "2025-02-05" }).status).toBe("eligible");
  });

  it("waits for 4 days after due when that is later", () => {
    const invoice = sek.invoicedOn("2025-01-01").dueOn("2025-01-31");
    expect(decide(invoice, { settings: kravia, today: "2025-02-03" }).eligibleOn?.toString()).toBe("2025-02-04");
    expect(decide(invoice, { settings: kravia, today: "2025-02-04" }).status).toBe("eligible");
  });

  it("applies to a Swedish debtor under a Norwegian preset too (jurisdiction from the context)", () => {
    const invoice = anInvoice().invoicedOn("2025-01-30").dueOn("2025-01-31");
    const d = decide(invoice, { settings: settings("poweroffice-amili"), jurisdiction: "SE", today: "2025-02-05" });
    expect(d.eligibleOn?.toString()).toBe("2025-02-07");
    expect(codes(d)).toEqual(["se_manual_minimum"]);
  });
});

describe("blockers (docs/RULES.md § 8)", () => {
  it("no due date: blocked, not an error", () => {
    const d = decide(anInvoice().dueOn(null));
    expectBlocked(d, "no_due_date");
    expect(codes(d)).toEqual(["no_due_date"]);
    expect(reason(d, "no_due_date").source).toContain("Kun fakturabilag med forfallsdato");
  });

  it.each(["draft", "paid", "credited", "void"] as const)("status %s is blocked", (status) => {
    const d = decide(anInvoice().status(status));
    expectBlocked(d, "status_not_sent");
    expect(reason(d, "status_not_sent").text.en).toContain(`"${status}"`);
  });

  it.each(["sent", "partly-paid"] as const)("status %s may go", (status) => {
    expect(decide(anInvoice().status(status)).status).toBe("eligible");
  });

  it("nothing open", () => {
    expectBlocked(decide(anInvoice().amount(0)), "nothing_open");
  });

  it("customer flagged do not transfer", () => {
    expectBlocked(decide(anInvoice(), { customer: aCustomer().doNotTransfer() }), "customer_do_not_transfer");
  });

  it("invoice excluded from dunning", () => {
    expectBlocked(decide(anInvoice().excludedFromDunning()), "excluded_from_dunning");
  });

  it("customer in an excluded group, named in the text", () => {
    const s = settings("fordring-default", { excludedGroups: ["staff", "public-sector"] });
    const d = decide(anInvoice(), { settings: s, customer: aCustomer().inGroups("retail", "public-sector") });
    expectBlocked(d, "customer_in_excluded_group");
    expect(reason(d, "customer_in_excluded_group").text.en).toBe('The customer is in the group "public-sector", which is not transferred');
  });

  it("factored or financed invoice (Norwegian presets)", () => {
    expectBlocked(decide(anInvoice().factored(), { settings: settings("poweroffice-modhi") }), "factored_or_financed");
  });

  it("already at another agency", () => {
    expectBlocked(decide(anInvoice().atOtherAgency()), "at_other_agency");
  });

  it("no address on the debtor", () => {
    const d = decide(anInvoice(), { customer: aCustomer().livingAt(null) });
    expectBlocked(d, "missing_debtor_address");
    expect(reason(d, "missing_debtor_address").text.en).toBe("The debtor's street, postcode and city are missing");
    expect(reason(d, "missing_debtor_address").text.nb).toBe("Skyldneren mangler gateadresse, postnummer og poststed");
    expect(reason(d, "missing_debtor_address").text.sv).toBe("Gäldenären saknar gatuadress, postnummer och postort");
  });

  it("no name, or a domestic address without postcode", () => {
    expectBlocked(decide(anInvoice(), { customer: aCustomer().named("  ") }), "missing_debtor_address");
    const noPostcode = aCustomer().livingAt({ street: "Storgata 1", city: "Oslo" });
    expect(reason(decide(anInvoice(), { customer: noPostcode }), "missing_debtor_address").text.en).toBe("The debtor's postcode is missing");
  });

  it("accepts a foreign address without postcode when the country is given", () => {
    const dublin = aCustomer().livingAt({ street: "1 Main Street", city: "Dublin", country: "IE" });
    expect(decide(anInvoice(), { customer: dublin }).status).toBe("eligible");
  });

  it("time-barred the day after due + 3 years (foreldelsesloven §§ 2–3)", () => {
    const invoice = anInvoice().dueOn("2022-01-31");
    expect(decide(invoice, { today: "2025-01-31" }).status).toBe("eligible");
    const d = decide(invoice, { today: "2025-02-01" });
    expectBlocked(d, "time_barred");
    expect(reason(d, "time_barred").text.en).toBe("Time-barred: 3 years after due ended on 2025-01-31");
    expect(reason(d, "time_barred").text.sv).toBe("Fordran är preskriberad: 3 år efter förfallodagen löpte ut 2025-01-31");
  });

  it("time-barred counts from the adjusted due date and moves a last day off the weekend (§ 29)", () => {
    // Due Saturday 2022-01-29 → Monday 2022-01-31; + 3 years = Friday 2025-01-31.
    const invoice = anInvoice().dueOn("2022-01-29");
    expect(decide(invoice, { today: "2025-01-31", adjustDueDate: weekendToMonday }).status).toBe("eligible");
    expectBlocked(decide(invoice, { today: "2025-02-01", adjustDueDate: weekendToMonday }), "time_barred");
    // Due Wednesday 2021-03-03: + 3 years is Sunday 2024-03-03, which moves to Monday 2024-03-04.
    const sundayEnd = anInvoice().dueOn("2021-03-03");
    expect(decide(sundayEnd, { today: "2024-03-04", adjustDueDate: weekendToMonday }).status).toBe("eligible");
    expectBlocked(decide(sundayEnd, { today: "2024-03-05", adjustDueDate: weekendToMonday }), "time_barred");
  });

  it("below the minimum amount", () => {
    const s = settings("fordring-default", { minimumAmount: { amount: 500_00, currency: "NOK" } });
    const d = decide(anInvoice().amount(499_99), { settings: s });
    expectBlocked(d, "below_minimum_amount");
    expect(reason(d, "below_minimum_amount").text.en).toBe("The open amount 499.99 NOK is below the minimum 500.00 NOK");
    expect(reason(d, "below_minimum_amount").text.sv).toBe("Öppet belopp 499.99 NOK understiger minimibeloppet 500.00 NOK");
    expect(decide(anInvoice().amount(500_00), { settings: s }).status).toBe("eligible");
  });

  it("an invoice number already registered as a case", () => {
    const d = decide(anInvoice().numbered("4711"), { registeredInvoiceNumbers: new Set(["4711"]) });
    expectBlocked(d, "duplicate_invoice_number");
    expect(decide(anInvoice().numbered("4712"), { registeredInvoiceNumbers: new Set(["4711"]) }).status).toBe("eligible");
  });
});

describe("currency", () => {
  it("reports a currency other than the creditor's without blocking", () => {
    const d = decide(anInvoice().amount(100_00, "EUR"));
    expect(d.status).toBe("eligible");
    const r = reason(d, "currency_differs");
    expect(r.blocking).toBe(false);
    expect(r.text.en).toBe("The invoice is in EUR, the creditor's currency is NOK");
  });

  it("does not compare a minimum amount across currencies", () => {
    const s = settings("fordring-default", { minimumAmount: { amount: 500_00, currency: "NOK" } });
    const d = decide(anInvoice().amount(1_00, "EUR"), { settings: s });
    expect(d.status).toBe("eligible");
    expect(reason(d, "currency_differs").text.en).toContain("the minimum amount was not checked");
  });
});

describe("precedence", () => {
  it("blocked wins over waiting, and every reason is listed, blockers first", () => {
    const s = settings("fordring-default", { excludedGroups: ["staff"] });
    const d = decide(anInvoice().dueOn("2025-02-20").excludedFromDunning().amount(10_00, "EUR"), {
      settings: s,
      customer: aCustomer().doNotTransfer().inGroups("staff"),
      today: "2025-03-01",
    });
    expect(d.status).toBe("blocked");
    expect(d.eligibleOn).toBeNull();
    expect(codes(d)).toEqual(["customer_do_not_transfer", "excluded_from_dunning", "customer_in_excluded_group", "draft_nothing_ticked", "currency_differs"]);
    expect(reason(d, "draft_nothing_ticked").changesOn).toBeUndefined();
  });
});

describe("automatic transfer (docs/RULES.md § 8)", () => {
  const auto = (overrides: Parameters<typeof settings>[1] = {}) =>
    settings("poweroffice-amili", { ...overrides, automatic: { enabled: true, ...overrides.automatic } });

  it("goes automatically after the delay, and the reason says so", () => {
    const s = auto({ automatic: { delayDaysAfterDue: 20 } });
    const waiting = decide(anInvoice().dueOn("2025-01-31"), { settings: s, today: "2025-02-19" });
    expect(waiting.status).toBe("waiting");
    expect(waiting.autoTransfer).toBe(true);
    expect(waiting.eligibleOn?.toString()).toBe("2025-02-20");
    const d = decide(anInvoice().dueOn("2025-01-31"), { settings: s, today: "2025-02-20" });
    expect(d.status).toBe("eligible");
    expect(reason(d, "automatic_transfer").text.en).toBe("Goes automatically: 20 days after due passed on 2025-02-20");
  });

  it("raises a delay below the legal minimum and names the minimum and its source", () => {
    const d = decide(anInvoice().dueOn("2025-01-31"), { settings: auto({ automatic: { delayDaysAfterDue: 3 } }), today: "2025-02-10" });
    expect(d.eligibleOn?.toString()).toBe("2025-02-14");
    const r = reason(d, "auto_delay_raised_to_legal_minimum");
    expect(r.text.en).toBe("The delay of 3 days was raised to the minimum of 14 days after due (NO, inkassoforskriften § 1-2)");
    expect(r.source).toContain("inkassoforskriften");
  });

  it("uses the Swedish minimum for a Swedish debtor", () => {
    const s = settings("procountor-kravia", { automatic: { enabled: true, delayDaysAfterDue: 0 } });
    const d = decide(anInvoice().amount(1_000_00, "SEK").invoicedOn("2025-01-30").dueOn("2025-01-31"), { settings: s, today: "2025-02-01" });
    // Automatic transfer ignores the invoice date (Procountor), so the 8-day manual rule does not apply.
    expect(d.status).toBe("eligible");
    expect(d.autoTransfer).toBe(true);
    expect(reason(d, "auto_delay_raised_to_legal_minimum").text.en).toContain("minimum of 1 day after due (SE");
    expect(reason(d, "auto_delay_raised_to_legal_minimum").text.sv).toMatch(/^Fördröjningen på 0 dagar har höjts till minst 1 dag efter förfallodagen \(SE, /);
  });

  it("only above the automatic minimum amount; otherwise the draft list", () => {
    const s = auto({ automatic: { minimumAmount: { amount: 1_000_00, currency: "NOK" } } });
    const atMinimum = decide(anInvoice().amount(1_000_00), { settings: s, today: "2025-02-01" });
    expect(atMinimum.autoTransfer).toBe(false);
    expect(atMinimum.eligibleOn?.toString()).toBe("2025-02-01"); // Amili draft list, day 1
    expect(reason(atMinimum, "auto_below_minimum").blocking).toBe(false);
    expect(decide(anInvoice().amount(1_000_01), { settings: s, today: "2025-02-01" }).autoTransfer).toBe(true);
  });

  it("not for customers in a group excluded from automation", () => {
    const d = decide(anInvoice(), { settings: auto({ automatic: { excludedGroups: ["vip"] } }), customer: aCustomer().inGroups("vip") });
    expect(d.status).toBe("eligible");
    expect(d.autoTransfer).toBe(false);
    expect(reason(d, "auto_excluded_group").text.en).toBe('Not automatic: the customer is in the group "vip"');
  });

  it("invoices overdue at activation go only when chosen at activation", () => {
    const activatedOn = day("2025-02-10");
    const overdue = anInvoice().dueOn("2025-01-31");
    const notYetDue = anInvoice().dueOn("2025-02-10");
    const excluded = auto({ automatic: { activatedOn, includeOverdueAtActivation: false } });
    const included = auto({ automatic: { activatedOn, includeOverdueAtActivation: true } });
    const d = decide(overdue, { settings: excluded });
    expect(d.autoTransfer).toBe(false);
    expect(codes(d)).toContain("auto_overdue_at_activation");
    expect(decide(overdue, { settings: included }).autoTransfer).toBe(true);
    expect(decide(notYetDue, { settings: excluded }).autoTransfer).toBe(true);
  });

  it("Procountor: not when the ledger sent a reminder, but by hand it may", () => {
    const s = settings("procountor-kravia", { automatic: { enabled: true } });
    const invoice = anInvoice().amount(1_000_00, "SEK").ledgerSoftReminderSent();
    const d = decide(invoice, { settings: s });
    expect(d.status).toBe("eligible");
    expect(d.autoTransfer).toBe(false);
    expect(codes(d)).toContain("auto_ledger_reminder_sent");
  });

  it("Procountor: financed invoices go by hand, not automatically", () => {
    const s = settings("procountor-kravia", { automatic: { enabled: true } });
    const d = decide(anInvoice().amount(1_000_00, "SEK").factored(), { settings: s });
    expect(d.status).toBe("eligible");
    expect(d.autoTransfer).toBe(false);
    expect(reason(d, "financed_manual_only").blocking).toBe(false);
  });

  it("waits for a ledger letter still running past the automatic day", () => {
    const s = auto({ ledgerDunning: { reminder: true } });
    const d = decide(anInvoice().dueOn("2025-01-31").ledgerReminderDueOn("2025-02-28"), { settings: s, today: "2025-02-20" });
    expect(d.autoTransfer).toBe(true);
    expect(d.eligibleOn?.toString()).toBe("2025-03-01");
    expect(codes(d)).toEqual(["draft_after_ledger_letter"]);
  });

  it("not with a minimum in another currency", () => {
    const s = auto({ automatic: { minimumAmount: { amount: 100_00, currency: "NOK" } } });
    const d = decide(anInvoice().amount(1_000_00, "EUR"), { settings: s });
    expect(d.autoTransfer).toBe(false);
    expect(codes(d)).toEqual(["draft_nothing_ticked", "auto_other_currency", "currency_differs"]);
  });

  it("a blocked invoice never goes automatically", () => {
    expectBlocked(decide(anInvoice().atOtherAgency(), { settings: auto() }), "at_other_agency");
  });
});

describe("invalid input", () => {
  it("a negative open amount is a DomainError naming the field", () => {
    let error: unknown;
    try {
      decide(anInvoice().amount(-1_00));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe("invalid_amount");
    expect((error as DomainError).field).toBe("invoice.openAmount");
  });

  it("a fractional open amount is a DomainError", () => {
    expect(() => decide(anInvoice().amount(10.5))).toThrow(DomainError);
  });

  it("an unknown jurisdiction is a DomainError", () => {
    expect(() => decide(anInvoice(), { jurisdiction: "DK" as never })).toThrow(/jurisdiction/);
  });
});
