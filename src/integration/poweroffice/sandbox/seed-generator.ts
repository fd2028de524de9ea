import { LocalDate } from "../../../domain/calendar/local-date.js";
import { makeKid } from "../../../domain/identifiers/kid.js";
import { MOD11_NO_DIGIT, mod11CyclicCheck } from "../../../domain/identifiers/mod11.js";
import { COMPANY_FORMS, FIRST_NAMES, POSTCODES, STREETS, SURNAMES, TRADES, asciiSlug } from "./norwegian-names.js";
import { createPrng, type Prng } from "./prng.js";
import type { SandboxSeed } from "./seed.js";

/**
 * A deterministic seed of realistic Norwegian customers and invoices: businesses with valid
 * organisation numbers (MOD11, weights 3,2,7,6,5,4,3,2), consumers with birth dates, addresses
 * with real postcodes, KIDs (MOD10), amounts, reminders, payments, credit notes, and the
 * debt-collection states PowerOffice would have reached by `today` (poweroffice.md §3).
 * Same options, same seed — fast enough for 100,000 invoices.
 */
export interface GenerateSeedOptions {
  readonly customers: number;
  readonly invoicesPerCustomer: number;
  readonly seed: number;
  /** `YYYY-MM-DD`: invoices are dated in the year before. */
  readonly today: string;
}

type SeedCustomer = SandboxSeed["customers"][number];
type SeedInvoice = SandboxSeed["invoices"][number];

export function generateSeed(options: GenerateSeedOptions): SandboxSeed & { customers: SeedCustomer[]; invoices: SeedInvoice[] } {
  const prng = createPrng(options.seed);
  const today = LocalDate.parse(options.today).epochDay;
  const customers: SeedCustomer[] = [];
  const invoices: SeedInvoice[] = [];
  let invoiceNo = 100_000;
  for (let c = 0; c < options.customers; c++) {
    const customer = makeCustomer(prng, 10_001 + c);
    customers.push(customer);
    for (let i = 0; i < options.invoicesPerCustomer; i++) invoices.push(makeInvoice(prng, customer, ++invoiceNo, today));
  }
  return { customers, invoices };
}

/** A valid organisation number: 8 digits (first 8 or 9, as Enhetsregisteret issues) and the MOD11 check digit. */
export function organisationNumber(prng: Prng): string {
  for (;;) {
    const base = `${prng.int(8, 9)}${String(prng.int(0, 9_999_999)).padStart(7, "0")}`;
    const check = mod11CyclicCheck(base);
    if (check !== MOD11_NO_DIGIT) return base + String(check);
  }
}

function makeCustomer(prng: Prng, code: number): SeedCustomer {
  const [zipCode, city] = prng.pick(POSTCODES);
  const mailAddress = { address1: `${prng.pick(STREETS)} ${prng.int(1, 120)}${prng.next() < 0.1 ? "B" : ""}`, zipCode, city, countryCode: "NO" };
  const phoneNumber = `+47 ${prng.pick(["4", "9"])}${String(prng.int(0, 9_999_999)).padStart(7, "0")}`;
  const transferToDebtCollectionAgency = prng.next() >= 0.03;
  if (prng.next() < 0.3) {
    const firstName = prng.pick(FIRST_NAMES);
    const lastName = prng.pick(SURNAMES);
    const email = `${asciiSlug(firstName)}.${asciiSlug(lastName)}${prng.int(1, 99)}@${prng.pick(["online.no", "gmail.com", "hotmail.com", "live.no"])}`;
    const birth = LocalDate.of(prng.int(1940, 2004), prng.int(1, 12), prng.int(1, 28)).toString();
    return { code, name: `${firstName} ${lastName}`, isPerson: true, firstName, lastName, dateOfBirth: birth, emailAddress: email, invoiceEmailAddress: email, phoneNumber, mailAddress, transferToDebtCollectionAgency };
  }
  const owner = prng.next() < 0.5 ? prng.pick(SURNAMES) : city.charAt(0) + city.slice(1).toLowerCase();
  const name = `${owner} ${prng.pick(TRADES)} ${prng.pick(COMPANY_FORMS)}`;
  const email = `post@${asciiSlug(name).replace(/\./g, "")}.no`;
  return { code, name, isPerson: false, organizationNumber: organisationNumber(prng), emailAddress: email, invoiceEmailAddress: `faktura@${email.slice(5)}`, phoneNumber, mailAddress, transferToDebtCollectionAgency };
}

