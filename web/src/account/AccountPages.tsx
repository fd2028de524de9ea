import { useState, type FormEvent, type ReactNode } from "react";
import { ApiError, call, client } from "../api/client";
import { LanguageSwitch } from "../components/LanguageSwitch";
import type { MessageKey } from "../i18n";
import { useI18n } from "../locale-context";
import { usePageTitle } from "../page-title";
import { Link, matchPath } from "../router";
import { useSession } from "../session";

/**
 * The pages a person reaches without a session: asking for a password reset, the links from
 * the e-mails (reset, invitation, registration), and registering a firm — which ends with
 * "check your e-mail" whatever the address (the server answers the same).
 */
export const ACCOUNT_PATHS = ["/forgot-password", "/reset-password", "/accept-invitation", "/confirm-registration", "/register"] as const;

export function isAccountPath(path: string): boolean {
  return ACCOUNT_PATHS.some((p) => matchPath(p, path) !== null);
}

export function AccountPage({ path, search }: { path: string; search: URLSearchParams }) {
  const token = search.get("token") ?? "";
  if (path === "/forgot-password") return <ForgotPassword />;
  if (path === "/reset-password") return <NewPassword token={token} kind="reset" />;
  if (path === "/accept-invitation") return <NewPassword token={token} kind="invitation" />;
  if (path === "/confirm-registration") return <ConfirmRegistration token={token} />;
  return <RegisterFirm />;
}

function Card({ title, children }: { title: string; children: ReactNode }) {
  const { changeLocale } = useSession();
  const { t } = useI18n();
  usePageTitle(title);
  return (
    <main id="main" className="login-screen">
      <div className="login-card">
        <div className="login-top">
          <span className="brand">Fordring</span>
          <LanguageSwitch onChange={changeLocale} />
        </div>
        <h1>{title}</h1>
        {children}
        <p className="muted">
          <Link to="/login">{t("account.backToLogin")}</Link>
        </p>
      </div>
    </main>
  );
}

/** The words for a failed call: a link that is spent or wrong, a weak password, or the server's own. */
function useErrorText() {
  const { t } = useI18n();
  return (err: unknown, linkKey: MessageKey = "account.linkInvalid"): string => {
    if (!(err instanceof ApiError)) return String(err);
    if (err.status === 0) return t("error.network");
    if (err.status === 429) return t("login.rateLimited");
    if (err.status === 503) return t("account.noMail");
    if (err.field === "password" || err.field === "body.password" || err.field === "admin.password") return t("account.weakPassword");
    if (err.status === 422 || err.status === 409) return t(linkKey);
    return err.message;
  };
}

function Field({ id, label, type = "text", value, onChange, autoComplete, hint }: { id: string; label: string; type?: string; value: string; onChange(v: string): void; autoComplete?: string; hint?: string }) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input id={id} type={type} value={value} autoComplete={autoComplete} onChange={(e) => onChange(e.target.value)} aria-describedby={hint ? `${id}-hint` : undefined} required />
      {hint && (
        <p id={`${id}-hint`} className="muted small">
          {hint}
        </p>
      )}
    </div>
  );
}

function ForgotPassword() {
  const { t } = useI18n();
  const errorText = useErrorText();
  const [email, setEmail] = useState("");
  const [done, setDone] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      await call(client.POST("/v1/auth/password-reset", { body: { email: email.trim() } }));
      setDone(true);
    } catch (err) {
      setError(errorText(err));
    }
  };
  return (
    <Card title={t("account.forgotTitle")}>
      {done ? (
        <p className="alert alert-success" role="status">
          {t("account.checkEmailReset")}
        </p>
      ) : (
        <form onSubmit={(e) => void submit(e)}>
          <p className="muted">{t("account.forgotIntro")}</p>
          <Field id="forgot-email" label={t("login.email")} type="email" value={email} onChange={setEmail} autoComplete="username" />
          {error && (
            <p className="alert alert-error" role="alert">
              {error}
            </p>
          )}
          <button type="submit" className="button primary wide">
            {t("account.sendLink")}
          </button>
        </form>
      )}
    </Card>
  );
}

