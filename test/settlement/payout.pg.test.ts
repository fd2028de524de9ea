import { XMLParser } from "fast-xml-parser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LocalDate } from "../../src/domain/calendar/local-date.js";
import { recordPayment } from "../../src/collection/actions/record-payment.js";
import { agencyPayoutAccountFromEnv } from "../../src/collection/agency.js";
import { runCycleDay } from "../../src/collection/engine/daily-cycle.js";
import { loadRuleBook } from "../../src/platform/rule-book.js";
import { setCreditorBankAccount } from "../../src/settlement/creditor-bank-account.js";
import { validatePain001 } from "../../src/settlement/pain001.js";
import { settlementPayoutFile } from "../../src/settlement/payout.js";
import { runSettlement } from "../../src/settlement/run-settlement.js";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";
import { seedPortfolio } from "../support/seed-portfolio.js";
import { agencyFromEnv } from "../../src/collection/agency.js";

/**
 * The payout file of a settlement: a pain.001 credit transfer of exactly the settlement's payout
 * to the creditor's active account, valid against the XSD; refused with a clear error (and no
 * file) when the creditor has no active account or the settlement pays nothing out.
 */
const rules = loadRuleBook();
const day = (s: string) => LocalDate.parse(s);
const debtor = agencyPayoutAccountFromEnv({});
const createdAt = new Date("2025-04-01T08:00:00Z");
let t: TestDatabase;
let creditorId: string;
let settlementId: string;
let payoutMinor: number;

beforeAll(async () => {
  t = await createTestDatabase();
  [creditorId] = (await seedPortfolio(t.database, { creditors: 1, casesPerCreditor: 2, openedOn: "2025-03-03" })) as [string];
  await runCycleDay(t.database, creditorId, day("2025-03-03"), { agency: agencyFromEnv(), rules });
  const [c] = await t.database.query<{ id: string }>("select id from cases where creditor_id = $1 order by case_number", [creditorId]);
  await t.database.transaction((tx) =>
    recordPayment(tx, { agency: agencyFromEnv(), caseId: c!.id, amountMinor: 400_00, receivedOn: day("2025-03-10"), channel: "agency", source: "test", externalRef: "p1", today: day("2025-03-10"), actor: "test", rules }),
  );
  const run = await runSettlement(t.database, { creditorId, from: day("2025-03-01"), to: day("2025-03-31"), settledOn: day("2025-04-01") });
  settlementId = run.settlementId;
  payoutMinor = Math.round(Number(run.payout) * 100);
});
afterAll(async () => {
  await t.drop();
});