function makeInvoice(prng: Prng, customer: SeedCustomer, invoiceNo: number, today: number): SeedInvoice {
  const invoiceDay = today - prng.int(3, 400);
  const dueDay = invoiceDay + prng.pick([10, 14, 14, 14, 20, 30]);
  // Log-uniform 150 – 80 000 kr; a third with øre.
  const kroner = Math.round(Math.exp(Math.log(150) + prng.next() * (Math.log(80_000) - Math.log(150))));
  const amountMinor = kroner * 100 + (prng.next() < 0.33 ? prng.int(1, 99) : 0);
  const inv: SeedInvoice = {
    invoiceNo,
    customerCode: customer.code,
    invoiceDate: day(invoiceDay),
    dueDate: day(dueDay),
    amount: money(amountMinor),
    cid: makeKid(`${customer.code}${String(invoiceNo).padStart(7, "0")}`, "MOD10"),
    invoiceEmailAddress: customer.invoiceEmailAddress,
  };
  const overdue = today - dueDay;
  const roll = prng.next();
  const payments: NonNullable<SeedInvoice["payments"]> = [];
  let open = amountMinor;
  const pay = (amount: number, onDay: number) => {
    const ocr = prng.next() < 0.4;
    payments.push({ date: day(Math.min(onDay, today)), amount: money(amount), kind: ocr ? "IncomingOcrGiro" : "BankJournal", paidFromBankAccount: ocr ? bankAccount(prng) : undefined });
    open -= amount;
  };
  if (roll < 0.03) {
    payments.push({ date: day(Math.min(invoiceDay + prng.int(1, 20), today)), amount: money(amountMinor), kind: "OutgoingCreditNote" });
    open = 0;
  } else if (overdue > 0 ? roll < 0.58 : roll < 0.2) {
    pay(amountMinor, invoiceDay + prng.int(1, Math.max(1, dueDay - invoiceDay + 20)));
  } else if (roll < 0.68 && amountMinor >= 1_000_00) {
    pay(Math.round(amountMinor * prng.int(10, 60) / 100), invoiceDay + prng.int(1, dueDay - invoiceDay + 10));
  }
  if (payments.length > 0) inv.payments = payments;
  if (open > 0 && overdue > 7 && prng.next() < 0.3) {
    const notice = prng.next() < 0.2;
    inv.lastReminder = { sentDate: day(dueDay + 7), dueDate: day(dueDay + 21), kind: notice ? "notice" : "reminder", emailAddress: customer.invoiceEmailAddress };
  }
  // PowerOffice puts an overdue invoice in the draft list 14 days after due (or after the reminder's due date).
  const eligibleOn = inv.lastReminder ? dueDay + 22 : dueDay + 14;
  if (open > 0 && today >= eligibleOn && customer.transferToDebtCollectionAgency !== false) {
    const s = prng.next();
    inv.status = s < 0.45 ? "Draft" : s < 0.8 ? "Approved" : s < 0.85 ? "OnHold" : "None";
  }
  return inv;
}

/** An 11-digit Norwegian bank account number with its MOD11 check digit. */
function bankAccount(prng: Prng): string {
  for (;;) {
    const base = `${prng.int(1200, 9800)}${String(prng.int(0, 999_999)).padStart(6, "0")}`;
    const check = mod11CyclicCheck(base);
    if (check !== MOD11_NO_DIGIT) return base + String(check);
  }
}

function day(epochDay: number): string {
  return LocalDate.ofEpochDay(epochDay).toString();
}

function money(minor: number): string {
  return `${Math.floor(minor / 100)}.${String(minor % 100).padStart(2, "0")}`;
}
