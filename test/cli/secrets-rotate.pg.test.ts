import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setDebtorNationalId } from "../../src/access/pii.js";
import { checkSecrets, rotateSecrets, type SecretsReport } from "../../src/access/rotate-secrets.js";
import { SecretBox } from "../../src/access/secret-box.js";
import { sealCredentials } from "../../src/integration/connector-for.js";
import { addLedgerIntegration } from "../../src/integration/sync/integrations.js";
import type { Database } from "../../src/platform/db/database.js";
import { createWebhook } from "../../src/webhooks/webhooks.js";
import { cliDatabase, type CliDatabase } from "../support/cli-database.js";

/**
 * Replacing the encryption key as an operator does it (docs/OPERATIONS.md): values stored under
 * key A — identity numbers (one still in the format from before key ids), a webhook secret, ledger
 * keys given through the API — are moved to key B with A as the previous key, after which B alone
 * opens everything. The command runs in-process with the environment a shell would give it.
 */
const A = "a".repeat(64);
const B = "b".repeat(64);
const UNKNOWN = "c".repeat(64);
const idOf = (hex: string) => SecretBox.fromKey(hex).keyIds.current;
/** 01019012345 under A, as the SecretBox before key ids wrote it. */
const LEGACY_UNDER_A = "v1:X_ZR8Er-eSE9EGeh:3vW3WIoSRfYu2BZ3Xvq5Tg:Im3D3dmT2LrmUUs";

