import { DomainError } from "../errors.js";
import { type EligibilitySettings, type SettingsOverrides, applyOverrides, validateSettings } from "./settings.js";
import { SOURCES } from "./sources.js";

/**
 * Transfer settings that reproduce documented product behaviour, as data. Each names the page it
 * comes from; where two pages disagree the choice is written next to the value.
 */
export const PRESET_NAMES = ["poweroffice-modhi", "poweroffice-amili", "procountor-kravia", "fordring-default", "visma-net-dunning"] as const;
export type PresetName = (typeof PRESET_NAMES)[number];

const NOTHING_TICKED = { softReminder: false, reminder: false, collectionNotice: false } as const;

const NO_AUTOMATIC = {
  enabled: false,
  minimumAmount: null,
  excludedGroups: [],
  activatedOn: null,
  includeOverdueAtActivation: false,
  skipWhenLedgerReminderSent: false,
} as const;

export const PRESETS: Readonly<Record<PresetName, EligibilitySettings>> = {
  // PowerOffice's own page: "Påminnelse eller ingenting aktivert i purreinnstillingene; faktura
  // overføres til utkast inkasso 14 dager etter forfall. Purring/inkassovarsel aktivert …; første
  // dag etter purringens/inkassovarslets forfall." CONFLICT: Modhi's page says that with no
  // dunning settings "alle forfalte fakturaer overføres til Utkast … på første dag etter forfall".
  // We follow PowerOffice (it owns the draft list); override `draftList.nothingTickedDaysAfterDue: 1`
  // to follow Modhi's page. Modhi lets the user mark invoices to transfer: no automatic transfer.
  "poweroffice-modhi": {
    preset: "poweroffice-modhi",
    source: `${SOURCES.powerOffice}; ${SOURCES.modhi}`,
    jurisdiction: "NO",
    creditorCurrency: "NOK",
    ledgerDunning: NOTHING_TICKED,
    draftList: { nothingTickedDaysAfterDue: 14, softReminderDaysAfterDue: 14, source: SOURCES.powerOffice },
    minimumAmount: null,
    excludedGroups: [],
    // "Kan ikke kombineres med factoringintegrasjon."
    financedInvoices: "block",
    automatic: { ...NO_AUTOMATIC, delayDaysAfterDue: 14, source: SOURCES.powerOffice },
  },
  // AutoCollect: "Hvis ingen av feltene er markert … dag 1 etter forfall. Hvis du har valgt
  // påminnelse … 14 dager etter forfall. Hvis du har valgt purring og/eller inkassovarsel …
  // første dag etter forfall på purring og/eller inkassovarsel." Automatic transfer is an option:
  // "aktivere automatisk overføring til oss så snart faktura er forfalt med 14 dager".
  "poweroffice-amili": {
    preset: "poweroffice-amili",
    source: SOURCES.amili,
    jurisdiction: "NO",
    creditorCurrency: "NOK",
    ledgerDunning: NOTHING_TICKED,
    draftList: { nothingTickedDaysAfterDue: 1, softReminderDaysAfterDue: 14, source: SOURCES.amili },
    minimumAmount: null,
    excludedGroups: [],
    financedInvoices: "block",
    automatic: { ...NO_AUTOMATIC, delayDaysAfterDue: 14, source: SOURCES.amili },
  },
  // Sweden. What differs from the Norwegian presets: the Procountor Inkasso view lists every
  // overdue invoice (day 1), but a manual transfer needs 8 days since the invoice date and 4 since
  // due (TRANSFER_MINIMUMS.SE); automatic transfer counts only from due ("fakturadatumet påverkar
  // inte väntetiden"), skips invoices the ledger sent a betalningspåminnelse for, and skips
  // financed invoices, which "kan skickas manuellt". Kravia's first letter is a betalningspåminnelse,
  // not an inkassovarsel; legal collection needs the creditor's approval by default (case gates).
  // Procountor's default delay is "minimivärde i enlighet med lag och god praxis" without a
  // number; 4 days (the manual rule's days after due) is our reading, UNCERTAIN.
  "procountor-kravia": {
    preset: "procountor-kravia",
    source: SOURCES.procountor,
    jurisdiction: "SE",
    creditorCurrency: "SEK",
    ledgerDunning: NOTHING_TICKED,
    draftList: { nothingTickedDaysAfterDue: 1, softReminderDaysAfterDue: 1, source: SOURCES.procountor },
    minimumAmount: null,
    excludedGroups: [],
    financedInvoices: "manual-only",
    automatic: { ...NO_AUTOMATIC, delayDaysAfterDue: 4, skipWhenLedgerReminderSent: true, source: SOURCES.procountor },
  },
  // Visma.net Cloud Collect: "purrerutinen benyttes til å velge hvilke fordringer som overføres";
  // the connector offers only invoices the dunning routine brought to the transfer level (the
  // integration's `transferAtDunningLevel`), and such an invoice goes the first day after that
  // purring's due date; "14 dager før første purringen kan sendes fra innfordringsselskapet". An
  // invoice "utelat fra prosessen for betalingsvarsler" is blocked (excluded_from_dunning).
  "visma-net-dunning": {
    preset: "visma-net-dunning",
    source: SOURCES.vismaNet,
    jurisdiction: "NO",
    creditorCurrency: "NOK",
    ledgerDunning: { softReminder: false, reminder: true, collectionNotice: false },
    draftList: { nothingTickedDaysAfterDue: 14, softReminderDaysAfterDue: 14, source: SOURCES.vismaNet },
    minimumAmount: null,
    excludedGroups: [],
    financedInvoices: "block",
    automatic: { ...NO_AUTOMATIC, delayDaysAfterDue: 14, source: SOURCES.vismaNet },
  },
  // Ours: PowerOffice's documented timing (14 days, the day a notice may carry a fee) and the
  // strictest documented blockers; automatic transfer off until the creditor switches it on.
  "fordring-default": {
    preset: "fordring-default",
    source: `${SOURCES.domain}; ${SOURCES.powerOffice}`,
    jurisdiction: "NO",
    creditorCurrency: "NOK",
    ledgerDunning: NOTHING_TICKED,
    draftList: { nothingTickedDaysAfterDue: 14, softReminderDaysAfterDue: 14, source: SOURCES.powerOffice },
    minimumAmount: null,
    excludedGroups: [],
    financedInvoices: "block",
    automatic: { ...NO_AUTOMATIC, delayDaysAfterDue: 14, source: SOURCES.domain },
  },
};

export function isPresetName(name: string): name is PresetName {
  return (PRESET_NAMES as readonly string[]).includes(name);
}

/** A preset's settings with the creditor's overrides applied and checked. */
export function settingsFromPreset(name: string, overrides?: SettingsOverrides): EligibilitySettings {
  if (!isPresetName(name)) {
    throw new DomainError("unknown_preset", `"${name}" is not a preset (known: ${PRESET_NAMES.join(", ")})`, "preset");
  }
  return validateSettings(applyOverrides(PRESETS[name], overrides));
}
