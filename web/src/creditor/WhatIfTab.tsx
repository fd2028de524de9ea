import { useMemo, useState, type FormEvent } from "react";
import { ApiError, call, client } from "../api/client";
import { LIMITS } from "../api/limits";
import type { Creditor, WhatIfResult } from "../api/types";
import { SettingsFields } from "../components/settings-fields";
import { ErrorMessage, Loading } from "../components/Status";
import { WhatIfComparison } from "../components/what-if-comparison";
import { FALLBACK_CURRENCY } from "../format";
import { useI18n } from "../locale-context";
import { draftFromSettings, settingsPatch, validateDraft, type FieldError } from "../settings-form";

/** How many days the server runs forward, as its what-if schema declares (MAX_WHAT_IF_DAYS). */
const DAYS = LIMITS["POST /v1/creditors/{creditorId}/what-if"].days;

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
    const patch = settingsPatch(original, draft);
    try {
      const value = await call(client.POST("/v1/creditors/{creditorId}/what-if", { params: { path: { creditorId: creditor.id } }, body: { settings: patch, days: Number(days) } }));
      setResult({ value, patch });
    } catch (err) {
      setApiError(err instanceof ApiError ? err : new ApiError(0, "unknown", String(err)));
    } finally {
      setBusy(false);
    }
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
      {busy && !result && <Loading />}
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
