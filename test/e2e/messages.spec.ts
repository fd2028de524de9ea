import { expect, test, type Page } from "@playwright/test";
import { DEMO_EMAIL, DEMO_PASSWORD, logIn, screenshot, waitForDemo } from "./support.js";

/**
 * Messages both ways on a case, and the notification bell (issue 20, items 4 and 7): the firm's
 * user (Norwegian) writes to the case handler with an invoice copy; the agency's operator
 * (English) sees the bell's count, opens the notification, reads the message, downloads the
 * attachment and answers; the firm's user is notified and reads the answer.
 */
test.beforeAll(async ({ request }) => {
  await waitForDemo(request);
});

const PDF = Buffer.from("%PDF-1.4\n1 0 obj<< /Type /Catalog >>endobj\ntrailer<< /Root 1 0 R >>\n%%EOF\n", "latin1");

async function logInAs(page: Page, email: string, password: string): Promise<void> {
  await page.goto("/");
  await page.getByLabel(/^(E-post|E-mail|E-post)$/).fill(email);
  await page.getByLabel(/^(Passord|Password|Lösenord)$/).fill(password);
  await page.getByRole("button", { name: /^(Logg inn|Log in|Logga in)$/ }).click();
  await expect(page.getByRole("button", { name: /^(Logg ut|Log out|Logga ut)$/ })).toBeVisible();
}

async function logOut(page: Page): Promise<void> {
  await page.getByRole("button", { name: /^(Logg ut|Log out|Logga ut)$/ }).click();
  await expect(page.getByRole("button", { name: /^(Logg inn|Log in|Logga in)$/ })).toBeVisible();
}

test("a message with an invoice copy goes to the case handler, who is notified and answers; the firm is notified", async ({ page }, testInfo) => {
  await logIn(page);
  const cases = (await (await page.request.get("/v1/cases?state=open&limit=1")).json()) as { items: { caseId: string; caseNumber: string }[] };
  const { caseId, caseNumber } = cases.items[0]!;
  await page.goto(`/cases/${caseId}`);
  const panel = page.getByRole("region", { name: "Meldinger" });
  await expect(panel.getByText("Ingen meldinger på saken ennå.")).toBeVisible();

  // A file that is not a PDF by its bytes is refused before it is sent, in the page's language.
  await panel.getByLabel("Ny melding").fill("Kunden sier fakturaen er betalt. Kopi av fakturaen er vedlagt.");
  await panel.locator("#message-files").setInputFiles({ name: "kontrakt.pdf", mimeType: "application/pdf", buffer: Buffer.from("MZ this is not a PDF") });
  await panel.getByRole("button", { name: "Send melding" }).click();
  await expect(panel.getByRole("alert")).toHaveText("«kontrakt.pdf» er ikke en PDF-, PNG- eller JPEG-fil.");

  await panel.locator("#message-files").setInputFiles({ name: "faktura-1001.pdf", mimeType: "application/pdf", buffer: PDF });
  await panel.getByRole("button", { name: "Send melding" }).click();
  await expect(panel.getByRole("status")).toHaveText("Meldingen er sendt.");
  const sent = panel.getByTestId("case-message");
  await expect(sent).toHaveCount(1);
  await expect(sent.first()).toContainText("Kari Regnskap · Klient");
  await expect(sent.first()).toContainText("Kunden sier fakturaen er betalt.");
  await expect(sent.first().getByRole("link", { name: "faktura-1001.pdf" })).toBeVisible();
  await logOut(page);

  // The agency's operator (English): the bell counts the message, and leads to the case.
  await logInAs(page, "operator@fordring.test", "demo-fordring");
  const bell = page.getByRole("button", { name: /^Notifications, [1-9]\d* unread$/ });
  await expect(bell).toBeVisible();
  const before = Number((await page.getByTestId("notification-count").textContent()) ?? "0");
  await bell.click();
  const notes = page.getByRole("region", { name: "Notifications" });
  await notes.getByRole("link", { name: /New message from Kari Regnskap/ }).first().click();
  await expect(page).toHaveURL(new RegExp(`/cases/${caseId}$`));
  await expect(page.getByRole("heading", { name: `Case ${caseNumber}` })).toBeVisible();
  await expect(page.getByRole("button", { name: `Notifications, ${before - 1} unread` })).toBeVisible();
  const messages = page.getByRole("region", { name: "Messages" });
  await expect(messages.getByTestId("case-message").first()).toContainText("Kari Regnskap · Client");
  const href = await messages.getByRole("link", { name: "faktura-1001.pdf" }).getAttribute("href");
  const download = await page.request.get(href!);
  expect(download.headers()["content-type"]).toBe("application/pdf");
  expect((await download.body()).equals(PDF)).toBe(true);

  await messages.getByLabel("New message").fill("Thank you, we are checking the payment with the bank.");
  await messages.getByRole("button", { name: "Send message" }).click();
  await expect(messages.getByRole("status")).toHaveText("The message was sent.");
  await expect(messages.getByTestId("case-message")).toHaveCount(2);
  await screenshot(page, testInfo, "30-case-messages-english");
  await logOut(page);

  // The firm's user is notified of the answer, and the work queue lists the case with it.
  await logInAs(page, DEMO_EMAIL, DEMO_PASSWORD);
  await page.getByRole("navigation").getByRole("link", { name: "Arbeidskø" }).click();
  const unreadCases = page.getByTestId("queue-messages");
  await expect(unreadCases.getByRole("row", { name: new RegExp(caseNumber) })).toContainText("Per Operatør: Thank you, we are checking the payment with the bank.");
  await page.getByRole("button", { name: /^Varsler, [1-9]\d* uleste$/ }).click();
  const varsler = page.getByRole("region", { name: "Varsler" });
  await expect(varsler.getByRole("link", { name: /Ny melding fra Per Operatør/ }).first()).toBeVisible();
  await screenshot(page, testInfo, "31-notifications");
  await varsler.getByRole("button", { name: "Merk alle som lest" }).click();
  await expect(page.getByRole("button", { name: "Varsler, 0 uleste" })).toBeVisible();
  // Read, the case leaves the queue's list of unread messages (the open queue page reloaded: it does not refetch by itself).
  await page.reload();
  await expect(page.getByRole("heading", { name: /^Uleste meldinger fra byrået \(0\)$/ })).toBeVisible();
  await page.getByRole("button", { name: "Varsler, 0 uleste" }).click();
  await varsler.getByRole("link", { name: /Ny melding fra Per Operatør/ }).first().click();
  await expect(page).toHaveURL(new RegExp(`/cases/${caseId}$`));
  await expect(page.getByRole("region", { name: "Meldinger" }).getByTestId("case-message").nth(1)).toContainText("Per Operatør · Saksbehandler");
});
