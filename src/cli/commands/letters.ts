import fs from "node:fs";
import type { Command } from "commander";
import { letterPdfNow } from "../../collection/letters/letter-pdf.js";
import { resendLetterCopy } from "../../delivery/resend-copy.js";
import { clockFromConfig } from "../../platform/clock.js";
import { loadConfig } from "../../platform/config.js";
import { caseNumberExists, lettersOfCase } from "../../read-models/cases.js";
import { withDatabase } from "../with-database.js";
import { BadInput, emit, type Io } from "../output.js";

/** `fordring letters list|get|copy`: the letters of a case, one letter's PDF by id (its preview), and a copy sent again. */
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
      emit(io, !!opts.json, rows, () => (rows.length ? rows.map((r) => `${r.id}  ${r.number ?? "-"}  ${r.sent_on}  ${r.kind.padEnd(18)} deadline ${r.deadline}  ${r.status}  ${r.delivery_status}${r.channel ? ` (${r.channel})` : ""}`).join("\n") : `no letters for case ${caseNumber}`));
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

  letters
    .command("copy <letterId>")
    .description("send a copy of a letter again (the same PDF and deadline; the delivery step chooses the channel)")
    .option("--reason <text>", "why, for the case's timeline")
    .option("--json", "machine-readable output")
    .action(async (letterId: string, opts: { reason?: string; json?: boolean }) => {
      if (!/^[0-9a-f-]{36}$/i.test(letterId)) throw new BadInput("letterId", `"${letterId}" is not a letter id (a UUID; see \`fordring letters list\`)`);
      const config = loadConfig();
      const copy = await withDatabase((db) => resendLetterCopy(db, { letterId, today: clockFromConfig(config).today(), actor: "cli:letters", reason: opts.reason ?? null }));
      emit(io, !!opts.json, copy, () => `queued a copy of ${letterId} for case ${copy.caseNumber}: letter ${copy.letterId}`);
    });
}
