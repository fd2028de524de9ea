import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { logIn, screenshot, waitForDemo } from "./support.js";

/**
 * Onboarding a client in the portal against the PowerOffice sandbox the demo starts (its address
 * is in `<data dir>/demo-poweroffice.json`): register, read the checklist in words, a refused key,
 * connect with a key the sandbox knows, replace it, and Procountor's form.
 */
test.beforeAll(async ({ request }) => {
  await waitForDemo(request);
});

/** A client key of the demo's PowerOffice sandbox (src/demo/demo-profiles.ts, Berg Rør og Varme). */
const SANDBOX_CLIENT_KEY = "9E8D7C6B-5A49-4382-A716-253443526170";

function sandboxUrl(): string {
  const file = JSON.parse(readFileSync(path.join(process.env.FORDRING_E2E_DATA_DIR ?? "", "demo-poweroffice.json"), "utf8")) as { port: number };
  return `http://127.0.0.1:${file.port}`;
}

test("a client is registered, connected to PowerOffice, its key replaced, with the checklist in words", async ({ page }, testInfo) => {
  await logIn(page);
  await page.getByRole("navigation", { name: "Hovedmeny" }).getByRole("link", { name: "Ny klient" }).click();
  await expect(page.getByRole("heading", { name: "Registrer en klient", level: 1 })).toBeVisible();
  await page.getByLabel("Kortnavn").fill("ENDE");
  await page.getByLabel("Klientens navn").fill("Ende Verksted AS");
  await page.getByLabel("Organisasjonsnummer").fill("974760673");
  await page.getByLabel("Adresse", { exact: true }).fill("Verkstedveien 3");
  await page.getByLabel("Postnummer").fill("0580");
  await page.getByLabel("Poststed").fill("Oslo");
  await page.getByLabel("Kontonummer for utbetaling").fill("8601 11 17947");
  await page.getByLabel("BIC (bankens kode)").fill("DNBANOKK");
  await page.getByRole("button", { name: "Registrer klienten" }).click();

  await expect(page).toHaveURL(/\/onboarding\/[^/]+$/);
  await expect(page.getByRole("heading", { name: "Oppstart: Ende Verksted AS" })).toBeVisible();
  const missing = page.getByRole("list", { name: "Dette mangler" });
  await expect(missing.getByText("Koble til klientens regnskapssystem (nedenfor).")).toBeVisible();
  await expect(missing.getByText("Velg kontoene for renter og gebyrer under Innstillinger.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Aktiver klienten" })).toBeDisabled();

  // A key the sandbox does not know, then an address the server does not allow: each refused in words.
  await page.getByLabel("Klientnøkkel").fill("00000000-0000-0000-0000-000000000000");
  await page.getByLabel("API-adresse (valgfritt)").fill(sandboxUrl());
  await page.getByRole("button", { name: "Koble til" }).click();
  await expect(page.getByRole("alert")).toHaveText("PowerOffice godtok ikke nøkkelen (eller svarte ikke). Sjekk klientnøkkelen i PowerOffice.");
  await page.getByLabel("Klientnøkkel").fill(SANDBOX_CLIENT_KEY);
  await page.getByLabel("API-adresse (valgfritt)").fill("http://169.254.169.254/latest");
  await page.getByRole("button", { name: "Koble til" }).click();
  await expect(page.getByRole("alert")).toContainText("Denne adressen er ikke tillatt på serveren");

  await page.getByLabel("API-adresse (valgfritt)").fill(sandboxUrl());
  await page.getByRole("button", { name: "Koble til" }).click();
  await expect(page.getByRole("status")).toHaveText("Regnskapet er koblet til.");
  await expect(page.getByText("Koblet til: PowerOffice Go.")).toBeVisible();
  await expect(missing.getByText("Koble til klientens regnskapssystem (nedenfor).")).toHaveCount(0);
  await expect(missing.getByText("Velg kontoene for renter og gebyrer under Innstillinger.")).toBeVisible();

  // Replacing the stored key: the same form, tried before it is stored.
  await page.getByLabel("Klientnøkkel").fill(SANDBOX_CLIENT_KEY);
  await page.getByLabel("API-adresse (valgfritt)").fill(sandboxUrl());
  await page.getByRole("button", { name: "Bytt nøkkel" }).click();
  await expect(page.getByRole("status")).toHaveText("Den nye nøkkelen virker og er lagret.");
  await screenshot(page, testInfo, "32-onboarding");

  // Procountor's form: the company's API key.
  await page.getByLabel("System", { exact: true }).selectOption("procountor");
  await expect(page.getByText("I Procountor: lag en API-nøkkel for selskapet")).toBeVisible();
  await expect(page.getByLabel("API-nøkkel")).toBeVisible();

  await page.getByRole("link", { name: "Åpne klientens innstillinger" }).click();
  await expect(page).toHaveURL(/\/creditors\/[^/]+\/settings$/);
});
