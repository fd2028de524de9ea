import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { BankFileError } from "./bank-file-error.js";
import { collectBankFile } from "./bank-file.js";
import { validateCamt054 } from "./camt054-schema.js";
import { decimalToScaled, moneyOf } from "./camt054-transaction.js";
import { parseCamt054, parseCamt054File, parseCamt054String } from "./camt054.js";

const fixture = (name: string) => fileURLToPath(new URL(`../../../test/fixtures/bank-files/${name}`, import.meta.url));
const text = (name: string) => readFileSync(fixture(name), "utf8");

async function rejection(xml: string): Promise<BankFileError> {
  const error = await parseCamt054String(xml).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(BankFileError);
  return error as BankFileError;
}

/** genkgo's v4 sample with its inconsistencies removed: credit entry, three transactions in EUR. */
function genkgoV4AsCredits(currency: "CHF" | "EUR"): string {
  return text("camt054.v4.xml")
    .replace('<Amt Ccy="SEK">200000</Amt>', `<Amt Ccy="${currency}">9.5</Amt>`)
    .replaceAll("<CdtDbtInd>DBIT</CdtDbtInd>", "<CdtDbtInd>CRDT</CdtDbtInd>")
    .replace("<NbOfTxs>2</NbOfTxs>", "<NbOfTxs>3</NbOfTxs>")
    .replace('<TtlAmt Ccy="CHF">6.3</TtlAmt>', '<TtlAmt Ccy="CHF">9.5</TtlAmt>')
    .replaceAll('Ccy="CHF"', `Ccy="${currency}"`);
}

describe("camt.054: the genkgo/camt samples", () => {
  it("reads camt054.v2.xml: its one entry is a debit, reported as a notice, so no payments", async () => {
    const file = await parseCamt054File(fixture("camt054.v2.xml"));
    expect(file).toMatchObject({ format: "camt.054", version: "001.02", fileId: "AAAASESS-FP-ACCR001", creditorAccount: "CH2801234000123456789" });
    expect(file.payments).toEqual([]);
    expect(file.errors).toEqual([]);
    expect(file.totals).toEqual([]);
    expect(file.notices).toEqual([
      { lineRef: "Ntfctn[1]/Ntry[1]", message: "debit 200000.00 SEK entry (line 58): only credits are incoming payments (3 transaction details ignored)" },
    ]);
  });

  it("rejects camt054.v4.xml whole: its batch says 2 transactions and holds 3", async () => {
    const error = await rejection(text("camt054.v4.xml"));
    expect(error.code).toBe("record_count_mismatch");
    expect(error.where).toBe("Ntfctn[1]/Ntry[1]/NtryDtls[1]/Btch (line 87)");
    expect(error.message).toContain("Btch/NbOfTxs says 2 transactions, the entry details hold 3");
  });

  it("reads the v4 transactions once the sample is made consistent: payer, IBAN, references", async () => {
    const file = await parseCamt054String(genkgoV4AsCredits("EUR"));
    expect(file.version).toBe("001.04");
    expect(file.totals).toEqual([{ count: 3, amount: { amount: 9_50, currency: "EUR" } }]);
    expect(file.payments.map((p) => [p.lineRef, p.amount.amount, p.reference])).toEqual([
      ["Ntfctn[1]/Ntry[1]/NtryDtls[1]/TxDtls[1]", 3_10, { kind: "free-text", value: "Unstructured Remittance Information V1", valid: null }],
      ["Ntfctn[1]/Ntry[1]/NtryDtls[1]/TxDtls[2]", 3_20, { kind: "free-text", value: "ISR ref number V2", valid: null }],
      ["Ntfctn[1]/Ntry[1]/NtryDtls[1]/TxDtls[3]", 3_20, { kind: "kid", value: "Ref number V3 block 1", valid: false, reason: "contains non-digit characters" }],
    ]);
    const third = file.payments[2]!;
    expect(third.extraReferences).toEqual([{ kind: "kid", value: "Ref number V3 block 2", valid: false, reason: "contains non-digit characters" }]);
    expect(third.message).toBe("Unstructured Remittance Information V3 block 1 Unstructured Remittance Information V3 block 2");
    expect(third.payer).toEqual({ name: "UNIFITS GmbH", account: "CH2801234000123456789" });
    expect(third.bankReference).toBe("ACSR160617103200001");
    expect(third.endToEndId).toBe("UXC06170000006PI00001EE00002");
    expect(third.bankTransactionCode).toBe("PMNT/ICDT/DMCT");
    expect(third.bookedOn.toString()).toBe("2007-10-18");
  });

  it("lists transactions in a currency we do not carry as errors, with their lines", async () => {
    const file = await parseCamt054String(genkgoV4AsCredits("CHF"));
    expect(file.payments).toEqual([]);
    expect(file.errors.map((e) => e.message)).toEqual([
      "currency CHF is not supported (NOK, SEK, EUR) (line 100)",
      "currency CHF is not supported (NOK, SEK, EUR) (line 185)",
      "currency CHF is not supported (NOK, SEK, EUR) (line 264)",
    ]);
  });
});

