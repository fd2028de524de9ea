import { agencyFromEnvironment, type AgencyConfig } from "../platform/config.js";
import type { LetterAgency } from "./letters/letter-model.js";

/**
 * The collection agency that runs this deployment: its name, licence and the account debtors pay
 * to (with the case's KID). The top (worker, CLI, API, demo) takes it from `Config.agency`, read
 * once by src/platform/config.ts from the FORDRING_AGENCY_* variables (see README), and passes it
 * down. `agencyFromEnv` is for tests and benchmarks (`agencyFromEnv({})`: the demo agency).
 */
export function agencyFromEnv(env: Readonly<Record<string, string | undefined>> = process.env): LetterAgency {
  return letterAgency(agencyFromEnvironment(env));
}

/** The agency as a letter names it: `Config.agency` without the payout account and the configuration's own notes. */
export function letterAgency(agency: LetterAgency & Partial<Pick<AgencyConfig, "payoutAccount" | "demoValues" | "problems">>): LetterAgency {
  const { payoutAccount: _payout, demoValues: _demo, problems: _problems, ...letter } = agency;
  return letter;
}

/**
 * The agency's client-funds account (klientkonto) that settlements are paid out from: the debtor
 * account of the payout file (pain.001). By default the account debtors pay to; a deployment that
 * pays out from another account sets FORDRING_AGENCY_PAYOUT_IBAN and FORDRING_AGENCY_PAYOUT_BIC.
 */
export function agencyPayoutAccountFromEnv(env: Readonly<Record<string, string | undefined>>): { name: string; iban: string; bic: string } {
  return agencyFromEnvironment(env).payoutAccount;
}
