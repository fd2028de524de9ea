import { call, client } from "../api/client";
import type { ReactNode } from "react";
import type { Dashboard, SyncInfo } from "../api/types";
import { ErrorMessage, Loading } from "../components/Status";
import { formatCount, formatInstant, formatMoney } from "../format";
import { labelOr } from "../i18n";
import { useI18n } from "../locale-context";
import { usePageTitle } from "../page-title";
import { Link } from "../router";
import { useSession } from "../session";
import { useApi } from "../use-api";
import { canMatchPayments, MATCH_QUEUE_PATH } from "./MatchQueuePage";

export function syncProblemCount(sync: SyncInfo): number {
  if (Array.isArray(sync.problems)) return sync.problems.length;
  return typeof sync.problems === "number" ? sync.problems : 0;
}

/** The accounting firm's view across all its clients: what needs a person today. */
export function FirmDashboardPage({ firmId }: { firmId: string }) {
  const { t } = useI18n();
  const { data, error, loading } = useApi(`dashboard:${firmId}`, () => call(client.GET("/v1/firms/{firmId}/dashboard", { params: { path: { firmId } } })));
  usePageTitle(data ? data.firm.name : t("dashboard.title"));
  if (error) return <ErrorMessage error={error} />;
  if (loading || !data) return <Loading />;
  return <DashboardView data={data} title={data.firm.name} intro={t("dashboard.intro")} />;
}

/** The agency's staff (and anyone without a firm): the same overview across every creditor they may see. */
export function AgencyDashboardPage() {
  const { t, locale } = useI18n();
  const { me } = useSession();
  const { data, error, loading } = useApi("dashboard", () => call(client.GET("/v1/dashboard")));
  usePageTitle(t("creditors.title"));
  if (error) return <ErrorMessage error={error} />;
  if (loading || !data) return <Loading />;
  const unmatched = data.unmatchedPayments;
  return (
    <DashboardView data={data} title={t("creditors.title")} intro={t("dashboard.agencyIntro")}>
      {unmatched !== null && (
        <li className={`card ${unmatched > 0 ? "card-warn" : ""}`}>
          <span className="card-label">{t("dashboard.unmatched")}</span>
          {me && canMatchPayments(me) ? (
            <Link to={MATCH_QUEUE_PATH} className="card-value" aria-label={t("dashboard.unmatchedOpen", { count: unmatched })}>
              {formatCount(unmatched, locale)}
            </Link>
          ) : (
            <span className="card-value">{formatCount(unmatched, locale)}</span>
          )}
          <span className="card-sub">{t("dashboard.unmatchedSub")}</span>
        </li>
      )}
    </DashboardView>
  );
}

function DashboardView({ data, title, intro, children }: { data: Omit<Dashboard, "firm">; title: string; intro: string; children?: ReactNode }) {
  const { t, locale } = useI18n();
  const { totals } = data;
  // Amounts in different currencies are never added: a firm with Norwegian and Swedish clients sees one sum per currency.
  const sums = (key: "overdueAmount" | "draftAmount") => totals.byCurrency.map((b) => formatMoney(b[key], b.currency, locale)).join(" + ") || formatMoney("0.00", data.currency, locale);
  return (
    <div className="page">
      <h1>{title}</h1>
      <p className="muted">{intro}</p>
      <ul className="cards" aria-label={t("dashboard.totals")}>
        <li className="card">
          <span className="card-label">{t("dashboard.overdue")}</span>
          <span className="card-value">{sums("overdueAmount")}</span>
          <span className="card-sub">{t("dashboard.invoicesCount", { count: totals.overdueCount })}</span>
        </li>
        <li className="card">
          <span className="card-label">{t("dashboard.drafts")}</span>
          <span className="card-value">{formatCount(totals.draftCount, locale)}</span>
          <span className="card-sub">{sums("draftAmount")}</span>
        </li>
        <li className={`card ${totals.actionNeeded > 0 ? "card-alert" : ""}`}>
          <span className="card-label">{t("dashboard.actionNeeded")}</span>
          <span className="card-value">{formatCount(totals.actionNeeded, locale)}</span>
          <span className="card-sub">{t("dashboard.openCasesCount", { count: totals.openCases })}</span>
        </li>
        <li className={`card ${totals.syncProblems > 0 ? "card-warn" : ""}`}>
          <span className="card-label">{t("dashboard.syncProblems")}</span>
          <span className="card-value">{formatCount(totals.syncProblems, locale)}</span>
          <span className="card-sub">{totals.syncProblems > 0 ? t("dashboard.syncCheck") : t("dashboard.syncOk")}</span>
        </li>
        {children}
      </ul>

      <h2>{t("dashboard.clients")}</h2>
      {data.clients.length === 0 ? (
        <p className="empty">{t("dashboard.noClients")}</p>
      ) : (
        <div className="table-scroll">
          <table className="data-table">
            <caption className="visually-hidden">{t("dashboard.clients")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("client.name")}</th>
                <th scope="col">{t("client.status")}</th>
                <th scope="col" className="num">
                  {t("dashboard.overdue")}
                </th>
                <th scope="col" className="num">
                  {t("dashboard.drafts")}
                </th>
                <th scope="col" className="num">
                  {t("dashboard.actionNeeded")}
                </th>
                <th scope="col" className="num">
                  {t("dashboard.openCases")}
                </th>
                <th scope="col" className="num">
                  {t("dashboard.collectedThisMonth")}
                </th>
                <th scope="col">{t("dashboard.sync")}</th>
              </tr>
            </thead>
            <tbody>
              {data.clients.map((c) => {
                const problems = syncProblemCount(c.sync);
                const problemText = Array.isArray(c.sync.problems) ? c.sync.problems.join("\n") : undefined;
                return (
                  <tr key={c.creditorId} className={c.actionNeeded > 0 ? "row-action" : undefined}>
                    <th scope="row">
                      <Link to={`/creditors/${c.creditorId}`}>{c.name}</Link>
                      <span className="sub">{c.code}</span>
                    </th>
                    <td>{labelOr(locale, `creditorStatus.${c.status}`, c.status)}</td>
                    <td className="num">
                      {formatMoney(c.overdueAmount, c.currency, locale)}
                      <span className="sub">{t("dashboard.invoicesCount", { count: c.overdueCount })}</span>
                    </td>
                    <td className="num">
                      {c.draftCount > 0 ? (
                        <Link to={`/creditors/${c.creditorId}/drafts`}>{formatCount(c.draftCount, locale)}</Link>
                      ) : (
                        "0"
                      )}
                      <span className="sub">{formatMoney(c.draftAmount, c.currency, locale)}</span>
                    </td>
                    <td className="num">
                      {c.actionNeeded > 0 ? (
                        <Link to={`/creditors/${c.creditorId}/cases?state=action-needed`} className="badge badge-danger">
                          {formatCount(c.actionNeeded, locale)}
                        </Link>
                      ) : (
                        "0"
                      )}
                    </td>
                    <td className="num">{formatCount(c.openCases, locale)}</td>
                    <td className="num">{formatMoney(c.collectedThisMonth, c.currency, locale)}</td>
                    <td>
                      <span className={`badge ${problems > 0 ? "badge-warn" : "badge-ok"}`} title={problemText}>
                        {problems > 0 ? t("dashboard.syncProblemCount", { count: problems }) : labelOr(locale, `syncStatus.${c.sync.status ?? "never"}`, c.sync.status ?? "–")}
                      </span>
                      {c.sync.lastSyncAt && <span className="sub">{formatInstant(c.sync.lastSyncAt, locale)}</span>}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
