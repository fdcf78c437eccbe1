import { FeeError, FeeErrorWhere } from "./FeeError";

/**
 * A calendar date as an integer day number: days since 1970-01-01 (day 0).
 * No time zone, no `Date` arithmetic: adding one to a day number is the next day.
 */
export type DayNumber = number;

export interface Ymd {
  y: number;
  m: number;
  d: number;
}

export function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

export function daysInMonth(y: number, m: number): number {
  return m === 2 ? (isLeapYear(y) ? 29 : 28) : [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1];
}

export function daysInYear(y: number): number {
  return isLeapYear(y) ? 366 : 365;
}

export function isValidYmd(y: number, m: number, d: number): boolean {
  return Number.isInteger(y) && Number.isInteger(m) && Number.isInteger(d) && y >= 1 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
}

/** Day number of a proleptic Gregorian date (Howard Hinnant's days_from_civil). */
export function fromYmd(y: number, m: number, d: number): DayNumber {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const mp = (m + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** The calendar date of a day number (civil_from_days). */
export function toYmd(day: DayNumber): Ymd {
  const z = day + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return { y: yoe + era * 400 + (m <= 2 ? 1 : 0), m, d };
}

export function yearOf(day: DayNumber): number {
  return toYmd(day).y;
}

const pad = (n: number, w: number) => String(n).padStart(w, "0");

/** `YYYY-MM-DD`. */
export function formatIso(day: DayNumber): string {
  const { y, m, d } = toYmd(day);
  return `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`;
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Parses `YYYY-MM-DD`; anything else, or an impossible date, is an INVALID_DATE error. */
export function parseIsoDate(text: string, where: FeeErrorWhere = {}): DayNumber {
  const m = ISO.exec(text.trim());
  if (!m) throw new FeeError("INVALID_DATE", { ...where, value: text }, "expected YYYY-MM-DD");
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (!isValidYmd(y, mo, d)) throw new FeeError("INVALID_DATE", { ...where, value: text }, "no such day");
  return fromYmd(y, mo, d);
}

/** A month as its first and last day. */
export interface Month {
  y: number;
  m: number;
}

export function monthStart(mo: Month): DayNumber {
  return fromYmd(mo.y, mo.m, 1);
}

export function monthEnd(mo: Month): DayNumber {
  return fromYmd(mo.y, mo.m, daysInMonth(mo.y, mo.m));
}

export function monthOf(day: DayNumber): Month {
  const { y, m } = toYmd(day);
  return { y, m };
}

export function formatMonth(mo: Month): string {
  return `${pad(mo.y, 4)}-${pad(mo.m, 2)}`;
}

const YM = /^(\d{4})-(\d{2})$/;

/** Parses `YYYY-MM` (e.g. `2024-01`); `2024-13` is an INVALID_MONTH error. */
export function parseMonth(text: string, where: FeeErrorWhere = {}): Month {
  const m = YM.exec(text.trim());
  const y = m ? Number(m[1]) : NaN;
  const mo = m ? Number(m[2]) : NaN;
  if (!m || y < 1 || mo < 1 || mo > 12) throw new FeeError("INVALID_MONTH", { ...where, value: text });
  return { y, m: mo };
}
