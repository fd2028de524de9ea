import { createHmac, randomBytes } from "node:crypto";
import type { SecretBox } from "../access/secret-box.js";
import { formatDecimal, parseCurrency } from "../domain/money.js";
import type { Queryable } from "../platform/db/database.js";

/**
 * Webhooks (issue 6): case and settlement events for the firms and creditors that subscribe,
 * signed, keyed for idempotency, retried with backoff, without personal data.
 *
 * `collectWebhookEvents` turns new timeline rows and settlements into one delivery row per
 * subscribed webhook (unique per webhook and event, so a repeat collects nothing twice);
 * `deliverWebhooks` sends what is due. The body names ids, stages and amounts only — never a
 * name, an address or an identity number — so a receiver fetches details through the API.
 * Signature: `fordring-signature: t=<unix seconds>,v1=<hex HMAC-SHA256("<t>.<body>")>`.
 */
export const WEBHOOK_EVENTS = ["case.opened", "case.stage-changed", "case.closed", "case.payment", "settlement.created"] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

export const MAX_ATTEMPTS = 12;
/** 1 min, 2, 4, … capped at 6 hours. */
export function backoffMs(attempts: number): number {
  return Math.min(60_000 * 2 ** Math.max(0, attempts - 1), 6 * 3600_000);
}

const STAGE_CHANGES = new Set([
  "send-reminder", "send-collection-notice", "notice-deadline-passed", "send-payment-demand", "approve-payment-demand", "payment-demand-deadline-passed",
  "approve-legal", "legal-step-recorded", "take-pending-legal-step", "move-to-surveillance", "pause", "resume", "dispute", "dispute-resolved", "reopen",
]);
const CLOSINGS = new Set(["paid-in-full", "credited-in-full", "withdraw", "write-off"]);

function typeOf(eventType: string): WebhookEvent | null {
  if (eventType === "opened") return "case.opened";
  if (CLOSINGS.has(eventType)) return "case.closed";
  if (eventType === "payment" || eventType === "payment-received") return "case.payment";
  if (STAGE_CHANGES.has(eventType)) return "case.stage-changed";
  return null;
}

export async function createWebhook(db: Queryable, box: SecretBox, input: { firmId: string | null; creditorId: string | null; url: string; events: readonly WebhookEvent[] }): Promise<{ id: string; secret: string }> {
  const secret = `whsec_${randomBytes(24).toString("base64url")}`;
  const [row] = await db.query<{ id: string }>("insert into webhooks (firm_id, creditor_id, url, secret_enc, events) values ($1, $2, $3, $4, $5) returning id", [
    input.firmId, input.creditorId, input.url, box.encrypt(secret), JSON.stringify(input.events),
  ]);
  return { id: row!.id, secret };
}

/** Collects new case events and settlements into deliveries. Returns how many deliveries were queued. */
export async function collectWebhookEvents(db: Queryable, limit = 5000): Promise<number> {
  const [cursor] = await db.query<{ value: { caseEvent: number; settlementAt: string } }>("select value from app_meta where key = 'webhooks.cursor' for update");
  const from = cursor?.value ?? { caseEvent: 0, settlementAt: "1970-01-01T00:00:00Z" };
  if (!cursor) {
    // Start from now: a new deployment does not replay its whole history to the first subscriber.
    const [now] = await db.query<{ max: number | null; at: Date }>("select (select max(id) from case_events) as max, now() as at");
    await db.query("insert into app_meta (key, value) values ('webhooks.cursor', $1) on conflict (key) do nothing", [JSON.stringify({ caseEvent: Number(now!.max ?? 0), settlementAt: new Date(now!.at).toISOString() })]);
    return 0;
  }
  const events = await db.query<{ id: number; creditor_id: string; case_id: string; type: string; stage: string | null; on: string; at: Date; data: Record<string, unknown>; case_number: string; balance: number; currency: string; closed_on: string | null }>(
    `select e.id, e.creditor_id, e.case_id, e.type, e.stage, e."on", e.at, e.data, c.case_number, c.closed_on, c.currency,
            c.balance_minor as balance
       from case_events e join cases c on c.id = e.case_id where e.id > $1 order by e.id limit $2`,
    [from.caseEvent, limit],
  );
  const settlements = await db.query<{ id: string; creditor_id: string; period_from: string; period_to: string; payout_minor: number; invoice_minor: number; currency: string; created_at: Date }>(
    "select id, creditor_id, period_from, period_to, payout_minor, invoice_minor, result->>'currency' as currency, created_at from settlements where created_at > $1 order by created_at limit $2",
    [from.settlementAt, limit],
  );
  const out: { creditorId: string; eventId: string; type: WebhookEvent; body: Record<string, unknown> }[] = [];
  for (const e of events) {
    const type = typeOf(e.type);
    if (!type) continue;
    out.push({
      creditorId: e.creditor_id,
      eventId: `case-event:${e.id}`,
      type,
      body: { id: `case-event:${e.id}`, type, createdAt: new Date(e.at).toISOString(), creditorId: e.creditor_id, data: { caseId: e.case_id, caseNumber: e.case_number, step: e.type, stage: e.stage, on: e.on, currency: e.currency, balance: money(e.balance, e.currency), closed: e.closed_on !== null, ...(typeof e.data["amount"] === "number" ? { amount: money(e.data["amount"], e.currency) } : {}) } },
    });
  }
  for (const s of settlements) {
    out.push({
      creditorId: s.creditor_id,
      eventId: `settlement:${s.id}`,
      type: "settlement.created",
      body: { id: `settlement:${s.id}`, type: "settlement.created", createdAt: new Date(s.created_at).toISOString(), creditorId: s.creditor_id, data: { settlementId: s.id, periodFrom: s.period_from, periodTo: s.period_to, currency: s.currency, payout: money(s.payout_minor, s.currency), invoiceToCreditor: money(s.invoice_minor, s.currency) } },
    });
  }
  let queued = 0;
  if (out.length) {
    const rows = await db.query<{ id: number }>(
      `insert into webhook_deliveries (webhook_id, event_id, event_type, body)
       select w.id, x."eventId", x.type, x.body
         from jsonb_to_recordset($1::jsonb) as x("creditorId" uuid, "eventId" text, type text, body jsonb)
         join creditors c on c.id = x."creditorId"
         join webhooks w on w.active and (w.creditor_id = c.id or (w.creditor_id is null and w.firm_id = c.firm_id)) and w.events ? x.type
       on conflict (webhook_id, event_id) do nothing returning id`,
      [JSON.stringify(out)],
    );
    queued = rows.length;
  }
  const next = {
    caseEvent: events.length ? Number(events[events.length - 1]!.id) : from.caseEvent,
    settlementAt: settlements.length ? new Date(settlements[settlements.length - 1]!.created_at).toISOString() : from.settlementAt,
  };
  await db.query("update app_meta set value = $1, updated_at = now() where key = 'webhooks.cursor'", [JSON.stringify(next)]);
  return queued;
}

