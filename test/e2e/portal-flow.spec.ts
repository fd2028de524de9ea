import { expect, test } from "@playwright/test";
import { businessDate, logIn, openClientWithDrafts, plusDays, screenshot, waitForDemo } from "./support.js";

/**
 * The flow from issue 7: log in → the firm's dashboard → a client → approve two drafts → the cases
 * appear with case numbers → pause one with an end date → its timeline shows it → open a letter.
 */
test.beforeAll(async ({ request }) => {
  await waitForDemo(request);
});

test("an accountant approves drafts, pauses a new case and opens a letter", async ({ page }, testInfo) => {
  await page.goto("/");
  await expect(page.locator("html")).toHaveAttribute("lang", "nb");
  await screenshot(page, testInfo, "01-login");
  await logIn(page);
  await expect(page.getByRole("heading", { name: "Klienter" })).toBeVisible();
  await screenshot(page, testInfo, "02-firm-dashboard");

  // A client's overdue invoices; blocked ones marked, the reason on hover and in the detail panel
  // (Berg Rør has customers without an address and one marked "do not transfer").
  await page.getByRole("link", { name: "Berg Rør og Varme AS" }).click();
  await expect(page.getByRole("link", { name: "Forfalte fakturaer" })).toHaveAttribute("aria-current", "page");
  await expect(page.getByRole("table", { name: "Forfalte fakturaer med tilstand" })).toBeVisible();
  await page.getByRole("combobox", { name: "Vis" }).selectOption("blocked");
  const blockedRow = page.locator("tr.row-blocked").first();
  await expect(blockedRow).toBeVisible();
  await expect(page.locator("tbody tr:not(.row-blocked)")).toHaveCount(0);
  await expect(blockedRow).toHaveAttribute("title", /\S/);
  await blockedRow.getByRole("button").click();
  await expect(page.getByRole("complementary")).toContainText("Blokkert fordi");
  await screenshot(page, testInfo, "03-client-invoices");

  // The client with drafts.
  await page.getByRole("link", { name: "Demo Regnskap AS" }).first().click();
  const clientPath = await openClientWithDrafts(page);

  // Approve two drafts.
  await page.getByRole("link", { name: "Utkast", exact: true }).click();
  await expect(page).toHaveURL(`${clientPath}/drafts`);
  const boxes = page.getByRole("checkbox", { name: /^Velg faktura/ });
  await expect(boxes.nth(1)).toBeVisible();
  await boxes.nth(0).check();
  await boxes.nth(1).check();
  await screenshot(page, testInfo, "04-drafts");
  await page.getByRole("button", { name: "Godkjenn valgte (2)" }).click();
  const confirm = page.getByRole("dialog", { name: "Godkjenne utkast?" });
  await expect(confirm).toContainText("2 fakturaer blir sendt til inkasso, og det opprettes 2 saker.");
  await confirm.getByRole("button", { name: "Godkjenn 2" }).click();
  await expect(page.getByText("2 utkast godkjent.")).toBeVisible();
  const caseLinks = page.getByRole("list", { name: "Nye saker" }).getByRole("link");
  await expect(caseLinks).toHaveCount(2);
  const caseNumbers = (await caseLinks.allTextContents()).map((t) => t.replace(/^Sak /, ""));
  for (const n of caseNumbers) expect(n).toMatch(/^[A-Z0-9]+-\d+$/);

  // The cases appear in the client's case list with their numbers.
  await page.getByRole("link", { name: "Saker", exact: true }).click();
  for (const n of caseNumbers) await expect(page.getByRole("link", { name: n, exact: true })).toBeVisible();
  await screenshot(page, testInfo, "05-cases");

  // Pause one with an end date.
  await page.getByRole("link", { name: caseNumbers[0]!, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Sak ${caseNumbers[0]}` })).toBeVisible();
  const until = plusDays(await businessDate(page.request), 21);
  await page.getByRole("group", { name: "Handlinger for saken" }).getByRole("button", { name: "Sett på pause" }).click();
  const pause = page.getByRole("dialog");
  await pause.getByLabel("Begrunnelse").fill("Kunden har bedt om en betalingsavtale");
  await pause.getByLabel("Fortsett saken denne dagen (valgfritt)").fill(until);
  const [y, m, d] = until.split("-");
  await expect(pause).toContainText(`Saken står stille og fortsetter av seg selv ${d}.${m}.${y}`);
  await expect(pause.getByText(/^Steg: /)).toBeVisible();
  await screenshot(page, testInfo, "06-pause-dialog");
  await pause.getByRole("button", { name: "Sett på pause" }).click();
  await expect(page.getByRole("dialog")).toHaveCount(0);
  await expect(page.getByTestId("case-hold")).toContainText("På pause");
  await expect(page.getByTestId("case-hold")).toContainText(`${d}.${m}.${y}`);
  const timeline = page.getByTestId("timeline");
  await expect(timeline.locator("li").filter({ hasText: "Satt på pause" }).filter({ hasText: "Kunden har bedt om en betalingsavtale" })).toHaveCount(1);
  await screenshot(page, testInfo, "07-case-paused");

  // Open a letter: this case's, or else the first case in the list that has one.
  let letter = timeline.getByRole("link", { name: /\(PDF\)/ }).first();
  if ((await letter.count()) === 0) {
    await page.getByRole("link", { name: "← Tilbake til sakene" }).click();
    const cases = page.getByRole("rowheader").getByRole("link");
    await expect(cases.first()).toBeVisible();
    const count = Math.min(await cases.count(), 15);
    for (let i = 0; i < count; i++) {
      await page.getByRole("rowheader").getByRole("link").nth(i).click();
      await expect(page.getByTestId("timeline").or(page.getByText("Ingenting har skjedd i saken ennå."))).toBeVisible();
      letter = page.getByTestId("timeline").getByRole("link", { name: /\(PDF\)/ }).first();
      if (await letter.count()) break;
      await page.goBack();
    }
  }
  await expect(letter).toBeVisible();
  await screenshot(page, testInfo, "08-case-with-letter");
  const href = (await letter.getAttribute("href"))!;
  expect(href).toMatch(/^\/v1\/letters\/[^/]+\/pdf$/);
  await expect(letter).toHaveAttribute("target", "_blank");
  // A new tab asks for the PDF (headless Chromium may save it rather than show it).
  const [popup] = await Promise.all([
    page.context().waitForEvent("page"),
    page.context().waitForEvent("request", (r) => new URL(r.url()).pathname === href),
    letter.click(),
  ]);
  const pdf = await page.request.get(href);
  expect(pdf.status()).toBe(200);
  expect(pdf.headers()["content-type"]).toContain("application/pdf");
  expect((await pdf.body()).subarray(0, 5).toString("latin1")).toBe("%PDF-");
  await popup.close();
});

test("the other client pages show settlements, charts and settings", async ({ page }, testInfo) => {
  await logIn(page);
  const clientPath = await openClientWithDrafts(page);
  await page.goto(`${clientPath}/settlements`);
  await expect(page.getByRole("link", { name: "Oppgjør" })).toHaveAttribute("aria-current", "page");
  // The demo settles every client monthly: the list has remittance PDFs and voucher lines.
  const pdfLink = page.getByRole("link", { name: /Åpne PDF/ }).first();
  await expect(pdfLink).toBeVisible();
  await expect(pdfLink).toHaveAttribute("href", /^\/v1\/settlements\/[^/]+\/pdf$/);
  await page.getByRole("button", { name: /^Vis bilag for/ }).first().click();
  await expect(page.getByRole("complementary")).toContainText("Bilagslinjer");
  await screenshot(page, testInfo, "09-settlements");

  await page.getByRole("link", { name: "Grafer" }).click();
  await expect(page.getByRole("figure", { name: "Forfalt beløp etter alder" })).toBeVisible();
  await expect(page.getByRole("figure", { name: "Innkrevd per måned" })).toBeVisible();
  await screenshot(page, testInfo, "10-charts");

  await page.getByRole("link", { name: "Innstillinger" }).click();
  await expect(page.getByRole("group", { name: "Inkassoprofil" })).toBeVisible();
  await expect(page.getByLabel("Frist i inkassovarselet (dager)")).toHaveValue(/^\d+$/);
  await screenshot(page, testInfo, "11-settings");
});

test("the agency's operator sees every creditor and the manual-match queue", async ({ page }) => {
  await page.goto("/");
  await page.getByLabel("E-post").fill("operator@fordring.test");
  await page.getByLabel("Passord").fill("demo-fordring");
  await page.getByRole("button", { name: "Logg inn" }).click();
  // The operator's saved language is English.
  await expect(page.getByRole("heading", { name: "Clients" })).toBeVisible();
  await expect(page.getByText("Unmatched payments")).toBeVisible();
  for (const name of ["Berg Rør og Varme AS", "Fjord Rådgivning AS", "Nordlys Nettbutikk AS"]) await expect(page.getByRole("link", { name })).toBeVisible();
});
