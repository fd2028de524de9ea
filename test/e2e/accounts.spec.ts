import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { logIn, screenshot, waitForDemo } from "./support.js";

/**
 * People and reports in the portal, in the browser against the demo (whose e-mail goes to an SMTP
 * server of its own that saves each message under FORDRING_DATA_DIR/demo-mail): a firm admin
 * invites a colleague, who sets a password from the e-mailed link, forgets it and resets it, and is
 * deactivated; a firm registers and finishes from the link ("check your e-mail" first); the
 * reports page shows its charts.
 */
test.beforeAll(async ({ request }) => {
  await waitForDemo(request);
});

const mailDir = () => path.join(process.env.FORDRING_E2E_DATA_DIR ?? "", "demo-mail");

function decodeQuotedPrintable(raw: string): string {
  const joined = raw.replace(/=\r?\n/g, "");
  return Buffer.from(joined.replace(/=([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))), "latin1").toString("utf8");
}

/** The path and query of the newest link to `linkPath` in the e-mails to `to` (waits for it). */
async function linkFromMail(to: string, linkPath: string, after = 0): Promise<string> {
  let found = "";
  await expect
    .poll(
      () => {
        const files = readdirSync(mailDir()).filter((f) => f.endsWith(`-${to}.eml`)).sort();
        const texts = files.map((f) => decodeQuotedPrintable(readFileSync(path.join(mailDir(), f), "latin1")));
        if (texts.length <= after) return "";
        const m = new RegExp(`https?://[^/\\s"]+(${linkPath}\\?token=[A-Za-z0-9_%-]+)`).exec(texts[texts.length - 1]!);
        found = m?.[1] ?? "";
        return found;
      },
      { timeout: 20_000 },
    )
    .not.toBe("");
  return found;
}

const mailsTo = (to: string) => readdirSync(mailDir()).filter((f) => f.endsWith(`-${to}.eml`)).length;

async function logOut(page: Page) {
  await page.getByRole("button", { name: "Logg ut" }).click();
  await expect(page.getByRole("heading", { name: "Logg inn" })).toBeVisible();
}

async function logInAs(page: Page, email: string, password: string) {
  await page.goto("/login");
  await page.getByLabel("E-post").fill(email);
  await page.getByLabel("Passord").fill(password);
  await page.getByRole("button", { name: "Logg inn" }).click();
}

test("a colleague is invited by e-mail, sets a password, resets it, and is deactivated", async ({ page }, testInfo) => {
  const email = "eva-e2e@fordring.test";
  await logIn(page);
  await page.getByRole("navigation", { name: "Hovedmeny" }).getByRole("link", { name: "Brukere" }).click();
  await expect(page.getByRole("heading", { name: "Brukere", level: 1 })).toBeVisible();
  await page.getByLabel("Navn", { exact: true }).fill("Eva Ende");
  await page.getByLabel("E-post", { exact: true }).fill(email);
  await page.getByLabel("Rolle", { exact: true }).selectOption("firm-accountant");
  await expect(page.getByText("Ser alle byråets kunder og kan godkjenne utkast")).toBeVisible();
  await page.getByRole("button", { name: "Send invitasjon" }).click();
  await expect(page.getByRole("status")).toHaveText(`Invitasjonen er sendt til ${email}.`);
  const row = page.getByRole("row").filter({ hasText: email });
  await expect(row.getByRole("cell", { name: "Invitert" })).toBeVisible();
  await screenshot(page, testInfo, "30-users");
  await logOut(page);

  await page.goto(await linkFromMail(email, "/accept-invitation"));
  await expect(page.getByRole("heading", { name: "Velkommen til Fordring" })).toBeVisible();
  await page.getByLabel("Nytt passord", { exact: true }).fill("Evas første passord");
  await page.getByLabel("Nytt passord en gang til").fill("Evas første passord");
  await page.getByRole("button", { name: "Lagre passordet" }).click();
  await expect(page.getByRole("status")).toHaveText(`Passordet er lagret. Logg inn med ${email}.`);
  await logInAs(page, email, "Evas første passord");
  await expect(page).toHaveURL(/\/firms\/[^/]+$/);
  await logOut(page);

  // Forgotten: the same answer as for any address, and a link in the e-mail.
  const before = mailsTo(email);
  await page.getByRole("link", { name: "Glemt passordet?" }).click();
  await page.getByLabel("E-post").fill(email);
  await page.getByRole("button", { name: "Send lenke" }).click();
  await expect(page.getByRole("status")).toContainText("Sjekk e-posten din");
  await page.goto(await linkFromMail(email, "/reset-password", before));
  await page.getByLabel("Nytt passord", { exact: true }).fill("Evas andre passord");
  await page.getByLabel("Nytt passord en gang til").fill("Evas andre passord");
  await page.getByRole("button", { name: "Lagre passordet" }).click();
  await expect(page.getByRole("status")).toContainText("Passordet er lagret");
  await logInAs(page, email, "Evas første passord");
  await expect(page.getByRole("alert")).toHaveText("Feil e-post eller passord.");
  await logInAs(page, email, "Evas andre passord");
  await expect(page).toHaveURL(/\/firms\/[^/]+$/);
  await logOut(page);

  await logIn(page);
  await page.getByRole("navigation", { name: "Hovedmeny" }).getByRole("link", { name: "Brukere" }).click();
  await page.getByRole("row").filter({ hasText: email }).getByRole("button", { name: /Gjør til administrator/ }).click();
  await expect(page.getByRole("status")).toHaveText("Rollen er endret.");
  await expect(page.getByRole("row").filter({ hasText: email }).getByRole("cell", { name: "Administrator" })).toBeVisible();
  await page.getByRole("row").filter({ hasText: email }).getByRole("button", { name: /Deaktiver/ }).click();
  await expect(page.getByRole("status")).toContainText("Brukeren er deaktivert");
  await expect(page.getByRole("row").filter({ hasText: email }).getByRole("cell", { name: "Deaktivert" })).toBeVisible();
  await logOut(page);
  await logInAs(page, email, "Evas andre passord");
  await expect(page.getByRole("alert")).toHaveText("Feil e-post eller passord.");
});

