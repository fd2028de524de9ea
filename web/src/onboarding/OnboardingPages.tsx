import { useState, type FormEvent } from "react";
import { ApiError, call, client } from "../api/client";
import { ErrorMessage, Loading } from "../components/Status";
import { labelOr } from "../i18n";
import { useI18n } from "../locale-context";
import { usePageTitle } from "../page-title";
import { Link, navigate } from "../router";
import { useApi } from "../use-api";

/**
 * Onboarding in the portal (issue 20 item 6): a firm registers a client, connects its ledger
 * (PowerOffice Go's client key from the consent in PowerOffice, Visma.net's integration
 * credentials, Procountor's company API key), replaces a stored key, reads the activation
 * checklist in words and activates. The settings, with their explanations, are the client's
 * settings tab.
 */
export const NEW_CLIENT_PATH = "/firms/:firmId/clients/new";
export const ONBOARDING_PATH = "/onboarding/:creditorId";

type LedgerKind = "poweroffice" | "visma-net" | "procountor";

function TextField({ id, label, value, onChange, hint, type = "text" }: { id: string; label: string; value: string; onChange(v: string): void; hint?: string; type?: string }) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input id={id} type={type} value={value} onChange={(e) => onChange(e.target.value)} aria-describedby={hint ? `${id}-hint` : undefined} autoComplete="off" />
      {hint && (
        <p id={`${id}-hint`} className="muted small">
          {hint}
        </p>
      )}
    </div>
  );
}

function problemText(err: unknown, fallback: string): string {
  if (err instanceof ApiError) return err.issues.length ? err.issues.map((i) => `${i.field}: ${i.message}`).join("; ") : err.message || fallback;
  return err instanceof Error ? err.message : String(err);
}

