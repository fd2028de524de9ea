import { fireEvent, render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { LanguageSwitch } from "./components/LanguageSwitch";
import { LocaleProvider, useI18n } from "./locale-context";

function Harness() {
  const { t, setLocale } = useI18n();
  return (
    <>
      <LanguageSwitch onChange={setLocale} />
      <p>{t("login.title")}</p>
    </>
  );
}

describe("the language", () => {
  it("is Norwegian by default, switches to English, sets <html lang> and is remembered", () => {
    const first = render(
      <LocaleProvider>
        <Harness />
      </LocaleProvider>,
    );
    expect(document.documentElement.lang).toBe("nb");
    expect(screen.getByText("Logg inn")).toBeTruthy();
    expect(screen.getByRole("button", { name: "Norsk" }).getAttribute("aria-pressed")).toBe("true");

    fireEvent.click(screen.getByRole("button", { name: "English" }));
    expect(screen.getByText("Log in")).toBeTruthy();
    expect(document.documentElement.lang).toBe("en");
    expect(screen.getByRole("group", { name: "Language" })).toBeTruthy();
    first.unmount();

    // A new page load starts in the remembered language.
    render(
      <LocaleProvider>
        <Harness />
      </LocaleProvider>,
    );
    expect(screen.getByText("Log in")).toBeTruthy();
    expect(document.documentElement.lang).toBe("en");
  });
});
