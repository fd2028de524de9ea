import { describe, expect, it } from "vitest";
import { LocalDate } from "../domain/calendar/local-date.js";
import { chooseChannels, EMAIL_RECENT_DAYS, type ChannelFacts } from "./choose-channels.js";

const today = LocalDate.parse("2025-03-03");
const facts = (over: Partial<ChannelFacts> = {}): ChannelFacts => ({
  debtorType: "consumer",
  hasDigipostMailbox: false,
  emailFacts: [],
  ledgerEmail: null,
  hasPostalAddress: true,
  today,
  available: ["digipost", "email", "paper"],
  ...over,
});
const names = (f: ChannelFacts) => chooseChannels(f).channels.map((c) => c.channel);

describe("channel choice by law and data (inkassoloven § 3 a)", () => {
  it("a consumer with a Digipost mailbox: Digipost first, paper as the fallback", () => {
    const plan = chooseChannels(facts({ hasDigipostMailbox: true }));
    expect(plan.channels.map((c) => c.channel)).toEqual(["digipost", "paper"]);
    expect(plan.channels[0]!.reason.en).toContain("§ 3 a");
    expect(plan.channels[0]!.reason.nb).toContain("§ 3 a");
  });

  it("a consumer's e-mail only when recorded as the debtor's own and recently used", () => {
    const own = { address: "kari@example.no", origin: "debtor wrote to the creditor", usedOn: today.minusDays(30), debtorsOwn: true };
    expect(names(facts({ emailFacts: [own] }))).toEqual(["email", "paper"]);
    expect(chooseChannels(facts({ emailFacts: [own] })).channels[0]).toMatchObject({ email: "kari@example.no", reason: { nb: expect.stringContaining("kari@example.no"), en: expect.stringContaining("debtor wrote to the creditor") } });

    const notOwn = chooseChannels(facts({ emailFacts: [{ ...own, debtorsOwn: false }] }));
    expect(notOwn.channels.map((c) => c.channel)).toEqual(["paper"]);
    expect(notOwn.passedOver.map((p) => p.en)).toContain("kari@example.no is not recorded as the debtor's own");

    const old = chooseChannels(facts({ emailFacts: [{ ...own, usedOn: today.minusDays(EMAIL_RECENT_DAYS + 1) }] }));
    expect(old.channels.map((c) => c.channel)).toEqual(["paper"]);
    expect(old.passedOver.map((p) => p.en).join()).toContain("more than 365 days ago");
    // Exactly at the limit still counts.
    expect(names(facts({ emailFacts: [{ ...own, usedOn: today.minusDays(EMAIL_RECENT_DAYS) }] }))).toEqual(["email", "paper"]);
  });

  it("the ledger's e-mail alone is not lawful for a consumer, but is for a business", () => {
    const consumer = chooseChannels(facts({ ledgerEmail: "kari@example.no" }));
    expect(consumer.channels.map((c) => c.channel)).toEqual(["paper"]);
    expect(consumer.passedOver.map((p) => p.en).join()).toContain("§ 3 a");
    expect(names(facts({ debtorType: "business", ledgerEmail: "faktura@firma.no", hasDigipostMailbox: true }))).toEqual(["email", "paper"]);
  });

  it("without a configured channel or a postal address, there is no channel, with the reasons", () => {
    const none = chooseChannels(facts({ hasPostalAddress: false, available: ["email", "paper"] }));
    expect(none.channels).toEqual([]);
    expect(none.passedOver.map((p) => p.en)).toEqual(["Digipost is not configured", "no e-mail address recorded", "the debtor has no postal address"]);
    expect(none.passedOver.map((p) => p.nb)).toEqual(["Digipost er ikke satt opp", "ingen e-postadresse registrert", "skyldneren har ingen postadresse"]);
  });
});
