import type { Command } from "commander";
import { LocalDate } from "../../domain/calendar/local-date.js";
import { clockFromConfig } from "../../platform/clock.js";
import { loadConfig } from "../../platform/config.js";
import { BadInput, type Io } from "../output.js";

/** `fordring sandbox poweroffice|procountor|digipost`: the vendor sandboxes as standalone servers. */
export function registerSandbox(program: Command, io: Io): void {
  const sandbox = program.command("sandbox").description("sandbox servers that behave as the ledgers' and channels' documented APIs");
  sandbox
    .command("poweroffice")
    .description("a PowerOffice Go API sandbox (debt-collection, customer, ledger and voucher services) on 127.0.0.1")
    .option("--port <port>", "port", "4010")
    .option("--seed <file>", "seed the ledger from a JSON file (see src/integration/poweroffice/sandbox/README.md)")
    .option("--generate <customers>", "seed with generated Norwegian customers (3 invoices each)")
    .option("--serialization <mode>", "enums as numbers + cID (the markdown docs) or as strings + cid (swagger)", "numbers")
    .option("--faults <rate>", "answer this share of requests with 429, 500, a hang or a malformed body (0..1)", "0")
    .action(async (opts: { port: string; seed?: string; generate?: string; serialization: string; faults: string }) => {
      const port = portOf(opts.port);
      if (opts.serialization !== "numbers" && opts.serialization !== "strings") throw new BadInput("--serialization", 'must be "numbers" or "strings"');
      const rate = faultRateOf(opts.faults);
      const customers = customersOf(opts.generate);
      const today: LocalDate = clockFromConfig(loadConfig()).today();
      const { runPowerOfficeSandbox } = await import("../../integration/poweroffice/sandbox/run-sandbox.js");
      const running = await runPowerOfficeSandbox({
        port,
        serialization: opts.serialization,
        ...(rate > 0 ? { faults: { rate, seed: 1 } } : {}),
        ...(opts.seed ? { seedFile: opts.seed } : {}),
        ...(customers ? { generate: { customers, invoicesPerCustomer: 3, seed: 1, today: today.toString() } } : {}),
      });
      io.out(
        [
          `PowerOffice Go sandbox at ${running.url}`,
          `  application key: ${running.applicationKey}`,
          `  client key:      ${running.clientKey}`,
          running.seeded ? `  seeded: ${running.seeded.customers} customers, ${running.seeded.invoices} invoices, ${running.seeded.payments} payments` : "  empty ledger",
          "  (Ctrl+C to stop)",
        ].join("\n"),
      );
      await untilSignal(() => running.sandbox.close());
    });
  sandbox
    .command("visma-net")
    .description("a Visma.net ERP API sandbox (token per company, customers, invoices, credit notes, payments, journals, background requests) on 127.0.0.1")
    .option("--port <port>", "port", "4040")
    .option("--generate <customers>", "seed the first company with generated Norwegian customers (3 invoices each)")
    .option("--faults <rate>", "answer this share of requests with 429, 500, a hang, a malformed body or a background request that never finishes (0..1)", "0")
    .action(async (opts: { port: string; generate?: string; faults: string }) => {
      const port = portOf(opts.port);
      const rate = faultRateOf(opts.faults);
      const customers = customersOf(opts.generate);
      const today: LocalDate = clockFromConfig(loadConfig()).today();
      const { runVismaNetSandbox } = await import("../../integration/visma-net/sandbox/index.js");
      const running = await runVismaNetSandbox({
        port,
        ...(rate > 0 ? { faults: { rate, seed: 1 } } : {}),
        ...(customers ? { generate: { customers, invoicesPerCustomer: 3, seed: 1, today: today.toString() } } : {}),
      });
      const first = running.sandbox.company.config;
      io.out(
        [
          `Visma.net ERP sandbox at ${running.url} (token: ${running.url}/connect/token)`,
          `  client id:     ${first.clientId}`,
          `  client secret: ${first.clientSecret}`,
          `  tenant id:     ${first.tenantId} (${first.name})`,
          running.seeded ? `  seeded: ${running.seeded.customers} customers, ${running.seeded.invoices} invoices, ${running.seeded.payments} payments` : "  empty ledger",
          "  (Ctrl+C to stop)",
        ].join("\n"),
      );
      await untilSignal(() => running.sandbox.close());
    });
  sandbox
    .command("brreg")
    .description("an Enhetsregisteret (data.brreg.no open API) sandbox: GET /enhetsregisteret/api/enheter/{orgnr} with konkurs, underAvvikling, … on 127.0.0.1")
    .option("--port <port>", "port", "4032")
    .option("--entities <file>", "entities as a JSON array ({ organisasjonsnummer, navn, konkurs?, konkursdato?, underAvvikling?, underTvangsavviklingEllerTvangsopplosning?, slettedato? })")
    .action(async (opts: { port: string; entities?: string }) => {
      const port = portOf(opts.port);
      const entities = await jsonArrayOption(opts.entities, "--entities", "entities");
      const { startBrregSandbox } = await import("../../collection/debtor-info/sandbox/brreg-sandbox.js");
      const running = await startBrregSandbox({ port, entities: entities as never[] });
      io.out([`Enhetsregisteret sandbox at ${running.url}`, `  ${running.entities.size} entities`, "  (Ctrl+C to stop)"].join("\n"));
      await untilSignal(() => running.close());
    });
  sandbox
    .command("creditbureau")
    .description("a credit bureau sandbox (Creditsafe-style POST /authenticate; Fordring's own credit-check and payment-remark contract, docs/CASES.md) on 127.0.0.1")
    .option("--port <port>", "port", "4031")
    .option("--subjects <file>", "subjects as a JSON array ({ key: org number | national id | birthDate:name, score, riskClass })")
    .option("--user <name>", "the user /authenticate accepts", "fordring")
    .option("--password <password>", "the password /authenticate accepts", "sandbox")
    .action(async (opts: { port: string; subjects?: string; user: string; password: string }) => {
      const port = portOf(opts.port);
      const shape = "{ key, score (whole number), riskClass }";
      const subjects = await jsonArrayOption(opts.subjects, "--subjects", shape);
      const bad = subjects.findIndex((x) => typeof (x as { key?: unknown }).key !== "string" || !Number.isInteger((x as { score?: unknown }).score) || typeof (x as { riskClass?: unknown }).riskClass !== "string");
      if (bad >= 0) throw new BadInput(`--subjects[${bad}]`, `must be a JSON array of ${shape}`);
      const { startCreditBureauSandbox } = await import("../../collection/debtor-info/sandbox/credit-bureau-sandbox.js");
      const running = await startCreditBureauSandbox({ port, subjects: subjects as never[], username: opts.user, password: opts.password });
      io.out([`credit bureau sandbox at ${running.url}`, `  user ${running.username}, password ${running.password}`, `  ${running.subjects.size} subjects`, "  (Ctrl+C to stop)"].join("\n"));
      await untilSignal(() => running.close());
    });
  sandbox
    .command("procountor")
    .description("a Procountor REST API sandbox (OAuth with api_key, business partners, invoices, payment events, ledger receipts) on 127.0.0.1")
    .option("--port <port>", "port", "4030")
    .option("--no-seed", "start with empty companies instead of a seeded Swedish customer ledger")
    .option("--invoices <n>", "seed at least this many invoices in the first company", "7")
    .option("--faults <rate>", "answer this share of requests with 429, 500, a hang or a malformed body (0..1)", "0")
    .action(async (opts: { port: string; seed: boolean; invoices: string; faults: string }) => {
      const port = portOf(opts.port);
      const rate = faultRateOf(opts.faults);
      const invoices = Number(opts.invoices);
      if (!Number.isInteger(invoices) || invoices < 0) throw new BadInput("--invoices", `"${opts.invoices}" is not a number of invoices`);
      const today: LocalDate = clockFromConfig(loadConfig()).today();
      const { runProcountorSandbox } = await import("../../integration/procountor/sandbox/run-sandbox.js");
      const running = await runProcountorSandbox({ port, ...(rate > 0 ? { faults: { rate, seed: 1 } } : {}), ...(opts.seed ? { seedToday: today.toString(), seedInvoices: invoices } : {}) });
      io.out(
        [
          `Procountor sandbox at ${running.url}`,
          `  client_id:     ${running.clientId}`,
          `  client_secret: ${running.clientSecret}`,
          `  api_key:       ${running.apiKey} (${running.sandbox.ledger.company.info.name})`,
          running.seeded ? `  seeded: ${running.seeded.partners} customers, ${running.seeded.invoices} invoices, ${running.seeded.payments} payments` : "  empty companies",
          "  (Ctrl+C to stop)",
        ].join("\n"),
      );
      await untilSignal(() => running.sandbox.close());
    });
  sandbox
    .command("digipost")
    .description("a Digipost API sandbox (signed requests, recipients, print fallback, status, faults) on 127.0.0.1")
    .option("--port <port>", "port", "4020")
    .option("--sender-id <id>", "the sender (avsender) id", "9999")
    .option("--public-key <file>", "the sender's public key (PEM); without it a key pair is made")
    .option("--write-sender-key <file>", "where to write the made private key (for FORDRING_DIGIPOST_KEY_FILE)", "digipost-sender-key.pem")
    .option("--recipients <file>", "recipients as JSON (see src/delivery/digipost/sandbox/run-sandbox.ts); default: two demo recipients")
    .option("--faults <rate>", "answer this share of requests with 500, 503 or a dropped connection after delivering (0..1)", "0")
    .action(async (opts: { port: string; senderId: string; publicKey?: string; writeSenderKey: string; recipients?: string; faults: string }) => {
      const port = portOf(opts.port);
      if (!/^\d+$/.test(opts.senderId)) throw new BadInput("--sender-id", `"${opts.senderId}" is not a sender id (digits)`);
      const rate = faultRateOf(opts.faults);
      const { runDigipostSandbox } = await import("../../delivery/digipost/sandbox/run-sandbox.js");
      const running = await runDigipostSandbox({
        port,
        senderId: opts.senderId,
        ...(opts.publicKey ? { publicKeyFile: opts.publicKey } : { writeSenderKey: opts.writeSenderKey }),
        ...(opts.recipients ? { recipientsFile: opts.recipients } : {}),
        ...(rate > 0 ? { faults: { rate, seed: 1 } } : {}),
      });
      io.out(
        [
          `Digipost sandbox at ${running.url}`,
          `  sender id: ${running.senderId}`,
          running.senderKeyFile ? `  sender private key written to ${running.senderKeyFile}` : "  sender public key from --public-key",
          `  recipients: ${running.recipients}`,
          `  FORDRING_DIGIPOST_URL=${running.url} FORDRING_DIGIPOST_SENDER_ID=${running.senderId}${running.senderKeyFile ? ` FORDRING_DIGIPOST_KEY_FILE=${running.senderKeyFile}` : ""}`,
          "  (Ctrl+C to stop)",
        ].join("\n"),
      );
      await untilSignal(() => running.sandbox.close());
    });
}

