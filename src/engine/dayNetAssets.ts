import { DayNumber } from "./calendarDate";
import { Dec, ZERO } from "./decimal";
import { NavSeries } from "./navSeries";
import { NAV_TIMINGS, NavTiming } from "./navTiming";

/** The net assets a day uses, and the date they were reported for; `row` is the source row, for messages. */
export interface DayValue {
  navDate: DayNumber;
  netAssets: Dec;
  row?: number;
}

/**
 * A day's net assets under a net-asset timing rule, or null when the day has
 * none (it does not accrue). Fee computations that price one day on several
 * portfolios' net assets (an aggregation group) take these rather than a
 * series, so the timing rule is decided once, where the series is read.
 */
export type DayNetAssets = (day: DayNumber) => DayValue | null;

/**
 * A series' net assets by day under a net-asset timing: SAME_DAY (default) the
 * value reported for the day, else the last one before it; PRIOR_DAY the last
 * value dated strictly before the day.
 */
export function dayNetAssetsOf(series: NavSeries, navTiming: NavTiming = "SAME_DAY"): DayNetAssets {
  const lag = NAV_TIMINGS[navTiming].lag;
  return (day) => {
    const i = series.indexOnOrBefore(day - lag);
    return i < 0 ? null : { navDate: series.dates[i], netAssets: series.value(i) };
  };
}

/**
 * The combined net assets of several portfolios by day: the sum of each
 * member's value that day (a member with none contributes 0), or null when no
 * member has a value. `navDate` is the latest date any member's value was
 * reported for.
 */
export function combinedNetAssets(members: readonly DayNetAssets[]): DayNetAssets {
  return (day) => {
    let total = ZERO;
    let navDate: DayNumber | null = null;
    for (const m of members) {
      const v = m(day);
      if (!v) continue;
      total = total.plus(v.netAssets);
      if (navDate === null || v.navDate > navDate) navDate = v.navDate;
    }
    return navDate === null ? null : { navDate, netAssets: total };
  };
}
