import { ServicePeriod, forEachAccrualRun } from "./accrualRuns";
import { DayNumber, formatIso } from "./calendarDate";
import { Dec } from "./decimal";
import { ExactSum } from "./exactSum";
import { FeeError } from "./FeeError";
import { NavSeries } from "./navSeries";
import { NavTiming } from "./navTiming";

/**
 * Average daily net assets over the calendar days of `start..end` (inclusive):
 * each day takes the value the net-asset timing gives it (SAME_DAY: reported
 * on or before it; PRIOR_DAY: strictly before it); days without one, or
 * outside the service period, are left out. Null when no day has a value.
 *
 * @example values 100 on Fri 2024-01-05 and 200 on Mon 2024-01-08, over 01-05..01-08: SAME_DAY (100+100+100+200)/4 = 125; PRIOR_DAY (100+100+100)/3 = 100
 */
export function averageDailyNetAssets(
  navs: NavSeries,
  start: DayNumber,
  end: DayNumber,
  navTiming: NavTiming = "SAME_DAY",
  service?: ServicePeriod,
): { average: Dec | null; days: number } {
  if (end < start) throw new FeeError("END_BEFORE_START", { argument: "period_end" }, `${formatIso(end)} is before ${formatIso(start)}`);
  const sum = new ExactSum(2);
  let days = 0;
  forEachAccrualRun(navs, start, end, { navTiming, service }, ({ from, to, navIndex }) => {
    const k = to - from + 1;
    days += k;
    const c = navs.cents[navIndex];
    const scaled = c === null ? NaN : c * k;
    if (Number.isSafeInteger(scaled)) sum.addScaled(scaled);
    else sum.addDec(navs.value(navIndex).times(k));
  });
  return { average: days ? sum.value().dividedBy(days) : null, days };
}
