import { LocalDate } from "../../domain/calendar/local-date.js";
import type { Database } from "../../platform/db/database.js";
import type { LetterModel } from "./letter-model.js";
import { renderLetterPdf } from "./render-letter.js";

/** Renders up to `limit` queued letters and stores their PDFs. Returns how many were rendered. */
export async function renderQueuedLetters(database: Database, limit: number): Promise<number> {
  const rows = await database.query<{ id: string; model: unknown }>("select id, model from letters where status = 'queued' order by created_at, id limit $1", [limit]);
  for (const row of rows) {
    const pdf = await renderLetterPdf(modelFromJson(row.model));
    await database.query("update letters set pdf = $2, status = 'rendered' where id = $1 and status = 'queued'", [row.id, pdf]);
  }
  return rows.length;
}

/** The stored letter model (JSON, dates as strings) back as a LetterModel. */
export function modelFromJson(json: unknown): LetterModel {
  return revive(json) as LetterModel;
}

const DATE_KEYS = new Set(["sentOn", "deadline", "invoiceDate", "dueDate", "from", "until", "to"]);
function revive(value: unknown, key?: string): unknown {
  if (typeof value === "string" && key && DATE_KEYS.has(key) && /^\d{4}-\d{2}-\d{2}$/.test(value)) return LocalDate.parse(value);
  if (Array.isArray(value)) return value.map((v) => revive(v));
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, revive(v, k)]));
  return value;
}
