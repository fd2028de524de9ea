import { useState } from "react";
import { call, client } from "../api/client";
import { useBusinessDate } from "../business-date";
import { CaseRow, LoadMore, caseStatus } from "../components/case-row";
import { ErrorMessage } from "../components/Status";
import { downloadCsv, toCsv } from "../csv";
import { labelOr } from "../i18n";
import { useI18n } from "../locale-context";
import { usePageTitle } from "../page-title";
import { navigate, useLocation } from "../router";
import { usePaged } from "../use-paged";

export const SEARCH_PATH = "/search";

/** The search box in the top bar: submits to the search page. */
export function SearchBox() {
  const { t } = useI18n();
  const { search } = useLocation();
  const [q, setQ] = useState(search.get("q") ?? "");
  return (
    <form
      role="search"
      className="search-box"
      onSubmit={(e) => {
        e.preventDefault();
        if (q.trim()) navigate(`${SEARCH_PATH}?q=${encodeURIComponent(q.trim())}`);
      }}
    >
      <label htmlFor="search-q" className="visually-hidden">
        {t("search.label")}
      </label>
      <input id="search-q" type="search" value={q} onChange={(e) => setQ(e.target.value)} placeholder={t("search.placeholder")} />
      <button type="submit" className="button small">
        {t("search.submit")}
      </button>
    </form>
  );
}

/** Cases across every client the user may see that match the search (`GET /v1/cases?state=all&q=`). */
export function SearchPage() {
  const { t, locale } = useI18n();
  const { search } = useLocation();
  const q = search.get("q") ?? "";
  const today = useBusinessDate();
  usePageTitle(t("search.title", { q }));
  const list = usePaged(`search:${q}`, (cursor, limit) => call(client.GET("/v1/cases", { params: { query: { state: "all", q, cursor, limit } } })));
  const header = [t("case.number"), t("invoice.number"), t("case.debtor"), t("case.stage"), t("case.status"), t("case.balance"), t("case.openedOn"), t("case.nextActionOn")];
  const exportCsv = () =>
    downloadCsv(
      `cases-${q.replace(/[^\p{L}\p{N}-]+/gu, "_")}.csv`,
      toCsv(
        [...header, "currency"],
        list.items.map((c) => [c.caseNumber, c.invoiceNumber, c.debtorName, labelOr(locale, `stage.${c.stage}`, c.stage), caseStatus(locale, c), c.balance, c.openedOn, c.closedOn ?? c.nextActionOn, c.currency]),
      ),
    );
  return (
    <div className="page">
      <div className="page-header">
        <h1>{t("search.title", { q })}</h1>
        <p className="muted">{t("search.hint")}</p>
      </div>
      <ErrorMessage error={list.error} />
      {list.items.length === 0 && !list.loading && !list.error ? (
        <p className="empty">{t("search.empty")}</p>
      ) : (
        <>
          <div className="toolbar">
            <button type="button" className="button" onClick={exportCsv} disabled={list.items.length === 0}>
              {t("export.csv")}
            </button>
          </div>
          <div className="table-scroll">
            <table className="data-table" data-testid="search-results">
              <caption className="visually-hidden">{t("search.title", { q })}</caption>
              <thead>
                <tr>
                  {header.map((h, i) => (
                    <th key={h} scope="col" className={i === 5 ? "num" : undefined}>
                      {h}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {list.items.map((c) => (
                  <CaseRow key={c.caseId} c={c} today={today} />
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
      <LoadMore list={list} />
    </div>
  );
}
