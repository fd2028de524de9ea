import { describe, expect, it } from "vitest";
import { aClaim, aLetter, day } from "../../src/collection/letters/letter-model.fixture.js";
import type { LetterKind, LetterLanguage, LetterModel } from "../../src/collection/letters/letter-model.js";
import { flat, readPdf } from "../../src/collection/letters/pdf-text.fixture.js";
import { renderLetterPdf } from "../../src/collection/letters/render-letter.js";
import { makeOcr } from "../../src/domain/identifiers/se-ocr.js";
import type { Money } from "../../src/domain/money.js";

/** The Swedish letters (issue 16): each kind in Swedish, and in English for a debtor who reads English, with the Bankgiro and the OCR reference. */
const sek = (amount: number): Money => ({ amount, currency: "SEK" });
const OCR = makeOcr("000123456");

function swedish(kind: LetterKind, language: LetterLanguage): LetterModel {
  const base = aLetter(kind);
  const claims = [aClaim({ invoiceNumber: "5001", description: "Målning av kök", principal: sek(10_000_00), paid: sek(0) })];
  const interest = { amount: sek(90_41), ratePercent: "11.00", from: day("2025-01-31"), until: day("2025-03-03") };
  const costs = [{ label: { nb: "Inkassoavgift", en: "Collection fee", sv: "Inkassoavgift", "en-SE": "Collection fee" }, amount: sek(180_00), source: "lag (1981:739) 3 § 1" }];
  return {
    ...base,
    language,
    deadline: day("2025-03-11"),
    agency: { ...base.agency, bankgiro: "5050-1055" },
    creditor: { name: "Bygg & Måleri i Uppsala AB", orgNumber: "556016-0680", address: { line1: "Kungsgatan 41", postcode: "753 21", city: "Uppsala", country: "SE" } },
    debtor: { name: "Anna Andersson", type: "consumer", address: { line1: "Storgatan 12", postcode: "753 20", city: "Uppsala", country: "SE" } },
    claims,
    interest,
    costs,
    total: sek(10_000_00 + 90_41 + 180_00),
    kid: OCR,
  };
}

const text = async (m: LetterModel) => flat((await readPdf(await renderLetterPdf(m))).text);

describe("Swedish letters", () => {
  it.each([
    ["reminder", "Betalningspåminnelse"],
    ["collection-notice", "Inkassokrav"],
    ["payment-plan", "Bekräftelse av amorteringsplan"],
    ["payment-order-application", "Ansökan om betalningsföreläggande"],
  ] as const)("%s in Swedish: %s, with the Bankgiro, the OCR reference and kronor written the Swedish way", async (kind, title) => {
    const t = await text(swedish(kind, "sv"));
    expect(t).toContain(title);
    expect(t).toMatch(/Bankgiro\s*5050-1055/);
    expect(t).toMatch(new RegExp(`OCR-nummer\\s*${OCR}`));
    expect(t).toMatch(/10\s270,41\skr/);
    expect(t).toContain("2025-03-11");
  });

  it("the inkassokrav says what inkassolagen 5 § asks: the creditor, the claim, the interest basis, how to dispute, what happens otherwise", async () => {
    const t = await text(swedish("collection-notice", "sv"));
    expect(t).toContain("Bygg & Måleri i Uppsala AB (borgenär)");
    expect(t).toContain("Målning av kök");
    expect(t).toMatch(/Dröjsmålsräntan är 11,00\s%/);
    expect(t).toContain("skriftligen bestrida");
    expect(t).toContain("betalningsföreläggande hos Kronofogden");
  });

  it("in English for a debtor who reads English: Swedish law, not the Norwegian texts", async () => {
    const t = await text(swedish("collection-notice", "en-SE"));
    expect(t).toContain("Debt collection demand (inkassokrav)");
    expect(t).toContain("räntelagen");
    expect(t).toContain("Kronofogden");
    expect(t).not.toContain("inkassoloven");
    expect(t).toMatch(new RegExp(`OCR reference\\s*${OCR}`));
    expect(t).toMatch(/SEK\s10,270\.41/);
  });

  it("refuses a SEK letter without the agency's Bankgiro, or with a reference that fails Bankgirot's check digit", async () => {
    const m = swedish("collection-notice", "sv");
    await expect(renderLetterPdf({ ...m, agency: { ...m.agency, bankgiro: undefined } as LetterModel["agency"] })).rejects.toThrow(/Bankgiro/);
    await expect(renderLetterPdf({ ...m, kid: `${OCR.slice(0, -1)}${(Number(OCR.slice(-1)) + 1) % 10}` })).rejects.toThrow(/not a valid OCR reference/);
  });
});
