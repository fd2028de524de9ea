import { LocalDate } from "../domain/calendar/local-date.js";
import { generateSeed, type SandboxSeed } from "../integration/poweroffice/sandbox/index.js";
import { createPrng, type Prng } from "../integration/poweroffice/sandbox/prng.js";
import type { ClientProfile } from "./demo-profiles.js";

/**
 * What will happen in each demo client's ledger, decided up front from a seed so that the same
 * `today` gives the same demo: the customers (from the sandbox's generator), the invoices with
 * due dates spread over the last ~150 days, and each invoice's fate — paid on time, credited,
 * paid to the creditor after the transfer, paid to the agency in full or in part, or not paid.
 */
export type Fate = "on-time" | "credited" | "direct-late" | "agency-full" | "agency-part" | "unpaid";

export type SeedCustomer = SandboxSeed["customers"][number];

export interface PlannedInvoice {
  readonly invoiceNo: number;
  readonly customerCode: number;
  readonly invoiceDay: number;
  readonly dueDay: number;
  readonly amountMinor: number;
  readonly fate: Fate;
  /** on-time: the payment day; credited: the credit note's day (epoch days). */
  readonly ledgerEventDay: number;
  /** direct-late and agency payments: days after the case's first letter. */
  readonly payAfterLetterDays: number;
  /** agency-part: the share of the balance paid, in percent. */
  readonly partPercent: number;
  /** Days after the invoice lands on PowerOffice's draft list before the creditor approves it. */
  readonly approveAfterDays: number;
  /** The creditor puts the draft on hold in PowerOffice instead of approving it. */
  readonly holdInLedger: boolean;
}

export interface ClientPlan {
  readonly profile: ClientProfile;
  readonly customers: SeedCustomer[];
  readonly invoices: PlannedInvoice[];
  /** Customers the eligibility rules will block: one without a postal address, one marked "do not transfer". */
  readonly noAddressCustomer: number | null;
  readonly doNotTransferCustomer: number | null;
}

/** Due dates fall between `today − DUE_SPAN_DAYS` and `today + 10`. */
export const DUE_SPAN_DAYS = 150;

export function planClient(profile: ClientProfile, index: number, today: LocalDate): ClientPlan {
  const prng = createPrng(today.epochDay * 7 + index + 1);
  const customers = pickCustomers(profile, index, today);
  const t = today.epochDay;
  // The consumer shop has a customer without an address; the shop and the craftsman each one marked "do not transfer".
  const noAddressCustomer = index === 0 ? customers.find((c) => c.isPerson)?.code ?? null : null;
  const doNotTransferCustomer = index === 1 ? null : customers[customers.length - 1]!.code;
  for (const c of customers) {
    if (c.code === noAddressCustomer) delete c.mailAddress;
    c.transferToDebtCollectionAgency = c.code !== doNotTransferCustomer;
  }
  const invoices: PlannedInvoice[] = [];
  const special = [noAddressCustomer, doNotTransferCustomer].filter((c): c is number => c !== null);
  for (let i = 0; i < profile.invoices; i++) {
    const customer = i < special.length * 2 ? special[i % special.length]! : prng.pick(customers).code;
    const blocked = special.includes(customer);
    const dueDay = blocked ? t - prng.int(30, 90) : t - prng.int(0, DUE_SPAN_DAYS) + (prng.next() < 0.06 ? prng.int(1, 10) : 0);
    const invoiceDay = dueDay - prng.pick(profile.paymentTermsDays);
    const [lo, hi] = profile.kroner;
    const kroner = Math.round(Math.exp(Math.log(lo) + prng.next() * (Math.log(hi) - Math.log(lo))));
    const amountMinor = kroner * 100 + (prng.next() < 0.3 ? prng.int(1, 99) : 0);
    const fate = blocked ? "unpaid" : pickFate(prng, profile);
    invoices.push({
      invoiceNo: 100_001 + i,
      customerCode: customer,
      invoiceDay,
      dueDay,
      amountMinor,
      fate,
      ledgerEventDay: fate === "credited" ? invoiceDay + prng.int(3, 20) : dueDay + prng.int(-6, 9),
      payAfterLetterDays: prng.int(4, 40),
      partPercent: prng.int(25, 60),
      approveAfterDays: prng.int(profile.approveAfterDays[0], profile.approveAfterDays[1]),
      holdInLedger: !blocked && prng.next() < 0.04,
    });
  }
  return { profile, customers, invoices, noAddressCustomer, doNotTransferCustomer };
}

function pickFate(prng: Prng, profile: ClientProfile): Fate {
  const f = profile.fates;
  const r = prng.next();
  const order: [Fate, number][] = [["on-time", f.onTime], ["credited", f.credited], ["direct-late", f.directLate], ["agency-full", f.agencyFull], ["agency-part", f.agencyPart]];
  let acc = 0;
  for (const [fate, share] of order) {
    acc += share;
    if (r < acc) return fate;
  }
  return "unpaid";
}

/**
 * The sandbox generator's customers (valid organisation numbers, æøå names, real postcodes),
 * drawn until the profile's share of consumers is met, renumbered from 10001.
 */
function pickCustomers(profile: ClientProfile, index: number, today: LocalDate): SeedCustomer[] {
  const pool = generateSeed({ customers: profile.customers * 4, invoicesPerCustomer: 0, seed: 1_000 + index, today: today.toString() }).customers;
  const persons = pool.filter((c) => c.isPerson);
  const businesses = pool.filter((c) => !c.isPerson);
  const wantPersons = Math.round(profile.customers * profile.personShare);
  const chosen = [...persons.slice(0, wantPersons), ...businesses.slice(0, profile.customers - wantPersons)];
  if (chosen.length < profile.customers) throw new Error(`the generator gave too few customers for ${profile.code}`);
  return chosen.map((c, i) => ({ ...c, code: 10_001 + i }));
}

/** `YYYY-MM-DD` of an epoch day. */
export function dayText(epochDay: number): string {
  return LocalDate.ofEpochDay(epochDay).toString();
}
