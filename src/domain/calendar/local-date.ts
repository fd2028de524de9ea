import { DomainError } from "../errors.js";

/**
 * A calendar date with no time and no zone (habit 2): due dates, deadlines, limitation dates.
 * Stored as days since 1970-01-01 so that arithmetic and comparison are integer operations.
 * Converting instants to dates happens at the edge (the Clock), never here.
 */
export class LocalDate {
  /** Days since 1970-01-01 (proleptic Gregorian). */
  readonly epochDay: number;

  private constructor(epochDay: number) {
    this.epochDay = epochDay;
  }

  static ofEpochDay(epochDay: number): LocalDate {
    return new LocalDate(epochDay);
  }

  static of(year: number, month: number, day: number): LocalDate {
    if (!Number.isInteger(year) || year < 1 || year > 9999) {
      throw new DomainError("invalid_date", `year ${year} is out of range 1..9999`);
    }
    if (!Number.isInteger(month) || month < 1 || month > 12) {
      throw new DomainError("invalid_date", `month ${month} is out of range 1..12`);
    }
    const dim = daysInMonth(year, month);
    if (!Number.isInteger(day) || day < 1 || day > dim) {
      throw new DomainError("invalid_date", `day ${day} is out of range 1..${dim} for ${year}-${pad2(month)}`);
    }
    return new LocalDate(civilToDays(year, month, day));
  }

  /** Parses `YYYY-MM-DD` strictly; `field` names the input in the error. */
  static parse(text: string, field = "date"): LocalDate {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
    if (!m) {
      throw new DomainError("invalid_date", `"${text}" is not a date in the form YYYY-MM-DD`, field);
    }
    try {
      return LocalDate.of(Number(m[1]), Number(m[2]), Number(m[3]));
    } catch (e) {
      if (e instanceof DomainError) throw new DomainError("invalid_date", `"${text}" is not a calendar date (${e.message})`, field);
      throw e;
    }
  }

  get year(): number {
    return daysToCivil(this.epochDay)[0];
  }
  get month(): number {
    return daysToCivil(this.epochDay)[1];
  }
  get day(): number {
    return daysToCivil(this.epochDay)[2];
  }
  /** ISO weekday: 1 = Monday … 7 = Sunday. */
  get dayOfWeek(): number {
    // 1970-01-01 was a Thursday (4).
    return ((((this.epochDay + 3) % 7) + 7) % 7) + 1;
  }

  plusDays(n: number): LocalDate {
    return new LocalDate(this.epochDay + n);
  }
  minusDays(n: number): LocalDate {
    return new LocalDate(this.epochDay - n);
  }
  /** Same day-number n months later; clamped to the month's last day (domstolloven § 148 style). */
  plusMonths(n: number): LocalDate {
    const [y, m, d] = daysToCivil(this.epochDay);
    const total = y * 12 + (m - 1) + n;
    const ny = Math.floor(total / 12);
    const nm = (total % 12) + 1;
    return LocalDate.of(ny, nm, Math.min(d, daysInMonth(ny, nm)));
  }
  plusYears(n: number): LocalDate {
    return this.plusMonths(12 * n);
  }
  /** Whole days from this date to `other` (positive when `other` is later). */
  daysUntil(other: LocalDate): number {
    return other.epochDay - this.epochDay;
  }
  compare(other: LocalDate): number {
    return this.epochDay - other.epochDay;
  }
  equals(other: LocalDate): boolean {
    return this.epochDay === other.epochDay;
  }
  isBefore(other: LocalDate): boolean {
    return this.epochDay < other.epochDay;
  }
  isAfter(other: LocalDate): boolean {
    return this.epochDay > other.epochDay;
  }
  static min(a: LocalDate, b: LocalDate): LocalDate {
    return a.epochDay <= b.epochDay ? a : b;
  }
  static max(a: LocalDate, b: LocalDate): LocalDate {
    return a.epochDay >= b.epochDay ? a : b;
  }

  toString(): string {
    const [y, m, d] = daysToCivil(this.epochDay);
    return `${String(y).padStart(4, "0")}-${pad2(m)}-${pad2(d)}`;
  }
  toJSON(): string {
    return this.toString();
  }
  /** "dd.mm.yyyy": a date in Norwegian text (letters, the reasons and refusals people read). */
  toNorwegian(): string {
    const [y, m, d] = daysToCivil(this.epochDay);
    return `${pad2(d)}.${pad2(m)}.${String(y).padStart(4, "0")}`;
  }
}

/** An ISO date read from storage or a register ("2025-01-31") in Norwegian text ("31.01.2025"); anything else as it is. */
export function norwegianDate(iso: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(iso) ? LocalDate.parse(iso).toNorwegian() : iso;
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInYear(year: number): number {
  return isLeapYear(year) ? 366 : 365;
}

export function daysInMonth(year: number, month: number): number {
  return month === 2 ? (isLeapYear(year) ? 29 : 28) : [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

// Howard Hinnant's civil-from-days algorithms (public domain), exact for the proleptic Gregorian calendar.
function civilToDays(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function daysToCivil(z0: number): [number, number, number] {
  const z = z0 + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp + (mp < 10 ? 3 : -9);
  return [era * 400 + yoe + (m <= 2 ? 1 : 0), m, d];
}
