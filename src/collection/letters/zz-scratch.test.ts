import { test } from "vitest";
import { writeFileSync } from "node:fs";
import { aLetter, aClaim, day, nok } from "./letter-model.fixture.js";
import { renderLetterPdf } from "./render-letter.js";
import { readPdf } from "./pdf-text.fixture.js";
test("scratch", async () => {
  for (const kind of ["reminder", "collection-notice", "payment-demand"] as const) {
    const b = await renderLetterPdf(aLetter(kind));
    writeFileSync(`/tmp/scratch/out/${kind}.pdf`, b);
    const r = await readPdf(b);
    console.log(kind, r.pages.length, r.text);
  }
  const claims = Array.from({ length: 60 }, (_, i) => aClaim({ invoiceNumber: `F${20000 + i}`, description: i % 7 === 0 ? "Service av varmepumpe og utskifting av sirkulasjonspumpe i kjeller" : "Rørleggerarbeid" }));
  const big = aLetter("payment-demand", { claims, language: "en", debtor: { name: "Sven Svensson", type: "business", address: { line1: "Storgatan 1", postcode: "111 22", city: "Stockholm", country: "SE" } } });
  const b = await renderLetterPdf(big);
  writeFileSync(`/tmp/scratch/out/big.pdf`, b);
  const r = await readPdf(b);
  console.log(r.pages.length, r.pages[0], "\n---\n", r.pages.at(-1), r.info);
});
