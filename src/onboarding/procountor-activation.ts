import { DomainError } from "../domain/errors.js";
import type { ProcountorConnector } from "../integration/procountor/connector/index.js";
import type { LedgerConnector } from "../integration/ledger-connector.js";
import { addLedgerIntegration, listIntegrations, type LedgerIntegration } from "../integration/sync/integrations.js";
import type { Database, Queryable } from "../platform/db/database.js";
import { deactivateCreditor, markActivated, reactivateCreditor, type StatusChange } from "./creditor-lifecycle.js";
import { registrationApproved, REGISTRATION_WAITING } from "./activation.js";

/**
 * Activation from the ledger's side (docs/PROCOUNTOR.md), as Procountor Inkasso does it: the
 * company connects with its API key, and the agency checks what Procountor's help page asks for
 * before installation — the company's business ID, street address, postcode and city, an active
 * bank account and a BIC on every active one — plus a contact person for the agency, the terms
 * accepted, and this agency chosen as the collection partner (not another one). The list names
 * what is missing in Swedish, Norwegian and English. Deactivating stops new transfers (open cases
 * run on); reactivating runs the check again.
 */
export interface LedgerMissing {
  readonly code: string;
  readonly text: { readonly sv: string; readonly nb: string; readonly en: string };
}

export interface LedgerActivationCheck {
  readonly ready: boolean;
  readonly missing: LedgerMissing[];
}

export interface LedgerCompany {
  readonly name: string;
  readonly businessId: string | null;
  readonly address: Readonly<Record<string, unknown>> | null;
  readonly email: string | null;
  readonly bankAccounts: readonly { accountNumber: string; bic: string | null; active: boolean }[];
}

export interface ActivationInput {
  readonly termsAccepted: boolean;
  /** The agency's contact at the company; the company's e-mail in Procountor when not given. */
  readonly contact?: { readonly name: string; readonly email: string } | undefined;
}

const m = (code: string, sv: string, nb: string, en: string): LedgerMissing => ({ code, text: { sv, nb, en } });
const filled = (v: unknown): boolean => typeof v === "string" && v.trim() !== "";

/** The check itself: pure, over what the ledger says and what the user gave. */
export function checkLedgerActivation(company: LedgerCompany, partner: { name: string | null; ours: boolean }, input: ActivationInput): LedgerActivationCheck {
  const missing: LedgerMissing[] = [];
  if (!filled(company.businessId)) missing.push(m("business_id_missing", "Företags-ID saknas i Procountor (Administration › Uppgifter om företaget › Basuppgifter).", "Foretaks-ID mangler i Procountor (Administration › Uppgifter om företaget › Basuppgifter).", "The business ID is missing in Procountor (Administration › Company details › Basic information)."));
  const a = company.address ?? {};
  if (!filled(a["street"])) missing.push(m("address_street_missing", "Gatuadress saknas (ange en postbox i samma fält om en sådan används).", "Gateadresse mangler (postboks føres i samme felt).", "The street address is missing (a PO box goes in the same field)."));
  if (!filled(a["zip"]) || !filled(a["city"])) missing.push(m("address_postcode_missing", "Postnummer och stad saknas.", "Postnummer og sted mangler.", "The postcode and city are missing."));
  const contactEmail = input.contact?.email ?? company.email;
  if (!filled(contactEmail) || !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(contactEmail ?? "")) missing.push(m("contact_missing", "Kontaktperson med e-postadress saknas.", "Kontaktperson med e-postadresse mangler.", "A contact person with an e-mail address is missing."));
  const active = company.bankAccounts.filter((b) => b.active && filled(b.accountNumber));
  if (active.length === 0) missing.push(m("bank_account_missing", "Aktivt bankkonto saknas (Bankförbindelser).", "Aktiv bankkonto mangler (Bankförbindelser).", "An active bank account is missing (Bank details)."));
  else if (active.some((b) => !filled(b.bic))) missing.push(m("bic_missing", "Alla aktiva bankkonton måste ha ett BIC.", "Alle aktive bankkontoer må ha BIC.", "Every active bank account needs a BIC."));
  if (!input.termsAccepted) missing.push(m("terms_not_accepted", "Användarvillkoren är inte godkända.", "Brukervilkårene er ikke godtatt.", "The terms of use are not accepted."));
  if (!partner.ours) {
    missing.push(
      partner.name
        ? m("other_collection_partner", `Företaget har redan ${partner.name} som inkassopartner; välj oss under Inställningar gällande Inkasso › Inkassopartner.`, `Foretaket har allerede ${partner.name} som inkassopartner; velg oss under Inställningar gällande Inkasso › Inkassopartner.`, `The company already has ${partner.name} as its collection partner; choose us under Collection settings › Collection partner.`)
        : m("collection_partner_not_chosen", "Vi är inte valda som inkassopartner (Inställningar gällande Inkasso › Inkassopartner).", "Vi er ikke valgt som inkassopartner (Inställningar gällande Inkasso › Inkassopartner).", "We are not chosen as the collection partner (Collection settings › Collection partner)."),
    );
  }
  return { ready: missing.length === 0, missing };
}

