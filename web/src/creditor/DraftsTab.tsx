import { useCallback, useEffect, useState } from "react";
import { api, ApiError } from "../api/client";
import type { ApproveResult, Invoice } from "../api/types";
import { DraftList, type ApproveRequest } from "../components/draft-list";
import { ErrorMessage, Loading } from "../components/Status";
import { useI18n } from "../locale-context";
import { fetchAll } from "../use-paged";

/** The draft list, loaded whole so "approve all" can say exactly how many. */
export function DraftsTab({ creditorId }: { creditorId: string }) {
  const { t } = useI18n();
  const base = `/v1/creditors/${encodeURIComponent(creditorId)}`;
  const [items, setItems] = useState<Invoice[] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  const load = useCallback(() => {
    fetchAll<Invoice>(`${base}/invoices`, { state: "draft" }).then(setItems, (e: unknown) =>
      setError(e instanceof ApiError ? e : new ApiError(0, "unknown", String(e))),
    );
  }, [base]);
  useEffect(load, [load]);

  const approve = (request: ApproveRequest) => api.post<ApproveResult>(`${base}/drafts/approve`, request);

  return (
    <div>
      <p className="muted">{t("drafts.intro")}</p>
      <ErrorMessage error={error} />
      {items === null && !error ? <Loading /> : items && <DraftList items={items} onApprove={approve} onApproved={load} />}
    </div>
  );
}
