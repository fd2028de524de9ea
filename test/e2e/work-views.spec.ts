import { readFileSync } from "node:fs";
import { strFromU8, unzipSync } from "fflate";
import { expect, test, type Download, type Page } from "@playwright/test";
import { businessDate, DEMO_EMAIL, DEMO_PASSWORD, logIn, screenshot, waitForDemo } from "./support.js";

/**
 * Issue #20's work views in the browser, on the demo: the client's case and invoice lists sorted by
 * a heading and filtered on the server; CSV and XLSX exports read back cell by cell (in Norwegian
 * and English); the work queue across clients with batch approval; the debtor page; the legal
 * phase on the case page — taking a step and recording its hearing. At 390 px the new pages and
 * the legal dialog fit the screen (pages.spec.ts scans the same pages with axe-core).
 */

test.beforeAll(async ({ request }) => {
  await waitForDemo(request);
});

// The English test switches the demo user's language; whatever happens in it, the next test starts in Norwegian.
test.afterEach(async ({ request }) => {
  const login = await request.post("/v1/auth/login", { data: { email: DEMO_EMAIL, password: DEMO_PASSWORD } });
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  await request.patch("/v1/me", { data: { locale: "nb" }, headers: { "x-csrf-token": csrfToken } });
  await request.post("/v1/auth/logout", { headers: { "x-csrf-token": csrfToken } });
});

/** The cells of an XLSX file's first sheet, row by row (text and numbers as written). */
function xlsxRows(path: string): string[][] {
  const files = unzipSync(new Uint8Array(readFileSync(path)));
  const sheet = strFromU8(files["xl/worksheets/sheet1.xml"]!);
  const rows: string[][] = [];
  for (const row of sheet.matchAll(/<row r="(\d+)">(.*?)<\/row>/g)) {
    const cells: string[] = [];
    for (const c of row[2]!.matchAll(/<c r="([A-Z]+)\d+"(?: t="\w+")?>(?:<v>([^<]*)<\/v>|<is><t xml:space="preserve">([^<]*)<\/t><\/is>)<\/c>/g)) {
      const col = c[1]!.charCodeAt(0) - 65;
      cells[col] = (c[2] ?? c[3]!).replace(/&amp;/g, "&").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&apos;/g, "'");
    }
    rows.push(Array.from(cells, (v) => v ?? ""));
  }
  return rows;
}

/** Money as the portal writes it ("1 250,00 kr", "NOK 1,250.00") → a number. */
function amountOf(text: string, locale: "nb" | "en"): number {
  const digits = locale === "nb" ? text.replace(/[^\d,-]/g, "").replace(",", ".") : text.replace(/[^\d.-]/g, "");
  return Number(digits);
}

async function download(page: Page, button: string): Promise<Download> {
  const wait = page.waitForEvent("download", { timeout: 60_000 });
  await page.getByRole("button", { name: button }).click();
  return wait;
}

async function firstClient(page: Page): Promise<string> {
  const me = (await (await page.request.get("/v1/me")).json()) as { memberships: { firmId: string | null }[] };
  const firm = me.memberships[0]!.firmId!;
  const dash = (await (await page.request.get(`/v1/firms/${firm}/dashboard`)).json()) as { clients: { creditorId: string; openCases: number }[] };
  return [...dash.clients].sort((a, b) => b.openCases - a.openCases)[0]!.creditorId;
}

