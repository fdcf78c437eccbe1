import { DayNumber, daysInYear, fromYmd, yearOf } from "./calendarDate";
import { days360 } from "./days360";

export type DayCountId = "ACT/ACT" | "ACT/365" | "ACT/360" | "30/360";

/**
 * A day-count convention. `yearFraction(start, end)` is the fraction of a year
 * that the days `start..end` (both inclusive) make; `dailyDenominator(day)` is
 * what one day's annual fee is divided by, or null where the convention has no
 * daily form.
 *
 * As a rational: `yearFraction` returns `[numerator, denominator]` so a fee can
 * be multiplied and divided exactly.
 */
export interface DayCount {
  id: DayCountId;
  name: string;
  yearFraction(start: DayNumber, end: DayNumber): [bigint, bigint];
  dailyDenominator: ((day: DayNumber) => number) | null;
}

/** Days of `start..end` falling in 365-day and in 366-day years. */
function splitByYearLength(start: DayNumber, end: DayNumber): { d365: number; d366: number } {
  let d365 = 0;
  let d366 = 0;
  let from = start;
  while (from <= end) {
    const y = yearOf(from);
    const lastOfYear = fromYmd(y, 12, 31);
    const to = Math.min(lastOfYear, end);
    const n = to - from + 1;
    if (daysInYear(y) === 366) d366 += n;
    else d365 += n;
    from = to + 1;
  }
  return { d365, d366 };
}

/** ISDA Actual/Actual (ISDA 2006 §4.16(b)): days in a leap year over 366, the others over 365. */
const actAct: DayCount = {
  id: "ACT/ACT",
  name: "Actual/Actual (ISDA)",
  yearFraction(start, end) {
    const { d365, d366 } = splitByYearLength(start, end);
    return [BigInt(d365 * 366 + d366 * 365), 365n * 366n];
  },
  dailyDenominator: (day) => daysInYear(yearOf(day)),
};

/** Actual/365 Fixed (ISDA 2006 §4.16(d)). */
const act365: DayCount = {
  id: "ACT/365",
  name: "Actual/365 (Fixed)",
  yearFraction: (start, end) => [BigInt(end - start + 1), 365n],
  dailyDenominator: () => 365,
};

/** Actual/360 (ISDA 2006 §4.16(e)). */
const act360: DayCount = {
  id: "ACT/360",
  name: "Actual/360",
  yearFraction: (start, end) => [BigInt(end - start + 1), 360n],
  dailyDenominator: () => 360,
};

/** US (NASD) 30/360 as Excel's DAYS360(start, end + 1): a whole month is 30 days. */
const thirty360: DayCount = {
  id: "30/360",
  name: "30/360 (US, NASD; Excel DAYS360)",
  yearFraction: (start, end) => [BigInt(days360(start, end + 1)), 360n],
  dailyDenominator: null,
};

/** The closed registry of day counts. */
export const DAY_COUNTS: Record<DayCountId, DayCount> = {
  "ACT/ACT": actAct,
  "ACT/365": act365,
  "ACT/360": act360,
  "30/360": thirty360,
};

export function isDayCountId(x: string): x is DayCountId {
  return Object.prototype.hasOwnProperty.call(DAY_COUNTS, x);
}
