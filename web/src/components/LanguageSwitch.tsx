import { LOCALES, LOCALE_NAMES, type Locale } from "../i18n";
import { useI18n } from "../locale-context";

/** Two buttons, each named in its own language, so a reader finds theirs. */
export function LanguageSwitch({ onChange }: { onChange(locale: Locale): void }) {
  const { t, locale } = useI18n();
  return (
    <div className="language-switch" role="group" aria-label={t("language.label")}>
      {LOCALES.map((l) => (
        <button key={l} type="button" lang={l} aria-pressed={locale === l} className={locale === l ? "active" : undefined} onClick={() => onChange(l)}>
          {LOCALE_NAMES[l]}
        </button>
      ))}
    </div>
  );
}
