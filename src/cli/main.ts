import { readFileSync } from "node:fs";
import { Command, CommanderError } from "commander";
import { processIo, reportError, EXIT_OK, type Io } from "./output.js";
import { registerServe, type StartProduct } from "./commands/serve.js";
import { registerCalc } from "./commands/calc.js";
import { registerKid } from "./commands/kid.js";
import { registerId } from "./commands/id.js";
import { registerCases } from "./commands/cases.js";
import { registerLetters } from "./commands/letters.js";
import { registerSandbox } from "./commands/sandbox.js";
import { registerPayments } from "./commands/payments.js";
import { registerLedger } from "./commands/ledger.js";
import { registerCaseList } from "./commands/case-list.js";
import { registerPayouts, registerSettle } from "./commands/settle.js";
import { registerDrafts } from "./commands/drafts.js";
import { registerReconcile } from "./commands/reconcile.js";
import { registerDemo } from "./commands/demo.js";
import { registerUsers } from "./commands/users.js";
import { registerSecrets } from "./commands/secrets.js";
import { registerBackup } from "./commands/backup.js";
import { registerBackOffice } from "./commands/back-office.js";
import { registerDebtorInfo } from "./commands/debtor-info.js";

/**
 * `fordring`: every command takes `--json` for machine-readable output (amounts as decimal
 * strings such as "202.45"). Exit codes: 0 ok, 1 failure, 2 bad input.
 */
export interface Wiring {
  /** The product `serve` starts, handed in by the composition root (src/main/fordring.ts). */
  readonly start?: StartProduct;
}

/** The package's version (`fordring --version`). */
const VERSION: string = (JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string }).version;

export function buildProgram(io: Io, wiring: Wiring = {}): Command {
  const program = new Command("fordring")
    .description("Fordring — open debt collection between a creditor's ledger and the collection workflow")
    .version(VERSION, "-V, --version", "print the version")
    .configureOutput({ writeOut: (s) => io.out(s), writeErr: (s) => io.err(s) })
    .exitOverride()
    .showHelpAfterError("(run with --help for usage)");
  registerServe(program, io, wiring.start);
  registerCalc(program, io);
  registerKid(program, io);
  registerId(program, io);
  registerCases(program, io);
  registerLetters(program, io);
  registerSandbox(program, io);
  registerPayments(program, io);
  registerLedger(program, io);
  registerCaseList(program, io);
  registerBackOffice(program, io);
  registerDebtorInfo(program, io);
  registerSettle(program, io);
  registerPayouts(program, io);
  registerDrafts(program, io);
  registerReconcile(program, io);
  registerUsers(program, io);
  registerBackup(program, io);
  registerSecrets(program, io);
  registerDemo(program, io);
  return program;
}

export async function main(argv: string[], io: Io = processIo, wiring: Wiring = {}): Promise<number> {
  const program = buildProgram(io, wiring);
  try {
    await program.parseAsync(argv, { from: "user" });
    return typeof process.exitCode === "number" ? process.exitCode : EXIT_OK;
  } catch (e) {
    if (e instanceof CommanderError && (e.code === "commander.helpDisplayed" || e.code === "commander.version")) return EXIT_OK;
    return reportError(io, argv.includes("--json"), e);
  }
}
