import { DomainError } from "./errors.js";
import { type Currency, type Money, formatDecimal, isCurrency } from "./money.js";

/**
 * Allocation of a payment on a claim over its balances (dekningsrekkefølge; no general statute, docs/RULES.md § 6).
 *
 * There is no statute. Justisdepartementets lovavdeling (19.08.1999, "Avdrag innbetalt i
 * inkassosak", regjeringen.no id443429): on a voluntary part payment the debtor chooses which item
 * is reduced; if the debtor does not choose, the creditor chooses. Under tvangsfullbyrdelse the
 * creditor chooses (id443427). The creditor's usual choice, used as the default order, is costs →
 * interest → principal (inkassoguiden.no, industry practice).
 *
 * Buckets: costs are split into three buckets because they belong to different parties and are
 * posted to different accounts in the settlement: `fees` (purregebyr, inkassovarsel fee — the
 * creditor's), `salary` (inkassosalær — the agency's) and `legal-costs` (rettsgebyr and other
 * costs of legal steps, laid out by the agency). Within costs the default pays them in the order
 * they usually arise (fees, then salary, then legal costs); this is a choice, not law, and the
 * order is configurable. An order may name `"costs"` for the three in that default sequence.
 */
export type Bucket = "fees" | "salary" | "legal-costs" | "interest" | "principal";
export const BUCKETS: readonly Bucket[] = ["fees", "salary", "legal-costs", "interest", "principal"];
export const COST_BUCKETS: readonly Bucket[] = ["fees", "salary", "legal-costs"];

/** A bucket, or `"costs"` standing for `fees, salary, legal-costs`. */
export type OrderItem = Bucket | "costs";
export const DEFAULT_ORDER: readonly Bucket[] = ["fees", "salary", "legal-costs", "interest", "principal"];

/**
 * The debtor's explicit choice: either amounts per bucket (together at most the payment), or one
 * bucket that the payment goes to first.
 */
export type Designation = { readonly bucket: Bucket } | Readonly<Partial<Record<Bucket, Money>>>;

/** `voluntary`: the debtor's designation is honoured. `enforcement` (tvangsfullbyrdelse): the creditor chooses. */
export type Proceeding = "voluntary" | "enforcement";

export interface AllocationInput {
  readonly payment: Money;
  /** What is owed per bucket; a bucket left out owes nothing. */
  readonly balances: Readonly<Partial<Record<Bucket, Money>>>;
  /** The creditor's order; must name every bucket exactly once (`"costs"` counts as its three). */
  readonly order?: readonly OrderItem[];
  readonly designation?: Designation;
  readonly proceeding?: Proceeding;
}

export interface Allocation {
  readonly bucket: Bucket;
  readonly amount: Money;
}

export interface AllocationResult {
  /** One entry per bucket that received money, in the order it was first paid; never zero or negative. */
  readonly allocations: readonly Allocation[];
  /** Over-payment left when every bucket is paid in full; kept as the debtor's credit. */
  readonly remainder: Money;
  readonly balancesAfter: Readonly<Record<Bucket, Money>>;
  /** The rule applied, in words, for the timeline. */
  readonly rule: string;
  readonly source: string;
  /** Anything the caller should show: a designation that exceeded a balance, or one not honoured. */
  readonly notes: readonly string[];
}

export const ALLOCATION_SOURCE =
  "Justisdepartementets lovavdeling 19.08.1999 'Avdrag innbetalt i inkassosak' (regjeringen.no id443429, id443427): " +
  "the debtor chooses; otherwise the creditor chooses; under tvangsfullbyrdelse the creditor chooses. " +
  "Default order costs → interest → principal: industry practice (inkassoguiden.no).";

