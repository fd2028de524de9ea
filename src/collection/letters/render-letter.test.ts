import { beforeAll, describe, expect, it } from "vitest";
import { aClaim, aLetter, day, nok } from "./letter-model.fixture.js";
import type { LetterModel } from "./letter-model.js";
import { type ReadPdf, inflatedStreams, readPdf } from "./pdf-text.fixture.js";
import { renderLetterPdf } from "./render-letter.js";

// Expected texts are written out literally. pdfjs reports the no-break space as a plain space,
// so "kr 12 142,43" is matched with spaces; the no-break space itself is checked below the text layer.

async function render(model: LetterModel): Promise<ReadPdf> {
  return readPdf(await renderLetterPdf(model));
}

describe("payment demand (betalingsoppfordring, inkassoloven § 10) in Norwegian", () => {
  let pdf: ReadPdf;
  beforeAll(async () => {
    pdf = await render(aLetter("payment-demand"));
  });

  it("is one A4 page with the agency's letterhead and the title", () => {
    expect(pdf.pages).toHaveLength(1);
    expect(pdf.pageSizes[0]![0]).toBeCloseTo(595.28, 1);
    expect(pdf.pageSizes[0]![1]).toBeCloseTo(841.89, 1);
    expect(pdf.text).toContain("Nordlys Inkasso AS Kongens gate 6, 0153 Oslo Org.nr. 923 609 016 Inkassobevilling fra Finanstilsynet");
    expect(pdf.text).toContain("Betalingsoppfordring");
    expect(pdf.text).toContain("Side 1 av 1");
  });

  it("addresses the debtor and gives the references", () => {
    expect(pdf.text).toContain("Åse Øvergård Tårnveien 7 Leilighet H0203 1362 Hosle");
    expect(pdf.text).toContain(
      "Dato 03.03.2025 Saksnummer 2025-000123 Brevnummer L-000042 Kundenummer K-10077 Kreditor Bærum Rørlegger AS Betalingsfrist 17.03.2025",
    );
    // The letter's internal id is not printed anywhere.
    expect(pdf.text).not.toContain("3f2b8c1e");
  });

  it("a) names the creditor", () => {
    expect(pdf.text).toContain("Vi har fått i oppdrag av Bærum Rørlegger AS (kreditor) å kreve inn kravet nedenfor.");
  });

  it("b) says what the claim concerns, invoice by invoice", () => {
    expect(pdf.text).toContain("Kravet gjelder Rørleggerarbeid, nytt bad; Reservedeler, blandebatteri.");
    expect(pdf.text).toContain("10023 02.01.2025 16.01.2025 Rørleggerarbeid, nytt bad 12 500,00 2 500,00 10 000,00");
    expect(pdf.text).toContain("10031 10.01.2025 24.01.2025 Reservedeler, blandebatteri 1 500,00 0,00 1 500,00");
  });

  it("c) gives the size with the principal and the additional claims separated", () => {
    expect(pdf.text).toContain("Kravet består av hovedstol og tilleggskrav (renter og kostnader)");
    expect(pdf.text).toContain(
      "Hovedstol 14 000,00 Innbetalt -2 500,00 Gjenstående hovedstol 11 500,00 " +
        "Forsinkelsesrente 12,50 % per år fra 17.01.2025 til 03.03.2025 187,43 " +
        "Gebyr for inkassovarsel 35,00 Inkassosalær (lett sats) 420,00 " +
        "Sum tilleggskrav (renter og kostnader) 642,43 Å betale 12 142,43",
    );
  });

  it("d) states the interest rate used and the date interest runs from", () => {
    expect(pdf.text).toContain("Forsinkelsesrenten er beregnet med en rentesats på 12,50 % per år, og renten løper fra 17.01.2025.");
  });

  it("e) warns that non-payment may cause further costs and legal enforcement", () => {
    expect(pdf.text).toContain("Manglende betaling kan føre til ytterligere kostnader for deg og til rettslig inndrivelse av kravet");
  });

  it("f) tells of the right to object and to nemndsbehandling under § 22", () => {
    expect(pdf.text).toContain("Du har rett til å komme med innsigelser mot kravet.");
    expect(pdf.text).toContain("rett til nemndsbehandling i Finansklagenemnda (Inkassoklagenemnda), jf. inkassoloven § 22.");
  });

  it("asks to pay or object within the deadline of 14 days", () => {
    expect(pdf.text).toContain(
      "Vi ber deg betale kr 12 142,43 innen 17.03.2025, eller innen samme frist gi oss beskjed om hvorfor du mener at kravet ikke er riktig.",
    );
    expect(pdf.text).toContain("Fristen er 14 dager fra denne betalingsoppfordringen ble sendt 03.03.2025.");
  });

  it("has a payment box with account, KID, amount and deadline", () => {
    expect(pdf.text).toContain(
      "Betalingsinformasjon Til konto 8601.11.17947 KID 20250001235 Beløp kr 12 142,43 " +
        "IBAN NO93 8601 1117 947 BIC/SWIFT DNBANOKKXXX Betalingsfrist 17.03.2025",
    );
  });

  it("carries title, author, language and the sending date as document metadata", () => {
    expect(pdf.info).toMatchObject({
      Title: "Betalingsoppfordring 2025-000123",
      Author: "Nordlys Inkasso AS",
      Language: "nb-NO",
      CreationDate: "D:20250303000000Z",
      ModDate: "D:20250303000000Z",
    });
  });
});

