import type { Queryable } from "../platform/db/database.js";

/** Webhook subscriptions and their latest deliveries, as their administrators see them (never the secret). */
export interface WebhookViewRow {
  id: string;
  firm_id: string | null;
  creditor_id: string | null;
  url: string;
  events: string[];
  active: boolean;
  created_at: Date;
}
const WEBHOOK_COLUMNS = "id, firm_id, creditor_id, url, events, active, created_at";

/** A firm's or a creditor's webhooks, oldest first. */
export async function listWebhooks(db: Queryable, owner: { firmId: string | null; creditorId: string | null }): Promise<WebhookViewRow[]> {
  return db.query<WebhookViewRow>(`select ${WEBHOOK_COLUMNS} from webhooks where ($1::uuid is null or firm_id = $1) and ($2::uuid is null or creditor_id = $2) order by created_at`, [owner.firmId, owner.creditorId]);
}

/** One webhook, or null. */
export async function webhookView(db: Queryable, webhookId: string): Promise<WebhookViewRow | null> {
  const [row] = await db.query<WebhookViewRow>(`select ${WEBHOOK_COLUMNS} from webhooks where id = $1`, [webhookId]);
  return row ?? null;
}

/** The latest 200 deliveries of a webhook, newest first. */
export async function webhookDeliveries(
  db: Queryable,
  webhookId: string,
): Promise<{ event_id: string; event_type: string; status: string; attempts: number; last_status: number | null; last_error: string | null; next_attempt_at: Date; delivered_at: Date | null }[]> {
  return db.query(
    "select event_id, event_type, status, attempts, last_status, last_error, next_attempt_at, delivered_at from webhook_deliveries where webhook_id = $1 order by id desc limit 200",
    [webhookId],
  );
}