export function allocatePayment(input: AllocationInput): AllocationResult {
  const { payment } = input;
  const currency = checkMoney(payment, "payment", null);
  const owed = readBalances(input.balances, currency);
  const order = expandOrder(input.order ?? DEFAULT_ORDER);
  const designation = input.designation === undefined ? undefined : readDesignation(input.designation, payment, currency);
  const proceeding = input.proceeding ?? "voluntary";
  if (proceeding !== "voluntary" && proceeding !== "enforcement") {
    throw new DomainError("invalid_input", `"${String(proceeding)}" is not a proceeding (known: voluntary, enforcement)`, "proceeding");
  }

  const paid = new Map<Bucket, number>();
  const notes: string[] = [];
  let left = payment.amount;
  const pay = (bucket: Bucket, wanted: number): void => {
    const take = Math.min(wanted, owed[bucket]);
    if (take <= 0) return;
    owed[bucket] -= take;
    left -= take;
    paid.set(bucket, (paid.get(bucket) ?? 0) + take);
  };

  const honoured = designation !== undefined && proceeding === "voluntary";
  if (designation !== undefined && !honoured) {
    notes.push("the debtor's designation is not honoured under tvangsfullbyrdelse; the creditor's order applies");
  }
  if (honoured && designation.kind === "bucket") {
    pay(designation.bucket, left);
  } else if (honoured && designation.kind === "amounts") {
    for (const bucket of order) {
      const wanted = designation.amounts[bucket] ?? 0;
      if (wanted > owed[bucket]) {
        notes.push(`designated ${formatDecimal({ amount: wanted, currency })} to ${bucket} but only ${formatDecimal({ amount: owed[bucket], currency })} was owed; the rest follows the order`);
      }
      pay(bucket, wanted);
    }
  }
  for (const bucket of order) pay(bucket, left);

  const orderText = order.join(" → ");
  return {
    allocations: [...paid].map(([bucket, amount]) => ({ bucket, amount: { amount, currency } })),
    remainder: { amount: left, currency },
    balancesAfter: Object.fromEntries(BUCKETS.map((b) => [b, { amount: owed[b], currency }])) as Record<Bucket, Money>,
    rule: honoured ? `debtor's designation first, then the creditor's order ${orderText}` : `creditor's order ${orderText}`,
    source: ALLOCATION_SOURCE,
    notes,
  };
}

type ReadDesignation = { kind: "bucket"; bucket: Bucket } | { kind: "amounts"; amounts: Partial<Record<Bucket, number>> };

function readDesignation(designation: Designation, payment: Money, currency: Currency): ReadDesignation {
  if ("bucket" in designation) {
    const bucket: unknown = designation.bucket;
    if (!isBucket(bucket)) throw unknownBucket(String(bucket), "designation.bucket");
    return { kind: "bucket", bucket };
  }
  const amounts: Partial<Record<Bucket, number>> = {};
  let total = 0;
  for (const [key, value] of Object.entries(designation)) {
    if (!isBucket(key)) throw unknownBucket(key, "designation");
    if (value === undefined) continue;
    checkMoney(value, `designation.${key}`, currency);
    amounts[key] = value.amount;
    total += value.amount;
  }
  if (total > payment.amount) {
    throw new DomainError(
      "invalid_designation",
      `the designated amounts total ${formatDecimal({ amount: total, currency })}, more than the payment of ${formatDecimal(payment)}`,
      "designation",
    );
  }
  return { kind: "amounts", amounts };
}

function readBalances(balances: Readonly<Partial<Record<Bucket, Money>>>, currency: Currency): Record<Bucket, number> {
  const owed: Record<Bucket, number> = { fees: 0, salary: 0, "legal-costs": 0, interest: 0, principal: 0 };
  for (const [key, value] of Object.entries(balances)) {
    if (!isBucket(key)) throw unknownBucket(key, "balances");
    if (value === undefined) continue;
    checkMoney(value, `balances.${key}`, currency);
    owed[key] = value.amount;
  }
  return owed;
}

function expandOrder(order: readonly OrderItem[]): Bucket[] {
  const out: Bucket[] = [];
  for (const item of order) {
    const items: readonly Bucket[] = item === "costs" ? COST_BUCKETS : isBucket(item) ? [item] : [];
    if (items.length === 0) throw unknownBucket(String(item), "order");
    for (const bucket of items) {
      if (out.includes(bucket)) {
        throw new DomainError("invalid_order", `${bucket} appears more than once${item === "costs" || order.includes("costs") ? " (costs stands for fees, salary, legal-costs)" : ""}`, "order");
      }
      out.push(bucket);
    }
  }
  const missing = BUCKETS.filter((b) => !out.includes(b));
  if (missing.length > 0) throw new DomainError("invalid_order", `the order leaves out ${missing.join(", ")}; it must name every bucket once`, "order");
  return out;
}

/** A non-negative whole number of minor units in a known currency (`expected` if given). */
function checkMoney(value: Money, field: string, expected: Currency | null): Currency {
  if (typeof value !== "object" || value === null || !isCurrency(value.currency)) {
    throw new DomainError("invalid_amount", "not an amount with a known currency", field);
  }
  if (expected !== null && value.currency !== expected) {
    throw new DomainError("currency_mismatch", `is in ${value.currency} but the payment is in ${expected}`, field);
  }
  if (!Number.isSafeInteger(value.amount)) throw new DomainError("invalid_amount", `${value.amount} is not a whole number of minor units`, field);
  if (value.amount < 0) throw new DomainError("invalid_amount", `${formatDecimal(value)} is negative; it must be zero or more`, field);
  return value.currency;
}

function isBucket(value: unknown): value is Bucket {
  return typeof value === "string" && (BUCKETS as readonly string[]).includes(value);
}

function unknownBucket(name: string, field: string): DomainError {
  return new DomainError("unknown_bucket", `"${name}" is not a bucket (known: ${BUCKETS.join(", ")}, or costs in an order)`, field);
}
