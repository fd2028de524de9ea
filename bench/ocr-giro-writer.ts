import fs from "node:fs";
import type { LocalDate } from "../src/domain/calendar/local-date.js";

/**
 * Writes a Nets OCR giro transmission ("System specification OCR giro" §2.2–2.6: 10, 20, 30 + 31
 * per transaction, 88, 89) for benchmarks and tests, streaming, with the 88/89 control records
 * computed from what was written. One assignment of service 09.
 */
export interface OcrTransaction {
  amountMinor: number;
  kid: string;
  /** Nets date (item 1, pos 16–21): the payment's booking date. */
  bookedOn: LocalDate;
  /** Archive reference (item 2, pos 26–34), nine digits; all zeros means none. */
  archiveReference: string;
  /** §2.4 field 3; 18 is a reversal (a negative payment). Default 10. */
  type?: number;
  /** A record the manual does not allow (a letter in the serial number): an `error` line whose amount still counts. */
  broken?: boolean;
}

const pad = (n: number | string, width: number) => String(n).padStart(width, "0");
const ddmmyy = (d: LocalDate) => {
  const [y, m, day] = d.toString().split("-") as [string, string, string];
  return `${day}${m}${y.slice(2)}`;
};

export async function writeOcrGiroFile(path: string, transmissionNumber: number, transactions: Iterable<OcrTransaction>, date: LocalDate): Promise<{ transactions: number; totalMinor: number }> {
  const out = fs.createWriteStream(path, { encoding: "latin1" });
  let buffer: string[] = [];
  const write = async (line: string) => {
    buffer.push(line);
    if (buffer.length >= 4096) {
      const text = buffer.join("\n") + "\n";
      buffer = [];
      if (!out.write(text)) await new Promise<void>((resolve) => out.once("drain", () => resolve()));
    }
  };
  await write("NY000010" + "00008080" + pad(transmissionNumber, 7) + "00010200" + "0".repeat(49));
  await write("NY090020" + "001008566" + pad(transmissionNumber, 7) + "99991042764" + "0".repeat(45));
  let n = 0;
  let total = 0;
  let records = 2;
  for (const tx of transactions) {
    n++;
    const type = pad(tx.type ?? 10, 2);
    const serial = tx.broken ? "0000X" : "00001";
    await write(`NY09${type}30${pad(n, 7)}${ddmmyy(tx.bookedOn)}01201${serial}0${pad(tx.amountMinor, 17)}${tx.kid.padStart(25, " ")}000000`);
    await write(`NY09${type}31${pad(n, 7)}${"0".repeat(10)}${tx.archiveReference}${"0".repeat(7)}${ddmmyy(tx.bookedOn)}12345678903${"0".repeat(22)}`);
    records += 2;
    total += tx.amountMinor;
  }
  const d = ddmmyy(date);
  await write("NY090088" + pad(n, 8) + pad(records, 8) + pad(total, 17) + d.repeat(3) + "0".repeat(21));
  await write("NY000089" + pad(n, 8) + pad(records + 2, 8) + pad(total, 17) + d + "0".repeat(33));
  out.end(buffer.join("\n") + "\n");
  await new Promise<void>((resolve, reject) => out.on("finish", resolve).on("error", reject));
  return { transactions: n, totalMinor: total };
}
