import { DayNumber, daysInMonth, toYmd } from "./calendarDate";

/**
 * Days between two dates on the US (NASD) 30/360 convention, as Excel's
 * `DAYS360(start, end)` with method FALSE computes it:
 * - a start on the last day of its month (February included) counts as the 30th;
 * - an end on the 31st counts as the 1st of the next month when the start
 *   (after the rule above) is before the 30th, else as the 30th.
 * An end on the last day of February is taken as it is, as Excel does.
 *
 * @example days360(fromYmd(2008, 2, 29), fromYmd(2008, 8, 31)) === 180
 */
export function days360(start: DayNumber, end: DayNumber): number {
  const s = toYmd(start);
  const e = toYmd(end);
  let sd = s.d;
  let ed = e.d;
  let em = e.m;
  let ey = e.y;
  if (sd === daysInMonth(s.y, s.m)) sd = 30;
  if (ed === 31) {
    if (sd < 30) {
      ed = 1;
      em += 1;
      if (em === 13) {
        em = 1;
        ey += 1;
      }
    } else {
      ed = 30;
    }
  }
  return (ey - s.y) * 360 + (em - s.m) * 30 + (ed - sd);
}
