import { expect, test } from "@playwright/test";
import { logIn, screenshot, waitForDemo } from "./support.js";

test.beforeAll(async ({ request }) => {
  await waitForDemo(request);
});

test("the language switch changes the portal, <html lang> and is remembered", async ({ page }, testInfo) => {
  await logIn(page);
  await expect(page.locator("html")).toHaveAttribute("lang", "nb");
  await expect(page.getByText("Forfalt", { exact: true }).first()).toBeVisible();

  await page.getByRole("group", { name: "Språk" }).getByRole("button", { name: "English" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByRole("list", { name: "Totals for all clients" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Clients" })).toBeVisible();
  await expect(page.getByRole("button", { name: "English" })).toHaveAttribute("aria-pressed", "true");
  // Amounts follow the language: "NOK 1,250.00" rather than "1 250,00 kr".
  await expect(page.locator(".card-value").first()).toHaveText(/^NOK\s[\d,]+\.\d{2} \+ SEK\s[\d,]+\.\d{2}$/);
  await screenshot(page, testInfo, "12-dashboard-english");

  // Saved on the user: a new page load, even after clearing the browser's memory, stays English.
  await page.evaluate(() => window.localStorage.clear());
  await page.reload();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByRole("heading", { name: "Clients" })).toBeVisible();

  await page.getByRole("group", { name: "Language" }).getByRole("button", { name: "Norsk" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "nb");
  await expect(page.getByRole("heading", { name: "Klienter" })).toBeVisible();
  await expect(page.locator(".card-value").first()).toHaveText(/^[\d\s]+,\d{2}\skr \+ [\d\s]+,\d{2}\sSEK$/);
  // Wait until the server has the choice too, so later tests start in Norwegian.
  await expect.poll(async () => ((await (await page.request.get("/v1/me")).json()) as { user: { locale: string } }).user.locale).toBe("nb");
});

test("the login page switches language before logging in", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("button", { name: "English" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByRole("heading", { name: "Log in" })).toBeVisible();
  await page.getByLabel("E-mail").fill("demo@fordring.test");
  await page.getByLabel("Password").fill("wrong password");
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page.getByRole("alert")).toHaveText("Wrong e-mail or password.");
  // The language chosen on the login page is kept after logging in (it wins over the saved one).
  await page.getByLabel("Password").fill("demo-fordring");
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page.getByRole("heading", { name: "Clients" })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  // Back to Norwegian for the tests that follow.
  await page.getByRole("group", { name: "Language" }).getByRole("button", { name: "Norsk" }).click();
  await expect.poll(async () => ((await (await page.request.get("/v1/me")).json()) as { user: { locale: string } }).user.locale).toBe("nb");
});
