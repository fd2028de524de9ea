import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import { isLocale, translate, type Locale, type MessageKey, type Params } from "./i18n";

/**
 * The chosen language: remembered in the browser, applied to <html lang>, and (when logged in)
 * saved on the user with `PATCH /v1/me` by the caller of `setLocale`.
 */

const STORAGE_KEY = "fordring.locale";

export interface LocaleValue {
  locale: Locale;
  setLocale(locale: Locale): void;
  t(key: MessageKey, params?: Params): string;
}

const LocaleContext = createContext<LocaleValue | null>(null);

export function storedLocale(): Locale {
  try {
    const v = window.localStorage.getItem(STORAGE_KEY);
    return isLocale(v) ? v : "nb";
  } catch {
    return "nb";
  }
}

export function LocaleProvider({ initial, children }: { initial?: Locale; children: ReactNode }) {
  const [locale, setState] = useState<Locale>(() => initial ?? storedLocale());
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);
  const setLocale = useCallback((next: Locale) => {
    setState(next);
    try {
      window.localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // Storage may be disabled; the choice then lasts for this page only.
    }
  }, []);
  const value = useMemo<LocaleValue>(
    () => ({ locale, setLocale, t: (key, params) => translate(locale, key, params) }),
    [locale, setLocale],
  );
  return <LocaleContext.Provider value={value}>{children}</LocaleContext.Provider>;
}

export function useI18n(): LocaleValue {
  const v = useContext(LocaleContext);
  if (!v) throw new Error("useI18n outside LocaleProvider");
  return v;
}
