import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { BankFileError } from "./bank-file-error.js";
import { type BankFileEvent, collectBankFile } from "./bank-file.js";
import { type OcrGiroPayment, parseOcrGiro, parseOcrGiroFile, parseOcrGiroString } from "./ocr-giro.js";

const fixture = (name: string) => fileURLToPath(new URL(`../../../test/fixtures/bank-files/${name}`, import.meta.url));
const ocr2 = readFileSync(fixture("java-netsgiro_ocr2.txt"), "latin1");

/** Replaces line `n` (1-based) of `text`. */
function withLine(text: string, n: number, edit: (line: string) => string): string {
  const lines = text.split("\n");
  lines[n - 1] = edit(lines[n - 1]!);
  return lines.join("\n");
}

async function rejection(text: string): Promise<BankFileError> {
  const error = await parseOcrGiroString(text).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(BankFileError);
  return error as BankFileError;
}

// A small transmission built to the manual's layouts (§2.2–2.6), for cases the sample files lack.
interface Tx {
  type: number;
  amount: number;
  kid?: string;
  sign?: "0" | "-";
  freeText?: string;
}
const pad = (n: number | bigint, width: number) => String(n).padStart(width, "0");
const START = "NY000010" + "00008080" + "0000001" + "00010200" + "0".repeat(49);
const ASSIGNMENT = "NY090020" + "001008566" + "0000001" + "99991042764" + "0".repeat(45);
function item1(no: number, tx: Tx): string {
  return `NY09${pad(tx.type, 2)}30${pad(no, 7)}200125` + "01" + "20" + "1" + "00001" + (tx.sign ?? "0") + pad(tx.amount, 17) + (tx.kid ?? "").padStart(25, " ") + "000000";
}
function item2(no: number, tx: Tx): string {
  return `NY09${pad(tx.type, 2)}31${pad(no, 7)}` + "0".repeat(10) + "123456789" + "0".repeat(7) + "190125" + "12345678903" + "0".repeat(22);
}
function end88(transactions: number, records: number, total: number): string {
  return "NY090088" + pad(transactions, 8) + pad(records, 8) + pad(total, 17) + "200125".repeat(3) + "0".repeat(21);
}
function end89(transactions: number, records: number, total: number): string {
  return "NY000089" + pad(transactions, 8) + pad(records, 8) + pad(total, 17) + "200125" + "0".repeat(33);
}
function transmission(txs: Tx[]): string {
  const lines = [START, ASSIGNMENT];
  let total = 0;
  txs.forEach((tx, i) => {
    lines.push(item1(i + 1, tx), item2(i + 1, tx));
    if (tx.freeText !== undefined) lines.push(`NY09${pad(tx.type, 2)}32${pad(i + 1, 7)}` + tx.freeText.padEnd(40, " ") + "0".repeat(25));
    total += tx.amount;
  });
  lines.push(end88(txs.length, lines.length, total));
  lines.push(end89(txs.length, lines.length + 1, total));
  return lines.join("\n") + "\n";
}

