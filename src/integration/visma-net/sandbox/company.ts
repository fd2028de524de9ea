/**
 * One Visma.net ERP company (tenant) of the sandbox: its customers, customer ledger documents
 * (invoices and credit notes with their applications), customer payments and GL journal
 * transactions, in integer øre. The wire shapes (wire.ts) are made from these; what the company's
 * own users do in Visma.net (invoice, register a payment, credit, run the dunning routine, tick
 * "utelat fra prosessen for betalingsvarsler") is the `CompanyLedger` API below, for tests and the demo.
 */
export interface SandboxClock {
  now(): Date;
}

export interface Customer {
  readonly number: string;
  name: string;
  corporateId: string | null;
  isPerson: boolean;
  address: { line1: string; postalCode: string; city: string; country: string } | null;
  email: string | null;
  phone: string | null;
  excludeDebtCollection: boolean;
  status: "Active" | "OnHold" | "CreditHold" | "Inactive" | "OneTime";
  lastModified: Date;
  readonly created: Date;
  readonly internalId: number;
}

export interface Application {
  /** The other document: a payment or a credit note. */
  readonly docType: "Payment" | "CreditNote";
  readonly refNbr: string;
  readonly amountMinor: number;
  readonly date: string;
  readonly paymentRef: string | null;
}

export interface Doc {
  readonly documentType: "Invoice" | "CreditNote";
  readonly referenceNumber: string;
  readonly customer: string;
  readonly documentDate: string;
  readonly dueDate: string | null;
  readonly currency: string;
  readonly amountMinor: number;
  balanceMinor: number;
  readonly paymentReference: string | null;
  status: "Hold" | "Balanced" | "Open" | "Closed";
  dunningLevel: number;
  dunningLetterDate: string | null;
  excludeDebtCollection: boolean;
  debtCollection: { caseNumber: string | null; caseType: string | null; caseStatus: string | null; caseUrl: string | null };
  readonly applications: Application[];
  invoiceText: string;
  /** Bumped by every change; the ETag is made from it. */
  version: number;
  lastModified: Date;
  readonly created: Date;
}

export interface PaymentLine {
  readonly documentType: "Invoice" | "CreditNote";
  readonly refNbr: string;
  readonly amountPaidMinor: number;
}

export interface Payment {
  readonly refNbr: string;
  readonly type: "Payment";
  status: "Hold" | "Balanced" | "Open" | "Closed";
  readonly customer: string;
  readonly applicationDate: string;
  readonly paymentRef: string;
  readonly cashAccount: string;
  readonly currency: string;
  readonly amountMinor: number;
  readonly invoiceText: string;
  readonly lines: PaymentLine[];
  lastModified: Date;
}

export interface JournalLine {
  readonly lineNumber: number;
  readonly accountNumber: string;
  readonly debitMinor: number;
  readonly creditMinor: number;
  readonly referenceNumber: string | null;
  readonly description: string | null;
}

export interface Journal {
  readonly batchNumber: string;
  status: "Balanced" | "Posted";
  readonly transactionDate: string;
  readonly description: string;
  readonly currency: string;
  readonly lines: JournalLine[];
  lastModified: Date;
}

export class SandboxLedgerError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export interface CompanyConfig {
  readonly clientId: string;
  readonly clientSecret: string;
  /** The tenant id the token request names (Visma Connect `tenant_id`). */
  readonly tenantId: string;
  readonly name: string;
  readonly organizationNumber: string;
}

export interface CustomerInput {
  readonly number: string;
  readonly name: string;
  readonly corporateId?: string | null;
  readonly isPerson?: boolean;
  readonly address?: { line1: string; postalCode: string; city: string; country?: string } | null;
  readonly email?: string | null;
  readonly phone?: string | null;
  readonly excludeDebtCollection?: boolean;
}

export interface InvoiceInput {
  readonly referenceNumber?: string;
  readonly customer: string;
  readonly documentDate: string;
  readonly dueDate: string;
  readonly amountMinor: number;
  readonly currency?: string;
  readonly paymentReference?: string | null;
  readonly dunningLevel?: number;
  readonly dunningLetterDate?: string | null;
  readonly excludeDebtCollection?: boolean;
  readonly invoiceText?: string;
}

/** Chart of accounts the sandbox accepts on journals and as cash accounts (NS 4102 numbers). */
export const ACCOUNTS: ReadonlyMap<string, string> = new Map([
  ["1500", "Kundefordringer"],
  ["1510", "Kundefordringer til inkasso"],
  ["1512", "Oppgjørskonto inkassobyrå"],
  ["1920", "Bankinnskudd"],
  ["2400", "Leverandørgjeld"],
  ["2710", "Inngående merverdiavgift"],
  ["3000", "Salgsinntekt"],
  ["7770", "Inkassokostnader"],
  ["8050", "Renteinntekter"],
]);