test("a client's cases sort by balance both ways and filter by amount on the server; the list exports as XLSX and CSV", async ({ page }, testInfo) => {
  await logIn(page);
  const creditorId = await firstClient(page);
  await page.goto(`/creditors/${creditorId}/cases`);
  const table = page.getByTestId("cases-table");
  await expect(table.getByRole("row").nth(1)).toBeVisible();
  const balances = async () => (await table.locator("tbody tr td.num").evaluateAll((tds) => tds.filter((_, i) => i % 2 === 0).map((td) => td.textContent ?? ""))).map((s) => amountOf(s, "nb"));

  const heading = table.getByRole("columnheader", { name: "Saldo" });
  await heading.getByRole("button").click();
  await expect(heading).toHaveAttribute("aria-sort", "ascending");
  await expect.poll(async () => { const b = await balances(); return b.length > 1 && b.every((x, i) => i === 0 || b[i - 1]! <= x); }).toBe(true);
  await heading.getByRole("button").click();
  await expect(heading).toHaveAttribute("aria-sort", "descending");
  await expect.poll(async () => { const b = await balances(); return b.length > 1 && b.every((x, i) => i === 0 || b[i - 1]! >= x); }).toBe(true);
  const top = (await balances())[0]!;

  // A wrong amount is named at its field, and nothing changes.
  await page.getByLabel("Beløp fra").fill("mange");
  await page.getByRole("button", { name: "Bruk filtrene" }).click();
  await expect(page.getByText("Skriv et beløp, for eksempel 1250,50.")).toBeVisible();
  await expect(page.getByLabel("Beløp fra")).toHaveAttribute("aria-invalid", "true");
  // Cases of at least half the largest balance: every row shown is at least that.
  const floor = Math.floor(top / 2);
  await page.getByLabel("Beløp fra").fill(String(floor).replace(".", ","));
  await page.getByRole("button", { name: "Bruk filtrene" }).click();
  await expect.poll(async () => { const b = await balances(); return b.length > 0 && b.every((x) => x >= floor); }).toBe(true);
  const expected = (await (await page.request.get(`/v1/creditors/${creditorId}/cases?state=open&minAmount=${floor}.00&sort=balance&dir=desc&limit=200`)).json()) as { items: { caseNumber: string; balance: string }[] };
  await screenshot(page, testInfo, "30-cases-sorted-filtered");

  // The export holds every case the filter finds, in the list's order, amounts as numbers.
  const xlsx = xlsxRows(await (await download(page, "Last ned Excel")).path());
  expect(xlsx[0]!.slice(0, 6)).toEqual(["Saksnr.", "Fakturanr.", "Skyldner", "Steg", "Status", "Saldo"]);
  expect(xlsx.slice(1).map((r) => r[0])).toEqual(expected.items.map((c) => c.caseNumber));
  expect(xlsx.slice(1).map((r) => Number(r[5]))).toEqual(expected.items.map((c) => Number(c.balance)));
  await expect(page.getByRole("status").filter({ hasText: "lastet ned" })).toHaveText(`${expected.items.length} ${expected.items.length === 1 ? "rad" : "rader"} lastet ned.`);
  const csv = readFileSync(await (await download(page, "Last ned CSV")).path(), "utf8");
  const lines = csv.replace(/^\uFEFF/, "").trim().split("\r\n");
  expect(lines[0]!.split(";").slice(0, 3)).toEqual(["Saksnr.", "Fakturanr.", "Skyldner"]);
  expect(lines.slice(1).map((l) => l.split(";")[0])).toEqual(expected.items.map((c) => c.caseNumber));
});