export function NewClientPage({ firmId }: { firmId: string }) {
  const { t } = useI18n();
  usePageTitle(t("onboarding.newTitle"));
  const [f, setF] = useState({ code: "", name: "", orgNumber: "", line1: "", postcode: "", city: "", accountNumber: "", bic: "" });
  const [error, setError] = useState<string | null>(null);
  const set = (k: keyof typeof f) => (v: string) => setF({ ...f, [k]: v });
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      const out = await call(
        client.POST("/v1/firms/{firmId}/creditors", {
          params: { path: { firmId } },
          body: {
            code: f.code.trim().toUpperCase(),
            name: f.name.trim(),
            orgNumber: f.orgNumber.replace(/\s/g, ""),
            address: { line1: f.line1.trim(), postcode: f.postcode.trim(), city: f.city.trim(), country: "NO" },
            ...(f.accountNumber.trim() ? { bankAccount: { accountNumber: f.accountNumber.replace(/[\s.]/g, ""), bic: f.bic.trim().toUpperCase() } } : {}),
          } as never,
        }),
      );
      navigate(`/onboarding/${out.creditorId}`);
    } catch (err) {
      setError(problemText(err, t("onboarding.registerFailed")));
    }
  };
  return (
    <div className="page">
      <div className="page-header">
        <h1>{t("onboarding.newTitle")}</h1>
        <p className="muted">{t("onboarding.newIntro")}</p>
      </div>
      <form onSubmit={(e) => void submit(e)} className="narrow-form">
        <TextField id="client-code" label={t("onboarding.code")} value={f.code} onChange={set("code")} hint={t("onboarding.codeHint")} />
        <TextField id="client-name" label={t("onboarding.name")} value={f.name} onChange={set("name")} />
        <TextField id="client-org" label={t("account.orgNumber")} value={f.orgNumber} onChange={set("orgNumber")} hint={t("account.orgNumberHint")} />
        <TextField id="client-line1" label={t("account.addressLine")} value={f.line1} onChange={set("line1")} />
        <TextField id="client-postcode" label={t("account.postcode")} value={f.postcode} onChange={set("postcode")} />
        <TextField id="client-city" label={t("account.city")} value={f.city} onChange={set("city")} />
        <TextField id="client-account" label={t("onboarding.accountNumber")} value={f.accountNumber} onChange={set("accountNumber")} hint={t("onboarding.accountNumberHint")} />
        <TextField id="client-bic" label={t("onboarding.bic")} value={f.bic} onChange={set("bic")} />
        {error && (
          <p className="alert alert-error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="button primary">
          {t("onboarding.register")}
        </button>
      </form>
    </div>
  );
}

export function ClientOnboardingPage({ creditorId }: { creditorId: string }) {
  const { t, locale } = useI18n();
  const creditor = useApi(`onboarding-creditor:${creditorId}`, () => call(client.GET("/v1/creditors/{creditorId}", { params: { path: { creditorId } } })));
  const check = useApi(`onboarding-check:${creditorId}`, () => call(client.GET("/v1/creditors/{creditorId}/activation", { params: { path: { creditorId } } })));
  usePageTitle(creditor.data ? t("onboarding.title", { name: creditor.data.name }) : t("onboarding.newTitle"));
  const [overdueToo, setOverdueToo] = useState(false);
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  const reload = () => {
    creditor.reload();
    check.reload();
  };
  const activate = async () => {
    setResult(null);
    try {
      await call(client.POST("/v1/creditors/{creditorId}/activate", { params: { path: { creditorId } }, body: { transferAlreadyOverdue: overdueToo } }));
      setResult({ ok: true, text: t("onboarding.activated") });
      reload();
    } catch (err) {
      setResult({ ok: false, text: problemText(err, t("onboarding.activateFailed")) });
      check.reload();
    }
  };
  if (creditor.error) return <ErrorMessage error={creditor.error} />;
  if (!creditor.data) return <Loading />;
  const c = creditor.data;
  const active = c.status === "active";
  return (
    <div className="page">
      <div className="page-header">
        <h1>{t("onboarding.title", { name: c.name })}</h1>
        <p className="muted">{t(active ? "onboarding.isActive" : "onboarding.intro")}</p>
      </div>
      <section aria-labelledby="checklist-title">
        <h2 id="checklist-title">{t("onboarding.checklist")}</h2>
        <ErrorMessage error={check.error} />
        {check.data &&
          (check.data.ready ? (
            <p className="alert alert-success" role="status">
              {t("onboarding.ready")}
            </p>
          ) : (
            <ul className="checklist" aria-label={t("onboarding.missingList")}>
              {check.data.missing.map((m) => (
                <li key={m.code}>{labelOr(locale, `onboarding.missing.${m.code}`, locale === "en" ? m.text.en : m.text.nb)}</li>
              ))}
            </ul>
          ))}
      </section>
      <LedgerForm creditorId={creditorId} connected={c.integrations.filter((i) => i.active).map((i) => i.kind)} onConnected={reload} />
      <section aria-labelledby="settings-title">
        <h2 id="settings-title">{t("onboarding.settingsTitle")}</h2>
        <p>{t("onboarding.settingsIntro")}</p>
        <p>
          <Link to={`/creditors/${creditorId}/settings`}>{t("onboarding.openSettings")}</Link>
        </p>
      </section>
      {!active && (
        <section aria-labelledby="activate-title">
          <h2 id="activate-title">{t("onboarding.activateTitle")}</h2>
          <div className="field checkbox">
            <input id="overdue-too" type="checkbox" checked={overdueToo} onChange={(e) => setOverdueToo(e.target.checked)} aria-describedby="overdue-too-hint" />
            <label htmlFor="overdue-too">{t("onboarding.overdueToo")}</label>
            <p id="overdue-too-hint" className="muted small">
              {t("onboarding.overdueTooHint")}
            </p>
          </div>
          {result && (
            <p className={`alert ${result.ok ? "alert-success" : "alert-error"}`} role={result.ok ? "status" : "alert"}>
              {result.text}
            </p>
          )}
          <button type="button" className="button primary" disabled={!check.data?.ready} onClick={() => void activate()}>
            {t("onboarding.activate")}
          </button>
        </section>
      )}
      {active && result && (
        <p className="alert alert-success" role="status">
          {result.text}
        </p>
      )}
    </div>
  );
}

function LedgerForm({ creditorId, connected, onConnected }: { creditorId: string; connected: string[]; onConnected(): void }) {
  const { t } = useI18n();
  const [kind, setKind] = useState<LedgerKind>("poweroffice");
  const [f, setF] = useState({ clientKey: "", clientId: "", clientSecret: "", tenantId: "", balanceAccount: "", apiKey: "", baseUrl: "" });
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  const set = (k: keyof typeof f) => (v: string) => setF({ ...f, [k]: v });
  const replacing = connected.includes(kind);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setResult(null);
    const at = f.baseUrl.trim() ? { baseUrl: f.baseUrl.trim() } : {};
    const body =
      kind === "poweroffice"
        ? { kind, clientKey: f.clientKey.trim() }
        : kind === "visma-net"
          ? { kind, clientId: f.clientId.trim(), clientSecret: f.clientSecret, tenantId: f.tenantId.trim(), ...(f.balanceAccount.trim() ? { balanceAccount: f.balanceAccount.trim() } : {}) }
          : { kind, apiKey: f.apiKey.trim() };
    Object.assign(body, at);
    try {
      // Procountor's form is ready for the API's `kind: "procountor"` (docs/PORTAL.md).
      await call(client.POST("/v1/creditors/{creditorId}/integrations", { params: { path: { creditorId } }, body: body as never }));
      setResult({ ok: true, text: t(replacing ? "onboarding.keyReplaced" : "onboarding.connected") });
      setF({ clientKey: "", clientId: "", clientSecret: "", tenantId: "", balanceAccount: "", apiKey: "", baseUrl: "" });
      onConnected();
    } catch (err) {
      const text =
        err instanceof ApiError && err.code === "ledger_credentials"
          ? t(`onboarding.refused.${kind}`)
          : err instanceof ApiError && err.code === "ledger_url_not_allowed"
            ? t("onboarding.urlNotAllowed")
            : err instanceof ApiError && err.status === 400 && kind === "procountor" && !err.issues.some((i) => i.field.includes("apiKey"))
              ? t("onboarding.procountorNotYet")
              : problemText(err, t("onboarding.connectFailed"));
      setResult({ ok: false, text });
    }
  };
  return (
    <section aria-labelledby="ledger-title">
      <h2 id="ledger-title">{t("onboarding.ledgerTitle")}</h2>
      {connected.length > 0 && <p>{t("onboarding.connectedTo", { ledgers: connected.map((k) => t(`onboarding.ledger.${k as LedgerKind}`)).join(", ") })}</p>}
      <form onSubmit={(e) => void submit(e)} className="narrow-form">
        <div className="field">
          <label htmlFor="ledger-kind">{t("onboarding.ledger")}</label>
          <select id="ledger-kind" value={kind} onChange={(e) => setKind(e.target.value as LedgerKind)}>
            <option value="poweroffice">{t("onboarding.ledger.poweroffice")}</option>
            <option value="visma-net">{t("onboarding.ledger.visma-net")}</option>
            <option value="procountor">{t("onboarding.ledger.procountor")}</option>
          </select>
        </div>
        <p className="muted">{t(`onboarding.howTo.${kind}`)}</p>
        {kind === "poweroffice" && <TextField id="po-client-key" label={t("onboarding.clientKey")} value={f.clientKey} onChange={set("clientKey")} />}
        {kind === "visma-net" && (
          <>
            <TextField id="vn-client-id" label={t("onboarding.clientId")} value={f.clientId} onChange={set("clientId")} />
            <TextField id="vn-client-secret" label={t("onboarding.clientSecret")} type="password" value={f.clientSecret} onChange={set("clientSecret")} />
            <TextField id="vn-tenant" label={t("onboarding.tenantId")} value={f.tenantId} onChange={set("tenantId")} />
            <TextField id="vn-balance" label={t("onboarding.balanceAccount")} value={f.balanceAccount} onChange={set("balanceAccount")} hint={t("onboarding.balanceAccountHint")} />
          </>
        )}
        {kind === "procountor" && <TextField id="pc-api-key" label={t("onboarding.apiKey")} value={f.apiKey} onChange={set("apiKey")} />}
        <TextField id="ledger-base-url" label={t("onboarding.baseUrl")} value={f.baseUrl} onChange={set("baseUrl")} hint={t("onboarding.baseUrlHint")} />
        {result && (
          <p className={`alert ${result.ok ? "alert-success" : "alert-error"}`} role={result.ok ? "status" : "alert"}>
            {result.text}
          </p>
        )}
        <button type="submit" className="button primary">
          {t(replacing ? "onboarding.replaceKey" : "onboarding.connect")}
        </button>
      </form>
    </section>
  );
}
