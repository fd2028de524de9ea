/**
 * Word lists for generated Norwegian customers: common first names and surnames (with æ, ø, å),
 * street names, trades, and real postcode/place pairs (Posten's register).
 */
export const FIRST_NAMES = [
  "Ola", "Kari", "Bjørn", "Åse", "Øyvind", "Kjersti", "Håkon", "Solveig", "Jørgen", "Ingrid", "Pål", "Sigrid", "Tor", "Marit",
  "Ståle", "Liv", "Geir", "Ragnhild", "Espen", "Tone", "Jan", "Hilde", "Knut", "Åsmund", "Randi", "Mons", "Dagny", "Trond",
  "Eirik", "Signe", "Rune", "Bente", "Håvard", "Gro", "Sindre", "Turid", "Ørjan", "Maja", "Lars", "Nora", "Even", "Sølvi",
] as const;

export const SURNAMES = [
  "Hansen", "Johansen", "Olsen", "Larsen", "Andersen", "Pedersen", "Nilsen", "Kristiansen", "Jensen", "Karlsen", "Johnsen",
  "Pettersen", "Eriksen", "Berg", "Haugen", "Hagen", "Johannessen", "Andreassen", "Jacobsen", "Dahl", "Jørgensen", "Halvorsen",
  "Ødegård", "Sæther", "Løvås", "Bråthen", "Strøm", "Nygård", "Aasen", "Bakken", "Solberg", "Lønning", "Kvåle", "Rønning",
  "Myrvold", "Fjæra", "Sørensen", "Tangen", "Bjørklund", "Holm", "Våge", "Grønli",
] as const;

export const TRADES = [
  "Bygg", "Rør", "Elektro", "Regnskap", "Transport", "Maskin", "Eiendom", "Tre", "Mat", "Frisør", "Malerservice", "Rørlegger",
  "Entreprenør", "Trafikkskole", "Blomster", "Fiskeoppdrett", "Bakeri", "Snekkerverksted", "Gartneri", "Datakonsult",
] as const;

export const COMPANY_FORMS = ["AS", "AS", "AS", "AS", "ENK", "DA"] as const;

export const STREETS = [
  "Storgata", "Kirkegata", "Kongens gate", "Dronningens gate", "Strandgata", "Skolegata", "Parkveien", "Sjøgata", "Bjørkeveien",
  "Fjellveien", "Løkkeveien", "Møllergata", "Åsveien", "Granåsen", "Bakkegata", "Tollbugata", "Jernbanegata", "Søndre gate",
  "Øvre Slottsgate", "Ringveien", "Smørbukkveien", "Lærkeveien", "Fjordgata", "Havnegata", "Tømmerbakken",
] as const;

/** [postcode, place] */
export const POSTCODES: ReadonlyArray<readonly [string, string]> = [
  ["0150", "OSLO"], ["0557", "OSLO"], ["0661", "OSLO"], ["1337", "SANDVIKA"], ["1440", "DRØBAK"], ["1530", "MOSS"],
  ["1606", "FREDRIKSTAD"], ["1724", "SARPSBORG"], ["2000", "LILLESTRØM"], ["2317", "HAMAR"], ["2609", "LILLEHAMMER"],
  ["2815", "GJØVIK"], ["3015", "DRAMMEN"], ["3211", "SANDEFJORD"], ["3724", "SKIEN"], ["4006", "STAVANGER"], ["4307", "SANDNES"],
  ["4610", "KRISTIANSAND S"], ["4836", "ARENDAL"], ["5003", "BERGEN"], ["5527", "HAUGESUND"], ["6002", "ÅLESUND"],
  ["6413", "MOLDE"], ["6800", "FØRDE"], ["7010", "TRONDHEIM"], ["7713", "STEINKJER"], ["8006", "BODØ"], ["8514", "NARVIK"],
  ["9008", "TROMSØ"], ["9600", "HAMMERFEST"], ["9730", "KARASJOK"], ["9900", "KIRKENES"],
] as const;

/** Lowercase ASCII for e-mail addresses: æ → ae, ø → o, å → a. */
export function asciiSlug(s: string): string {
  return s
    .toLowerCase()
    .replace(/æ/g, "ae")
    .replace(/ø/g, "o")
    .replace(/å/g, "a")
    .replace(/[^a-z0-9]+/g, ".")
    .replace(/^\.|\.$/g, "");
}
