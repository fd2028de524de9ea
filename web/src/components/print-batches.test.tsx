import { screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { renderIn } from "../test-render";
import { PrintBatchList } from "./print-batches";

describe("the print batches list", () => {
  it("shows each day's batch with its PDF and manifest links, newest first as given", () => {
    renderIn("nb", <PrintBatchList items={[{ date: "2025-01-03", letters: 12, pages: 20, pdfUrl: "/v1/print-batches/2025-01-03/pdf", manifestUrl: "/v1/print-batches/2025-01-03/manifest" }]} />);
    expect(screen.getByRole("heading", { name: "Utskriftsbunker" })).toBeTruthy();
    const row = screen.getAllByRole("row")[1]!;
    expect(row.textContent).toMatch(/^03\.01\.20251220PDF · Manifest$/);
    expect(screen.getByRole("link", { name: "PDF" }).getAttribute("href")).toBe("/v1/print-batches/2025-01-03/pdf");
    expect(screen.getByRole("link", { name: "Manifest" }).getAttribute("href")).toBe("/v1/print-batches/2025-01-03/manifest");
  });

  it("says so when nothing went on paper", () => {
    renderIn("en", <PrintBatchList items={[]} />);
    expect(screen.getByText("No letters on paper yet.")).toBeTruthy();
  });
});
