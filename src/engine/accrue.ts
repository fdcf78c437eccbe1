import { AccrualRun, ServicePeriod, forEachAccrualRun } from "./accrualRuns";
import { DayNumber, formatIso } from "./calendarDate";
import { DAY_COUNTS, DayCountId } from "./dayCount";
import { Dec, ZERO, centsToDec, divideToCents } from "./decimal";
import { ExactSum } from "./exactSum";
import { FeeError } from "./FeeError";
import { NavSeries } from "./navSeries";
import { NavTiming } from "./navTiming";
import { Rounding } from "./rounding";
import { PortfolioSchedule, ScheduleVersion } from "./schedule";
import { IntegerTiers, Tier, annualFee, annualFeeScaled, blendedRate, toIntegerTiers } from "./tiers";

export type { Rounding } from "./rounding";

/** One accruing day, with everything needed to trace it. Fronts and later steps read it by field name. */
export interface AccrualDay {
  date: DayNumber;
  /** The date whose net assets were used (under the net-asset timing). */
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
  navTiming: NavTiming;
  /** Calendar days that accrued (a value under the timing, a version in force, inside the service period). */
  accruingDays: number;
  /** Mean of the net assets the accruing days used; null when no day accrued. */
  averageDailyNetAssets: Dec | null;
  /** The period fee under the rounding rule. */
  fee: Dec;
  /** The accruing days in date order; empty unless `detail` was asked for. */
  days: AccrualDay[];
}

