import { createReadStream, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { BankFileError } from "./bank-file-error.js";
import { type BankFileEvent, collectBankFile, parseVerified } from "./bank-file.js";
import { type BgMaxPayment, type BgMaxSummary, parseBgMax, parseBgMaxFile } from "./bgmax.js";

const fixture = (name: string) => fileURLToPath(new URL(`../../../test/fixtures/bank-files/${name}`, import.meta.url));
const BANKGIROT = fixture("bankgirot_exempelfil_ocr-kontroll_via_fabhed.txt");
const PYBGMAX = fixture("pybgmax_multipayment.txt");
const bankgirotBytes = readFileSync(BANKGIROT);

/** The Bankgirot example as latin1 text with line `n` (1-based) edited; CRLF kept. */
function edited(n: number, edit: (line: string) => string): Buffer {
  const lines = bankgirotBytes.toString("latin1").split("\r\n");
  lines[n - 1] = edit(lines[n - 1]!);
  return Buffer.from(lines.join("\r\n"), "latin1");
}

async function rejection(bytes: Buffer): Promise<BankFileError> {
  const error = await collectBankFile(parseBgMax([bytes])).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(BankFileError);
  return error as BankFileError;
}

describe("BgMax: Bankgirot's example file (OCR control: check digit and length)", () => {
  it("reads both deposits, checked against TK15 and TK70", async () => {
    const file = await parseBgMaxFile(BANKGIROT);
    expect(file.format).toBe("bgmax");
    expect(file.fileId).toBe("20040525173035010331");
    expect(file.testFile).toBe(false);
    expect(file.creditorAccount).toBe("9912346");
    // TK15 line 23: 3 payments, 1 900,00 SEK; line 49: 4 payments, 8 000,00 SEK.
    expect(file.deposits.map((d) => [d.lineRef, d.paymentDate.toString(), d.serialNumber, d.count, d.amount.amount, d.account])).toEqual([
      ["line 23", "2004-05-25", "00074", 3, 1_900_00, "5841000001009823"],
      ["line 49", "2004-05-25", "00075", 4, 8_000_00, "5841000001009823"],
    ]);
    expect(file.totals).toEqual([{ count: 7, amount: { amount: 9_900_00, currency: "SEK" } }]);
    expect(file.payments.map((p) => [p.lineRef, p.amount.amount])).toEqual([
      ["line 3", 1_000_00],
      ["line 8", -500_00],
      ["line 25", 1_100_00],
      ["line 30", 1_200_00],
      ["line 35", 700_00],
      ["line 40", 5_000_00],
    ]);
  });

  it("decodes å, ä and ö from ISO-8859-1 bytes", async () => {
    expect(bankgirotBytes.includes(Buffer.from("Pl\u00e5t", "latin1"))).toBe(true); // byte 0xE5, not UTF-8
    const file = await parseBgMaxFile(BANKGIROT);
    const first = file.payments[0]!;
    expect(first.payer).toEqual({ name: "Kalles Plåt AB", account: "3783511" });
    expect(first.payerAddress).toEqual({ street: "Storgatan 2", postcode: "12345", town: "Storåker" });
    expect(first.payerOrganisationNumber).toBe("5500001234");
    expect(file.payments[2]!.payer?.name).toBe("Olles färg AB");
  });

  it("reads references, channels, serial numbers, deductions and extra references", async () => {
    const file = await parseBgMaxFile(BANKGIROT);
    const [ocr, deduction, , blank, , multi] = file.payments as BgMaxPayment[];
    expect(ocr).toMatchObject({
      reference: { kind: "ocr", value: "655969", valid: true },
      referenceCode: "2",
      channel: { code: "2", name: "electronic payment from Leverantörsbetalningar (LB)" },
      bankReference: "000000000010",
      creditorAccount: "9912346",
      deduction: false,
      depositSerialNumber: "00074",
    });
    expect(ocr!.bookedOn.toString()).toBe("2004-05-25");
    expect(deduction).toMatchObject({ deduction: true, deductionCode: "0", reference: { kind: "free-text", value: "89853", valid: null }, amount: { amount: -500_00, currency: "SEK" } });
    expect(blank).toMatchObject({ reference: { kind: "none", value: "", valid: null }, referenceCode: "1", imageAvailable: true, channel: { code: "3" } });
    expect(multi!.extraReferences).toEqual([
      { kind: "ocr", value: "658369", valid: true },
      { kind: "ocr", value: "658468", valid: true },
    ]);
    expect(multi!.referenceRecords.map((r) => [r.lineRef, r.amount.amount])).toEqual([
      ["line 41", 0],
      ["line 42", 0],
    ]);
    expect(multi!.message).toBe("Faktura 658369\nFaktura 658468");
    expect(multi!.raw.split("\n")).toHaveLength(9);
  });

  it("lists the payment whose extra-reference record holds tab characters as an error; the totals still hold", async () => {
    // Line 17 of the published file has two tabs where blanks belong (an editor's doing).
    const file = await parseBgMaxFile(BANKGIROT);
    expect(file.errors).toEqual([
      expect.objectContaining({
        lineRef: "line 13",
        amount: { amount: 1_400_00, currency: "SEK" },
        message: "payment cannot be read: line 17 (TK22) contains a tab character, so its fixed positions cannot be trusted",
      }),
    ]);
    expect(file.errors[0]!.raw?.split("\n")).toHaveLength(10);
    const received = file.payments.reduce((s, p) => s + p.amount.amount, 0) + file.errors[0]!.amount!.amount;
    expect(received).toBe(9_900_00);
  });
});

describe("BgMax: pybgmax's multipayment sample", () => {
  it("reads the deposit and its control totals; payer records that are UTF-8, not ISO-8859-1, make their payments errors", async () => {
    const file = await parseBgMaxFile(PYBGMAX);
    expect(file.fileId).toBe("20120914173035010331");
    expect(file.totals).toEqual([{ count: 4, amount: { amount: 700_00, currency: "SEK" } }]);
    expect(file.deposits[0]!.paymentDate.toString()).toBe("2009-06-03");
    expect(file.payments.map((p) => [p.lineRef, p.amount.amount, p.reference])).toEqual([
      ["line 8", 200_00, { kind: "ocr", value: "84629", valid: false, reason: "check digit: expected 4, got 9" }],
      ["line 9", 300_00, { kind: "ocr", value: "39857", valid: false, reason: "check digit: expected 9, got 7" }],
    ]);
    expect(file.payments[0]!.channel?.name).toBe("electronic payment from Autogiro (AG)");
    expect(file.payments[0]!.bankReference).toBeUndefined(); // serial number left blank in this sample
    expect(file.errors.map((e) => [e.lineRef, e.amount?.amount])).toEqual([
      ["line 3", 100_00],
      ["line 10", 100_00],
    ]);
    expect(file.errors[0]!.message).toContain("line 4 (TK26) contains the control character U+0082: BgMax is ISO-8859-1 text and this looks like UTF-8");
    expect(file.notices).toEqual([]); // the blank lines after TK70 are ignored
  });
});

describe("BgMax: control totals reject the whole file", () => {
  it("rejects a deposit whose TK15 amount differs from its payments less deductions", async () => {
    const error = await rejection(edited(23, (l) => l.replace("000000000000190000SEK", "000000000000190001SEK")));
    expect(error.code).toBe("control_total_mismatch");
    expect(error.where).toBe("line 23");
    expect(error.message).toContain("190001");
  });

  it("rejects a file whose TK70 counts are wrong", async () => {
    const error = await rejection(edited(50, () => "7000000006000000010000000700000002"));
    expect(error.code).toBe("record_count_mismatch");
    expect(error.message).toBe("line 50: TK70 says 7 extra reference (TK22/23) records, the file has 6");
  });

  it("rejects the file, naming the line, when an unreadable payment amount breaks the deposit sum", async () => {
    const error = await rejection(edited(25, (l) => l.slice(0, 40) + "X" + l.slice(41)));
    expect(error.code).toBe("control_total_mismatch");
    expect(error.where).toBe("line 49");
    expect(error.message).toContain("broken line(s) 25");
  });

  it("rejects a truncated file, a currency BgMax does not carry, and another format", async () => {
    const lines = bankgirotBytes.toString("latin1").split("\r\n");
    expect((await rejection(Buffer.from(lines.slice(0, 49).join("\r\n"), "latin1"))).code).toBe("missing_trailer");
    expect((await rejection(edited(2, (l) => l.replace("SEK", "NOK")))).code).toBe("malformed_structure");
    expect((await rejection(Buffer.from("NY000010…\r\n"))).code).toBe("unrecognised_format");
  });
});

describe("BgMax: test files and streaming", () => {
  it("marks a test file (TK01 pos 45 = T) with a notice", async () => {
    const file = await collectBankFile(parseBgMax([edited(1, (l) => l.slice(0, 44) + "T" + l.slice(45))]));
    expect(file.testFile).toBe(true);
    expect(file.notices).toEqual([{ lineRef: "line 1", message: "test file (TK01 pos 45 = T): its payments are not real money" }]);
  });

  it("yields a section's payments only after its deposit record has been checked, in one pass", async () => {
    const order: string[] = [];
    for await (const e of parseBgMax(createReadStream(BANKGIROT, { highWaterMark: 3 }))) {
      if (e.type === "payment") order.push(`${e.payment.lineRef}@${e.payment.depositSerialNumber}`);
    }
    expect(order).toEqual(["line 3@00074", "line 8@00074", "line 25@00075", "line 30@00075", "line 35@00075", "line 40@00075"]);
  });

  it("in parseVerified's second pass, yields a payment before its deposit record is read (dates from the first pass)", async () => {
    const lines = bankgirotBytes.toString("latin1").split("\r\n");
    let read = 0;
    function* source(): Generator<string> {
      for (const [i, line] of lines.entries()) {
        read = i + 1;
        yield `${line}\r\n`;
      }
    }
    const readAtFirstPayment: number[] = [];
    for await (const e of parseVerified(source, parseBgMax)) if (e.type === "payment" && readAtFirstPayment.length === 0) readAtFirstPayment.push(read);
    expect(readAtFirstPayment[0]).toBeLessThan(23); // TK15 of the first deposit is line 23

    let singlePass = 0;
    read = 0;
    for await (const e of parseBgMax(source())) if (e.type === "payment" && singlePass === 0) singlePass = read;
    expect(singlePass).toBe(23);
  });

  it("notices when the file changes between parseVerified's two passes", async () => {
    let opened = 0;
    const changed = edited(1, (l) => l.replace("20040525173035010331", "20040526173035010331"));
    const open = () => (opened++ === 0 ? [bankgirotBytes] : [changed]);
    await expect(
      (async () => {
        for await (const _ of parseVerified(open, parseBgMax));
      })(),
    ).rejects.toMatchObject({ code: "file_changed" });
  });

  it("reads twice with parseVerified: nothing is yielded when the first pass fails, the same payments when it passes", async () => {
    let opened = 0;
    const open = () => {
      opened++;
      return createReadStream(BANKGIROT);
    };
    const events: BankFileEvent<BgMaxPayment, BgMaxSummary>[] = [];
    for await (const e of parseVerified(open, parseBgMax)) events.push(e);
    expect(opened).toBe(2);
    const single = await parseBgMaxFile(BANKGIROT);
    expect(events.flatMap((e) => (e.type === "payment" ? [e.payment] : []))).toEqual(single.payments);

    const yielded: unknown[] = [];
    const bad = edited(23, (l) => l.replace("000000000000190000SEK", "000000000000190001SEK"));
    await expect(
      (async () => {
        for await (const e of parseVerified(() => [bad], parseBgMax)) yielded.push(e);
      })(),
    ).rejects.toThrow("TK15 says a deposit of 190001 öre");
    expect(yielded).toEqual([]);
  });
});
