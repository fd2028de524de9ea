import { expect, test, type APIRequestContext } from "@playwright/test";
import { screenshot, waitForDemo } from "./support.js";

/** The demo's agency login (docs/DEMO.md); its saved language is English. */
const OPERATOR_EMAIL = "operator@fordring.test";
const OPERATOR_PASSWORD = "demo-fordring";

test.beforeAll(async ({ request }) => {
  await waitForDemo(request);
});

interface CaseListItem {
  caseId: string;
  caseNumber: string;
}

/** A case by its number, open or closed (the API lists cases by state, not by number). */
async function findCase(request: APIRequestContext, caseNumber: string): Promise<string> {
  for (const state of ["open", "closed"]) {
    let cursor: string | null = null;
    do {
      const res = await request.get(`/v1/cases?state=${state}&limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`);
      expect(res.ok()).toBe(true);
      const page = (await res.json()) as { items: CaseListItem[]; nextCursor: string | null };
      const hit = page.items.find((c) => c.caseNumber === caseNumber);
      if (hit) return hit.caseId;
      cursor = page.nextCursor;
    } while (cursor);
  }
  throw new Error(`no case ${caseNumber}`);
}

test("the agency's operator opens the manual-match queue from the overview and matches a payment to a suggested case", async ({ page }, testInfo) => {
  await page.goto("/");
  await page.getByLabel("E-post").fill(OPERATOR_EMAIL);
  await page.getByLabel("Passord").fill(OPERATOR_PASSWORD);
  await page.getByRole("button", { name: "Logg inn" }).click();
  await expect(page.getByRole("heading", { name: "Clients" })).toBeVisible();

  // The overview's count of unmatched payments opens the queue (the demo's last bank files each
  // bring one payment whose KID fails its check digit).
  const countLink = page.getByRole("link", { name: /^\d+ unmatched payments? – open the queue$/ });
  const before = Number(await countLink.textContent());
  expect(before).toBeGreaterThan(0);
  await countLink.click();
  await expect(page).toHaveURL(/\/payments\/unmatched$/);
  await expect(page.getByRole("heading", { level: 1, name: "Manual matching of payments" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Main menu" }).getByRole("link", { name: "Manual matching" })).toHaveAttribute("aria-current", "page");

  const table = page.getByRole("table", { name: "Payments waiting to be matched by hand" });
  const rows = table.getByRole("row").filter({ has: page.getByRole("rowheader") });
  await expect(rows).toHaveCount(before);
  const row = rows.first();
  await expect(row.getByRole("rowheader")).toHaveText(/^\d{2}\/\d{2}\/\d{4}$/);
  await expect(row.getByRole("cell").nth(0)).toHaveText(/^NOK\s[\d,]+\.\d{2}$/);
  await expect(row.getByRole("cell").nth(3)).toContainText("fails its check digit");
  await screenshot(page, testInfo, "14-match-queue");

  const suggestion = row.getByRole("button", { name: /^Match NOK\s[\d,]+\.\d{2} of \d{2}\/\d{2}\/\d{4} to case \S+$/ }).first();
  const label = (await suggestion.getAttribute("aria-label"))!;
  const [, amountText, dd, mm, yyyy, caseNumber] = /^Match NOK\s([\d,]+\.\d{2}) of (\d{2})\/(\d{2})\/(\d{4}) to case (\S+)$/.exec(label)!;
  // The suggestion says why in the portal's words (the demo's case is suggested by its balance) and links to its case.
  await expect(row.getByRole("listitem").first()).toContainText("The open balance equals the amount, NOK");
  const caseLink = await row.getByRole("link", { name: `View case ${caseNumber}` }).getAttribute("href");
  await suggestion.click();

  const dialog = page.getByRole("dialog", { name: "Match the payment to a case" });
  await expect(dialog.getByLabel("Case number")).toHaveValue(caseNumber!);
  await dialog.getByRole("button", { name: "Record on the case" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole("status").filter({ hasText: "recorded on case" })).toContainText(`is recorded on case ${caseNumber}.`);
  await expect(rows).toHaveCount(before - 1);
  await screenshot(page, testInfo, "15-match-queue-matched");

  // The server agrees: the payment has left the queue and is on the case, dated as booked.
  await page.reload();
  await expect(page.getByRole("heading", { level: 1, name: "Manual matching of payments" })).toBeVisible();
  if (before > 1) await expect(rows).toHaveCount(before - 1);
  else await expect(page.getByText("No payments are waiting to be matched.")).toBeVisible();
  const caseId = await findCase(page.request, caseNumber!);
  expect(caseLink).toBe(`/cases/${caseId}`);
  const detail = (await (await page.request.get(`/v1/cases/${caseId}`)).json()) as { payments: { receivedOn: string; amount: string }[] };
  expect(detail.payments).toContainEqual(expect.objectContaining({ receivedOn: `${yyyy}-${mm}-${dd}`, amount: amountText!.replace(/,/g, "") }));

  await page.getByRole("navigation", { name: "Main menu" }).getByRole("link", { name: "Overview" }).click();
  await expect(page.getByRole("link", { name: new RegExp(`^${before - 1} unmatched payments? – open the queue$`) })).toBeVisible();
});
