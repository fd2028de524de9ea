import { call, client } from "../api/client";
import { useState } from "react";
import type { Invoice, InvoiceListState } from "../api/types";
import { InvoiceBrowser } from "../components/invoice-table";
import { ErrorMessage, Loading } from "../components/Status";
import { useI18n } from "../locale-context";
import { usePaged } from "../use-paged";

// "overdue" (the default): open and past due, in collection or not — what the tab is for.
const STATES = ["overdue", "waiting", "blocked", "draft", "transferred", "all"] as const;

/** The client's overdue invoices with their state; blocked and waiting ones say why and until when. */
export function InvoicesTab({ creditorId }: { creditorId: string }) {
  const { t } = useI18n();
  const [state, setState] = useState<InvoiceListState>("overdue");
  const list = usePaged<Invoice>(`invoices:${creditorId}:${state}`, (cursor, limit) =>
    call(client.GET("/v1/creditors/{creditorId}/invoices", { params: { path: { creditorId }, query: { state, cursor, limit } } })),
  );
  return (
    <div>
      <div className="toolbar">
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
        <p className="muted small">{t("invoices.hint")}</p>
      </div>
      <ErrorMessage error={list.error} />
      {list.items.length === 0 && !list.loading && !list.error ? (
        <p className="empty">{t("invoices.empty")}</p>
      ) : (
        <InvoiceBrowser items={list.items}>
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
