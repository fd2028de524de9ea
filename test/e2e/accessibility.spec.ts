import { expect, test, type Page } from "@playwright/test";
import { logIn, openClientWithDrafts, waitForDemo } from "./support.js";

test.beforeAll(async ({ request }) => {
  await waitForDemo(request);
});

/** Every form control and button on the page has a name a screen reader reads out. */
async function expectNamedControls(page: Page): Promise<number> {
  const controls = await page.locator("input:not([type=hidden]), select, textarea, button, a[href]").all();
  for (const c of controls) {
    if (!(await c.isVisible())) continue;
    await expect(c, await c.evaluate((e) => e.outerHTML.slice(0, 160))).toHaveAccessibleName(/\S/);
  }
  return controls.length;
}

/** Presses Tab until `target` has focus; fails after `max` presses. Checks the focus is visible. */
async function tabTo(page: Page, name: RegExp | string, max = 60): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press("Tab");
    const focused = page.locator(":focus");
    const label = (await focused.getAttribute("aria-label")) ?? (await focused.innerText().catch(() => ""));
    if (typeof name === "string" ? label.trim() === name : name.test(label.trim())) {
      const outline = await focused.evaluate((e) => getComputedStyle(e).outlineStyle);
      expect(outline, `focus on ${label} is visible`).not.toBe("none");
      return;
    }
  }
  throw new Error(`Tab never reached ${String(name)}`);
}

test("the login page is labelled and works from the keyboard", async ({ page }) => {
  await page.goto("/");
  // The portal renders after it has asked whether a session exists.
  await expect(page.getByLabel("E-post")).toBeVisible();
  expect(await expectNamedControls(page)).toBeGreaterThan(2);
  await page.getByLabel("E-post").focus();
  await page.keyboard.type("demo@fordring.test");
  await page.keyboard.press("Tab");
  await page.keyboard.type("demo-fordring");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/firms\//);
});

test("the main pages have named controls, and Tab reaches their main actions", async ({ page }) => {
  await logIn(page);
  await expectNamedControls(page);
  // The first Tab stop is the skip link, which moves focus to the page's content.
  await page.keyboard.press("Tab");
  await expect(page.locator(":focus")).toHaveText("Hopp til innholdet");

  const clientPath = await openClientWithDrafts(page);
  await expectNamedControls(page);
  await page.goto(`${clientPath}/drafts`);
  await expect(page.getByRole("checkbox", { name: /^Velg faktura/ }).first()).toBeVisible();
  await expectNamedControls(page);
  await tabTo(page, "Velg alle utkast");
  await tabTo(page, /^Velg faktura/, 3);
  await page.keyboard.press("Space");
  await expect(page.getByRole("button", { name: "Godkjenn valgte (1)" })).toBeEnabled();

  // The confirmation opens from the keyboard, holds the focus, and Escape closes it.
  await page.getByRole("button", { name: "Godkjenn alle" }).focus();
  await page.keyboard.press("Enter");
  const dialog = page.getByRole("dialog");
  await expect(dialog).toBeVisible();
  await expect(dialog.locator(":focus")).toHaveCount(1);
  for (let i = 0; i < 5; i++) {
    await page.keyboard.press("Tab");
    await expect(dialog.locator(":focus")).toHaveCount(1);
  }
  await page.keyboard.press("Escape");
  await expect(dialog).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Godkjenn alle" })).toBeFocused();

  await page.getByRole("link", { name: "Saker", exact: true }).click();
  const firstCase = page.getByRole("rowheader").getByRole("link").first();
  await expect(firstCase).toBeVisible();
  await firstCase.click();
  await expect(page.getByRole("group", { name: "Handlinger for saken" })).toBeVisible();
  await expectNamedControls(page);
  await tabTo(page, /^(Sett på pause|Gjenoppta|Innsigelse avklart|Skriv melding)$/);

  for (const tab of ["Innstillinger", "Hva om?"]) {
    await page.goto(`${clientPath}`);
    await page.getByRole("link", { name: tab }).click();
    await expect(page.getByRole("link", { name: tab })).toHaveAttribute("aria-current", "page");
    expect(await expectNamedControls(page)).toBeGreaterThan(5);
  }
});
