import { DomainError } from "../../domain/errors.js";
import type { Database, Queryable } from "../../platform/db/database.js";

/**
 * A creditor's ledger integrations (`ledger_integrations`). Several per creditor; only the one
 * with `can_create_cases` opens new cases, the others keep syncing the cases they already hold
 * (docs/POWEROFFICE.md). Moving the flag never moves existing cases: a case stays with the integration
 * it was linked to when it was opened (case-links.ts).
 */
export interface LedgerIntegration {
  readonly id: string;
  readonly creditorId: string;
  readonly kind: string;
  readonly credentialsRef: string;
  readonly settings: Readonly<Record<string, unknown>>;
  readonly canCreateCases: boolean;
  readonly active: boolean;
  readonly watermark: Date | null;
  readonly lastSyncAt: Date | null;
  readonly lastSyncStatus: string | null;
}

export interface IntegrationInput {
  readonly creditorId: string;
  readonly kind: "poweroffice" | "visma-net" | "procountor";
  /** Where the secret is, e.g. `env:POWEROFFICE_CLIENT_KEY_ACME`; never the secret itself. */
  readonly credentialsRef: string;
  readonly settings?: Readonly<Record<string, unknown>>;
  readonly canCreateCases?: boolean;
}

type Row = {
  id: string;
  creditor_id: string;
  kind: string;
  credentials_ref: string;
  settings: Record<string, unknown>;
  can_create_cases: boolean;
  active: boolean;
  watermark: Date | string | null;
  last_sync_at: Date | string | null;
  last_sync_status: string | null;
};

const COLUMNS = "id, creditor_id, kind, credentials_ref, settings, can_create_cases, active, watermark, last_sync_at, last_sync_status";

/** Adds an integration (or updates its settings when the same credentials are added again); with `canCreateCases` the flag moves to it. */
export async function addLedgerIntegration(database: Database, input: IntegrationInput): Promise<LedgerIntegration> {
  return database.transaction(async (tx) => {
    if (input.canCreateCases) await tx.query("update ledger_integrations set can_create_cases = false where creditor_id = $1 and can_create_cases", [input.creditorId]);
    const [row] = await tx.query<Row>(
      `insert into ledger_integrations (creditor_id, kind, credentials_ref, settings, can_create_cases)
       values ($1, $2, $3, $4, $5)
       on conflict (creditor_id, kind, credentials_ref) do update set settings = excluded.settings, can_create_cases = excluded.can_create_cases, active = true
       returning ${COLUMNS}`,
      [input.creditorId, input.kind, input.credentialsRef, JSON.stringify(input.settings ?? {}), input.canCreateCases ?? false],
    );
    return fromRow(row!);
  });
}

/** Moves the right to open new cases to `integrationId` (one per creditor, by a partial unique index). */
export async function moveCaseCreation(database: Database, creditorId: string, integrationId: string): Promise<void> {
  await database.transaction(async (tx) => {
    await tx.query("update ledger_integrations set can_create_cases = false where creditor_id = $1 and can_create_cases", [creditorId]);
    const moved = await tx.query("update ledger_integrations set can_create_cases = true where id = $1 and creditor_id = $2 returning id", [integrationId, creditorId]);
    if (moved.length === 0) throw new DomainError("not_found", `creditor ${creditorId} has no ledger integration ${integrationId}`, "integrationId");
  });
}

/** Active integrations of a creditor, the case-creating one first. */
export async function listIntegrations(db: Queryable, creditorId: string): Promise<LedgerIntegration[]> {
  const rows = await db.query<Row>(`select ${COLUMNS} from ledger_integrations where creditor_id = $1 and active order by can_create_cases desc, created_at, id`, [creditorId]);
  return rows.map(fromRow);
}

export async function loadIntegration(db: Queryable, id: string): Promise<LedgerIntegration> {
  const [row] = await db.query<Row>(`select ${COLUMNS} from ledger_integrations where id = $1`, [id]);
  if (!row) throw new DomainError("not_found", `no ledger integration ${id}`, "integrationId");
  return fromRow(row);
}

function fromRow(r: Row): LedgerIntegration {
  return {
    id: r.id,
    creditorId: r.creditor_id,
    kind: r.kind,
    credentialsRef: r.credentials_ref,
    settings: r.settings ?? {},
    canCreateCases: r.can_create_cases,
    active: r.active,
    watermark: instant(r.watermark),
    lastSyncAt: instant(r.last_sync_at),
    lastSyncStatus: r.last_sync_status,
  };
}

/** node-postgres gives timestamptz as Date, PGlite too; a string is accepted for safety. */
export function instant(v: Date | string | null): Date | null {
  return v === null ? null : v instanceof Date ? v : new Date(v);
}
