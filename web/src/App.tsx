import { useEffect, useRef } from "react";
import type { Me } from "./api/types";
import { LanguageSwitch } from "./components/LanguageSwitch";
import { NotificationBell } from "./components/notification-bell";
import { Loading } from "./components/Status";
import { useI18n } from "./locale-context";
import { CasePage } from "./pages/CasePage";
import { AgencyDashboardPage, FirmDashboardPage } from "./pages/FirmDashboardPage";
import { CreditorPage } from "./pages/CreditorPage";
import { LoginPage } from "./pages/LoginPage";
import { canMatchPayments, MATCH_QUEUE_PATH, MatchQueuePage } from "./pages/MatchQueuePage";
import { NotFoundPage } from "./pages/NotFoundPage";
import { Link, matchPath, navigate, useLocation } from "./router";
import { SEARCH_PATH, SearchBox, SearchPage } from "./pages/SearchPage";
import { useSession } from "./session";
import { AccountPage, isAccountPath } from "./account/AccountPages";
import { TEAM_PATH, TeamPage } from "./account/TeamPage";
import { REPORTS_PATH, ReportsLink, ReportsPage } from "./reports/ReportsPage";
import { ClientOnboardingPage, NEW_CLIENT_PATH, NewClientPage, ONBOARDING_PATH } from "./onboarding/OnboardingPages";
import { WorkQueuePage, workQueuePath } from "./pages/WorkQueuePage";
import { DebtorPage } from "./pages/DebtorPage";

/** Where a user lands: their firm's dashboard, else their creditor, else the list of creditors. */
export function homePath(me: Me): string {
  const firm = me.memberships.find((m) => m.firmId && !m.creditorId);
  if (firm?.firmId) return `/firms/${firm.firmId}`;
  const creditor = me.memberships.find((m) => m.creditorId);
  if (creditor?.creditorId) return `/creditors/${creditor.creditorId}`;
  return "/creditors";
}

export function App() {
  const { me } = useSession();
  const { path, search } = useLocation();

  useEffect(() => {
    if (me && (path === "/" || path === "/login")) navigate(homePath(me), { replace: true });
  }, [me, path]);

  if (me === undefined) {
    return (
      <div className="center-screen">
        <Loading />
      </div>
    );
  }
  if (isAccountPath(path)) return <AccountPage path={path} search={search} />;
  if (me === null) return <LoginPage />;
  return <Shell me={me} path={path} />;
}

function Shell({ me, path }: { me: Me; path: string }) {
  const { t } = useI18n();
  const { logout, changeLocale } = useSession();
  const mainRef = useRef<HTMLElement>(null);
  const previous = useRef(path);

  // After a navigation, focus moves to the page so a keyboard or screen-reader user starts there
  // (not on the first page after loading or logging in: there the skip link comes first).
  useEffect(() => {
    const from = previous.current;
    previous.current = path;
    if (from !== path && from !== "/" && from !== "/login") mainRef.current?.focus();
  }, [path]);

  const firms = me.memberships.filter((m) => m.firmId && !m.creditorId);
  const home = homePath(me);

  return (
    <>
      <a href="#main" className="skip-link">
        {t("nav.skipToContent")}
      </a>
      <header className="topbar">
        <Link to={home} className="brand">
          Fordring
        </Link>
        <nav aria-label={t("nav.main")}>
          <ul>
            {firms.map((f) => (
              <li key={f.firmId}>
                <Link to={`/firms/${f.firmId}`} aria-current={path === `/firms/${f.firmId}` ? "page" : undefined}>
                  {f.firmName ?? t("nav.dashboard")}
                </Link>
              </li>
            ))}
            {firms.map((f) => (
              <li key={`queue-${f.firmId}`}>
                <Link to={workQueuePath(f.firmId!)} aria-current={path === workQueuePath(f.firmId!) ? "page" : undefined}>
                  {t("nav.workQueue")}
                </Link>
              </li>
            ))}
            {firms.length === 0 && (
              <li>
                <Link to={home} aria-current={path === home ? "page" : undefined}>
                  {t("nav.dashboard")}
                </Link>
              </li>
            )}
            <ReportsLink me={me} path={path} />
            {canMatchPayments(me) && (
              <li>
                <Link to={MATCH_QUEUE_PATH} aria-current={path === MATCH_QUEUE_PATH ? "page" : undefined}>
                  {t("nav.matchQueue")}
                </Link>
              </li>
            )}
          </ul>
        </nav>
        <SearchBox />
        <div className="topbar-right">
          <NotificationBell />
          <LanguageSwitch onChange={changeLocale} />
          <span className="user-name" title={me.user.email}>
            {me.user.name}
          </span>
          <button type="button" className="button small" onClick={() => void logout().then(() => navigate("/login"))}>
            {t("nav.logout")}
          </button>
        </div>
      </header>
      <main id="main" ref={mainRef} tabIndex={-1}>
        {/* Keyed on the language the server writes in, so its texts reload after a switch. */}
        <Routes key={me.user.locale ?? ""} path={path} />
      </main>
    </>
  );
}

function Routes({ path }: { path: string }) {
  let m: Record<string, string> | null;
  if (path === "/" || path === "/login") return <Loading />;
  if ((m = matchPath("/firms/:firmId/queue", path))) return <WorkQueuePage key={m.firmId} firmId={m.firmId!} />;
  if ((m = matchPath("/debtors/:debtorId", path))) return <DebtorPage key={m.debtorId} debtorId={m.debtorId!} />;
  if ((m = matchPath("/firms/:firmId", path))) return <FirmDashboardPage key={m.firmId} firmId={m.firmId!} />;
  if (matchPath("/creditors", path)) return <AgencyDashboardPage />;
  if ((m = matchPath("/creditors/:creditorId/:tab?", path))) return <CreditorPage key={m.creditorId} creditorId={m.creditorId!} tab={m.tab ?? "invoices"} />;
  if ((m = matchPath("/cases/:caseId", path))) return <CasePage key={m.caseId} caseId={m.caseId!} />;
  if (matchPath(MATCH_QUEUE_PATH, path)) return <MatchQueuePage />;
  if (matchPath(SEARCH_PATH, path)) return <SearchPage />;
  if ((m = matchPath(TEAM_PATH, path))) return <TeamPage key={m.firmId} firmId={m.firmId!} />;
  if (matchPath(REPORTS_PATH, path)) return <ReportsPage />;
  if ((m = matchPath(NEW_CLIENT_PATH, path))) return <NewClientPage key={m.firmId} firmId={m.firmId!} />;
  if ((m = matchPath(ONBOARDING_PATH, path))) return <ClientOnboardingPage key={m.creditorId} creditorId={m.creditorId!} />;
  return <NotFoundPage />;
}
