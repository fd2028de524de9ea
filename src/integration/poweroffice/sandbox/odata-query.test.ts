import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DebtCollectionCaseStatus } from "./enums.js";
import { ODataError } from "./odata-filter.js";
import { applyQuery, parseQueryOptions, type EntitySchema } from "./odata-query.js";

interface Row {
  id: string;
  code: number;
  name: string;
  city: string | null;
  status: number;
  amount: number;
  dueDay: number;
  changed: number;
  active: boolean;
}

const schema: EntitySchema<Row> = {
  Id: { type: "guid", get: (r) => r.id },
  Code: { type: "number", get: (r) => r.code },
  Name: { type: "string", get: (r) => r.name },
  "MailAddress/City": { type: "string", get: (r) => r.city },
  Status: { type: { enum: DebtCollectionCaseStatus }, get: (r) => r.status },
  Amount: { type: "number", get: (r) => r.amount },
  DueDate: { type: "date", get: (r) => r.dueDay * 86_400_000 },
  LastChanged: { type: "datetimeoffset", get: (r) => r.changed },
  IsActive: { type: "boolean", get: (r) => r.active },
};

const rows: Row[] = [
  { id: "00000000-0000-4000-8000-000000000001", code: 10001, name: "Bjørn Rør AS", city: "Tromsø", status: 0, amount: 1250.5, dueDay: 20000, changed: Date.UTC(2024, 0, 1, 12), active: true },
  { id: "00000000-0000-4000-8000-000000000002", code: 10002, name: "Åse Hansen", city: null, status: 10, amount: 99, dueDay: 20010, changed: Date.UTC(2024, 0, 2, 12), active: false },
  { id: "00000000-0000-4000-8000-000000000003", code: 10003, name: "bjørnstad bygg", city: "Oslo", status: 0, amount: 5000, dueDay: 20005, changed: Date.UTC(2024, 0, 3, 12), active: true },
];

function codes(q: Record<string, string>): number[] {
  return applyQuery(rows, parseQueryOptions(q), schema).rows.map((r) => r.code);
}

