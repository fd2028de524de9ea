import { createApiClient } from "../../src/access/api-clients.js";
import { createUser, grantRole } from "../../src/access/users.js";
import { recordPayment } from "../../src/collection/actions/record-payment.js";
import { loadCreditor } from "../../src/collection/cases/creditor.js";
import { openCases } from "../../src/collection/cases/open-cases.js";
import { upsertClaim, upsertDebtor } from "../../src/collection/cases/register.js";
import { runCycleDay } from "../../src/collection/engine/daily-cycle.js";
import { LocalDate } from "../../src/domain/calendar/local-date.js";
import { runSettlement } from "../../src/settlement/run-settlement.js";
import { createWebhook } from "../../src/webhooks/webhooks.js";
import type { TestApp } from "./test-app.js";
import { agencyFromEnv } from "../../src/collection/agency.js";

/**
 * A tenant with one of everything a route can name: an accounting firm, a client with a case
 * (a collection notice sent, so a letter), an agency payment on it, a settlement, an API client,
 * a webhook, and users: a firm admin, a firm accountant and a creditor user. Names carry the
 * tenant's tag, so a leak shows in any answer body.
 */
export interface Tenant {
  tag: string;
  firmId: string;
  creditorId: string;
  caseId: string;
  caseNumber: string;
  debtorId: string;
  letterId: string;
  settlementId: string;
  apiClientId: string;
  apiKey: string;
  webhookId: string;
  users: { firmAdmin: Login; accountant: Login; creditorUser: Login };
  /** The same users' ids (for routes that name a user). */
  userIds: { firmAdmin: string; accountant: string; creditorUser: string };
}
export interface Login {
  email: string;
  password: string;
}

export const PASSWORD = "correct horse battery";

export async function seedTenant(t: TestApp, tag: string, orgNumber: string, caseOpenedOn = "2025-01-02"): Promise<Tenant> {
  const db = t.ctx.database;
  const rules = t.ctx.rules;
  const [firm] = await db.query<{ id: string }>("insert into accounting_firms (name, org_number) values ($1, '974760673') returning id", [`Firm ${tag}`]);
  const [cr] = await db.query<{ id: string }>(
    `insert into creditors (firm_id, code, name, org_number, address, settings, status, bank_account)
     values ($1, $2, $3, $4, '{"line1":"Storgata 1","postcode":"0150","city":"Oslo","country":"NO"}', '{"collection":{}}', 'active', '{"accountNumber":"86011117947","bic":"DNBANOKK","active":true}') returning id`,
    [firm!.id, `K${tag}`, `Creditor ${tag} AS`, orgNumber],
  );
  const creditorId = cr!.id;
  const debtorId = await upsertDebtor(db, creditorId, { source: "test", externalId: `d-${tag}`, type: "consumer", name: `Debtor ${tag}`, address: { line1: "Gata 2", postcode: "0151", city: "Oslo", country: "NO" } });
  const claimId = await upsertClaim(db, creditorId, { source: "test", externalId: `i-${tag}`, debtorId, invoiceNumber: `INV-${tag}`, issueDate: LocalDate.parse("2024-12-01"), dueDate: LocalDate.parse("2024-12-16"), currency: "NOK", amountMinor: 150_000, openMinor: 150_000, status: "sent" });
  const opened = await db.transaction(async (tx) => openCases(tx, await loadCreditor(tx, creditorId), [{ claimId, debtorId, debtorType: "consumer", dueDate: LocalDate.parse("2024-12-16"), principalMinor: 150_000 }], LocalDate.parse(caseOpenedOn), "test"));
  const c = opened[0]!;
  await runCycleDay(db, creditorId, LocalDate.parse(caseOpenedOn), { agency: agencyFromEnv(), rules });
  const [letter] = await db.query<{ id: string }>("select id from letters where case_id = $1", [c.caseId]);
  await db.transaction((tx) =>
    recordPayment(tx, { agency: agencyFromEnv(), caseId: c.caseId, amountMinor: 20_000, receivedOn: LocalDate.parse("2025-01-10"), channel: "agency", source: "test", externalRef: `p-${tag}`, today: LocalDate.parse("2025-01-10"), actor: "test", rules }),
  );
  const settlement = await runSettlement(db, { creditorId, from: LocalDate.parse("2025-01-01"), to: LocalDate.parse("2025-01-31"), settledOn: LocalDate.parse("2025-02-01") });
  const { client, key } = await createApiClient(db, { name: `client ${tag}`, role: "creditor-user", creditorId, createdBy: "test" });
  const webhook = await createWebhook(db, t.ctx.secrets, { firmId: null, creditorId, url: "http://127.0.0.1:9/hook", events: ["case.opened"] });
  const users = {
    firmAdmin: { email: `admin-${tag}@firm.test`.toLowerCase(), password: PASSWORD },
    accountant: { email: `accountant-${tag}@firm.test`.toLowerCase(), password: PASSWORD },
    creditorUser: { email: `user-${tag}@creditor.test`.toLowerCase(), password: PASSWORD },
  };
  const userIds = {
    firmAdmin: await createUser(db, { email: users.firmAdmin.email, name: `Admin ${tag}`, password: PASSWORD }),
    accountant: await createUser(db, { email: users.accountant.email, name: `Accountant ${tag}`, password: PASSWORD }),
    creditorUser: await createUser(db, { email: users.creditorUser.email, name: `User ${tag}`, password: PASSWORD }),
  };
  await grantRole(db, { userId: userIds.firmAdmin, role: "firm-admin", firmId: firm!.id });
  await grantRole(db, { userId: userIds.accountant, role: "firm-accountant", firmId: firm!.id });
  await grantRole(db, { userId: userIds.creditorUser, role: "creditor-user", creditorId });
  return { tag, firmId: firm!.id, creditorId, caseId: c.caseId, caseNumber: c.caseNumber, debtorId, letterId: letter!.id, settlementId: settlement.settlementId, apiClientId: client.id, apiKey: key, webhookId: webhook.id, users, userIds };
}

/** Logs in; returns the headers a session caller sends (cookie and CSRF token). */
export async function login(t: TestApp, who: Login): Promise<{ cookie: string; "x-csrf-token": string }> {
  const res = await t.app.inject({ method: "POST", url: "/v1/auth/login", payload: who });
  if (res.statusCode !== 200) throw new Error(`login ${who.email}: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === "fordring_session")!;
  return { cookie: `fordring_session=${cookie.value}`, "x-csrf-token": (res.json() as { csrfToken: string }).csrfToken };
}
