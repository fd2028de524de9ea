import { readdir, readFile } from "node:fs/promises";
import path from "node:path";

/**
 * The print batches written to the operator's directory (`FORDRING_PRINT_DIR`), for the portal's
 * list and download: one PDF and one manifest per business day (src/delivery/paper/paper-channel.ts).
 */
export interface PrintBatchSummary {
  readonly date: string;
  readonly letters: number;
  readonly pages: number;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The day's batches, newest first (a batch whose manifest cannot be read is left out). */
export async function listPrintBatches(dir: string): Promise<PrintBatchSummary[]> {
  const names = await readdir(dir).catch(() => [] as string[]);
  const out: PrintBatchSummary[] = [];
  for (const name of names) {
    const m = /^fordring-print-(\d{4}-\d{2}-\d{2})\.manifest\.json$/.exec(name);
    if (!m) continue;
    try {
      const manifest = JSON.parse(await readFile(path.join(dir, name), "utf8")) as { letters: number; pages: number };
      out.push({ date: m[1]!, letters: manifest.letters, pages: manifest.pages });
    } catch {
      // Being rewritten (renamed into place) or damaged: not listed.
    }
  }
  return out.sort((a, b) => b.date.localeCompare(a.date));
}

/** One batch's file: its PDF or its manifest; null when there is none for the day. */
export async function printBatchFile(dir: string, date: string, part: "pdf" | "manifest"): Promise<Buffer | null> {
  if (!DAY.test(date)) return null;
  const file = path.join(dir, part === "pdf" ? `fordring-print-${date}.pdf` : `fordring-print-${date}.manifest.json`);
  return readFile(file).catch(() => null);
}
