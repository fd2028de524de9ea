import { generateKeyPairSync } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { SMTPServer } from "smtp-server";
import { aLetter } from "../src/collection/letters/letter-model.fixture.js";
import type { LetterModel } from "../src/collection/letters/letter-model.js";
import { renderLetterPdf } from "../src/collection/letters/render-letter.js";
import { LocalDate } from "../src/domain/calendar/local-date.js";
import { digipostChannel } from "../src/delivery/digipost/digipost-channel.js";
import { createDigipostSandbox } from "../src/delivery/digipost/sandbox/server.js";
import { emailChannel } from "../src/delivery/email/email-channel.js";
import { letterIdempotencyKey, type LetterChannel, type OutgoingLetter } from "../src/delivery/letter-channel.js";
import { paperChannel } from "../src/delivery/paper/paper-channel.js";
import { checkOptions, clock, fmt, n, option } from "./bench-database.js";

/**
 * `npm run bench -- letters [--letters N]`: a business day's letters (default 10,000; a third
 * each to Digipost, e-mail and paper) rendered to PDF, then delivered through the Digipost
 * sandbox (signed HTTP requests) and an SMTP server (smtp-server) on this machine, and the paper
 * ones written as the day's print batch — against a baseline in the same run: the same PDF bytes
 * written to disk, one file per letter. The channels are driven directly (no database: the
 * delivery step's bookkeeping is a few keyed rows per letter). One core: renders and sends run
 * one after the other.
 */
const OPTIONS = ["letters"];
const RENDER_AIM_PER_SECOND = 200;

export async function benchLetters(args: readonly string[]): Promise<void> {
  checkOptions("letters", args, OPTIONS);
  const count = option("letters", args, "letters", 10_000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "fordring-bench-letters-"));
  const key = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const sandbox = createDigipostSandbox({ senders: new Map([["9999", key.publicKey]]), recipients: [{ nationalId: "01017010170", name: "Åse Øvergård", addressline1: "Tårnveien 7", postalcode: "1362", city: "Hosle", hasMailbox: true }] });
  let mails = 0;
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, _s, callback) {
      stream.on("data", () => undefined);
      stream.on("end", () => {
        mails++;
        callback();
      });
    },
  });
  try {
    const url = await sandbox.listen(0);
    await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", () => resolve()));
    const smtpPort = (smtp.server.address() as { port: number }).port;
    const kinds = ["reminder", "collection-notice", "payment-demand"] as const;
    const models: LetterModel[] = Array.from({ length: count }, (_, i) => aLetter(kinds[i % 3]!, { letterId: uuidFor(i), caseNumber: `B-${100001 + i}` }));
    console.log(`\nletters: a business day of ${n(count)} letters rendered and delivered (a third each by Digipost, e-mail and paper), ${os.cpus().length} cores`);

    // Baseline and rendering: the same bytes, rendered, then written to disk one file per letter.
    let t = clock();
    const pdfs: Buffer[] = [];
    // CPU time too: on a shared machine the wall clock counts other processes' time; per core is CPU seconds.
    const cpu0 = process.cpuUsage();
    for (const m of models) pdfs.push(await renderLetterPdf(m));
    const renderSeconds = t();
    const cpu = process.cpuUsage(cpu0);
    const renderCpuSeconds = (cpu.user + cpu.system) / 1e6;
    t = clock();
    for (let i = 0; i < count; i++) fs.writeFileSync(path.join(dir, `${i}.pdf`), pdfs[i]!);
    const diskSeconds = t();
    const bytes = pdfs.reduce((s, p) => s + p.length, 0);

    const today = LocalDate.parse("2025-03-03");
    const channels: LetterChannel[] = [
      digipostChannel({ url, senderId: "9999", privateKey: key.privateKey }),
      emailChannel({ smtpUrl: `smtp://127.0.0.1:${smtpPort}`, from: "Bench Inkasso <post@bench.example>" }),
      paperChannel({ dir: path.join(dir, "print") }),
    ];
    const sent = { digipost: 0, email: 0, paper: 0 };
    const seconds = { digipost: 0, email: 0, paper: 0 };
    for (let i = 0; i < count; i++) {
      const channel = channels[i % 3]!;
      const model = models[i]!;
      const letter: OutgoingLetter = {
        letterId: model.letterId,
        creditorId: "bench",
        caseId: "bench",
        caseNumber: model.caseNumber,
        kind: model.kind,
        sendOn: today,
        pdf: pdfs[i]!,
        model,
        recipient: { type: "consumer", name: model.debtor.name, address: model.debtor.address, nationalId: "01017010170", orgNumber: null, email: "debtor@bench.example" },
        idempotencyKey: letterIdempotencyKey(model.letterId),
      };
      const c = clock();
      const result = await channel.send(letter);
      seconds[channel.name] += c();
      if (result.kind !== "accepted") throw new Error(`${channel.name} refused letter ${i}: ${result.reason}`);
      sent[channel.name]++;
    }
    t = clock();
    const batch = await (channels[2] as ReturnType<typeof paperChannel>).writeBatch(today);
    const batchSeconds = t();
    const deliverSeconds = seconds.digipost + seconds.email + seconds.paper + batchSeconds;

    const line = (label: string, items: number, s: number) => console.log(`  ${label.padEnd(44)} ${n(items / s).padStart(9)}/s  (${fmt(s)} s for ${n(items)})`);
    line("baseline: the PDFs written to disk", count, diskSeconds);
    line("rendered (one core, wall clock)", count, renderSeconds);
    line("rendered per core (CPU seconds)", count, renderCpuSeconds);
    line(`Digipost sandbox (${n(sandbox.deliveries)} delivered)`, sent.digipost, seconds.digipost);
    line(`SMTP (${n(mails)} received)`, sent.email, seconds.email);
    line(`paper: filed + one batch of ${n(batch?.letters.length ?? 0)} letters`, sent.paper, seconds.paper + batchSeconds);
    line("delivered, all channels", count, deliverSeconds);
    console.log(`  ${n(bytes / 1e6)} MB of PDF; rendering ${fmt(renderSeconds / diskSeconds)}× and delivery ${fmt(deliverSeconds / diskSeconds)}× the baseline's time`);
    console.log(`  render aim ≥ ${RENDER_AIM_PER_SECOND}/s per core: ${count / renderCpuSeconds >= RENDER_AIM_PER_SECOND ? "met" : "NOT met"} (${n(count / renderCpuSeconds)}/s per CPU second, ${n(count / renderSeconds)}/s by the wall clock)`);
    (channels[1] as ReturnType<typeof emailChannel>).close();
  } finally {
    await sandbox.close();
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function uuidFor(i: number): string {
  const hex = i.toString(16).padStart(12, "0");
  return `00000000-0000-4000-8000-${hex}`;
}
