import { useState, type ReactNode } from "react";
import { ApiError, call, client } from "../api/client";
import type { paths } from "../api/schema";
import { Dialog } from "../components/Dialog";
import { ErrorMessage, Loading } from "../components/Status";
import { formatDate, formatMoney } from "../format";
import { labelOr } from "../i18n";
import { useI18n } from "../locale-context";
import { usePageTitle } from "../page-title";
import { Link } from "../router";
import { useApi } from "../use-api";

type Queue = paths["/v1/firms/{firmId}/work-queue"]["get"]["responses"][200]["content"]["application/json"];
type Draft = Queue["drafts"][number];
type Gate = Queue["gates"][number];

export const workQueuePath = (firmId: string) => `/firms/${firmId}/queue`;

export interface BatchResult {
  approved: number;
  refused: { label: string; reason: string }[];
}

/**
 * Approves drafts and gates across clients with the routes that approve one client's drafts
 * (`POST /creditors/:id/drafts/approve`, one call per client) and one case's gate
 * (`POST /cases/:id/actions/approve`). Each client and case stands alone: one refused does not
 * stop the others, and every refusal is reported with its reason.
 */
export async function approveAcrossClients(drafts: Draft[], gates: Gate[]): Promise<BatchResult> {
  const out: BatchResult = { approved: 0, refused: [] };
  const byClient = new Map<string, Draft[]>();
  for (const d of drafts) byClient.set(d.creditorId, [...(byClient.get(d.creditorId) ?? []), d]);
  for (const [creditorId, items] of byClient) {
    try {
      const r = await call(client.POST("/v1/creditors/{creditorId}/drafts/approve", { params: { path: { creditorId } }, body: { claimIds: items.map((d) => d.claimId) } }));
      out.approved += r.approved;
      for (const x of r.refused) out.refused.push({ label: items.find((d) => d.claimId === x.claimId)?.invoiceNumber ?? x.claimId, reason: x.reason });
    } catch (e) {
      for (const d of items) out.refused.push({ label: d.invoiceNumber, reason: e instanceof ApiError ? e.message : String(e) });
    }
  }
  for (const g of gates) {
    try {
      await call(client.POST("/v1/cases/{caseId}/actions/{action}", { params: { path: { caseId: g.caseId, action: "approve" }, query: { preview: "false" } }, body: {} }));
      out.approved += 1;
    } catch (e) {
      out.refused.push({ label: g.caseNumber, reason: e instanceof ApiError ? e.message : String(e) });
    }
  }
  return out;
}

