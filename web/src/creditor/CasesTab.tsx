import { call, client } from "../api/client";
import { useState } from "react";
import type { CaseListState, CaseSummary } from "../api/types";
import { ErrorMessage } from "../components/Status";
import { useI18n } from "../locale-context";
import { useLocation } from "../router";
import { fetchAll, usePaged } from "../use-paged";
import { caseStatus, CaseRow, LoadMore } from "../components/case-row";
import { useBusinessDate } from "../business-date";
import { ExportButtons } from "../components/export-buttons";
import { filterQuery, FilterForm, NO_FILTERS, SortHeader, type Filters, type SortState } from "../components/list-controls";
import { labelOr, type MessageKey } from "../i18n";

const FILTERS = ["open", "action-needed", "closed", "all"] as const;
const STAGES = ["opened", "reminder", "collection-notice", "stop-window", "awaiting-payment-demand-approval", "payment-demand", "awaiting-legal-approval", "ordinary-collection", "legal", "surveillance", "closed"] as const;
const REASONS = ["paid", "credited", "withdrawn", "written-off"] as const;
export type CaseSort = "newest" | "stage" | "balance" | "age" | "reason";

/** Whole days from `due` to `today` (both calendar dates); null before the business date is known. */
export function daysPast(due: string, today: string | null): number | null {
  if (!today) return null;
  const day = (d: string) => Date.UTC(Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1, Number(d.slice(8, 10))) / 86_400_000;
  return day(today) - day(due);
}

/** A client's cases: by state, sorted and filtered on the server (stage, balance, age, close reason), exported whole as CSV or XLSX. */
export function CasesTab({ creditorId }: { creditorId: string }) {
  const { t, locale } = useI18n();
  const { search } = useLocation();
  const today = useBusinessDate();
  const [state, setState] = useState<CaseListState>((search.get("state") ?? "open") as CaseListState);
  const [order, setOrder] = useState<SortState<CaseSort>>({ sort: "newest", dir: "asc" });
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const query = { state, ...filterQuery(filters), reason: (filters.reason || undefined) as (typeof REASONS)[number] | undefined, sort: order.sort, dir: order.dir };
  const key = `cases:${creditorId}:${JSON.stringify(query)}`;
  const loadPage = (cursor: string | undefined, limit: number) => call(client.GET("/v1/creditors/{creditorId}/cases", { params: { path: { creditorId }, query: { ...query, cursor, limit } } }));
  const list = usePaged(key, loadPage);
  const header = (sortKey: CaseSort, label: MessageKey, className?: string) => <SortHeader label={t(label)} sortKey={sortKey} state={order} onSort={setOrder} className={className} />;
  const columns = [
    { header: t("case.number") }, { header: t("invoice.number") }, { header: t("case.debtor") }, { header: t("case.stage") }, { header: t("case.status") },
    { header: t("case.balance"), kind: "amount" as const }, { header: t("export.settlementCurrency") }, { header: t("invoice.dueDate") }, { header: t("lists.age") }, { header: t("case.openedOn") }, { header: t("lists.reason") },
  ];
  const exportRows = async () =>
    (await fetchAll<CaseSummary>(loadPage)).map((c) => [c.caseNumber, c.invoiceNumber, c.debtorName, labelOr(locale, `stage.${c.stage}`, c.stage), caseStatus(locale, c), c.balance, c.currency, c.dueDate, daysPast(c.dueDate, today), c.openedOn, c.closeReason ? labelOr(locale, `closeReason.${c.closeReason}`, c.closeReason) : ""]);
  return (
    <div>
      <FilterForm
        stages={STAGES.map((s) => ({ value: s, label: labelOr(locale, `stage.${s}`, s) }))}
        reasons={REASONS.map((r) => ({ value: r, label: labelOr(locale, `closeReason.${r}`, r) }))}
        onApply={setFilters}
        extra={
          <div className="field inline">
            <label htmlFor="case-state-filter">{t("cases.filter")}</label>
            <select id="case-state-filter" value={state} onChange={(e) => setState(e.target.value as CaseListState)}>
              {FILTERS.map((f) => (
                <option key={f} value={f}>
                  {f === "all" ? t("invoices.all") : t(`caseFilter.${f}`)}
                </option>
              ))}
            </select>
          </div>
        }
      />
      <div className="toolbar">
        <p className="muted small">{t("lists.sortHint")}</p>
        {order.sort !== "newest" && (
          <button type="button" className="button small" onClick={() => setOrder({ sort: "newest", dir: "asc" })}>
            {t("lists.newest")}
          </button>
        )}
        <ExportButtons fileName={t("export.file.cases")} sheetName={t("tab.cases")} columns={columns} load={exportRows} />
      </div>
      <ErrorMessage error={list.error} />
      {list.items.length === 0 && !list.loading && !list.error ? (
        <p className="empty">{t("cases.empty")}</p>
      ) : (
        <div className="table-scroll">
          <table className="data-table" data-testid="cases-table">
            <caption className="visually-hidden">{t("tab.cases")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("case.number")}</th>
                <th scope="col">{t("invoice.number")}</th>
                <th scope="col">{t("case.debtor")}</th>
                {header("stage", "case.stage")}
                {header("reason", "case.status")}
                {header("balance", "case.balance", "num")}
                <th scope="col">{t("case.openedOn")}</th>
                <th scope="col">{t("case.nextActionOn")}</th>
                {header("age", "lists.age", "num")}
              </tr>
            </thead>
            <tbody>
              {list.items.map((c) => (
                <CaseRow key={c.caseId} c={c} today={today} age={daysPast(c.dueDate, today)} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      <LoadMore list={list} />
    </div>
  );
}
