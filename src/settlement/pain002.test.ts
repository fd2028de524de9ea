import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { describeReasons, readPain002 } from "./pain002.js";

const fixture = (name: string) => fs.readFileSync(path.join(import.meta.dirname, "../../test/fixtures/pain002", name), "utf8");

// Real banks' pain.002 files (test/fixtures/pain002/README.md), read as they are.
describe("readPain002", () => {
  it("reads a partially accepted file: the group, each batch, the rejected payment with its reason", () => {
    const r = readPain002(fixture("partially-accepted.xml"));
    expect(r).toMatchObject({ version: "pain.002.001.03", messageId: "1540378", originalMessageId: "MsgId_110610", originalMessageName: "pain.001.001.03" });
    expect(r.group).toEqual({ code: "PART", status: "partially_accepted", reasons: [] });
    expect(r.batches.map((b) => [b.paymentInformationId, b.status?.status])).toEqual([
      ["20140102-123456-01", "partially_accepted"],
      ["20140102-123456-02", "rejected"],
      ["20140102-123456-03", "accepted"],
      ["20140102-123456-04", "accepted"],
    ]);
    expect(r.batches[0]!.transactions).toEqual([
      { endToEndId: "TEST PMT", status: { code: "RJCT", status: "rejected", reasons: [{ code: "NARR", text: "Viite virheellinen" }] }, amount: { value: "22.11", currency: "EUR" } },
    ]);
    expect(r.batches[1]!.status!.reasons).toEqual([{ code: "DT01", text: "Eräpäivä virheellinen" }]);
    expect(r.batches[1]!.transactions[0]).toEqual({ endToEndId: null, status: null, amount: { value: "740.22", currency: "EUR" } });
  });

  it("reads a rejected payment's ISO reason code and text, and leaves out empty reasons", () => {
    const r = readPain002(fixture("rejected-transaction.xml"));
    expect(r.group).toEqual({ code: "RJCT", status: "rejected", reasons: [] });
    expect(r.batches[0]!.status!.reasons).toEqual([{ code: null, text: "Koko erä hylätty." }]);
    const tx = r.batches[0]!.transactions[0]!;
    expect(tx.endToEndId).toBe("1547478597597-G-1-P-1");
    expect(tx.status!.reasons).toEqual([{ code: "AM01", text: "Nolla-summa tilisiirrossa." }]);
    expect(describeReasons(tx.status!.reasons)).toBe("AM01 zero amount: Nolla-summa tilisiirrossa.");
  });

  it("reads a file-level technical acceptance without payments", () => {
    const r = readPain002(fixture("technically-accepted.xml"));
    expect(r.group).toEqual({ code: "ACTC", status: "received", reasons: [] });
    expect(r.batches).toEqual([]);
  });

  it("refuses what is not a status report, naming the element", () => {
    expect(() => readPain002(fs.readFileSync(path.join(import.meta.dirname, "xsd/README.md"), "utf8"))).toThrow(/not a pain\.002|not well-formed/);
    expect(() => readPain002(fixture("technically-accepted.xml").replace("pain.002.001.03\"", "pain.001.001.03\""))).toThrow(expect.objectContaining({ field: "Document" }));
    expect(() => readPain002(fixture("technically-accepted.xml").replace("<GrpSts>ACTC", "<GrpSts>XXXX"))).toThrow(expect.objectContaining({ field: "CstmrPmtStsRpt/OrgnlGrpInfAndSts/GrpSts" }));
    expect(() => readPain002(fixture("technically-accepted.xml").replace(/<OrgnlMsgId>.*<\/OrgnlMsgId>/, ""))).toThrow(/OrgnlMsgId/);
    expect(() => readPain002(`<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><Document/>`)).toThrow(/DOCTYPE/);
  });
});
