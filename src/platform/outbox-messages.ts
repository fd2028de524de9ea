import { z } from "zod";

/**
 * The messages the outbox carries to the ledger, one schema per kind. Writers build them with
 * `outboxMessage(kind, payload)` (typed: a payload that does not fit its kind does not compile);
 * the sync reads each row back through `parseOutboxPayload`, so a row written by an older version,
 * by hand or by a bug is set aside with a clear reason instead of reaching the ledger half-formed.
 *
 * Here, below collection, integration and settlement, because all three write these messages and
 * the sync (integration) reads them.
 */
const uuid = z.uuid();
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date YYYY-MM-DD");

export const OUTBOX_PAYLOADS = {
  /** Our case number and link onto the ledger's invoice (open-cases.ts). */
  "case-opened": z.object({ caseId: uuid, claimId: uuid, caseNumber: z.string().min(1) }),
  /**
   * The case's stage, its status text and the agency's balance, per case version (the engine and
   * the bank import). `delivery` is kept by the sync before the ledger is called.
   */
  "case-status": z.object({
    caseId: uuid,
    version: z.number().int().nonnegative(),
    stage: z.string().min(1),
    statusText: z.string(),
    balanceMinor: z.number().int(),
    delivery: z.object({ seenBefore: z.string().nullable().optional() }).optional(),
  }),
  /** An invoice the agency will not take, with the reasons in both languages (import-batch.ts). */
  "ledger-rejection": z.object({
    integrationId: uuid,
    invoiceId: z.string().min(1),
    invoiceNumber: z.string(),
    claimId: uuid.nullable(),
    reference: z.string().min(1),
    decidedOn: isoDate,
    reasons: z.array(z.object({ code: z.string(), text: z.object({ nb: z.string(), en: z.string() }), rule: z.string() })).min(1),
  }),
  /**
   * A day's payments to the agency on one voucher (payment-journals.ts); or, queued before
   * batching existed, one payment keyed by its id.
   */
  "payment-journal": z.union([
    z.object({ integrationId: uuid, batchId: uuid, receivedOn: isoDate, payments: z.number().int().positive() }),
    z.object({ caseId: uuid, paymentId: uuid }),
  ]),
  /** A settlement's posting proposal, read from the settlement when delivered (run-settlement.ts). */
  "settlement-voucher": z.object({ settlementId: uuid }),
} as const;

export type OutboxKind = keyof typeof OUTBOX_PAYLOADS;
export const OUTBOX_KINDS = Object.keys(OUTBOX_PAYLOADS) as OutboxKind[];

export type OutboxPayload<K extends OutboxKind> = z.infer<(typeof OUTBOX_PAYLOADS)[K]>;

/** A message for the outbox: its kind, the key that makes it once-only, and its payload. */
export interface OutboxMessage<K extends OutboxKind = OutboxKind> {
  readonly kind: K;
  readonly idempotencyKey: string;
  readonly payload: OutboxPayload<K>;
}

/**
 * A typed outbox message. Not checked at run time (writers of many rows stay cheap); the reader
 * checks every row (`parseOutboxPayload`).
 */
export function outboxMessage<K extends OutboxKind>(kind: K, idempotencyKey: string, payload: OutboxPayload<K>): OutboxMessage<K> {
  return { kind, idempotencyKey, payload };
}

/** The `(creditor_id, kind, idempotency_key, payload)` of messages, as JSON for `jsonb_to_recordset`. */
export function outboxRecords(creditorId: string, messages: readonly OutboxMessage[]): string {
  return JSON.stringify(messages.map((m) => ({ creditor_id: creditorId, kind: m.kind, idempotency_key: m.idempotencyKey, payload: m.payload })));
}

/**
 * Inserts messages with one statement (`$1` the records of `outboxRecords`); a key already queued
 * is left as it is.
 */
export const INSERT_OUTBOX_SQL = `insert into outbox (creditor_id, kind, idempotency_key, payload)
  select x.creditor_id, x.kind, x.idempotency_key, x.payload
    from jsonb_to_recordset($1::jsonb) as x(creditor_id uuid, kind text, idempotency_key text, payload jsonb)
  on conflict (idempotency_key) do nothing`;

export type ParsedPayload = { [K in OutboxKind]: { ok: true; kind: K; payload: OutboxPayload<K> } }[OutboxKind] | { ok: false; reason: string };

/** A stored row's payload checked against its kind's schema; the reason names the kind and the path of each problem. */
export function parseOutboxPayload(kind: string, payload: unknown): ParsedPayload {
  if (!Object.hasOwn(OUTBOX_PAYLOADS, kind)) return { ok: false, reason: `unknown outbox kind "${kind}"` };
  const k = kind as OutboxKind;
  const parsed = OUTBOX_PAYLOADS[k].safeParse(payload);
  if (parsed.success) return { ok: true, kind: k, payload: parsed.data } as ParsedPayload;
  const issues = parsed.error.issues.map((i) => `${i.path.length ? i.path.join(".") : "payload"}: ${i.message}`);
  return { ok: false, reason: `invalid ${kind} payload: ${issues.join("; ")}` };
}