describe("camt.054: Norwegian KID notifications", () => {
  it("reads .08: KIDs from SCOR references, a wrong check digit kept, Ustrd fallbacks, the debit fee as a notice", async () => {
    const file = await parseCamt054File(fixture("camt054-no-kid.v08.xml"));
    expect(file).toMatchObject({ version: "001.08", fileId: "FORDRING-054-20250303-0001", creditorAccount: "NO9386011117947" });
    expect(file.totals).toEqual([{ count: 4, amount: { amount: 4_249_50, currency: "NOK" } }]);
    expect(file.errors).toEqual([]);
    expect(file.payments.map((p) => [p.amount.amount, p.reference, p.payer?.name])).toEqual([
      [1_500_00, { kind: "kid", value: "20250001011", valid: true }, "Ola Nordmann"],
      [1_250_00, { kind: "kid", value: "20250001030", valid: false, reason: "check digit: expected 7 (MOD10) or 8 (MOD11), got 0" }, "Kari Ærø Østbø"],
      [1_000_00, { kind: "free-text", value: "Faktura 10023 kundenr 881", valid: null }, "Per Hansen AS"],
      [499_50, { kind: "kid", value: "2025000102-", valid: true }, "Lise Berg"],
    ]);
    const [ola, kari, , lise] = file.payments;
    expect(ola).toMatchObject({ bankReference: "ARK-20250303-0001-01", endToEndId: "E2E-OLA-0001", payer: { account: "12345678903" }, bankTransactionCode: "PMNT/RCDT/VCOM" });
    expect([ola!.bookedOn.toString(), ola!.valueOn?.toString()]).toEqual(["2025-03-03", "2025-03-04"]);
    expect(kari!.endToEndId).toBeUndefined(); // NOTPROVIDED
    // A lone TxDtls without an amount of its own takes the entry's; BookgDt given as DtTm.
    expect(lise).toMatchObject({ lineRef: "Ntfctn[1]/Ntry[2]/NtryDtls[1]/TxDtls[1]", bankReference: "ARK-20250303-0002" });
    expect(lise!.bookedOn.toString()).toBe("2025-03-03");
    expect(file.notices).toEqual([{ lineRef: "Ntfctn[1]/Ntry[3]", message: "debit 200.00 NOK entry (line 187): only credits are incoming payments" }]);
  });

  it("reads .02: amounts from AmtDtls/TxAmt, the debtor name without Pty, Ustrd kept as message beside a SCOR KID", async () => {
    const file = await parseCamt054File(fixture("camt054-no-kid.v02.xml"));
    expect(file.totals).toEqual([{ count: 2, amount: { amount: 2_150_75, currency: "NOK" } }]);
    expect(file.creditorAccount).toBe("86011117947");
    expect(file.payments.map((p) => [p.amount.amount, p.reference.value, p.reference.valid, p.payer, p.message])).toEqual([
      [1_650_75, "20250001054", true, { name: "Bjørn Åsheim", account: "15037100048" }, undefined],
      [500_00, "20250001060", true, { name: "Grete Lie" }, "Innbetaling sak 4411"],
    ]);
  });

  it("checks a SCOR reference as a Swedish OCR number when asked", async () => {
    const file = await parseCamt054File(fixture("camt054-no-kid.v02.xml"), { referenceKind: "ocr" });
    expect(file.payments[0]!.reference).toEqual({ kind: "ocr", value: "20250001054", valid: false, reason: "check digit: expected 2, got 4" });
  });

  it("gives the same result when the bytes arrive in 100-byte chunks that split multi-byte characters", async () => {
    const bytes = readFileSync(fixture("camt054-no-kid.v08.xml"));
    const chunks = Array.from({ length: Math.ceil(bytes.length / 100) }, (_, i) => bytes.subarray(i * 100, i * 100 + 100));
    const chunked = await collectBankFile(parseCamt054(chunks));
    expect(chunked.payments).toEqual((await parseCamt054File(fixture("camt054-no-kid.v08.xml"))).payments);
  });
});