describe("Nets OCR giro: the sample files", () => {
  it("reads java-netsgiro ocr2: 20 transactions, 51 449,00 NOK, as its 88 and 89 records say", async () => {
    const file = await parseOcrGiroFile(fixture("java-netsgiro_ocr2.txt"));
    // Line 45 (89): "NY000089 00000020 00000045 00000000005144900 200192"
    expect(file.format).toBe("nets-ocr-giro");
    expect(file.fileId).toBe("00008080-0170031-00010200");
    expect(file.creditorAccount).toBe("99991042764");
    expect(file.totals).toEqual([{ count: 20, amount: { amount: 51_449_00, currency: "NOK" } }]);
    expect(file.assignments).toEqual([
      { lineRef: "line 2", serviceCode: "09", agreementId: "001008566", assignmentNumber: "0000002", account: "99991042764", transactions: 20, totalAmount: 51_449_00 },
    ]);
    expect(file.errors).toEqual([]);
    expect(file.notices).toEqual([]);
    expect(file.payments).toHaveLength(20);
    expect(file.payments.reduce((sum, p) => sum + p.amount.amount, 0)).toBe(51_449_00);
    expect(file.payments.every((p) => p.reference.kind === "kid" && p.reference.valid === true)).toBe(true);

    const byType = new Map<number, number>();
    for (const p of file.payments) byType.set(p.transactionType.code, (byType.get(p.transactionType.code) ?? 0) + 1);
    expect(Object.fromEntries(byType)).toEqual({ 10: 10, 11: 2, 12: 2, 13: 5, 21: 1 });

    const first = file.payments[0]!;
    expect(first).toMatchObject({
      lineRef: "line 3",
      reference: { kind: "kid", value: "0000531", valid: true },
      amount: { amount: 1_020_00, currency: "NOK" },
      transactionType: { code: 21, name: "purchase with free text (terminal/internet)" },
      transactionNumber: "0000001",
      reversal: false,
      message: "Foo bar baz",
      payer: { account: "99990512341" },
      bankReference: "099038562",
      formNumber: "9636827194",
      creditorAccount: "99991042764",
      agreementId: "001008566",
    });
    expect(first.bookedOn.toString()).toBe("1992-01-20");
    expect(first.bankDate?.toString()).toBe("1992-01-16");
    expect(first.raw.split("\n")).toHaveLength(3);

    const standingOrder = file.payments.find((p) => p.lineRef === "line 18")!;
    expect(standingOrder.transactionType.name).toBe("standing order");
    expect(standingOrder.reference.value).toBe("02212291038306");
    expect(standingOrder.amount.amount).toBe(1_500_00);
    const largest = file.payments.find((p) => p.lineRef === "line 30")!;
    expect(largest.amount.amount).toBe(20_500_00);
    expect(largest.bankDate).toBeUndefined(); // item 2 bank date is 000000
  });

  it("reads python-netsgiro's copy of the same transmission identically", async () => {
    const java = await parseOcrGiroFile(fixture("java-netsgiro_ocr2.txt"));
    const python = await parseOcrGiroFile(fixture("python-netsgiro_ocr_giro_transactions.txt"));
    expect(python.totals).toEqual([{ count: 20, amount: { amount: 51_449_00, currency: "NOK" } }]);
    expect(python.payments).toEqual(java.payments);
  });

  it("reads java-netsgiro ocr3: one purchase with free text and no KID, 440,00 NOK", async () => {
    const file = await parseOcrGiroFile(fixture("java-netsgiro_ocr3.txt"));
    expect(file.totals).toEqual([{ count: 1, amount: { amount: 440_00, currency: "NOK" } }]);
    expect(file.creditorAccount).toBe("99991111111");
    expect(file.payments).toHaveLength(1);
    const p = file.payments[0]!;
    expect(p.reference).toEqual({ kind: "free-text", value: "ABCDEFGHIJKLMNOPQRSTUVWXZYabcdefghijklmn", valid: null });
    expect(p.amount).toEqual({ amount: 440_00, currency: "NOK" });
    expect(p.bookedOn.toString()).toBe("2004-03-24");
    expect(p.bankDate?.toString()).toBe("2004-03-23");
    expect(p.bankReference).toBe("094561154");
    expect(p.payer).toBeUndefined(); // debit account is zero-filled for terminal transactions
  });

  it("counts and skips an AvtaleGiro agreements assignment (service 21) with a notice", async () => {
    const file = await parseOcrGiroFile(fixture("python-netsgiro_avtalegiro_agreements.txt"));
    expect(file.payments).toEqual([]);
    expect(file.totals).toEqual([{ count: 16, amount: { amount: 0, currency: "NOK" } }]);
    expect(file.notices).toEqual([{ lineRef: "line 2", message: expect.stringContaining("service code 21") }]);
  });
});

