import { useState } from "react";
import { call, client } from "../api/client";
import type { Me } from "../api/types";
import { BarChart } from "../components/BarChart";
import { ErrorMessage, Loading } from "../components/Status";
import { formatCount, formatMoney, formatMoneyShort, formatMonth, toMinor } from "../format";
import { labelOr } from "../i18n";
import { useI18n } from "../locale-context";
import { usePageTitle } from "../page-title";
import { Link } from "../router";
import { useApi } from "../use-api";

/**
 * Settlement and performance reporting on screen (issue 20 item 5): for a period, across the
 * clients the user may see and per currency, what was collected against the agency's share and
 * what was paid out (reconciled with the settlements), the recovery rate, days to payment and
 * how cases ended by stage — as charts, with the same figures in tables.
 */
export const REPORTS_PATH = "/reports";

const isoDay = (d: Date) => d.toISOString().slice(0, 10);

function defaultPeriod(): { from: string; to: string } {
  const now = new Date();
  const from = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 11, 1));
  return { from: isoDay(from), to: isoDay(now) };
}

/** The menu's link to the reports (and, for a firm's administrator, to its people and to registering a client). */
export function ReportsLink({ me, path }: { me: Me; path: string }) {
  const { t } = useI18n();
  const adminFirm = me.memberships.find((m) => m.role === "firm-admin" && m.firmId)?.firmId;
  const team = adminFirm ? `/firms/${adminFirm}/users` : null;
  return (
    <>
      <li>
        <Link to={REPORTS_PATH} aria-current={path === REPORTS_PATH ? "page" : undefined}>
          {t("nav.reports")}
        </Link>
      </li>
      {team && (
        <li>
          <Link to={team} aria-current={path === team ? "page" : undefined}>
            {t("nav.team")}
          </Link>
        </li>
      )}
      {adminFirm && (
        <li>
          <Link to={`/firms/${adminFirm}/clients/new`} aria-current={path === `/firms/${adminFirm}/clients/new` ? "page" : undefined}>
            {t("nav.newClient")}
          </Link>
        </li>
      )}
    </>
  );
}

const percent = (rate: number | null, locale: string) => (rate === null ? "–" : new Intl.NumberFormat(locale === "nb" ? "nb-NO" : locale === "sv" ? "sv-SE" : "en-GB", { style: "percent", maximumFractionDigits: 1 }).format(rate));
const days = (d: number | null, locale: string) => (d === null ? "–" : new Intl.NumberFormat(locale === "nb" ? "nb-NO" : locale === "sv" ? "sv-SE" : "en-GB", { maximumFractionDigits: 1 }).format(d));