test("in English the invoice list sorts by open amount, and the invoice and settlement exports have English headings", async ({ page }) => {
  await logIn(page);
  const creditorId = await firstClient(page);
  await page.locator(".language-switch").getByRole("button", { name: "English", exact: true }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  {
    await page.goto(`/creditors/${creditorId}/invoices`);
    const heading = page.getByRole("columnheader", { name: "Outstanding" });
    await heading.getByRole("button").click();
    await expect(heading).toHaveAttribute("aria-sort", "ascending");
    const open = async () => (await page.locator("tbody tr td.num").evaluateAll((tds) => tds.filter((_, i) => i % 2 === 1).map((td) => td.textContent ?? ""))).map((s) => amountOf(s, "en"));
    await expect.poll(async () => { const o = await open(); return o.length > 1 && o.every((x, i) => i === 0 || o[i - 1]! <= x); }).toBe(true);
    const invoices = xlsxRows(await (await download(page, "Download Excel")).path());
    expect(invoices[0]!.slice(0, 5)).toEqual(["Invoice no.", "Customer", "Invoice date", "Due", "Days past due"]);
    const api = (await (await page.request.get(`/v1/creditors/${creditorId}/invoices?state=overdue&sort=amount&dir=asc&limit=200`)).json()) as { items: { invoiceNumber: string }[] };
    expect(invoices.slice(1).map((r) => r[0])).toEqual(api.items.map((i) => i.invoiceNumber));

    await page.goto(`/creditors/${creditorId}/settlements`);
    const settlements = xlsxRows(await (await download(page, "Download Excel")).path());
    expect(settlements[0]).toEqual(["Date", "Period from", "Period to", "Currency", "To you", "Invoiced to you", "Booked"]);
    const list = (await (await page.request.get(`/v1/creditors/${creditorId}/settlements?limit=200`)).json()) as { items: { settledOn: string; payout: string }[] };
    expect(settlements.slice(1).map((r) => [r[0], Number(r[4])])).toEqual(list.items.map((s) => [s.settledOn, Number(s.payout)]));
  }
  // afterEach sets the user's language back to Norwegian.
});

test("the work queue approves drafts of several clients and a legal gate at once; the case then takes a legal step and records its hearing", async ({ page }, testInfo) => {
  await logIn(page);
  await page.getByRole("navigation", { name: "Hovedmeny" }).getByRole("link", { name: "Arbeidskø" }).click();
  await expect(page.getByRole("heading", { name: "Arbeidskø", level: 1 })).toBeVisible();
  const drafts = page.getByTestId("queue-drafts");
  const gates = page.getByTestId("queue-gates");
  await expect(drafts.getByRole("row").nth(1)).toBeVisible();
  const draftRows = await drafts.locator("tbody tr").count();
  const clients = new Set(await drafts.locator("tbody tr td:nth-child(2)").allInnerTexts());
  await screenshot(page, testInfo, "31-work-queue");

  await drafts.getByRole("checkbox", { name: "Velg alle utkast" }).check();
  // A Norwegian client's case at the legal gate (the forliksklage is Norwegian law).
  const legalGate = gates.locator("tbody tr").filter({ hasText: "Venter på godkjenning av rettslige skritt" }).filter({ hasText: /NORDLYS-/ }).first();
  await expect(legalGate).toBeVisible();
  const caseNumber = (await legalGate.getByRole("rowheader").innerText()).trim();
  await legalGate.getByRole("checkbox").check();
  await page.getByRole("button", { name: `Godkjenn valgte (${draftRows + 1})` }).click();
  const dialog = page.getByRole("dialog", { name: "Godkjenne på tvers av klienter?" });
  clients.add((await legalGate.locator("td").nth(1).innerText()).trim());
  await expect(dialog).toContainText(`${draftRows} utkast blir til saker, og 1 sak går videre forbi godkjenningen, hos ${clients.size} ${clients.size === 1 ? "klient" : "klienter"}.`);
  await dialog.getByRole("button", { name: `Godkjenn ${draftRows + 1}` }).click();
  await expect(page.getByTestId("queue-result")).toContainText(`${draftRows + 1} godkjent.`);
  await expect(drafts).toHaveCount(0);
  await expect(page.getByText(caseNumber)).toHaveCount(0);

  // The approved case: its legal phase, then a forliksklage through the dialog, then the hearing.
  const found = (await (await page.request.get(`/v1/cases?state=all&q=${encodeURIComponent(caseNumber)}`)).json()) as { items: { caseId: string }[] };
  await page.goto(`/cases/${found.items[0]!.caseId}`);
  const legal = page.getByTestId("legal-phase");
  const today = await businessDate(page.request);
  const date = `${today.slice(8, 10)}.${today.slice(5, 7)}.${today.slice(0, 4)}`;
  await expect(legal).toContainText(`Rettslige skritt godkjent ${date}`);
  await legal.getByRole("button", { name: "Ta rettslig skritt" }).click();
  const step = page.getByRole("dialog", { name: "Ta rettslig skritt" });
  await step.getByLabel("Skritt").selectOption("utlegg");
  await step.getByRole("button", { name: "Send inn" }).click();
  await expect(step.getByRole("alert")).toHaveText("Fyll ut Referanse.");
  await step.getByLabel("Skritt").selectOption("forliksklage");
  await step.getByRole("button", { name: "Send inn" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Det rettslige skrittet er registrert" })).toBeVisible();
  const filed = legal.getByTestId("legal-step").first();
  await expect(filed).toContainText("Forliksklage");
  const status = await (await page.request.get(`/v1/cases/${found.items[0]!.caseId}/legal`)).json() as { proceedings: { status: string }[]; pendingLegalStep: string | null };
  if (status.proceedings.length > 0) {
    await expect(filed).toContainText("Inngitt");
    await expect(filed).toContainText(date);
    await filed.getByRole("button", { name: "Registrer hendelse" }).click();
    const event = page.getByRole("dialog", { name: /^Registrer hendelse/ });
    await event.getByLabel("Hendelse").selectOption("hearing");
    await event.getByLabel("Dato").fill(today);
    await event.getByLabel("Merknad").fill("Møte i forliksrådet");
    await event.getByRole("button", { name: "Send inn" }).click();
    await expect(filed).toContainText("Forliksklage — Rettsmøte holdt");
    await expect(filed).toContainText("Møte i forliksrådet");
  } else {
    // inkassoloven § 11: a payment demand older than six months goes out again first.
    expect(status.pendingLegalStep).toBe("forliksklage");
    await expect(legal).toContainText("Venter på ny betalingsoppfordring først (inkassoloven § 11): Forliksklage");
  }
  await expect(legal.getByRole("heading", { name: "Oppslag om skyldneren" })).toBeVisible();
  await screenshot(page, testInfo, "32-case-legal-phase");
});

test("a case handler runs a credit check from a legal case against the demo's credit bureau: a purpose is required, the answer is shown and the lookup is logged", async ({ page }) => {
  await logIn(page);
  // A case at the legal gate or past it: its page has the legal phase.
  const inStage = async (stage: string) => ((await (await page.request.get(`/v1/cases?state=open&stage=${stage}&limit=1`)).json()) as { items: { caseId: string }[] }).items;
  const [legalCase] = [...(await inStage("awaiting-legal-approval")), ...(await inStage("legal"))];
  expect(legalCase).toBeDefined();
  await page.goto(`/cases/${legalCase!.caseId}`);
  const panel = page.getByTestId("legal-phase");
  const logged = await panel.getByTestId("debtor-checks").locator("tbody tr").count().catch(() => 0);
  await panel.getByRole("button", { name: "Kjør kredittsjekk" }).click();
  const dialog = page.getByRole("dialog", { name: "Kjør kredittsjekk" });
  await dialog.getByRole("button", { name: "Send inn" }).click();
  await expect(dialog.getByRole("alert")).toHaveText("Fyll ut Formål.");
  await dialog.getByLabel("Formål").fill("Vurdering av rettslige skritt");
  await dialog.getByRole("button", { name: "Send inn" }).click();
  await expect(dialog).toHaveCount(0);
  const answer = panel.getByTestId("credit-check-result");
  await expect(answer).toContainText("Kredittsjekk av skyldneren:");
  await expect(answer).toContainText(/Score: \d{1,3}/);
  await expect(answer).toContainText(/Risikoklasse: [A-E]/);
  await expect(answer).toContainText("Betalingsanmerkninger: ");
  const row = panel.getByTestId("debtor-checks").locator("tbody tr").filter({ hasText: "Vurdering av rettslige skritt" });
  await expect(row).toHaveCount(1);
  await expect(row.getByRole("rowheader")).toHaveText("Kredittsjekk");
  await expect(panel.getByTestId("debtor-checks").locator("tbody tr")).toHaveCount(logged + 1);
});

test("the debtor page shows the debtor, their cases and each letter's channel and status", async ({ page }) => {
  await logIn(page);
  const creditorId = await firstClient(page);
  const open = (await (await page.request.get(`/v1/creditors/${creditorId}/cases?state=open&limit=1`)).json()) as { items: { caseId: string; caseNumber: string; debtorName: string }[] };
  const c = open.items[0]!;
  await page.goto(`/cases/${c.caseId}`);
  await page.getByTestId("debtor-link").click();
  await expect(page.getByRole("heading", { name: `Skyldner: ${c.debtorName}`, level: 1 })).toBeVisible();
  await expect(page.getByTestId("debtor-cases").getByRole("rowheader").filter({ hasText: c.caseNumber })).toBeVisible();
  const detail = (await (await page.request.get(`/v1/cases/${c.caseId}`)).json()) as { case: { debtorId: string } };
  const v = (await (await page.request.get(`/v1/debtors/${detail.case.debtorId}`)).json()) as { letters: { delivery: { status: string } }[] };
  if (v.letters.length > 0) {
    const letters = page.getByTestId("debtor-letters");
    await expect(letters.locator("tbody tr")).toHaveCount(v.letters.length);
    const words: Record<string, string> = { queued: "I kø", sent: "Sendt", delivered: "Levert", read: "Lest", failed: "Feilet", cancelled: "Stoppet", "in-doubt": "Usikker – sjekk" };
    await expect(letters.locator("tbody tr").first().locator("td").nth(3)).toHaveText(words[v.letters[0]!.delivery.status]!);
  } else {
    await expect(page.getByText("Ingen brev er sendt.")).toBeVisible();
  }
});

test.describe("at 390 px", () => {
  test.use({ viewport: { width: 390, height: 844 } });
  test("the filters, the work queue and the legal dialog fit the screen", async ({ page }) => {
    await logIn(page);
    const creditorId = await firstClient(page);
    const fits = async (where: string) => {
      const { scroll, width } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, width: document.documentElement.clientWidth }));
      expect(scroll, where).toBeLessThanOrEqual(width);
    };
    await page.goto(`/creditors/${creditorId}/cases`);
    await expect(page.getByRole("button", { name: "Bruk filtrene" })).toBeVisible();
    await fits("cases with filters");
    const me = (await (await page.request.get("/v1/me")).json()) as { memberships: { firmId: string | null }[] };
    await page.goto(`/firms/${me.memberships[0]!.firmId}/queue`);
    await expect(page.getByRole("heading", { name: "Arbeidskø", level: 1 })).toBeVisible();
    await fits("work queue");
    const legal = (await (await page.request.get(`/v1/cases?state=open&stage=legal&limit=1`)).json()) as { items: { caseId: string }[] };
    // The work-queue test above took a legal step on the demo (and the demo has legal cases of its own).
    expect(legal.items.length).toBeGreaterThan(0);
    await page.goto(`/cases/${legal.items[0]!.caseId}`);
    await page.getByTestId("legal-phase").getByRole("button", { name: "Flytt til overvåking" }).click();
    const dialog = page.getByRole("dialog", { name: "Flytt til overvåking" });
    const box = (await dialog.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(390);
    await fits("legal dialog");
    await dialog.getByRole("button", { name: "Avbryt" }).click();
  });
});
