import fs from "node:fs";
import type { Command } from "commander";
import { agencyFromEnv } from "../../collection/agency.js";
import { proposePaymentPlanOn } from "../../collection/payment-plans/payment-plans.js";
import { recordLegalEvent } from "../../collection/legal/legal-steps.js";
import { takeLegalStepChecked } from "../../collection/legal/legal-step-credit-check.js";
import { creditBureauOf } from "../../collection/debtor-info/credit-bureau.js";
import { moveToSurveillanceOn } from "../../collection/surveillance/surveillance.js";
import { SURVEILLANCE_REASONS, type SurveillanceReason } from "../../domain/case-lifecycle/events.js";
import { LEGAL_EVENT_KINDS, TVANGSGRUNNLAG_KINDS, type LegalEventKind, type TvangsgrunnlagKind } from "../../domain/legal/judgment.js";
import { LocalDate } from "../../domain/calendar/local-date.js";
import { formatDecimal, parseMoney } from "../../domain/money.js";
import { clockFromConfig } from "../../platform/clock.js";
import { loadConfig } from "../../platform/config.js";
import { loadRuleBook } from "../../platform/rule-book.js";
import { caseDocument, caseDocumentList, caseIdByNumber, casePaymentPlans } from "../../read-models/back-office.js";
import { BadInput, emit, type Io } from "../output.js";
import { withDatabase } from "../with-database.js";

const nok = (minor: number) => formatDecimal({ amount: minor, currency: "NOK" });

