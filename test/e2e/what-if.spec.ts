import { expect, test } from "@playwright/test";
import { logIn, openClientWithDrafts, screenshot, waitForDemo } from "./support.js";

test.beforeAll(async ({ request }) => {
  await waitForDemo(request);
});

test("what-if runs changed settings forward and compares them with the current ones", async ({ page }, testInfo) => {
  await logIn(page);
  await openClientWithDrafts(page);
  await page.getByRole("link", { name: "Hva om?" }).click();
  await page.getByLabel("Første brev").selectOption("reminder");
  await page.getByLabel("Antall dager fremover").fill("60");
  await page.getByRole("button", { name: "Beregn" }).click();

  const result = page.getByRole("region", { name: /^Resultat \d{2}\.\d{2}\.\d{4} – \d{2}\.\d{2}\.\d{4}$/ });
  await expect(result).toBeVisible();
  const cases = result.getByRole("row").filter({ has: page.getByRole("rowheader", { name: "Saker i perioden" }) });
  await expect(cases.getByRole("cell")).toHaveCount(3);
  await expect(cases.getByRole("cell").nth(0)).toHaveText(/^\d[\d\s]*$/);
  await expect(result.getByRole("rowheader", { name: "Purringer" })).toBeVisible();
  await expect(result.getByRole("figure", { name: /Brev per uke/ })).toBeVisible();
  await expect(page.getByRole("button", { name: "Lagre disse innstillingene" })).toBeVisible();
  await screenshot(page, testInfo, "13-what-if");
});
