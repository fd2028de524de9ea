import { call, client } from "../api/client";
import { useState } from "react";
import type { CaseListState } from "../api/types";
import { ErrorMessage } from "../components/Status";
import { useI18n } from "../locale-context";
import { useLocation } from "../router";
import { usePaged } from "../use-paged";
import { CaseRow, LoadMore } from "../components/case-row";
import { useBusinessDate } from "../business-date";

const FILTERS = ["open", "action-needed", "closed"] as const;

export function CasesTab({ creditorId }: { creditorId: string }) {
  const { t } = useI18n();
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
                <CaseRow key={c.caseId} c={c} today={today} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      <LoadMore list={list} />
    </div>
  );
}
