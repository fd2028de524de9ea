import type { Command } from "commander";
import { IDENTIFIER_DESCRIPTIONS, IDENTIFIER_KINDS, checkIdentifier, parseIdentifierKind } from "../../domain/identifiers/index.js";
import { emit, type Io } from "../output.js";

export function registerId(program: Command, io: Io): void {
  const id = program.command("id").description("check Norwegian, Swedish and Finnish identifiers");
  id.command("check <kind> <value>")
    .description(`check VALUE as an identifier of KIND:\n${IDENTIFIER_KINDS.map((k) => `  ${k.padEnd(9)} ${IDENTIFIER_DESCRIPTIONS[k]}`).join("\n")}`)
    .option("--allow-synthetic", "accept Tenor synthetic fødselsnummer (month + 80)")
    .option("--json", "machine-readable output")
    .action((kind: string, value: string, opts: { json?: boolean; allowSynthetic?: boolean }) => {
      const result = checkIdentifier(parseIdentifierKind(kind, "kind"), value, { allowSyntheticNationalIds: !!opts.allowSynthetic });
      emit(io, !!opts.json, result, () => (result.valid ? `valid ${result.kind}: ${result.normalized}` : `invalid ${result.kind}: ${result.reason}`));
    });
}