describe("camt.054: control totals reject the whole file", () => {
  const v08 = text("camt054-no-kid.v08.xml");

  it("rejects a notification whose TxsSummry credit sum is off by one øre", async () => {
    const error = await rejection(v08.replace("<Sum>4249.50</Sum>", "<Sum>4249.51</Sum>"));
    expect(error.code).toBe("control_total_mismatch");
    expect(error.where).toBe("Ntfctn[1]/TxsSummry/TtlCdtNtries (line 19)");
    expect(error.message).toContain("TtlCdtNtries/Sum says 4249.51, the entries add up to 4249.50");
  });

  it("rejects a batch whose TtlAmt differs from its transactions", async () => {
    const error = await rejection(v08.replace('<TtlAmt Ccy="NOK">3750.00</TtlAmt>', '<TtlAmt Ccy="NOK">3750.01</TtlAmt>'));
    expect(error.code).toBe("control_total_mismatch");
    expect(error.where).toBe("Ntfctn[1]/Ntry[1]/NtryDtls[1]/Btch (line 61)");
  });

  it("reports, without rejecting, an entry whose amount differs from its transactions", async () => {
    const xml = v08
      .replace('<Amt Ccy="NOK">3750.00</Amt>', '<Amt Ccy="NOK">3740.00</Amt>')
      .replace("<Sum>4449.50</Sum>", "<Sum>4439.50</Sum>")
      .replace("<Amt>4049.50</Amt>", "<Amt>4039.50</Amt>")
      .replace("<Sum>4249.50</Sum>", "<Sum>4239.50</Sum>");
    const file = await parseCamt054String(xml);
    expect(file.payments).toHaveLength(4);
    expect(file.notices[0]).toEqual({ lineRef: "Ntfctn[1]/Ntry[1]", message: "the 3740.00 NOK entry (line 37) differs from the sum of its transactions (3750.00); charges may have been deducted" });
  });
});

describe("camt.054: schema validation and XML safety", () => {
  it("rejects a document that is not valid against the XSD, with xmllint's message and line", async () => {
    const error = await rejection(text("camt054-no-kid.v08.xml").replace("<Sts>\n          <Cd>BOOK</Cd>\n        </Sts>", ""));
    expect(error.code).toBe("schema_invalid");
    expect(error.where).toBe("line 42"); // BookgDt, where Sts was expected
    expect(error.message).toContain("not valid against camt.054.001.08.xsd");
    expect(error.message).toContain("BookgDt");
  });

  it("rejects XML that is not well-formed", async () => {
    const error = await rejection(text("camt054-no-kid.v02.xml").slice(0, 2_000));
    expect(error.code).toBe("invalid_xml");
    expect(error.where).toBe("line 67");
    expect(error.message).toContain("Couldn't find end of Start Tag TxAm");
  });

  it("rejects a billion-laughs document before any parser expands an entity", async () => {
    const laughs = [
      '<?xml version="1.0"?>',
      '<!DOCTYPE Document [<!ENTITY lol "lol">' +
        Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i === 0 ? "" : i};`.repeat(10)}">`).join("") +
        "]>",
      '<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.054.001.02"><BkToCstmrDbtCdtNtfctn>&lol9;</BkToCstmrDbtCdtNtfctn></Document>',
    ].join("\n");
    const started = Date.now();
    const error = await rejection(laughs);
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(error.code).toBe("unsafe_xml");
    expect(error.where).toBe("line 2");
    expect(error.message).toContain("DOCTYPE");
  });

  it("rejects external entities and external DTDs without fetching anything", async () => {
    let requests = 0;
    const server = createServer((_req, res) => {
      requests++;
      res.end("<!ENTITY x 'fetched'>");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/evil.dtd`;
    try {
      const entity = `<?xml version="1.0"?>\n<!-- comment first -->\n<!DOCTYPE Document [<!ENTITY xxe SYSTEM "${url}">]>\n<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.054.001.02">&xxe;</Document>`;
      const dtd = `<?xml version="1.0"?>\n<!DOCTYPE Document SYSTEM "${url}">\n<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.054.001.02"/>`;
      expect((await rejection(entity)).code).toBe("unsafe_xml");
      expect((await rejection(entity)).where).toBe("line 3");
      expect((await rejection(dtd)).code).toBe("unsafe_xml");
      expect(requests).toBe(0);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it("refuses encodings other than UTF-8, and ISO 20022 messages that are not camt.054", async () => {
    const latin = text("camt054-no-kid.v02.xml").replace('encoding="UTF-8"', 'encoding="ISO-8859-1"');
    expect((await rejection(latin)).code).toBe("unsupported_encoding");
    const statement = '<?xml version="1.0"?><Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08"/>';
    const error = await validateCamt054(Buffer.from(statement)).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "unrecognised_format", message: expect.stringContaining("camt.053.001.08") });
  });
});

describe("camt.054: exact amounts", () => {
  it("reads decimals exactly, allowing trailing zeros beyond the currency's minor unit", () => {
    expect(decimalToScaled("1500.005", 2)).toBeNull();
    expect(decimalToScaled("1500.00000", 2)).toBe(1_500_00n);
    expect(decimalToScaled("0.1", 17)).toBe(10_000_000_000_000_000n);
    const amt = (value: string, ccy: string) => ({ name: "Amt", namespace: "", attributes: { Ccy: ccy }, children: [], text: value, line: 1 });
    expect(moneyOf(amt("3.1", "EUR"))).toEqual({ amount: 3_10, currency: "EUR" });
    expect(moneyOf(amt("1500.005", "NOK"))).toBe('amount "1500.005" NOK is not a whole number of minor units');
    expect(moneyOf(amt("10", "CHF"))).toBe("currency CHF is not supported (NOK, SEK, EUR)");
  });
});
