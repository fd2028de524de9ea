import fs from "node:fs";
import type { Command } from "commander";
import { checkOrganisationNumber } from "../../domain/identifiers/by-country.js";
import { isPresetName, PRESET_NAMES, PRESETS } from "../../domain/eligibility/index.js";
import { upsertCreditor } from "../../collection/cases/register.js";
import { clockFromConfig } from "../../platform/clock.js";
import { loadConfig } from "../../platform/config.js";
import type { Database } from "../../platform/db/database.js";
import { allCreditors, creditorByCode } from "../../read-models/creditors.js";
import { loadRuleBook } from "../../platform/rule-book.js";
import { BadInput, emit, type Io } from "../output.js";
import { withDatabase } from "../with-database.js";

interface AddOptions {
  code: string;
  name: string;
  orgNumber?: string;
  preset: string;
  country?: string;
  currency?: string;
  notVatRegistered?: boolean;
  address?: string;
  account?: string;
  iban?: string;
  bic?: string;
  firstStep?: string;
  transferMinimum?: string;
  transferDelayDays?: string;
  settlementFrequency?: string;
  commissionPercent?: string;
  settings?: string;
  json?: boolean;
}

type SettingsFile = { collection?: Record<string, unknown>; transfer?: Record<string, unknown>; settlement?: Record<string, unknown>; accounts?: Record<string, unknown> };

