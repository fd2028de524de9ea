import { describe, expect, it } from "vitest";
import { DebtCollectionStatus as S, type DebtCollectionStatusValue } from "./enums.js";
import { nextInvoiceStatus, type InvoiceEvent } from "./invoice-status.js";

const EVENTS: InvoiceEvent[] = ["send", "hold", "release", "approve", "export", "reject"];
const STATUSES = Object.values(S) as DebtCollectionStatusValue[];

// The whole table, written out: status × event → next (undefined = refused).
const EXPECTED: Record<number, Partial<Record<InvoiceEvent, number>>> = {
  0: { send: 1 },
  1: { hold: 2, approve: 3 },
  2: { release: 1 },
  3: { export: 4 },
  4: { reject: 10 },
  10: { send: 1 },
};

describe("nextInvoiceStatus", () => {
  for (const status of STATUSES) {
    for (const event of EVENTS) {
      it(`${status} × ${event} → ${EXPECTED[status]![event] ?? "refused"}`, () => {
        expect(nextInvoiceStatus(status, event)).toBe(EXPECTED[status]![event]);
      });
    }
  }

  it("only reaches Exported through Approved (the agency takes approved invoices only)", () => {
    const into = STATUSES.filter((s) => EVENTS.some((e) => nextInvoiceStatus(s, e) === S.Exported));
    expect(into).toEqual([S.Approved]);
  });
});