export function sign(secret: string, timestamp: number, body: string): string {
  return `t=${timestamp},v1=${createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex")}`;
}

export type Fetch = (url: string, init: { method: string; headers: Record<string, string>; body: string; signal: AbortSignal }) => Promise<{ status: number }>;

/** Sends the deliveries that are due; each is claimed with SKIP LOCKED so two workers never send one twice at once. */
export async function deliverWebhooks(db: { transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> }, deps: { box: SecretBox; fetch: Fetch; now: () => Date; timeoutMs?: number; batch?: number }): Promise<{ delivered: number; failed: number; retrying: number }> {
  const counts = { delivered: 0, failed: 0, retrying: 0 };
  const due = await db.transaction((tx) =>
    tx.query<{ id: number; event_id: string; body: unknown; attempts: number; url: string; secret_enc: string }>(
      `update webhook_deliveries d set attempts = d.attempts + 1, next_attempt_at = $2::timestamptz + interval '10 minutes'
         from webhooks w
        where d.id in (select id from webhook_deliveries where status = 'pending' and next_attempt_at <= $2 order by next_attempt_at, id limit $1 for update skip locked)
          and w.id = d.webhook_id
        returning d.id, d.event_id, d.body, d.attempts, w.url, w.secret_enc`,
      [deps.batch ?? 50, deps.now()],
    ),
  );
  for (const d of due) {
    const body = JSON.stringify(d.body);
    const t = Math.floor(deps.now().getTime() / 1000);
    let status: number | null = null;
    let error: string | null = null;
    try {
      const res = await deps.fetch(d.url, {
        method: "POST",
        headers: { "content-type": "application/json", "fordring-signature": sign(deps.box.decrypt(d.secret_enc), t, body), "idempotency-key": d.event_id, "user-agent": "Fordring-Webhooks/1" },
        body,
        signal: AbortSignal.timeout(deps.timeoutMs ?? 10_000),
      });
      status = res.status;
      if (status < 200 || status >= 300) error = `HTTP ${status}`;
    } catch (e) {
      // Coarse on purpose: the receiver's owner reads this, and details of our network are not theirs.
      error = (e as Error).message.startsWith("refused:") ? (e as Error).message : (e as Error).name === "TimeoutError" ? "timed out" : "could not connect";
    }
    await db.transaction(async (tx) => {
      if (!error) {
        counts.delivered++;
        await tx.query("update webhook_deliveries set status = 'delivered', delivered_at = $2, last_status = $3, last_error = null where id = $1", [d.id, deps.now(), status]);
      } else if (d.attempts >= MAX_ATTEMPTS) {
        counts.failed++;
        await tx.query("update webhook_deliveries set status = 'failed', last_status = $2, last_error = $3 where id = $1", [d.id, status, error]);
      } else {
        counts.retrying++;
        await tx.query("update webhook_deliveries set next_attempt_at = $2, last_status = $3, last_error = $4 where id = $1", [d.id, new Date(deps.now().getTime() + backoffMs(d.attempts)), status, error]);
      }
    });
  }
  return counts;
}

/** An amount in a payload, in the currency of the case or settlement it belongs to (named beside it as `currency`). */
const money = (minor: unknown, currency: string): string => formatDecimal({ amount: Number(minor ?? 0), currency: parseCurrency(currency) });

/** Stops a webhook: no more events are collected for it, and its pending deliveries are dropped (failed, "webhook removed"). */
export async function stopWebhook(db: { transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> }, webhookId: string): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.query("update webhooks set active = false where id = $1", [webhookId]);
    await tx.query("update webhook_deliveries set status = 'failed', last_error = 'webhook removed' where webhook_id = $1 and status = 'pending'", [webhookId]);
  });
}
