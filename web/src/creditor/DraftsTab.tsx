import { useCallback, useEffect, useState } from "react";
import { ApiError, call, client } from "../api/client";
import type { ApproveResult, Invoice } from "../api/types";
import { DraftList, type ApproveRequest } from "../components/draft-list";
import { ErrorMessage, Loading } from "../components/Status";
import { useI18n } from "../locale-context";
import { fetchAll } from "../use-paged";

/** The draft list, loaded whole so "approve all" can say exactly how many. */
export function DraftsTab({ creditorId }: { creditorId: string }) {
  const { t } = useI18n();
  const [items, setItems] = useState<Invoice[] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  const load = useCallback(() => {
    fetchAll<Invoice>((cursor, limit) =>
      call(client.GET("/v1/creditors/{creditorId}/invoices", { params: { path: { creditorId }, query: { state: "draft", cursor, limit } } })),
    ).then(setItems, (e: unknown) =>
      setError(e instanceof ApiError ? e : new ApiError(0, "unknown", String(e))),
    );
  }, [creditorId]);
  useEffect(load, [load]);

  const approve = (request: ApproveRequest): Promise<ApproveResult> =>
    call(client.POST("/v1/creditors/{creditorId}/drafts/approve", { params: { path: { creditorId } }, body: request }));

  return (
    <div>
      <p className="muted">{t("drafts.intro")}</p>
      <ErrorMessage error={error} />
      {items === null && !error ? <Loading /> : items && <DraftList items={items} onApprove={approve} onApproved={load} />}
    </div>
  );
}