describe("Nets OCR giro: control totals reject the whole file", () => {
  it("rejects a transmission whose 89 total is one øre off, naming the 89 line", async () => {
    const wrong = withLine(ocr2, 45, (l) => l.replace("00000000005144900", "00000000005144901"));
    const error = await rejection(wrong);
    expect(error.code).toBe("control_total_mismatch");
    expect(error.where).toBe("line 45");
    expect(error.message).toContain("5144901");
  });

  it("rejects an assignment whose 88 record count is wrong", async () => {
    const error = await rejection(withLine(ocr2, 44, (l) => l.replace("0000002000000043", "0000002000000042")));
    expect(error.code).toBe("record_count_mismatch");
    expect(error.where).toBe("line 44");
  });

  it("streams provisional payments but never an end event when the trailer fails", async () => {
    const events: BankFileEvent<OcrGiroPayment>[] = [];
    const wrong = withLine(ocr2, 45, (l) => l.replace("00000000005144900", "00000000005144901"));
    await expect(
      (async () => {
        for await (const e of parseOcrGiro([wrong])) events.push(e);
      })(),
    ).rejects.toThrow(BankFileError);
    expect(events.filter((e) => e.type === "payment")).toHaveLength(20);
    expect(events.some((e) => e.type === "end")).toBe(false);
  });

  it("rejects a file that lost a record, and one that lost its trailer", async () => {
    const lines = ocr2.split("\n");
    const lost = [...lines.slice(0, 10), ...lines.slice(11)].join("\n");
    expect((await rejection(lost)).code).toBe("record_count_mismatch");
    expect((await rejection(lines.slice(0, 44).join("\n"))).code).toBe("missing_trailer");
  });

  it("rejects anything that does not start with a start-transmission record", async () => {
    const error = await rejection("01BGMAX               0120040525173035010331P\n");
    expect(error.code).toBe("unrecognised_format");
    expect(error.where).toBe("line 1");
  });
});

describe("Nets OCR giro: one broken transaction", () => {
  it("keeps the other 19 payments when the damage leaves the totals intact (an impossible Nets date)", async () => {
    const damaged = withLine(ocr2, 10, (l) => l.slice(0, 15) + "320192" + l.slice(21));
    const file = await parseOcrGiroString(damaged);
    expect(file.payments).toHaveLength(19);
    expect(file.errors).toHaveLength(1);
    const error = file.errors[0]!;
    expect(error.lineRef).toBe("line 10");
    expect(error.message).toContain('Nets date "320192"');
    expect(error.amount).toEqual({ amount: 1_020_00, currency: "NOK" });
    expect(error.raw?.split("\n")).toHaveLength(2);
    expect(file.totals).toEqual([{ count: 20, amount: { amount: 51_449_00, currency: "NOK" } }]);
    expect(file.payments.reduce((s, p) => s + p.amount.amount, 0) + error.amount!.amount).toBe(51_449_00);
  });

  it("rejects the whole file, naming the broken line, when the damage hides an amount from the totals", async () => {
    const damaged = withLine(ocr2, 10, (l) => l.slice(0, 48) + "O" + l.slice(49));
    const error = await rejection(damaged);
    expect(error.code).toBe("control_total_mismatch");
    expect(error.where).toBe("line 44");
    expect(error.message).toContain("broken line(s) 10");
  });

  it("reports an unreadable record of its own and the transaction that lost its item 2", async () => {
    // Line 11 is item 2 of transaction 4; its format code is garbled but the line is still counted.
    const file = await parseOcrGiroString(withLine(ocr2, 11, (l) => "XX" + l.slice(2)));
    expect(file.payments).toHaveLength(19);
    expect(file.errors.map((e) => e.lineRef)).toEqual(["line 11", "line 10"]);
    expect(file.errors[1]!.message).toContain("amount item 2 (record type 31) is missing");
  });

  it("ignores a blank line with a notice: it is not a record", async () => {
    const file = await parseOcrGiroString(withLine(ocr2, 20, (l) => `\n${l}`));
    expect(file.payments).toHaveLength(20);
    expect(file.notices).toEqual([{ lineRef: "line 20", message: "blank line ignored; it is not a record" }]);
  });
});

