import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LocalDate } from "../../src/domain/calendar/local-date.js";
import { runPowerOfficeSandbox, type RunningPowerOfficeSandbox } from "../../src/integration/poweroffice/sandbox/run-sandbox.js";
import { simulatedClock } from "../../src/platform/clock.js";
import type { Database } from "../../src/platform/db/database.js";
import { validatePain001 } from "../../src/settlement/pain001.js";
import { camt054 } from "../support/camt054.js";
import { cliDatabase, type CliDatabase } from "../support/cli-database.js";

/**
 * What finance staff type (the commands run in-process, with the environment a shell would give
 * them; exit codes as `main` returns them): the creditor's payout account, a bank file, the
 * sync, `fordring settle` with the remittance PDF and the payout file, `settle status` with the
 * booked state read back from the ledger, and `fordring reconcile` (exit 0 when everything
 * agrees, 1 with the difference and its cause).
 */
const TODAY = "2025-03-03";

describe("fordring settle, settle status and reconcile", () => {
  let sandbox: RunningPowerOfficeSandbox;
  let c: CliDatabase;
  let dir: string;
  const run = (...args: string[]) => c.run(...args);
  const withDb = <T>(fn: (db: Database) => Promise<T>): Promise<T> => c.withDb(fn);

  beforeAll(async () => {
    sandbox = await runPowerOfficeSandbox({ port: 0, clock: simulatedClock(LocalDate.parse(TODAY)) });
    sandbox.sandbox.seed({
      customers: [{ code: 10001, name: "Bjørnstad Rør AS", organizationNumber: "974760673", mailAddress: { address1: "Strandgata 5", zipCode: "9008", city: "TROMSØ", countryCode: "NO" } }],
      invoices: [
        { invoiceNo: 8001, customerCode: 10001, invoiceDate: "2025-01-02", dueDate: "2025-01-16", amount: "4000.00", status: "Approved" },
        { invoiceNo: 8002, customerCode: 10001, invoiceDate: "2025-01-05", dueDate: "2025-01-19", amount: "700.00", status: "Approved" },
      ],
    });
    c = await cliDatabase("fordring-settle-cli", { FORDRING_TODAY: TODAY, POWEROFFICE_APPLICATION_KEY: sandbox.applicationKey, ACME_POWEROFFICE_KEY: sandbox.clientKey });
    dir = c.dir;
  });
  afterAll(async () => {
    await sandbox.sandbox.close();
    await c.drop();
  });

  it("sets the payout account, settles with PDF and payout file, follows the voucher to booked, and reconciles", async () => {
    expect((await run("creditors", "add", "--code", "ACME", "--name", "Acme Rør AS", "--org-number", "974760673")).code).toBe(0);
    expect((await run("creditors", "add", "--code", "BETA", "--name", "Beta AS")).code).toBe(0);
    const wrong = await run("creditors", "set-bank", "--creditor", "ACME", "--account", "1234.56.78904");
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/1234\.56\.78904.*not a Norwegian account number/);
    expect((await run("creditors", "set-bank", "--creditor", "ACME", "--account", "1234.56.78903")).code).toBe(0);
    expect((await run("integrations", "add", "poweroffice", "--creditor", "ACME", "--client-key-env", "ACME_POWEROFFICE_KEY", "--url", sandbox.url, "--can-create-cases")).code).toBe(0);
    expect((await run("sync", "--creditor", "ACME")).code).toBe(0);

    // The debtor pays invoice 8001's case in full to the agency.
    const [c] = await withDb((db) =>
      db.query<{ kid: string; owed: number }>(
        `select k.kid, (k.principal_minor - k.principal_paid_minor + k.interest_accrued_minor - k.interest_paid_minor + k.fees_minor - k.fees_paid_minor) as owed
           from cases k join claims cl on cl.id = k.claim_id where cl.invoice_number = '8001'`,
      ),
    );
    const camt = path.join(dir, "camt.xml");
    fs.writeFileSync(camt, camt054("CLI-1", TODAY, [{ amount: (Number(c!.owed) / 100).toFixed(2), kid: c!.kid }]));
    expect((await run("import", "camt", camt)).code).toBe(0);
    expect((await run("sync", "--creditor", "ACME")).code).toBe(0);
    expect((await run("reconcile", "--creditor", "ACME")).code).toBe(0);

    // A creditor without a bank account: refused, nothing settled, no file.
    const beta = await run("settle", "--creditor", "BETA", "--from", "2025-02-01", "--to", TODAY, "--payout", path.join(dir, "beta.xml"));
    expect(beta.code).toBe(2);
    expect(beta.stderr).toMatch(/BETA has no bank account/);
    expect(fs.existsSync(path.join(dir, "beta.xml"))).toBe(false);

    const pdf = path.join(dir, "remisse.pdf");
    const payout = path.join(dir, "payout.xml");
    const settled = await run("settle", "--creditor", "ACME", "--from", "2025-02-01", "--to", TODAY, "--pdf", pdf, "--payout", payout, "--pain", "09", "--json");
    expect(settled.stderr).toBe("");
    expect(settled.code).toBe(0);
    const result = JSON.parse(settled.stdout) as { settlementId: string; payout: string; payoutFile: { amount: string; creditor: { account: string } } };
    expect(Number(result.payout)).toBeGreaterThan(0);
    expect(result.payoutFile).toMatchObject({ amount: result.payout, creditor: { account: "12345678903" } });
    expect(fs.readFileSync(pdf).subarray(0, 4).toString()).toBe("%PDF");
    const xml = fs.readFileSync(payout, "utf8");
    await validatePain001(xml, "pain.001.001.09");
    expect(xml).toContain(`<InstdAmt Ccy="NOK">${result.payout}</InstdAmt>`);

    type Status = { settlements: { settlementId: string; payout: string; voucher: { state: string }; booked: { state: string } }[] };
    const pending = JSON.parse((await run("settle", "status", "--creditor", "ACME", "--json")).stdout) as Status;
    expect(pending.settlements).toEqual([expect.objectContaining({ settlementId: result.settlementId, payout: result.payout, voucher: expect.objectContaining({ state: "pending" }) as unknown, booked: expect.objectContaining({ state: "unchecked" }) as unknown })]);
    const notBooked = await run("reconcile", "--creditor", "ACME");
    expect(notBooked.code).toBe(1);
    expect(notBooked.stdout).toMatch(/settlement's voucher is not yet booked/);

    expect((await run("sync", "--creditor", "ACME")).code).toBe(0);
    const booked = JSON.parse((await run("settle", "status", "--creditor", "ACME", "--json")).stdout) as Status;
    expect(booked.settlements[0]).toMatchObject({ voucher: { state: "delivered" }, booked: { state: "booked" } });
    const agrees = await run("reconcile", "--creditor", "ACME", "--json");
    expect(agrees.code).toBe(0);
    expect(JSON.parse(agrees.stdout)).toMatchObject({ agrees: true });

    // The debtor of 8002 pays the creditor directly; the ledger has it, the case does not yet.
    sandbox.sandbox.ledger.registerPayment(sandbox.sandbox.ledger.invoiceByNo(8002).id, { amountMinor: 250_00, date: TODAY });
    const planted = await run("reconcile", "--creditor", "ACME");
    expect(planted.code).toBe(1);
    expect(planted.stdout).toMatch(/invoice 8002.*difference -250\.00/);
    expect(planted.stdout).toMatch(/-250\.00 {2}a payment or credit note in the ledger is not yet synced/);
  }, 240_000);
});
