import type { Address } from "./letter-model.js";

/**
 * Country names for mail going abroad. UPU practice: the destination country on the last line,
 * in capitals, in English (understood by every postal service). Unknown codes print as the code.
 */
const COUNTRY_NAMES: Readonly<Record<string, string>> = {
  NO: "NORWAY",
  SE: "SWEDEN",
  FI: "FINLAND",
  DK: "DENMARK",
  IS: "ICELAND",
  DE: "GERMANY",
  GB: "UNITED KINGDOM",
  PL: "POLAND",
  LT: "LITHUANIA",
  LV: "LATVIA",
  EE: "ESTONIA",
  NL: "NETHERLANDS",
  FR: "FRANCE",
  ES: "SPAIN",
  US: "UNITED STATES",
};

/** The lines of a window address: name, street lines, postcode and city, and the country if abroad. */
export function postalAddressLines(name: string, address: Address, senderCountry: string): string[] {
  const lines = [name, address.line1];
  if (address.line2 !== undefined && address.line2.trim() !== "") lines.push(address.line2);
  lines.push(`${address.postcode} ${address.city}`);
  if (address.country !== senderCountry) lines.push(COUNTRY_NAMES[address.country] ?? address.country);
  return lines;
}

/** One line, for the letterhead and the return address: "Storgata 1, 0155 Oslo". */
export function oneLineAddress(address: Address): string {
  const street = address.line2 !== undefined && address.line2.trim() !== "" ? `${address.line1}, ${address.line2}` : address.line1;
  return `${street}, ${address.postcode} ${address.city}`;
}
