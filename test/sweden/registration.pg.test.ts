import { describe, expect, it } from "vitest";
import { nationalIdFor, setDebtorNationalId } from "../../src/access/pii.js";
import { SecretBox } from "../../src/access/secret-box.js";
import { loadCreditor } from "../../src/collection/cases/creditor.js";
import { upsertCreditor, upsertDebtor } from "../../src/collection/cases/register.js";
import { registerCreditor } from "../../src/onboarding/creditor-lifecycle.js";
import { databasePerTest } from "../support/test-database.js";

const t = databasePerTest();
const SE_ADDRESS = { line1: "Drottninggatan 1", postcode: "111 51", city: "Stockholm", country: "SE" };
const base = { name: "Svensk Kund AB", address: SE_ADDRESS, vatRegistered: true, factoring: false };

describe("a Swedish creditor from its registration (issue 16 item 3)", () => {
  it("registers SE + SEK with a Swedish organisationsnummer, and the case engine loads it as SE/SEK", async () => {
    const id = await registerCreditor(t.database, null, { ...base, code: "SE-ONE", orgNumber: "5560160680", jurisdiction: "SE" });
    const c = await loadCreditor(t.database, id);
    expect([c.jurisdiction, c.currency, c.orgNumber]).toEqual(["SE", "SEK", "556016-0680"]);
  });

  it("refuses a Swedish creditor in NOK, a Norwegian one in SEK, and each other's organisation numbers, with the reason", async () => {
    await expect(registerCreditor(t.database, null, { ...base, code: "SE-NOK", orgNumber: "556016-0680", jurisdiction: "SE", currency: "NOK" })).rejects.toThrow(/SE creditor collects in SEK, not NOK/);
    await expect(registerCreditor(t.database, null, { ...base, code: "NO-SEK", orgNumber: "974760673", jurisdiction: "NO", currency: "SEK" })).rejects.toThrow(/NO creditor collects in NOK, not SEK/);
    await expect(registerCreditor(t.database, null, { ...base, code: "SE-NOORG", orgNumber: "974760673", jurisdiction: "SE" })).rejects.toThrow(/Swedish organisationsnummer/);
    await expect(registerCreditor(t.database, null, { ...base, code: "SE-BAD", orgNumber: "556016-0681", jurisdiction: "SE" })).rejects.toThrow(/check digit: expected 0, got 1/);
    await expect(registerCreditor(t.database, null, { ...base, code: "NO-SEORG", orgNumber: "556016-0680" })).rejects.toThrow(/Norwegian organisasjonsnummer/);
    const [n] = await t.database.query<{ n: number }>("select count(*)::int as n from creditors");
    expect(Number(n!.n)).toBe(0);
  });

  it("refuses a Swedish creditor with a Norwegian rule and a Norwegian one with a Swedish rule", async () => {
    await expect(upsertCreditor(t.database, { code: "SE-UTL", name: "X AB", jurisdiction: "SE", collection: { legalStep: "utlegg" } })).rejects.toThrow(/legalStep is a Norwegian rule .* this creditor is SE/);
    await expect(upsertCreditor(t.database, { code: "NO-PAM", name: "X AS", collection: { reminderFeeAgreed: true } })).rejects.toThrow(/reminderFeeAgreed is a Swedish rule .* this creditor is NO/);
  });

  it("keeps a Swedish debtor's personnummer encrypted, masked without pii, and refuses a fødselsnummer or a wrong check digit", async () => {
    const creditorId = await upsertCreditor(t.database, { code: "SE-PII", name: "Svensk AB", orgNumber: "556016-0680", jurisdiction: "SE" });
    const debtorId = await upsertDebtor(t.database, creditorId, { source: "t", externalId: "D1", type: "consumer", name: "Anna Andersson", address: SE_ADDRESS, language: "sv" });
    const box = SecretBox.fromKey("07".repeat(32));
    await setDebtorNationalId(t.database, box, debtorId, "811218-9876");
    const [row] = await t.database.query<{ national_id_enc: string }>("select national_id_enc from debtors where id = $1", [debtorId]);
    expect(row!.national_id_enc).not.toContain("811218");
    expect(nationalIdFor(box, row!.national_id_enc, true)).toBe("811218-9876");
    expect(nationalIdFor(box, row!.national_id_enc, false)).toBe("811218****");
    await expect(setDebtorNationalId(t.database, box, debtorId, "811218-9875")).rejects.toThrow(/Swedish personnummer/);
    await expect(setDebtorNationalId(t.database, box, debtorId, "01019010046")).rejects.toThrow(/Swedish personnummer/);
  });
});
