import { call, client } from "../api/client";
import { useState } from "react";
import type { CaseListState } from "../api/types";
import { ErrorMessage, Loading } from "../components/Status";
import { formatDate, formatMoney } from "../format";
import { labelOr } from "../i18n";
import { useI18n } from "../locale-context";
import { Link, useLocation } from "../router";
import { usePaged } from "../use-paged";
import { closeReasonLabel, nextDateLabel, statusLabel } from "../case-texts";
import { useBusinessDate } from "../business-date";

const FILTERS = ["open", "action-needed", "closed"] as const;

export function CasesTab({ creditorId }: { creditorId: string }) {
  const { t, locale } = useI18n();
  const { search } = useLocation();
  const today = useBusinessDate();
  const [state, setState] = useState<CaseListState>((search.get("state") ?? "open") as CaseListState);
  const list = usePaged(`cases:${creditorId}:${state}`, (cursor, limit) =>
    call(client.GET("/v1/creditors/{creditorId}/cases", { params: { path: { creditorId }, query: { state, cursor, limit } } })),
  );
  return (
    <div>
      <div className="toolbar">
        <div className="field inline">
          <label htmlFor="case-state-filter">{t("cases.filter")}</label>
          <select id="case-state-filter" value={state} onChange={(e) => setState(e.target.value as CaseListState)}>
            {FILTERS.map((f) => (
              <option key={f} value={f}>
                {t(`caseFilter.${f}`)}
              </option>
            ))}
          </select>
        </div>
      </div>
      <ErrorMessage error={list.error} />
      {list.items.length === 0 && !list.loading && !list.error ? (
        <p className="empty">{t("cases.empty")}</p>
      ) : (
        <div className="table-scroll">
          <table className="data-table">
            <caption className="visually-hidden">{t("tab.cases")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("case.number")}</th>
                <th scope="col">{t("invoice.number")}</th>
                <th scope="col">{t("case.debtor")}</th>
                <th scope="col">{t("case.stage")}</th>
                <th scope="col">{t("case.status")}</th>
                <th scope="col" className="num">
                  {t("case.balance")}
                </th>
                <th scope="col">{t("case.openedOn")}</th>
                <th scope="col">{t("case.nextActionOn")}</th>
              </tr>
            </thead>
            <tbody>
              {list.items.map((c) => (
                <tr key={c.caseId} className={c.actionNeeded ? "row-action" : c.hold ? "row-hold" : undefined}>
                  <th scope="row">
                    <Link to={`/cases/${c.caseId}`}>{c.caseNumber}</Link>
                    {c.actionNeeded && <span className="badge badge-danger">{t("case.actionNeeded")}</span>}
                  </th>
                  <td>{c.invoiceNumber}</td>
                  <td>{c.debtorName}</td>
                  <td>{labelOr(locale, `stage.${c.stage}`, c.stage)}</td>
                  <td>
                    {c.hold && <span className="badge badge-hold">{labelOr(locale, `hold.${c.hold.kind}`, c.hold.kind)}</span>} {c.closedOn ? `${statusLabel(locale, c.stage, c.statusText)} – ${closeReasonLabel(locale, c.closeReason)}` : statusLabel(locale, c.stage, c.statusText)}
                  </td>
                  <td className="num">{formatMoney(c.balance, c.currency, locale)}</td>
                  <td>{formatDate(c.openedOn, locale)}</td>
                  <td>{nextDateLabel(locale, c, today)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {list.loading && <Loading />}
      {list.hasMore && !list.loading && (
        <button type="button" className="button" onClick={list.loadMore}>
          {t("common.loadMore")}
        </button>
      )}
    </div>
  );
}
