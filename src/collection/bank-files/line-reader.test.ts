import { describe, expect, it } from "vitest";
import { BankFileError } from "./bank-file-error.js";
import { readLines } from "./line-reader.js";

async function lines(chunks: (string | Uint8Array)[], encoding: "utf8" | "latin1" = "utf8", maxLength?: number): Promise<string[]> {
  const out: string[] = [];
  for await (const line of readLines(chunks, encoding, maxLength)) out.push(`${line.number}:${line.text}`);
  return out;
}

describe("readLines", () => {
  it("splits LF and CRLF lines, with or without a final line ending, across any chunking", async () => {
    expect(await lines(["a\r\nb\nc"])).toEqual(["1:a", "2:b", "3:c"]);
    expect(await lines(["a\r", "\nb\r\n"])).toEqual(["1:a", "2:b"]);
    expect(await lines(["", "a", "", "\n\n", "b"])).toEqual(["1:a", "2:", "3:b"]);
  });

  it("drops a leading byte-order mark and decodes split multi-byte characters", async () => {
    const bytes = Buffer.from("\uFEFFKari Østbø\n", "utf8");
    expect(await lines([bytes.subarray(0, 9), bytes.subarray(9, 10), bytes.subarray(10)])).toEqual(["1:Kari Østbø"]);
  });

  it("reads latin1 as ISO-8859-1 byte for byte", async () => {
    expect(await lines([Buffer.from([0x53, 0x74, 0x6f, 0x72, 0xe5, 0x6b, 0x65, 0x72, 0x0a])], "latin1")).toEqual(["1:Storåker"]);
    expect(await lines([Buffer.from([0x82])], "latin1")).toEqual(["1:\u0082"]); // not windows-1252's "‚"
  });

  it("refuses a line longer than the limit instead of buffering it", async () => {
    const error = await lines(["ok\n", "x".repeat(50)], "utf8", 40).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BankFileError);
    expect(error).toMatchObject({ code: "line_too_long", where: "line 2" });
  });
});
