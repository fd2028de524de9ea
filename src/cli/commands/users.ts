import type { Command } from "commander";
import { createApiClient } from "../../access/api-clients.js";
import { ROLES, ROLE_LEVEL, isRole, type Role } from "../../access/roles.js";
import { createUserWithRole, grantRole } from "../../access/users.js";
import type { Database } from "../../platform/db/database.js";
import { loadConfig } from "../../platform/config.js";
import { creditorByCode, firmByIdOrOrgNumber } from "../../read-models/creditors.js";
import { listUsers, userIdByEmail } from "../../read-models/users.js";
import { BadInput, emit, type Io } from "../output.js";
import { withDatabase } from "../with-database.js";

/**
 * `fordring users add|grant|list` and `fordring api-clients add`: how an operator makes the first
 * accounts of a deployment (the agency's own staff cannot register through the API). The password
 * is read from FORDRING_NEW_PASSWORD or standard input, never from the command line (it would
 * stay in the shell history and the process list).
 */
async function readPassword(): Promise<string> {
  const fromEnv = loadConfig().newPassword;
  if (fromEnv) return fromEnv;
  if (process.stdin.isTTY) throw new BadInput("password", "give the password on standard input (echo … | fordring users add …) or in FORDRING_NEW_PASSWORD");
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  const text = Buffer.concat(chunks).toString("utf8").replace(/\r?\n$/, "");
  if (!text) throw new BadInput("password", "standard input was empty");
  return text;
}

async function tenantOf(db: Database, role: Role, opts: { firm?: string; creditor?: string }): Promise<{ firmId: string | null; creditorId: string | null }> {
  const level = ROLE_LEVEL[role];
  if (level === "agency") {
    if (opts.firm || opts.creditor) throw new BadInput("--role", `${role} is an agency role: it takes neither --firm nor --creditor`);
    return { firmId: null, creditorId: null };
  }
  if (level === "firm") {
    if (!opts.firm) throw new BadInput("--firm", `${role} needs --firm <firm id or org number>`);
    const firmId = await firmByIdOrOrgNumber(db, opts.firm);
    if (!firmId) throw new BadInput("--firm", `no accounting firm "${opts.firm}"`);
    return { firmId, creditorId: null };
  }
  if (!opts.creditor) throw new BadInput("--creditor", `${role} needs --creditor <code>`);
  const c = await creditorByCode(db, opts.creditor);
  if (!c) throw new BadInput("--creditor", `no creditor with code "${opts.creditor}"`);
  return { firmId: null, creditorId: c.id };
}

function roleOf(text: string): Role {
  if (!isRole(text)) throw new BadInput("--role", `"${text}" is not one of ${ROLES.join(", ")}`);
  return text;
}

export function registerUsers(program: Command, io: Io): void {
  const users = program.command("users").description("portal users and their roles");
  users
    .command("add")
    .description("create a user with a role (password from standard input or FORDRING_NEW_PASSWORD)")
    .requiredOption("--email <email>", "the login")
    .requiredOption("--name <name>", "the person's name")
    .requiredOption("--role <role>", ROLES.join(" | "))
    .option("--firm <firm>", "for firm roles: the firm's id or organisation number")
    .option("--creditor <code>", "for creditor-user: the creditor's code")
    .option("--locale <nb|en>", "the portal language", "nb")
    .option("--json", "machine-readable output")
    .action(async (opts: { email: string; name: string; role: string; firm?: string; creditor?: string; locale: string; json?: boolean }) => {
      const role = roleOf(opts.role);
      if (opts.locale !== "nb" && opts.locale !== "en") throw new BadInput("--locale", `"${opts.locale}" is not nb or en`);
      const password = await readPassword();
      const out = await withDatabase(async (db) => {
        const tenant = await tenantOf(db, role, opts);
        const userId = await createUserWithRole(db, { email: opts.email, name: opts.name, password, locale: opts.locale as "nb" | "en" }, { role, ...tenant });
        return { userId, email: opts.email.toLowerCase(), role, ...tenant };
      });
      emit(io, !!opts.json, out, () => `user ${out.email} (${out.userId}) with the role ${role}`);
    });
  users
    .command("grant")
    .description("give an existing user another role")
    .requiredOption("--email <email>", "the user")
    .requiredOption("--role <role>", ROLES.join(" | "))
    .option("--firm <firm>", "for firm roles: the firm's id or organisation number")
    .option("--creditor <code>", "for creditor-user: the creditor's code")
    .option("--json", "machine-readable output")
    .action(async (opts: { email: string; role: string; firm?: string; creditor?: string; json?: boolean }) => {
      const role = roleOf(opts.role);
      const out = await withDatabase(async (db) => {
        const userId = await userIdByEmail(db, opts.email);
        if (!userId) throw new BadInput("--email", `no user ${opts.email}`);
        const tenant = await tenantOf(db, role, opts);
        await grantRole(db, { userId, role, ...tenant });
        return { userId, role, ...tenant };
      });
      emit(io, !!opts.json, out, () => `${opts.email}: now also ${role}`);
    });
  users
    .command("list")
    .description("users and their roles")
    .option("--json", "machine-readable output")
    .action(async (opts: { json?: boolean }) => {
      const rows = await withDatabase((db) => listUsers(db));
      emit(io, !!opts.json, rows, () => rows.map((r) => `${r.email.padEnd(36)} ${r.name.padEnd(24)} ${(r.roles ?? []).join(", ")}${r.disabled ? "  (disabled)" : ""}`).join("\n") || "no users");
    });

  const clients = program.command("api-clients").description("API client keys for other systems");
  clients
    .command("add")
    .description("create an API client; its key is printed once")
    .requiredOption("--name <name>", "what system uses it")
    .requiredOption("--role <role>", ROLES.join(" | "))
    .option("--firm <firm>", "for firm roles: the firm's id or organisation number")
    .option("--creditor <code>", "for creditor-user: the creditor's code")
    .option("--json", "machine-readable output")
    .action(async (opts: { name: string; role: string; firm?: string; creditor?: string; json?: boolean }) => {
      const role = roleOf(opts.role);
      const out = await withDatabase(async (db) => {
        const tenant = await tenantOf(db, role, opts);
        return createApiClient(db, { name: opts.name, role, ...tenant, createdBy: "cli" });
      });
      emit(io, !!opts.json, out, () => `API client ${out.client.id} (${role})\nkey (shown once, keep it secret): ${out.key}`);
    });
}
