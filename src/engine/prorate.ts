import { DayNumber, daysInMonth, formatIso, fromYmd, toYmd } from "./calendarDate";
import { Dec, divideToCents } from "./decimal";
import { FeeError } from "./FeeError";

/**
 * Prorates a month's fee to the days served: `amount × served / days in month`,
 * rounded to cents. Served days are the days of `servedFrom..servedTo`
 * (inclusive) inside the month that contains `month`; `servedTo` defaults to
 * the month's last day. Service wholly outside the month serves 0 days.
 *
 * @example prorate(3100, 2024-01-15, from 2024-01-15) = 1700.00 (17 of 31 days)
 */
export function prorate(amount: Dec, month: DayNumber, servedFrom: DayNumber, servedTo?: DayNumber): { amount: Dec; servedDays: number; monthDays: number } {
  const { y, m } = toYmd(month);
  const first = fromYmd(y, m, 1);
  const monthDays = daysInMonth(y, m);
  const last = first + monthDays - 1;
  const to = servedTo ?? last;
  if (servedTo !== undefined && to < servedFrom) throw new FeeError("END_BEFORE_START", { argument: "served_to" }, `${formatIso(to)} is before ${formatIso(servedFrom)}`);
  const servedDays = Math.max(0, Math.min(to, last) - Math.max(servedFrom, first) + 1);
  return { amount: divideToCents(amount.times(servedDays), BigInt(monthDays)), servedDays, monthDays };
}
