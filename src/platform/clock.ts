import { LocalDate } from "../domain/calendar/local-date.js";
import type { Config } from "./config.js";

/**
 * The one place that reads time (habit 3). The core takes `today` as an argument; services get
 * a Clock. `today()` is the business date in the agency's time zone.
 */
export interface Clock {
  now(): Date;
  today(): LocalDate;
}

export function systemClock(timezone = "Europe/Oslo"): Clock {
  const fmt = dateFormatter(timezone);
  return {
    now: () => new Date(),
    today: () => dateIn(fmt, new Date()),
  };
}

/** A clock whose business date is pinned (and movable: `fordring simulate` advances it). */
export interface SimulatedClock extends Clock {
  set(date: LocalDate): void;
  advanceDays(days: number): LocalDate;
}

export function simulatedClock(start: LocalDate, timezone = "Europe/Oslo"): SimulatedClock {
  let current = start;
  const fmt = dateFormatter(timezone);
  return {
    // Instants keep running (for createdAt columns) but are moved onto the simulated date.
    now: () => {
      const real = new Date();
      const offsetDays = current.epochDay - dateIn(fmt, real).epochDay;
      return new Date(real.getTime() + offsetDays * 86_400_000);
    },
    today: () => current,
    set: (date) => {
      current = date;
    },
    advanceDays: (days) => {
      current = current.plusDays(days);
      return current;
    },
  };
}

function dateFormatter(timezone: string): Intl.DateTimeFormat {
  return new Intl.DateTimeFormat("en-CA", { timeZone: timezone, year: "numeric", month: "2-digit", day: "2-digit" });
}

function dateIn(fmt: Intl.DateTimeFormat, instant: Date): LocalDate {
  // en-CA formats as YYYY-MM-DD.
  return LocalDate.parse(fmt.format(instant));
}

/** The clock a configuration asks for: pinned to `FORDRING_TODAY`, else the system's, in `FORDRING_TIMEZONE`. */
export function clockFromConfig(config: Pick<Config, "fixedToday" | "timezone">): Clock {
  return config.fixedToday ? simulatedClock(LocalDate.parse(config.fixedToday, "FORDRING_TODAY"), config.timezone) : systemClock(config.timezone);
}
