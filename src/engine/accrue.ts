import { RunSink, ServicePeriod, scanAccrualRuns } from "./accrualRuns";
import { DayNumber, formatIso, fromYmd, yearOf } from "./calendarDate";
import { DAY_COUNTS, DayCountId } from "./dayCount";
import { Dec, ZERO, centsToDec, divideToCents, scaledToDec, toDouble } from "./decimal";
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

  const acc = new Accrual(navs, portfolio.versions, denominatorOf, rounding, detail, end - start + 1);
  scanAccrualRuns(navs, start, end, { navTiming, versions: portfolio.versions, service: options.service }, acc);

  const accruing = acc.accruingDays;
  const fee = acc.fee();
  const navTotal = acc.navTotal;
  const kept = acc.kept;
  let adna: Dec | null | undefined;
  const result: AccrualResult = {
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
    // The day records are made on first read (a month end's sheet reads the days' numbers from keptDaysOf).
    get days() {
      return kept.records();
    },
  };
  if (detail) keptDaysByResult.set(result, kept);
  return result;
}

const keptDaysByResult = new WeakMap<AccrualResult, KeptDays>();

/** The kept days of an `accrue` result as numbers, without their records (null when days were not kept). */
export function keptDaysOf(result: AccrualResult): KeptDays | null {
  return keptDaysByResult.get(result) ?? null;
}

/**
 * One accrual in progress, fed run by run (`RunSink`). Two arithmetics, chosen per run:
 *
 * - integer: the value is whole cents and the version's tiers are whole cents and rate millionths
 *   (`toIntegerTiers`), so the annual fee is an exact safe integer of 10^-8 dollars; DAILY posts
 *   `roundDiv(fee, denominator × 10^6)` cents (half away from zero, exactly what `divideToCents` gives);
 *   sums stay integers (`ExactSum`) and no decimal is made until one is read;
 * - decimal: anything else (sub-cent values, finer rates, a product past 2^53), with decimal.js as before.
 *
 * Nothing is allocated per day but the day's record (and, off the integer path, its running total),
 * and while every run is on the integer path not even that until the days are read; one row of a
 * `RunTable` per run holds what the run's days share.
 */
class Accrual implements RunSink {
  accruingDays = 0;
  readonly navTotal = new ExactSum(2);
  /** The days kept (detail): while every run is on the integer path, no record is made until they are read. */
  readonly kept: KeptDays;
  private readonly centsTotal = new ExactSum(2); // DAILY: posted cents
  private feeByDenominator: Map<number, ExactSum> | null = null; // PERIOD/NONE: sum of annual fees per denominator (made on the first run)
  private readonly integerTiers: (IntegerTiers | null)[];
  private readonly runs: RunTable;
  private readonly cents: readonly (number | null)[];
  // The running total of posted accruals = cumBase + cumCents / 100 (cumCents a safe integer).
  private cumBase: Dec = ZERO;
  private cumCents = 0;
  // The denominator is one per calendar year (runs never cross a year end): found once a year.
  private yearEnd = -Infinity;
  private denominator = 0;

  constructor(
    private readonly navs: NavSeries,
    private readonly versions: readonly ScheduleVersion[],
    private readonly denominatorOf: (day: DayNumber) => number,
    private readonly rounding: Rounding,
    private readonly detail: boolean,
    days: number,
  ) {
    this.integerTiers = versions.map(integerTiersOf);
    this.runs = new RunTable(navs, versions, days);
    this.kept = new KeptDays(this.runs);
    this.cents = navs.cents;
  }

