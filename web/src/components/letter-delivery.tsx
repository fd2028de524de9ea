import { useState } from "react";
import { ApiError, call, client } from "../api/client";
import type { Letter } from "../api/types";
import { formatDate } from "../format";
import { labelOr } from "../i18n";
import { useI18n } from "../locale-context";

/**
 * How each letter of a case left: its number, the channel (Digipost, e-mail, paper), its status
 * (queued, sent, delivered, read, failed, cancelled, in doubt) with the reason in words, and a
 * button that sends a copy again (`POST /v1/letters/:letterId/copy`).
 */
const COPYABLE = new Set(["sent", "delivered", "read", "failed", "in-doubt"]);

/** Sends a copy of a letter again over the API. */
async function copyOverApi(letterId: string): Promise<void> {
  await call(client.POST("/v1/letters/{letterId}/copy", { params: { path: { letterId } }, body: {} }));
}

export function LetterDelivery({ letters, onChange, onCopy = copyOverApi }: { letters: readonly Letter[]; onChange?: () => void; onCopy?: (letterId: string) => Promise<void> }) {
  const { t, locale } = useI18n();
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  if (letters.length === 0) return null;
  const copy = async (letterId: string) => {
    setBusy(letterId);
    try {
      await onCopy(letterId);
      setMessage(t("delivery.copied"));
      onChange?.();
    } catch (e) {
      setMessage(e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusy(null);
    }
  };
  return (
    <div className="letter-delivery" data-testid="letter-delivery">
      <h3>{t("delivery.title")}</h3>
      <div className="table-scroll"><table className="data-table">
        <thead>
          <tr>
            <th scope="col">{t("delivery.number")}</th>
            <th scope="col">{t("delivery.channel")}</th>
            <th scope="col">{t("delivery.status")}</th>
            <th scope="col">{t("delivery.sentOn")}</th>
            <th scope="col">
              <span className="visually-hidden">{t("delivery.copy")}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {letters.map((l) => (
            <tr key={l.letterId} data-letter-status={l.delivery.status}>
              <th scope="row">
                {l.number ?? "–"}
                {l.copyOf ? ` (${t("delivery.copyOf")})` : ""}
              </th>
              <td>{l.delivery.channel ? labelOr(locale, `delivery.channelName.${l.delivery.channel}`, l.delivery.channel) : "–"}</td>
              <td title={l.delivery.reason ?? undefined}>
                {labelOr(locale, `delivery.state.${l.delivery.status}`, l.delivery.status)}
                {l.delivery.reason && l.delivery.status !== "sent" && l.delivery.status !== "queued" ? <span className="muted">: {l.delivery.reason}</span> : null}
              </td>
              <td>{l.delivery.dispatchedOn ? formatDate(l.delivery.dispatchedOn, locale) : "–"}</td>
              <td>
                {COPYABLE.has(l.delivery.status) && (
                  <button type="button" className="button-secondary" disabled={busy !== null} onClick={() => void copy(l.letterId)}>
                    {t("delivery.copy")}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table></div>
      {message && (
        <p role="status" className="muted">
          {message}
        </p>
      )}
    </div>
  );
}