describe("collection notice (inkassovarsel, inkassoloven § 9) in Norwegian", () => {
  let pdf: ReadPdf;
  beforeAll(async () => {
    pdf = await render(aLetter("collection-notice"));
  });

  it("says the claim goes to collection unless paid within at least 14 days", () => {
    expect(pdf.text).toContain("Inkassovarsel");
    expect(pdf.text).toContain("Dersom kravet på kr 11 722,43 ikke er betalt innen 17.03.2025, vil det bli sendt til inkasso.");
    expect(pdf.text).toContain("Fristen er 14 dager fra dette varselet ble sendt 03.03.2025.");
  });

  it("says collection costs may be added, none if paid in time (§ 17), and shows the fee", () => {
    expect(pdf.text).toContain("kan det påløpe inkassokostnader");
    expect(pdf.text).toContain("Betaler du innen fristen, slipper du inkassokostnader.");
    expect(pdf.text).toContain("I beløpet inngår: Gebyr for inkassovarsel kr 35,00.");
    expect(pdf.text).toContain("Gebyr for inkassovarsel 35,00 Sum tilleggskrav (renter og kostnader) 222,43 Å betale 11 722,43");
  });

  it("names the creditor, the claim and the payment details", () => {
    expect(pdf.text).toContain("Vi skriver på vegne av Bærum Rørlegger AS.");
    expect(pdf.text).toContain("Kravet gjelder Rørleggerarbeid, nytt bad; Reservedeler, blandebatteri.");
    expect(pdf.text).toContain("Til konto 8601.11.17947 KID 20250001235 Beløp kr 11 722,43");
    expect(pdf.text).not.toContain("Betalingsoppfordring");
  });
});

describe("reminder (purring) in Norwegian", () => {
  let pdf: ReadPdf;
  beforeAll(async () => {
    pdf = await render(aLetter("reminder"));
  });

  it("states the amount, what the claim concerns and the deadline (inkassoforskriften § 1-2)", () => {
    expect(pdf.text).toContain("Betalingspåminnelse");
    expect(pdf.text).toContain("Kravet gjelder Rørleggerarbeid, nytt bad; Reservedeler, blandebatteri.");
    expect(pdf.text).toContain("Vi ber deg betale kr 11 722,43 innen 17.03.2025.");
    expect(pdf.text).toContain("I beløpet inngår: Purregebyr kr 35,00.");
  });

  it("says a collection notice may follow, without announcing collection itself", () => {
    expect(pdf.text).toContain("kan du få et inkassovarsel, og kravet kan deretter bli sendt til inkasso.");
    expect(pdf.text).not.toContain("vil det bli sendt til inkasso");
  });
});