  run(from: DayNumber, to: DayNumber, ni: number, vi: number): void {
    const k = to - from + 1;
    if (from > this.yearEnd) {
      this.yearEnd = fromYmd(yearOf(from), 12, 31);
      this.denominator = this.denominatorOf(from);
    }
    const denominator = this.denominator;
    const cents = this.cents[ni];
    const it = this.integerTiers[vi];
    const feeScaled = cents !== null && it !== null ? annualFeeScaled(it, cents) : null;
    this.accruingDays += k;

    const navK = cents === null ? NaN : cents * k;
    if (Number.isSafeInteger(navK)) this.navTotal.addScaled(navK);
    else this.navTotal.addDec(this.navs.value(ni).times(k));

    let feeDec: Dec | null = null; // the annual fee as a decimal, where this run needs one now
    let posted: Dec | null = null; // the day's accrual as a decimal, where this run needs one now
    let postedCents: number | null = null; // DAILY on the integer path: the day's posted cents
    if (this.rounding === "DAILY") {
      if (feeScaled !== null) {
        postedCents = roundDiv(feeScaled, denominator * 1_000_000);
        const sum = postedCents * k;
        if (Number.isSafeInteger(sum)) this.centsTotal.addScaled(sum);
        else this.centsTotal.addDec(centsToDec(postedCents).times(k));
      } else {
        feeDec = annualFee(this.versions[vi].tiers, this.navs.value(ni));
        posted = divideToCents(feeDec, BigInt(denominator));
        this.centsTotal.addDec(posted.times(k));
      }
    } else {
      const sums = (this.feeByDenominator ??= new Map<number, ExactSum>());
      let sum = sums.get(denominator);
      if (!sum) sums.set(denominator, (sum = new ExactSum(FEE_PLACES)));
      const feeK = feeScaled === null ? NaN : feeScaled * k;
      if (Number.isSafeInteger(feeK)) sum.addScaled(feeK);
      else {
        feeDec = feeScaled !== null ? scaledFeeToDec(feeScaled) : annualFee(this.versions[vi].tiers, this.navs.value(ni));
        sum.addDec(feeDec.times(k));
      }
    }
    if (!this.detail) return;

    // Every day of a run shares one value, version and denominator, so one annual fee, rate and accrual:
    // those decimals are made once per run, on first read. While every accrual so far was posted as
    // integer cents, the running total is too, and a day's cumulative is made when it is read.
    const runs = this.runs;
    const integer = postedCents !== null && Number.isSafeInteger(this.cumCents + postedCents * k);
    const kept = this.kept;
    // Off the integer path each day's record is made as it is kept (and every earlier one now).
    const days = integer ? null : kept.records();
    const r = runs.add(from, k, ni, vi, denominator, feeScaled, postedCents, feeDec, posted);
    kept.length += k;
    if (integer) {
      runs.setCumulativeBase(r, this.cumBase, this.cumCents);
      this.cumCents += postedCents! * k;
      if (kept.made) {
        const made = kept.records();
        for (let day = from; day <= to; day++) made.push(new DayRecord(day, runs, r, null));
      }
    } else {
      // Off the integer path, the running total is a decimal added day by day, as a ledger adds it.
      let cum = this.cumCents !== 0 ? this.cumBase.plus(centsToDec(this.cumCents)) : this.cumBase;
      this.cumCents = 0;
      const accrual = runs.accrual(r);
      for (let day = from; day <= to; day++) {
        cum = cum.plus(accrual);
        days!.push(new DayRecord(day, runs, r, cum));
      }
      this.cumBase = cum;
    }
  }

  /** The period fee under the rounding rule. */
  fee(): Dec {
    if (this.rounding === "DAILY") return this.centsTotal.value();
    const parts = [...(this.feeByDenominator ?? new Map<number, ExactSum>()).entries()].map(([d, s]) => ({ d, s: s.value() }));
    if (this.rounding === "NONE") return parts.reduce((acc, p) => acc.plus(p.s.dividedBy(p.d)), ZERO);
    // Exact: bring the per-denominator sums over one common denominator, then round once.
    const common = parts.reduce((l, p) => lcm(l, p.d), 1);
    const numerator = parts.reduce((acc, p) => acc.plus(p.s.times(common / p.d)), ZERO);
    return divideToCents(numerator, BigInt(common));
  }
}

/** An annual fee in 10^-8 dollars as an exact decimal. */
function scaledFeeToDec(feeScaled: number): Dec {
  return scaledToDec(feeScaled, FEE_PLACES);
}

// A run's numbers in RunTable.n, STRIDE to a run: first day, value index, version index, denominator,
// annual fee in 10^-8 dollars and posted cents (NaN where the run has none: off the integer path), the
// integer part of the running total before the run, and its number of days.
const STRIDE = 8;
const FROM = 0;
const NAV = 1;
const VERSION = 2;
const DENOMINATOR = 3;
const FEE = 4;
const POSTED = 5;
const CUM_CENTS = 6;
const DAYS = 7;
// A run table starts with room for this many runs at most (a long period's grows as it needs).
const MAX_PRESIZED_RUNS = 512;

