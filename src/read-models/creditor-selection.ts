import { scopeCondition, scopeParams, type CreditorScope } from "../access/tenant.js";

/**
 * Which creditors a read model covers: those a caller's grants reach (`creditorScope`), or one
 * firm's clients. Turned into SQL on the creditor alias `cr`, its parameters numbered from `first`.
 */
export type CreditorSelection = { scope: CreditorScope } | { firmId: string };

export function selectionSql(selection: CreditorSelection, first: number): { condition: string; params: unknown[] } {
  if ("firmId" in selection) return { condition: `cr.firm_id = $${first}`, params: [selection.firmId] };
  return { condition: scopeCondition("cr", first), params: scopeParams(selection.scope) };
}
