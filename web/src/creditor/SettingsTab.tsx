import { useMemo, useState, type FormEvent } from "react";
import { ApiError, call, client } from "../api/client";
import type { Creditor } from "../api/types";
import { SettingsFields } from "../components/settings-fields";
import { ErrorMessage } from "../components/Status";
import { useI18n } from "../locale-context";
import { Link } from "../router";
import { mayChangeAgencyTerms } from "../roles";
import { useMe } from "../session";
import { draftFromSettings, settingsPatch, validateDraft, type FieldError } from "../settings-form";

/** The dunning profile, approval gates, automatic transfer and accounts, saved with PATCH. */
export function SettingsTab({ creditor, onSaved }: { creditor: Creditor; onSaved(): void }) {
  const { t } = useI18n();
  const agencyTerms = mayChangeAgencyTerms(useMe());
  const original = useMemo(() => draftFromSettings(creditor.settings ?? {}), [creditor]);
  const [draft, setDraft] = useState(original);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [apiError, setApiError] = useState<ApiError | null>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  const patch = settingsPatch(original, draft);
  const dirty = Object.keys(patch).length > 0;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setSaved(false);
    setApiError(null);
    const found = validateDraft(draft);
    setErrors(found);
    if (found.length > 0 || !dirty) return;
    setBusy(true);
    try {
      await call(client.PATCH("/v1/creditors/{creditorId}/settings", { params: { path: { creditorId: creditor.id } }, body: patch }));
      setSaved(true);
      onSaved();
    } catch (err) {
      setApiError(err instanceof ApiError ? err : new ApiError(0, "unknown", String(err)));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="settings-form" onSubmit={(e) => void submit(e)} noValidate>
      <p className="muted">
        {t("settings.intro")} <Link to={`/creditors/${creditor.id}/what-if`}>{t("settings.tryWhatIf")}</Link>
      </p>
      <SettingsFields draft={draft} onChange={setDraft} errors={errors} sections={["collection", "gates", "transfer", "accounts", "settlement"]} idPrefix="settings" agencyTerms={agencyTerms} />
      {errors.length > 0 && (
        <p className="alert alert-error" role="alert">
          {t("settings.fixErrors")}
        </p>
      )}
      <ErrorMessage error={apiError} />
      {saved && (
        <p className="alert alert-success" role="status">
          {t("settings.saved")}
        </p>
      )}
      <div className="toolbar">
        <button type="submit" className="button primary" disabled={busy || !dirty}>
          {t("settings.save")}
        </button>
        <button type="button" className="button" disabled={busy || !dirty} onClick={() => { setDraft(original); setErrors([]); }}>
          {t("settings.reset")}
        </button>
      </div>
    </form>
  );
}
