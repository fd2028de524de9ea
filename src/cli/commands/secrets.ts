import { existsSync } from "node:fs";
import path from "node:path";
import type { Command } from "commander";
import { checkSecrets, rotateSecrets, type ColumnReport, type SecretsReport } from "../../access/rotate-secrets.js";
import { KEY_FILE_NAME, SecretBox } from "../../access/secret-box.js";
import { loadConfig } from "../../platform/config.js";
import { BadInput, EXIT_FAILURE, emit, type Io } from "../output.js";
import { withDatabase } from "../with-database.js";

/**
 * `fordring secrets rotate [--check]`: moves every stored secret to FORDRING_SECRET_KEY, reading
 * the old ones with FORDRING_SECRET_KEY_PREVIOUS (src/access/rotate-secrets.ts; the procedure is in
 * docs/OPERATIONS.md). Exit code 0 when every value is under the current key, 1 when `--check`
 * finds values still to re-encrypt or any value opens under no configured key (then nothing is
 * changed), 2 for bad input.
 */
function describeColumn(c: ColumnReport, report: SecretsReport): string {
  const name = `${c.table}.${c.column}`;
  if (c.values === 0) return `${name}: no sealed values`;
  const keys = [report.currentKeyId, ...report.previousKeyIds]
    .filter((k) => c.byKey[k])
    .map((k) => `${c.byKey[k]} under ${k}${k === report.currentKeyId ? " (current)" : ""}`);
  if (c.unreadable) keys.push(`${c.unreadable} under no configured key`);
  const legacy = c.legacyFormat ? ` (${c.legacyFormat} without a key id)` : "";
  const outcome = c.reencrypted ? `${c.reencrypted} re-encrypted` : c.stale ? `${c.stale} to re-encrypt` : "nothing to do";
  return `${name}: ${c.values} ${c.values === 1 ? "value" : "values"} — ${keys.join(", ")}${legacy}; ${outcome}`;
}

function describe(report: SecretsReport, keySource: string): string {
  const lines = [`key ${report.currentKeyId} encrypts (${keySource}); previous keys: ${report.previousKeyIds.join(", ") || "none"}`, ...report.columns.map((c) => describeColumn(c, report))];
  const unreadable = report.columns.reduce((n, c) => n + c.unreadable, 0);
  const stale = report.columns.reduce((n, c) => n + c.stale - c.reencrypted, 0);
  if (unreadable > 0) {
    lines.push(
      report.mode === "check" ? `${unreadable} ${unreadable === 1 ? "value opens" : "values open"} under no configured key:` : `refused: ${unreadable} ${unreadable === 1 ? "value opens" : "values open"} under no configured key${report.columns.some((c) => c.reencrypted > 0) ? " (found during the run: the batches before it are done)" : "; nothing was changed"}:`,
      ...report.unreadable.map((u) => `  ${u.message}`),
      ...(unreadable > report.unreadable.length ? [`  … and ${unreadable - report.unreadable.length} more (see --json for the first ${report.unreadable.length})`] : []),
      "Add the key that made them to FORDRING_SECRET_KEY_PREVIOUS (or correct those rows), then run again.",
    );
  } else if (report.complete) {
    lines.push(`every value is under key ${report.currentKeyId}${report.previousKeyIds.length ? ": FORDRING_SECRET_KEY_PREVIOUS can be removed" : ""}`);
  } else {
    lines.push(`${stale} ${stale === 1 ? "value still uses" : "values still use"} a previous key or the format without a key id: run \`fordring secrets rotate\``);
  }
  return lines.join("\n");
}

export function registerSecrets(program: Command, io: Io): void {
  const secrets = program.command("secrets").description("the key that encrypts identity numbers, webhook secrets and ledger keys at rest");
  secrets
    .command("rotate")
    .description("re-encrypt every stored secret under FORDRING_SECRET_KEY, reading old values with FORDRING_SECRET_KEY_PREVIOUS (exit 1, changing nothing, when a value opens under no configured key)")
    .option("--check", "count the values per key and change nothing (exit 1 while any still needs re-encrypting)")
    .option("--batch <n>", "values re-encrypted per transaction", "500")
    .option("--json", "machine-readable output")
    .action(async (opts: { check?: boolean; batch: string; json?: boolean }) => {
      const batch = Number(opts.batch);
      if (!Number.isInteger(batch) || batch < 1 || batch > 10_000) throw new BadInput("--batch", `"${opts.batch}" is not a whole number from 1 to 10000`);
      const config = loadConfig();
      const keyFile = path.join(config.dataDir, KEY_FILE_NAME);
      // Never invent a key here: values re-encrypted under a key nobody else has would be lost.
      if (!config.secretKey && !existsSync(keyFile)) throw new BadInput("FORDRING_SECRET_KEY", `not set, and there is no key file at ${keyFile}: set it to the key the stored values are to be encrypted with`);
      const box = SecretBox.fromConfig(config, { createKeyFile: false });
      const keySource = config.secretKey ? "FORDRING_SECRET_KEY" : `key file ${keyFile}`;
      let shown = "";
      const progress = (p: { table: string; column: string; seen: number; reencrypted: number }) => {
        const line = `${p.table}.${p.column}: ${p.reencrypted} re-encrypted`;
        if (p.reencrypted > 0 && line !== shown) io.err(`${(shown = line)} of ${p.seen} read`);
      };
      const report = await withDatabase((db) => (opts.check ? checkSecrets(db, box, { batch }) : rotateSecrets(db, box, { batch, ...(opts.json ? {} : { onBatch: progress }) })));
      emit(io, !!opts.json, { ...report, keySource }, () => describe(report, keySource));
      if (report.refused) io.err(`error: refused: ${report.unreadable.length === 1 ? "a value opens" : "values open"} under no configured key (${report.unreadable[0]!.message})`);
      if (!report.complete) process.exitCode = EXIT_FAILURE;
    });
}
