import { call, client } from "../api/client";
import { useState } from "react";
import type { Invoice, InvoiceListState } from "../api/types";
import { InvoiceBrowser, reasonText } from "../components/invoice-table";
import { ErrorMessage, Loading } from "../components/Status";
import { useI18n } from "../locale-context";
import { fetchAll, usePaged } from "../use-paged";
import { ExportButtons } from "../components/export-buttons";
import { filterQuery, FilterForm, NO_FILTERS, SortHeader, type Filters, type SortState } from "../components/list-controls";
import { labelOr } from "../i18n";
import { useBusinessDate } from "../business-date";
import { daysPast } from "./CasesTab";

// "overdue" (the default): open and past due, in collection or not — what the tab is for.
const STATES = ["overdue", "waiting", "blocked", "draft", "transferred", "all"] as const;
type InvoiceSort = "due" | "amount" | "state" | "reason" | "customer";

/** The client's overdue invoices with their state; blocked and waiting ones say why and until when. Sorted and filtered on the server; exported whole. */
export function InvoicesTab({ creditorId }: { creditorId: string }) {
  const { t, locale } = useI18n();
  const today = useBusinessDate();
  const [state, setState] = useState<InvoiceListState>("overdue");
  const [order, setOrder] = useState<SortState<InvoiceSort>>({ sort: "due", dir: "asc" });
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  // The reasons the reader has seen, with their words: the reason filter offers these.
  const [reasons, setReasons] = useState<Map<string, string>>(new Map());
  const query = { state, ...filterQuery(filters), sort: order.sort, dir: order.dir };
  const loadPage = async (cursor: string | undefined, limit: number) => {
    const page = await call(client.GET("/v1/creditors/{creditorId}/invoices", { params: { path: { creditorId }, query: { ...query, cursor, limit } } }));
    const seen = page.items.flatMap((i) => i.reasons.map((r) => [r.code, reasonText(r, locale)] as const)).filter(([code]) => !reasons.has(code));
    if (seen.length > 0) setReasons((m) => new Map([...m, ...seen]));
    return page;
  };
  const list = usePaged<Invoice>(`invoices:${creditorId}:${JSON.stringify(query)}`, loadPage);
  const columns = [
    { header: t("invoice.number") }, { header: t("invoice.customer") }, { header: t("invoice.issueDate") }, { header: t("invoice.dueDate") }, { header: t("lists.age") },
    { header: t("invoice.amount"), kind: "amount" as const }, { header: t("invoice.open"), kind: "amount" as const }, { header: t("export.settlementCurrency") },
    { header: t("invoice.state") }, { header: t("lists.reason") }, { header: t("case.number") },
  ];
  const exportRows = async () =>
    (await fetchAll<Invoice>(loadPage)).map((i) => [
      i.invoiceNumber, i.customerName, i.issueDate, i.dueDate, daysPast(i.dueDate, today), i.amount, i.open, i.currency,
      labelOr(locale, `invoiceState.${i.state}`, i.state), i.reasons.map((r) => reasonText(r, locale)).join("; "), i.caseNumber ?? "",
    ]);
  return (
    <div>
      <FilterForm
        stages={[]}
        reasons={[...reasons].map(([value, label]) => ({ value, label }))}
        onApply={setFilters}
        extra={
          <div className="field inline">
            <label htmlFor="invoice-state-filter">{t("invoices.filter")}</label>
            <select id="invoice-state-filter" value={state} onChange={(e) => setState(e.target.value as InvoiceListState)}>
              {STATES.map((s) => (
                <option key={s} value={s}>
                  {s === "all" ? t("invoices.all") : s === "overdue" ? t("invoices.overdue") : t(`invoiceState.${s}`)}
                </option>
              ))}
            </select>
          </div>
        }
      />
      <div className="toolbar">
        <p className="muted small">{t("invoices.hint")}</p>
        <ExportButtons fileName={t("export.file.invoices")} sheetName={t("tab.invoices")} columns={columns} load={exportRows} />
      </div>
      <ErrorMessage error={list.error} />
      {list.items.length === 0 && !list.loading && !list.error ? (
        <p className="empty">{t("invoices.empty")}</p>
      ) : (
        <InvoiceBrowser items={list.items} sortHeader={(key, label, className) => <SortHeader key={key} label={label} sortKey={key} state={order} onSort={setOrder} className={className} />}>
          {list.loading && <Loading />}
          {list.hasMore && !list.loading && (
            <button type="button" className="button" onClick={list.loadMore}>
              {t("common.loadMore")}
            </button>
          )}
        </InvoiceBrowser>
      )}
    </div>
  );
}
