import { useState, type FormEvent } from "react";
import { ApiError } from "../api/client";
import { LanguageSwitch } from "../components/LanguageSwitch";
import { useI18n } from "../locale-context";
import { usePageTitle } from "../page-title";
import { useSession } from "../session";
import { Link } from "../router";

export function LoginPage() {
  const { t } = useI18n();
  const { login, changeLocale } = useSession();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  usePageTitle(t("login.title"));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    if (!email.trim() || !password) {
      setError(t("login.missing"));
      return;
    }
    setBusy(true);
    try {
      await login(email.trim(), password);
    } catch (err) {
      setError(
        err instanceof ApiError && err.status === 401
          ? t("login.wrong")
          : err instanceof ApiError && err.status === 429
            ? t("login.rateLimited")
            : err instanceof ApiError && err.status === 0
              ? t("error.network")
              : err instanceof Error
                ? err.message
                : String(err),
      );
      setBusy(false);
    }
  };

  return (
    <main id="main" className="login-screen">
      <div className="login-card">
        <div className="login-top">
          <span className="brand">Fordring</span>
          <LanguageSwitch onChange={changeLocale} />
        </div>
        <h1>{t("login.title")}</h1>
        <p className="muted">{t("login.intro")}</p>
        <form onSubmit={(e) => void submit(e)} noValidate>
          <div className="field">
            <label htmlFor="login-email">{t("login.email")}</label>
            <input
              id="login-email"
              type="email"
              autoComplete="username"
              value={email}
              onChange={(e) => setEmail(e.target.value)}
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? "login-error" : undefined}
              required
            />
          </div>
          <div className="field">
            <label htmlFor="login-password">{t("login.password")}</label>
            <input
              id="login-password"
              type="password"
              autoComplete="current-password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? "login-error" : undefined}
              required
            />
          </div>
          {error && (
            <p id="login-error" className="alert alert-error" role="alert">
              {error}
            </p>
          )}
          <button type="submit" className="button primary wide" disabled={busy}>
            {busy ? t("login.busy") : t("login.submit")}
          </button>
        </form>
        <p className="login-links">
          <Link to="/forgot-password">{t("account.forgotLink")}</Link>
          <Link to="/register">{t("account.registerLink")}</Link>
        </p>
      </div>
    </main>
  );
}
