import { LocalDate } from "../calendar/local-date.js";
import { type Money, formatDecimal } from "../money.js";
import { type Assessment, type EligibilityContext, type EligibilityStatus, firstShared } from "./assess.js";
import { type EligibilityCustomer, type EligibilityInvoice, missingAddressFields } from "./invoice.js";
import type { ReasonCode } from "./reason-codes.js";
import type { EligibilitySettings } from "./settings.js";
import { SOURCES } from "./sources.js";

/**
 * The words of each reason, in Norwegian (bokmål), Swedish and English, with the rule it applies and the
 * source. Texts are built from the assessment only when a full decision is asked for.
 */
export interface TextInput {
  readonly a: Assessment;
  readonly status: EligibilityStatus;
  readonly invoice: EligibilityInvoice;
  readonly customer: EligibilityCustomer;
  readonly settings: EligibilitySettings;
  readonly context: EligibilityContext;
}

export interface Text {
  readonly nb: string;
  readonly sv: string;
  readonly en: string;
}

export interface ReasonSpec {
  readonly rule: string;
  readonly source: string | ((p: TextInput) => string);
  readonly text: (p: TextInput) => Text;
}

const iso = (epochDay: number): string => LocalDate.ofEpochDay(epochDay).toString();
const daysNb = (n: number): string => (n === 1 ? "1 dag" : `${n} dager`);
const daysSv = (n: number): string => (n === 1 ? "1 dag" : `${n} dagar`);
const daysEn = (n: number): string => (n === 1 ? "1 day" : `${n} days`);
const amount = (m: Money): string => `${formatDecimal(m)} ${m.currency}`;
const passed = (p: TextInput): boolean => p.status === "eligible";

const FIELD_NB: Readonly<Record<string, string>> = { name: "navn", street: "gateadresse", postcode: "postnummer", city: "poststed" };
const FIELD_SV: Readonly<Record<string, string>> = { name: "namn", street: "gatuadress", postcode: "postnummer", city: "postort" };

