/**
 * Takes the README's screenshots (docs/screenshots/*.png) from a running demo, as the demo's firm
 * user: start a fresh demo (`node bin/fordring.js serve` with an empty FORDRING_DATA_DIR), wait for
 * it to finish its days, then
 *
 *   node bin/run-ts.js scripts/readme-screenshots.ts http://127.0.0.1:3000
 *
 * Uses Debian's Chromium (/usr/bin/chromium, or CHROMIUM_PATH). The user's language is set to
 * Swedish for one picture and back to Norwegian at the end.
 */
import path from "node:path";
import { chromium, type Page } from "@playwright/test";

const base = process.argv[2] ?? "http://127.0.0.1:3000";
const out = path.resolve("docs/screenshots");

async function settled(page: Page): Promise<void> {
  await page.locator("main").waitFor();
  await page.waitForLoadState("networkidle");
  await page.getByText(/^(Laster|Loading|Laddar) …$/).waitFor({ state: "detached" }).catch(() => undefined);
}

/** The whole page, or (`fullPage` false) the first screen of a long list. */
async function shoot(page: Page, address: string, name: string, fullPage = true): Promise<void> {
  await page.goto(address);
  await settled(page);
  await page.screenshot({ path: path.join(out, `${name}.png`), fullPage });
  console.log(`${name}.png  ${address}`);
}

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"] });
try {
  const context = await browser.newContext({ baseURL: base, viewport: { width: 1366, height: 900 }, locale: "nb-NO", timezoneId: "Europe/Oslo" });
  const page = await context.newPage();
  await page.goto("/login");
  await page.getByLabel("E-post").fill("demo@fordring.test");
  await page.getByLabel("Passord").fill("demo-fordring");
  await page.getByRole("button", { name: "Logg inn" }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/login"));
  const get = async <T>(url: string): Promise<T> => (await (await page.request.get(url)).json()) as T;
  const me = await get<{ memberships: { firmId: string | null }[] }>("/v1/me");
  const firm = me.memberships.find((m) => m.firmId)!.firmId!;
  const dash = await get<{ clients: { creditorId: string; openCases: number }[] }>(`/v1/firms/${firm}/dashboard`);
  const creditor = dash.clients.find((c) => c.openCases > 0)!.creditorId;
  const open = await get<{ items: { caseId: string }[] }>(`/v1/creditors/${creditor}/cases?state=open&limit=1`);
  const caseAddress = `/cases/${open.items[0]!.caseId}`;

  await shoot(page, `/firms/${firm}`, "dashboard");
  await shoot(page, caseAddress, "case");
  await shoot(page, `/creditors/${creditor}/drafts`, "drafts");
  await shoot(page, `/creditors/${creditor}/what-if`, "what-if");
  await shoot(page, `/firms/${firm}/queue`, "work-queue", false);
  await shoot(page, "/reports", "reports", false);

  const language = async (name: string, lang: string) => {
    await page.locator(".language-switch").getByRole("button", { name, exact: true }).click();
    await page.waitForFunction((l) => document.documentElement.lang === l, lang);
    await page.waitForLoadState("networkidle");
  };
  await page.goto(caseAddress);
  await settled(page);
  await language("Svenska", "sv");
  await shoot(page, caseAddress, "case-swedish");
  await language("Norsk", "nb");

  await page.setViewportSize({ width: 390, height: 844 });
  await shoot(page, caseAddress, "case-phone");
  await context.close();
} finally {
  await browser.close();
}
