import { describe, expect, it } from "vitest";
import { judgeLedgerNotice, type LedgerNoticeVerdict } from "./open-case.js";
import { scheduledEvents } from "./schedule.js";
import { aCase, day } from "./test-fixtures.js";
import { transition } from "./transition.js";

/**
 * A collection notice the creditor's ledger sent before transfer counts only if it keeps the
 * law's rules (due 2025-01-31, a Friday): sent after the due date, from 2025-02-01, with a deadline
 * at least 14 days from sending (inkassoloven § 9, not moved off holidays).
 */
const judge = (sentOn: string, deadline: string, due = "2025-01-31"): LedgerNoticeVerdict => judgeLedgerNotice({ sentOn: day(sentOn), deadline: day(deadline) }, day(due));
const codes = (v: LedgerNoticeVerdict) => (v.accepted ? [] : v.defects.map((d) => d.code));

describe("judging a collection notice sent by the ledger", () => {
  it("accepts a notice sent after due with a 14-day deadline, the edge days included", () => {
    expect(judge("2025-02-01", "2025-02-15")).toEqual({ accepted: true });
    expect(judge("2025-02-14", "2025-02-28")).toEqual({ accepted: true });
    expect(judge("2025-03-03", "2025-03-20")).toEqual({ accepted: true });
  });

  it("refuses a notice sent before the claim was overdue, and says so with the earliest day", () => {
    const v = judge("2025-01-31", "2025-02-14");
    expect(codes(v)).toEqual(["ledger_notice_too_early"]);
    if (v.accepted) return;
    expect(v.text.en).toBe(
      "The ledger's collection notice (sent 2025-01-31, deadline 2025-02-14) does not count as the collection notice: " +
        "it was sent on 2025-01-31, before the claim was overdue (due 2025-01-31); a collection notice may be sent from 2025-02-01 (inkassoloven § 9). " +
        "The agency sends its own collection notice.",
    );
    expect(v.text.nb).toContain("inkassovarsel kan sendes tidligst 01.02.2025");
  });

  it("refuses a deadline shorter than 14 days from sending (inkassoloven § 9), a holiday not extending it", () => {
    const v = judge("2025-02-20", "2025-03-05");
    expect(codes(v)).toEqual(["ledger_notice_deadline_too_short"]);
    if (v.accepted) return;
    expect(v.defects[0]!.text.en).toBe("its deadline 2025-03-05 gives 13 days from sending; inkassoloven § 9 requires at least 14 days (2025-03-06 or later)");
    // Sent 2025-04-04: the 14th day is Langfredag 2025-04-18 and counts as it is (Ot.prp. nr. 2 (1997–98) s. 114).
    expect(judge("2025-04-04", "2025-04-18", "2025-03-14")).toEqual({ accepted: true });
  });

  it("names every defect at once, and a deadline before the sending in plain words", () => {
    const v = judge("2025-01-30", "2025-01-29");
    expect(codes(v)).toEqual(["ledger_notice_too_early", "ledger_notice_deadline_too_short"]);
    if (v.accepted) return;
    expect(v.text.en).toContain("its deadline 2025-01-29 is before it was sent");
    expect(v.text.nb).toContain("fristen 29.01.2025 er før varselet ble sendt");
  });
});

describe("a case opened with a ledger notice", () => {
  it("a valid notice: the payment demand follows its deadline, no notice of the agency's own", () => {
    const opened = aCase().withLedgerNotice("2025-02-14", "2025-02-28").openedOn("2025-03-01").build();
    expect(opened.noticeSentBy).toBe("ledger");
    expect(scheduledEvents(opened)).toEqual([{ event: "send-payment-demand", on: day("2025-03-01") }]);
  });

  it("a notice with a 5-day deadline is not the case's notice: the agency sends its own, and a payment demand is refused until then", () => {
    const opened = aCase().withLedgerNotice("2025-02-20", "2025-02-25").openedOn("2025-02-27").build();
    expect([opened.noticeSentOn, opened.noticeDeadline, opened.noticeSentBy]).toEqual([null, null, null]);
    expect(scheduledEvents(opened)).toEqual([{ event: "send-collection-notice", on: day("2025-02-14") }]);
    const demand = transition(opened, { type: "send-payment-demand" }, { today: day("2025-02-27"), balanceMinor: 1_000_00 });
    expect(demand.ok ? demand.state.stage : demand.reason.code).toBe("no_collection_notice");
    const notice = transition(opened, { type: "send-collection-notice" }, { today: day("2025-02-27"), balanceMinor: 1_000_00 });
    expect(notice.ok ? notice.state.stage : notice.reason.code).toBe("collection-notice");
  });

  it("a notice sent before the claim was due is not the case's notice either", () => {
    const opened = aCase().withLedgerNotice("2025-01-20", "2025-02-19").openedOn("2025-02-20").build();
    expect(opened.noticeSentBy).toBeNull();
    expect(scheduledEvents(opened)[0]?.event).toBe("send-collection-notice");
  });
});
