import type { Address } from "../collection/letters/letter-model.js";
import type { CollectionSettingsInput } from "../collection/settings.js";

/**
 * Who is in the demo: the accounting firm, its three clients (creditors) with different
 * portfolios, and the demo logins. Organisation and account numbers carry valid MOD11 check
 * digits (test/demo/seed-demo.pg.test.ts checks them); the client keys are the sandbox's own.
 */
export const DEMO_FIRM = {
  name: "Demo Regnskap AS",
  orgNumber: "923456783",
  address: { line1: "Rådhusgata 5", postcode: "0151", city: "Oslo", country: "NO" } satisfies Address,
  contact: { name: "Kari Regnskap", email: "demo@fordring.test", phone: "+47 22 33 44 55" },
} as const;

export interface ClientProfile {
  /** Creditor code: case numbers read `<code>-100001`. */
  readonly code: string;
  readonly name: string;
  readonly orgNumber: string;
  readonly address: Address;
  readonly bankAccount: { readonly accountNumber: string; readonly bic: string };
  /** The PowerOffice client this creditor's ledger is in the sandbox. */
  readonly clientKey: string;
  /** The environment variable the integration's credentials reference names (`env:NAME`). */
  readonly clientKeyEnv: string;
  readonly customers: number;
  /** Share of customers that are consumers. */
  readonly personShare: number;
  readonly invoices: number;
  /** Invoice amounts in whole kroner, log-uniform between the two. */
  readonly kroner: readonly [number, number];
  readonly paymentTermsDays: readonly number[];
  /** How invoices end (shares, summing to at most 1; the rest stays unpaid). */
  readonly fates: { readonly onTime: number; readonly credited: number; readonly directLate: number; readonly agencyFull: number; readonly agencyPart: number };
  /** Days after a draft appears in PowerOffice before the creditor approves it. */
  readonly approveAfterDays: readonly [number, number];
  readonly collection: CollectionSettingsInput;
  /** Transfer rules beyond the preset (settings.transfer). */
  readonly transfer?: { readonly delayDays?: number };
}

/** authentication.md's example application key: one per integrator, shared by every client. */
export const DEMO_APPLICATION_KEY = "1970F6AD-E35E-4EBF-9DA7-510962CE7E46";

export const CLIENT_PROFILES: readonly ClientProfile[] = [
  {
    code: "NORDLYS",
    name: "Nordlys Nettbutikk AS",
    orgNumber: "934567897",
    address: { line1: "Havnegata 12", postcode: "8006", city: "Bodø", country: "NO" },
    bankAccount: { accountNumber: "15031234562", bic: "DNBANOKK" },
    clientKey: "6D1F4E2A-8B3C-4D5E-9F60-718293A4B5C6",
    clientKeyEnv: "FORDRING_DEMO_POWEROFFICE_NORDLYS",
    customers: 90,
    personShare: 0.92,
    invoices: 180,
    kroner: [149, 4_500],
    paymentTermsDays: [14],
    fates: { onTime: 0.34, credited: 0.04, directLate: 0.1, agencyFull: 0.22, agencyPart: 0.06 },
    approveAfterDays: [0, 1],
    // Many small consumer claims: straight to the collection notice.
    collection: { firstStep: "collection-notice" },
  },
  {
    code: "FJORD",
    name: "Fjord Rådgivning AS",
    orgNumber: "998877660",
    address: { line1: "Strandkaien 3", postcode: "5003", city: "Bergen", country: "NO" },
    bankAccount: { accountNumber: "15942345671", bic: "DNBANOKK" },
    clientKey: "2B7C9D0E-1F2A-4B3C-8D4E-5F6A7B8C9D0E",
    clientKeyEnv: "FORDRING_DEMO_POWEROFFICE_FJORD",
    customers: 24,
    personShare: 0,
    invoices: 80,
    kroner: [6_000, 140_000],
    paymentTermsDays: [30, 30, 20],
    fates: { onTime: 0.36, credited: 0.05, directLate: 0.17, agencyFull: 0.14, agencyPart: 0.1 },
    approveAfterDays: [2, 7],
    // A B2B consultancy approves each payment demand itself.
    collection: { firstStep: "collection-notice", approveBeforePaymentDemand: true },
  },
  {
    code: "BERGROR",
    name: "Berg Rør og Varme AS",
    orgNumber: "918273646",
    address: { line1: "Industriveien 21", postcode: "7010", city: "Trondheim", country: "NO" },
    bankAccount: { accountNumber: "30003456788", bic: "HANDNOKK" },
    clientKey: "9E8D7C6B-5A49-4382-A716-253443526170",
    clientKeyEnv: "FORDRING_DEMO_POWEROFFICE_BERGROR",
    customers: 45,
    personShare: 0.6,
    invoices: 75,
    kroner: [1_200, 48_000],
    paymentTermsDays: [14, 14, 20],
    fates: { onTime: 0.3, credited: 0.05, directLate: 0.14, agencyFull: 0.18, agencyPart: 0.08 },
    approveAfterDays: [1, 4],
    // A craftsman: a reminder from the agency first, with a 14-day deadline; invoices go to
    // collection 21 days after due at the earliest, so the newest approved ones wait (with the date).
    collection: { firstStep: "reminder" },
    transfer: { delayDays: 21 },
  },
];

export interface DemoLogin {
  readonly email: string;
  readonly password: string;
  readonly name: string;
  readonly role: "firm-admin" | "creditor-user" | "operator-admin";
  readonly locale: "nb" | "en";
  /** For creditor-user: the creditor's code. */
  readonly creditorCode?: string;
}

export const DEMO_LOGINS: readonly DemoLogin[] = [
  { email: "demo@fordring.test", password: "demo-fordring", name: "Kari Regnskap", role: "firm-admin", locale: "nb" },
  { email: "nordlys@fordring.test", password: "demo-fordring", name: "Ola Nordlys", role: "creditor-user", locale: "nb", creditorCode: "NORDLYS" },
  { email: "operator@fordring.test", password: "demo-fordring", name: "Per Operatør", role: "operator-admin", locale: "en" },
];
