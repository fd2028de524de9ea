import { useState, type FormEvent } from "react";
import { ApiError, call, client } from "../api/client";
import { ErrorMessage, Loading } from "../components/Status";
import { formatInstant } from "../format";
import { labelOr, type Locale } from "../i18n";
import { useI18n } from "../locale-context";
import { usePageTitle } from "../page-title";
import { useSession } from "../session";
import { useApi } from "../use-api";

/**
 * A firm's people (issue 20 item 6): colleagues and the clients' users with their roles and
 * status; an administrator invites by e-mail (the invitee sets the password from the link),
 * deactivates (their sessions and API keys stop at once) and lets people in again.
 */
export const TEAM_PATH = "/firms/:firmId/users";

type InviteRole = "firm-admin" | "firm-accountant" | "creditor-user";

export function TeamPage({ firmId }: { firmId: string }) {
  const { t, locale } = useI18n();
  const { me } = useSession();
  usePageTitle(t("team.title"));
  const team = useApi(`team:${firmId}`, () => call(client.GET("/v1/firms/{firmId}/users", { params: { path: { firmId } } })));
  const clients = useApi(`team-clients:${firmId}`, () => call(client.GET("/v1/firms/{firmId}/dashboard", { params: { path: { firmId } } })));
  const isAdmin = !!me?.memberships.some((m) => (m.role === "firm-admin" && m.firmId === firmId) || m.role === "operator-admin");
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  const act = async (userId: string, action: "deactivate" | "reactivate") => {
    setMessage(null);
    try {
      if (action === "deactivate") await call(client.POST("/v1/firms/{firmId}/users/{userId}/deactivate", { params: { path: { firmId, userId } } }));
      else await call(client.POST("/v1/firms/{firmId}/users/{userId}/reactivate", { params: { path: { firmId, userId } } }));
      setMessage({ ok: true, text: action === "deactivate" ? t("team.deactivated") : t("team.reactivated") });
      team.reload();
    } catch (err) {
      setMessage({ ok: false, text: err instanceof ApiError && err.status === 409 ? t("team.cannotDeactivate") : err instanceof Error ? err.message : String(err) });
    }
  };

  const changeRole = async (userId: string, role: "firm-admin" | "firm-accountant") => {
    setMessage(null);
    try {
      await call(client.PUT("/v1/firms/{firmId}/users/{userId}/role", { params: { path: { firmId, userId } }, body: { role } }));
      setMessage({ ok: true, text: t("team.roleChanged") });
      team.reload();
    } catch (err) {
      setMessage({ ok: false, text: err instanceof ApiError && err.status === 409 ? t("team.lastAdmin") : err instanceof Error ? err.message : String(err) });
    }
  };

  return (
    <div className="page">
      <h1>{t("team.title")}</h1>
      <p className="muted">{t("team.intro")}</p>
      {message && (
        <p className={`alert ${message.ok ? "alert-success" : "alert-error"}`} role={message.ok ? "status" : "alert"}>
          {message.text}
        </p>
      )}
      {team.error && <ErrorMessage error={team.error} />}
      {team.loading && !team.data && <Loading />}
      {team.data && (
        <div className="table-scroll">
          <table className="data-table">
            <caption className="visually-hidden">{t("team.title")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("team.name")}</th>
                <th scope="col">{t("login.email")}</th>
                <th scope="col">{t("team.roles")}</th>
                <th scope="col">{t("team.status")}</th>
                <th scope="col">{t("team.lastLogin")}</th>
                {isAdmin && <th scope="col">{t("team.actions")}</th>}
              </tr>
            </thead>
            <tbody>
              {team.data.users.map((u) => (
                <tr key={u.userId}>
                  <th scope="row">{u.name}</th>
                  <td>{u.email}</td>
                  <td>{u.roles.map((r) => roleText(locale, r.role, r.creditorName)).join(", ")}</td>
                  <td>{t(`team.status.${u.status}`)}</td>
                  <td>{u.lastLoginAt ? formatInstant(u.lastLoginAt, locale) : "–"}</td>
                  {isAdmin && (
                    <td>
                      {u.userId !== me?.user.id && u.status !== "deactivated" && firmRoleOf(u.roles) && (
                        <button type="button" className="button small" onClick={() => void changeRole(u.userId, firmRoleOf(u.roles) === "firm-admin" ? "firm-accountant" : "firm-admin")}>
                          {t(firmRoleOf(u.roles) === "firm-admin" ? "team.makeAccountant" : "team.makeAdmin")} <span className="visually-hidden">{u.name}</span>
                        </button>
                      )}{" "}
                      {u.userId !== me?.user.id &&
                        (u.status === "deactivated" ? (
                          <button type="button" className="button small" onClick={() => void act(u.userId, "reactivate")}>
                            {t("team.reactivate")} <span className="visually-hidden">{u.name}</span>
                          </button>
                        ) : (
                          <button type="button" className="button small danger" onClick={() => void act(u.userId, "deactivate")}>
                            {t("team.deactivate")} <span className="visually-hidden">{u.name}</span>
                          </button>
                        ))}
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {isAdmin && <InviteForm firmId={firmId} clients={clients.data?.clients ?? []} onInvited={() => team.reload()} />}
    </div>
  );
}

/** The user's role on the firm itself (not on one of its clients), if any. */
function firmRoleOf(roles: { role: string; creditorId: string | null }[]): "firm-admin" | "firm-accountant" | null {
  const r = roles.find((x) => x.creditorId === null && (x.role === "firm-admin" || x.role === "firm-accountant"));
  return (r?.role as "firm-admin" | "firm-accountant" | undefined) ?? null;
}

function roleText(locale: Locale, role: string, creditorName: string | null): string {
  const word = labelOr(locale, `team.role.${role}`, role);
  return creditorName ? `${word} (${creditorName})` : word;
}

function InviteForm({ firmId, clients, onInvited }: { firmId: string; clients: { creditorId: string; name: string }[]; onInvited(): void }) {
  const { t, locale } = useI18n();
  const [f, setF] = useState<{ name: string; email: string; role: InviteRole; creditorId: string; locale: Locale }>({ name: "", email: "", role: "firm-accountant", creditorId: "", locale });
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setResult(null);
    const body = { name: f.name.trim(), email: f.email.trim(), locale: f.locale };
    try {
      const out =
        f.role === "creditor-user"
          ? await call(client.POST("/v1/creditors/{creditorId}/invitations", { params: { path: { creditorId: f.creditorId || clients[0]?.creditorId || "" } }, body }))
          : await call(client.POST("/v1/firms/{firmId}/invitations", { params: { path: { firmId } }, body: { ...body, role: f.role } }));
      setResult({ ok: true, text: out.status === "invited" ? t("team.invited", { email: body.email }) : t("team.granted", { email: body.email }) });
      setF({ ...f, name: "", email: "" });
      onInvited();
    } catch (err) {
      setResult({ ok: false, text: err instanceof ApiError && err.status === 409 ? t("team.inviteConflict") : err instanceof ApiError && err.status === 503 ? t("account.noMail") : err instanceof Error ? err.message : String(err) });
    }
  };
  return (
    <section aria-labelledby="invite-title" className="card">
      <h2 id="invite-title">{t("team.inviteTitle")}</h2>
      <p className="muted">{t("team.inviteIntro")}</p>
      <form onSubmit={(e) => void submit(e)}>
        <div className="field">
          <label htmlFor="invite-name">{t("team.name")}</label>
          <input id="invite-name" value={f.name} onChange={(e) => setF({ ...f, name: e.target.value })} required />
        </div>
        <div className="field">
          <label htmlFor="invite-email">{t("login.email")}</label>
          <input id="invite-email" type="email" value={f.email} onChange={(e) => setF({ ...f, email: e.target.value })} required />
        </div>
        <div className="field">
          <label htmlFor="invite-role">{t("team.role")}</label>
          <select id="invite-role" value={f.role} onChange={(e) => setF({ ...f, role: e.target.value as InviteRole })} aria-describedby="invite-role-hint">
            <option value="firm-accountant">{t("team.role.firm-accountant")}</option>
            <option value="firm-admin">{t("team.role.firm-admin")}</option>
            <option value="creditor-user">{t("team.role.creditor-user")}</option>
          </select>
          <p id="invite-role-hint" className="muted small">
            {t(`team.roleHint.${f.role}`)}
          </p>
        </div>
        {f.role === "creditor-user" && (
          <div className="field">
            <label htmlFor="invite-client">{t("team.client")}</label>
            <select id="invite-client" value={f.creditorId || clients[0]?.creditorId || ""} onChange={(e) => setF({ ...f, creditorId: e.target.value })}>
              {clients.map((c) => (
                <option key={c.creditorId} value={c.creditorId}>
                  {c.name}
                </option>
              ))}
            </select>
          </div>
        )}
        <div className="field">
          <label htmlFor="invite-locale">{t("team.language")}</label>
          <select id="invite-locale" value={f.locale} onChange={(e) => setF({ ...f, locale: e.target.value as Locale })}>
            <option value="nb">{t("language.nb")}</option>
            <option value="en">{t("language.en")}</option>
            <option value="sv">{t("language.sv")}</option>
          </select>
        </div>
        {result && (
          <p className={`alert ${result.ok ? "alert-success" : "alert-error"}`} role={result.ok ? "status" : "alert"}>
            {result.text}
          </p>
        )}
        <button type="submit" className="button primary">
          {t("team.inviteButton")}
        </button>
      </form>
    </section>
  );
}
