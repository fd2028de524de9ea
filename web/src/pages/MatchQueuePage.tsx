import { call, client } from "../api/client";
import type { Me } from "../api/types";
import { MatchQueue } from "../components/match-queue";
import { PrintBatches } from "../components/print-batches";
import { ErrorMessage, Loading } from "../components/Status";
import { useI18n } from "../locale-context";
import { usePageTitle } from "../page-title";
import { useApi } from "../use-api";

export const MATCH_QUEUE_PATH = "/payments/unmatched";

/**
 * Whether the user may work the queue: the agency's roles with the `finance` permission
 * (src/access/roles.ts). Only for showing the way there; the server decides.
 */
export function canMatchPayments(me: Me): boolean {
  return me.memberships.some((m) => m.role === "agency-finance" || m.role === "operator-admin");
}

/** The agency's manual-match queue (`GET /v1/payments/unmatched`, loaded whole). */
export function MatchQueuePage() {
  const { t } = useI18n();
  const { data, error, reload } = useApi("unmatched", () => call(client.GET("/v1/payments/unmatched")));
  usePageTitle(t("matchQueue.title"));
  const match = (bankPaymentId: string, caseNumber: string) =>
    call(client.POST("/v1/payments/{bankPaymentId}/match", { params: { path: { bankPaymentId } }, body: { caseNumber } }));
  return (
    <div className="page">
      <h1>{t("matchQueue.title")}</h1>
      <p className="muted">{t("matchQueue.intro")}</p>
      <ErrorMessage error={error} />
      {data ? <MatchQueue items={data.items} onMatch={match} onChanged={reload} /> : !error && <Loading />}
      <PrintBatches />
    </div>
  );
}