function readSettingsFile(file: string | undefined): SettingsFile {
  if (!file) return {};
  let json: unknown;
  try {
    json = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (e) {
    throw new BadInput("--settings", `${file}: ${(e as Error).message}`);
  }
  if (typeof json !== "object" || json === null || Array.isArray(json)) throw new BadInput("--settings", `${file}: must be a JSON object { collection?, transfer?, settlement?, accounts? }`);
  const unknown = Object.keys(json).filter((k) => !["collection", "transfer", "settlement", "accounts"].includes(k));
  if (unknown.length) throw new BadInput("--settings", `${file}: "${unknown[0]}" is not one of collection, transfer, settlement, accounts`);
  return json as SettingsFile;
}

/** "Storgata 1, 0150 Oslo" → the letter address. */
function parseAddress(text: string): { line1: string; postcode: string; city: string } {
  const m = /^(.+),\s*(\d{4,5})\s+(.+)$/.exec(text.trim());
  if (!m) throw new BadInput("--address", `"${text}" is not "street, postcode city" (e.g. "Storgata 1, 0150 Oslo")`);
  return { line1: m[1]!.trim(), postcode: m[2]!, city: m[3]!.trim() };
}

function parseAmountFlag(text: string, flag: string): number {
  if (!/^\d{1,12}(\.\d{1,2})?$/.test(text)) throw new BadInput(flag, `"${text}" is not an amount such as 100.00`);
  const [whole, frac = ""] = text.split(".");
  return Number(whole) * 100 + Number(frac.padEnd(2, "0"));
}

function wholeNumber(text: string, flag: string): number {
  if (!/^\d{1,3}$/.test(text)) throw new BadInput(flag, `"${text}" is not a whole number of days`);
  return Number(text);
}

async function creditorIdOf(db: Database, code: string): Promise<string> {
  const row = await creditorByCode(db, code);
  if (!row) throw new BadInput("--creditor", `no creditor with code "${code}" (see \`fordring creditors list\`)`);
  return row.id;
}

/** Creditors, their ledger integrations and the sync: `fordring creditors|integrations|sync`. */
export function registerLedger(program: Command, io: Io): void {
  const creditors = program.command("creditors").description("the creditors whose claims Fordring collects");
  creditors
    .command("add")
    .description("register (or update) a creditor")
    .requiredOption("--code <code>", "a short unique code, used in case numbers (e.g. ACME)")
    .requiredOption("--name <name>", "the creditor's name")
    .option("--org-number <orgnr>", "organisation number (Norwegian, or Swedish organisationsnummer for a SE creditor)")
    .option("--preset <name>", `transfer rules: ${PRESET_NAMES.join(", ")}`, "poweroffice-modhi")
    .option("--country <NO|SE>", "the creditor's country: its law and currency (NOK, SEK); default the preset's (procountor-kravia: SE)")
    .option("--currency <NOK|SEK>", "the currency (must be the country's: NOK for NO, SEK for SE)")
    .option("--not-vat-registered", "the creditor is not VAT-registered (salær gets 25 % added)")
    .option("--address <address>", 'the creditor\'s address, printed on letters: "Storgata 1, 0150 Oslo"')
    .option("--account <number>", "payout account: a Norwegian account number (the agency's own setting; `creditors set-bank` changes it later)")
    .option("--iban <iban>", "payout account as IBAN (with --bic)")
    .option("--bic <bic>", "the payout bank's BIC")
    .option("--first-step <step>", "the first letter of a case: reminder or collection-notice")
    .option("--transfer-minimum <amount>", "invoices with less open than this are not transferred (e.g. 100.00)")
    .option("--transfer-delay-days <n>", "extra days after due before transfer")
    .option("--settlement-frequency <f>", "daily, weekly or monthly")
    .option("--commission-percent <p>", 'the agency\'s commission of principal collected, e.g. "10.00"')
    .option("--settings <file>", "a JSON file { collection?, transfer?, settlement?, accounts? } with any other setting, checked as the API checks it")
    .option("--json", "machine-readable output")
    .action(async (opts: AddOptions) => {
      if (!/^[A-Z0-9]{2,12}$/.test(opts.code)) throw new BadInput("--code", `"${opts.code}" must be 2–12 capital letters or digits`);
      if (!isPresetName(opts.preset)) throw new BadInput("--preset", `"${opts.preset}" is not one of ${PRESET_NAMES.join(", ")}`);
      const country = opts.country ?? PRESETS[opts.preset].jurisdiction;
      if (country !== "NO" && country !== "SE") throw new BadInput("--country", `"${country}" is not one of NO, SE`);
      if (opts.currency !== undefined && opts.currency !== (country === "SE" ? "SEK" : "NOK")) throw new BadInput("--currency", `"${opts.currency}" is not the currency of a ${country} creditor (${country === "SE" ? "SEK" : "NOK"})`);
      const orgCheck = opts.orgNumber ? checkOrganisationNumber(country, opts.orgNumber) : null;
      if (orgCheck && !orgCheck.valid) throw new BadInput("--org-number", `"${opts.orgNumber}" is ${orgCheck.reason ?? "not a valid organisation number"}`);
      const file = readSettingsFile(opts.settings);
      const address = opts.address === undefined ? null : { ...parseAddress(opts.address), country };
      const collection = { ...(file.collection ?? {}), ...(opts.firstStep ? { firstStep: opts.firstStep } : {}) };
      const transfer = { ...(file.transfer ?? {}), preset: opts.preset, ...(opts.transferMinimum ? { minimumAmount: parseAmountFlag(opts.transferMinimum, "--transfer-minimum") } : {}), ...(opts.transferDelayDays ? { delayDays: wholeNumber(opts.transferDelayDays, "--transfer-delay-days") } : {}) };
      const settlement = { ...(file.settlement ?? {}), ...(opts.settlementFrequency ? { frequency: opts.settlementFrequency } : {}), ...(opts.commissionPercent ? { commission: { ...((file.settlement?.["commission"] as object | undefined) ?? {}), percentOfPrincipal: opts.commissionPercent } } : {}) };
      const { transferPolicy } = await import("../../collection/transfer-policy.js");
      const { settlementSettings } = await import("../../settlement/settlement-settings.js");
      const { checkedCollectionSettings } = await import("../../collection/settings.js");
      // The same checks as the API's settings route: a refused value changes nothing.
      const checkedCollection = checkedCollectionSettings(collection);
      transferPolicy({ transfer });
      settlementSettings({ settlement }, country === "SE" ? "SEK" : "NOK");
      const id = await withDatabase(async (db) => {
        const id = await upsertCreditor(db, { code: opts.code, name: opts.name, orgNumber: opts.orgNumber ?? null, address, jurisdiction: country, vatRegistered: !opts.notVatRegistered, collection: checkedCollection, transfer });
        const { mergeCreditorSettings } = await import("../../onboarding/creditor-lifecycle.js");
        await mergeCreditorSettings(db, id, { settlement, ...(file.accounts ? { accounts: file.accounts } : {}) });
        if (opts.account || opts.iban) {
          const { setCreditorBankAccount } = await import("../../settlement/creditor-bank-account.js");
          await setCreditorBankAccount(db, id, { account: opts.account, iban: opts.iban, bic: opts.bic });
        }
        return id;
      });
      emit(io, !!opts.json, { id, code: opts.code }, () => `creditor ${opts.code} (${id})`);
    });
  creditors
    .command("list")
    .description("list the creditors")
    .option("--json", "machine-readable output")
    .action(async (opts: { json?: boolean }) => {
      const rows = await withDatabase((db) => allCreditors(db));
      emit(io, !!opts.json, rows, () => rows.map((r) => `${r.code.padEnd(8)} ${r.name}${r.active ? "" : " (inactive)"}`).join("\n") || "no creditors");
    });

  const integrations = program.command("integrations").description("a creditor's ledger connections");
  integrations
    .command("add <kind>")
    .description("connect a creditor's ledger (kind: poweroffice, visma-net, procountor); the keys are read from an environment variable, never stored")
    .requiredOption("--creditor <code>", "the creditor's code")
    .option("--client-key-env <NAME>", "poweroffice: the environment variable holding the PowerOffice client key (POWEROFFICE_APPLICATION_KEY holds the application key)")
    .option("--credentials-env <NAME>", 'visma-net: the environment variable holding {"clientId","clientSecret","tenantId"} as JSON')
    .option("--api-key-env <NAME>", "procountor: the environment variable holding the company's API key (PROCOUNTOR_CLIENT_ID and PROCOUNTOR_CLIENT_SECRET hold the integration's)")
    .option("--url <url>", "the API's base URL (a sandbox: http://127.0.0.1:4010)")
    .option("--balance-account <account>", "visma-net: where the agency's payments are held until settlement (default 1510)")
    .option("--can-create-cases", "this integration opens new cases (one per creditor)")
    .option("--json", "machine-readable output")
    .action(async (kind: string, opts: { creditor: string; clientKeyEnv?: string; credentialsEnv?: string; apiKeyEnv?: string; url?: string; balanceAccount?: string; canCreateCases?: boolean; json?: boolean }) => {
      if (kind !== "poweroffice" && kind !== "visma-net" && kind !== "procountor") throw new BadInput("kind", `"${kind}" is not a supported ledger (poweroffice, visma-net, procountor)`);
      const [flag, envName] = kind === "poweroffice" ? (["--client-key-env", opts.clientKeyEnv] as const) : kind === "procountor" ? (["--api-key-env", opts.apiKeyEnv] as const) : (["--credentials-env", opts.credentialsEnv] as const);
      if (!envName) throw new BadInput(flag, `${kind} needs ${flag} NAME`);
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(envName)) throw new BadInput(flag, `"${envName}" is not an environment variable name`);
      if (opts.url && !/^https?:\/\//.test(opts.url)) throw new BadInput("--url", `"${opts.url}" is not an http(s) URL`);
      if (opts.balanceAccount !== undefined && (kind !== "visma-net" || !/^\d{4,6}$/.test(opts.balanceAccount))) throw new BadInput("--balance-account", `"${opts.balanceAccount}" is not a GL account number of a visma-net integration`);
      const { addLedgerIntegration } = await import("../../integration/sync/index.js");
      const integration = await withDatabase(async (db) =>
        addLedgerIntegration(db, {
          creditorId: await creditorIdOf(db, opts.creditor),
          kind,
          credentialsRef: `env:${envName}`,
          settings: { ...(opts.url ? { baseUrl: opts.url } : {}), ...(opts.balanceAccount ? { balanceAccount: opts.balanceAccount } : {}) },
          canCreateCases: !!opts.canCreateCases,
        }),
      );
      emit(io, !!opts.json, integration, () => `integration ${integration.id} (${kind}) for ${opts.creditor}${integration.canCreateCases ? ", opens new cases" : ""}`);
    });

  integrations
    .command("activate <kind>")
    .description("procountor: the activation checklist read from the company (what is missing, in Swedish, Norwegian or English), and the activation (or reactivation) once nothing is")
    .requiredOption("--creditor <code>", "the creditor's code (connected first with `integrations add procountor`)")
    .option("--check", "only list what is missing; change nothing")
    .option("--accept-terms", "the company accepts the agency's terms of use (kept; asked once)")
    .option("--contact-name <name>", "the agency's contact at the company (with --contact-email)")
    .option("--contact-email <email>", "the contact's e-mail address; default the creditor's contact, else the company's e-mail in Procountor")
    .option("--transfer-already-overdue", "a one-time choice: invoices already overdue at activation go to collection too")
    .option("--lang <sv|nb|en>", "the language of the list", "sv")
    .option("--json", "machine-readable output")
    .action(async (kind: string, opts: { creditor: string; check?: boolean; acceptTerms?: boolean; contactName?: string; contactEmail?: string; transferAlreadyOverdue?: boolean; lang: string; json?: boolean }) => {
      if (kind !== "procountor") throw new BadInput("kind", `"${kind}": activation from the ledger's side is Procountor's only (others: the API's POST /v1/creditors/{id}/activate)`);
      if (opts.lang !== "sv" && opts.lang !== "nb" && opts.lang !== "en") throw new BadInput("--lang", `"${opts.lang}" is not one of sv, nb, en`);
      const lang = opts.lang;
      if (opts.contactEmail !== undefined && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(opts.contactEmail)) throw new BadInput("--contact-email", `"${opts.contactEmail}" is not an e-mail address`);
      if ((opts.contactName === undefined) !== (opts.contactEmail === undefined)) throw new BadInput(opts.contactName === undefined ? "--contact-name" : "--contact-email", "give the contact's name and e-mail together");
      if (opts.check && (opts.acceptTerms || opts.contactEmail || opts.transferAlreadyOverdue)) throw new BadInput("--check", "only lists what is missing; leave out --accept-terms, --contact-* and --transfer-already-overdue");
      const config = loadConfig();
      const { ledgerSyncDeps } = await import("../../integration/sync/index.js");
      const { activateConnectedProcountor, procountorActivationCheck } = await import("../../onboarding/procountor-activation.js");
      const { connectorFor } = ledgerSyncDeps({ clock: clockFromConfig(config), rules: loadRuleBook(config.rulesDir), config });
      const result = await withDatabase(async (db) => {
        const creditorId = await creditorIdOf(db, opts.creditor);
        if (opts.check) return { ...(await procountorActivationCheck(db, connectorFor, creditorId)), status: null };
        const contact = opts.contactName !== undefined && opts.contactEmail !== undefined ? { name: opts.contactName, email: opts.contactEmail } : undefined;
        return activateConnectedProcountor(db, connectorFor, { creditorId, termsAccepted: !!opts.acceptTerms, contact, transferAlreadyOverdue: !!opts.transferAlreadyOverdue, now: clockFromConfig(config).now() });
      });
      emit(io, !!opts.json, result, () =>
        [result.ready ? `${opts.creditor}: nothing is missing${result.status ? ` (${result.status})` : ""}` : `${opts.creditor}: not ready${result.status ? ` (${result.status})` : ""}`, ...result.missing.map((x) => `  - ${x.text[lang]}`)].join("\n"),
      );
      if (!result.ready) process.exitCode = 1;
    });

  const sync = program.command("sync").description("synchronise with the creditors' ledgers (daily at 05:30 in the worker, or now)");
  sync
    .option("--creditor <code>", "one creditor (default: all with an active integration)")
    .option("--json", "machine-readable output")
    .action(async (opts: { creditor?: string; json?: boolean }) => {
      const config = loadConfig();
      const { ledgerSyncDeps, syncCreditor, syncAllCreditors } = await import("../../integration/sync/index.js");
      const deps = ledgerSyncDeps({ clock: clockFromConfig(config), rules: loadRuleBook(config.rulesDir), config, trigger: "on-demand" });
      const results = await withDatabase(async (db) => (opts.creditor ? [await syncCreditor(db, await creditorIdOf(db, opts.creditor), deps)] : syncAllCreditors(db, deps)));
      emit(io, !!opts.json, results, () =>
        results
          .flatMap((r) => r.integrations.map((i) => `${r.creditorId} ${i.kind}: ${i.status} ${Object.entries(i.counts).map(([k, v]) => `${k} ${v}`).join(", ")}${i.setAside ? `, ${i.setAside} set aside` : ""}`))
          .join("\n") || "no active integrations",
      );
      if (results.some((r) => r.integrations.some((i) => i.status === "failed"))) process.exitCode = 1;
    });
  sync
    .command("status")
    .description("the last sync of each integration: counts, items set aside with the ledger's response, pending and failed ledger writes")
    .option("--creditor <code>", "one creditor")
    .option("--json", "machine-readable output")
    .action(async (_opts: { creditor?: string; json?: boolean }, command: Command) => {
      // `sync` itself takes --creditor and --json too, and commander gives them to it: read both.
      const opts = command.optsWithGlobals<{ creditor?: string; json?: boolean }>();
      const { syncStatus } = await import("../../integration/sync/index.js");
      const status = await withDatabase(async (db) => syncStatus(db, opts.creditor ? { creditorId: await creditorIdOf(db, opts.creditor) } : {}));
      emit(io, !!opts.json, status, () =>
        status
          .map((s) =>
            [
              `${s.creditorCode} ${s.kind}${s.canCreateCases ? " (opens cases)" : ""}: last ${s.lastRun ? `${s.lastRun.status} on ${s.lastRun.businessDate}` : "never"}`,
              ...(s.lastRun ? [`  ${Object.entries(s.lastRun.counts).map(([k, v]) => `${k} ${v}`).join(", ")}`] : []),
              ...(s.lastRun?.setAside ?? []).map((item) => `  set aside: ${JSON.stringify(item)}`),
              ...s.outbox.failed.map((f) => `  failed write: ${f.kind} ${f.key} after ${f.attempts} attempts: ${f.lastError ?? ""}`),
            ].join("\n"),
          )
          .join("\n") || "no integrations",
      );
    });
}
