import { useState, type FormEvent } from "react";
import { ApiError, call, client } from "../api/client";
import type { Answer } from "../api/types";
import { formatInstant } from "../format";
import type { MessageKey } from "../i18n";
import { useI18n } from "../locale-context";
import { useApi } from "../use-api";

/**
 * Messages both ways on a case, between the agency's case handler and the creditor's or firm's
 * people (`GET`/`POST /v1/cases/:caseId/messages`), with attachments: PDF, PNG or JPEG, at most
 * 5 MB each and 3 on one message — checked here for a quick answer, and by the server by the
 * files' bytes. Attachments open as downloads.
 */
type Message = Answer<"/v1/cases/{caseId}/messages", "get">["items"][number];

const MAX_FILES = 3;
const MAX_BYTES = 5 * 1024 * 1024;
const TYPES = ["application/pdf", "image/png", "image/jpeg"];

async function base64Of(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

const SIGNATURES = [[0x25, 0x50, 0x44, 0x46, 0x2d], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], [0xff, 0xd8, 0xff]];

/** Whether the bytes begin as a PDF, PNG or JPEG does (the server judges the same way). */
export function looksAllowed(head: Uint8Array): boolean {
  return SIGNATURES.some((sig) => head.length >= sig.length && sig.every((b, i) => head[i] === b));
}

/** What is wrong with the chosen files, in words, or null. */
export function filesProblem(files: readonly { name: string; size: number; type: string }[], t: (key: MessageKey, params?: Record<string, string | number>) => string): string | null {
  if (files.length > MAX_FILES) return t("messages.tooMany");
  for (const f of files) {
    if (f.size > MAX_BYTES) return t("messages.tooLarge", { name: f.name });
    if (f.type && !TYPES.includes(f.type)) return t("messages.wrongType", { name: f.name });
  }
  return null;
}

export function CaseMessages({ caseId }: { caseId: string }) {
  const { t, locale } = useI18n();
  const { data, reload } = useApi(`case-messages:${caseId}`, () => call(client.GET("/v1/cases/{caseId}/messages", { params: { path: { caseId } } })));
  const [body, setBody] = useState("");
  const [files, setFiles] = useState<File[]>([]);
  const [fileKey, setFileKey] = useState(0);
  const [problem, setProblem] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setStatus(null);
    if (body.trim() === "") return setProblem(t("messages.empty"));
    const wrong = filesProblem(files, t);
    if (wrong) return setProblem(wrong);
    for (const f of files) if (!looksAllowed(new Uint8Array(await f.slice(0, 8).arrayBuffer()))) return setProblem(t("messages.wrongType", { name: f.name }));
    setProblem(null);
    setBusy(true);
    try {
      const attachments = await Promise.all(files.map(async (f) => ({ filename: f.name, contentBase64: await base64Of(f) })));
      await call(client.POST("/v1/cases/{caseId}/messages", { params: { path: { caseId } }, body: { body, attachments } }));
      setBody("");
      setFiles([]);
      setFileKey((k) => k + 1);
      setStatus(t("messages.sent"));
      reload();
    } catch (err) {
      setProblem(err instanceof ApiError ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="messages-title" className="case-messages" data-testid="case-messages">
      <h2 id="messages-title">{t("messages.title")}</h2>
      <p className="muted">{t("messages.intro")}</p>
      {data && data.items.length === 0 && <p className="muted">{t("messages.none")}</p>}
      {data && data.items.length > 0 && (
        <ol className="message-list">
          {data.items.map((m: Message) => (
            <li key={m.messageId} className={`message message-${m.side}`} data-testid="case-message">
              <p className="message-meta">
                <strong>{m.authorName}</strong> · {t(m.side === "agency" ? "messages.fromAgency" : "messages.fromClient")} · {formatInstant(m.createdAt, locale)}
              </p>
              <p className="message-body">{m.body}</p>
              {m.attachments.length > 0 && (
                <ul className="message-attachments" aria-label={t("messages.attachments")}>
                  {m.attachments.map((a) => (
                    <li key={a.attachmentId}>
                      <a href={`/v1/cases/${encodeURIComponent(caseId)}/messages/attachments/${encodeURIComponent(a.attachmentId)}`} download={a.filename}>
                        {a.filename}
                      </a>{" "}
                      <span className="muted">({Math.max(1, Math.round(a.size / 1024))} kB)</span>
                    </li>
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ol>
      )}
      <form className="message-form" onSubmit={(e) => void submit(e)} noValidate>
        <label htmlFor="message-body">{t("messages.body")}</label>
        <textarea id="message-body" rows={3} maxLength={4000} value={body} onChange={(e) => setBody(e.target.value)} aria-invalid={problem === t("messages.empty") || undefined} />
        <label htmlFor="message-files">{t("messages.attach")}</label>
        <input
          key={fileKey}
          id="message-files"
          type="file"
          multiple
          accept="application/pdf,image/png,image/jpeg,.pdf,.png,.jpg,.jpeg"
          aria-describedby="message-files-hint"
          onChange={(e) => {
            const chosen = Array.from(e.target.files ?? []);
            setFiles(chosen);
            setProblem(filesProblem(chosen, t));
          }}
        />
        <p id="message-files-hint" className="hint">
          {t("messages.attachHint")}
        </p>
        {problem && (
          <p className="alert alert-error" role="alert">
            {problem}
          </p>
        )}
        {status && (
          <p className="alert alert-success" role="status">
            {status}
          </p>
        )}
        <button type="submit" className="button" disabled={busy}>
          {busy ? t("messages.sending") : t("messages.send")}
        </button>
      </form>
    </section>
  );
}
