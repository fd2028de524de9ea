import { useEffect, useState, type FormEvent } from "react";
import { ApiError, call, client } from "../api/client";
import type { ActionBody, ActionPreview, CaseAction, CaseDetail } from "../api/types";
import { formatDate, formatMoney } from "../format";
import { labelOr, type MessageKey } from "../i18n";
import { useI18n } from "../locale-context";
import { useApi } from "../use-api";
import { nextLabel } from "../case-texts";
import { Dialog } from "./Dialog";
import { ErrorMessage, Loading } from "./Status";

/** The actions the API takes (`POST /v1/cases/:caseId/actions/:action`). */
export type ActionKind = CaseAction;

const LABELS: Record<ActionKind, MessageKey> = {
  pause: "action.pause",
  resume: "action.resume",
  "resolve-dispute": "action.resolve-dispute",
  postpone: "action.postpone",
  dispute: "action.dispute",
  message: "action.message",
  withdraw: "action.withdraw",
  approve: "action.approve",
};

/** The actions that make sense for the case as it stands. */
export function availableActions(detail: CaseDetail): ActionKind[] {
  // The server knows the lifecycle's rules; the guesses below are for an older server only.
  if (detail.allowedActions) return detail.allowedActions.filter((a): a is ActionKind => a in LABELS);
  const c = detail.case;
  if (c.closedOn || c.stage === "closed") return ["message"];
  const out: ActionKind[] = [];
  if (c.stage.startsWith("awaiting-")) out.push("approve");
  if (c.hold?.kind === "disputed") out.push("resolve-dispute");
  else if (c.hold) out.push("resume");
  else out.push("pause");
  out.push("postpone");
  if (!c.hold) out.push("dispute");
  out.push("message", "withdraw");
  return out;
}

export function CaseActions({ detail, onDone }: { detail: CaseDetail; onDone(message: string): void }) {
  const { t } = useI18n();
  const [open, setOpen] = useState<ActionKind | null>(null);
  return (
    <>
      <div className="toolbar actions" role="group" aria-label={t("case.actions")}>
        {availableActions(detail).map((a) => (
          <button key={a} type="button" className={`button${a === "withdraw" ? " danger" : ""}`} onClick={() => setOpen(a)}>
            {t(LABELS[a])}
          </button>
        ))}
      </div>
      {open && (
        <ActionDialog
          kind={open}
          detail={detail}
          onClose={() => setOpen(null)}
          onDone={() => {
            setOpen(null);
            onDone(t("action.done", { action: t(LABELS[open]) }));
          }}
        />
      )}
    </>
  );
}