describe("payment demand in English, to a debtor abroad", () => {
  let pdf: ReadPdf;
  beforeAll(async () => {
    const debtor = {
      name: "Sven Svensson",
      type: "consumer" as const,
      address: { line1: "Storgatan 1", postcode: "111 22", city: "Stockholm", country: "SE" },
    };
    pdf = await render(aLetter("payment-demand", { language: "en", debtor }));
  });

  it("writes amounts as NOK 1,500.00 and dates in ISO form", () => {
    expect(pdf.text).toContain("Payment demand");
    expect(pdf.text).toContain("Please pay NOK 12,142.43 by 2025-03-17, or by the same deadline tell us why you believe the claim is not correct.");
    expect(pdf.text).toContain("10023 2025-01-02 2025-01-16 Rørleggerarbeid, nytt bad 12,500.00 2,500.00 10,000.00");
    expect(pdf.text).toContain("Amount NOK 12,142.43");
  });

  it("puts the country on the last address line", () => {
    expect(pdf.text).toContain("Sven Svensson Storgatan 1 111 22 Stockholm SWEDEN");
  });

  it("makes every § 10 statement", () => {
    expect(pdf.text).toContain("We have been instructed by Bærum Rørlegger AS (the creditor)");
    expect(pdf.text).toContain(
      "Principal 14,000.00 Paid -2,500.00 Outstanding principal 11,500.00 " +
        "Late payment interest at 12.50% per year from 2025-01-17 to 2025-03-03 187.43 " +
        "Collection notice fee 35.00 Collection fee (light rate) 420.00 " +
        "Total additional claims (interest and costs) 642.43 Amount to pay 12,142.43",
    );
    expect(pdf.text).toContain("at a rate of 12.50% per year, running from 2025-01-17.");
    expect(pdf.text).toContain("Failure to pay may lead to further costs for you and to legal enforcement of the claim");
    expect(pdf.text).toContain("You have the right to object to the claim.");
    expect(pdf.text).toContain("(Finansklagenemnda, Inkassoklagenemnda) under section 22 of the Norwegian Debt Collection Act");
    expect(pdf.text).toContain("Page 1 of 1");
    expect(pdf.info).toMatchObject({ Language: "en", Title: "Payment demand 2025-000123" });
  });
});

describe("fonts and bytes", () => {
  it("embeds only the bundled DejaVu Sans, never a standard PDF font", async () => {
    const raw = Buffer.from(await renderLetterPdf(aLetter("payment-demand"))).toString("latin1");
    expect(raw).toMatch(/\/BaseFont \/[A-Z]{6}\+DejaVuSans\b/);
    expect(raw).toMatch(/\/BaseFont \/[A-Z]{6}\+DejaVuSans-Bold\b/);
    expect(raw).not.toContain("Helvetica");
  });

  it("draws æ ø å Å Ø § and the no-break space as their own glyphs (ToUnicode map)", async () => {
    const streams = inflatedStreams(await renderLetterPdf(aLetter("payment-demand")));
    for (const code of ["00e6", "00f8", "00e5", "00c5", "00d8", "00a7", "00a0"]) expect(streams).toContain(`<${code}>`);
  });

  it("gives identical bytes for the same model, whatever was rendered in between", async () => {
    const model = aLetter("payment-demand");
    const first = await renderLetterPdf(model);
    await renderLetterPdf(aLetter("reminder", { language: "en" }));
    const again = await renderLetterPdf(aLetter("payment-demand"));
    expect(again.equals(first)).toBe(true);

    const later = await renderLetterPdf(aLetter("payment-demand", { sentOn: day("2025-03-04"), deadline: day("2025-03-18") }));
    expect(later.equals(first)).toBe(false);
  });
});