describe("applyQuery", () => {
  it("filters with comparison and logical operators", () => {
    expect(codes({ $filter: "(Code eq 10002)" })).toEqual([10002]);
    expect(codes({ $filter: "(Code ne 10002)" })).toEqual([10001, 10003]);
    expect(codes({ $filter: "(Amount gt 99 and Amount le 5000)" })).toEqual([10001, 10003]);
    expect(codes({ $filter: "(Amount lt 100 or Code ge 10003)" })).toEqual([10002, 10003]);
    expect(codes({ $filter: "(not (IsActive eq true))" })).toEqual([10002]);
    expect(codes({ $filter: "(Amount eq 1250.50)" })).toEqual([10001]);
  });

  it("is case sensitive unless tolower() is used", () => {
    expect(codes({ $filter: "(startswith(Name, 'Bjørn') eq true)" })).toEqual([10001]);
    expect(codes({ $filter: "(startswith(tolower(Name), 'bjørn'))" })).toEqual([10001, 10003]);
    expect(codes({ $filter: "(tolower(Name) eq 'åse hansen')" })).toEqual([10002]);
  });

  it("compares DateTime with dates and DateTimeOffset with timestamps", () => {
    expect(codes({ $filter: "(LastChanged gt DateTimeOffset'2024-01-02T12:00:00')" })).toEqual([10003]);
    expect(codes({ $filter: "(LastChanged ge DateTimeOffset'2024-01-02T14:00:00+02:00')" })).toEqual([10002, 10003]);
    expect(codes({ $filter: `(DueDate le DateTime'${new Date(20005 * 86_400_000).toISOString().slice(0, 10)}')` })).toEqual([10001, 10003]);
  });

  it("refuses a DateTime literal against a DateTimeOffset property (filtering.md)", () => {
    expect(() => codes({ $filter: "(LastChanged gt DateTime'2024-01-01')" })).toThrow(/incompatible types/);
  });

  it("compares enums by number or by name", () => {
    expect(codes({ $filter: "(Status eq 10)" })).toEqual([10002]);
    expect(codes({ $filter: "(Status eq 'Active')" })).toEqual([10001, 10003]);
    expect(() => codes({ $filter: "(Status eq 'Open')" })).toThrow(/not a member/);
  });

  it("compares Guids case-insensitively, bare or quoted", () => {
    expect(codes({ $filter: "(Id eq 00000000-0000-4000-8000-000000000002)" })).toEqual([10002]);
    expect(codes({ $filter: "(Id eq '00000000-0000-4000-8000-00000000000A')" })).toEqual([]);
    expect(codes({ $filter: "(Id eq guid'00000000-0000-4000-8000-000000000003')" })).toEqual([10003]);
  });

  it("treats null as equal only to null", () => {
    expect(codes({ $filter: "(MailAddress/City eq null)" })).toEqual([10002]);
    expect(codes({ $filter: "(MailAddress/City ne null)" })).toEqual([10001, 10003]);
    expect(codes({ $filter: "(MailAddress/City ne 'Oslo')" })).toEqual([10001, 10002]);
  });

  it("orders, pages and counts the whole filtered set", () => {
    const q = parseQueryOptions({ $filter: "(Code gt 10000)", $orderby: "Amount desc", $top: "2", $skip: "1" });
    const result = applyQuery(rows, q, schema);
    expect(result.rows.map((r) => r.code)).toEqual([10001, 10002]);
    expect(result.count).toBe(3);
    expect(codes({ $orderby: "MailAddress/City asc, Code desc" })).toEqual([10002, 10003, 10001]);
  });

  it("requires $orderby with $top or $skip (filtering.md)", () => {
    expect(() => parseQueryOptions({ $top: "1" })).toThrow(/\$orderby is required/);
    expect(() => parseQueryOptions({ $skip: "1" })).toThrow(ODataError);
    expect(() => parseQueryOptions({ $top: "-1", $orderby: "Code" })).toThrow(/Invalid value/);
  });

  it("accepts the ?options=<odata> form", () => {
    const options = "$filter=(Code ge 10002)&$orderby=Code desc&$top=1";
    expect(codes({ options })).toEqual([10003]);
    expect(applyQuery(rows, parseQueryOptions({ options }), schema).count).toBe(2);
  });

  it.each([
    ["(customerCode eq 1)", "Could not find a property named 'customerCode'"],
    ["(Name eq 1)", "incompatible types"],
    ["(Name gt null)", "not defined"],
    ["(Code)", "boolean"],
    ["(Code eq 1 and Name)", "boolean operands"],
    ["(frobnicate(Name) eq 'x')", "Unknown function"],
    ["(startswith(Code, 'x'))", "string arguments"],
    ["(tolower(Name, Name) eq 'x')", "argument"],
    ["(IsActive gt false)", "not defined"],
  ])("refuses the filter %j with an OData error", (filter, message) => {
    expect(() => codes({ $filter: filter })).toThrow(ODataError);
    expect(() => codes({ $filter: filter })).toThrow(message);
  });

  it("refuses an unknown $orderby property", () => {
    expect(() => codes({ $orderby: "name" })).toThrow(/Could not find a property named 'name'/);
  });

  it("pages like slicing the ordered, filtered list (property)", () => {
    fc.assert(
      fc.property(fc.nat(5), fc.nat(5), fc.boolean(), (top, skip, desc) => {
        const q = parseQueryOptions({ $orderby: `Code ${desc ? "desc" : "asc"}`, $top: String(top), $skip: String(skip) });
        const all = [...rows].sort((a, b) => (desc ? b.code - a.code : a.code - b.code));
        const got = applyQuery(rows, q, schema);
        expect(got.rows).toEqual(all.slice(skip, skip + top));
        expect(got.count).toBe(rows.length);
      }),
    );
  });
});
