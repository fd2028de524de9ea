import { useState, type ReactNode } from "react";
import type { Invoice, Reason } from "../api/types";
import { formatDate, formatMoney } from "../format";
import { labelOr, type Locale } from "../i18n";
import { useI18n } from "../locale-context";
import { Link } from "../router";

/** A reason's text in the reader's language (the API may send one text or one per language). */
export function reasonText(reason: Reason, locale: Locale): string {
  const t = reason.text;
  if (typeof t === "string") return t || reason.code;
  // A reason stored before the server wrote Swedish has no sv text; it falls back to nb.
  return t[locale] ?? t.nb ?? t.en ?? reason.code;
}

export function StateBadge({ state, title }: { state: string; title?: string }) {
  const { locale } = useI18n();
  return (
    <span className={`badge badge-${state}`} title={title}>
      {labelOr(locale, `invoiceState.${state}`, state)}
    </span>
  );
}

/** What a row says on hover: the blocking reasons, or the date a waiting invoice changes. */
export function invoiceHint(inv: Invoice, locale: Locale, t: ReturnType<typeof useI18n>["t"]): string | undefined {
  if (inv.state === "blocked" && inv.reasons.length > 0) return inv.reasons.map((r) => reasonText(r, locale)).join("\n");
  if (inv.state === "waiting" && inv.eligibleOn) return t("invoice.changesOn", { date: formatDate(inv.eligibleOn, locale) });
  return undefined;
}

/** A sortable column's heading (the list sorts on the server); without one the headings are plain. */
export type InvoiceSortHeader = (key: "customer" | "due" | "amount" | "state", label: string, className?: string) => ReactNode;

export function InvoiceTable({
  items,
  selectedId,
  onSelect,
  sortHeader,
}: {
  items: Invoice[];
  selectedId: string | null;
  onSelect(invoice: Invoice): void;
  sortHeader?: InvoiceSortHeader;
}) {
  const { t, locale } = useI18n();
  const th = (key: Parameters<InvoiceSortHeader>[0], label: string, className?: string) =>
    sortHeader ? sortHeader(key, label, className) : <th scope="col" className={className}>{label}</th>;
  return (
    <div className="table-scroll"><table className="data-table">
      <caption className="visually-hidden">{t("invoices.caption")}</caption>
      <thead>
        <tr>
          <th scope="col">{t("invoice.number")}</th>
          {th("customer", t("invoice.customer"))}
          {th("due", t("invoice.dueDate"))}
          <th scope="col" className="num">
            {t("invoice.amount")}
          </th>
          {th("amount", t("invoice.open"), "num")}
          {th("state", t("invoice.state"))}
          <th scope="col">{t("invoice.changes")}</th>
          <th scope="col">{t("case.number")}</th>
        </tr>
      </thead>
      <tbody>
        {items.map((inv) => {
          const hint = invoiceHint(inv, locale, t);
          const blocked = inv.state === "blocked";
          return (
            <tr
              key={inv.claimId}
              className={`row-${inv.state}${selectedId === inv.claimId ? " row-selected" : ""}`}
              title={hint}
              data-state={inv.state}
            >
              <th scope="row">
                <button
                  type="button"
                  className="link-button"
                  onClick={() => onSelect(inv)}
                  aria-pressed={selectedId === inv.claimId}
                  aria-label={t("invoice.showDetails", { number: inv.invoiceNumber })}
                >
                  {inv.invoiceNumber}
                </button>
              </th>
              <td>{inv.customerName}</td>
              <td>{formatDate(inv.dueDate, locale)}</td>
              <td className="num">{formatMoney(inv.amount, inv.currency, locale)}</td>
              <td className="num">{formatMoney(inv.open, inv.currency, locale)}</td>
              <td>
                <StateBadge state={inv.state} title={hint} />
                {blocked && inv.reasons[0] && (
                  <span className="reason-inline">
                    {reasonText(inv.reasons[0], locale)}
                    {inv.reasons.length > 1 ? ` (+${inv.reasons.length - 1})` : ""}
                  </span>
                )}
              </td>
              <td>{inv.eligibleOn && inv.state !== "transferred" ? formatDate(inv.eligibleOn, locale) : ""}</td>
              <td>{inv.caseId && inv.caseNumber ? <Link to={`/cases/${inv.caseId}`}>{inv.caseNumber}</Link> : ""}</td>
            </tr>
          );
        })}
      </tbody>
    </table></div>
  );
}

/** Everything about one invoice, and in words why it is where it is. */
export function InvoiceDetail({ invoice, onClose }: { invoice: Invoice; onClose(): void }) {
  const { t, locale } = useI18n();
  const headingId = `invoice-detail-${invoice.claimId}`;
  return (
    <aside className={`detail-panel panel-${invoice.state}`} aria-labelledby={headingId}>
      <div className="panel-header">
        <h3 id={headingId}>{t("invoice.detailTitle", { number: invoice.invoiceNumber })}</h3>
        <button type="button" className="icon-button" onClick={onClose} aria-label={t("common.close")}>
          ×
        </button>
      </div>
      <dl className="facts">
        <dt>{t("invoice.customer")}</dt>
        <dd>{invoice.customerName}</dd>
        <dt>{t("invoice.issueDate")}</dt>
        <dd>{formatDate(invoice.issueDate, locale)}</dd>
        <dt>{t("invoice.dueDate")}</dt>
        <dd>{formatDate(invoice.dueDate, locale)}</dd>
        <dt>{t("invoice.amount")}</dt>
        <dd>{formatMoney(invoice.amount, invoice.currency, locale)}</dd>
        <dt>{t("invoice.open")}</dt>
        <dd>{formatMoney(invoice.open, invoice.currency, locale)}</dd>
        <dt>{t("invoice.state")}</dt>
        <dd>
          <StateBadge state={invoice.state} />
        </dd>
        {invoice.eligibleOn && invoice.state !== "transferred" && (
          <>
            <dt>{t("invoice.changes")}</dt>
            <dd>{t("invoice.changesOn", { date: formatDate(invoice.eligibleOn, locale) })}</dd>
          </>
        )}
        {invoice.caseId && invoice.caseNumber && (
          <>
            <dt>{t("case.number")}</dt>
            <dd>
              <Link to={`/cases/${invoice.caseId}`}>{invoice.caseNumber}</Link>
            </dd>
          </>
        )}
      </dl>
      {invoice.reasons.length > 0 && (
        <>
          <h4>{invoice.state === "blocked" ? t("invoice.blockedBecause") : t("invoice.reasons")}</h4>
          <ul className="reasons">
            {invoice.reasons.map((r) => (
              <li key={r.code}>{reasonText(r, locale)}</li>
            ))}
          </ul>
        </>
      )}
    </aside>
  );
}

/** The table with its detail panel: choosing an invoice number opens the panel beside the table. */
export function InvoiceBrowser({ items, children, sortHeader }: { items: Invoice[]; children?: ReactNode; sortHeader?: InvoiceSortHeader }) {
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const selected = items.find((i) => i.claimId === selectedId) ?? null;
  return (
    <div className="with-panel">
      <div className="main-column">
        <InvoiceTable items={items} sortHeader={sortHeader} selectedId={selectedId} onSelect={(i) => setSelectedId(selectedId === i.claimId ? null : i.claimId)} />
        {children}
      </div>
      {selected && <InvoiceDetail invoice={selected} onClose={() => setSelectedId(null)} />}
    </div>
  );
}
