import { checkNoAccountNumber } from "../domain/identifiers/no-account-number.js";
import { checkBankgiro } from "../domain/identifiers/se-giro.js";
import { checkOrganisationNumber, type CaseCountry } from "../domain/identifiers/by-country.js";
import type { Queryable } from "../platform/db/database.js";
import type { LedgerConnector } from "../integration/ledger-connector.js";
import { listIntegrations, type LedgerIntegration } from "../integration/sync/integrations.js";

/**
 * What stops a creditor's activation (docs/API.md, "Accounting firms and onboarding"), each in words a person can act on: a valid
 * organisation number, a postal address, an active payout account with BIC, a ledger whose
 * credentials work and that lets us open cases, the accounts for fees and interest chosen, and
 * no factoring integration (collection cannot be combined with factoring).
 */
export interface Missing {
  code: string;
  text: { nb: string; en: string };
}

export interface ActivationCheck {
  ready: boolean;
  missing: Missing[];
}

export interface CreditorForActivation {
  id: string;
  org_number: string | null;
  /** The creditor's country: its organisation number is checked by that country's rule (absent: NO). */
  jurisdiction?: string;
  address: { line1?: string; postcode?: string; city?: string } | null;
  bank_account: { accountNumber?: string; iban?: string; bic?: string; active?: boolean } | null;
  factoring: boolean;
  settings: { accounts?: Record<string, unknown> } | null;
  /** The agency approved the registration: the creditor's own (no firm) or its firm's. */
  registration_approved?: boolean;
}

/** The ledgers by the names their users know. */
const LEDGER_NAMES: Readonly<Record<string, string>> = { poweroffice: "PowerOffice Go", "visma-net": "Visma.net ERP" };

const BIC = /^[A-Z]{4}[A-Z]{2}[A-Z0-9]{2}([A-Z0-9]{3})?$/;

/** Whether the agency approved the registration: a firm's client by its firm's, a creditor on its own by its own (`c` creditors, `f` its firm). */
const REGISTRATION_APPROVED = "(case when c.firm_id is null then c.registration_approved_at is not null else f.approved_at is not null end)";

/** What waits while the agency has not approved the registration (the organisation number is checked). */
export const REGISTRATION_WAITING = {
  code: "registration_not_approved",
  nb: "Registreringen venter på godkjenning fra inkassoselskapet (organisasjonsnummeret kontrolleres).",
  en: "The registration awaits the agency's approval (the organisation number is checked).",
} as const;

/** The same as the activation check's first line, for ledgers with checks of their own (Procountor). */
export async function registrationApproved(db: Queryable, creditorId: string): Promise<boolean> {
  const [row] = await db.query<{ approved: boolean }>(`select ${REGISTRATION_APPROVED} as approved from creditors c left join accounting_firms f on f.id = c.firm_id where c.id = $1`, [creditorId]);
  if (!row) throw new Error(`no creditor ${creditorId}`);
  return row.approved;
}

export async function checkActivation(db: Queryable, creditorId: string, connectorFor: (i: LedgerIntegration) => LedgerConnector): Promise<ActivationCheck> {
  const [c] = await db.query<CreditorForActivation>(`select c.id, c.org_number, c.jurisdiction, c.address, c.bank_account, c.factoring, c.settings,
            ${REGISTRATION_APPROVED} as registration_approved
       from creditors c left join accounting_firms f on f.id = c.firm_id where c.id = $1`, [creditorId]);
  if (!c) throw new Error(`no creditor ${creditorId}`);
  const missing: Missing[] = [...staticChecks(c)];
  const integrations = (await listIntegrations(db, creditorId)).filter((i) => i.active);
  if (integrations.length === 0) {
    missing.push(m("ledger_missing", "Ingen regnskapsintegrasjon er koblet til.", "No ledger integration is connected."));
  } else {
    const creator = integrations.find((i) => i.canCreateCases);
    if (!creator) missing.push(m("ledger_no_case_creator", "Ingen integrasjon har lov til å opprette nye saker.", "No integration is allowed to open new cases."));
    for (const integration of integrations) {
      const ledger = LEDGER_NAMES[integration.kind] ?? integration.kind;
      try {
        const active = await connectorFor(integration).canCreateCases();
        if (!active && integration.canCreateCases)
          missing.push(m("ledger_collection_inactive", `Inkasso er ikke aktivert i ${ledger} for denne klienten.`, `Debt collection is not activated in ${ledger} for this client.`));
      } catch (e) {
        const detail = (e as Error).message;
        missing.push(m("ledger_credentials", `Innloggingen mot ${ledger} virker ikke: ${detail}`, `The ${ledger} credentials do not work: ${detail}`));
      }
    }
  }
  return { ready: missing.length === 0, missing };
}

/** The checks that need no ledger. */
export function staticChecks(c: CreditorForActivation): Missing[] {
  const out: Missing[] = [];
  if (c.registration_approved === false)
    out.push(m(REGISTRATION_WAITING.code, REGISTRATION_WAITING.nb, REGISTRATION_WAITING.en));
  if (!c.org_number) out.push(m("org_number_missing", "Organisasjonsnummer mangler.", "The organisation number is missing."));
  else if (!checkOrganisationNumber((c.jurisdiction === "SE" ? "SE" : "NO") as CaseCountry, c.org_number).valid) out.push(m("org_number_invalid", `Organisasjonsnummeret ${c.org_number} er ikke gyldig (kontrollsiffer).`, `The organisation number ${c.org_number} is not valid (check digit).`));
  const a = c.address;
  if (!a?.line1 || !a.postcode || !a.city) out.push(m("address_missing", "Adressen er ufullstendig (gate, postnummer og sted).", "The address is incomplete (street, postcode and city)."));
  const b = c.bank_account;
  if (!b || (!b.accountNumber && !b.iban)) out.push(m("bank_account_missing", "Bankkonto for utbetaling mangler.", "The payout bank account is missing."));
  else {
    const accountValid = (n: string) => (c.jurisdiction === "SE" ? checkBankgiro(n).valid : checkNoAccountNumber(n).valid);
    if (b.accountNumber && !accountValid(b.accountNumber)) out.push(m("bank_account_invalid", `Kontonummeret ${b.accountNumber} er ikke gyldig.`, `The account number ${b.accountNumber} is not valid.`));
    if (b.iban && !/^[A-Z]{2}\d{2}[A-Z0-9]{10,30}$/.test(b.iban.replace(/\s/g, "").toUpperCase())) out.push(m("iban_invalid", `IBAN ${b.iban} er ikke gyldig.`, `The IBAN ${b.iban} is not valid.`));
    if (!b.bic || !BIC.test(b.bic.toUpperCase())) out.push(m("bic_missing", "Bankkontoen mangler en gyldig BIC.", "The bank account has no valid BIC."));
    if (b.active === false) out.push(m("bank_account_inactive", "Bankkontoen er ikke aktiv.", "The bank account is not active."));
  }
  const accounts = c.settings?.accounts ?? {};
  if (!accounts["interestIncome"] || !accounts["collectionCostExpense"])
    out.push(m("accounts_missing", "Velg kontoer for renter og gebyrer (konteringsforslaget).", "Choose the accounts for interest and fees (the posting proposal)."));
  if (c.factoring) out.push(m("factoring", "Klienten har en factoringintegrasjon; inkasso kan ikke kombineres med factoring.", "The client has a factoring integration; collection cannot be combined with factoring."));
  return out;
}

function m(code: string, nb: string, en: string): Missing {
  return { code, text: { nb, en } };
}