export function ReportsPage() {
  const { t, locale } = useI18n();
  usePageTitle(t("reports.title"));
  const [period, setPeriod] = useState(defaultPeriod);
  const [draft, setDraft] = useState(period);
  const report = useApi(`performance:${period.from}:${period.to}`, () => call(client.GET("/v1/reports/performance", { params: { query: period } })));

  return (
    <div className="page">
      <div className="page-header">
        <h1>{t("reports.title")}</h1>
        <p className="muted">{t("reports.intro")}</p>
      </div>
      <form
        className="toolbar"
        onSubmit={(e) => {
          e.preventDefault();
          if (draft.from && draft.to && draft.from <= draft.to) setPeriod(draft);
        }}
      >
        <div className="field">
          <label htmlFor="report-from">{t("reports.from")}</label>
          <input id="report-from" type="date" value={draft.from} onChange={(e) => setDraft({ ...draft, from: e.target.value })} />
        </div>
        <div className="field">
          <label htmlFor="report-to">{t("reports.to")}</label>
          <input id="report-to" type="date" value={draft.to} onChange={(e) => setDraft({ ...draft, to: e.target.value })} />
        </div>
        <button type="submit" className="button">
          {t("reports.show")}
        </button>
      </form>
      <ErrorMessage error={report.error} />
      {report.loading && !report.data && <Loading />}
      {report.data && report.data.currencies.length === 0 && <p className="empty">{t("reports.empty")}</p>}
      {report.data?.currencies.map((c) => {
        const money = (a: string) => formatMoney(a, c.currency, locale);
        const short = (a: string) => formatMoneyShort(a, c.currency, locale);
        const series = (key: "collected" | "agencyShare" | "paidOut") => c.months.map((m) => ({ label: formatMonth(m.month, locale), value: toMinor(m[key]), text: short(m[key]) }));
        return (
          <section key={c.currency} aria-labelledby={`report-${c.currency}`} className="report-currency">
            <h2 id={`report-${c.currency}`}>{t("reports.inCurrency", { currency: c.currency })}</h2>
            <ul className="cards" aria-label={t("reports.totals", { currency: c.currency })}>
              <li className="card">
                <span className="card-label">{t("reports.collected")}</span>
                <span className="card-value">{money(c.totals.collected)}</span>
              </li>
              <li className="card">
                <span className="card-label">{t("reports.agencyShare")}</span>
                <span className="card-value">{money(c.totals.agencyShare)}</span>
              </li>
              <li className="card">
                <span className="card-label">{t("reports.paidOut")}</span>
                <span className="card-value">{money(c.totals.paidOut)}</span>
                {c.totals.invoiced !== "0.00" && c.totals.invoiced !== "0" && <span className="card-sub">{t("reports.invoiced", { amount: money(c.totals.invoiced) })}</span>}
              </li>
              <li className="card">
                <span className="card-label">{t("reports.recoveryRate")}</span>
                <span className="card-value">{percent(c.totals.recoveryRate, locale)}</span>
                <span className="card-sub">{t("reports.recoveryRateHint", { count: c.totals.casesOpened })}</span>
              </li>
              <li className="card">
                <span className="card-label">{t("reports.daysToPayment")}</span>
                <span className="card-value">{days(c.totals.averageDaysToPayment, locale)}</span>
                <span className="card-sub">{t("reports.daysToPaymentHint", { count: c.totals.paidCases })}</span>
              </li>
            </ul>
            <p className={c.totals.settlementsNotReconciled === 0 ? "muted" : "alert alert-error"} role={c.totals.settlementsNotReconciled === 0 ? undefined : "alert"}>
              {c.totals.settlementsNotReconciled === 0
                ? t("reports.reconciled", { count: c.totals.settlements, gross: money(c.totals.settledGross) })
                : t("reports.notReconciled", { count: c.totals.settlementsNotReconciled })}
            </p>
            <div className="charts">
              <BarChart title={t("reports.chartCollected", { currency: c.currency })} bars={series("collected")} />
              <BarChart title={t("reports.chartAgencyShare", { currency: c.currency })} bars={series("agencyShare")} tone="accent" />
              <BarChart title={t("reports.chartPaidOut", { currency: c.currency })} bars={series("paidOut")} />
            </div>
            <h3>{t("reports.byClient")}</h3>
            <div className="table-scroll">
              <table className="data-table">
                <caption className="visually-hidden">{t("reports.byClient")}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("reports.client")}</th>
                    <th scope="col" className="num">{t("reports.collected")}</th>
                    <th scope="col" className="num">{t("reports.agencyShare")}</th>
                    <th scope="col" className="num">{t("reports.paidOut")}</th>
                    <th scope="col" className="num">{t("reports.recoveryRate")}</th>
                    <th scope="col" className="num">{t("reports.daysToPayment")}</th>
                  </tr>
                </thead>
                <tbody>
                  {c.clients.map((k) => (
                    <tr key={k.creditorId}>
                      <th scope="row">
                        <Link to={`/creditors/${k.creditorId}`}>{k.name}</Link>
                      </th>
                      <td className="num">{money(k.collected)}</td>
                      <td className="num">{money(k.agencyShare)}</td>
                      <td className="num">{money(k.paidOut)}</td>
                      <td className="num">{percent(k.recoveryRate, locale)}</td>
                      <td className="num">{days(k.averageDaysToPayment, locale)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <h3>{t("reports.outcomeByStage")}</h3>
            {c.outcomeByStage.length === 0 ? (
              <p className="empty">{t("reports.noneClosed")}</p>
            ) : (
              <div className="table-scroll">
                <table className="data-table">
                  <caption className="visually-hidden">{t("reports.outcomeByStage")}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t("reports.closedFrom")}</th>
                      <th scope="col">{t("reports.outcome")}</th>
                      <th scope="col" className="num">{t("reports.cases")}</th>
                      <th scope="col" className="num">{t("reports.principal")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {c.outcomeByStage.map((o) => (
                      <tr key={`${o.stage}:${o.reason}`}>
                        <th scope="row">{labelOr(locale, `stage.${o.stage}`, o.stage)}</th>
                        <td>{labelOr(locale, `closeReason.${o.reason}`, o.reason)}</td>
                        <td className="num">{formatCount(o.cases, locale)}</td>
                        <td className="num">{money(o.principal)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </section>
        );
      })}
    </div>
  );
}