// Run tables take their room from shared slabs of doubles (an array buffer each would cost a few
// microseconds to allocate, and a plain array grown run by run more: a month end makes 2,000 tables). A
// slab is let go when every table in it is; room is never reused, so every table's numbers stay its own.
const SLAB_DOUBLES = 1 << 16;
let slab = new Float64Array(0);
let slabUsed = 0;

/** Room for `runs` runs in the current slab (a new one when it is full): the index of the first double. */
function reserveRuns(runs: number): number {
  const size = STRIDE * runs;
  if (slabUsed + size > slab.length) {
    slab = new Float64Array(Math.max(SLAB_DOUBLES, size));
    slabUsed = 0;
  }
  const at = slabUsed;
  slabUsed += size;
  return at;
}

/**
 * What the days of each run of one accrual share (same value, version and denominator): a few numbers per
 * run in one array of doubles, and each decimal made once per run, on first read. One table per accrual
 * instead of an object per run: a month end at 2,000 portfolios kept 46,000 of those, with their boxed
 * numbers, until its sheets were written.
 */
class RunTable {
  /** STRIDE doubles a run from `base`, `count` runs used, room for `room`: see `reserveRuns`. */
  private n: Float64Array;
  private base: number;
  private room: number;
  count = 0;
  /** Integer path: the decimal part of the running total before each run (cumBase + cumCents / 100); none while all are 0. */
  private cumBases: Dec[] | null = null;
  private readonly fees: (Dec | undefined)[] = [];
  private readonly accruals: (Dec | undefined)[] = [];
  private readonly rates: (Dec | undefined)[] = [];
  constructor(
    private readonly navs: NavSeries,
    private readonly versions: readonly ScheduleVersion[],
    days: number,
  ) {
    this.room = Math.max(1, Math.min(days, MAX_PRESIZED_RUNS));
    this.base = reserveRuns(this.room);
    this.n = slab;
  }

