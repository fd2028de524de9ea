import { call, client } from "../api/client";
import type { SettlementSummary } from "../api/types";
import { useI18n } from "../locale-context";
import { fetchAll } from "../use-paged";
import { ExportButtons } from "./export-buttons";

/** A client's settlements as CSV or XLSX: every settlement, newest first, amounts as numbers. */
export function SettlementExport({ creditorId }: { creditorId: string }) {
  const { t } = useI18n();
  const columns = [
    { header: t("settlements.settledOn") }, { header: t("export.periodFrom") }, { header: t("export.periodTo") }, { header: t("export.settlementCurrency") },
    { header: t("settlements.amount"), kind: "amount" as const }, { header: t("export.invoiceToCreditor"), kind: "amount" as const }, { header: t("settlements.booked") },
  ];
  const load = async () =>
    (await fetchAll<SettlementSummary>((cursor, limit) => call(client.GET("/v1/creditors/{creditorId}/settlements", { params: { path: { creditorId }, query: { cursor, limit } } })))).map((s) => [
      s.settledOn, s.periodFrom, s.periodTo, s.currency, s.payout, s.invoiceToCreditor, s.bookedAt ? s.bookedAt.slice(0, 10) : "",
    ]);
  return (
    <div className="toolbar">
      <ExportButtons fileName={t("export.file.settlements")} sheetName={t("tab.settlements")} columns={columns} load={load} />
    </div>
  );
}
