import { mkdir, readdir, readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import type { LocalDate } from "../../domain/calendar/local-date.js";
import { postalAddressLines } from "../../collection/letters/postal-address.js";
import { modelFromJson } from "../../collection/letters/render-queued.js";
import { renderLettersPdf } from "../../collection/letters/render-letter.js";
import type { LetterChannel, OutgoingLetter, SendResult } from "../letter-channel.js";

/**
 * Paper through a print house: each letter given to this channel is filed under its business day
 * (`<dir>/<date>/letters/<letter id>.json`, keyed by the letter, so filing it again changes
 * nothing — the channel is idempotent), and `writeBatch` writes the day's batch: all its letters
 * as one PDF (each starting on a new page, the address where a C5/C4 window envelope shows it,
 * as the letters are laid out) and a manifest (letter id, case, first page, pages, recipient,
 * postage class) — `fordring-print-<date>.pdf` and `fordring-print-<date>.manifest.json` in the
 * operator's directory (`FORDRING_PRINT_DIR`). The print house takes the day's files.
 */

export interface PaperConfig {
  readonly dir: string;
  /** The agency's country: mail to other countries is "international" postage. */
  readonly homeCountry?: string;
}

export type PostageClass = "B-domestic" | "international";

export interface ManifestEntry {
  readonly letterId: string;
  readonly caseNumber: string;
  readonly kind: string;
  readonly firstPage: number;
  readonly pages: number;
  readonly recipient: readonly string[];
  readonly postageClass: PostageClass;
  /**
   * A back-office document (a plan letter, a filing) is printed from its own PDF, kept beside the
   * batch in this file instead of inside it (firstPage and pages are 0); `forAuthority`: a filing
   * for the forliksråd or the namsmann, to be posted (or filed) to that office.
   */
  readonly file?: string;
  readonly forAuthority?: boolean;
}

export interface PrintBatch {
  readonly date: string;
  readonly pdfFile: string;
  readonly manifestFile: string;
  readonly letters: readonly ManifestEntry[];
}

interface Filed {
  letterId: string;
  caseNumber: string;
  model: unknown;
}

export function paperChannel(config: PaperConfig): LetterChannel & { writeBatch(date: LocalDate): Promise<PrintBatch | undefined> } {
  const home = config.homeCountry ?? "NO";
  const dayDir = (date: string) => path.join(config.dir, date, "letters");
  return {
    name: "paper",
    idempotent: true,
    reaches: async () => true,
    async send(letter: OutgoingLetter): Promise<SendResult> {
      if (!letter.recipient.address) return { kind: "refused", reason: "paper: the debtor has no postal address", permanent: true };
      const date = letter.sendOn.toString();
      await mkdir(dayDir(date), { recursive: true });
      const file = path.join(dayDir(date), `${letter.letterId}.json`);
      const filed: Filed = { letterId: letter.letterId, caseNumber: letter.caseNumber, model: { ...letter.model, debtor: { ...letter.model.debtor, address: letter.recipient.address } } };
      // A back-office document keeps its own PDF (src/collection/documents/document-letters.ts).
      if ((letter.model as { document?: unknown }).document) await writeFile(path.join(dayDir(date), `${letter.letterId}.pdf`), letter.pdf);
      await writeFile(`${file}.tmp`, JSON.stringify(filed));
      await rename(`${file}.tmp`, file);
      return { kind: "accepted", messageId: `print-${date}-${letter.letterId}`, detail: `in the print batch of ${date}` };
    },
    status: async () => ({ kind: "unknown" }),
    async writeBatch(date: LocalDate): Promise<PrintBatch | undefined> {
      const day = date.toString();
      const names = (await readdir(dayDir(day)).catch(() => [] as string[])).filter((n) => n.endsWith(".json")).sort();
      if (names.length === 0) return undefined;
      const all = await Promise.all(names.map(async (n) => JSON.parse(await readFile(path.join(dayDir(day), n), "utf8")) as Filed));
      const documentOf = (f: Filed) => (f.model as { document?: { toAuthority: boolean } }).document;
      const filed = all.filter((f) => !documentOf(f));
      const documents: ManifestEntry[] = [];
      for (const f of all.filter(documentOf)) {
        const model = modelFromJson(f.model);
        const file = path.join(config.dir, `fordring-print-${day}-${f.letterId}.pdf`);
        await writeFile(file, await readFile(path.join(dayDir(day), `${f.letterId}.pdf`)));
        documents.push({ letterId: f.letterId, caseNumber: f.caseNumber, kind: model.kind, firstPage: 0, pages: 0, recipient: postalAddressLines(model.debtor.name, model.debtor.address, home), postageClass: model.debtor.address.country === home ? "B-domestic" : "international", file, forAuthority: documentOf(f)!.toAuthority });
      }
      // In postcode order (cheaper sorting at the print house), then by letter id for a stable order.
      const models = filed.map((f) => ({ f, model: modelFromJson(f.model) }));
      models.sort((a, b) => a.model.debtor.address.postcode.localeCompare(b.model.debtor.address.postcode) || a.f.letterId.localeCompare(b.f.letterId));
      const { pdf, pages } = models.length === 0 ? { pdf: null, pages: [] } : await renderLettersPdf(
        models.map((m) => m.model),
        `Print batch ${day}`,
      );
      const letters: ManifestEntry[] = models.map(({ f, model }, i) => ({
        letterId: f.letterId,
        caseNumber: f.caseNumber,
        kind: model.kind,
        firstPage: pages[i]!.first + 1,
        pages: pages[i]!.count,
        recipient: postalAddressLines(model.debtor.name, model.debtor.address, home),
        postageClass: model.debtor.address.country === home ? "B-domestic" : "international",
      }));
      const pdfFile = path.join(config.dir, `fordring-print-${day}.pdf`);
      const manifestFile = path.join(config.dir, `fordring-print-${day}.manifest.json`);
      // The batch's PDF holds the rendered letters; a day with documents only has none.
      if (pdf) {
        await writeFile(`${pdfFile}.tmp`, pdf);
        await rename(`${pdfFile}.tmp`, pdfFile);
      }
      const entries = [...letters, ...documents];
      await writeFile(`${manifestFile}.tmp`, JSON.stringify({ date: day, letters: entries.length, pages: letters.reduce((n, l) => n + l.pages, 0), entries }, null, 2) + "\n");
      await rename(`${manifestFile}.tmp`, manifestFile);
      return { date: day, pdfFile, manifestFile, letters: entries };
    },
  };
}