  /** A new run; `fee` and `posted` are its decimals where they are known already. Returns its index. */
  add(from: DayNumber, days: number, navIndex: number, versionIndex: number, denominator: number, feeScaled: number | null, postedCents: number | null, fee: Dec | null, posted: Dec | null): number {
    const r = this.count++;
    if (r >= this.room) {
      // Past the room reserved (a period of more than MAX_PRESIZED_RUNS runs): a table of its own, twice the size.
      const grown = new Float64Array(STRIDE * this.room * 2);
      grown.set(this.n.subarray(this.base, this.base + STRIDE * this.room));
      this.n = grown;
      this.base = 0;
      this.room *= 2;
    }
    const n = this.n;
    const at = this.base + r * STRIDE;
    n[at + FROM] = from;
    n[at + NAV] = navIndex;
    n[at + VERSION] = versionIndex;
    n[at + DENOMINATOR] = denominator;
    n[at + FEE] = feeScaled ?? NaN;
    n[at + POSTED] = postedCents ?? NaN;
    n[at + CUM_CENTS] = 0;
    n[at + DAYS] = days;
    if (fee !== null) this.fees[r] = fee;
    if (posted !== null) this.accruals[r] = posted;
    return r;
  }
  setCumulativeBase(r: number, base: Dec, cents: number): void {
    this.n[this.base + r * STRIDE + CUM_CENTS] = cents;
    if (!this.cumBases && base !== ZERO) this.cumBases = new Array<Dec>(r).fill(ZERO);
    if (this.cumBases) this.cumBases[r] = base;
  }
  from(r: number): DayNumber {
    return this.n[this.base + r * STRIDE + FROM];
  }
  days(r: number): number {
    return this.n[this.base + r * STRIDE + DAYS];
  }
  navDate(r: number): DayNumber {
    return this.navs.dates[this.n[this.base + r * STRIDE + NAV]];
  }
  effectiveFrom(r: number): DayNumber {
    return this.versions[this.n[this.base + r * STRIDE + VERSION]].effectiveFrom;
  }
  denominator(r: number): number {
    return this.n[this.base + r * STRIDE + DENOMINATOR];
  }
  private tiers(r: number): readonly Tier[] {
    return this.versions[this.n[this.base + r * STRIDE + VERSION]].tiers;
  }
  /** Integer path: the day's posted cents (NaN off it). */
  postedCents(r: number): number {
    return this.n[this.base + r * STRIDE + POSTED];
  }
  netAssets(r: number): Dec {
    return this.navs.value(this.n[this.base + r * STRIDE + NAV]);
  }
  annualFee(r: number): Dec {
    let fee = this.fees[r];
    if (fee === undefined) {
      const scaled = this.n[this.base + r * STRIDE + FEE];
      this.fees[r] = fee = scaled === scaled ? scaledFeeToDec(scaled) : annualFee(this.tiers(r), this.netAssets(r));
    }
    return fee;
  }
  /** The blended rate as `blendedRate` gives it; from the integer fee and cents where both are known (the same exact quotient, rounded once the same way). */
  annualRate(r: number): Dec {
    let rate = this.rates[r];
    if (rate === undefined) {
      const tiers = this.tiers(r);
      const scaled = this.n[this.base + r * STRIDE + FEE];
      const cents = this.navs.cents[this.n[this.base + r * STRIDE + NAV]];
      rate = tiers.length === 1 ? tiers[0].rate : scaled !== scaled || cents === null || cents === 0 ? blendedRate(tiers, this.netAssets(r)) : new Dec(scaled).dividedBy(new Dec(cents).times(1_000_000));
      this.rates[r] = rate;
    }
    return rate;
  }
  /** As posted: the integer-path cents, the cents rounded from decimals (DAILY), or the exact quotient. */
  accrual(r: number): Dec {
    let accrual = this.accruals[r];
    if (accrual === undefined) {
      const posted = this.n[this.base + r * STRIDE + POSTED];
      this.accruals[r] = accrual = posted === posted ? centsToDec(posted) : this.annualFee(r).dividedBy(this.denominator(r));
    }
    return accrual;
  }
  /** Integer path: the running total through `day` of run r, exactly. */
  cumulative(r: number, day: DayNumber): Dec {
    const base = this.cumBases ? this.cumBases[r] : ZERO;
    const cents = this.n[this.base + r * STRIDE + CUM_CENTS] + (day - this.n[this.base + r * STRIDE + FROM] + 1) * this.n[this.base + r * STRIDE + POSTED]; // safe: checked when the run was kept
    return cents === 0 ? base : base.isZero() ? centsToDec(cents) : base.plus(centsToDec(cents));
  }
  // The same values as JS numbers, for a sheet or JSON (see `dayNumber`). An integer n of 10^-k dollars
  // (k = 2 or 8) divided by 10^k is one IEEE division of two exact doubles, so it is the double nearest
  // n × 10^-k, which is what decimal.js' `toNumber()` gives (it parses the exact decimal's digits).
  netAssetsNumber(r: number): number {
    return this.navs.number(this.n[this.base + r * STRIDE + NAV]);
  }
  annualFeeNumber(r: number): number {
    const scaled = this.n[this.base + r * STRIDE + FEE];
    return scaled === scaled ? scaled / FEE_SCALE : toDouble(this.annualFee(r));
  }
  accrualNumber(r: number): number {
    // Off DAILY the accrual is a 40-digit quotient: its double is read from that decimal, not recomputed.
    const posted = this.n[this.base + r * STRIDE + POSTED];
    return posted === posted ? posted / 100 : toDouble(this.accrual(r));
  }
}

const FEE_SCALE = 10 ** FEE_PLACES;

/**
 * An accrual's kept days as numbers, read from its run table without a day record: day j's date, NAV
 * date, denominator, and the numbers `dayNumber` gives for its record (the same calls on the same run).
 * Days read in order find their run in constant time; others by a binary search over the runs' first days.
 */