function portOf(text: string): number {
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new BadInput("--port", `"${text}" is not a port number`);
  return port;
}

function faultRateOf(text: string): number {
  const rate = Number(text);
  if (!(rate >= 0 && rate <= 1)) throw new BadInput("--faults", `"${text}" is not a share between 0 and 1`);
  return rate;
}

function customersOf(text: string | undefined): number | undefined {
  const customers = text === undefined ? undefined : Number(text);
  if (customers !== undefined && (!Number.isInteger(customers) || customers < 1)) throw new BadInput("--generate", `"${text}" is not a number of customers`);
  return customers;
}

/** Runs until Ctrl+C (or SIGTERM), then closes the sandbox. */
function untilSignal(close: () => Promise<void>): Promise<void> {
  return new Promise<void>((resolve) => {
    const stop = () => void close().then(resolve, resolve);
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  });
}

/** A sandbox's seed data given as a file holding a JSON array (none given: empty); a file that cannot be read or is not an array is refused naming the option. */
async function jsonArrayOption(file: string | undefined, option: string, what: string): Promise<unknown[]> {
  if (!file) return [];
  const { readFileSync } = await import("node:fs");
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(file, "utf8"));
  } catch (e) {
    throw new BadInput(option, `${file}: ${(e as Error).message}`);
  }
  if (!Array.isArray(value)) throw new BadInput(option, `must be a JSON array of ${what}`);
  return value;
}
