import fs from "node:fs";
import type { Command } from "commander";
import { letterPdfNow } from "../../collection/letters/letter-pdf.js";
import { caseNumberExists, lettersOfCase } from "../../read-models/cases.js";
import { withDatabase } from "../with-database.js";
import { BadInput, emit, type Io } from "../output.js";

/** `fordring letters list|get`: the letters of a case, and one letter's PDF by id. */
export function registerLetters(program: Command, io: Io): void {
  const letters = program.command("letters").description("collection letters: list a case's letters, download one as PDF");

  letters
    .command("list <caseNumber>")
    .description("the letters of a case")
    .option("--json", "machine-readable output")
    .action(async (caseNumber: string, opts: { json?: boolean }) => {
      const rows = await withDatabase(async (db) => {
        if (!(await caseNumberExists(db, caseNumber))) throw new BadInput("caseNumber", `no case ${caseNumber}`);
        return lettersOfCase(db, caseNumber);
      });
      emit(io, !!opts.json, rows, () => (rows.length ? rows.map((r) => `${r.id}  ${r.sent_on}  ${r.kind.padEnd(18)} deadline ${r.deadline}  ${r.status}`).join("\n") : `no letters for case ${caseNumber}`));
    });

  letters
    .command("get <letterId>")
    .description("write a letter's PDF (rendered now if it is still queued)")
    .requiredOption("--out <file>", "where to write the PDF")
    .action(async (letterId: string, opts: { out: string }) => {
      if (!/^[0-9a-f-]{36}$/i.test(letterId)) throw new BadInput("letterId", `"${letterId}" is not a letter id (a UUID; see \`fordring letters list\`)`);
      const pdf = await withDatabase(async (db) => {
        const found = await letterPdfNow(db, letterId);
        if (!found) throw new BadInput("letterId", `no letter ${letterId}`);
        return found;
      });
      fs.writeFileSync(opts.out, pdf);
      io.out(`wrote ${opts.out} (${pdf.length} bytes)`);
    });
}