describe("Nets OCR giro: transaction types and signs", () => {
  it("makes reversals and amounts signed '-' negative; the trailer adds them unsigned (manual §2.5)", async () => {
    const file = await parseOcrGiroString(
      transmission([
        { type: 19, amount: 500_00, kid: "20250001011" },
        { type: 18, amount: 200_00, kid: "20250001011" },
        { type: 20, amount: 100_00, freeText: "Retur kortkjøp" },
        { type: 15, amount: 300_00, kid: "20250001011", sign: "-" },
      ]),
    );
    expect(file.errors).toEqual([]);
    expect(file.payments.map((p) => [p.transactionType.code, p.reversal, p.amount.amount])).toEqual([
      [19, false, 500_00],
      [18, true, -200_00],
      [20, true, -100_00],
      [15, false, -300_00],
    ]);
    expect(file.payments[2]!.reference).toEqual({ kind: "free-text", value: "Retur kortkjøp", valid: null });
    expect(file.totals[0]!.amount.amount).toBe(1_100_00);
  });

  it("keeps a KID with a wrong check digit as a payment, marked invalid", async () => {
    const file = await parseOcrGiroString(transmission([{ type: 10, amount: 1_000_00, kid: "20250001030" }]));
    expect(file.payments[0]!.reference).toEqual({ kind: "kid", value: "20250001030", valid: false, reason: "check digit: expected 7 (MOD10) or 8 (MOD11), got 0" });
  });

  it("makes a transaction of an unknown type an error, with its amount still counted", async () => {
    const file = await parseOcrGiroString(transmission([{ type: 10, amount: 100_00, kid: "20250001011" }, { type: 22, amount: 50_00, kid: "20250001011" }]));
    expect(file.payments).toHaveLength(1);
    expect(file.errors).toEqual([expect.objectContaining({ lineRef: "line 5", amount: { amount: 50_00, currency: "NOK" }, message: expect.stringContaining('transaction type "22"') })]);
  });
});

describe("Nets OCR giro: streaming", () => {
  it("gives the same result for a file fed in 7-byte chunks", async () => {
    const bytes = readFileSync(fixture("java-netsgiro_ocr2.txt"));
    const chunks = Array.from({ length: Math.ceil(bytes.length / 7) }, (_, i) => bytes.subarray(i * 7, i * 7 + 7));
    const chunked = await collectBankFile(parseOcrGiro(chunks));
    expect(chunked.payments).toEqual((await parseOcrGiroString(ocr2)).payments);
  });

  it("yields the first payment long before a 200 000-transaction file has been read", async () => {
    const count = 200_000;
    let produced = 0;
    async function* lines(): AsyncGenerator<string> {
      yield `${START}\n${ASSIGNMENT}\n`;
      const tx: Tx = { type: 10, amount: 100, kid: "20250001011" };
      for (let i = 1; i <= count; i++) {
        produced++;
        yield `${item1(i, tx)}\n${item2(i, tx)}\n`;
      }
      yield `${end88(count, 2 * count + 2, count * 100)}\n${end89(count, 2 * count + 4, count * 100)}\n`;
    }
    let payments = 0;
    let producedAtFirst = -1;
    let end: BankFileEvent<OcrGiroPayment> | undefined;
    for await (const e of parseOcrGiro(lines())) {
      if (e.type === "payment" && payments++ === 0) producedAtFirst = produced;
      if (e.type === "end") end = e;
    }
    expect(producedAtFirst).toBeLessThan(10);
    expect(payments).toBe(count);
    expect(end?.type === "end" && end.summary.totals).toEqual([{ count, amount: { amount: count * 100, currency: "NOK" } }]);
  });
});
