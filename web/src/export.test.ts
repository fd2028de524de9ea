import { strFromU8, unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { columnName, csvSafe, tableCsv, toXlsx } from "./export";
import { nextSort, parseAmountInput } from "./components/list-controls";

/** The cells of sheet 1 as [ref, type, text] read back from the XLSX bytes. */
function cells(bytes: Uint8Array): [string, string, string][] {
  const files = unzipSync(bytes);
  expect(Object.keys(files).sort()).toEqual(["[Content_Types].xml", "_rels/.rels", "xl/_rels/workbook.xml.rels", "xl/workbook.xml", "xl/worksheets/sheet1.xml"]);
  const sheet = strFromU8(files["xl/worksheets/sheet1.xml"]!);
  return [...sheet.matchAll(/<c r="([A-Z]+\d+)"(?: t="(\w+)")?>(?:<v>([^<]*)<\/v>|<is><t xml:space="preserve">([^<]*)<\/t><\/is>)<\/c>/g)].map((m) => [m[1]!, m[2] ?? "n", m[3] ?? m[4]!]);
}

describe("XLSX export", () => {
  it("writes a header row, text as inline strings (escaped) and amounts as numbers", () => {
    const bytes = toXlsx("Saker", [{ header: "Skyldner" }, { header: "Saldo", kind: "amount" }], [["Ødegård & <Sønn>", "1250.50"], ["=SUM(A1)", "-12.00"]]);
    expect(cells(bytes)).toEqual([
      ["A1", "inlineStr", "Skyldner"], ["B1", "inlineStr", "Saldo"],
      ["A2", "inlineStr", "Ødegård &amp; &lt;Sønn&gt;"], ["B2", "n", "1250.50"],
      ["A3", "inlineStr", "=SUM(A1)"], ["B3", "n", "-12.00"],
    ]);
    expect(strFromU8(unzipSync(bytes)["xl/workbook.xml"]!)).toContain('<sheet name="Saker"');
  });
  it("names columns past Z", () => {
    expect([0, 25, 26, 51, 52, 701, 702].map(columnName)).toEqual(["A", "Z", "AA", "AZ", "BA", "ZZ", "AAA"]);
  });
});

describe("CSV export", () => {
  it("keeps a formula from running and amounts as they are", () => {
    expect(csvSafe("=HYPERLINK(1)", "text")).toBe("'=HYPERLINK(1)");
    expect(csvSafe("-12.00", "amount")).toBe("-12.00");
    expect(csvSafe("@x", undefined)).toBe("'@x");
    expect(tableCsv([{ header: "A" }, { header: "B", kind: "amount" }], [["+47 1", "-1.00"]])).toBe("\uFEFFA;B\r\n'+47 1;-1.00\r\n");
  });
});

describe("list controls", () => {
  it("reads amounts as readers write them", () => {
    expect(["1 250,5", "1250.50", "1250", "", "12,345", "abc", "1.2.3"].map(parseAmountInput)).toEqual(["1250.50", "1250.50", "1250.00", "", null, null, null]);
  });
  it("turns a column round when chosen again, and starts another ascending", () => {
    expect(nextSort({ sort: "balance", dir: "asc" }, "balance")).toEqual({ sort: "balance", dir: "desc" });
    expect(nextSort({ sort: "balance", dir: "desc" }, "stage")).toEqual({ sort: "stage", dir: "asc" });
  });
});