test("a firm registers: \"check your e-mail\", then the link creates it", async ({ page }) => {
  const email = "siri-e2e@fordring.test";
  await page.goto("/login");
  await page.getByRole("link", { name: "Registrer regnskapsbyrået ditt" }).click();
  await page.getByLabel("Byråets navn").fill("Regnskap Ende AS");
  await page.getByLabel("Organisasjonsnummer").fill("923609016");
  await page.getByLabel("Adresse", { exact: true }).fill("Kirkegata 1");
  await page.getByLabel("Postnummer").fill("0153");
  await page.getByLabel("Poststed").fill("Oslo");
  await page.getByLabel("Ditt navn").fill("Siri Ende");
  await page.getByLabel("E-post").fill(email);
  await page.getByLabel("Passord", { exact: true }).fill("Siris lange passord");
  await page.getByRole("button", { name: "Registrer" }).click();
  await expect(page.getByRole("status")).toHaveText("Sjekk e-posten din: vi har sendt en lenke for å fullføre registreringen.");

  await page.goto(await linkFromMail(email, "/confirm-registration"));
  await page.getByRole("button", { name: "Bekreft" }).click();
  await expect(page.getByRole("status")).toContainText("Byrået er registrert");
  await logInAs(page, email, "Siris lange passord");
  await expect(page).toHaveURL(/\/firms\/[^/]+$/);
  await expect(page.getByRole("navigation", { name: "Hovedmeny" }).getByRole("link", { name: "Regnskap Ende AS" })).toBeVisible();
});

test("the reports page: collected, the agency's share and paid out as charts, per client and currency", async ({ page }, testInfo) => {
  await logIn(page);
  await page.getByRole("navigation", { name: "Hovedmeny" }).getByRole("link", { name: "Rapporter" }).click();
  await expect(page.getByRole("heading", { name: "Rapporter", level: 1 })).toBeVisible();
  await expect(page.getByRole("heading", { name: "I NOK" })).toBeVisible();
  await expect(page.getByRole("figure", { name: "Innbetalt per måned (NOK)" })).toBeVisible();
  await expect(page.getByRole("figure", { name: "Byråets andel per måned (NOK)" })).toBeVisible();
  await expect(page.getByRole("figure", { name: "Utbetalt per måned (NOK)" })).toBeVisible();
  // The demo's settlements reconcile.
  await expect(page.getByText(/oppgjør i perioden tok inn .* og alle stemmer/).first()).toBeVisible();
  const nok = page.getByRole("region", { name: "I NOK" });
  await expect(nok.getByRole("table", { name: "Per kunde" }).getByRole("row")).not.toHaveCount(1);
  await screenshot(page, testInfo, "31-reports");

  await page.getByRole("group", { name: "Språk" }).getByRole("button", { name: "English" }).click();
  await expect(page.getByRole("heading", { name: "Reports", level: 1 })).toBeVisible();
  await expect(page.getByRole("figure", { name: "Collected per month (NOK)" })).toBeVisible();
  await page.getByRole("group", { name: "Language" }).getByRole("button", { name: "Norsk" }).click();
  await expect(page.getByRole("heading", { name: "Rapporter", level: 1 })).toBeVisible();
  await expect.poll(async () => ((await (await page.request.get("/v1/me")).json()) as { user: { locale: string } }).user.locale).toBe("nb");
});

test.describe("at 390 px", () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test("the users, reports and onboarding pages fit a phone", async ({ page }) => {
    await logIn(page);
    const firmPath = new URL(page.url()).pathname;
    for (const [where, pathName] of [
      ["users", `${firmPath}/users`],
      ["reports", "/reports"],
      ["new client", `${firmPath}/clients/new`],
      ["forgot password", "/forgot-password"],
    ] as const) {
      await page.goto(pathName);
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      await page.waitForLoadState("networkidle");
      const { scroll, width } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, width: document.documentElement.clientWidth }));
      expect(scroll, `${where}: ${scroll} px wide on a ${width} px screen`).toBeLessThanOrEqual(width);
    }
  });
});
