import type { Database } from "../../platform/db/database.js";

/**
 * A letter's PDF for download. Letters are rendered by a job after they are sent; one asked for
 * before the job reached it is rendered now. (The renderer, pdfkit and its fonts, is loaded on
 * first use, not when the server starts.)
 */
export interface LetterFile {
  pdf: Buffer | null;
  kind: string;
  sentOn: string;
  caseNumber: string;
}

/** The letter with its PDF; a queued one is rendered with the queue's next batch first (null `pdf`: still queued). Null when there is no such letter. */
export async function letterFile(db: Database, letterId: string): Promise<LetterFile | null> {
  const read = async () => {
    const [l] = await db.query<{ pdf: Buffer | null; kind: string; sent_on: string; case_number: string }>(
      "select l.pdf, l.kind, l.sent_on, c.case_number from letters l join cases c on c.id = l.case_id where l.id = $1",
      [letterId],
    );
    return l ? { pdf: l.pdf, kind: l.kind, sentOn: l.sent_on, caseNumber: l.case_number } : null;
  };
  const first = await read();
  if (!first || first.pdf) return first;
  const { renderQueuedLetters } = await import("./render-queued.js");
  await renderQueuedLetters(db, 50);
  return read();
}

/** The letter's PDF, this letter rendered (and stored) now if it is still queued. Null when there is no such letter. */
export async function letterPdfNow(db: Database, letterId: string): Promise<Buffer | null> {
  const [row] = await db.query<{ pdf: Buffer | null; model: unknown }>("select pdf, model from letters where id = $1", [letterId]);
  if (!row) return null;
  if (row.pdf) return row.pdf;
  const { renderLetterPdf } = await import("./render-letter.js");
  const { modelFromJson } = await import("./render-queued.js");
  const rendered = await renderLetterPdf(modelFromJson(row.model));
  await db.query("update letters set pdf = $2, status = 'rendered' where id = $1", [letterId, rendered]);
  return rendered;
}
