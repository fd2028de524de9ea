import { XMLParser } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { LocalDate } from "../domain/calendar/local-date.js";
import { DomainError } from "../domain/errors.js";
import { type Pain001Input, PAIN001_VERSIONS, buildPain001, validatePain001, writePain001 } from "./pain001.js";

const nok = (amount: number) => ({ amount, currency: "NOK" as const });

function anInput(over: Partial<Pain001Input> = {}): Pain001Input {
  return {
    version: "pain.001.001.03",
    messageId: "FORDRING-2025-04-01-1",
    createdAt: new Date("2025-04-01T06:00:00.123Z"),
    requestedExecutionDate: LocalDate.parse("2025-04-02"),
    debtor: { name: "Fordring Inkasso AS, klientkonto", iban: "NO93 8601 1117 947", bic: "DNBANOKK" },
    payouts: [
      { settlementId: "ST-2025-03-A", amount: nok(887_34), creditor: { name: "Blåbær & Søn <Ærlig> AS", account: "1234.56.78903" } },
      { settlementId: "ST-2025-03-B", amount: nok(12_500_00), creditor: { name: "Øst AS", account: "NO9386011117947", bic: "DNBANOKK" } },
    ],
    ...over,
  };
}

function fieldOf(input: Pain001Input): string | undefined {
  try {
    buildPain001(input);
  } catch (e) {
    if (e instanceof DomainError) return e.field;
    throw e;
  }
  throw new Error("expected a DomainError");
}

const parser = new XMLParser({ ignoreAttributes: false, parseTagValue: false });

describe("pain.001", () => {
  for (const version of PAIN001_VERSIONS) {
    it(`${version}: validates against the official XSD, with the right NbOfTxs and CtrlSum`, async () => {
      const file = await writePain001(anInput({ version }));
      expect(file.numberOfTransactions).toBe(2);
      expect(file.controlSum).toEqual(nok(13_387_34));
      const doc = parser.parse(file.xml).Document;
      expect(doc["@_xmlns"]).toBe(`urn:iso:std:iso:20022:tech:xsd:${version}`);
      const init = doc.CstmrCdtTrfInitn;
      expect(init.GrpHdr.NbOfTxs).toBe("2");
      expect(init.GrpHdr.CtrlSum).toBe("13387.34");
      expect(init.PmtInf.CtrlSum).toBe("13387.34");
      const [a, b] = init.PmtInf.CdtTrfTxInf;
      expect(a.PmtId.EndToEndId).toBe("ST-2025-03-A");
      expect(a.Amt.InstdAmt["#text"]).toBe("887.34");
      expect(a.Amt.InstdAmt["@_Ccy"]).toBe("NOK");
      expect(a.CdtrAcct.Id.Othr).toEqual({ Id: "12345678903", SchmeNm: { Cd: "BBAN" } });
      expect(a.RmtInf.Ustrd).toBe("Oppgjør ST-2025-03-A");
      expect(b.CdtrAcct.Id.IBAN).toBe("NO9386011117947");
      // names with æøå and & < > are escaped in the file and come back whole
      expect(file.xml).toContain("Blåbær &amp; Søn &lt;Ærlig&gt; AS");
      expect(a.Cdtr.Nm).toBe("Blåbær & Søn <Ærlig> AS");
    });
  }

  it("the XSD check catches a broken file", async () => {
    const { xml } = buildPain001(anInput());
    await expect(validatePain001(xml.replace("<PmtMtd>TRF</PmtMtd>", "<PmtMtd>XXX</PmtMtd>"), "pain.001.001.03")).rejects.toMatchObject({ code: "schema_invalid" });
  });

  it("refuses bad input with the field named", () => {
    const base = anInput();
    const payout = base.payouts[0]!;
    expect(fieldOf({ ...base, payouts: [{ ...payout, amount: nok(-1) }] })).toBe("payouts[0].amount");
    expect(fieldOf({ ...base, payouts: [{ ...payout, amount: nok(0) }] })).toBe("payouts[0].amount");
    expect(fieldOf({ ...base, payouts: [{ ...payout, creditor: { ...payout.creditor, account: "1234.56.78904" } }] })).toBe("payouts[0].creditor.account");
    expect(fieldOf({ ...base, payouts: [{ ...payout, creditor: { ...payout.creditor, account: "NO9386011117948" } }] })).toBe("payouts[0].creditor.account");
    expect(fieldOf({ ...base, debtor: { ...base.debtor, iban: "NO93 8601 1117 94" } })).toBe("debtor.iban");
    expect(fieldOf({ ...base, debtor: { ...base.debtor, bic: "DNB" } })).toBe("debtor.bic");
    expect(fieldOf({ ...base, payouts: [{ ...payout, endToEndId: "x".repeat(36) }] })).toBe("payouts[0].endToEndId");
    expect(fieldOf({ ...base, payouts: [payout, { ...payout, amount: { amount: 1, currency: "SEK" } }] })).toBe("payouts[1].amount");
    expect(fieldOf({ ...base, payouts: [] })).toBe("payouts");
    expect(fieldOf({ ...base, payouts: [{ ...payout, creditor: { ...payout.creditor, name: "a\u0007b" } }] })).toBe("payouts[0].creditor.name");
    expect(() => buildPain001({ ...base, payouts: [{ ...payout, amount: nok(-1) }] })).toThrow(/^payouts\[0\]\.amount: .*positive/);
  });
});
