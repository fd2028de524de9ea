import { fireEvent, screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { Invoice } from "../api/types";
import { renderIn } from "../test-render";
import { InvoiceBrowser } from "./invoice-table";

function anInvoice(over: Partial<Invoice>): Invoice {
  return {
    claimId: "c1",
    invoiceNumber: "1001",
    customerName: "Nordlys Bakeri AS",
    issueDate: "2025-11-01",
    dueDate: "2025-11-15",
    amount: "1250.00",
    open: "1250.00",
    currency: "NOK",
    state: "waiting",
    reasons: [],
    eligibleOn: null,
    caseId: null,
    caseNumber: null,
    ...over,
  };
}

const blocked = anInvoice({
  claimId: "b1",
  invoiceNumber: "2002",
  state: "blocked",
  reasons: [
    { code: "missing-address", text: "Kunden mangler adresse" },
    { code: "do-not-transfer", text: { nb: "Kunden er merket «ikke overfør»", en: "The customer is marked “do not transfer”" } },
  ],
});
const waiting = anInvoice({ claimId: "w1", invoiceNumber: "3003", state: "waiting", eligibleOn: "2026-01-15" });
const transferred = anInvoice({ claimId: "t1", invoiceNumber: "4004", state: "transferred", caseId: "case-9", caseNumber: "100009" });

function rowOf(invoiceNumber: string): HTMLElement {
  return screen.getByRole("button", { name: new RegExp(invoiceNumber) }).closest("tr")!;
}

describe("the invoice state table", () => {
  it("marks a blocked row and gives its reasons on hover", () => {
    renderIn("nb", <InvoiceBrowser items={[waiting, blocked, transferred]} />);
    const row = rowOf("2002");
    expect(row.className).toContain("row-blocked");
    expect(row.getAttribute("title")).toBe("Kunden mangler adresse\nKunden er merket «ikke overfør»");
    expect(within(row).getByText("Blokkert")).toBeTruthy();
    // The first reason is also written in the row, with how many more there are.
    expect(within(row).getByText("Kunden mangler adresse (+1)")).toBeTruthy();
    expect(rowOf("3003").className).not.toContain("row-blocked");
  });

  it("shows the date a waiting invoice changes", () => {
    renderIn("nb", <InvoiceBrowser items={[waiting]} />);
    const row = rowOf("3003");
    expect(row.getAttribute("title")).toBe("Endres 15.01.2026");
    expect(within(row).getByText("15.01.2026")).toBeTruthy();
    expect(within(row).getByText("Venter")).toBeTruthy();
  });

  it("opens a detail panel with every reason when the invoice number is chosen", () => {
    renderIn("en", <InvoiceBrowser items={[waiting, blocked]} />);
    expect(screen.queryByRole("complementary")).toBeNull();
    fireEvent.click(screen.getByRole("button", { name: "Show details of invoice 2002" }));
    const panel = screen.getByRole("complementary", { name: "Invoice 2002" });
    expect(within(panel).getByText("Blocked because")).toBeTruthy();
    const reasons = within(panel).getAllByRole("listitem").map((li) => li.textContent);
    // A reason with text per language is read in the chosen one.
    expect(reasons).toEqual(["Kunden mangler adresse", "The customer is marked “do not transfer”"]);
    const facts = [...panel.querySelectorAll("dt")].map((dt) => [dt.textContent, dt.nextElementSibling?.textContent]);
    expect(facts).toContainEqual(["Outstanding", "NOK\u00a01,250.00"]);
    expect(facts).toContainEqual(["Due", "15/11/2025"]);
    fireEvent.click(within(panel).getByRole("button", { name: "Close" }));
    expect(screen.queryByRole("complementary")).toBeNull();
  });

  it("words a blocked invoice's reasons in Swedish for a Swedish reader, with no Norwegian", () => {
    const swedish = anInvoice({
      claimId: "s1",
      invoiceNumber: "5005",
      currency: "SEK",
      state: "blocked",
      reasons: [
        {
          code: "missing_debtor_address",
          text: { nb: "Skyldneren mangler gateadresse og poststed", sv: "Gäldenären saknar gatuadress och postort", en: "The debtor's street and city are missing" },
        },
        {
          code: "below_minimum_amount",
          text: { nb: "Åpent beløp 50.00 SEK er under minstebeløpet 100.00 SEK", sv: "Öppet belopp 50.00 SEK understiger minimibeloppet 100.00 SEK", en: "The open amount 50.00 SEK is below the minimum 100.00 SEK" },
        },
      ],
    });
    renderIn("sv", <InvoiceBrowser items={[swedish]} />);
    const row = rowOf("5005");
    expect(row.getAttribute("title")).toBe("Gäldenären saknar gatuadress och postort\nÖppet belopp 50.00 SEK understiger minimibeloppet 100.00 SEK");
    expect(within(row).getByText("Gäldenären saknar gatuadress och postort (+1)")).toBeTruthy();
    fireEvent.click(within(row).getByRole("button", { name: /5005/ }));
    const panel = screen.getByRole("complementary");
    const reasons = within(panel).getAllByRole("listitem").map((li) => li.textContent);
    expect(reasons).toEqual(["Gäldenären saknar gatuadress och postort", "Öppet belopp 50.00 SEK understiger minimibeloppet 100.00 SEK"]);
    const shown = `${row.textContent} ${row.getAttribute("title")} ${panel.textContent}`;
    for (const norwegian of ["Skyldneren", "mangler", "gateadresse", "poststed", "Åpent", "beløp", "minstebeløpet", "Blokkert"]) expect(shown).not.toContain(norwegian);
  });

  it("falls back to the Norwegian text for a reason stored without Swedish", () => {
    const old = anInvoice({ claimId: "o1", invoiceNumber: "6006", state: "blocked", reasons: [{ code: "nothing_open", text: { nb: "Fakturaen har ikke noe åpent beløp", en: "Nothing is open on the invoice" } }] });
    renderIn("sv", <InvoiceBrowser items={[old]} />);
    expect(rowOf("6006").getAttribute("title")).toBe("Fakturaen har ikke noe åpent beløp");
  });

  it("links a transferred invoice to its case", () => {
    renderIn("nb", <InvoiceBrowser items={[transferred]} />);
    const link = screen.getByRole("link", { name: "100009" });
    expect(link.getAttribute("href")).toBe("/cases/case-9");
  });
});