export class KeptDays {
  /** Days kept so far. */
  length = 0;
  private list: AccrualDay[] | null = null; // the records, once made
  private starts: number[] | null = null; // index of each run's first day
  private run = 0;
  private first = 0; // index of `run`'s first day
  constructor(private readonly runs: RunTable) {}
  /** Whether the records are made (and so each further day's is made as it is kept). */
  get made(): boolean {
    return this.list !== null;
  }
  /** The days' records: made now, for every run kept so far, where they were not made yet. */
  records(): AccrualDay[] {
    if (this.list === null) {
      const list: AccrualDay[] = [];
      const runs = this.runs;
      for (let r = 0; r < runs.count; r++) {
        const from = runs.from(r);
        const to = from + runs.days(r) - 1;
        for (let day = from; day <= to; day++) list.push(new DayRecord(day, runs, r, null));
      }
      this.list = list;
    }
    return this.list;
  }
  /** The run of day j (0 <= j < length). */
  private runOf(j: number): number {
    const runs = this.runs;
    if (j >= this.first && j < this.first + runs.days(this.run)) return this.run;
    if (this.run + 1 < runs.count && j >= this.first + runs.days(this.run) && j < this.first + runs.days(this.run) + runs.days(this.run + 1)) {
      this.first += runs.days(this.run);
      return ++this.run;
    }
    if (!this.starts) {
      this.starts = new Array<number>(runs.count);
      for (let r = 0, at = 0; r < runs.count; at += runs.days(r), r++) this.starts[r] = at;
    }
    let lo = 0;
    let hi = runs.count - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= j) lo = mid;
      else hi = mid - 1;
    }
    this.run = lo;
    this.first = this.starts[lo];
    return lo;
  }
  date(j: number): DayNumber {
    const r = this.runOf(j);
    return this.runs.from(r) + (j - this.first);
  }
  navDate(j: number): DayNumber {
    return this.runs.navDate(this.runOf(j));
  }
  daysInYear(j: number): number {
    return this.runs.denominator(this.runOf(j));
  }
  number(j: number, field: DayMoney): number {
    const r = this.runOf(j);
    return field === "netAssets" ? this.runs.netAssetsNumber(r) : field === "annualFee" ? this.runs.annualFeeNumber(r) : this.runs.accrualNumber(r);
  }
}

/**
 * One day's record: its date, its run (a table and an index), and (off the integer path) its running total.
 * The other fields are getters over the run's shared values; on the integer path the cumulative is
 * base + cents / 100, made exactly on first read. `toJSON` lists every field, as a plain record would.
 */
class DayRecord implements AccrualDay {
  constructor(
    readonly date: DayNumber,
    readonly runs: RunTable,
    readonly run: number,
    private cum: Dec | null,
  ) {}
  get navDate(): DayNumber {
    return this.runs.navDate(this.run);
  }
  get netAssets(): Dec {
    return this.runs.netAssets(this.run);
  }
  get effectiveFrom(): DayNumber {
    return this.runs.effectiveFrom(this.run);
  }
  get daysInYear(): number {
    return this.runs.denominator(this.run);
  }
  get annualRate(): Dec {
    return this.runs.annualRate(this.run);
  }
  get annualFee(): Dec {
    return this.runs.annualFee(this.run);
  }
  get accrual(): Dec {
    return this.runs.accrual(this.run);
  }
  get cumulative(): Dec {
    if (this.cum === null) this.cum = this.runs.cumulative(this.run, this.date);
    return this.cum;
  }
  toJSON(): AccrualDay {
    const { date, navDate, netAssets, effectiveFrom, annualRate, annualFee, daysInYear, accrual, cumulative } = this;
    return { date, navDate, netAssets, effectiveFrom, annualRate, annualFee, daysInYear, accrual, cumulative };
  }
}

/** The money fields of a day a sheet shows as numbers. */
export type DayMoney = "netAssets" | "annualFee" | "accrual";

/**
 * A day's net assets, annual fee or accrual as a JS number, for the Excel/JSON boundary: exactly
 * `day[field].toNumber()` (the double nearest the exact decimal), but read from the integer a kept day
 * holds on the integer path, so no decimal is made for it. Any other day is read through its decimal.
 */
export function dayNumber(day: AccrualDay, field: DayMoney): number {
  if (day instanceof DayRecord) {
    const { runs, run } = day;
    return field === "netAssets" ? runs.netAssetsNumber(run) : field === "annualFee" ? runs.annualFeeNumber(run) : runs.accrualNumber(run);
  }
  return toDouble(day[field]);
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
