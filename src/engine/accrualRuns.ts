import { DayNumber, fromYmd, yearOf } from "./calendarDate";
import { NavSeries } from "./navSeries";
import { NavTiming, NAV_TIMINGS } from "./navTiming";
import { ScheduleVersion } from "./schedule";

/**
 * A run of consecutive calendar days that are priced alike: the same
 * net-asset value, the same schedule version and the same year (so the same
 * day-count denominator). Accrual, average net assets and anything built on
 * them (waivers, sub-advisory fees) work run by run and expand to days only
 * where a day-by-day record is asked for.
 */
export interface AccrualRun {
  /** First and last day of the run, both inclusive. */
  from: DayNumber;
  to: DayNumber;
  /** Index into the series of the value these days use (its date is the NAV date). */
  navIndex: number;
  /** Index into the versions given (0 when none were given). */
  versionIndex: number;
}

/** The days of a portfolio's service under the agreement: accrual runs from Commenced through Terminated, both inclusive. */
export interface ServicePeriod {
  commenced?: DayNumber | null;
  terminated?: DayNumber | null;
}

export interface RunOptions {
  /** Which value prices a day (default SAME_DAY). */
  navTiming?: NavTiming;
  /** Effective-dated versions, sorted; a day before the first does not accrue. Omitted: every day is in force. */
  versions?: readonly ScheduleVersion[];
  /** Days outside the service period do not accrue. */
  service?: ServicePeriod;
}

/**
 * Calls `f` for each run of `start..end` (inclusive) whose days accrue: a
 * value exists for them under the net-asset timing, a version is in force,
 * and the day is inside the service period. Runs come in date order and never
 * cross a year end, a new value, or a new version.
 *
 * @example Thu 28 Feb 2008 1.20bn, Fri 29 Feb 1.25bn, Mon 3 Mar 1.30bn over 29 Feb..3 Mar, PRIOR_DAY: runs 29 Feb (28 Feb's value), 1..3 Mar (29 Feb's value)
 */
export function forEachAccrualRun(navs: NavSeries, start: DayNumber, end: DayNumber, options: RunOptions, f: (run: AccrualRun) => void): void {
  scanAccrualRuns(navs, start, end, options, { run: (from, to, navIndex, versionIndex) => f({ from, to, navIndex, versionIndex }) });
}

/** Receives runs as four numbers, so a hot loop (accrual) allocates nothing per run to be told of it. */
export interface RunSink {
  run(from: DayNumber, to: DayNumber, navIndex: number, versionIndex: number): void;
}

/** `forEachAccrualRun` without a run object per run: the engine's own loops use this; the same runs, in the same order. */
export function scanAccrualRuns(navs: NavSeries, start: DayNumber, end: DayNumber, options: RunOptions, sink: RunSink): void {
  const lag = NAV_TIMINGS[options.navTiming ?? "SAME_DAY"].lag;
  const from = Math.max(start, options.service?.commenced ?? start);
  const to = Math.min(end, options.service?.terminated ?? end);
  if (to < from) return;
  const dates = navs.dates;
  const n = dates.length;
  const versions = options.versions;
  const nv = versions ? versions.length : 1;
  let ni = navs.indexOnOrBefore(from - lag);
  let vi = -1;
  if (versions) while (vi + 1 < nv && versions[vi + 1].effectiveFrom <= from) vi++;
  else vi = 0;
  let yearEnd = fromYmd(yearOf(from), 12, 31);
  let day = from;
  while (day <= to) {
    while (ni + 1 < n && dates[ni + 1] + lag <= day) ni++;
    if (versions) while (vi + 1 < nv && versions[vi + 1].effectiveFrom <= day) vi++;
    if (day > yearEnd) yearEnd = fromYmd(yearOf(day), 12, 31);
    let last = Math.min(to, yearEnd);
    if (ni + 1 < n && dates[ni + 1] + lag - 1 < last) last = dates[ni + 1] + lag - 1;
    if (versions && vi + 1 < nv && versions[vi + 1].effectiveFrom - 1 < last) last = versions[vi + 1].effectiveFrom - 1;
    if (ni >= 0 && vi >= 0) sink.run(day, last, ni, vi);
    day = last + 1;
  }
}
