import { describe, expect, it } from "vitest";
import { ODataError, parseFilter } from "./odata-filter.js";

describe("parseFilter", () => {
  it("parses the examples of filtering.md", () => {
    expect(parseFilter("(VatNumber eq '123456789')")).toEqual({
      kind: "compare",
      op: "eq",
      left: { kind: "property", path: "VatNumber" },
      right: { kind: "literal", literal: { type: "string", value: "123456789" } },
    });
    expect(parseFilter("(Since ge DateTime'2015-11-26')")).toMatchObject({
      op: "ge",
      right: { literal: { type: "date", epochMs: Date.UTC(2015, 10, 26) } },
    });
    expect(parseFilter("(LastChanged gt DateTimeOffset'2023-01-01')")).toMatchObject({
      right: { literal: { type: "datetimeoffset", epochMs: Date.UTC(2023, 0, 1) } },
    });
    expect(parseFilter("(startswith(tolower(Name), 'my ') eq true)")).toEqual({
      kind: "compare",
      op: "eq",
      left: {
        kind: "call",
        name: "startswith",
        args: [
          { kind: "call", name: "tolower", args: [{ kind: "property", path: "Name" }] },
          { kind: "literal", literal: { type: "string", value: "my " } },
        ],
      },
      right: { kind: "literal", literal: { type: "boolean", value: true } },
    });
    expect(parseFilter("(EmployeeCode eq 1 and Date eq datetime'2019-09-03')")).toMatchObject({ kind: "logical", op: "and" });
    expect(parseFilter("(LastChanged ge DateTimeOffset'2025-11-04T09:56:10') and (LastChanged le DateTimeOffset'2025-11-04T11:07:37')")).toMatchObject({
      kind: "logical",
      left: { right: { literal: { epochMs: Date.UTC(2025, 10, 4, 9, 56, 10) } } },
    });
  });

  it("binds and tighter than or, and not tighter than a comparison", () => {
    expect(parseFilter("A eq 1 or B eq 2 and C eq 3")).toMatchObject({ op: "or", right: { op: "and" } });
    expect(parseFilter("not startswith(Name,'x') and A eq 1")).toMatchObject({ op: "and", left: { kind: "not" } });
    expect(parseFilter("not A eq true")).toMatchObject({ kind: "compare", left: { kind: "not" } });
  });

  it("reads offsets in DateTimeOffset literals, also a '+' that the query string turned into a space", () => {
    const utc = Date.UTC(2023, 9, 25, 7, 58, 57);
    for (const text of ["2023-10-25T09:58:57+02:00", "2023-10-25T09:58:57 02:00", "2023-10-25T07:58:57 +00:00", "2023-10-25T07:58:57Z"]) {
      expect(parseFilter(`LastChanged gt DateTimeOffset'${text}'`)).toMatchObject({ right: { literal: { epochMs: utc } } });
    }
  });

  it("reads Guids bare, as guid'…' and numbers with decimals and signs", () => {
    const id = "3F2504E0-4F89-41D3-9A0C-0305E82C3301";
    expect(parseFilter(`Id eq ${id}`)).toMatchObject({ right: { literal: { type: "guid", value: id.toLowerCase() } } });
    expect(parseFilter(`Id eq guid'${id}'`)).toMatchObject({ right: { literal: { type: "guid", value: id.toLowerCase() } } });
    expect(parseFilter("Amount gt -12.5")).toMatchObject({ right: { literal: { type: "number", value: -12.5 } } });
    expect(parseFilter("Amount gt 12.50m")).toMatchObject({ right: { literal: { type: "number", value: 12.5 } } });
  });

  it("unescapes doubled quotes and keeps æøå", () => {
    expect(parseFilter("Name eq 'Bjørn''s Rør AS'")).toMatchObject({ right: { literal: { value: "Bjørn's Rør AS" } } });
  });

  it("reads property paths", () => {
    expect(parseFilter("MailAddress/City eq 'Tromsø'")).toMatchObject({ left: { kind: "property", path: "MailAddress/City" } });
  });

  it.each([
    ["", "empty"],
    ["(Name eq 'x'", "')' expected"],
    ["Name eq", "Expression expected"],
    ["Name eq 'x' Code", "unexpected 'Code'"],
    ["Name eq 'open", "Unterminated"],
    ["Name eq and", "found operator"],
    ["LastChanged gt DateTimeOffset'yesterday'", "Unrecognized"],
    ["Id eq guid'not-a-guid'", "Unrecognized"],
    ["Name eq X'00'", "Unrecognized literal type"],
    ["Name eq #", "not valid"],
    ["Name eq 'a')", "unexpected ')'"],
  ])("refuses %j", (text, message) => {
    expect(() => parseFilter(text)).toThrow(ODataError);
    expect(() => parseFilter(text)).toThrow(message);
  });
});
