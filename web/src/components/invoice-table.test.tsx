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

  it("links a transferred invoice to its case", () => {
    renderIn("nb", <InvoiceBrowser items={[transferred]} />);
    const link = screen.getByRole("link", { name: "100009" });
    expect(link.getAttribute("href")).toBe("/cases/case-9");
  });
});
