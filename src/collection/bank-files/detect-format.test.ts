import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { BankFileError } from "./bank-file-error.js";
import { detectFileFormat, detectFormat } from "./detect-format.js";
import { parseBankFile } from "./index.js";

const fixture = (name: string) => fileURLToPath(new URL(`../../../test/fixtures/bank-files/${name}`, import.meta.url));

function refusal(head: string): BankFileError {
  try {
    detectFormat(head);
  } catch (e) {
    expect(e).toBeInstanceOf(BankFileError);
    return e as BankFileError;
  }
  throw new Error(`detectFormat accepted ${JSON.stringify(head.slice(0, 20))}`);
}

describe("detectFormat", () => {
  it("recognises every sample file from its first bytes", async () => {
    expect(await detectFileFormat(fixture("java-netsgiro_ocr2.txt"))).toEqual({ format: "nets-ocr-giro" });
    expect(await detectFileFormat(fixture("python-netsgiro_avtalegiro_agreements.txt"))).toEqual({ format: "nets-ocr-giro" });
    expect(await detectFileFormat(fixture("bankgirot_exempelfil_ocr-kontroll_via_fabhed.txt"))).toEqual({ format: "bgmax" });
    expect(await detectFileFormat(fixture("pybgmax_multipayment.txt"))).toEqual({ format: "bgmax" });
    expect(await detectFileFormat(fixture("camt054.v2.xml"))).toEqual({ format: "camt.054", version: "001.02" });
    expect(await detectFileFormat(fixture("camt054.v4.xml"))).toEqual({ format: "camt.054", version: "001.04" });
    expect(await detectFileFormat(fixture("camt054-no-kid.v08.xml"))).toEqual({ format: "camt.054", version: "001.08" });
  });

  it("looks past a byte-order mark", () => {
    expect(detectFormat("\uFEFFNY000010000080800170031")).toEqual({ format: "nets-ocr-giro" });
    expect(detectFormat(Buffer.from([0xef, 0xbb, 0xbf, ...Buffer.from("01BGMAX               01")]))).toEqual({ format: "bgmax" });
  });

  it("names what it found when it is not an incoming-payment file", () => {
    // camt.052 (an intraday account report) is not booked money; camt.053 statements are read (camt053.test.ts).
    expect(refusal('<?xml version="1.0"?><Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.052.001.08">').message).toContain(
      "ISO 20022 message camt.052.001.08: only camt.054 notifications and camt.053 statements carry incoming payments here",
    );
    expect(refusal('<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.054.001.06">').message).toContain("this camt.054 version is not supported");
    expect(refusal("<Invoice xmlns=\"urn:oasis:names:specification:ubl:schema:xsd:Invoice-2\">").message).toContain("XML without an ISO 20022 message namespace");
    const other = refusal("Dato;Beløp;KID\n2025-03-03;100,00;123");
    expect(other.code).toBe("unrecognised_format");
    expect(other.message).toContain('unrecognised bank file starting "Dato;Beløp;KID\\n2"');
    expect(refusal("").code).toBe("unrecognised_format");
  });

  it("lets parseBankFile dispatch on the detected format", async () => {
    const ocr = await parseBankFile(fixture("java-netsgiro_ocr3.txt"));
    const bgmax = await parseBankFile(fixture("bankgirot_exempelfil_ocr-kontroll_via_fabhed.txt"));
    const camt = await parseBankFile(fixture("camt054-no-kid.v02.xml"));
    expect([ocr.format, ocr.payments.length, bgmax.format, bgmax.payments.length, camt.format, camt.payments.length]).toEqual([
      "nets-ocr-giro", 1, "bgmax", 6, "camt.054", 2,
    ]);
  });
});