export interface CompanySnapshot {
  readonly tenantId: string;
  readonly customers: Customer[];
  readonly documents: Doc[];
  readonly payments: Payment[];
  readonly journals: Journal[];
  readonly series: { invoice: number; creditNote: number; payment: number; journal: number; internal: number };
  readonly counters: Company["counters"];
}

export class Company {
  readonly customers = new Map<string, Customer>();
  readonly documents = new Map<string, Doc>();
  readonly payments = new Map<string, Payment>();
  readonly journals = new Map<string, Journal>();
  private nextInvoice = 100_001;
  private nextCreditNote = 900_001;
  private nextPayment = 500_001;
  private nextJournal = 700_001;
  private nextInternal = 1;
  /** Writes the API made, for tests that prove nothing was posted twice. */
  readonly counters = { invoiceUpdates: 0, paymentsCreated: 0, journalsCreated: 0, journalsReleased: 0, paymentsReleased: 0 };

  constructor(
    readonly config: CompanyConfig,
    private readonly clock: SandboxClock,
  ) {}

  now(): Date {
    return this.clock.now();
  }

  /** The company's records, series and counters as JSON, for a process that keeps the sandbox's state (src/demo/demo-ledgers.ts). */
  snapshot(): CompanySnapshot {
    return {
      tenantId: this.config.tenantId,
      customers: [...this.customers.values()],
      documents: [...this.documents.values()],
      payments: [...this.payments.values()],
      journals: [...this.journals.values()],
      series: { invoice: this.nextInvoice, creditNote: this.nextCreditNote, payment: this.nextPayment, journal: this.nextJournal, internal: this.nextInternal },
      counters: { ...this.counters },
    };
  }

  /** Replaces the records with a snapshot's (parsed from JSON: its times are strings again). */
  restore(s: CompanySnapshot): void {
    if (s.tenantId !== this.config.tenantId) throw new Error(`the snapshot is of tenant ${s.tenantId}, not ${this.config.tenantId}`);
    if (![s.customers, s.documents, s.payments, s.journals].every(Array.isArray) || typeof s.series?.invoice !== "number") throw new Error(`the snapshot of tenant ${s.tenantId} lacks its customers, documents, payments, journals or series`);
    const when = (v: Date | string): Date => {
      const d = new Date(v);
      if (Number.isNaN(d.getTime())) throw new Error(`the snapshot of tenant ${s.tenantId} has an invalid time ${String(v)}`);
      return d;
    };
    this.customers.clear();
    for (const c of s.customers) this.customers.set(c.number, { ...c, lastModified: when(c.lastModified), created: when(c.created) });
    this.documents.clear();
    for (const d of s.documents) this.documents.set(d.referenceNumber, { ...d, lastModified: when(d.lastModified), created: when(d.created) });
    this.payments.clear();
    for (const p of s.payments) this.payments.set(p.refNbr, { ...p, lastModified: when(p.lastModified) });
    this.journals.clear();
    for (const j of s.journals) this.journals.set(j.batchNumber, { ...j, lastModified: when(j.lastModified) });
    this.nextInvoice = s.series.invoice;
    this.nextCreditNote = s.series.creditNote;
    this.nextPayment = s.series.payment;
    this.nextJournal = s.series.journal;
    this.nextInternal = s.series.internal;
    Object.assign(this.counters, s.counters);
  }

  /** The next number of a series that no document holds yet (numbers given explicitly are skipped). */
  private free(taken: ReadonlyMap<string, unknown>, next: () => number): string {
    for (;;) {
      const n = String(next());
      if (!taken.has(n)) return n;
    }
  }

  addCustomer(input: CustomerInput): Customer {
    if (this.customers.has(input.number)) throw new SandboxLedgerError(400, `customer ${input.number} already exists`);
    const now = this.now();
    const c: Customer = {
      number: input.number,
      name: input.name,
      corporateId: input.corporateId ?? null,
      isPerson: input.isPerson ?? false,
      address: input.address ? { ...input.address, country: input.address.country ?? "NO" } : null,
      email: input.email ?? null,
      phone: input.phone ?? null,
      excludeDebtCollection: input.excludeDebtCollection ?? false,
      status: "Active",
      lastModified: now,
      created: now,
      internalId: this.nextInternal++,
    };
    this.customers.set(c.number, c);
    return c;
  }

