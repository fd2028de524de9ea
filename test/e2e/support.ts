import { mkdirSync } from "node:fs";
import path from "node:path";
import { expect, type APIRequestContext, type Page, type TestInfo } from "@playwright/test";

/** The demo's accounting-firm login (src/demo/demo-profiles.ts), printed by `npm start`. */
export const DEMO_EMAIL = "demo@fordring.test";
export const DEMO_PASSWORD = "demo-fordring";

/**
 * Waits until the demo can be logged into: the server may answer /health before the demo's
 * seeding has finished.
 */
export async function waitForDemo(request: APIRequestContext): Promise<void> {
  const deadline = Date.now() + 8 * 60_000;
  let last = "";
  while (Date.now() < deadline) {
    const res = await request.post("/v1/auth/login", { data: { email: DEMO_EMAIL, password: DEMO_PASSWORD } }).catch((e: unknown) => {
      last = String(e);
      return null;
    });
    if (res?.ok()) {
      await request.post("/v1/auth/logout", { headers: { "x-csrf-token": ((await res.json()) as { csrfToken: string }).csrfToken } }).catch(() => undefined);
      return;
    }
    if (res) last = `${res.status()} ${await res.text()}`;
    await new Promise((r) => setTimeout(r, 2_000));
  }
  throw new Error(`the demo login never worked: ${last}`);
}

/** Logs in through the login page, in Norwegian, and lands on the firm dashboard. */
export async function logIn(page: Page): Promise<void> {
  await page.goto("/");
  await expect(page.getByRole("heading", { name: "Logg inn" })).toBeVisible();
  await page.getByLabel("E-post").fill(DEMO_EMAIL);
  await page.getByLabel("Passord").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Logg inn" }).click();
  await expect(page).toHaveURL(/\/firms\/[^/]+$/);
  await expect(page.getByRole("list", { name: "Totalt for alle klienter" })).toBeVisible();
}

/**
 * A full-page screenshot under test-results/screenshots/ (stable names, for the README) and
 * attached to the test's report.
 */
export async function screenshot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const dir = path.join(testInfo.project.outputDir, "screenshots");
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  await testInfo.attach(name, { path: file, contentType: "image/png" });
}

/** The business date the server runs on (the demo's simulated today). */
export async function businessDate(request: APIRequestContext): Promise<string> {
  const res = await request.get("/health");
  return ((await res.json()) as { businessDate: string }).businessDate;
}

export function plusDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Opens the client that has drafts waiting (the dashboard links their count to the draft list). */
export async function openClientWithDrafts(page: Page): Promise<string> {
  const draftLink = page.locator('a[href$="/drafts"]').first();
  await expect(draftLink).toBeVisible();
  const href = (await draftLink.getAttribute("href"))!;
  // The first client row with drafts (several clients may have some).
  const row = page.getByRole("row").filter({ has: page.locator('a[href$="/drafts"]') }).first();
  await row.getByRole("rowheader").getByRole("link").click();
  await expect(page).toHaveURL(/\/creditors\/[^/]+$/);
  return href.replace(/\/drafts$/, "");
}
