import type { Command } from "commander";
import { checkKid, makeKid, parseKidAlgorithm } from "../../domain/identifiers/index.js";
import { emit, type Io } from "../output.js";

export function registerKid(program: Command, io: Io): void {
  const kid = program.command("kid").description("make and check KID payment references (MOD10 / MOD11)");

  kid
    .command("make <base>")
    .description("append the check digit to BASE (1–24 digits)")
    .option("--mod <10|11>", "check-digit algorithm", "10")
    .option("--json", "machine-readable output")
    .action((base: string, opts: { mod: string; json?: boolean }) => {
      const algorithm = parseKidAlgorithm(/^\d+$/.test(opts.mod) ? `MOD${opts.mod}` : opts.mod, "--mod");
      const value = makeKid(base, algorithm);
      emit(io, !!opts.json, { kid: value, algorithm }, () => value);
    });

  kid
    .command("check <kid>")
    .description("check a KID against MOD10 and MOD11 (or only --mod)")
    .option("--mod <10|11>", "accept only this algorithm")
    .option("--json", "machine-readable output")
    .action((value: string, opts: { mod?: string; json?: boolean }) => {
      const algorithm = opts.mod ? parseKidAlgorithm(/^\d+$/.test(opts.mod) ? `MOD${opts.mod}` : opts.mod, "--mod") : undefined;
      const result = checkKid(value, algorithm ? { algorithm } : {});
      emit(io, !!opts.json, result, () =>
        result.valid ? `valid (${result.algorithms.join(" and ")})` : `invalid: ${result.reason ?? "check digit does not match"}`,
      );
    });
}
