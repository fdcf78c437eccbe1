import { DayNumber, formatIso, fromYmd, yearOf } from "./calendarDate";
import { DAY_COUNTS, DayCountId } from "./dayCount";
import { Dec, ZERO, centsToDec, divideToCents } from "./decimal";
import { ExactSum } from "./exactSum";
import { FeeError } from "./FeeError";
import { NavSeries } from "./navSeries";
import { PortfolioSchedule, ScheduleVersion } from "./schedule";
import { IntegerTiers, annualFee, annualFeeScaled, blendedRate, toIntegerTiers } from "./tiers";

export type Rounding = "DAILY" | "PERIOD" | "NONE";

/** One accruing day, with everything needed to trace it. */
export interface AccrualDay {
  date: DayNumber;
  /** The date whose net assets were used (the last reported on or before `date`). */
  navDate: DayNumber;
  netAssets: Dec;
  /** Effective date of the schedule version in force. */
  effectiveFrom: DayNumber;
  /** Blended annual rate at this asset level. */
  annualRate: Dec;
  annualFee: Dec;
  /** The day-count denominator: 365 or 366 (ACT/ACT), 365, or 360. */
  daysInYear: number;
  /** The day's accrual as posted: rounded to cents under DAILY, exact otherwise. */
  accrual: Dec;
  /** Running total of `accrual` (before any PERIOD rounding). */
  cumulative: Dec;
}

export interface AccrualResult {
  start: DayNumber;
  end: DayNumber;
  basis: DayCountId;
  rounding: Rounding;
  /** Calendar days that accrued (had net assets on or before them and a schedule in force). */
  accruingDays: number;
  /** Mean net assets of the accruing days; null when no day accrued. */
  averageDailyNetAssets: Dec | null;
  /** The period fee under the rounding rule. */
  fee: Dec;
  /** The accruing days in date order; empty unless `detail` was asked for. */
  days: AccrualDay[];
}

export interface AccrueOptions {
  basis?: DayCountId;
  rounding?: Rounding;
  /** Keep every day's record (default true). Totals alone are much faster on long series. */
  detail?: boolean;
}

const FEE_PLACES = 8; // annual fees in the fast path are integers of 10^-8 dollars (cents × rate millionths)

/** Rounds n / d (non-negative safe integers) half away from zero: exact integer arithmetic. */
function roundDiv(n: number, d: number): number {
  const r = n % d;
  const q = (n - r) / d;
  return r * 2 >= d ? q + 1 : q;
}

/**
 * Accrues a portfolio's fee day by day over `start..end` (inclusive).
 *
 * A day accrues when a version of the schedule is in force and net assets were
 * reported on or before it (the last value is carried forward over weekends
 * and holidays). Its accrual is the annual fee on that day's net assets under
 * the version's marginal tiers, divided by the basis' denominator. The period
 * fee sums the daily accruals: rounded to cents each day (DAILY, the default),
 * summed exactly and rounded once (PERIOD), or not rounded (NONE).
 *
 * @example 0.10% on $500,000,000 over January 2024 at ACT/365: DAILY 42,465.66 (31 × 1,369.86); PERIOD 42,465.75 (31 × 500,000 / 365)
 */
