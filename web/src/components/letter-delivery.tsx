import { useState } from "react";
import { ApiError, call, client } from "../api/client";
import type { Letter } from "../api/types";
import { formatDate } from "../format";
import type { Locale } from "../i18n";
import { useI18n } from "../locale-context";

/**
 * How each letter of a case left: its number, the channel (Digipost, e-mail, paper), its status
 * (queued, sent, delivered, read, failed, cancelled, in doubt) with the reason in words, and a
 * button that sends a copy again (`POST /v1/letters/:letterId/copy`). Self-contained: its words
 * are here, in both languages.
 */
const WORDS = {
  nb: {
    title: "Utsending",
    letter: "Brev",
    number: "Brevnr.",
    channel: "Kanal",
    status: "Status",
    sentOn: "Sendt",
    copy: "Send kopi",
    copyOf: "kopi",
    copied: "En kopi er lagt i kø for utsending.",
    channels: { digipost: "Digipost", email: "E-post", paper: "Papir" } as Record<string, string>,
    statuses: { queued: "I kø", sent: "Sendt", delivered: "Levert", read: "Lest", failed: "Feilet", cancelled: "Stoppet", "in-doubt": "Usikker – sjekk" } as Record<string, string>,
  },
  en: {
    title: "Delivery",
    letter: "Letter",
    number: "No.",
    channel: "Channel",
    status: "Status",
    sentOn: "Sent",
    copy: "Send a copy",
    copyOf: "copy",
    copied: "A copy is queued for delivery.",
    channels: { digipost: "Digipost", email: "E-mail", paper: "Paper" } as Record<string, string>,
    statuses: { queued: "Queued", sent: "Sent", delivered: "Delivered", read: "Read", failed: "Failed", cancelled: "Cancelled", "in-doubt": "In doubt – check" } as Record<string, string>,
  },
  sv: {
    title: "Utskick",
    letter: "Brev",
    number: "Nr",
    channel: "Kanal",
    status: "Status",
    sentOn: "Skickat",
    copy: "Skicka kopia",
    copyOf: "kopia",
    copied: "En kopia är köad för utskick.",
    channels: { digipost: "Digipost", email: "E-post", paper: "Papper" } as Record<string, string>,
    statuses: { queued: "I kö", sent: "Skickat", delivered: "Levererat", read: "Läst", failed: "Misslyckades", cancelled: "Stoppat", "in-doubt": "Osäkert – kontrollera" } as Record<string, string>,
  },
} satisfies Record<Locale, unknown>;

const COPYABLE = new Set(["sent", "delivered", "read", "failed", "in-doubt"]);

/** Sends a copy of a letter again over the API. */
async function copyOverApi(letterId: string): Promise<void> {
  await call(client.POST("/v1/letters/{letterId}/copy", { params: { path: { letterId } }, body: {} }));
}

export function LetterDelivery({ letters, onChange, onCopy = copyOverApi }: { letters: readonly Letter[]; onChange?: () => void; onCopy?: (letterId: string) => Promise<void> }) {
  const { locale } = useI18n();
  const w = WORDS[locale];
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  if (letters.length === 0) return null;
  const copy = async (letterId: string) => {
    setBusy(letterId);
    try {
      await onCopy(letterId);
      setMessage(w.copied);
      onChange?.();
    } catch (e) {
      setMessage(e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusy(null);
    }
  };
  return (
    <div className="letter-delivery" data-testid="letter-delivery">
      <h3>{w.title}</h3>
      <div className="table-scroll"><table className="data-table">
        <thead>
          <tr>
            <th scope="col">{w.number}</th>
            <th scope="col">{w.channel}</th>
            <th scope="col">{w.status}</th>
            <th scope="col">{w.sentOn}</th>
            <th scope="col">
              <span className="visually-hidden">{w.copy}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {letters.map((l) => (
            <tr key={l.letterId} data-letter-status={l.delivery.status}>
              <th scope="row">
                {l.number ?? "–"}
                {l.copyOf ? ` (${w.copyOf})` : ""}
              </th>
              <td>{l.delivery.channel ? (w.channels[l.delivery.channel] ?? l.delivery.channel) : "–"}</td>
              <td title={l.delivery.reason ?? undefined}>
                {w.statuses[l.delivery.status] ?? l.delivery.status}
                {l.delivery.reason && l.delivery.status !== "sent" && l.delivery.status !== "queued" ? <span className="muted">: {l.delivery.reason}</span> : null}
              </td>
              <td>{l.delivery.dispatchedOn ? formatDate(l.delivery.dispatchedOn, locale) : "–"}</td>
              <td>
                {COPYABLE.has(l.delivery.status) && (
                  <button type="button" className="button-secondary" disabled={busy !== null} onClick={() => void copy(l.letterId)}>
                    {w.copy}
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
