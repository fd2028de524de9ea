import { useState } from "react";
import { ApiError } from "../api/client";
import type { ApproveResult, Body, Invoice } from "../api/types";
import { formatDate, formatMoney } from "../format";
import { useI18n } from "../locale-context";
import { Link } from "../router";
import { Dialog } from "./Dialog";
import { ErrorMessage } from "./Status";

/** What `POST /v1/creditors/:id/drafts/approve` takes: chosen drafts, or all of them. */
export type ApproveRequest = Body<"/v1/creditors/{creditorId}/drafts/approve", "post">;

/**
 * The draft list: invoices that wait for a person to say "make it a case". Approving selected or
 * all asks first, naming how many cases will be opened.
 */
export function DraftList({
  items,
  onApprove,
  onApproved,
}: {
  items: Invoice[];
  onApprove(request: ApproveRequest): Promise<ApproveResult>;
  onApproved?(result: ApproveResult): void;
}) {
  const { t, locale } = useI18n();
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [confirm, setConfirm] = useState<"selected" | "all" | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [result, setResult] = useState<ApproveResult | null>(null);

  const toggle = (id: string) =>
    setSelected((s) => {
      const next = new Set(s);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const allSelected = items.length > 0 && items.every((i) => selected.has(i.claimId));
  const toggleAll = () => setSelected(allSelected ? new Set() : new Set(items.map((i) => i.claimId)));
  const count = confirm === "all" ? items.length : selected.size;

  const approve = async () => {
    setBusy(true);
    setError(null);
    try {
      const res = await onApprove(confirm === "all" ? { all: true } : { claimIds: [...selected] });
      setResult(res);
      setSelected(new Set());
      setConfirm(null);
      onApproved?.(res);
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError(0, "unknown", String(e)));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div>
      {result && (
        <div className="alert alert-success" role="status">
          <p>{t("drafts.approvedCount", { count: result.approved })}</p>
          {result.cases.length > 0 && (
            <ul className="inline-list" aria-label={t("drafts.newCases")}>
              {result.cases.map((c) => (
                <li key={c.caseId}>
                  <Link to={`/cases/${c.caseId}`}>{t("case.numbered", { number: c.caseNumber })}</Link>
                </li>
              ))}
            </ul>
          )}
          {result.refused && result.refused.length > 0 && (
            <>
              <p>{t("drafts.refusedCount", { count: result.refused.length })}</p>
              <ul>
                {result.refused.map((r) => (
                  <li key={r.claimId}>
                    {items.find((i) => i.claimId === r.claimId)?.invoiceNumber ?? r.claimId}: {r.reason}
                  </li>
                ))}
              </ul>
            </>
          )}
        </div>
      )}
      <div className="toolbar">
        <button type="button" className="button primary" disabled={selected.size === 0} onClick={() => setConfirm("selected")}>
          {t("drafts.approveSelected")}
          {selected.size > 0 ? ` (${selected.size})` : ""}
        </button>
        <button type="button" className="button" disabled={items.length === 0} onClick={() => setConfirm("all")}>
          {t("drafts.approveAll")}
        </button>
      </div>
      {items.length === 0 ? (
        <p className="empty">{t("drafts.empty")}</p>
      ) : (
        <div className="table-scroll"><table className="data-table">
          <caption className="visually-hidden">{t("drafts.caption")}</caption>
          <thead>
            <tr>
              <th scope="col" className="check">
                <input type="checkbox" checked={allSelected} onChange={toggleAll} aria-label={t("drafts.selectAll")} />
              </th>
              <th scope="col">{t("invoice.number")}</th>
              <th scope="col">{t("invoice.customer")}</th>
              <th scope="col">{t("invoice.dueDate")}</th>
              <th scope="col" className="num">
                {t("invoice.open")}
              </th>
            </tr>
          </thead>
          <tbody>
            {items.map((inv) => (
              <tr key={inv.claimId} className={selected.has(inv.claimId) ? "row-selected" : undefined}>
                <td className="check">
                  <input
                    type="checkbox"
                    checked={selected.has(inv.claimId)}
                    onChange={() => toggle(inv.claimId)}
                    aria-label={t("drafts.selectOne", { number: inv.invoiceNumber, customer: inv.customerName })}
                  />
                </td>
                <th scope="row">{inv.invoiceNumber}</th>
                <td>{inv.customerName}</td>
                <td>{formatDate(inv.dueDate, locale)}</td>
                <td className="num">{formatMoney(inv.open, inv.currency, locale)}</td>
              </tr>
            ))}
          </tbody>
        </table></div>
      )}
      {confirm && (
        <Dialog
          title={t("drafts.confirmTitle")}
          onClose={() => !busy && setConfirm(null)}
          footer={
            <>
              <button type="button" className="button" onClick={() => setConfirm(null)} disabled={busy}>
                {t("common.cancel")}
              </button>
              <button type="button" className="button primary" onClick={() => void approve()} disabled={busy} data-autofocus>
                {t("drafts.confirmButton", { count })}
              </button>
            </>
          }
        >
          <p>{t("drafts.confirmText", { count })}</p>
          <ErrorMessage error={error} />
        </Dialog>
      )}
    </div>
  );
}
