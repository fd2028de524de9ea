import { useState, type FormEvent } from "react";
import { ApiError, call, client } from "../api/client";
import type { paths } from "../api/schema";
import { formatDate } from "../format";
import { labelOr } from "../i18n";
import { useI18n } from "../locale-context";
import { useApi } from "../use-api";
import { Dialog } from "./Dialog";
import { ErrorMessage } from "./Status";

export type LegalView = paths["/v1/cases/{caseId}/legal"]["get"]["responses"][200]["content"]["application/json"];
type Proceeding = LegalView["proceedings"][number];

const STEPS = ["forliksklage", "utlegg"] as const;
const TVANG = ["dom", "forliksradsdom", "gjeldsbrev", "annet-saerlig"] as const;
const EVENT_KINDS = ["hearing", "judgment", "utleggsforretning", "result"] as const;
const SURVEILLANCE = ["no-means", "written-off", "legal-no-result"] as const;
const LEGAL_STAGES = new Set(["awaiting-legal-approval", "legal", "surveillance"]);

/** Whether the case has a legal phase worth a section: a legal stage, an approval, a step, a remark or a lookup. */
export function hasLegalPhase(v: LegalView): boolean {
  return LEGAL_STAGES.has(v.stage) || v.legalApprovedOn !== null || v.proceedings.length > 0 || v.paymentRemarkOn !== null || v.surveillanceOn !== null || v.checks.length > 0 || v.pendingLegalStep !== null;
}

type Open = { kind: "step" } | { kind: "event"; proceeding: Proceeding } | { kind: "surveillance" } | { kind: "credit-check" } | null;
export type PaymentRemarks = paths["/v1/cases/{caseId}/payment-remarks"]["get"]["responses"][200]["content"]["application/json"]["items"];
export type CreditCheckResult = paths["/v1/cases/{caseId}/credit-checks"]["post"]["responses"][200]["content"]["application/json"];

/**
 * The legal phase on the case page (issue #15's portal part): approval, each legal step with its
 * dated events (filing, hearing, judgment, utleggsforretning, result), payment remark, surveillance
 * and limitation, and every lookup about the debtor (the company register; credit checks when the
 * API records them, source `credit-check`). The case handler takes a step, records an event or
 * moves the case to surveillance through the legal routes; the server's refusal is shown as it is.
 * The handler also runs a credit check (a purpose is required) and sees its answer; the payment
 * remarks come from `GET …/payment-remarks` with their status, and a step waiting for a credit
 * check (`awaiting-credit-check`) is said in words.
 * `version` changes when the case does, so the section loads again.
 */
