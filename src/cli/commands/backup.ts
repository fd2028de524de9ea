import type { Command } from "commander";
import { loadConfig } from "../../platform/config.js";
import { BadInput, emit, type Io } from "../output.js";

/**
 * `fordring backup --to FILE` and `fordring restore --from FILE [--force]`: the embedded data
 * directory (FORDRING_DATA_DIR) as one archive, while no process uses it (both refuse, exit code 2,
 * while the directory's lock is held). A server database (DATABASE_URL) is backed up with
 * pg_dump or PITR instead (docs/OPERATIONS.md, "Backup and restore").
 */
export function registerBackup(program: Command, io: Io): void {
  const serverRefusal = () => new BadInput("DATABASE_URL", "is set: back up a PostgreSQL server with pg_dump or PITR (docs/OPERATIONS.md, \"Backup and restore\"); this command is for the embedded data directory");
  program
    .command("backup")
    .description("archive the embedded data directory (FORDRING_DATA_DIR) while no process uses it")
    .requiredOption("--to <file>", "the archive to write (.tar.gz; never overwritten)")
    .option("--json", "machine-readable output")
    .action(async (opts: { to: string; json?: boolean }) => {
      const config = loadConfig();
      if (config.databaseUrl) throw serverRefusal();
      const { backupDataDir, BackupError } = await import("../../platform/db/backup.js");
      try {
        const result = backupDataDir(config.dataDir, opts.to);
        const keyNote = result.entries.includes("secret.key") ? " — it holds secret.key: keep the archive as safe as the key" : "";
        emit(io, !!opts.json, result, () => `backed up ${config.dataDir} to ${result.file} (${result.bytes} bytes: ${result.entries.join(", ")})${keyNote}`);
      } catch (e) {
        if (e instanceof BackupError) throw new BadInput("--to", e.message);
        throw e;
      }
    });
  program
    .command("restore")
    .description("put a `fordring backup` archive back into the embedded data directory while no process uses it")
    .requiredOption("--from <file>", "the archive `fordring backup` wrote")
    .option("--force", "replace a database already there (kept beside it as <dir>.before-restore-<time>)")
    .option("--json", "machine-readable output")
    .action(async (opts: { from: string; force?: boolean; json?: boolean }) => {
      const config = loadConfig();
      if (config.databaseUrl) throw serverRefusal();
      const { restoreDataDir, BackupError } = await import("../../platform/db/backup.js");
      try {
        const result = await restoreDataDir(config.dataDir, opts.from, { force: !!opts.force });
        emit(io, !!opts.json, result, () => `restored ${opts.from} into ${result.dataDir} (${result.migrations} migrations applied in it; the next start applies newer ones)${result.keptAs ? `; the former contents are in ${result.keptAs}` : ""}`);
      } catch (e) {
        if (e instanceof BackupError) throw new BadInput("--from", e.message);
        throw e;
      }
    });
}
