/**
 * The documents the transfer rules come from, named once so every reason and preset cites the
 * same text. The product pages are in `shared/seeds/` (help pages of the ledgers and agencies).
 */
export const SOURCES = {
  powerOffice:
    "PowerOffice Go help, 'Aktivering av en inkassointegrasjon' (seeds/001_6a010f73dab637be.txt)",
  modhi: "Modhi Norge, 'Digital og automatisk integrasjonsløsning' for PowerOffice Go (seeds/000_4bff6b76916eeee8.txt)",
  amili: "Visma Amili, 'AutoCollect i PowerOffice GO | Spørsmål og svar' (seeds/002_25ea6bd9f5b8aa93.txt)",
  vismaNet: "Visma.net, 'Cloud Collect integrasjon' (seeds/003_b304581537240a0f.txt)",
  procountor: "Procountor, 'Vad är Procountor Inkasso?' with Kravia AB (seeds/004_187804c21ec726cd.txt)",
  domain: "docs/RULES.md § 8 (creditor settings)",
  foreldelsesloven: "foreldelsesloven LOV-1979-05-18-18 §§ 2–3 (3 years from the due date)",
  inkassoforskriften12: "inkassoforskriften FOR-1989-07-14-562 § 1-2",
} as const;