function list(items: readonly string[], and: string): string {
  return items.length <= 1 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} ${and} ${items[items.length - 1]}`;
}

function ledgerLetter(p: TextInput): Text {
  return p.settings.ledgerDunning.collectionNotice
    ? { nb: "inkassovarselet", sv: "inkassokravet", en: "the collection notice" }
    : { nb: "purringen", sv: "påminnelsen", en: "the reminder" };
}

/** "Goes to the draft list on …" / "… passed on …" for the rules that count days after due. */
function daysAfterDue(p: TextInput, note: Text): Text {
  const date = iso(p.a.eligibleOn);
  return passed(p)
    ? { nb: `${daysNb(p.a.days)} etter forfall passert ${date} ${note.nb}`, sv: `${daysSv(p.a.days)} efter förfallodagen passerades ${date} ${note.sv}`, en: `${daysEn(p.a.days)} after due passed on ${date} ${note.en}` }
    : { nb: `Går til utkast inkasso ${date}, ${daysNb(p.a.days)} etter forfall ${note.nb}`, sv: `Går till inkassoutkast ${date}, ${daysSv(p.a.days)} efter förfallodagen ${note.sv}`, en: `Goes to the draft list on ${date}, ${daysEn(p.a.days)} after due ${note.en}` };
}

export const REASON_SPECS: Readonly<Record<ReasonCode, ReasonSpec>> = {
  no_due_date: {
    rule: "Only invoices with a due date can be transferred.",
    source: `${SOURCES.powerOffice}: "Kun fakturabilag med forfallsdato vil fungere med en integrasjon"`,
    text: () => ({ nb: "Fakturaen har ingen forfallsdato", sv: "Fakturan har ingen förfallodag", en: "The invoice has no due date" }),
  },
  status_not_sent: {
    rule: "Only invoices with status sent or partly paid are transferred.",
    source: `${SOURCES.procountor}: "Endast fakturor med statusen Skickad eller Delvis betald"`,
    text: (p) => ({
      nb: `Fakturaen har status «${p.invoice.status}»; bare sendte og delvis betalte fakturaer overføres`,
      sv: `Fakturan har status ”${p.invoice.status}”; endast skickade och delvis betalda fakturor överförs`,
      en: `The invoice's status is "${p.invoice.status}"; only sent and partly paid invoices are transferred`,
    }),
  },
  nothing_open: {
    rule: "Only invoices with a positive open amount are transferred.",
    source: `${SOURCES.procountor}: "Endast fakturor med ett positivt belopp visas"`,
    text: () => ({ nb: "Fakturaen har ikke noe åpent beløp", sv: "Fakturan har inget öppet belopp", en: "Nothing is open on the invoice" }),
  },
  customer_do_not_transfer: {
    rule: 'Customers without the tick "transfer to collection agency" are left out of collection.',
    source: `${SOURCES.powerOffice}: "fjerne haken for «Overfør til inkassobyrå»"`,
    text: () => ({ nb: "Kunden er merket «Ikke overfør til inkassobyrå»", sv: "Kunden är markerad ”Överför inte till inkassobolag”", en: 'The customer is marked "do not transfer to a collection agency"' }),
  },
  excluded_from_dunning: {
    rule: "Invoices excluded from dunning are never transferred.",
    source: `${SOURCES.vismaNet}: "utelat fra prosessen for betalingsvarsler"`,
    text: () => ({ nb: "Fakturaen er unntatt fra purring og inkasso", sv: "Fakturan är undantagen från påminnelser och inkasso", en: "The invoice is excluded from dunning" }),
  },
  customer_in_excluded_group: {
    rule: "Customers in a group the creditor excluded are never transferred.",
    source: SOURCES.domain,
    text: (p) => {
      const g = firstShared(p.customer.groups, p.settings.excludedGroups) ?? "";
      return { nb: `Kunden er i gruppen «${g}», som ikke overføres`, sv: `Kunden tillhör gruppen ”${g}”, som inte överförs`, en: `The customer is in the group "${g}", which is not transferred` };
    },
  },
  factored_or_financed: {
    rule: "Factored or financed invoices are not the creditor's to collect.",
    source: `${SOURCES.powerOffice}: "Kan ikke kombineres med factoringintegrasjon"`,
    text: () => ({ nb: "Fakturaen er solgt til factoring eller finansiert", sv: "Fakturan är såld till factoring eller finansierad", en: "The invoice is factored or financed" }),
  },
  at_other_agency: {
    rule: "A claim already with another agency is not transferred, so the debtor is not pursued twice.",
    source: `${SOURCES.procountor}: "Fordringar som har överförts till en annan inkassotjänsteleverantör"`,
    text: () => ({ nb: "Fakturaen er allerede hos et annet inkassobyrå", sv: "Fakturan finns redan hos ett annat inkassobolag", en: "The invoice is already with another collection agency" }),
  },
  missing_debtor_address: {
    rule: "Collection letters go by post: the debtor needs a name and a postal address (street, postcode and city; a foreign address street, city and country).",
    source: `${SOURCES.procountor}: "Fakturor med saknad adressinformation kan inte överföras"`,
    text: (p) => {
      const missing = missingAddressFields(p.customer);
      return {
        nb: `Skyldneren mangler ${list(missing.map((f) => FIELD_NB[f] ?? f), "og")}`,
        sv: `Gäldenären saknar ${list(missing.map((f) => FIELD_SV[f] ?? f), "och")}`,
        en: `The debtor's ${list(missing, "and")} ${missing.length === 1 ? "is" : "are"} missing`,
      };
    },
  },
  time_barred: {
    rule: "A claim is time-barred 3 years after its due date; older invoices are not transferred.",
    source: `${SOURCES.foreldelsesloven}; ${SOURCES.procountor}: "Fakturor som är över 3 år gamla kan inte överföras"`,
    text: (p) => ({
      nb: `Kravet er foreldet: 3 år etter forfall endte ${iso(p.a.limitationOn)}`,
      sv: `Fordran är preskriberad: 3 år efter förfallodagen löpte ut ${iso(p.a.limitationOn)}`,
      en: `Time-barred: 3 years after due ended on ${iso(p.a.limitationOn)}`,
    }),
  },
  below_minimum_amount: {
    rule: "Invoices below the creditor's minimum amount are not transferred.",
    source: SOURCES.domain,
    text: (p) => {
      const open = amount(p.invoice.openAmount);
      const min = amount(p.settings.minimumAmount!);
      return { nb: `Åpent beløp ${open} er under minstebeløpet ${min}`, sv: `Öppet belopp ${open} understiger minimibeloppet ${min}`, en: `The open amount ${open} is below the minimum ${min}` };
    },
  },
  duplicate_invoice_number: {
    rule: "An invoice number already registered as a case is not registered again.",
    source: `${SOURCES.procountor}: "Det finns redan ett ärende för fakturanumret"`,
    text: (p) => ({
      nb: `Fakturanummer ${p.invoice.invoiceNumber} er allerede registrert som sak`,
      sv: `Fakturanummer ${p.invoice.invoiceNumber} är redan registrerat som ärende`,
      en: `Invoice number ${p.invoice.invoiceNumber} is already registered as a case`,
    }),
  },
  draft_nothing_ticked: {
    rule: "No dunning steps in the ledger: the invoice goes to the draft list a set number of days after due (PowerOffice 14, Amili 1).",
    source: (p) => p.settings.draftList.source,
    text: (p) => daysAfterDue(p, { nb: "(ingen purresteg i regnskapssystemet)", sv: "(inga påminnelsesteg i bokföringssystemet)", en: "(no dunning steps in the ledger)" }),
  },
  draft_soft_reminder: {
    rule: "Only a soft reminder in the ledger: the invoice goes to the draft list 14 days after due.",
    source: (p) => p.settings.draftList.source,
    text: (p) => daysAfterDue(p, { nb: "(bare påminnelse i regnskapssystemet)", sv: "(endast en vänlig påminnelse i bokföringssystemet)", en: "(only a soft reminder in the ledger)" }),
  },
  draft_after_ledger_letter: {
    rule: "Reminder or collection notice sent by the ledger: the invoice goes to the draft list the first day after that letter's due date.",
    source: (p) => p.settings.draftList.source,
    text: (p) => {
      const letter = ledgerLetter(p);
      const date = iso(p.a.eligibleOn);
      const due = iso(p.a.letterDueOn);
      return passed(p)
        ? { nb: `Første dag etter forfall på ${letter.nb} (${due}) passert ${date}`, sv: `Första dagen efter förfallodagen för ${letter.sv} (${due}) passerades ${date}`, en: `First day after ${letter.en}'s due date (${due}) passed on ${date}` }
        : { nb: `Går til utkast inkasso ${date}, første dag etter forfall på ${letter.nb} (${due})`, sv: `Går till inkassoutkast ${date}, första dagen efter förfallodagen för ${letter.sv} (${due})`, en: `Goes to the draft list on ${date}, the first day after ${letter.en}'s due date (${due})` };
    },
  },
  awaiting_ledger_letter: {
    rule: "Reminder or collection notice sent by the ledger: the invoice goes to the draft list the first day after that letter's due date.",
    source: (p) => p.settings.draftList.source,
    text: (p) => {
      const letter = ledgerLetter(p);
      return {
        nb: `Venter på ${letter.nb} fra regnskapssystemet; fakturaen går til utkast første dag etter brevets forfall`,
        sv: `Väntar på ${letter.sv} från bokföringssystemet; fakturan går till inkassoutkast första dagen efter brevets förfallodag`,
        en: `Waiting for ${letter.en} from the ledger; the invoice goes to the draft list the first day after that letter's due date`,
      };
    },
  },
  manual_move: {
    rule: "A user may move any overdue invoice to the draft list by hand.",
    source: `${SOURCES.powerOffice}: "manuelt overstyre en forfalt faktura fra purreliste til utkast inkasso"`,
    text: (p) => {
      const date = iso(p.a.eligibleOn);
      return passed(p)
        ? { nb: `Kan flyttes manuelt: forfalt fra ${date}`, sv: `Kan flyttas manuellt: förfallen från ${date}`, en: `Can be moved by hand: overdue from ${date}` }
        : { nb: `Kan flyttes manuelt fra ${date}, dagen etter forfall`, sv: `Kan flyttas manuellt från ${date}, dagen efter förfallodagen`, en: `Can be moved by hand from ${date}, the day after due` };
    },
  },
  se_manual_minimum: {
    rule: "Sweden: a manual transfer needs 8 days since the invoice date and 4 days since due.",
    source: `${SOURCES.procountor}: "8 dagar har passerat sedan fakturadatum och 4 dagar sedan förfallodagen"`,
    text: (p) => {
      const m = p.a.minimum.manual!;
      const date = iso(p.a.eligibleOn);
      const rule = {
        nb: `${daysNb(m.minDaysAfterInvoiceDate)} etter fakturadato og ${daysNb(m.minDaysAfterDue)} etter forfall`,
        sv: `${daysSv(m.minDaysAfterInvoiceDate)} efter fakturadatum och ${daysSv(m.minDaysAfterDue)} efter förfallodagen`,
        en: `${daysEn(m.minDaysAfterInvoiceDate)} after the invoice date and ${daysEn(m.minDaysAfterDue)} after due`,
      };
      return passed(p)
        ? { nb: `${rule.nb} passert ${date}`, sv: `${rule.sv} passerades ${date}`, en: `${rule.en} passed on ${date}` }
        : { nb: `Kan overføres manuelt fra ${date}: ${rule.nb}`, sv: `Kan överföras manuellt från ${date}: ${rule.sv}`, en: `Can be transferred by hand from ${date}: ${rule.en}` };
    },
  },
  automatic_transfer: {
    rule: "Automatic transfer: the creditor's delay after due, never below the legal minimum.",
    source: (p) => `${p.settings.automatic.source}; legal minimum: ${p.a.minimum.autoSource}`,
    text: (p) => {
      const date = iso(p.a.eligibleOn);
      return passed(p)
        ? { nb: `Overføres automatisk: ${daysNb(p.a.days)} etter forfall passert ${date}`, sv: `Överförs automatiskt: ${daysSv(p.a.days)} efter förfallodagen passerades ${date}`, en: `Goes automatically: ${daysEn(p.a.days)} after due passed on ${date}` }
        : { nb: `Overføres automatisk ${date}, ${daysNb(p.a.days)} etter forfall`, sv: `Överförs automatiskt ${date}, ${daysSv(p.a.days)} efter förfallodagen`, en: `Goes automatically on ${date}, ${daysEn(p.a.days)} after due` };
    },
  },
  auto_delay_raised_to_legal_minimum: {
    rule: "The delay of an automatic transfer is never below the legal minimum of the debtor's jurisdiction.",
    source: (p) => p.a.minimum.autoSource,
    text: (p) => {
      const set = p.settings.automatic.delayDaysAfterDue;
      const min = p.a.minimum.autoMinDaysAfterDue;
      const by = `${p.a.minimum.jurisdiction}, ${p.a.minimum.autoLabel}`;
      return {
        nb: `Forsinkelsen på ${daysNb(set)} er hevet til minimum ${daysNb(min)} etter forfall (${by})`,
        sv: `Fördröjningen på ${daysSv(set)} har höjts till minst ${daysSv(min)} efter förfallodagen (${by})`,
        en: `The delay of ${daysEn(set)} was raised to the minimum of ${daysEn(min)} after due (${by})`,
      };
    },
  },
  auto_below_minimum: {
    rule: "Only invoices whose open amount exceeds the automatic-transfer minimum go automatically.",
    source: `${SOURCES.procountor}: "Alla fakturor som överstiger beloppet omfattas av automation"`,
    text: (p) => {
      const open = amount(p.invoice.openAmount);
      const min = amount(p.settings.automatic.minimumAmount!);
      return {
        nb: `Ikke automatisk: åpent beløp ${open} er ikke over minstebeløpet ${min} for automatisk overføring`,
        sv: `Inte automatiskt: öppet belopp ${open} överstiger inte minimibeloppet ${min} för automatisk överföring`,
        en: `Not automatic: the open amount ${open} does not exceed the automatic-transfer minimum ${min}`,
      };
    },
  },
  auto_excluded_group: {
    rule: "Customers in a group excluded from automatic transfer go only by hand.",
    source: `${SOURCES.procountor}: "Förhindra automatisk överföring"`,
    text: (p) => {
      const g = firstShared(p.customer.groups, p.settings.automatic.excludedGroups) ?? "";
      return { nb: `Ikke automatisk: kunden er i gruppen «${g}»`, sv: `Inte automatiskt: kunden tillhör gruppen ”${g}”`, en: `Not automatic: the customer is in the group "${g}"` };
    },
  },
  auto_overdue_at_activation: {
    rule: "Invoices already overdue when automatic transfer was switched on go automatically only if the creditor chose so at activation.",
    source: `${SOURCES.procountor}: "välja om de fakturor som i nuläget har förfallit ska överföras automatiskt"`,
    text: (p) => {
      const on = p.settings.automatic.activatedOn!.toString();
      return {
        nb: `Ikke automatisk: fakturaen var forfalt da automatisk overføring ble slått på ${on}`,
        sv: `Inte automatiskt: fakturan var redan förfallen när automatisk överföring aktiverades ${on}`,
        en: `Not automatic: the invoice was already overdue when automatic transfer was switched on on ${on}`,
      };
    },
  },
  auto_ledger_reminder_sent: {
    rule: "Invoices the ledger sent a reminder for are not transferred automatically, only by hand.",
    source: `${SOURCES.procountor}: "Fakturor för vilka du har skickat en betalningspåminnelse i Procountor överförs inte automatiskt"`,
    text: () => ({
      nb: "Ikke automatisk: regnskapssystemet har sendt en påminnelse; fakturaen kan overføres manuelt",
      sv: "Inte automatiskt: bokföringssystemet har skickat en påminnelse; fakturan kan överföras manuellt",
      en: "Not automatic: the ledger sent a reminder; the invoice can be transferred by hand",
    }),
  },
  auto_other_currency: {
    rule: "An automatic-transfer minimum in another currency cannot be compared without an exchange rate; a person decides.",
    source: SOURCES.domain,
    text: (p) => ({
      nb: `Ikke automatisk: fakturaen er i ${p.invoice.openAmount.currency}, minstebeløpet i ${p.settings.creditorCurrency}`,
      sv: `Inte automatiskt: fakturan är i ${p.invoice.openAmount.currency}, minimibeloppet i ${p.settings.creditorCurrency}`,
      en: `Not automatic: the invoice is in ${p.invoice.openAmount.currency}, the minimum in ${p.settings.creditorCurrency}`,
    }),
  },
  financed_manual_only: {
    rule: "Financed invoices are not transferred automatically but may be transferred by hand.",
    source: `${SOURCES.procountor}: "Finansierade fakturor … kan skickas manuellt om det behövs"`,
    text: () => ({ nb: "Finansiert faktura: kan overføres manuelt, ikke automatisk", sv: "Finansierad faktura: kan överföras manuellt, inte automatiskt", en: "Financed invoice: can be transferred by hand, not automatically" }),
  },
  currency_differs: {
    rule: "Invoices in any currency can be transferred; a currency other than the creditor's is reported.",
    source: `${SOURCES.procountor}: "Du kan skicka fakturor till Procountor Inkasso med alla valutor"`,
    text: (p) => {
      const cur = p.invoice.openAmount.currency;
      const own = p.settings.creditorCurrency;
      const unchecked = p.settings.minimumAmount !== null;
      return {
        nb: `Fakturaen er i ${cur}, kreditors valuta er ${own}` + (unchecked ? "; minstebeløpet er ikke kontrollert" : ""),
        sv: `Fakturan är i ${cur}, borgenärens valuta är ${own}` + (unchecked ? "; minimibeloppet har inte kontrollerats" : ""),
        en: `The invoice is in ${cur}, the creditor's currency is ${own}` + (unchecked ? "; the minimum amount was not checked" : ""),
      };
    },
  },
};