export function accrue(portfolio: PortfolioSchedule, navs: NavSeries, start: DayNumber, end: DayNumber, options: AccrueOptions = {}): AccrualResult {
  const basis = options.basis ?? "ACT/ACT";
  const rounding = options.rounding ?? "DAILY";
  const detail = options.detail ?? true;
  const dayCount = DAY_COUNTS[basis];
  const denominatorOf = dayCount.dailyDenominator;
  if (!denominatorOf) throw new FeeError("BASIS_NOT_FOR_ACCRUAL", { argument: "basis", value: basis });
  if (end < start) throw new FeeError("END_BEFORE_START", { argument: "period" }, `${formatIso(start)} to ${formatIso(end)}`);

  const versions: readonly ScheduleVersion[] = portfolio.versions;
  const integerTiers: (IntegerTiers | null)[] = versions.map(integerTiersOf);
  const dates = navs.dates;
  let ni = navs.indexOnOrBefore(start);
  let vi = -1;
  while (vi + 1 < versions.length && versions[vi + 1].effectiveFrom <= start) vi++;

  const centsTotal = new ExactSum(2); // DAILY: posted cents
  const navTotal = new ExactSum(2);
  const feeByDenominator = new Map<number, ExactSum>(); // PERIOD/NONE: sum of annual fees per denominator
  const days: AccrualDay[] = [];
  let cumulative = ZERO;
  let accruing = 0;

  let lastNi = -2;
  let lastVi = -2;
  let feeScaled: number | null = null;
  let feeDec: Dec | null = null;
  let rateDec: Dec | null = null;
  let year = yearOf(start);
  let nextYearStart = fromYmd(year + 1, 1, 1);
  let denominator = denominatorOf(start);
  const accrualCache = new Map<number, Dec>();

  for (let day = start; day <= end; day++) {
    if (day >= nextYearStart) {
      year += 1;
      nextYearStart = fromYmd(year + 1, 1, 1);
      denominator = denominatorOf(day);
    }
    while (ni + 1 < dates.length && dates[ni + 1] <= day) ni++;
    while (vi + 1 < versions.length && versions[vi + 1].effectiveFrom <= day) vi++;
    if (ni < 0 || vi < 0) continue;
    accruing++;
    if (ni !== lastNi || vi !== lastVi) {
      const cents = navs.cents[ni];
      const it = integerTiers[vi];
      feeScaled = cents !== null && it !== null ? annualFeeScaled(it, cents) : null;
      feeDec = null;
      rateDec = null;
      lastNi = ni;
      lastVi = vi;
    }
    const cents = navs.cents[ni];
    if (cents !== null) navTotal.addScaled(cents);
    else navTotal.addDec(navs.value(ni));
    if (feeScaled === null && feeDec === null) feeDec = annualFee(versions[vi].tiers, navs.value(ni));

    let posted: Dec | null = null;
    if (rounding === "DAILY") {
      if (feeScaled !== null) {
        const c = roundDiv(feeScaled, denominator * 1_000_000);
        centsTotal.addScaled(c);
        if (detail) {
          posted = accrualCache.get(c) ?? centsToDec(c);
          accrualCache.set(c, posted);
        }
      } else {
        posted = divideToCents(feeDec!, BigInt(denominator));
        centsTotal.addDec(posted);
      }
    } else {
      let sum = feeByDenominator.get(denominator);
      if (!sum) feeByDenominator.set(denominator, (sum = new ExactSum(FEE_PLACES)));
      if (feeScaled !== null) sum.addScaled(feeScaled);
      else sum.addDec(feeDec!);
    }
    if (detail) {
      const fee = feeDec ?? (feeDec = new Dec(feeScaled!).dividedBy(10 ** FEE_PLACES));
      const accrual = posted ?? fee.dividedBy(denominator);
      cumulative = cumulative.plus(accrual);
      days.push({
        date: day,
        navDate: dates[ni],
        netAssets: navs.value(ni),
        effectiveFrom: versions[vi].effectiveFrom,
        annualRate: rateDec ?? (rateDec = versions[vi].tiers.length === 1 ? versions[vi].tiers[0].rate : blendedRate(versions[vi].tiers, navs.value(ni))),
        annualFee: fee,
        daysInYear: denominator,
        accrual,
        cumulative,
      });
    }
  }

  let fee: Dec;
  if (rounding === "DAILY") fee = centsTotal.value();
  else {
    const parts = [...feeByDenominator.entries()].map(([d, s]) => ({ d, s: s.value() }));
    if (rounding === "NONE") fee = parts.reduce((acc, p) => acc.plus(p.s.dividedBy(p.d)), ZERO);
    else {
      // Exact: bring the per-denominator sums over one common denominator, then round once.
      const common = parts.reduce((l, p) => lcm(l, p.d), 1);
      const numerator = parts.reduce((acc, p) => acc.plus(p.s.times(common / p.d)), ZERO);
      fee = divideToCents(numerator, BigInt(common));
    }
  }
  let adna: Dec | null | undefined;
  return {
    start,
    end,
    basis,
    rounding,
    accruingDays: accruing,
    // Computed on first read: a decimal division that a totals-only run need not pay for.
    get averageDailyNetAssets() {
      if (adna === undefined) adna = accruing ? navTotal.value().dividedBy(accruing) : null;
      return adna;
    },
    fee,
    days,
  };
}

const integerTiersCache = new WeakMap<ScheduleVersion, IntegerTiers | null>();

function integerTiersOf(v: ScheduleVersion): IntegerTiers | null {
  let t = integerTiersCache.get(v);
  if (t === undefined) {
    t = toIntegerTiers(v.tiers);
    integerTiersCache.set(v, t);
  }
  return t;
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

function lcm(a: number, b: number): number {
  return (a / gcd(a, b)) * b;
}
