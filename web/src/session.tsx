import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import { ApiError, call, client, setCsrfToken, setUnauthorizedHandler } from "./api/client";
import type { Me } from "./api/types";
import { isLocale, type Locale } from "./i18n";
import { useI18n } from "./locale-context";

/** Who is logged in (undefined while asking the server, null when nobody is). */
export interface SessionValue {
  me: Me | null | undefined;
  login(email: string, password: string): Promise<void>;
  logout(): Promise<void>;
  /** Switches the language, remembers it, and saves it on the user when logged in. */
  changeLocale(locale: Locale): void;
}

const SessionContext = createContext<SessionValue | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const { setLocale } = useI18n();
  // A language picked on the login page (before anyone is logged in) is a choice that wins over
  // the one saved on the user; the page's default is not.
  const pickedBeforeLogin = useRef<Locale | null>(null);
  const [me, setMe] = useState<Me | null | undefined>(undefined);

  const accept = useCallback(
    (m: Me) => {
      setCsrfToken(m.csrfToken);
      setMe(m);
      if (isLocale(m.user.locale)) setLocale(m.user.locale);
    },
    [setLocale],
  );

  useEffect(() => {
    setUnauthorizedHandler(() => {
      setCsrfToken(null);
      setMe(null);
    });
    call(client.GET("/v1/me")).then(accept, () => setMe(null));
    return () => setUnauthorizedHandler(null);
  }, [accept]);

  const login = useCallback(
    async (email: string, password: string) => {
      const res = await call(client.POST("/v1/auth/login", { body: { email, password } }));
      const picked = pickedBeforeLogin.current;
      pickedBeforeLogin.current = null;
      if (picked && res.user.locale !== picked) {
        setCsrfToken(res.csrfToken);
        const saved = await call(client.PATCH("/v1/me", { body: { locale: picked } })).then(
          () => true,
          () => false,
        );
        if (saved) res.user = { ...res.user, locale: picked };
      }
      accept(res);
    },
    [accept],
  );

  const logout = useCallback(async () => {
    try {
      await call(client.POST("/v1/auth/logout"));
    } catch (e) {
      if (!(e instanceof ApiError && e.status === 401)) throw e;
    } finally {
      setCsrfToken(null);
      setMe(null);
    }
  }, []);

  const changeLocale = useCallback(
    (locale: Locale) => {
      setLocale(locale);
      if (!me) pickedBeforeLogin.current = locale;
      if (me) {
        // The portal's own words switch at once; once the server knows, the pages load again so
        // the texts the server writes (status, timeline) follow too. Saving is best effort: the
        // choice is remembered in the browser either way.
        call(client.PATCH("/v1/me", { body: { locale } })).then(
          () => setMe((m) => (m ? { ...m, user: { ...m.user, locale } } : m)),
          () => undefined,
        );
      }
    },
    [me, setLocale],
  );

  const value = useMemo(() => ({ me, login, logout, changeLocale }), [me, login, logout, changeLocale]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionValue {
  const v = useContext(SessionContext);
  if (!v) throw new Error("useSession outside SessionProvider");
  return v;
}

/** The logged-in user, or undefined outside a session (a component shown on its own, in a test). */
export function useMe(): Me | null | undefined {
  return useContext(SessionContext)?.me;
}
