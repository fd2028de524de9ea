import type { LocalDate } from "../calendar/local-date.js";
import { DomainError } from "../errors.js";
import { type Citation, readOptionalCitation } from "./citation.js";
import { type Confidence, CONFIDENCES, isConfidence } from "./confidence.js";
import { childPath, type JsonObject, readArray, readDate, readObject, readOptionalDate, readOptionalString, readString, ruleSetError } from "./json-reader.js";

/**
 * One dated entry of a rule table (docs/RULES.md § 3): a rate, fee or cap
 * is never a constant in code but a row valid from a date, with its source and confidence, and a
 * note where the source is uncertain.
 */
export interface DatedRow {
  readonly validFrom: LocalDate;
  /** Last day the row applies (inclusive); null = until further notice. */
  readonly validTo: LocalDate | null;
  /** The research note: the texts and pages the value was checked against. */
  readonly source: string;
  /** The short legal citation shown to people (nb and en); null in a replacement file without one. */
  readonly citation: Citation | null;
  readonly confidence: Confidence;
  readonly note: string | null;
}

export const DATED_ROW_KEYS = ["validFrom", "validTo", "source", "citation", "confidence", "note"] as const;

export interface DatedRowsOptions {
  /** Rows must follow each other without gaps (rate tables: every day needs a rate). */
  readonly contiguous?: boolean;
  /** The last row must have a `validTo` (rate tables: a rate is fixed half-year by half-year). */
  readonly closed?: boolean;
}

/**
 * Reads an array of dated rows, checking: each row's own fields; `validTo` not before
 * `validFrom`; rows sorted by `validFrom` and not overlapping; a `note` on every "uncertain"
 * row; gaps and an open end only where the table allows them. A row without `validTo` ends the
 * day before the next row starts.
 */
export function readDatedRows<T>(
  value: unknown,
  path: string,
  bodyKeys: readonly string[],
  readBody: (row: JsonObject, rowPath: string) => T,
  options: DatedRowsOptions = {},
): (DatedRow & T)[] {
  const items = readArray(value, path);
  if (items.length === 0) throw ruleSetError(path, "must have at least one row");
  const rows: (DatedRow & T)[] = [];
  items.forEach((item, i) => {
    const rowPath = childPath(path, i);
    const obj = readObject(item, rowPath, [...DATED_ROW_KEYS, ...bodyKeys]);
    const validFrom = readDate(obj, "validFrom", rowPath);
    const validTo = readOptionalDate(obj, "validTo", rowPath);
    if (validTo && validTo.isBefore(validFrom)) {
      throw ruleSetError(childPath(rowPath, "validTo"), `${validTo} is before validFrom ${validFrom}`);
    }
    const source = readString(obj, "source", rowPath);
    const citation = readOptionalCitation(obj, "citation", rowPath);
    const confidenceText = readString(obj, "confidence", rowPath);
    if (!isConfidence(confidenceText)) {
      throw ruleSetError(childPath(rowPath, "confidence"), `must be one of ${CONFIDENCES.join(", ")}`);
    }
    const note = readOptionalString(obj, "note", rowPath);
    if (confidenceText === "uncertain" && note === null) {
      throw ruleSetError(childPath(rowPath, "note"), "an uncertain row must say why in a note");
    }
    const previous = rows[i - 1];
    if (previous) {
      const previousEnd = previous.validTo ?? validFrom.minusDays(1);
      if (!validFrom.isAfter(previous.validFrom) || !validFrom.isAfter(previousEnd)) {
        throw ruleSetError(childPath(rowPath, "validFrom"), `${validFrom} overlaps or precedes the row before (${previous.validFrom}…${previousEnd}); rows must be sorted and not overlap`);
      }
      if (options.contiguous && !previousEnd.plusDays(1).equals(validFrom)) {
        throw ruleSetError(childPath(rowPath, "validFrom"), `gap after ${previousEnd}: every day needs a row, so this row must start ${previousEnd.plusDays(1)}`);
      }
      rows[i - 1] = { ...previous, validTo: previousEnd };
    }
    rows.push({ validFrom, validTo, source, citation, confidence: confidenceText, note, ...readBody(obj, rowPath) });
  });
  if (options.closed && rows[rows.length - 1]!.validTo === null) {
    throw ruleSetError(childPath(childPath(path, rows.length - 1), "validTo"), "the last row needs a validTo: a value beyond the published period is not known");
  }
  return rows;
}

export function covers(row: DatedRow, date: LocalDate): boolean {
  return !date.isBefore(row.validFrom) && (row.validTo === null || !date.isAfter(row.validTo));
}

/**
 * The row in force on `date`. Outside the table → DomainError(`code`) on `field`, naming the
 * table's extent so the operator knows which row to add to the rule file.
 */
export function rowOn<T extends DatedRow>(rows: readonly T[], date: LocalDate, what: string, field: string, code = "date_outside_rule_table"): T {
  for (const row of rows) {
    if (covers(row, date)) return row;
  }
  const first = rows[0];
  const last = rows[rows.length - 1];
  const extent = first && last ? `${first.validFrom}…${last.validTo ?? ""}` : "no rows";
  throw new DomainError(code, `no ${what} in force on ${date} (the rule table covers ${extent}; add a row to the rule file)`, field);
}

/** Distinct sources joined for display. */
export function joinSources(...sources: readonly string[]): string {
  return [...new Set(sources)].join("; ");
}