/** One work queue across the firm's clients: drafts to approve, gates waiting, disputes, unread messages from the agency; batch approval across clients. */
export function WorkQueuePage({ firmId }: { firmId: string }) {
  const { t, locale } = useI18n();
  usePageTitle(t("queue.title"));
  const { data, error, loading, reload } = useApi(`work-queue:${firmId}`, () => call(client.GET("/v1/firms/{firmId}/work-queue", { params: { path: { firmId } } })));
  const [drafts, setDrafts] = useState<Set<string>>(new Set());
  const [gates, setGates] = useState<Set<string>>(new Set());
  const [confirm, setConfirm] = useState(false);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<BatchResult | null>(null);
  const [nothing, setNothing] = useState(false);
  if (error) return <ErrorMessage error={error} />;
  if (!data) return loading ? <Loading /> : null;
  const chosenDrafts = data.drafts.filter((d) => drafts.has(d.claimId));
  const chosenGates = data.gates.filter((g) => gates.has(g.caseId));
  const count = chosenDrafts.length + chosenGates.length;
  const clients = new Set([...chosenDrafts.map((d) => d.creditorId), ...chosenGates.map((g) => g.creditorId)]).size;
  const toggle = (set: Set<string>, id: string, update: (s: Set<string>) => void) => {
    const next = new Set(set);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    update(next);
  };
  const approve = async () => {
    setBusy(true);
    const r = await approveAcrossClients(chosenDrafts, chosenGates);
    setBusy(false);
    setConfirm(false);
    setResult(r);
    setDrafts(new Set());
    setGates(new Set());
    reload();
  };
  const money = (amount: string, currency: string) => formatMoney(amount, currency, locale);
  return (
    <div className="page work-queue">
      <div className="page-header">
        <h1>{t("queue.title")}</h1>
        <p className="muted">{t("queue.intro")}</p>
      </div>
      {result && (
        <div className={`alert ${result.refused.length ? "alert-warn" : "alert-success"}`} role="status" data-testid="queue-result">
          <p>{t("queue.approved", { count: result.approved })}</p>
          {result.refused.length > 0 && (
            <>
              <p>{t("queue.refused", { count: result.refused.length })}</p>
              <ul>
                {result.refused.map((r) => (
                  <li key={r.label}>
                    {r.label}: {r.reason}
                  </li>
                ))}
              </ul>
            </>
          )}
        </div>
      )}
      <div className="toolbar">
        <button type="button" className="button primary" onClick={() => (count === 0 ? setNothing(true) : (setNothing(false), setConfirm(true)))}>
          {t("queue.approveSelected", { count })}
        </button>
        {nothing && count === 0 && (
          <span className="field-error" role="alert">
            {t("queue.nothingSelected")}
          </span>
        )}
      </div>

      <QueueSection name="drafts" title={t("queue.drafts")} count={data.drafts.length} truncated={data.truncated.drafts}>
        <table className="data-table" data-testid="queue-drafts">
          <thead>
            <tr>
              <th scope="col">
                <input
                  type="checkbox"
                  aria-label={t("queue.selectAllDrafts")}
                  checked={chosenDrafts.length === data.drafts.length}
                  onChange={(e) => setDrafts(e.target.checked ? new Set(data.drafts.map((d) => d.claimId)) : new Set())}
                />
              </th>
              <th scope="col">{t("queue.client")}</th>
              <th scope="col">{t("invoice.number")}</th>
              <th scope="col">{t("invoice.customer")}</th>
              <th scope="col">{t("invoice.dueDate")}</th>
              <th scope="col" className="num">
                {t("invoice.open")}
              </th>
            </tr>
          </thead>
          <tbody>
            {data.drafts.map((d) => (
              <tr key={d.claimId}>
                <td>
                  <input type="checkbox" aria-label={t("queue.selectDraft", { number: d.invoiceNumber, client: d.creditorName })} checked={drafts.has(d.claimId)} onChange={() => toggle(drafts, d.claimId, setDrafts)} />
                </td>
                <td>
                  <Link to={`/creditors/${d.creditorId}/drafts`}>{d.creditorName}</Link>
                </td>
                <th scope="row">{d.invoiceNumber}</th>
                <td>{d.customerName}</td>
                <td>{formatDate(d.dueDate, locale)}</td>
                <td className="num">{money(d.open, d.currency)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </QueueSection>

      <QueueSection name="gates" title={t("queue.gates")} count={data.gates.length} truncated={data.truncated.gates}>
        <table className="data-table" data-testid="queue-gates">
          <thead>
            <tr>
              <th scope="col">
                <input
                  type="checkbox"
                  aria-label={t("queue.selectAllGates")}
                  checked={chosenGates.length === data.gates.length}
                  onChange={(e) => setGates(e.target.checked ? new Set(data.gates.map((g) => g.caseId)) : new Set())}
                />
              </th>
              <th scope="col">{t("queue.client")}</th>
              <th scope="col">{t("case.number")}</th>
              <th scope="col">{t("case.debtor")}</th>
              <th scope="col">{t("queue.waitingFor")}</th>
              <th scope="col" className="num">
                {t("case.balance")}
              </th>
            </tr>
          </thead>
          <tbody>
            {data.gates.map((g) => (
              <tr key={g.caseId}>
                <td>
                  <input type="checkbox" aria-label={t("queue.selectGate", { number: g.caseNumber, client: g.creditorName })} checked={gates.has(g.caseId)} onChange={() => toggle(gates, g.caseId, setGates)} />
                </td>
                <CaseCells row={g} />
                <td>{labelOr(locale, `stage.${g.stage}`, g.stage)}</td>
                <td className="num">{money(g.balance, g.currency)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </QueueSection>

      <QueueSection name="disputes" title={t("queue.disputes")} count={data.disputes.length} truncated={data.truncated.disputes}>
        <table className="data-table" data-testid="queue-disputes">
          <thead>
            <tr>
              <th scope="col">{t("queue.client")}</th>
              <th scope="col">{t("case.number")}</th>
              <th scope="col">{t("case.debtor")}</th>
              <th scope="col">{t("queue.disputedSince")}</th>
              <th scope="col">{t("queue.disputeReason")}</th>
              <th scope="col" className="num">
                {t("case.balance")}
              </th>
            </tr>
          </thead>
          <tbody>
            {data.disputes.map((g) => (
              <tr key={g.caseId}>
                <CaseCells row={g} />
                <td>{g.holdSince ? formatDate(g.holdSince, locale) : ""}</td>
                <td>{g.holdReason ?? ""}</td>
                <td className="num">{money(g.balance, g.currency)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </QueueSection>

      <QueueSection name="messages" title={t("queue.messages")} count={data.messages.length} truncated={data.truncated.messages}>
        <table className="data-table" data-testid="queue-messages">
          <thead>
            <tr>
              <th scope="col">{t("queue.client")}</th>
              <th scope="col">{t("case.number")}</th>
              <th scope="col">{t("case.debtor")}</th>
              <th scope="col" className="num">
                {t("queue.messagesUnread")}
              </th>
              <th scope="col">{t("queue.messageLatest")}</th>
            </tr>
          </thead>
          <tbody>
            {data.messages.map((m) => (
              <tr key={m.caseId}>
                <CaseCells row={m} />
                <td className="num">{m.unread}</td>
                <td>
                  {formatDate(m.lastAt.slice(0, 10), locale)} · {m.lastFrom}: {m.lastExcerpt}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </QueueSection>

      {confirm && (
        <Dialog
          title={t("queue.confirmTitle")}
          onClose={() => setConfirm(false)}
          footer={
            <>
              <button type="button" className="button" onClick={() => setConfirm(false)}>
                {t("common.cancel")}
              </button>
              <button type="button" className="button primary" disabled={busy} onClick={() => void approve()} data-autofocus>
                {t("queue.confirmButton", { count })}
              </button>
            </>
          }
        >
          <p>{t("queue.confirmText", { drafts: chosenDrafts.length, gates: chosenGates.length, clients })}</p>
        </Dialog>
      )}
    </div>
  );
}

/** A case's row opens with its client, the case number (to the case) and the debtor (to the debtor's page). */
function CaseCells({ row }: { row: { creditorName: string; caseId: string; caseNumber: string; debtorId: string; debtorName: string } }) {
  return (
    <>
      <td>{row.creditorName}</td>
      <th scope="row">
        <Link to={`/cases/${row.caseId}`}>{row.caseNumber}</Link>
      </th>
      <td>
        <Link to={`/debtors/${row.debtorId}`}>{row.debtorName}</Link>
      </td>
    </>
  );
}

/** One list of the queue: its heading with the count, a note when the server cut it short, and the table or "nothing here". */
function QueueSection({ name, title, count, truncated, children }: { name: string; title: string; count: number; truncated: boolean; children: ReactNode }) {
  const { t } = useI18n();
  return (
    <section aria-labelledby={`queue-${name}`}>
      <h2 id={`queue-${name}`}>
        {title} ({count})
      </h2>
      {truncated && <p className="muted">{t("queue.truncated", { count })}</p>}
      {count === 0 ? <p className="empty">{t("queue.empty")}</p> : <div className="table-scroll">{children}</div>}
    </section>
  );
}