export function LegalPhase({ caseId, version, onChanged }: { caseId: string; version: string; onChanged(message: string): void }) {
  const { t, locale } = useI18n();
  const { data, error, reload } = useApi(`legal:${caseId}:${version}`, () => call(client.GET("/v1/cases/{caseId}/legal", { params: { path: { caseId } } })));
  const [open, setOpen] = useState<Open>(null);
  const [checked, setChecked] = useState<CreditCheckResult | null>(null);
  if (error) return <ErrorMessage error={error} />;
  if (!data || !hasLegalPhase(data)) return null;
  const date = (d: string) => formatDate(d, locale);
  const isOpen = data.closedOn === null;
  const done = (message: string) => {
    setOpen(null);
    reload();
    onChanged(message);
  };
  return (
    <section aria-labelledby="legal-title" className="legal-phase" data-testid="legal-phase">
      <h2 id="legal-title">{t("legal.title")}</h2>
      <ul className="legal-facts">
        <li>{data.legalApprovedOn ? t("legal.approvedOn", { date: date(data.legalApprovedOn) }) : t("legal.notApproved")}</li>
        {data.legalOn && <li>{t("legal.firstStepOn", { date: date(data.legalOn) })}</li>}
        {data.pendingLegalStep && <li>{t("legal.pending", { step: labelOr(locale, `legal.step.${data.pendingLegalStep}`, data.pendingLegalStep) })}</li>}
        {data.proceedings
          .filter((p) => p.status === "awaiting-credit-check")
          .map((p) => (
            <li key={p.proceedingId} data-testid="awaiting-credit-check">
              {t("legal.awaitingCreditCheck", { step: labelOr(locale, `legal.step.${p.step}`, p.step) })}
            </li>
          ))}
        {data.paymentRemarkOn && <li data-testid="payment-remark">{t("legal.remarkOn", { date: date(data.paymentRemarkOn) })}</li>}
        {data.surveillanceOn && <li>{t("legal.surveillanceOn", { date: date(data.surveillanceOn) })}</li>}
        {data.limitationOn && <li>{t("legal.limitationOn", { date: date(data.limitationOn) })}</li>}
      </ul>
      {isOpen && (
        <div className="toolbar actions" role="group" aria-label={t("legal.title")}>
          {data.legalApprovedOn && (
            <button type="button" className="button" onClick={() => setOpen({ kind: "step" })}>
              {t("legal.takeStep")}
            </button>
          )}
          <button type="button" className="button" onClick={() => setOpen({ kind: "surveillance" })}>
            {t("legal.toSurveillance")}
          </button>
          <button type="button" className="button" onClick={() => setOpen({ kind: "credit-check" })}>
            {t("legal.runCreditCheck")}
          </button>
        </div>
      )}
      {checked && <CreditCheckAnswer result={checked} />}
      <CasePaymentRemarks caseId={caseId} version={version} />
      {data.proceedings.length === 0 ? (
        <p className="empty">{t("legal.noSteps")}</p>
      ) : (
        <ol className="legal-steps">
          {data.proceedings.map((p) => (
            <li key={p.proceedingId} className="legal-step" data-testid="legal-step">
              <h3>
                {labelOr(locale, `legal.step.${p.step}`, p.step)} — {labelOr(locale, `legal.status.${p.status}`, p.status)}
              </h3>
              <ol className="timeline">
                <li className="timeline-item">
                  <div className="timeline-date">
                    <time dateTime={p.filedOn}>{date(p.filedOn)}</time>
                  </div>
                  <div className="timeline-body">
                    <p className="timeline-text">{t("legal.event.filed")}</p>
                    <p className="sub">{t("legal.filedBy", { actor: p.filedBy })}</p>
                  </div>
                </li>
                {p.events.map((e) => (
                  <li key={`${e.kind}:${e.on}`} className="timeline-item">
                    <div className="timeline-date">
                      <time dateTime={e.on}>{date(e.on)}</time>
                    </div>
                    <div className="timeline-body">
                      <p className="timeline-text">
                        {labelOr(locale, `legal.event.${e.kind}`, e.kind)}
                        {e.result ? `: ${e.result}` : ""}
                      </p>
                      {e.note && <p className="timeline-reason">{e.note}</p>}
                    </div>
                  </li>
                ))}
              </ol>
              {p.status !== "closed" && p.status !== "cancelled" && p.status !== "pending" && (
                <button type="button" className="button small" onClick={() => setOpen({ kind: "event", proceeding: p })}>
                  {t("legal.recordEvent")}
                </button>
              )}
            </li>
          ))}
        </ol>
      )}
      <h3>{t("legal.checks")}</h3>
      {data.checks.length === 0 ? (
        <p className="muted" data-testid="no-checks">
          {t("legal.noChecks")}
        </p>
      ) : (
        <div className="table-scroll">
          <table className="data-table" data-testid="debtor-checks">
            <thead>
              <tr>
                <th scope="col">{t("legal.checkedOn")}</th>
                <th scope="col">{t("legal.checkSource")}</th>
                <th scope="col">{t("legal.checkPurpose")}</th>
                <th scope="col">{t("legal.checkOutcome")}</th>
              </tr>
            </thead>
            <tbody>
              {data.checks.map((c, i) => (
                <tr key={i}>
                  <td>{date(c.checkedOn)}</td>
                  <th scope="row">{labelOr(locale, `legal.check.${c.source}`, c.source)}</th>
                  <td>{c.purpose}</td>
                  <td>{labelOr(locale, `legal.outcome.${c.outcome}`, c.outcome)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {open?.kind === "step" && <StepDialog caseId={caseId} onClose={() => setOpen(null)} onDone={(status) => done(t("legal.stepDone", { status: labelOr(locale, `legal.status.${status}`, status) }))} />}
      {open?.kind === "event" && <EventDialog caseId={caseId} proceeding={open.proceeding} onClose={() => setOpen(null)} onDone={() => done(t("legal.eventDone"))} />}
      {open?.kind === "credit-check" && (
        <CreditCheckDialog
          caseId={caseId}
          onClose={() => setOpen(null)}
          onDone={(r) => {
            setChecked(r);
            done(t("legal.creditCheckDone"));
          }}
        />
      )}
      {open?.kind === "surveillance" && <SurveillanceDialog caseId={caseId} onClose={() => setOpen(null)} onDone={() => done(t("legal.surveillanceDone"))} />}
    </section>
  );
}

function useSubmit() {
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const run = async (action: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError(0, "unknown", String(e)));
    } finally {
      setBusy(false);
    }
  };
  return { error, busy, run };
}

function Footer({ busy, onClose }: { busy: boolean; onClose(): void }) {
  const { t } = useI18n();
  return (
    <div className="dialog-footer">
      <button type="button" className="button" onClick={onClose}>
        {t("common.cancel")}
      </button>
      <button type="submit" className="button primary" disabled={busy}>
        {t("legal.submit")}
      </button>
    </div>
  );
}

function StepDialog({ caseId, onClose, onDone }: { caseId: string; onClose(): void; onDone(status: string): void }) {
  const { t } = useI18n();
  const [step, setStep] = useState<(typeof STEPS)[number]>("forliksklage");
  const [kind, setKind] = useState<(typeof TVANG)[number]>("dom");
  const [reference, setReference] = useState("");
  const [on, setOn] = useState("");
  const [missing, setMissing] = useState<string | null>(null);
  const { error, busy, run } = useSubmit();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (step === "utlegg" && (!reference.trim() || !on)) {
      setMissing(t("legal.required", { field: !reference.trim() ? t("legal.tvangReference") : t("legal.tvangDate") }));
      return;
    }
    setMissing(null);
    void run(async () => {
      const body = step === "utlegg" ? { step, tvangsgrunnlag: { kind, reference: reference.trim(), date: on } } : { step };
      const r = await call(client.POST("/v1/cases/{caseId}/legal-steps", { params: { path: { caseId } }, body }));
      onDone(r.status);
    });
  };
  return (
    <Dialog title={t("legal.takeStep")} onClose={onClose}>
      <form onSubmit={submit} noValidate>
        <p className="hint">{t("legal.stepHint")}</p>
        <div className="field">
          <label htmlFor="legal-step">{t("legal.stepLabel")}</label>
          <select id="legal-step" value={step} onChange={(e) => setStep(e.target.value as (typeof STEPS)[number])}>
            {STEPS.map((s) => (
              <option key={s} value={s}>
                {t(`legal.step.${s}`)}
              </option>
            ))}
          </select>
        </div>
        {step === "utlegg" && (
          <fieldset>
            <legend>{t("legal.tvangsgrunnlag")}</legend>
            <div className="field">
              <label htmlFor="legal-tvang">{t("legal.tvangsgrunnlag")}</label>
              <select id="legal-tvang" value={kind} onChange={(e) => setKind(e.target.value as (typeof TVANG)[number])}>
                {TVANG.map((k) => (
                  <option key={k} value={k}>
                    {t(`legal.tvang.${k}`)}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="legal-tvang-ref">{t("legal.tvangReference")}</label>
              <input id="legal-tvang-ref" type="text" value={reference} onChange={(e) => setReference(e.target.value)} required aria-required="true" />
            </div>
            <div className="field">
              <label htmlFor="legal-tvang-date">{t("legal.tvangDate")}</label>
              <input id="legal-tvang-date" type="date" value={on} onChange={(e) => setOn(e.target.value)} required aria-required="true" />
            </div>
          </fieldset>
        )}
        {missing && (
          <p className="field-error" role="alert">
            {missing}
          </p>
        )}
        <ErrorMessage error={error} />
        <Footer busy={busy} onClose={onClose} />
      </form>
    </Dialog>
  );
}

function EventDialog({ caseId, proceeding, onClose, onDone }: { caseId: string; proceeding: Proceeding; onClose(): void; onDone(): void }) {
  const { t, locale } = useI18n();
  const [kind, setKind] = useState<(typeof EVENT_KINDS)[number]>("hearing");
  const [on, setOn] = useState("");
  const [result, setResult] = useState("");
  const [note, setNote] = useState("");
  const [missing, setMissing] = useState<string | null>(null);
  const { error, busy, run } = useSubmit();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!on) {
      setMissing(t("legal.required", { field: t("legal.eventDate") }));
      return;
    }
    setMissing(null);
    void run(async () => {
      await call(
        client.POST("/v1/cases/{caseId}/legal-steps/{proceedingId}/events", {
          params: { path: { caseId, proceedingId: proceeding.proceedingId } },
          body: { kind, on, ...(result.trim() ? { result: result.trim() } : {}), ...(note.trim() ? { note: note.trim() } : {}) },
        }),
      );
      onDone();
    });
  };
  return (
    <Dialog title={`${t("legal.recordEvent")}: ${labelOr(locale, `legal.step.${proceeding.step}`, proceeding.step)}`} onClose={onClose}>
      <form onSubmit={submit} noValidate>
        <div className="field">
          <label htmlFor="legal-event-kind">{t("legal.eventKind")}</label>
          <select id="legal-event-kind" value={kind} onChange={(e) => setKind(e.target.value as (typeof EVENT_KINDS)[number])}>
            {EVENT_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`legal.event.${k}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="legal-event-date">{t("legal.eventDate")}</label>
          <input id="legal-event-date" type="date" value={on} onChange={(e) => setOn(e.target.value)} required aria-required="true" />
        </div>
        <div className="field">
          <label htmlFor="legal-event-result">{t("legal.result")}</label>
          <input id="legal-event-result" type="text" value={result} onChange={(e) => setResult(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="legal-event-note">{t("legal.note")}</label>
          <textarea id="legal-event-note" rows={3} value={note} onChange={(e) => setNote(e.target.value)} />
        </div>
        {missing && (
          <p className="field-error" role="alert">
            {missing}
          </p>
        )}
        <ErrorMessage error={error} />
        <Footer busy={busy} onClose={onClose} />
      </form>
    </Dialog>
  );
}

function SurveillanceDialog({ caseId, onClose, onDone }: { caseId: string; onClose(): void; onDone(): void }) {
  const { t } = useI18n();
  const [reason, setReason] = useState<(typeof SURVEILLANCE)[number]>("no-means");
  const { error, busy, run } = useSubmit();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      await call(client.POST("/v1/cases/{caseId}/surveillance", { params: { path: { caseId } }, body: { reason } }));
      onDone();
    });
  };
  return (
    <Dialog title={t("legal.toSurveillance")} onClose={onClose}>
      <form onSubmit={submit} noValidate>
        <div className="field">
          <label htmlFor="legal-surveillance-reason">{t("legal.surveillanceReason")}</label>
          <select id="legal-surveillance-reason" value={reason} onChange={(e) => setReason(e.target.value as (typeof SURVEILLANCE)[number])}>
            {SURVEILLANCE.map((r) => (
              <option key={r} value={r}>
                {t(`legal.surveillance.${r}`)}
              </option>
            ))}
          </select>
        </div>
        <ErrorMessage error={error} />
        <Footer busy={busy} onClose={onClose} />
      </form>
    </Dialog>
  );
}

/** The payment remarks of the case (`GET …/payment-remarks`), loaded again when the case changes. */
function CasePaymentRemarks({ caseId, version }: { caseId: string; version: string }) {
  const { data, error } = useApi(`remarks:${caseId}:${version}`, () => call(client.GET("/v1/cases/{caseId}/payment-remarks", { params: { path: { caseId } } })));
  if (error) return <ErrorMessage error={error} />;
  return data ? <PaymentRemarkList remarks={data.items} /> : null;
}

/**
 * Each payment remark (betalingsanmerkning) with where it is with the credit bureau: registered and
 * waiting to be reported, reported on a day, to be deleted (with why), deleted on a day, or
 * cancelled before it was ever reported. A report the bureau refused so far shows its last error.
 */
export function PaymentRemarkList({ remarks }: { remarks: PaymentRemarks }) {
  const { t, locale } = useI18n();
  if (remarks.length === 0) return null;
  const day = (at: string | null) => (at ? formatDate(at.slice(0, 10), locale) : "");
  const text = (r: PaymentRemarks[number]): string => {
    switch (r.status) {
      case "to-report":
        return t("legal.remark.to-report", { date: day(r.registeredOn) });
      case "reported":
        return t("legal.remark.reported", { date: day(r.reportedAt) });
      case "to-delete":
        return t("legal.remark.to-delete", { date: day(r.reportedAt), reason: r.deleteReason ?? "" });
      case "deleted":
        return t("legal.remark.deleted", { date: day(r.deletedAt), reason: r.deleteReason ?? "" });
      case "cancelled":
        return t("legal.remark.cancelled", { date: day(r.registeredOn) });
      default:
        return r.status;
    }
  };
  return (
    <>
      <h3>{t("legal.remarks")}</h3>
      <ul className="legal-facts" data-testid="payment-remarks">
        {remarks.map((r) => (
          <li key={r.remarkId} data-status={r.status}>
            {text(r)}
            {r.lastError && (r.status === "to-report" || r.status === "to-delete") && <span className="sub"> — {t("legal.remark.lastError", { attempts: String(r.attempts), error: r.lastError })}</span>}
          </li>
        ))}
      </ul>
    </>
  );
}

/** The answer of a credit check just run: score, risk class and the number of payment remarks. */
export function CreditCheckAnswer({ result }: { result: CreditCheckResult }) {
  const { t, locale } = useI18n();
  return (
    <div className="alert" role="status" data-testid="credit-check-result">
      <p>{result.outcome === "ok" ? t("legal.creditCheckOk") : t("legal.creditCheckOutcome", { outcome: labelOr(locale, `legal.outcome.${result.outcome}`, result.outcome) })}</p>
      {result.outcome === "ok" && (
        <ul className="legal-facts">
          <li>{t("legal.creditScore", { score: result.score === null ? "–" : String(result.score) })}</li>
          <li>{t("legal.riskClass", { riskClass: result.riskClass ?? "–" })}</li>
          <li>{t("legal.creditRemarks", { count: result.paymentRemarks === null ? "–" : String(result.paymentRemarks) })}</li>
        </ul>
      )}
    </div>
  );
}

/** The case handler runs a credit check with the purpose stated (required: the lookup's lawful purpose is logged). */
export function CreditCheckDialog({ caseId, onClose, onDone }: { caseId: string; onClose(): void; onDone(result: CreditCheckResult): void }) {
  const { t } = useI18n();
  const [purpose, setPurpose] = useState("");
  const [missing, setMissing] = useState<string | null>(null);
  const { error, busy, run } = useSubmit();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!purpose.trim()) {
      setMissing(t("legal.required", { field: t("legal.checkPurpose") }));
      return;
    }
    setMissing(null);
    void run(async () => {
      const r = await call(client.POST("/v1/cases/{caseId}/credit-checks", { params: { path: { caseId } }, body: { purpose: purpose.trim() } }));
      onDone(r);
    });
  };
  return (
    <Dialog title={t("legal.runCreditCheck")} onClose={onClose}>
      <form onSubmit={submit} noValidate>
        <p className="hint">{t("legal.creditCheckHint")}</p>
        <div className="field">
          <label htmlFor="credit-check-purpose">{t("legal.checkPurpose")}</label>
          <input id="credit-check-purpose" type="text" value={purpose} onChange={(e) => setPurpose(e.target.value)} required aria-required="true" />
        </div>
        {missing && (
          <p className="field-error" role="alert">
            {missing}
          </p>
        )}
        {error?.code === "credit_bureau_not_configured" ? (
          <p className="alert alert-error" role="alert" data-testid="no-credit-bureau">
            {t("legal.noCreditBureau")}
          </p>
        ) : (
          <ErrorMessage error={error} />
        )}
        <Footer busy={busy} onClose={onClose} />
      </form>
    </Dialog>
  );
}
