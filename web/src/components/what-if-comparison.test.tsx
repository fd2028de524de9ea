import { screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { WhatIfResult } from "../api/types";
import { renderIn } from "../test-render";
import { WhatIfComparison } from "./what-if-comparison";

const NBSP = "\u00a0";

const result: WhatIfResult = {
  from: "2026-03-02",
  to: "2026-05-31",
  current: {
    cases: 40,
    opened: 12,
    letters: { reminder: 0, collectionNotice: 12, paymentDemand: 7 },
    legalSteps: 0,
    legalCosts: "0.00",
    stages: { "collection-notice": 30, "awaiting-legal-approval": 10 },
    fees: "1250.00",
    salary: "3500.00",
    interest: "410.35",
    byWeek: [
      { weekStart: "2026-03-02", letters: 5, fees: "0.00" },
      { weekStart: "2026-03-09", letters: 3, fees: "0.00" },
    ],
  },
  proposed: {
    cases: 46,
    opened: 18,
    letters: { reminder: 18, collectionNotice: 15, paymentDemand: 7 },
    legalSteps: 10,
    legalCosts: "14450.00",
    stages: { reminder: 6, "collection-notice": 30, legal: 10 },
    fees: "2100.00",
    salary: "3500.00",
    interest: "380.10",
    byWeek: [
      { weekStart: "2026-03-02", letters: 9, fees: "350.00" },
      { weekStart: "2026-03-16", letters: 4, fees: "0.00" },
    ],
  },
};

function cells(metric: string): string[] {
  const row = screen.getByRole("rowheader", { name: metric }).closest("tr")!;
  return within(row)
    .getAllByRole("cell")
    .map((c) => c.textContent ?? "");
}

describe("the what-if comparison", () => {
  it("puts current and proposed side by side with the difference", () => {
    renderIn("nb", <WhatIfComparison result={result} currency="NOK" />);
    expect(screen.getByRole("heading", { name: "Resultat 02.03.2026 – 31.05.2026" })).toBeTruthy();
    expect(cells("Saker i perioden")).toEqual(["40", "46", "+6"]);
    expect(cells("Nye saker")).toEqual(["12", "18", "+6"]);
    expect(cells("Purringer")).toEqual(["0", "18", "+18"]);
    expect(cells("Betalingsoppfordringer")).toEqual(["7", "7", "0"]);
    expect(cells("Gebyrer")).toEqual([`1${NBSP}250,00${NBSP}kr`, `2${NBSP}100,00${NBSP}kr`, `+850,00${NBSP}kr`]);
    expect(cells("Renter")).toEqual([`410,35${NBSP}kr`, `380,10${NBSP}kr`, `−30,25${NBSP}kr`]);
  });

  it("has rows for the legal steps and their court fees, and the open cases by stage at the end", () => {
    renderIn("nb", <WhatIfComparison result={result} currency="NOK" />);
    expect(cells("Rettslige skritt")).toEqual(["0", "10", "+10"]);
    expect(cells("Rettsgebyr")).toEqual([`0,00${NBSP}kr`, `14${NBSP}450,00${NBSP}kr`, `+14${NBSP}450,00${NBSP}kr`]);
    expect(screen.getByRole("columnheader", { name: "Åpne saker ved periodens slutt, etter steg" })).toBeTruthy();
    // In the order a case goes through them.
    const stages = [...document.querySelectorAll("tr[data-metric^='stage.']")].map((r) => r.getAttribute("data-metric"));
    expect(stages).toEqual(["stage.reminder", "stage.collection-notice", "stage.awaiting-legal-approval", "stage.legal"]);
    expect(cells("Venter på godkjenning av rettslige skritt")).toEqual(["10", "0", "−10"]);
  });

  it("charts letters per week over the weeks of both runs", () => {
    renderIn("en", <WhatIfComparison result={result} currency="NOK" />);
    const table = screen.getByRole("table", { name: "Letters per week" });
    const rows = within(table)
      .getAllByRole("row")
      .slice(1)
      .map((r) => [...r.children].map((c) => c.textContent));
    expect(rows).toEqual([
      ["02/03/2026", "5", "9"],
      ["09/03/2026", "3", "0"],
      ["16/03/2026", "0", "4"],
    ]);
    expect(document.querySelectorAll("rect.bar-proposed")).toHaveLength(3);
  });
});
