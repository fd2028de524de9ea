import { LocalDate } from "../../../domain/calendar/local-date.js";
import { makeKid } from "../../../domain/identifiers/kid.js";
import { COMPANY_FORMS, FIRST_NAMES, POSTCODES, STREETS, SURNAMES, TRADES, asciiSlug } from "../../poweroffice/sandbox/norwegian-names.js";
import { createPrng } from "../../poweroffice/sandbox/prng.js";
import { organisationNumber } from "../../poweroffice/sandbox/seed-generator.js";
import type { Company } from "./company.js";

/**
 * Seeds a sandbox company with generated Norwegian customers (businesses with valid organisation
 * numbers, consumers, real postcodes) and released invoices with MOD10 KIDs as payment reference,
 * some paid, some credited, and the overdue ones at the dunning level Visma.net's dunning routine
 * would have reached by `today` (one level per 14 days past due, at most 3); a few are ticked
 * "utelat fra prosessen for betalingsvarsler". Same options, same ledger.
 */
export interface VismaNetSeedOptions {
  readonly customers: number;
  readonly invoicesPerCustomer: number;
  readonly seed: number;
  /** YYYY-MM-DD: invoices are dated in the year before. */
  readonly today: string;
}

export interface VismaNetSeedResult {
  readonly customers: number;
  readonly invoices: number;
  readonly payments: number;
  readonly creditNotes: number;
}

export function seedCompany(company: Company, o: VismaNetSeedOptions): VismaNetSeedResult {
  const prng = createPrng(o.seed);
  const today = LocalDate.parse(o.today).epochDay;
  const day = (d: number) => LocalDate.ofEpochDay(d).toString();
  let invoices = 0;
  let payments = 0;
  let creditNotes = 0;
  for (let c = 0; c < o.customers; c++) {
    const number = String(10_001 + c);
    const [postalCode, city] = prng.pick(POSTCODES);
    const address = { line1: `${prng.pick(STREETS)} ${prng.int(1, 120)}`, postalCode, city, country: "NO" };
    const person = prng.next() < 0.3;
    const name = person ? `${prng.pick(FIRST_NAMES)} ${prng.pick(SURNAMES)}` : `${prng.pick(SURNAMES)} ${prng.pick(TRADES)} ${prng.pick(COMPANY_FORMS)}`;
    company.addCustomer({
      number,
      name,
      isPerson: person,
      corporateId: person ? null : organisationNumber(prng),
      address,
      email: person ? `${asciiSlug(name)}@online.no` : `post@${asciiSlug(name).replace(/\./g, "")}.no`,
      phone: `+47 ${prng.pick(["4", "9"])}${String(prng.int(0, 9_999_999)).padStart(7, "0")}`,
    });
    for (let i = 0; i < o.invoicesPerCustomer; i++) {
      const invoiceDay = today - prng.int(3, 300);
      const dueDay = invoiceDay + prng.pick([10, 14, 14, 20, 30]);
      const kroner = Math.round(Math.exp(Math.log(150) + prng.next() * (Math.log(60_000) - Math.log(150))));
      const amountMinor = kroner * 100 + (prng.next() < 0.33 ? prng.int(1, 99) : 0);
      const ref = String(100_001 + invoices++);
      const overdue = today - dueDay;
      const doc = company.addInvoice({
        referenceNumber: ref,
        customer: number,
        documentDate: day(invoiceDay),
        dueDate: day(dueDay),
        amountMinor,
        paymentReference: makeKid(`${number}${ref.padStart(7, "0")}`, "MOD10"),
        ...(overdue >= 14 ? { dunningLevel: Math.min(3, Math.floor(overdue / 14)), dunningLetterDate: day(dueDay + 14 * Math.min(3, Math.floor(overdue / 14))) } : {}),
        excludeDebtCollection: overdue > 0 && prng.next() < 0.03,
      });
      const roll = prng.next();
      const paidOn = day(Math.min(today, invoiceDay + prng.int(1, 25)));
      if (roll < 0.03) {
        company.creditNote(ref, { amountMinor, date: paidOn });
        creditNotes++;
      } else if (roll < (overdue > 0 ? 0.5 : 0.2)) {
        company.createPayment({ customer: number, date: paidOn, cashAccount: "1920", paymentRef: doc.paymentReference ?? "", lines: [{ documentType: "Invoice", refNbr: ref, amountPaidMinor: amountMinor }] });
        payments++;
      } else if (roll < 0.6 && amountMinor >= 1_000_00) {
        company.createPayment({ customer: number, date: paidOn, cashAccount: "1920", paymentRef: doc.paymentReference ?? "", lines: [{ documentType: "Invoice", refNbr: ref, amountPaidMinor: Math.round((amountMinor * prng.int(10, 60)) / 100) }] });
        payments++;
      }
    }
  }
  return { customers: o.customers, invoices, payments, creditNotes };
}