describe("a letter with 60 claims", () => {
  const claims = Array.from({ length: 60 }, (_, i) =>
    aClaim({
      invoiceNumber: `F${20000 + i}`,
      description: i % 7 === 0 ? `Service av varmepumpe og bytte av sirkulasjonspumpe, ordre ${i}` : `Rørleggerarbeid uke ${i + 1}`,
      principal: nok(1_000_00 + i),
      paid: nok(0),
    }),
  );
  let pdf: ReadPdf;
  beforeAll(async () => {
    pdf = await render(aLetter("payment-demand", { claims }));
  });

  it("spans several pages, numbered, with a running header from page 2", () => {
    const n = pdf.pages.length;
    expect(n).toBeGreaterThan(1);
    expect(pdf.pages[0]).toContain(`Side 1 av ${n}`);
    expect(pdf.pages[n - 1]).toContain(`Side ${n} av ${n}`);
    expect(pdf.pages[1]).toContain("Betalingsoppfordring · Saksnummer 2025-000123 · Åse Øvergård");
    expect(pdf.pages[1]).toContain("Fakturanr. Fakturadato Forfall Gjelder Beløp Betalt Rest");
  });

  it("lists every claim exactly once, with its amount", () => {
    claims.forEach((claim, i) => {
      const amount = `1 000,${String(i).padStart(2, "0")}`;
      const row = new RegExp(`\\b${claim.invoiceNumber} 02\\.01\\.2025 16\\.01\\.2025 .+? ${amount} 0,00 ${amount}`);
      expect(pdf.text.match(new RegExp(`\\b${claim.invoiceNumber}\\b`, "g")), claim.invoiceNumber).toHaveLength(1);
      expect(pdf.text, claim.invoiceNumber).toMatch(row);
    });
    expect(pdf.text).toContain("Kravet gjelder 60 fakturaer, se spesifikasjonen nedenfor.");
  });

  it("follows the claims with the summary and then the payment box", () => {
    // 60 × 1 000,00 + (0 + 1 + … + 59) øre = 60 017,70; + interest 187,43 + costs 455,00 = 60 660,13.
    const lastClaim = pdf.text.indexOf("F20059");
    const summary = pdf.text.indexOf("Hovedstol 60 017,70");
    const total = pdf.text.indexOf("Å betale 60 660,13");
    const box = pdf.text.indexOf("Til konto 8601.11.17947 KID 20250001235 Beløp kr 60 660,13");
    expect(lastClaim).toBeGreaterThan(0);
    expect(summary).toBeGreaterThan(lastClaim);
    expect(total).toBeGreaterThan(summary);
    expect(box).toBeGreaterThan(total);
  });
});

describe("interest at more than one rate", () => {
  it("lists each period with its rate and says that the rate changed", async () => {
    const pdf = await render(
      aLetter("payment-demand", {
        sentOn: day("2025-09-02"),
        deadline: day("2025-09-16"),
        interest: {
          amount: nok(187_43),
          ratePercent: "12.50",
          from: day("2025-01-17"),
          until: day("2025-09-01"),
          periods: [
            { from: day("2025-01-17"), to: day("2025-06-30"), ratePercent: "12.25", amount: nok(100_00) },
            { from: day("2025-07-01"), to: day("2025-09-01"), ratePercent: "12.50", amount: nok(87_43) },
          ],
        },
      }),
    );
    expect(pdf.text).toContain(
      "Forsinkelsesrente 12,25 % per år fra 17.01.2025 til 30.06.2025 100,00 Forsinkelsesrente 12,50 % per år fra 01.07.2025 til 01.09.2025 87,43",
    );
    expect(pdf.text).toContain("Rentesatsen har endret seg i perioden");
  });
});

describe("validation before rendering", () => {
  it("refuses an unlawful letter instead of drawing it", async () => {
    await expect(renderLetterPdf(aLetter("collection-notice", { deadline: day("2025-03-16") }))).rejects.toMatchObject({
      code: "deadline_too_short",
      field: "deadline",
    });
  });
});
