import { readFile } from "node:fs/promises";
import { z } from "zod";
import { checkKid } from "../../../domain/identifiers/kid.js";
import { checkNoOrganisationNumber } from "../../../domain/identifiers/no-organisation-number.js";
import { parseMoney } from "../../../domain/money.js";
import type { LedgerSide } from "./ledger-side.js";
import { flushReplica } from "./tenant.js";

/**
 * The seed file: what a PowerOffice Go client holds before the agency first calls. Amounts are
 * decimal strings in NOK (`"1250.00"`, read exactly), dates `YYYY-MM-DD`. Example:
 * test/fixtures/poweroffice/seed-small.json. Shape:
 *
 *   { "isActiveDebtCollection"?: boolean,
 *     "glAccounts"?: [{ "code": 1512, "name": "Mellomregning inkasso" }],
 *     "customers": [{ "code": 10001, "name": "…", "isPerson"?: false, "organizationNumber"?: "9 digits",
 *                     "firstName"?, "lastName"?, "dateOfBirth"?: "1980-05-17", "emailAddress"?, "invoiceEmailAddress"?,
 *                     "phoneNumber"?, "mailAddress"?: { "address1", "address2"?, "zipCode", "city", "countryCode"? },
 *                     "transferToDebtCollectionAgency"?: true }],
 *     "invoices": [{ "id"?: guid, "invoiceNo": 1001, "customerCode": 10001, "invoiceDate", "dueDate", "amount": "1250.00",
 *                    "cid"?: KID (default MOD10 of customer code + invoice number), "invoiceEmailAddress"?, "externalImportReference"?,
 *                    "lastReminder"?: { "sentDate", "dueDate", "kind": "reminder" | "notice", "emailAddress"? },
 *                    "payments"?: [{ "date", "amount", "kind": "BankJournal" | "IncomingOcrGiro" | "OutgoingCreditNote" | "WriteOff",
 *                                    "paidFromBankAccount"? }],
 *                    "status"?: "None" | "Draft" | "OnHold" | "Approved" }] }
 *
 * Invoices are posted, then their payments, then their status is reached through the lifecycle
 * (Draft = sent to debt collection; Approved = sent and approved). Exported and Rejected need a
 * case, which only the agency creates.
 */
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "must be YYYY-MM-DD");
const amount = z.string().superRefine((s, ctx) => {
  try {
    if (parseMoney(s, "NOK").amount <= 0) ctx.addIssue({ code: "custom", message: "must be positive" });
  } catch (e) {
    ctx.addIssue({ code: "custom", message: (e as Error).message });
  }
});

const seedCustomer = z.strictObject({
  code: z.number().int().positive(),
  name: z.string().min(1),
  isPerson: z.boolean().optional(),
  firstName: z.string().optional(),
  lastName: z.string().optional(),
  organizationNumber: z
    .string()
    .refine((s) => checkNoOrganisationNumber(s).valid, "must be a valid Norwegian organisation number (MOD11)")
    .optional(),
  dateOfBirth: date.optional(),
  emailAddress: z.string().optional(),
  invoiceEmailAddress: z.string().optional(),
  phoneNumber: z.string().optional(),
  mailAddress: z
    .strictObject({ address1: z.string(), address2: z.string().optional(), zipCode: z.string(), city: z.string(), countryCode: z.string().default("NO") })
    .optional(),
  transferToDebtCollectionAgency: z.boolean().optional(),
});

const seedInvoice = z.strictObject({
  id: z.string().optional(),
  invoiceNo: z.number().int().positive(),
  customerCode: z.number().int().positive(),
  invoiceDate: date,
  dueDate: date,
  amount,
  currencyCode: z.literal("NOK").optional(),
  cid: z
    .string()
    .refine((s) => checkKid(s).valid, "must be a valid KID")
    .optional(),
  invoiceEmailAddress: z.string().optional(),
  externalImportReference: z.string().max(50).optional(),
  lastReminder: z.strictObject({ sentDate: date, dueDate: date, kind: z.enum(["reminder", "notice"]), emailAddress: z.string().optional() }).optional(),
  payments: z
    .array(
      z.strictObject({
        date,
        amount,
        kind: z.enum(["BankJournal", "IncomingOcrGiro", "OutgoingCreditNote", "WriteOff"]),
        paidFromBankAccount: z.string().optional(),
      }),
    )
    .optional(),
  status: z.enum(["None", "Draft", "OnHold", "Approved"]).optional(),
});

export const sandboxSeedSchema = z.strictObject({
  isActiveDebtCollection: z.boolean().optional(),
  glAccounts: z.array(z.strictObject({ code: z.number().int().positive(), name: z.string() })).optional(),
  customers: z.array(seedCustomer),
  invoices: z.array(seedInvoice),
});

export type SandboxSeed = z.input<typeof sandboxSeedSchema>;

export interface SeedResult {
  readonly customers: number;
  readonly invoices: number;
  readonly payments: number;
}

/** Validates `seed` and writes it into the ledger; throws with every problem listed. */
export function applySeed(ledger: LedgerSide, seed: unknown): SeedResult {
  const parsed = sandboxSeedSchema.safeParse(seed);
  if (!parsed.success) {
    const problems = parsed.error.issues.slice(0, 10).map((i) => `${i.path.join(".")}: ${i.message}`);
    throw new Error(`invalid PowerOffice sandbox seed:\n  ${problems.join("\n  ")}`);
  }
  const s = parsed.data;
  const t = ledger.tenant;
  for (const a of s.glAccounts ?? []) t.glAccounts.set(a.code, a.name);
  for (const c of s.customers) ledger.addCustomer(c);
  let payments = 0;
  for (const inv of s.invoices) {
    const { amount: text, payments: pays, status, lastReminder, ...rest } = inv;
    const created = ledger.addInvoice({ ...rest, amountMinor: parseMoney(text, "NOK").amount });
    if (lastReminder) ledger.sendReminder(created.id, lastReminder);
    for (const p of pays ?? []) {
      const amountMinor = parseMoney(p.amount, "NOK").amount;
      if (p.kind === "OutgoingCreditNote") ledger.creditNote(created.id, { amountMinor, date: p.date });
      else if (p.kind === "WriteOff") ledger.writeOff(created.id, { amountMinor, date: p.date });
      else ledger.registerPayment(created.id, { amountMinor, date: p.date, voucherType: p.kind, paidFromBankAccount: p.paidFromBankAccount });
      payments++;
    }
    if (status === "Draft" || status === "OnHold" || status === "Approved") {
      if (ledger.invoice(created.id).remainingMinor <= 0) throw new Error(`seed invoice ${inv.invoiceNo}: status ${status} needs an open amount`);
      ledger.transition(created.id, "send");
      if (status === "OnHold") ledger.transition(created.id, "hold");
      if (status === "Approved") ledger.transition(created.id, "approve");
    }
  }
  if (s.isActiveDebtCollection !== undefined) ledger.setActiveDebtCollection(s.isActiveDebtCollection);
  flushReplica(t);
  return { customers: s.customers.length, invoices: s.invoices.length, payments };
}

export async function loadSeedFile(path: string): Promise<SandboxSeed> {
  return JSON.parse(await readFile(path, "utf8")) as SandboxSeed;
}
