import { describe, expect, it } from "vitest";
import { toCsv } from "./csv";

describe("CSV export", () => {
  it("quotes what needs quoting and keeps amounts as sent", () => {
    const csv = toCsv(["Saksnr.", "Skyldner", "Saldo"], [["NORDLYS-1", 'Hansen; "Bygg" AS', "1250.00"], ["NORDLYS-2", "Ødegård\nAS", null]]);
    expect(csv).toBe('\uFEFFSaksnr.;Skyldner;Saldo\r\nNORDLYS-1;"Hansen; ""Bygg"" AS";1250.00\r\nNORDLYS-2;"Ødegård\nAS";\r\n');
  });
});