function NewPassword({ token, kind }: { token: string; kind: "reset" | "invitation" }) {
  const { t } = useI18n();
  const errorText = useErrorText();
  const [password, setPassword] = useState("");
  const [again, setAgain] = useState("");
  const [done, setDone] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    if (password !== again) {
      setError(t("account.passwordsDiffer"));
      return;
    }
    try {
      const out = kind === "reset" ? await call(client.POST("/v1/auth/password-reset/confirm", { body: { token, password } })) : await call(client.POST("/v1/invitations/accept", { body: { token, password } }));
      setDone(out.email);
    } catch (err) {
      setError(errorText(err, kind === "reset" ? "account.resetLinkInvalid" : "account.invitationLinkInvalid"));
    }
  };
  return (
    <Card title={kind === "reset" ? t("account.resetTitle") : t("account.invitationTitle")}>
      {done ? (
        <p className="alert alert-success" role="status">
          {t("account.passwordSet", { email: done })}
        </p>
      ) : (
        <form onSubmit={(e) => void submit(e)}>
          <p className="muted">{kind === "reset" ? t("account.resetIntro") : t("account.invitationIntro")}</p>
          <Field id="new-password" label={t("account.newPassword")} type="password" value={password} onChange={setPassword} autoComplete="new-password" hint={t("account.passwordRule")} />
          <Field id="new-password-again" label={t("account.newPasswordAgain")} type="password" value={again} onChange={setAgain} autoComplete="new-password" />
          {error && (
            <p className="alert alert-error" role="alert">
              {error}
            </p>
          )}
          <button type="submit" className="button primary wide">
            {t("account.savePassword")}
          </button>
        </form>
      )}
    </Card>
  );
}

function ConfirmRegistration({ token }: { token: string }) {
  const { t } = useI18n();
  const errorText = useErrorText();
  const [state, setState] = useState<{ email: string } | { error: string } | null>(null);
  const confirm = async () => {
    try {
      setState(await call(client.POST("/v1/registrations/confirm", { body: { token } })));
    } catch (err) {
      setState({ error: errorText(err, "account.registrationLinkInvalid") });
    }
  };
  return (
    <Card title={t("account.confirmTitle")}>
      {state && "email" in state ? (
        <p className="alert alert-success" role="status">
          {t("account.registrationDone", { email: state.email })}
        </p>
      ) : (
        <>
          <p className="muted">{t("account.confirmIntro")}</p>
          {state && (
            <p className="alert alert-error" role="alert">
              {state.error}
            </p>
          )}
          <button type="button" className="button primary wide" onClick={() => void confirm()}>
            {t("account.confirmButton")}
          </button>
        </>
      )}
    </Card>
  );
}

function RegisterFirm() {
  const { t, locale } = useI18n();
  const errorText = useErrorText();
  const [f, setF] = useState({ name: "", orgNumber: "", line1: "", postcode: "", city: "", adminName: "", email: "", password: "" });
  const [done, setDone] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const set = (k: keyof typeof f) => (v: string) => setF({ ...f, [k]: v });
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      await call(
        client.POST("/v1/firms", {
          body: {
            name: f.name.trim(),
            orgNumber: f.orgNumber.replace(/\s/g, ""),
            address: { line1: f.line1.trim(), postcode: f.postcode.trim(), city: f.city.trim(), country: "NO" },
            contact: { name: f.adminName.trim(), email: f.email.trim() },
            admin: { email: f.email.trim(), name: f.adminName.trim(), password: f.password },
            locale,
          },
        }),
      );
      setDone(true);
    } catch (err) {
      setError(err instanceof ApiError && err.status === 400 && err.field?.includes("orgNumber") ? t("account.badOrgNumber") : errorText(err));
    }
  };
  return (
    <Card title={t("account.registerTitle")}>
      {done ? (
        <p className="alert alert-success" role="status">
          {t("account.checkEmailRegistration")}
        </p>
      ) : (
        <form onSubmit={(e) => void submit(e)}>
          <p className="muted">{t("account.registerIntro")}</p>
          <Field id="reg-name" label={t("account.firmName")} value={f.name} onChange={set("name")} autoComplete="organization" />
          <Field id="reg-org" label={t("account.orgNumber")} value={f.orgNumber} onChange={set("orgNumber")} hint={t("account.orgNumberHint")} />
          <Field id="reg-line1" label={t("account.addressLine")} value={f.line1} onChange={set("line1")} autoComplete="address-line1" />
          <Field id="reg-postcode" label={t("account.postcode")} value={f.postcode} onChange={set("postcode")} autoComplete="postal-code" />
          <Field id="reg-city" label={t("account.city")} value={f.city} onChange={set("city")} autoComplete="address-level2" />
          <Field id="reg-admin" label={t("account.yourName")} value={f.adminName} onChange={set("adminName")} autoComplete="name" />
          <Field id="reg-email" label={t("login.email")} type="email" value={f.email} onChange={set("email")} autoComplete="email" />
          <Field id="reg-password" label={t("login.password")} type="password" value={f.password} onChange={set("password")} autoComplete="new-password" hint={t("account.passwordRule")} />
          {error && (
            <p className="alert alert-error" role="alert">
              {error}
            </p>
          )}
          <button type="submit" className="button primary wide">
            {t("account.registerButton")}
          </button>
        </form>
      )}
    </Card>
  );
}