/** `fordring plan propose|show` and `fordring documents list|get`: the agency's back office on a case, for case handlers at a terminal. */
export function registerBackOffice(program: Command, io: Io): void {
  const plan = program.command("plan").description("payment plans (betalingsavtale) on a case");
  plan
    .command("propose <caseNumber>")
    .description("propose a payment plan: --count N --first DATE (even monthly instalments) or --instalment DATE=AMOUNT repeated; refused with every reason, nothing changed")
    .option("--count <n>", "number of monthly instalments")
    .option("--first <date>", "the first instalment's due date, YYYY-MM-DD")
    .option("--instalment <dateAmount>", "an instalment as YYYY-MM-DD=1500.00 (repeat)", (v: string, acc: string[]) => [...acc, v], [] as string[])
    .option("--kid-per-instalment", "one KID per instalment instead of the case's KID")
    .option("--preview", "show the plan and change nothing")
    .option("--json", "machine-readable output")
    .action(async (caseNumber: string, opts: { count?: string; first?: string; instalment: string[]; kidPerInstalment?: boolean; preview?: boolean; json?: boolean }) => {
      const even = opts.count !== undefined || opts.first !== undefined;
      if (even === opts.instalment.length > 0) throw new BadInput("--instalment", "give either --count and --first, or --instalment DATE=AMOUNT (repeated)");
      let schedule: Parameters<typeof proposePaymentPlanOn>[1]["schedule"];
      if (even) {
        const count = Number(opts.count);
        if (!Number.isInteger(count) || count < 1 || count > 120) throw new BadInput("--count", `"${opts.count ?? ""}" is not a whole number from 1 to 120`);
        if (!opts.first) throw new BadInput("--first", "the first instalment's date is required with --count");
        schedule = { kind: "even", count, firstOn: LocalDate.parse(opts.first, "--first") };
      } else {
        schedule = {
          kind: "instalments",
          instalments: opts.instalment.map((text, n) => {
            const [date, amount] = text.split("=");
            if (!date || !amount) throw new BadInput(`--instalment[${n}]`, `"${text}" is not DATE=AMOUNT`);
            return { dueOn: LocalDate.parse(date, `--instalment[${n}]`), amountMinor: parseMoney(amount, "NOK", `--instalment[${n}]`).amount };
          }),
        };
      }
      const config = loadConfig();
      const r = await withDatabase(async (db) => {
        const caseId = await caseIdByNumber(db, caseNumber);
        return proposePaymentPlanOn(db, { caseId, today: clockFromConfig(config).today(), actor: "cli:plan", rules: loadRuleBook(config.rulesDir), agency: agencyFromEnv(), schedule, preview: !!opts.preview, ...(opts.kidPerInstalment ? { kidPerInstalment: true } : {}) });
      });
      if (!r.ok) throw new BadInput(r.refusals[0]!.field, r.refusals.map((x) => `${x.field}: ${x.text.en}`).join("; "));
      emit(io, !!opts.json, { preview: !!opts.preview, ...r }, () =>
        [`${opts.preview ? "preview: " : ""}payment plan ${r.planId}: ${nok(r.totalMinor)} ${r.currency}${r.costMinor ? ` (incl. ${nok(r.costMinor)} instalment agreement cost)` : ""}`, ...r.instalments.map((i, n) => `  ${n + 1}. ${i.dueOn}  ${nok(i.amountMinor).padStart(12)}  KID ${i.kid}`)].join("\n"),
      );
    });
  plan
    .command("show <caseNumber>")
    .description("a case's payment plans: the schedule and what is paid")
    .option("--json", "machine-readable output")
    .action(async (caseNumber: string, opts: { json?: boolean }) => {
      const plans = await withDatabase(async (db) => casePaymentPlans(db, await caseIdByNumber(db, caseNumber)));
      emit(io, !!opts.json, plans, () =>
        plans.map((p) => [`${p.planId} ${p.status} (agreed ${p.agreedOn}${p.endedOn ? `, ended ${p.endedOn}: ${p.endReason}` : ""}) paid ${nok(p.paidMinor)} of ${nok(p.totalMinor)} ${p.currency}`, ...p.instalments.map((i, n) => `  ${n + 1}. ${i.dueOn}  ${nok(i.amountMinor).padStart(12)}  paid ${nok(i.paidMinor).padStart(12)}  KID ${i.kid}`)].join("\n")).join("\n") || "no payment plans",
      );
    });

  const documents = program.command("documents").description("documents kept with a case (plan letters, filings, loss confirmations, claim notices)");
  documents
    .command("list <caseNumber>")
    .option("--json", "machine-readable output")
    .action(async (caseNumber: string, opts: { json?: boolean }) => {
      const rows = await withDatabase(async (db) => caseDocumentList(db, await caseIdByNumber(db, caseNumber)));
      emit(io, !!opts.json, rows, () => rows.map((r) => `${r.documentId}  ${r.kind}  ${r.createdAt}`).join("\n") || "no documents");
    });
  documents
    .command("get <caseNumber> <documentId>")
    .requiredOption("--out <file>", "where to write the PDF")
    .action(async (caseNumber: string, documentId: string, opts: { out: string }) => {
      const d = await withDatabase(async (db) => caseDocument(db, await caseIdByNumber(db, caseNumber), documentId));
      if (!d) throw new BadInput("documentId", `no document ${documentId} on case ${caseNumber}`);
      fs.writeFileSync(opts.out, d.content);
      io.out(`${opts.out}: ${d.kind} (${d.content.length} bytes)`);
    });

  const legal = program.command("legal").description("the legal phase: forliksklage, begjæring om utlegg, their dated events");
  legal
    .command("file <caseNumber>")
    .description("take a legal step (the creditor's approval and inkassoloven § 11 apply; refused with the reason)")
    .requiredOption("--step <step>", "forliksklage | utlegg")
    .option("--basis <kind:reference:date>", `utlegg's tvangsgrunnlag, kind one of ${TVANGSGRUNNLAG_KINDS.join(", ")}`)
    .option("--json", "machine-readable output")
    .action(async (caseNumber: string, opts: { step: string; basis?: string; json?: boolean }) => {
      if (opts.step !== "forliksklage" && opts.step !== "utlegg") throw new BadInput("--step", `"${opts.step}" is not forliksklage or utlegg`);
      let basis = null;
      if (opts.basis) {
        const [kind, reference, date] = opts.basis.split(":");
        if (!kind || !TVANGSGRUNNLAG_KINDS.includes(kind as TvangsgrunnlagKind) || !reference || !date) throw new BadInput("--basis", `"${opts.basis}" is not kind:reference:YYYY-MM-DD`);
        basis = { kind: kind as TvangsgrunnlagKind, reference, date: LocalDate.parse(date, "--basis") };
      }
      const config = loadConfig();
      const step = opts.step;
      const r = await withDatabase(async (db) => takeLegalStepChecked(db, creditBureauOf(config), { caseId: await caseIdByNumber(db, caseNumber), step, tvangsgrunnlag: basis, today: clockFromConfig(config).today(), actor: "cli:legal", rules: loadRuleBook(config.rulesDir), agency: agencyFromEnv() }));
      if (!r.ok) throw new BadInput(r.refusal.field, r.refusal.text.en);
      emit(io, !!opts.json, r, () =>
        r.status === "filed" ? `${step} filed: proceeding ${r.proceedingId}, document ${r.documentId}`
        : r.status === "awaiting-credit-check" ? `the ${step} waits for its credit check: ${r.reason}`
        : `a new payment demand was sent first (inkassoloven § 11); the ${step} is taken after its deadline`,
      );
    });
  legal
    .command("record <caseNumber> <proceedingId>")
    .description(`record a dated event: ${LEGAL_EVENT_KINDS.join(", ")}`)
    .requiredOption("--kind <kind>", LEGAL_EVENT_KINDS.join(" | "))
    .requiredOption("--on <date>", "the event's date, YYYY-MM-DD")
    .option("--result <text>", "the outcome (e.g. paid, no-means)")
    .option("--json", "machine-readable output")
    .action(async (caseNumber: string, proceedingId: string, opts: { kind: string; on: string; result?: string; json?: boolean }) => {
      if (!LEGAL_EVENT_KINDS.includes(opts.kind as LegalEventKind)) throw new BadInput("--kind", `"${opts.kind}" is not one of ${LEGAL_EVENT_KINDS.join(", ")}`);
      const config = loadConfig();
      const on = LocalDate.parse(opts.on, "--on");
      const r = await withDatabase(async (db) => {
        const caseId = await caseIdByNumber(db, caseNumber);
        return db.transaction((tx) => recordLegalEvent(tx, { caseId, proceedingId, kind: opts.kind as LegalEventKind, on, result: opts.result ?? null, today: clockFromConfig(config).today(), actor: "cli:legal" }));
      });
      if (!r.ok) throw new BadInput(r.refusal.field, r.refusal.text.en);
      emit(io, !!opts.json, r, () => `${opts.kind} recorded${r.limitationOn ? `; limitation date ${r.limitationOn} (foreldelsesloven § 21)` : ""}`);
    });

  program
    .command("surveillance <caseNumber>")
    .description("move a case that cannot be collected now to surveillance instead of closing it; the creditor gets a loss confirmation")
    .requiredOption("--reason <reason>", SURVEILLANCE_REASONS.join(" | "))
    .option("--json", "machine-readable output")
    .action(async (caseNumber: string, opts: { reason: string; json?: boolean }) => {
      if (!SURVEILLANCE_REASONS.includes(opts.reason as SurveillanceReason)) throw new BadInput("--reason", `"${opts.reason}" is not one of ${SURVEILLANCE_REASONS.join(", ")}`);
      const config = loadConfig();
      const r = await withDatabase(async (db) => {
        const caseId = await caseIdByNumber(db, caseNumber);
        return moveToSurveillanceOn(db, { caseId, reason: opts.reason as SurveillanceReason, today: clockFromConfig(config).today(), actor: "cli:surveillance", rules: loadRuleBook(config.rulesDir), agency: agencyFromEnv() });
      });
      if (!r.ok) throw new BadInput("caseNumber", r.text.en);
      emit(io, !!opts.json, r, () => `moved to surveillance; loss confirmation ${r.documentId}`);
    });
}
