import { DayNumber, daysInYear, fromYmd, yearOf } from "./calendarDate";
import { Convention, parseConvention } from "./convention";
import { days360 } from "./days360";
import { FeeErrorWhere } from "./FeeError";

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
export interface DayCount extends Convention<DayCountId> {
  /** Excel's YEARFRAC basis code for the same convention. */
  excelBasis: 0 | 1 | 2 | 3;
  /** One line for help texts and dropdowns. */
  description: string;
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
  aliases: ["ACTUAL/ACTUAL", "ACT/ACT ISDA", "ACTUAL/ACTUAL ISDA", "ACTUAL/ACTUAL (ISDA)", "ACT/ACT (ISDA)"],
  excelBasis: 1,
  description: "Actual/Actual (ISDA): each day 1/365, or 1/366 in a leap year. The default.",
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
  aliases: ["ACT/365F", "ACT/365 FIXED", "ACTUAL/365", "ACTUAL/365 FIXED", "ACTUAL/365 (FIXED)", "ENGLISH"],
  excelBasis: 3,
  description: "Actual/365 Fixed: each day 1/365.",
  yearFraction: (start, end) => [BigInt(end - start + 1), 365n],
  dailyDenominator: () => 365,
};

/** Actual/360 (ISDA 2006 §4.16(e)). */
const act360: DayCount = {
  id: "ACT/360",
  name: "Actual/360",
  aliases: ["ACTUAL/360", "FRENCH"],
  excelBasis: 2,
  description: "Actual/360: each day 1/360.",
  yearFraction: (start, end) => [BigInt(end - start + 1), 360n],
  dailyDenominator: () => 360,
};

/** US (NASD) 30/360 as Excel's DAYS360(start, end + 1): a whole month is 30 days. */
const thirty360: DayCount = {
  id: "30/360",
  name: "30/360 (US, NASD; Excel DAYS360)",
  aliases: ["30/360 US", "30U/360", "30/360 NASD", "BOND BASIS"],
  excelBasis: 0,
  description: "30/360 US, as Excel's DAYS360 (fees from an average only).",
  yearFraction: (start, end) => [BigInt(days360(start, end + 1)), 360n],
  dailyDenominator: null,
};

/** The closed registry of day counts. */
export const DAY_COUNTS: Readonly<Record<DayCountId, DayCount>> = {
  "ACT/ACT": actAct,
  "ACT/365": act365,
  "ACT/360": act360,
  "30/360": thirty360,
};

export function isDayCountId(x: string): x is DayCountId {
  return Object.prototype.hasOwnProperty.call(DAY_COUNTS, x);
}

/** A day-count name or alias (`ACT/365F`, `Actual/360`) as its id; anything else is an UNKNOWN_BASIS error. */
export function parseDayCount(text: string, where: FeeErrorWhere = {}): DayCountId {
  return parseConvention(DAY_COUNTS, text, "UNKNOWN_BASIS", where);
}

/** The day count of an Excel YEARFRAC basis code (0 to 3), or undefined. */
export function dayCountOfExcelBasis(code: number): DayCountId | undefined {
  return (Object.values(DAY_COUNTS) as DayCount[]).find((d) => d.excelBasis === code)?.id;
}

/** The day counts that have a daily denominator (what a daily accrual can use). */
export function dailyDayCounts(): DayCountId[] {
  return (Object.values(DAY_COUNTS) as DayCount[]).filter((d) => d.dailyDenominator !== null).map((d) => d.id);
}
