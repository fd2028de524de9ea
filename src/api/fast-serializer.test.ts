import { describe, expect, it } from "vitest";
import { serializerCompiler } from "fastify-type-provider-zod";
import { fastSerializerCompiler, nullableAsTypeList } from "./fast-serializer.js";
import { CaseListAnswer, CasePageAnswer } from "./routes/v1/cases.js";

/** The fast serializer of the case list and case page writes the same text as the zod serializer every other route uses. */
const compile = (schema: unknown) => ({
  zod: serializerCompiler({ schema: schema as never, method: "GET", url: "/x", httpStatus: "200" } as never) as (data: unknown) => string,
  fast: fastSerializerCompiler({ schema, method: "GET", url: "/x", httpStatus: "200" }) as (data: unknown) => string,
});

const awkward = ['quote " and \\ backslash', "line\nbreak\ttab", "Ærlig Øst Åse – “typografisk” ✓ 😀", "\u2028\u2029 separators", "\u0001 control", ""];

function summary(i: number) {
  return {
    caseId: `c-${i}`, caseNumber: `F-2025-${String(i).padStart(6, "0")}`, creditorId: "cr", invoiceNumber: awkward[i % awkward.length]!, debtorName: awkward[(i + 1) % awkward.length]!,
    stage: "notice", statusText: "Inkassovarsel sendt", hold: i % 2 ? { kind: "paused", reason: i % 4 === 1 ? null : "no address: none", until: null } : null,
    balance: "1250.50", currency: "NOK", openedOn: "2025-01-02", dueDate: "2025-01-16", nextActionOn: i % 3 ? "2025-02-01" : null, closedOn: null, closeReason: i % 5 ? null : "paid", actionNeeded: i % 2 === 0,
    // Not in the schema: neither serializer writes it.
    extra: "left out",
  };
}

describe("fast serializer: the same text as the zod serializer", () => {
  it("for a page of the case list, with awkward strings, nulls and a cursor", () => {
    const s = compile(CaseListAnswer);
    for (const answer of [{ items: Array.from({ length: 12 }, (_, i) => summary(i)), nextCursor: "eyJrIjpbIkYtMSJdfQ" }, { items: [], nextCursor: null }]) {
      expect(s.fast(answer)).toBe(s.zod(answer));
    }
  });

  it("for a case page with a timeline whose data is free-form, letters, charges and payments", () => {
    const s = compile(CasePageAnswer);
    const base = {
      case: { ...summary(1), kid: "100010001007", jurisdiction: "NO", debtorType: "person", debtorId: "7c9e6679-7425-40de-944b-e07fc1f90ae7" },
      debtor: { name: "Åse Ødegård", type: "person", orgNumber: null, birthDate: "1980-01-02", nationalId: "020180*****", address: { line1: "Bjørkeveien 12", postcode: "6002", lines: ["a", null, 3] }, email: null, phone: "+47 99 99 99 99" },
      balances: { principal: "1000.00", interest: "12.34", fees: "35.00", salary: "0.00", legal: "0.00", paid: "100.00", total: "947.34", credit: "0.00" },
      next: { event: "send-payment-demand", on: null, text: "Betalingsoppfordring" },
      allowedActions: ["pause", "message"],
      timeline: [
        { id: 1, on: "2025-01-02", at: "2025-01-02T09:00:00.000Z", actor: "system", type: "opened", stage: null, text: "Sak opprettet", reason: null, letterId: null, data: {} },
        { id: 2, on: "2025-01-20", at: "2025-01-20T09:00:00.000Z", actor: "user:x", type: "send-notice", stage: "notice", text: awkward[0]!, reason: awkward[3]!, letterId: "l-1", data: { amount: 1.5, nested: { list: [1, "two", null, true] }, text: awkward[2] } },
      ],
      letters: [{ letterId: "l-1", kind: "notice", sentOn: "2025-01-20", deadline: "2025-02-03", language: "nb", status: "sent", number: null, copyOf: null, delivery: { status: "delivered", channel: "print", reason: null, dispatchedOn: "2025-01-20" } }],
      charges: [{ kind: "fee", on: "2025-01-20", amount: "35.00", rule: "inkassoforskriften § 1-2", source: "rule", confidence: "high", payer: "debtor" }],
      payments: [{ paymentId: "p-1", receivedOn: "2025-01-25", amount: "100.00", channel: "ocr", source: "bank", allocations: [{ bucket: "principal", amount: "100.00" }] }, { paymentId: "p-2", receivedOn: "2025-01-26", amount: "1.00", channel: "ledger", source: "ledger", allocations: [] }],
    };
    expect(s.fast(base)).toBe(s.zod(base));
    const bare = { ...base, next: null, timeline: [], letters: [], charges: [], payments: [], debtor: { ...base.debtor, address: null } };
    expect(s.fast(bare)).toBe(s.zod(bare));
  });

  it("writes a nullable scalar as a type list and leaves other unions alone", () => {
    expect(nullableAsTypeList({ anyOf: [{ type: "string" }, { type: "null" }], description: "d" })).toEqual({ type: ["string", "null"], description: "d" });
    const objectOrNull = { anyOf: [{ type: "object", properties: {} }, { type: "null" }] };
    expect(nullableAsTypeList(objectOrNull)).toEqual(objectOrNull);
    const twoStrings = { anyOf: [{ type: "string" }, { type: "number" }] };
    expect(nullableAsTypeList(twoStrings)).toEqual(twoStrings);
  });
});