  /** A released invoice (status Open), as the creditor's own invoicing makes it. */
  addInvoice(input: InvoiceInput): Doc {
    if (!this.customers.has(input.customer)) throw new SandboxLedgerError(400, `customer ${input.customer} does not exist`);
    if (!Number.isSafeInteger(input.amountMinor) || input.amountMinor <= 0) throw new SandboxLedgerError(400, `amount ${input.amountMinor} is not a positive number of øre`);
    const referenceNumber = input.referenceNumber ?? this.free(this.documents, () => this.nextInvoice++);
    if (this.documents.has(referenceNumber)) throw new SandboxLedgerError(400, `document ${referenceNumber} already exists`);
    const now = this.now();
    const doc: Doc = {
      documentType: "Invoice",
      referenceNumber,
      customer: input.customer,
      documentDate: input.documentDate,
      dueDate: input.dueDate,
      currency: input.currency ?? "NOK",
      amountMinor: input.amountMinor,
      balanceMinor: input.amountMinor,
      paymentReference: input.paymentReference ?? null,
      status: "Open",
      dunningLevel: input.dunningLevel ?? 0,
      dunningLetterDate: input.dunningLetterDate ?? null,
      excludeDebtCollection: input.excludeDebtCollection ?? false,
      debtCollection: { caseNumber: null, caseType: null, caseStatus: null, caseUrl: null },
      applications: [],
      invoiceText: input.invoiceText ?? "",
      version: 1,
      lastModified: now,
      created: now,
    };
    this.documents.set(referenceNumber, doc);
    return doc;
  }

  invoice(referenceNumber: string): Doc {
    const d = this.documents.get(referenceNumber);
    if (!d || d.documentType !== "Invoice") throw new SandboxLedgerError(404, `Invoice not found: ${referenceNumber}`);
    return d;
  }

  invoices(): Doc[] {
    return [...this.documents.values()].filter((d) => d.documentType === "Invoice");
  }

  touch(d: { lastModified: Date; version?: number }): void {
    d.lastModified = this.now();
    if (d.version !== undefined) d.version++;
  }

  /** The dunning routine: the invoice reached `level` with a letter on `date`. */
  dun(referenceNumber: string, level: number, date: string): Doc {
    const d = this.invoice(referenceNumber);
    d.dunningLevel = level;
    d.dunningLetterDate = date;
    this.touch(d);
    return d;
  }

  /** "Utelat fra prosessen for betalingsvarsler" on the invoice. */
  exclude(referenceNumber: string, excluded = true): Doc {
    const d = this.invoice(referenceNumber);
    d.excludeDebtCollection = excluded;
    this.touch(d);
    return d;
  }

  /** A customer payment applied to invoices and released, as the bank (autopay/OCR) brings it in. */
  createPayment(input: { customer: string; date: string; cashAccount: string; paymentRef: string; currency?: string; lines: readonly PaymentLine[]; refNbr?: string; invoiceText?: string; hold?: boolean }): Payment {
    if (!this.customers.has(input.customer)) throw new SandboxLedgerError(400, `customer ${input.customer} does not exist`);
    if (!ACCOUNTS.has(input.cashAccount)) throw new SandboxLedgerError(400, `cash account ${input.cashAccount} does not exist`);
    if (input.lines.length === 0) throw new SandboxLedgerError(400, "a payment needs at least one payment line");
    for (const l of input.lines) {
      const d = this.documents.get(l.refNbr);
      if (!d || d.documentType !== l.documentType) throw new SandboxLedgerError(400, `${l.documentType} ${l.refNbr} does not exist`);
      if (d.customer !== input.customer) throw new SandboxLedgerError(400, `${l.documentType} ${l.refNbr} belongs to customer ${d.customer}, not ${input.customer}`);
      if (l.amountPaidMinor <= 0 || l.amountPaidMinor > d.balanceMinor) throw new SandboxLedgerError(400, `amount paid ${l.amountPaidMinor / 100} exceeds the balance ${d.balanceMinor / 100} of ${l.refNbr}`);
    }
    const refNbr = input.refNbr ?? this.free(this.payments, () => this.nextPayment++);
    if (this.payments.has(refNbr)) throw new SandboxLedgerError(400, `payment ${refNbr} already exists`);
    const p: Payment = {
      refNbr,
      type: "Payment",
      status: "Balanced",
      customer: input.customer,
      applicationDate: input.date,
      paymentRef: input.paymentRef,
      cashAccount: input.cashAccount,
      currency: input.currency ?? "NOK",
      amountMinor: input.lines.reduce((s, l) => s + l.amountPaidMinor, 0),
      invoiceText: input.invoiceText ?? "",
      lines: [...input.lines],
      lastModified: this.now(),
    };
    this.payments.set(refNbr, p);
    if (!input.hold) this.releasePayment(refNbr);
    return p;
  }

