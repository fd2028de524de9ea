import { render, type RenderResult } from "@testing-library/react";
import type { ReactElement } from "react";
import type { Locale } from "./i18n";
import { LocaleProvider } from "./locale-context";

/** Renders a component as the portal does, inside the language provider. */
export function renderIn(locale: Locale, ui: ReactElement): RenderResult {
  return render(<LocaleProvider initial={locale}>{ui}</LocaleProvider>);
}