describe("the payout file of a settlement", () => {
  it("refuses a creditor without a bank account, and one whose account is inactive, writing nothing", async () => {
    await expect(settlementPayoutFile(t.database, { settlementId, version: "pain.001.001.03", debtor, createdAt, today: day("2025-04-01") })).rejects.toMatchObject({
      code: "no_bank_account",
      field: "creditor.bankAccount",
      message: expect.stringMatching(/C001 has no bank account .*no payout file/),
    });
    await setCreditorBankAccount(t.database, creditorId, { account: "1234.56.78903", active: false });
    await expect(settlementPayoutFile(t.database, { settlementId, version: "pain.001.001.03", debtor, createdAt, today: day("2025-04-01") })).rejects.toMatchObject({
      code: "no_bank_account",
      message: expect.stringMatching(/no active bank account/),
    });
  });

  it("checks the account it stores: a wrong check digit, an IBAN without BIC, or both kinds at once are refused by field", async () => {
    await expect(setCreditorBankAccount(t.database, creditorId, { account: "1234.56.78904" })).rejects.toMatchObject({ code: "invalid_account", field: "account" });
    await expect(setCreditorBankAccount(t.database, creditorId, { iban: "NO9386011117947" })).rejects.toMatchObject({ field: "bic" });
    await expect(setCreditorBankAccount(t.database, creditorId, { iban: "NO9386011117948", bic: "DNBANOKK" })).rejects.toMatchObject({ code: "invalid_iban", field: "iban" });
    await expect(setCreditorBankAccount(t.database, creditorId, { account: "12345678903", iban: "NO9386011117947", bic: "DNBANOKK" })).rejects.toMatchObject({ field: "iban" });
    const [row] = await t.database.query<{ bank_account: unknown }>("select bank_account from creditors where id = $1", [creditorId]);
    // The inactive account stored before is untouched by the refused ones.
    expect(row!.bank_account).toEqual({ accountNumber: "12345678903", active: false });
  });

  for (const version of ["pain.001.001.03", "pain.001.001.09"] as const) {
    it(`${version}: one credit transfer of the payout to the creditor's account, valid against the XSD`, async () => {
      expect(payoutMinor).toBeGreaterThan(0);
      await setCreditorBankAccount(t.database, creditorId, { account: "1234 56 78903" });
      const file = await settlementPayoutFile(t.database, { settlementId, version, debtor, createdAt, today: day("2025-04-01") });
      await validatePain001(file.xml, version);
      const doc = new XMLParser({ parseTagValue: false }).parse(file.xml) as { Document: { CstmrCdtTrfInitn: { GrpHdr: Record<string, unknown>; PmtInf: Record<string, unknown> & { CdtTrfTxInf: Record<string, unknown> } } } };
      const { GrpHdr, PmtInf } = doc.Document.CstmrCdtTrfInitn;
      const tx = PmtInf.CdtTrfTxInf as { Amt: { InstdAmt: { "#text"?: string } | string }; CdtrAcct: { Id: { Othr: { Id: string } } }; Cdtr: { Nm: string }; RmtInf: { Ustrd: string } };
      expect(GrpHdr["NbOfTxs"]).toBe("1");
      expect(GrpHdr["CtrlSum"]).toBe((payoutMinor / 100).toFixed(2));
      expect(JSON.stringify(tx.Amt)).toContain((payoutMinor / 100).toFixed(2));
      expect(tx.CdtrAcct.Id.Othr.Id).toBe("12345678903");
      expect(tx.Cdtr.Nm).toBe("Kreditor C001 AS");
      expect(tx.RmtInf.Ustrd).toContain(settlementId);
      expect(file).toMatchObject({ amount: (payoutMinor / 100).toFixed(2), creditor: { code: "C001", account: "12345678903" }, requestedExecutionDate: "2025-04-01" });
    });
  }

  it("pays to an IBAN with the creditor's BIC, and the same settlement gives the same message id (the bank refuses a repeat)", async () => {
    await setCreditorBankAccount(t.database, creditorId, { iban: "NO93 8601 1117 947", bic: "dnbanokk" });
    const a = await settlementPayoutFile(t.database, { settlementId, version: "pain.001.001.09", debtor, createdAt, today: day("2025-04-03") });
    const b = await settlementPayoutFile(t.database, { settlementId, version: "pain.001.001.09", debtor, createdAt: new Date("2025-04-03T10:00:00Z"), today: day("2025-04-03") });
    expect(a.xml).toContain("<IBAN>NO9386011117947</IBAN>");
    expect(a.xml).toContain("<BICFI>DNBANOKK</BICFI>");
    expect(a.messageId).toBe(b.messageId);
    // A settlement dated before today is paid today, never in the past.
    expect(a.requestedExecutionDate).toBe("2025-04-03");
  });

  it("writes no file for a settlement that pays nothing out", async () => {
    // The debtor pays the creditor directly, all principal: settled, but the agency has nothing to pay out.
    const [, c] = await t.database.query<{ id: string }>("select id from cases where creditor_id = $1 order by case_number", [creditorId]);
    await t.database.transaction((tx) =>
      recordPayment(tx, { agency: agencyFromEnv(), caseId: c!.id, amountMinor: 150_00, receivedOn: day("2025-04-10"), channel: "creditor", designation: { bucket: "principal" }, source: "test", externalRef: "d1", today: day("2025-04-10"), actor: "test", rules }),
    );
    const direct = await runSettlement(t.database, { creditorId, from: day("2025-04-01"), to: day("2025-04-30"), settledOn: day("2025-05-01") });
    expect(direct).toMatchObject({ cases: 1, payout: "0.00", invoiceToCreditor: "0.00" });
    await expect(settlementPayoutFile(t.database, { settlementId: direct.settlementId, version: "pain.001.001.03", debtor, createdAt, today: day("2025-05-01") })).rejects.toMatchObject({
      code: "nothing_to_pay",
      message: expect.stringMatching(/pays nothing out/),
    });
  });
});