  /** Releasing applies the lines: each document's balance drops and it records the application. */
  releasePayment(refNbr: string): Payment {
    const p = this.payments.get(refNbr);
    if (!p) throw new SandboxLedgerError(404, `Payment not found: ${refNbr}`);
    if (p.status === "Closed" || p.status === "Open") throw new SandboxLedgerError(400, `payment ${refNbr} is already released`);
    for (const l of p.lines) {
      const d = this.documents.get(l.refNbr)!;
      if (l.amountPaidMinor > d.balanceMinor) throw new SandboxLedgerError(400, `amount paid ${l.amountPaidMinor / 100} exceeds the balance ${d.balanceMinor / 100} of ${l.refNbr}`);
    }
    for (const l of p.lines) this.apply(this.documents.get(l.refNbr)!, { docType: "Payment", refNbr: p.refNbr, amountMinor: l.amountPaidMinor, date: p.applicationDate, paymentRef: p.paymentRef });
    p.status = "Closed";
    this.touch(p);
    return p;
  }

  /** A credit note applied to (matched against) an invoice, released. */
  creditNote(invoiceRef: string, input: { amountMinor: number; date: string; referenceNumber?: string }): Doc {
    const inv = this.invoice(invoiceRef);
    if (input.amountMinor <= 0 || input.amountMinor > inv.balanceMinor) throw new SandboxLedgerError(400, `credit ${input.amountMinor / 100} exceeds the balance ${inv.balanceMinor / 100} of ${invoiceRef}`);
    const referenceNumber = input.referenceNumber ?? this.free(this.documents, () => this.nextCreditNote++);
    const now = this.now();
    const cn: Doc = {
      documentType: "CreditNote",
      referenceNumber,
      customer: inv.customer,
      documentDate: input.date,
      dueDate: null,
      currency: inv.currency,
      amountMinor: input.amountMinor,
      balanceMinor: 0,
      paymentReference: null,
      status: "Closed",
      dunningLevel: 0,
      dunningLetterDate: null,
      excludeDebtCollection: false,
      debtCollection: { caseNumber: null, caseType: null, caseStatus: null, caseUrl: null },
      applications: [{ docType: "CreditNote", refNbr: invoiceRef, amountMinor: input.amountMinor, date: input.date, paymentRef: null }],
      invoiceText: `Kreditnota til faktura ${invoiceRef}`,
      version: 1,
      lastModified: now,
      created: now,
    };
    this.documents.set(referenceNumber, cn);
    this.apply(inv, { docType: "CreditNote", refNbr: referenceNumber, amountMinor: input.amountMinor, date: input.date, paymentRef: null });
    return cn;
  }

  private apply(d: Doc, a: Application): void {
    d.applications.push(a);
    d.balanceMinor -= a.amountMinor;
    if (d.balanceMinor === 0) d.status = "Closed";
    this.touch(d);
  }

  createJournal(input: { transactionDate: string; description: string; currency: string; lines: readonly Omit<JournalLine, "lineNumber">[]; batchNumber?: string; hold?: boolean }): Journal {
    if (input.lines.length === 0) throw new SandboxLedgerError(400, "a journal transaction needs lines");
    let debit = 0;
    let credit = 0;
    for (const l of input.lines) {
      if (!ACCOUNTS.has(l.accountNumber)) throw new SandboxLedgerError(400, `account ${l.accountNumber} does not exist`);
      debit += l.debitMinor;
      credit += l.creditMinor;
    }
    if (debit !== credit) throw new SandboxLedgerError(400, `the journal transaction is out of balance: debit ${debit / 100}, credit ${credit / 100}`);
    const batchNumber = input.batchNumber ?? this.free(this.journals, () => this.nextJournal++);
    if (this.journals.has(batchNumber)) throw new SandboxLedgerError(400, `Batch number ${batchNumber} already exists`);
    const j: Journal = {
      batchNumber,
      status: "Balanced",
      transactionDate: input.transactionDate,
      description: input.description,
      currency: input.currency,
      lines: input.lines.map((l, i) => ({ ...l, lineNumber: i + 1 })),
      lastModified: this.now(),
    };
    this.journals.set(batchNumber, j);
    return j;
  }

  releaseJournal(batchNumber: string): Journal {
    const j = this.journals.get(batchNumber);
    if (!j) throw new SandboxLedgerError(404, `Journal transaction not found: ${batchNumber}`);
    if (j.status === "Posted") throw new SandboxLedgerError(400, `journal transaction ${batchNumber} is already released`);
    j.status = "Posted";
    this.touch(j);
    return j;
  }

  /** The GL balance of an account over posted journals and released payments (debit positive). */
  accountBalance(account: string): number {
    let sum = 0;
    for (const j of this.journals.values()) if (j.status === "Posted") for (const l of j.lines) if (l.accountNumber === account) sum += l.debitMinor - l.creditMinor;
    for (const p of this.payments.values()) if (p.status === "Closed" && p.cashAccount === account) sum += p.amountMinor;
    return sum;
  }
}
