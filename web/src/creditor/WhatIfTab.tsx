import { useEffect, useMemo, useRef, useState, type FormEvent } from "react";
import { ApiError, call, client } from "../api/client";
import { LIMITS } from "../api/limits";
import type { Creditor, WhatIfJob, WhatIfResult } from "../api/types";
import { SettingsFields } from "../components/settings-fields";
import { ErrorMessage, Loading } from "../components/Status";
import { WhatIfComparison } from "../components/what-if-comparison";
import { FALLBACK_CURRENCY } from "../format";
import { useI18n } from "../locale-context";
import { draftFromSettings, settingsPatch, validateDraft, type FieldError } from "../settings-form";

/** How many days the server runs forward, as its what-if schema declares (MAX_WHAT_IF_DAYS). */
const DAYS = LIMITS["POST /v1/creditors/{creditorId}/what-if"].days;
const POLL_MS = 400;

/** How far the server has come: a progress bar with the run and the day in words, and a cancel. */
export function WhatIfProgress({ job, onCancel }: { job: WhatIfJob; onCancel(): void }) {
  const { t } = useI18n();
  const p = job.progress;
  const text = p ? t("whatIf.progress", { run: t(p.run === "current" ? "whatIf.runCurrent" : "whatIf.runProposed"), day: p.day, days: p.days }) : t("whatIf.starting");
  return (
    <div className="what-if-progress" role="status" data-testid="what-if-progress">
      <label htmlFor="what-if-progress-bar">{t("whatIf.progressLabel")}</label>
      <progress id="what-if-progress-bar" max={100} value={p?.percent ?? 0} aria-valuetext={text}>
        {p?.percent ?? 0} %
      </progress>
      <p>{text}</p>
      <button type="button" className="button" onClick={onCancel}>
        {t("whatIf.cancel")}
      </button>
    </div>
  );
}

/**
 * What if: run the client's open invoices and cases forward N days with changed settings and
 * compare with the current ones — before anything is saved.
 */
export function WhatIfTab({ creditor, onSaved }: { creditor: Creditor; onSaved(): void }) {
  const { t } = useI18n();
  const original = useMemo(() => draftFromSettings(creditor.settings ?? {}), [creditor]);
  const [draft, setDraft] = useState(original);
  const [days, setDays] = useState("60");
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [apiError, setApiError] = useState<ApiError | null>(null);
  const [result, setResult] = useState<{ value: WhatIfResult; patch: ReturnType<typeof settingsPatch> } | null>(null);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);
  const [job, setJob] = useState<WhatIfJob | null>(null);
  const [cancelled, setCancelled] = useState(false);
  const live = useRef(true);
  useEffect(
    () => () => {
      live.current = false;
    },
    [],
  );
  const daysValid = /^\d+$/.test(days) && Number(days) >= DAYS.min && Number(days) <= DAYS.max;

  const run = async (e: FormEvent) => {
    e.preventDefault();
    setApiError(null);
    setSaved(false);
    const found = validateDraft(draft);
    if (!daysValid) found.push({ field: "days", message: "settings.errorRange", params: { min: DAYS.min, max: DAYS.max } });
    setErrors(found);
    if (found.length > 0) return;
    setBusy(true);
    setCancelled(false);
    setResult(null);
    const patch = settingsPatch(original, draft);
    const path = { creditorId: creditor.id };
    try {
      // The server runs it off its request thread; the page asks how far it has come until it is done.
      let j = await call(client.POST("/v1/creditors/{creditorId}/what-if/jobs", { params: { path }, body: { settings: patch, days: Number(days) } }));
      while (j.state === "running" && live.current) {
        setJob(j);
        await new Promise((r) => setTimeout(r, POLL_MS));
        j = await call(client.GET("/v1/creditors/{creditorId}/what-if/jobs/{jobId}", { params: { path: { ...path, jobId: j.jobId } } }));
      }
      if (!live.current) return;
      setJob(null);
      if (j.state === "done" && j.result) setResult({ value: j.result, patch });
      else if (j.state === "cancelled") setCancelled(true);
      else setApiError(new ApiError(j.error?.code === "time_budget" ? 503 : 500, j.error?.code ?? "failed", j.error?.message ?? j.state));
    } catch (err) {
      setJob(null);
      setApiError(err instanceof ApiError ? err : new ApiError(0, "unknown", String(err)));
    } finally {
      setBusy(false);
    }
  };

  const cancel = async () => {
    if (!job) return;
    await call(client.DELETE("/v1/creditors/{creditorId}/what-if/jobs/{jobId}", { params: { path: { creditorId: creditor.id, jobId: job.jobId } } })).catch(() => undefined);
  };

  const save = async () => {
    if (!result) return;
    setBusy(true);
    setApiError(null);
    try {
      await call(client.PATCH("/v1/creditors/{creditorId}/settings", { params: { path: { creditorId: creditor.id } }, body: result.patch }));
      setSaved(true);
      onSaved();
    } catch (err) {
      setApiError(err instanceof ApiError ? err : new ApiError(0, "unknown", String(err)));
    } finally {
      setBusy(false);
    }
  };

  const daysError = errors.find((x) => x.field === "days");
  const changed = result && Object.keys(result.patch).length > 0;
  return (
    <div className="what-if">
      <p className="muted">{t("whatIf.intro")}</p>
      <form onSubmit={(e) => void run(e)} noValidate className="settings-form">
        <SettingsFields draft={draft} onChange={setDraft} errors={errors} sections={["collection", "gates", "transfer"]} idPrefix="whatif" />
        <div className={`field${daysError ? " has-error" : ""}`}>
          <label htmlFor="whatif-days">{t("whatIf.days")}</label>
          <input
            id="whatif-days"
            type="number"
            min={DAYS.min}
            max={DAYS.max}
            value={days}
            onChange={(e) => setDays(e.target.value)}
            aria-invalid={daysError ? true : undefined}
            aria-describedby={daysError ? "whatif-days-error" : undefined}
          />
          {daysError && (
            <p className="field-error" id="whatif-days-error">
              {t(daysError.message, daysError.params)}
            </p>
          )}
        </div>
        <div className="toolbar">
          <button type="submit" className="button primary" disabled={busy}>
            {t("whatIf.run")}
          </button>
        </div>
      </form>
      <ErrorMessage error={apiError} />
      {busy && !result && !job && <Loading />}
      {job && <WhatIfProgress job={job} onCancel={() => void cancel()} />}
      {cancelled && (
        <p className="alert alert-warn" role="status">
          {t("whatIf.cancelled")}
        </p>
      )}
      {result && (
        <>
          <WhatIfComparison result={result.value} currency={FALLBACK_CURRENCY} />
          <div className="toolbar">
            {changed ? (
              <button type="button" className="button primary" onClick={() => void save()} disabled={busy || saved}>
                {t("whatIf.save")}
              </button>
            ) : (
              <p className="muted">{t("whatIf.noChanges")}</p>
            )}
            {saved && (
              <p className="alert alert-success" role="status">
                {t("settings.saved")}
              </p>
            )}
          </div>
        </>
      )}
    </div>
  );
}