function ActionDialog({ kind, detail, onClose, onDone }: { kind: ActionKind; detail: CaseDetail; onClose(): void; onDone(): void }) {
  const { t, locale } = useI18n();
  const c = detail.case;
  const [reason, setReason] = useState("");
  const [date, setDate] = useState("");
  const [text, setText] = useState("");
  const [missing, setMissing] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  const needsReason = kind === "pause" || kind === "dispute" || kind === "withdraw";
  const body = (): Record<string, unknown> | null => {
    if (needsReason && !reason.trim()) return null;
    if (kind === "postpone" && !date) return null;
    if (kind === "message" && !text.trim()) return null;
    return actionBody(kind, reason.trim(), date, text.trim());
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const b = body();
    if (!b) {
      setMissing(t("action.missing"));
      return;
    }
    setMissing(null);
    setBusy(true);
    setError(null);
    try {
      await call(client.POST("/v1/cases/{caseId}/actions/{action}", { params: { path: { caseId: c.caseId, action: kind } }, body: b }));
      onDone();
    } catch (err) {
      setError(err instanceof ApiError ? err : new ApiError(0, "unknown", String(err)));
      setBusy(false);
    }
  };

  const nextWords = detail.next ? nextLabel(locale, detail.next) : null;
  const nextText = detail.next && nextWords ? (detail.next.on ? t("case.nextOn", { text: nextWords, date: formatDate(detail.next.on, locale) }) : nextWords) : null;

  return (
    <Dialog title={t("action.dialogTitle", { action: t(LABELS[kind]), number: c.caseNumber })} onClose={onClose}>
      <form onSubmit={(e) => void submit(e)} noValidate>
        {needsReason && (
          <div className="field">
            <label htmlFor="action-reason">{t("action.reason")}</label>
            <textarea id="action-reason" rows={3} value={reason} onChange={(e) => setReason(e.target.value)} required aria-required="true" />
          </div>
        )}
        {kind === "pause" && (
          <div className="field">
            <label htmlFor="action-until">{t("action.pauseUntil")}</label>
            <input id="action-until" type="date" value={date} onChange={(e) => setDate(e.target.value)} aria-describedby="action-until-hint" />
            <p className="hint" id="action-until-hint">
              {t("action.pauseUntilHint")}
            </p>
          </div>
        )}
        {kind === "postpone" && (
          <div className="field">
            <label htmlFor="action-due">{t("action.newDueDate")}</label>
            <input id="action-due" type="date" value={date} onChange={(e) => setDate(e.target.value)} required aria-required="true" />
          </div>
        )}
        {kind === "message" && (
          <div className="field">
            <label htmlFor="action-text">{t("action.messageText")}</label>
            <textarea id="action-text" rows={4} value={text} onChange={(e) => setText(e.target.value)} required aria-required="true" />
          </div>
        )}

        <section className="preview" aria-labelledby="action-preview-title">
          <h3 id="action-preview-title">{t("action.preview")}</h3>
          {kind === "pause" && (
            <ul>
              <li>{date ? t("action.pausePreviewUntil", { date: formatDate(date, locale) }) : t("action.pausePreviewOpen")}</li>
              {nextText && <li>{t("action.pausePreviewNext", { next: nextText })}</li>}
              <li>{t("action.interestContinues")}</li>
            </ul>
          )}
          {kind === "resume" && (
            <ul>
              <li>{t("action.resumePreview", { stage: labelOr(locale, `stage.${c.stage}`, c.stage) })}</li>
            </ul>
          )}
          {kind === "postpone" && (
            <ul>
              <li>{date ? t("action.postponePreview", { date: formatDate(date, locale) }) : t("action.postponePreviewNoDate")}</li>
              <li>{t("action.interestContinues")}</li>
            </ul>
          )}
          {kind === "dispute" && (
            <ul>
              <li>{t("action.disputePreview")}</li>
            </ul>
          )}
          {kind === "message" && (
            <ul>
              <li>{t("action.messagePreview")}</li>
            </ul>
          )}
          {kind === "approve" && (
            <ul>
              <li data-testid="approve-what">
                {c.stage === "awaiting-payment-demand-approval"
                  ? t("action.approvePaymentDemandPreview")
                  : c.stage === "awaiting-legal-approval"
                    ? t("action.approveLegalPreview", { step: t("case.legalStepGeneric") })
                    : nextText && !detail.next?.event.startsWith("approve-")
                      ? t("action.approvePreview", { next: nextText })
                      : t("action.approvePreviewGeneric")}
              </li>
            </ul>
          )}
          {kind === "resolve-dispute" && (
            <ul>
              <li>{t("action.resolveDisputePreview")}</li>
            </ul>
          )}
          {kind === "withdraw" && <WithdrawCost caseId={c.caseId} currency={c.currency} />}
          {kind !== "message" && kind !== "withdraw" && <ServerPreview caseId={c.caseId} kind={kind} body={actionBody(kind, reason.trim() || "preview", date, "")} currency={c.currency} />}
        </section>

        {missing && (
          <p className="alert alert-error" role="alert">
            {missing}
          </p>
        )}
        <ErrorMessage error={error} />
        <div className="dialog-footer">
          <button type="button" className="button" onClick={onClose} disabled={busy}>
            {t("common.cancel")}
          </button>
          <button type="submit" className={`button ${kind === "withdraw" ? "danger" : "primary"}`} disabled={busy}>
            {t("action.confirm", { action: t(LABELS[kind]) })}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

/** What withdrawing costs the creditor now, from the server. */
function WithdrawCost({ caseId, currency }: { caseId: string; currency: string }) {
  const { t, locale } = useI18n();
  const { data, error, loading } = useApi(`withdraw-preview:${caseId}`, () => call(client.GET("/v1/cases/{caseId}/withdraw-preview", { params: { path: { caseId } } })));
  if (error) return <ErrorMessage error={error} />;
  if (loading || !data) return <Loading />;
  return (
    <div className="withdraw-cost" data-testid="withdraw-cost">
      {data.free ? (
        <p className="strong">{t("action.withdrawFree")}</p>
      ) : (
        <dl className="facts">
          <dt>{t("action.withdrawCosts")}</dt>
          <dd>{formatMoney(data.cost.fees, currency, locale)}</dd>
          <dt>{t("balance.interest")}</dt>
          <dd>{formatMoney(data.cost.interest, currency, locale)}</dd>
          <dt className="strong">{t("action.withdrawTotal")}</dt>
          <dd className="strong">{formatMoney(data.cost.total, currency, locale)}</dd>
        </dl>
      )}
      {/* The server's sentence explains the cost; when it is free the line above says so already. */}
      {!data.free && <p>{t("action.withdrawExplain", { amount: formatMoney(data.cost.total, currency, locale) })}</p>}
    </div>
  );
}

/** The request body of an action (docs/API.md: pause { reason, until? }, postpone { dueDate }, …). */
export function actionBody(kind: ActionKind, reason: string, date: string, text: string): ActionBody | null {
  switch (kind) {
    case "pause":
      return date ? { reason, until: date } : { reason };
    case "dispute":
    case "withdraw":
      return { reason };
    case "postpone":
      return date ? { dueDate: date } : null;
    case "message":
      return { text };
    default:
      return {};
  }
}

/**
 * The action carried out and rolled back by the server (`?preview=true`): the stage, hold, next
 * date, letters and charges it would lead to — or the rule that refuses it.
 */
function ServerPreview({ caseId, kind, body, currency }: { caseId: string; kind: ActionKind; body: ActionBody | null; currency: string }) {
  const { t, locale } = useI18n();
  const [preview, setPreview] = useState<ActionPreview | null>(null);
  const [refused, setRefused] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const key = body ? JSON.stringify(body) : null;
  useEffect(() => {
    if (key === null) return;
    let live = true;
    const timer = setTimeout(() => {
      setBusy(true);
      call(client.POST("/v1/cases/{caseId}/actions/{action}", { params: { path: { caseId, action: kind }, query: { preview: "true" } }, body: JSON.parse(key) as ActionBody })).then(
        (p) => {
          if (!live) return;
          setPreview(p);
          setRefused(null);
          setBusy(false);
        },
        (e: unknown) => {
          if (!live) return;
          setPreview(null);
          setRefused(e instanceof ApiError ? e.message : String(e));
          setBusy(false);
        },
      );
    }, 250);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [caseId, kind, key]);
  if (key === null) return null;
  return (
    <div className="server-preview" aria-live="polite">
      <h4>{t("action.serverPreview")}</h4>
      {busy && !preview && !refused && <p className="muted">{t("action.previewChecking")}</p>}
      {refused && <p className="field-error">{t("action.previewRefused", { message: refused })}</p>}
      {preview && (
        <ul>
          <li>{t("action.previewStage", { stage: labelOr(locale, `stage.${preview.stage}`, preview.stage) })}</li>
          {preview.hold && <li>{t("action.previewHold", { hold: labelOr(locale, `hold.${preview.hold}`, preview.hold) })}</li>}
          <li>{preview.nextActionOn ? t("action.previewNext", { date: formatDate(preview.nextActionOn, locale) }) : t("action.previewNoNext")}</li>
          {preview.letters > 0 && <li>{t("action.previewLetters", { count: preview.letters })}</li>}
          {preview.charges.map((ch, i) => (
            <li key={i}>
              {t("action.previewCharge", {
                kind: labelOr(locale, `charge.${ch.kind}`, ch.kind),
                amount: formatMoney(ch.amount, currency, locale),
                payer: labelOr(locale, `payer.${ch.payer}`, ch.payer),
              })}
            </li>
          ))}
          {preview.legalStep && (
            <li data-testid="legal-step-preview">
              {t("action.approveLegalPreview", { step: labelOr(locale, `settings.legalStep.${preview.legalStep.step}`, preview.legalStep.step) })}{" "}
              <strong>{t("action.approveLegalCostAmount", { amount: formatMoney(preview.legalStep.cost, currency, locale) })}</strong>.{" "}
              {t("action.approveLegalCost", { step: labelOr(locale, `settings.legalStep.${preview.legalStep.step}`, preview.legalStep.step) })}
            </li>
          )}
          <li>{t("action.previewBalance", { amount: formatMoney(preview.balance, currency, locale) })}</li>
        </ul>
      )}
    </div>
  );
}