describe("fordring secrets rotate", () => {
  let c: CliDatabase;
  const expected = { nationalIds: new Map<string, string>(), webhookSecret: "", credentials: { clientKey: "client-key-1", applicationKey: "application-key-1" } };
  /** One command with no key set but those given (on a server, a data directory without a key file). */
  const run = (env: Record<string, string | undefined>, ...args: string[]) =>
    c.runWith({ FORDRING_SECRET_KEY: undefined, FORDRING_SECRET_KEY_PREVIOUS: undefined, ...(c.onServer ? { FORDRING_DATA_DIR: path.join(c.dir, "no-key-file-here") } : {}), ...env }, ...args);
  const withDb = <T>(fn: (db: Database) => Promise<T>): Promise<T> => c.withDb(fn);
  /** Every stored value of every sealed column, to show that a refused run changed nothing. */
  const snapshot = () =>
    withDb((db) =>
      db.query<{ k: string; v: string | null }>(
        `select 'debtors/' || id as k, national_id_enc as v from debtors
         union all select 'webhooks/' || id, secret_enc from webhooks
         union all select 'ledger_integrations/' || id, credentials_ref from ledger_integrations order by 1`,
      ),
    );
  const column = (r: SecretsReport, table: string) => r.columns.find((c) => c.table === table)!;

  beforeAll(async () => {
    c = await cliDatabase("fordring-secrets-rotate");
    const boxA = SecretBox.fromKey(A);
    await withDb(async (db) => {
      const [creditor] = await db.query<{ id: string }>(`insert into creditors (code, name, settings) values ('ACME', 'Acme Rør AS', '{"collection":{}}') returning id`);
      const debtor = async (n: number) =>
        (await db.query<{ id: string }>("insert into debtors (creditor_id, source, external_id, type, name) values ($1, 'test', $2, 'consumer', $3) returning id", [creditor!.id, `D${n}`, `Debtor ${n}`]))[0]!.id;
      for (const [n, nationalId] of [[1, "01019010046"], [2, "02028510031"], [3, "02028510112"]] as const) {
        const id = await debtor(n);
        await setDebtorNationalId(db, boxA, id, nationalId);
        expected.nationalIds.set(id, nationalId);
      }
      const legacy = await debtor(4);
      await db.query("update debtors set national_id_enc = $2 where id = $1", [legacy, LEGACY_UNDER_A]);
      expected.nationalIds.set(legacy, "01019012345");
      await debtor(5); // no identity number: nothing to rotate
      expected.webhookSecret = (await createWebhook(db, boxA, { firmId: null, creditorId: creditor!.id, url: "https://example.no/hooks", events: ["case.opened"] })).secret;
      await addLedgerIntegration(db, { creditorId: creditor!.id, kind: "poweroffice", credentialsRef: sealCredentials(boxA, expected.credentials), canCreateCases: true });
      await addLedgerIntegration(db, { creditorId: creditor!.id, kind: "poweroffice", credentialsRef: "env:ACME_POWEROFFICE_KEY" });
    });
  });
  afterAll(async () => {
    await c.drop();
  });

  it("--check counts what still uses the old key, per table and column, and changes nothing", async () => {
    const before = await snapshot();
    const r = await run({ FORDRING_SECRET_KEY: B, FORDRING_SECRET_KEY_PREVIOUS: A }, "secrets", "rotate", "--check", "--json");
    expect(r.stderr).toBe("");
    expect(r.code).toBe(1);
    const report = r.json<SecretsReport>();
    expect(report).toMatchObject({ mode: "check", currentKeyId: idOf(B), previousKeyIds: [idOf(A)], complete: false, unreadable: [] });
    expect(column(report, "debtors")).toMatchObject({ column: "national_id_enc", values: 4, current: 0, stale: 4, legacyFormat: 1, byKey: { [idOf(A)]: 4 }, reencrypted: 0 });
    expect(column(report, "webhooks")).toMatchObject({ column: "secret_enc", values: 1, stale: 1 });
    expect(column(report, "ledger_integrations")).toMatchObject({ column: "credentials_ref", values: 1, stale: 1 }); // the env: reference is no secret
    expect(await snapshot()).toEqual(before);
    const human = await run({ FORDRING_SECRET_KEY: B, FORDRING_SECRET_KEY_PREVIOUS: A }, "secrets", "rotate", "--check");
    expect(human.stdout).toContain(`debtors.national_id_enc: 4 values — 4 under ${idOf(A)} (1 without a key id); 4 to re-encrypt`);
    expect(human.stdout).toContain("6 values still use a previous key");
  });

  it("refuses, saying what and where, when a value opens under no configured key — and changes nothing", async () => {
    const stray = await withDb(async (db) => {
      const [c] = await db.query<{ id: string }>("select id from creditors where code = 'ACME'");
      const [d] = await db.query<{ id: string }>("insert into debtors (creditor_id, source, external_id, type, name, national_id_enc) values ($1, 'test', 'D6', 'consumer', 'Stray', $2) returning id", [
        c!.id, SecretBox.fromKey(UNKNOWN).encrypt("02028510384"),
      ]);
      return d!.id;
    });
    const before = await snapshot();
    const r = await run({ FORDRING_SECRET_KEY: B, FORDRING_SECRET_KEY_PREVIOUS: A }, "secrets", "rotate", "--batch", "2");
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`debtors.national_id_enc: 5 values — 4 under ${idOf(A)}, 1 under no configured key (1 without a key id); 4 to re-encrypt`);
    expect(r.stdout).toContain(`refused: 1 value opens under no configured key; nothing was changed`);
    expect(r.stdout).toContain(`debtors.national_id_enc id ${stray}: sealed with key ${idOf(UNKNOWN)}, which is neither FORDRING_SECRET_KEY (${idOf(B)}) nor in FORDRING_SECRET_KEY_PREVIOUS (${idOf(A)})`);
    expect(r.stderr).toContain("error: refused");
    expect(await snapshot()).toEqual(before);

    // Forgetting the previous key: everything is unreadable, and still nothing changes.
    const noPrevious = await run({ FORDRING_SECRET_KEY: B }, "secrets", "rotate", "--json");
    expect(noPrevious.code).toBe(1);
    const report = noPrevious.json<SecretsReport>();
    expect(report).toMatchObject({ refused: true, complete: false });
    expect(column(report, "debtors").unreadable).toBe(5);
    expect(report.unreadable.map((u) => u.reason)).toContain("not_authentic"); // the v1 value cannot name its key
    expect(await snapshot()).toEqual(before);

    await withDb((db) => db.query("delete from debtors where id = $1", [stray]));
  });

  it("never invents a key: without FORDRING_SECRET_KEY or a key file it stops with exit code 2", async () => {
    const before = await snapshot();
    const dataDir = path.join(c.dir, "empty-data-dir");
    const r = await run({ FORDRING_SECRET_KEY_PREVIOUS: A, ...(c.onServer ? { FORDRING_DATA_DIR: dataDir } : {}) }, "secrets", "rotate");
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/FORDRING_SECRET_KEY: not set, and there is no key file at/);
    expect(fs.existsSync(path.join(c.onServer ? dataDir : path.join(c.dir, "data"), "secret.key"))).toBe(false);
    expect(await snapshot()).toEqual(before);
  });

  it("an interrupted rotation keeps whole batches only, and the next run finishes it", async () => {
    const box = SecretBox.fromKeys(B, [A]);
    let batches = 0;
    await withDb(async (db) => {
      const interrupted = rotateSecrets(db, box, {
        batch: 2,
        onBatch: () => {
          if (++batches === 2) throw new Error("killed in the middle of the second batch");
        },
      });
      await expect(interrupted).rejects.toThrow("killed");
      const after = await checkSecrets(db, box);
      // The first batch of two identity numbers is committed; the second was rolled back whole.
      expect(column(after, "debtors")).toMatchObject({ values: 4, current: 2, stale: 2, unreadable: 0 });
      expect(column(after, "webhooks")).toMatchObject({ current: 0, stale: 1 });
    });

    const r = await run({ FORDRING_SECRET_KEY: B, FORDRING_SECRET_KEY_PREVIOUS: A }, "secrets", "rotate", "--batch", "2", "--json");
    expect(r.code, r.stderr).toBe(0);
    const report = r.json<SecretsReport>();
    expect(report).toMatchObject({ mode: "rotate", complete: true, refused: false });
    expect(column(report, "debtors")).toMatchObject({ values: 4, current: 2, stale: 2, reencrypted: 2 });
    expect(column(report, "webhooks")).toMatchObject({ values: 1, reencrypted: 1 });
    expect(column(report, "ledger_integrations")).toMatchObject({ values: 1, reencrypted: 1 });
  });

  it("leaves every value readable under B alone, and a second run has nothing to do", async () => {
    const boxB = SecretBox.fromKey(B);
    await withDb(async (db) => {
      const debtors = await db.query<{ id: string; national_id_enc: string | null }>("select id, national_id_enc from debtors");
      expect(debtors).toHaveLength(5);
      for (const d of debtors) {
        if (!expected.nationalIds.has(d.id)) expect(d.national_id_enc).toBeNull();
        else expect(boxB.open(d.national_id_enc!)).toMatchObject({ plain: expected.nationalIds.get(d.id), current: true, legacy: false });
      }
      const [webhook] = await db.query<{ secret_enc: string }>("select secret_enc from webhooks");
      expect(boxB.decrypt(webhook!.secret_enc)).toBe(expected.webhookSecret);
      const refs = (await db.query<{ credentials_ref: string }>("select credentials_ref from ledger_integrations order by credentials_ref")).map((r) => r.credentials_ref);
      expect(refs[0]).toBe("env:ACME_POWEROFFICE_KEY");
      expect(refs[1]!.startsWith("sealed:")).toBe(true);
      expect(JSON.parse(boxB.decrypt(refs[1]!.slice("sealed:".length)))).toEqual(expected.credentials);
    });

    const check = await run({ FORDRING_SECRET_KEY: B }, "secrets", "rotate", "--check");
    expect(check.code, check.stdout).toBe(0);
    expect(check.stdout).toContain(`every value is under key ${idOf(B)}`);
    const before = await snapshot();
    const again = await run({ FORDRING_SECRET_KEY: B, FORDRING_SECRET_KEY_PREVIOUS: A }, "secrets", "rotate", "--json");
    expect(again.code).toBe(0);
    expect(again.json<SecretsReport>().columns.map((c) => c.reencrypted)).toEqual([0, 0, 0]);
    expect(await snapshot()).toEqual(before);
  });
});