export interface AccrueOptions {
  basis?: DayCountId;
  rounding?: Rounding;
  /** Which net-asset value prices a day: SAME_DAY (default) or PRIOR_DAY. */
  navTiming?: NavTiming;
  /** The portfolio's service under the agreement: days outside it do not accrue (a partial month is prorated by days served). */
  service?: ServicePeriod;
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

/** Adds `unit × k` to an exact sum: as a scaled integer while the product is safe, else as a decimal. */
function addTimes(sum: ExactSum, scaled: number | null, dec: () => Dec, k: number): void {
  if (scaled !== null) {
    const product = scaled * k;
    if (Number.isSafeInteger(product)) return sum.addScaled(product);
  }
  sum.addDec(dec().times(k));
}

/**
 * Accrues a portfolio's fee day by day over `start..end` (inclusive).
 *
 * A day accrues when a version of the schedule is in force, it lies inside
 * the service period, and a net-asset value exists for it under the timing:
 * SAME_DAY, the value reported for that date else the last before it (a
 * weekend carries Friday's); PRIOR_DAY, the last value dated strictly before
 * it. Its accrual is the annual fee on that value under the version's marginal
 * tiers, divided by the basis' denominator. The period fee sums the daily
 * accruals: rounded to cents each day (DAILY, the default), summed exactly and
 * rounded once (PERIOD), or not rounded (NONE).
 *
 * @example 0.10% to $500m, 0.075% to $1bn, 0.05% above; Thu 2008-02-28 $1.20bn, Fri 02-29 $1.25bn, Mon 03-03 $1.30bn; 02-29..03-03 at ACT/ACT:
 *   PRIOR_DAY 2,663.93 + 3 × 2,732.24 = 10,860.65; SAME_DAY 2,732.24 + (2 × 2,732.24 + 2,800.55) = 10,997.27
 */
export function accrue(portfolio: PortfolioSchedule, navs: NavSeries, start: DayNumber, end: DayNumber, options: AccrueOptions = {}): AccrualResult {
  const basis = options.basis ?? "ACT/ACT";
  const rounding = options.rounding ?? "DAILY";
  const navTiming = options.navTiming ?? "SAME_DAY";
  const detail = options.detail ?? true;
  const denominatorOf = DAY_COUNTS[basis].dailyDenominator;
  if (!denominatorOf) throw new FeeError("BASIS_NOT_FOR_ACCRUAL", { argument: "basis", value: basis });
  if (end < start) throw new FeeError("END_BEFORE_START", { argument: "period" }, `${formatIso(start)} to ${formatIso(end)}`);

  const versions: readonly ScheduleVersion[] = portfolio.versions;
  const integerTiers: (IntegerTiers | null)[] = versions.map(integerTiersOf);
  const dates = navs.dates;

  const centsTotal = new ExactSum(2); // DAILY: posted cents
  const navTotal = new ExactSum(2);
  const feeByDenominator = new Map<number, ExactSum>(); // PERIOD/NONE: sum of annual fees per denominator
  const days: AccrualDay[] = [];
  // The running total of posted accruals = cumBase + cumCents / 100 (cumCents a safe integer).
  let cumBase = ZERO;
  let cumCents = 0;
  let accruing = 0;

  forEachAccrualRun(navs, start, end, { navTiming, versions, service: options.service }, (run: AccrualRun) => {
    const { navIndex: ni, versionIndex: vi } = run;
    const k = run.to - run.from + 1;
    const denominator = denominatorOf(run.from);
    const cents = navs.cents[ni];
    const it = integerTiers[vi];
    const feeScaled = cents !== null && it !== null ? annualFeeScaled(it, cents) : null;
    let feeDec: Dec | null = null;
    const fee = () => feeDec ?? (feeDec = feeScaled !== null ? new Dec(feeScaled).dividedBy(10 ** FEE_PLACES) : annualFee(versions[vi].tiers, navs.value(ni)));
    accruing += k;
    addTimes(navTotal, cents, () => navs.value(ni), k);

    let posted: Dec | null = null;
    let postedCents: number | null = null; // DAILY on the integer path: the day's posted cents
    if (rounding === "DAILY") {
      if (feeScaled !== null) {
        const c = roundDiv(feeScaled, denominator * 1_000_000);
        addTimes(centsTotal, c, () => centsToDec(c), k);
        postedCents = c;
      } else {
        posted = divideToCents(fee(), BigInt(denominator));
        centsTotal.addDec(posted.times(k));
      }
    } else {
      let sum = feeByDenominator.get(denominator);
      if (!sum) feeByDenominator.set(denominator, (sum = new ExactSum(FEE_PLACES)));
      addTimes(sum, feeScaled, fee, k);
    }
    if (detail) {
      // Every day of a run shares one net-asset value, version and denominator, so one annual fee, rate and
      // accrual: those decimals are made once per run, on first read. The running total stays integer cents
      // while every accrual so far was posted as integer cents; each day's decimal is made when it is read.
      const v = versions[vi];
      const shared = new RunValues(dates[ni], v.effectiveFrom, navs, ni, v.tiers, denominator, feeScaled, cents, fee, posted, postedCents);
      for (let day = run.from; day <= run.to; day++) {
        if (postedCents !== null && Number.isSafeInteger(cumCents + postedCents)) cumCents += postedCents;
        else {
          if (cumCents !== 0) cumBase = cumBase.plus(centsToDec(cumCents));
          cumBase = cumBase.plus(shared.accrual());
          cumCents = 0;
        }
        days.push(new DayRecord(day, shared, cumBase, cumCents));
      }
    }
  });

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
    navTiming,
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

/** What the days of one run share (same value, version and denominator): each decimal made once, on first read. */
class RunValues {
  private accrualDec: Dec | null;
  private rateDec: Dec | null;
  constructor(
    readonly navDate: DayNumber,
    readonly effectiveFrom: DayNumber,
    private readonly navs: NavSeries,
    private readonly navIndex: number,
    private readonly tiers: readonly Tier[],
    readonly denominator: number,
    private readonly feeScaled: number | null,
    private readonly cents: number | null,
    readonly annualFee: () => Dec,
    posted: Dec | null,
    private readonly postedCents: number | null,
  ) {
    this.accrualDec = posted;
    this.rateDec = tiers.length === 1 ? tiers[0].rate : null;
  }
  netAssets(): Dec {
    return this.navs.value(this.navIndex);
  }
  /** The blended rate as `blendedRate` gives it; from the integer fee and cents where both are known (the same exact quotient, rounded once the same way). */
  annualRate(): Dec {
    if (this.rateDec === null) {
      const { feeScaled, cents } = this;
      this.rateDec = feeScaled === null || cents === null || cents === 0 ? blendedRate(this.tiers, this.netAssets()) : new Dec(feeScaled).dividedBy(new Dec(cents).times(1_000_000));
    }
    return this.rateDec;
  }
  /** As posted: the integer-path cents, the cents rounded from decimals (DAILY), or the exact quotient. */
  accrual(): Dec {
    if (this.accrualDec === null) this.accrualDec = this.postedCents !== null ? centsToDec(this.postedCents) : this.annualFee().dividedBy(this.denominator);
    return this.accrualDec;
  }
}

/**
 * One day's record. The decimals are read through getters: the run's shared values, and the cumulative
 * (base + cents / 100, exact) made on first read. `toJSON` lists every field, as a plain record would.
 */
class DayRecord implements AccrualDay {
  private cumulativeDec: Dec | null = null;
  constructor(
    readonly date: DayNumber,
    private readonly run: RunValues,
    private readonly cumBase: Dec,
    private readonly cumCents: number,
  ) {}
  get navDate(): DayNumber {
    return this.run.navDate;
  }
  get netAssets(): Dec {
    return this.run.netAssets();
  }
  get effectiveFrom(): DayNumber {
    return this.run.effectiveFrom;
  }
  get daysInYear(): number {
    return this.run.denominator;
  }
  get annualRate(): Dec {
    return this.run.annualRate();
  }
  get annualFee(): Dec {
    return this.run.annualFee();
  }
  get accrual(): Dec {
    return this.run.accrual();
  }
  get cumulative(): Dec {
    if (this.cumulativeDec === null) this.cumulativeDec = this.cumCents === 0 ? this.cumBase : this.cumBase.isZero() ? centsToDec(this.cumCents) : this.cumBase.plus(centsToDec(this.cumCents));
    return this.cumulativeDec;
  }
  toJSON(): AccrualDay {
    const { date, navDate, netAssets, effectiveFrom, annualRate, annualFee, daysInYear, accrual, cumulative } = this;
    return { date, navDate, netAssets, effectiveFrom, annualRate, annualFee, daysInYear, accrual, cumulative };
  }
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
