/**
 * A table as CSV for a spreadsheet (RFC 4180 quoting): semicolons between fields, as Norwegian and
 * Swedish spreadsheets expect, CRLF line ends, and a byte-order mark so Excel reads UTF-8 (æ, ø, å).
 * Amounts are written as the API sends them ("1250.00"), never reformatted.
 */
export function toCsv(header: readonly string[], rows: readonly (readonly (string | number | null | undefined)[])[]): string {
  const field = (v: string | number | null | undefined) => {
    const s = v === null || v === undefined ? "" : String(v);
    return /[";\r\n]/.test(s) || /^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return "\uFEFF" + [header, ...rows].map((r) => r.map(field).join(";")).join("\r\n") + "\r\n";
}

/** Offers `csv` as a download named `filename`. */
export function downloadCsv(filename: string, csv: string): void {
  downloadFile(filename, csv, "text/csv;charset=utf-8");
}

/** Offers bytes or text as a download named `filename` (CSV here, XLSX from export.ts). */
export function downloadFile(filename: string, content: Uint8Array | string, type: string): void {
  const blob = new Blob([typeof content === "string" ? content : (content.slice().buffer as ArrayBuffer)], { type });
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1_000);
}
