import { call, client } from "../api/client";
import { formatDate } from "../format";
import { useI18n } from "../locale-context";
import { useApi } from "../use-api";
import { ErrorMessage } from "./Status";

/**
 * The print house's daily batches (`GET /v1/print-batches`): each day's PDF and manifest to
 * download. The agency's own work.
 */
export interface PrintBatchItem {
  date: string;
  letters: number;
  pages: number;
  pdfUrl: string;
  manifestUrl: string;
}

export function PrintBatchList({ items }: { items: readonly PrintBatchItem[] }) {
  const { t, locale } = useI18n();
  return (
    <section aria-labelledby="print-batches-title" data-testid="print-batches">
      <h2 id="print-batches-title">{t("printBatches.title")}</h2>
      {items.length === 0 ? (
        <p className="empty">{t("printBatches.none")}</p>
      ) : (
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">{t("printBatches.date")}</th>
              <th scope="col">{t("printBatches.letters")}</th>
              <th scope="col">{t("printBatches.pages")}</th>
              <th scope="col">
                <span className="visually-hidden">{t("printBatches.pdf")}</span>
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
                    {t("printBatches.pdf")}
                  </a>{" "}
                  · <a href={b.manifestUrl}>{t("printBatches.manifest")}</a>
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
