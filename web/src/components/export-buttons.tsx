import { useState } from "react";
import { ApiError } from "../api/client";
import { downloadFile } from "../csv";
import { CSV_TYPE, tableCsv, toXlsx, XLSX_TYPE, type Cell, type Column } from "../export";
import { useI18n } from "../locale-context";
import { ErrorMessage } from "./Status";

/**
 * *Last ned CSV* and *Last ned Excel* for a list: `load` reads every row with the list's filters and
 * sort (all pages, not only those shown), then the file is made in the browser in the reader's words.
 */
export function ExportButtons({ fileName, sheetName, columns, load }: { fileName: string; sheetName: string; columns: Column[]; load(): Promise<Cell[][]> }) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const run = async (format: "csv" | "xlsx") => {
    setBusy(true);
    setDone(null);
    setError(null);
    try {
      const rows = await load();
      if (format === "csv") downloadFile(`${fileName}.csv`, tableCsv(columns, rows), CSV_TYPE);
      else downloadFile(`${fileName}.xlsx`, toXlsx(sheetName, columns, rows), XLSX_TYPE);
      setDone(t("export.done", { count: rows.length }));
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError(0, "unknown", String(e)));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="export-buttons">
      <button type="button" className="button" disabled={busy} onClick={() => void run("csv")}>
        {t("export.csv")}
      </button>
      <button type="button" className="button" disabled={busy} onClick={() => void run("xlsx")}>
        {t("export.xlsx")}
      </button>
      <span role="status" className="muted small">
        {busy ? t("export.busy") : (done ?? "")}
      </span>
      <ErrorMessage error={error} />
    </div>
  );
}
