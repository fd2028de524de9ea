import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { agencyFromEnv } from "../../src/collection/agency.js";
import { renderQueuedLetters } from "../../src/collection/letters/render-queued.js";
import { runScenario } from "../../src/collection/scenario/run-scenario.js";
import { LocalDate } from "../../src/domain/calendar/local-date.js";
import { deliverQueuedLetters } from "../../src/delivery/deliver-letters.js";
import { paperChannel } from "../../src/delivery/paper/paper-channel.js";
import { loadRuleBook } from "../../src/platform/rule-book.js";
import { databasePerTest } from "../support/test-database.js";

/**
 * A Swedish inkassokrav that leaves later than the day it was written gets the deadline a letter
 * sent that day gets under Swedish rules — at least 8 days from sending and 4 bank days after the
 * presumed receipt (god inkassosed, IMY), Swedish holidays counted — not the Norwegian 14 days.
 */
const rules = loadRuleBook();
const t = databasePerTest();
let printDir: string;
beforeEach(async () => {
  printDir = await mkdtemp(path.join(tmpdir(), "fordring-se-print-"));
});
afterEach(async () => rm(printDir, { recursive: true, force: true }));

const scenario = {
  jurisdiction: "SE",
  start: "2025-04-14",
  days: 1,
  creditor: { name: "Norrlands Verktyg AB", orgNumber: "556036-0793", firstStep: "collection-notice" },
  invoices: [{ id: "V-1", debtor: { type: "consumer", name: "Eva Ström", address: { line1: "Storgatan 1", postcode: "903 25", city: "Umeå", country: "SE" } }, amount: "2000.00", issued: "2025-03-01", due: "2025-03-31" }],
  events: [],
};

describe("a Swedish letter that leaves late", () => {
  it("moves the inkassokrav's deadline by the Swedish rule over Easter: 28 April, not the Norwegian 30 April", async () => {
    await runScenario(scenario, rules, { agency: agencyFromEnv({}), database: t.database });
    await renderQueuedLetters(t.database, 10);
    // Written Monday 14 April: received Wednesday 16, + 4 bank days (Långfredag 18 and Annandag påsk 21 April are holidays) = Thursday 24 April.
    const [written] = await t.database.query<{ id: string; deadline: string; case_id: string }>("select id, deadline::text, case_id from letters where kind = 'collection-notice'");
    expect(written!.deadline).toBe("2025-04-24");

    const leavesOn = LocalDate.parse("2025-04-16");
    expect(await deliverQueuedLetters({ database: t.database, channels: { paper: paperChannel({ dir: printDir }) }, today: leavesOn, lettersRefused: [], swedishRules: rules.SE }, 10)).toMatchObject({ sent: 1 });
    // Leaving Wednesday 16 April: presumed received Tuesday 22 (17 is a bank day, 18–21 are not), + 4 bank days = Monday 28 April (8 days: 24 April).
    const [moved] = await t.database.query<{ deadline: string; model: { sentOn: string; deadline: string } }>("select deadline::text, model from letters where id = $1", [written!.id]);
    expect(moved).toMatchObject({ deadline: "2025-04-28", model: { sentOn: "2025-04-16", deadline: "2025-04-28" } });
    const [c] = await t.database.query<{ notice_deadline: string }>("select notice_deadline::text from cases where id = $1", [written!.case_id]);
    expect(c!.notice_deadline).toBe("2025-04-28");
    const [event] = await t.database.query<{ reason: string }>("select reason from case_events where case_id = $1 and type = 'letter-deadline-moved'", [written!.case_id]);
    expect(event!.reason).toContain("to 2025-04-28");
  });
});
