import { DayNumber, formatIso } from "./calendarDate";
import { Dec } from "./decimal";
import { ExactSum } from "./exactSum";
import { FeeError } from "./FeeError";
import { NavSeries } from "./navSeries";

/**
 * Average daily net assets over the calendar days of `start..end` (inclusive):
 * each day takes the value reported on or before it; days before the first
 * value are left out. Null when no day has a value.
 *
 * @example values 100 on Fri 2024-01-05 and 200 on Mon 2024-01-08, over 01-05..01-08: (100+100+100+200)/4 = 125
 */
export function averageDailyNetAssets(navs: NavSeries, start: DayNumber, end: DayNumber): { average: Dec | null; days: number } {
  if (end < start) throw new FeeError("END_BEFORE_START", { argument: "period_end" }, `${formatIso(end)} is before ${formatIso(start)}`);
  const sum = new ExactSum(2);
  let ni = navs.indexOnOrBefore(start);
  let days = 0;
  for (let day = start; day <= end; day++) {
    while (ni + 1 < navs.length && navs.dates[ni + 1] <= day) ni++;
    if (ni < 0) continue;
    days++;
    const c = navs.cents[ni];
    if (c !== null) sum.addScaled(c);
    else sum.addDec(navs.value(ni));
  }
  return { average: days ? sum.value().dividedBy(days) : null, days };
}
