import { describe, expect, it } from "vitest";
import { nextWatermark } from "./watermark.js";

const at = (iso: string) => new Date(iso);
const overlapMs = 10 * 60 * 1000;

describe("the payment watermark", () => {
  it("follows the newest ledger stamp seen, stepped back by the overlap", () => {
    expect(nextWatermark({ previous: null, newestSeen: at("2025-03-01T10:00:00Z"), earliestSetAside: null, unreadable: false, overlapMs })).toEqual(at("2025-03-01T09:50:00Z"));
  });

  it("never moves back, and stays when nothing was seen", () => {
    const previous = at("2025-03-01T09:55:00Z");
    expect(nextWatermark({ previous, newestSeen: at("2025-03-01T10:00:00Z"), earliestSetAside: null, unreadable: false, overlapMs })).toBe(previous);
    expect(nextWatermark({ previous, newestSeen: null, earliestSetAside: null, unreadable: false, overlapMs })).toBe(previous);
  });

  it("stops before an item set aside, so the next sync reads it again", () => {
    expect(nextWatermark({ previous: null, newestSeen: at("2025-03-01T10:00:00Z"), earliestSetAside: at("2025-03-01T08:00:00Z"), unreadable: false, overlapMs })).toEqual(at("2025-03-01T07:59:59.999Z"));
  });

  it("stays where it was when a row could not be read at all", () => {
    const previous = at("2025-02-01T00:00:00Z");
    expect(nextWatermark({ previous, newestSeen: at("2025-03-01T10:00:00Z"), earliestSetAside: null, unreadable: true, overlapMs })).toBe(previous);
  });
});
