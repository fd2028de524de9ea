import { call, client } from "../api/client";
import { useState } from "react";
import type { SettlementDetail, SettlementSummary } from "../api/types";
import { SettlementReconciliation } from "../components/settlement-reconciliation";
import { ErrorMessage, Loading } from "../components/Status";
import { FALLBACK_CURRENCY, formatDate, formatInstant, formatMoney } from "../format";
import { labelOr } from "../i18n";
import { useI18n } from "../locale-context";
import { useApi } from "../use-api";
import { usePaged } from "../use-paged";
import { SettlementExport } from "../components/settlement-export";

export function isBooked(s: SettlementSummary): boolean {
  return s.bookedAt !== null && s.bookedAt !== undefined;
}

/** What the creditor gets: the payout, or (negative) what it is invoiced. */
export function settlementAmount(s: SettlementSummary): string {
  return s.invoiceToCreditor && !/^0(\.0+)?$/.test(s.invoiceToCreditor) ? `-${s.invoiceToCreditor}` : s.payout;
}

function BookedBadge({ s }: { s: SettlementSummary }) {
  const { t, locale } = useI18n();
  if (isBooked(s)) return <span className="badge badge-ok" title={formatInstant(s.bookedAt, locale)}>{t("settlements.isBooked")}</span>;
  return (
    <span className="badge badge-warn">
      {t("settlements.notBooked")}
      {s.voucherStatus ? ` · ${labelOr(locale, `voucherStatus.${s.voucherStatus}`, s.voucherStatus)}` : ""}
    </span>
  );
}

/** Settlements (oppgjør): what was paid out, the remittance PDF, voucher lines and whether they are booked. */
export function SettlementsTab({ creditorId }: { creditorId: string }) {
  const { t, locale } = useI18n();
  const list = usePaged(`settlements:${creditorId}`, (cursor, limit) =>
    call(client.GET("/v1/creditors/{creditorId}/settlements", { params: { path: { creditorId }, query: { cursor, limit } } })),
  );
  const [open, setOpen] = useState<string | null>(null);
  return (
    <div className="with-panel">
      <div className="main-column">
        <SettlementExport creditorId={creditorId} />
        <ErrorMessage error={list.error} />
        {list.items.length === 0 && !list.loading && !list.error ? (
          <p className="empty">{t("settlements.empty")}</p>
        ) : (
          <div className="table-scroll"><table className="data-table">
            <caption className="visually-hidden">{t("tab.settlements")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("settlements.settledOn")}</th>
                <th scope="col">{t("settlements.period")}</th>
                <th scope="col" className="num">
                  {t("settlements.amount")}
                </th>
                <th scope="col">{t("settlements.booked")}</th>
                <th scope="col">{t("settlements.remittance")}</th>
                <th scope="col">
                  <span className="visually-hidden">{t("settlements.details")}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.items.map((s) => {
                const date = formatDate(s.settledOn, locale);
                return (
                  <tr key={s.settlementId} className={open === s.settlementId ? "row-selected" : undefined}>
                    <th scope="row">{date}</th>
                    <td>{`${formatDate(s.periodFrom, locale)} – ${formatDate(s.periodTo, locale)}`}</td>
                    <td className="num">{formatMoney(settlementAmount(s), s.currency, locale)}</td>
                    <td>
                      <BookedBadge s={s} />
                    </td>
                    <td>
                      <a href={`/v1/settlements/${encodeURIComponent(s.settlementId)}/pdf`} target="_blank" rel="noopener">
                        {t("settlements.pdf")}
                        <span className="visually-hidden">
                          {" "}
                          {date} {t("common.opensInNewTab")}
                        </span>
                      </a>
                    </td>
                    <td>
                      <button type="button" className="link-button" aria-expanded={open === s.settlementId} onClick={() => setOpen(open === s.settlementId ? null : s.settlementId)}>
                        {t("settlements.showDetails", { date })}
                      </button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table></div>
        )}
        {list.loading && <Loading />}
        {list.hasMore && !list.loading && (
          <button type="button" className="button" onClick={list.loadMore}>
            {t("common.loadMore")}
          </button>
        )}
      </div>
      {open && <SettlementPanel settlementId={open} onClose={() => setOpen(null)} />}
    </div>
  );
}

function SettlementPanel({ settlementId, onClose }: { settlementId: string; onClose(): void }) {
  const { t, locale } = useI18n();
  const { data, error, loading } = useApi(`settlement:${settlementId}`, async (): Promise<SettlementDetail> =>
    call(client.GET("/v1/settlements/{settlementId}", { params: { path: { settlementId } } })) as Promise<SettlementDetail>,
  );
  const currency = data?.currency ?? FALLBACK_CURRENCY;
  const lines = data?.voucher?.lines ?? [];
  const notes = data?.result?.notes ?? [];
  return (
    <aside className="detail-panel wide" aria-labelledby="settlement-panel-title">
      <div className="panel-header">
        <h3 id="settlement-panel-title">{data ? t("settlements.detailTitle", { date: formatDate(data.settledOn, locale) }) : t("settlements.details")}</h3>
        <button type="button" className="icon-button" onClick={onClose} aria-label={t("common.close")}>
          ×
        </button>
      </div>
      <ErrorMessage error={error} />
      {loading && <Loading />}
      {data && (
        <>
          <dl className="facts">
            <dt>{t("settlements.outcome")}</dt>
            <dd>{labelOr(locale, `settlementOutcome.${data.result?.outcome ?? ""}`, data.result?.outcome ?? "–")}</dd>
            <dt>{t("settlements.period")}</dt>
            <dd>{`${formatDate(data.periodFrom, locale)} – ${formatDate(data.periodTo, locale)}`}</dd>
            <dt>{t("settlements.amount")}</dt>
            <dd>{formatMoney(settlementAmount(data), currency, locale)}</dd>
            <dt>{t("settlements.booked")}</dt>
            <dd>
              <BookedBadge s={data} />
            </dd>
          </dl>
          {data.result?.totals ? (
            <SettlementReconciliation totals={data.result.totals} currency={currency} interestTo={data.result.interestTo} />
          ) : (
            notes.length > 0 && (
              <ul className="notes" lang="en">
                {notes.map((n) => (
                  <li key={n}>{n}</li>
                ))}
              </ul>
            )
          )}
          <h4>{t("settlements.voucherLines")}</h4>
          {lines.length === 0 ? (
            <p className="empty">{t("settlements.noVoucherLines")}</p>
          ) : (
            <div className="table-scroll"><table className="data-table compact">
              <thead>
                <tr>
                  <th scope="col">{t("settlements.account")}</th>
                  <th scope="col">{t("settlements.text")}</th>
                  <th scope="col" className="num">
                    {t("settlements.debit")}
                  </th>
                  <th scope="col" className="num">
                    {t("settlements.credit")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {lines.map((l, i) => {
                  const amount = String(l.amount);
                  const debit = amount.startsWith("-") ? null : amount;
                  const credit = amount.startsWith("-") ? amount.slice(1) : null;
                  return (
                    <tr key={i}>
                      <td>{l.accountCode}</td>
                      <td>{l.description}</td>
                      <td className="num">{debit ? formatMoney(debit, currency, locale) : ""}</td>
                      <td className="num">{credit ? formatMoney(credit, currency, locale) : ""}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table></div>
          )}
        </>
      )}
    </aside>
  );
}
