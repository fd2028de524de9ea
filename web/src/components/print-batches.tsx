import { call, client } from "../api/client";
import { formatDate } from "../format";
import type { Locale } from "../i18n";
import { useI18n } from "../locale-context";
import { useApi } from "../use-api";
import { ErrorMessage } from "./Status";

/**
 * The print house's daily batches (`GET /v1/print-batches`): each day's PDF and manifest to
 * download. The agency's own work; self-contained, with its words in both languages.
 */
export interface PrintBatchItem {
  date: string;
  letters: number;
  pages: number;
  pdfUrl: string;
  manifestUrl: string;
}

const WORDS = {
  nb: { title: "Utskriftsbunker", none: "Ingen brev på papir ennå.", date: "Dag", letters: "Brev", pages: "Sider", pdf: "PDF", manifest: "Manifest" },
  en: { title: "Print batches", none: "No letters on paper yet.", date: "Day", letters: "Letters", pages: "Pages", pdf: "PDF", manifest: "Manifest" },
  sv: { title: "Utskriftsbuntar", none: "Inga pappersbrev ännu.", date: "Dag", letters: "Brev", pages: "Sidor", pdf: "PDF", manifest: "Manifest" },
} satisfies Record<Locale, Record<string, string>>;

export function PrintBatchList({ items }: { items: readonly PrintBatchItem[] }) {
  const { locale } = useI18n();
  const w = WORDS[locale];
  return (
    <section aria-labelledby="print-batches-title" data-testid="print-batches">
      <h2 id="print-batches-title">{w.title}</h2>
      {items.length === 0 ? (
        <p className="empty">{w.none}</p>
      ) : (
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">{w.date}</th>
              <th scope="col">{w.letters}</th>
              <th scope="col">{w.pages}</th>
              <th scope="col">
                <span className="visually-hidden">{w.pdf}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {items.map((b) => (
              <tr key={b.date}>
                <th scope="row">{formatDate(b.date, locale)}</th>
                <td>{b.letters}</td>
                <td>{b.pages}</td>
                <td>
                  <a href={b.pdfUrl} target="_blank" rel="noopener">
                    {w.pdf}
                  </a>{" "}
                  · <a href={b.manifestUrl}>{w.manifest}</a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** The list, loaded from the API. */
export function PrintBatches() {
  const { data, error } = useApi("print-batches", () => call(client.GET("/v1/print-batches")));
  if (error) return <ErrorMessage error={error} />;
  return data ? <PrintBatchList items={data.items} /> : null;
}