/** Reads the company and its collection partner through the connector and checks them; a ledger that cannot be reached is listed too. */
export async function checkProcountor(connector: ProcountorConnector, input: ActivationInput): Promise<LedgerActivationCheck> {
  try {
    const [company, partner] = await Promise.all([connector.companyInfo(), connector.collectionPartner()]);
    return checkLedgerActivation(company, partner, input);
  } catch (e) {
    const detail = (e as Error).message;
    return { ready: false, missing: [m("ledger_credentials", `Procountor avvisade API-nyckeln eller svarade inte: ${detail}`, `Procountor avviste API-nøkkelen eller svarte ikke: ${detail}`, `Procountor refused the API key or did not answer: ${detail}`)] };
  }
}

export type ProcountorConnectorFor = (credentialsRef: string, settings: Readonly<Record<string, unknown>>) => ProcountorConnector;

/** The agency's approval of the registration comes before any ledger's activation, listed first as in `checkActivation`. */
async function withRegistration(db: Queryable, creditorId: string, check: LedgerActivationCheck): Promise<LedgerActivationCheck> {
  if (await registrationApproved(db, creditorId)) return check;
  const { code, nb, en } = REGISTRATION_WAITING;
  const waiting = m(code, "Registreringen väntar på inkassobolagets godkännande (organisationsnumret kontrolleras).", nb, en);
  return { ready: false, missing: [waiting, ...check.missing] };
}

/**
 * Connects the creditor's Procountor company (its API key behind `credentialsRef`, never the key
 * itself), checks it, and activates the creditor when nothing is missing. The integration is kept
 * either way, so the user can fix what is listed and try again.
 */
export async function activateFromProcountor(
  db: Database,
  connectorFor: ProcountorConnectorFor,
  input: ActivationInput & { creditorId: string; credentialsRef: string; settings?: Readonly<Record<string, unknown>>; transferAlreadyOverdue: boolean; now: Date },
): Promise<LedgerActivationCheck> {
  const settings = input.settings ?? {};
  const check = await withRegistration(db, input.creditorId, await checkProcountor(connectorFor(input.credentialsRef, settings), input));
  await addLedgerIntegration(db, { creditorId: input.creditorId, kind: "procountor", credentialsRef: input.credentialsRef, settings, canCreateCases: true });
  if (check.ready) await markActivated(db, input.creditorId, input);
  return check;
}

/** Stops new transfers; open cases run on (the sync keeps reading their payments). */
export function deactivateProcountor(db: Queryable, creditorId: string, now: Date): Promise<StatusChange> {
  return deactivateCreditor(db, creditorId, now);
}

/** Runs the check again, and takes the creditor back only when nothing is missing. */
export async function reactivateFromProcountor(db: Queryable, connectorFor: ProcountorConnectorFor, input: ActivationInput & { creditorId: string; now: Date }): Promise<LedgerActivationCheck & { change: StatusChange | null }> {
  const integration = (await listIntegrations(db, input.creditorId)).find((i) => i.kind === "procountor" && i.active);
  if (!integration) throw new DomainError("not_found", "the creditor has no Procountor integration", "creditorId");
  const check = await withRegistration(db, input.creditorId, await checkProcountor(connectorFor(integration.credentialsRef, integration.settings), input));
  return { ...check, change: check.ready ? await reactivateCreditor(db, input.creditorId, input.now) : null };
}

