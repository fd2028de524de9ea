import type { Command } from "commander";
import { clockFromConfig } from "../../platform/clock.js";
import { loadConfig } from "../../platform/config.js";
import { createLogger } from "../../platform/logger.js";
import { loadRuleBook } from "../../platform/rule-book.js";
import { emit, type Io } from "../output.js";
import { withDatabase } from "../with-database.js";

/** `fordring demo seed`: what `npm start` does on an empty database, as a command of its own. */
export function registerDemo(program: Command, io: Io): void {
  const demo = program.command("demo").description("the demo: an accounting firm, its clients and their PowerOffice, Procountor and Visma.net sandbox ledgers (docs/DEMO.md)");
  demo
    .command("seed")
    .description("seed the demo into an empty database; the sandbox ledgers are kept in FORDRING_DATA_DIR/demo-poweroffice.json for `fordring serve`")
    .option("--json", "machine-readable output")
    .action(async (opts: { json?: boolean }) => {
      const config = loadConfig();
      const today = clockFromConfig(config).today();
      const portalUrl = config.publicUrl ?? `http://localhost:${config.port}`;
      const { seedDemo } = await import("../../demo/seed-demo.js");
      const { demoLoginText, progressLines } = await import("../../demo/demo-text.js");
      const { startDemoDelivery } = await import("../../demo/demo-delivery.js");
      const delivery = await startDemoDelivery(config.dataDir);
      const info = await withDatabase(async (database) => {
        const seeded = await seedDemo({
          delivery,
          database,
          rules: loadRuleBook(config.rulesDir),
          logger: createLogger(config.logLevel === "info" ? "warn" : config.logLevel),
          today,
          progress: opts.json ? () => undefined : progressLines((line) => io.err(line)),
          publicUrl: portalUrl,
          dataDir: config.dataDir,
          timezone: config.timezone,
          agency: config.agency,
        });
        // The command ends here; `fordring serve` starts the sandbox again from the data directory.
        await seeded.sandbox.stop();
        return seeded;
      }).finally(() => delivery.stop());
      emit(io, !!opts.json, { firmId: info.firmId, creditors: info.creditors, logins: info.logins, counts: info.counts }, () => demoLoginText(info, portalUrl));
    });
}
