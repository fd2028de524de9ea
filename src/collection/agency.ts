import type { LetterAgency } from "./letters/letter-model.js";

/**
 * The collection agency that runs this deployment: its name, licence and the account debtors pay
 * to (with the case's KID). The defaults describe the demo agency; a deployment sets its own with
 * FORDRING_AGENCY_* variables (see README).
 */
export function agencyFromEnv(env: Record<string, string | undefined> = process.env): LetterAgency {
  return {
    name: env.FORDRING_AGENCY_NAME ?? "Fordring Inkasso AS (demo)",
    orgNumber: env.FORDRING_AGENCY_ORGNR ?? "923609016",
    address: {
      line1: env.FORDRING_AGENCY_ADDRESS ?? "Postboks 123 Sentrum",
      postcode: env.FORDRING_AGENCY_POSTCODE ?? "0102",
      city: env.FORDRING_AGENCY_CITY ?? "Oslo",
      country: "NO",
    },
    accountNumber: env.FORDRING_AGENCY_ACCOUNT ?? "86011117947",
    iban: env.FORDRING_AGENCY_IBAN ?? "NO9386011117947",
    bic: env.FORDRING_AGENCY_BIC ?? "DNBANOKK",
    phone: env.FORDRING_AGENCY_PHONE ?? "+47 22 00 00 00",
    email: env.FORDRING_AGENCY_EMAIL ?? "post@fordring.example",
    licence: env.FORDRING_AGENCY_LICENCE ?? "Inkassobevilling fra Finanstilsynet (demo)",
  };
}

/**
 * The agency's client-funds account (klientkonto) that settlements are paid out from: the debtor
 * account of the payout file (pain.001). By default the account debtors pay to; a deployment that
 * pays out from another account sets FORDRING_AGENCY_PAYOUT_IBAN and FORDRING_AGENCY_PAYOUT_BIC.
 */
export function agencyPayoutAccountFromEnv(env: Record<string, string | undefined> = process.env): { name: string; iban: string; bic: string } {
  const agency = agencyFromEnv(env);
  return { name: agency.name, iban: env.FORDRING_AGENCY_PAYOUT_IBAN ?? agency.iban ?? "", bic: env.FORDRING_AGENCY_PAYOUT_BIC ?? agency.bic ?? "" };
}