/** Whether a connector is Procountor's (it can read the company and its collection partner). */
function isProcountor(c: LedgerConnector): c is ProcountorConnector {
  return c.kind === "procountor" && "companyInfo" in c && "collectionPartner" in c;
}

/** The creditor's active Procountor integration and its connector; refused in words when there is none. */
async function connectedProcountor(db: Queryable, connectorFor: (i: LedgerIntegration) => LedgerConnector, creditorId: string): Promise<{ integration: LedgerIntegration; connector: ProcountorConnector }> {
  const integration = (await listIntegrations(db, creditorId)).find((i) => i.kind === "procountor" && i.active);
  if (!integration) throw new DomainError("not_found", "the creditor has no Procountor integration; connect one first (POST /v1/creditors/{id}/integrations with kind procountor, or `fordring integrations add procountor`)", "creditorId");
  const connector = connectorFor(integration);
  if (!isProcountor(connector)) throw new DomainError("invalid_input", `the integration ${integration.id} is not a Procountor connection`, "kind");
  return { integration, connector };
}

/** The contact the agency writes to: the one given, else the creditor's own (creditors.contact), else the company's e-mail in Procountor. */
async function creditorContact(db: Queryable, creditorId: string): Promise<{ name: string; email: string } | undefined> {
  const [row] = await db.query<{ contact: { name?: string; email?: string } | null }>("select contact from creditors where id = $1", [creditorId]);
  if (!row) throw new DomainError("not_found", `no creditor ${creditorId}`, "creditorId");
  const c = row.contact;
  return c?.email ? { name: c.name ?? "", email: c.email } : undefined;
}

/**
 * The activation checklist of a creditor already connected to Procountor (the API's
 * `GET …/integrations/procountor/activation`, `fordring integrations activate procountor --check`):
 * the terms count as accepted once an activation request accepted them (kept on the integration
 * as `termsAcceptedAt`).
 */
export async function procountorActivationCheck(db: Queryable, connectorFor: (i: LedgerIntegration) => LedgerConnector, creditorId: string): Promise<LedgerActivationCheck> {
  const { integration, connector } = await connectedProcountor(db, connectorFor, creditorId);
  const contact = await creditorContact(db, creditorId);
  return withRegistration(db, creditorId, await checkProcountor(connector, { termsAccepted: typeof integration.settings["termsAcceptedAt"] === "string", contact }));
}

/**
 * Activation (or, for a deactivated creditor, reactivation) of a creditor connected to Procountor:
 * the terms accepted now are kept on the integration, the check runs, and the creditor becomes
 * active only when nothing is missing. A creditor already active is checked and stays active.
 */
export async function activateConnectedProcountor(
  db: Queryable,
  connectorFor: (i: LedgerIntegration) => LedgerConnector,
  input: ActivationInput & { creditorId: string; transferAlreadyOverdue: boolean; now: Date },
): Promise<LedgerActivationCheck & { status: string }> {
  const { integration, connector } = await connectedProcountor(db, connectorFor, input.creditorId);
  const acceptedBefore = typeof integration.settings["termsAcceptedAt"] === "string";
  if (input.termsAccepted && !acceptedBefore) {
    await db.query("update ledger_integrations set settings = settings || jsonb_build_object('termsAcceptedAt', $2::text) where id = $1", [integration.id, input.now.toISOString()]);
  }
  const contact = input.contact ?? (await creditorContact(db, input.creditorId));
  const check = await withRegistration(db, input.creditorId, await checkProcountor(connector, { termsAccepted: input.termsAccepted || acceptedBefore, contact }));
  const [row] = await db.query<{ status: string }>("select status from creditors where id = $1", [input.creditorId]);
  if (!row) throw new DomainError("not_found", `no creditor ${input.creditorId}`, "creditorId");
  if (check.ready) {
    if (row.status === "inactive") await reactivateCreditor(db, input.creditorId, input.now);
    else if (row.status === "registered") await markActivated(db, input.creditorId, input);
  }
  const [after] = await db.query<{ status: string }>("select status from creditors where id = $1", [input.creditorId]);
  return { ...check, status: after!.status };
}
