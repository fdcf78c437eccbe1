import { AccrualDay, AccrualResult, KeptDays, accrue, keptDaysOf } from "./accrue";
import { Agreement, agreementsByPortfolio } from "./agreements";
import { DayNumber, Month, monthEnd, monthStart } from "./calendarDate";
import { DayCountId } from "./dayCount";
import { Dec, ZERO, sumOf } from "./decimal";
import { isFeeError, withWhere } from "./FeeError";
import { NavColumns, NavPoint, NavSeries } from "./navSeries";
import { NavTiming } from "./navTiming";
import { Rounding } from "./rounding";
import { FeeSchedule, PortfolioSchedule, portfolioKey, versionAt } from "./schedule";
import { blendedRate } from "./tiers";
import { WaivedAccrual, WaivedDay, isWithoutWaivers } from "./applyWaivers";
import { GroupAccrualDay } from "./accrueAtGroupRate";
import { DayNetAssets, dayNetAssetsOf } from "./dayNetAssets";
import { FeeArrangements, feeBreakdown } from "./feeBreakdown";

export type ReconStatus = "OK" | "BREAK" | "NOT_BILLED" | "NO_NET_ASSETS" | "UNKNOWN_PORTFOLIO";

export interface NetAssetInput {
  portfolio: string;
  date: DayNumber;
  /** A number is kept as whole cents where it is one (NavSeries), a decimal only where needed. */
  netAssets: Dec | number;
  /** Source row, for messages. */
  row?: number;
}

/**
 * Net-asset rows as columns (row j of `length`: `portfolios[j]`, `dates[j]`, the value `decimals[j]` where
 * it has one else `numbers[j]`, the source row `rows[j]`): the same rows as NetAssetInput objects, without
 * an object per row (a month end at 2,000 portfolios reads 64,000 of them).
 */
export interface NetAssetColumns extends NavColumns {
  readonly length: number;
  readonly portfolios: readonly string[];
}

export interface InvoiceInput {
  month: Month;
  portfolio: string;
  billedFee: Dec;
  row?: number;
}

export interface ReconcileInput {
  schedule: FeeSchedule;
  /** Rows as objects, or the same rows as columns. */
  netAssets: readonly NetAssetInput[] | NetAssetColumns;
  invoices: readonly InvoiceInput[];
  month: Month;
  tolerance: Dec;
  basis?: DayCountId;
  /** Default DAILY: each day's accrual rounded to cents, as the books post them. */
  rounding?: Rounding;
  /** Default SAME_DAY. */
  navTiming?: NavTiming;
  /** Service periods: a portfolio accrues only from Commenced through Terminated. */
  agreements?: readonly Agreement[];
  /** Waivers and sub-advisory schedules: the expected fee is what is payable after waivers. */
  arrangements?: FeeArrangements;
}

export interface ReconRow {
  portfolio: string;
  /** Calendar days of the month that accrued (inside the service period, with net assets and a version in force). */
  days: number;
  /** The portfolio's service period from the Agreements table, where it gives one. */
  service: { commenced: DayNumber | null; terminated: DayNumber | null } | null;
  averageDailyNetAssets: Dec | null;
  /** Blended annual rate at the average, under the version in force at month end (or the first version); null when not in the schedule. */
  annualRate: Dec | null;
  /** Effective date of that version. */
  effectiveFrom: DayNumber | null;
  /** The fee payable: the daily accruals after waivers, summed under the rounding rule (DAILY: each rounded to cents). */
  expectedFee: Dec;
  /** The fee under the fee schedule, before waivers. */
  grossFee: Dec;
  /** grossFee − expectedFee; 0 where no waiver applies. */
  waiver: Dec;
  /** Null where no sub-advisory schedule applies. */
  subAdvisoryFee: Dec | null;
  /** expectedFee − subAdvisoryFee; null where no sub-advisory schedule applies. */
  managerNet: Dec | null;
  /** Sum of the month's invoice lines for the portfolio; null when none. */
  billedFee: Dec | null;
  /** billed - expected; null when not billed. */
  difference: Dec | null;
  status: ReconStatus;
  /** Every daily accrual behind grossFee. */
  accruals: AccrualDay[];
  /** The same days after waivers (aligned with `accruals`): gross, payable and waiver, behind expectedFee. */
  waived: WaivedDay[];
  /** The sub-advisory fee's days (empty where none applies). */
  subAdvisory: GroupAccrualDay[];
  /** Source rows of the invoice lines. */
  invoiceRows: number[];
}

export interface ReconReport {
  month: Month;
  periodStart: DayNumber;
  periodEnd: DayNumber;
  tolerance: Dec;
  basis: DayCountId;
  rounding: Rounding;
  navTiming: NavTiming;
  rows: ReconRow[];
  totals: { expectedFee: Dec; billedFee: Dec };
}

/**
 * Month-end reconciliation: recomputes each portfolio's fee from daily net
 * assets and the schedule (daily accrual under the basis, rounding and
 * net-asset timing, over the days of the portfolio's service) and compares it
 * with what was billed. With waivers the expected fee is what is payable after
 * them; with a sub-advisory schedule the row also gives the sub-advisory fee
 * and the Manager's net. Rows: schedule portfolios in schedule order, then
 * invoice lines for portfolios not in the schedule. Difference = billed -
 * expected; OK when |difference| <= tolerance.
 *
 * @example Schedule A at 0.10% on $500m through January 2024 (ACT/ACT): expected 31 x 1,366.12 = 42,349.72; billed 42,349.72 gives OK
 */
export function reconcile(input: ReconcileInput): ReconReport {
  const basis = input.basis ?? "ACT/ACT";
  const rounding = input.rounding ?? "DAILY";
  const navTiming = input.navTiming ?? "SAME_DAY";
  const agreements = agreementsByPortfolio(input.agreements ?? []);
  const start = monthStart(input.month);
  const end = monthEnd(input.month);

  // Rows of one portfolio mostly come together and share one name string: its list is found once per name.
  // A list holds the rows (NavPoints already: date, netAssets, row), or from columns their indexes.
  const navsByKey = new Map<string, (NavPoint | number)[]>();
  const listByName = new Map<string, (NavPoint | number)[]>();
  let lastName: string | null = null;
  let list: (NavPoint | number)[] = [];
  const nets = input.netAssets;
  const columns = isNetAssetColumns(nets) ? nets : null;
  const count = nets.length;
  for (let j = 0; j < count; j++) {
    const name = columns ? columns.portfolios[j] : (nets as readonly NetAssetInput[])[j].portfolio;
    if (name !== lastName) {
      lastName = name;
      let l = listByName.get(lastName);
      if (!l) {
        const key = portfolioKey(lastName);
        l = navsByKey.get(key);
        if (!l) navsByKey.set(key, (l = []));
        listByName.set(lastName, l);
      }
      list = l;
    }
    list.push(columns ? j : (nets as readonly NetAssetInput[])[j]); // NavSeries reads each and keeps none of them
  }
  const seriesFor = (portfolio: string, points: (NavPoint | number)[] | undefined): NavSeries => seriesOf(portfolio, points ?? [], columns);
  const invoicesByKey = new Map<string, { name: string; billed: Dec; rows: number[] }>();
  for (const inv of input.invoices) {
    if (inv.month.y !== input.month.y || inv.month.m !== input.month.m) continue;
    const key = portfolioKey(inv.portfolio);
    const cur = invoicesByKey.get(key) ?? { name: inv.portfolio.trim(), billed: ZERO, rows: [] };
    cur.billed = cur.billed.plus(inv.billedFee);
    if (inv.row !== undefined) cur.rows.push(inv.row);
    invoicesByKey.set(key, cur);
  }

  const compare = (expected: Dec, billed: Dec | null, days: number, known: boolean): { difference: Dec | null; status: ReconStatus } => {
    const difference = billed === null ? null : billed.minus(expected);
    if (!known) return { difference, status: "UNKNOWN_PORTFOLIO" };
    if (days === 0) return { difference, status: "NO_NET_ASSETS" };
    if (difference === null) return { difference, status: "NOT_BILLED" };
    return { difference, status: difference.abs().lessThanOrEqualTo(input.tolerance) ? "OK" : "BREAK" };
  };

  // Each portfolio's net assets by day under the timing: members of an aggregation group need not be in the schedule.
  const dayNetAssets = new Map<string, DayNetAssets>();
  const netAssetsOf = (name: string): DayNetAssets => {
    const key = portfolioKey(name);
    let f = dayNetAssets.get(key);
    if (!f) dayNetAssets.set(key, (f = dayNetAssetsOf(seriesFor(name, navsByKey.get(key)), navTiming)));
    return f;
  };

  const rows: ReconRow[] = [];
  const seen = new Set<string>();
  const context: PortfolioContext = { start, end, basis, rounding, navTiming, agreements, invoicesByKey, navsByKey, arrangements: input.arrangements, tolerance: input.tolerance, seriesFor, netAssetsOf };
  for (const p of input.schedule.portfolios) {
    const key = portfolioKey(p.portfolio);
    seen.add(key);
    const row = portfolioRow(context, p, key);
    if (row !== null) rows.push(row);
  }
  for (const [key, inv] of invoicesByKey) {
    if (seen.has(key)) continue;
    rows.push({
      portfolio: inv.name,
      days: 0,
      service: null,
      averageDailyNetAssets: null,
      annualRate: null,
      effectiveFrom: null,
      expectedFee: ZERO,
      grossFee: ZERO,
      waiver: ZERO,
      subAdvisoryFee: null,
      managerNet: null,
      billedFee: inv.billed,
      ...compare(ZERO, inv.billed, 0, false),
      accruals: [],
      waived: [],
      subAdvisory: [],
      invoiceRows: inv.rows,
    });
  }
  return {
    month: input.month,
    periodStart: start,
    periodEnd: end,
    tolerance: input.tolerance,
    basis,
    rounding,
    navTiming,
    rows,
    totals: {
      // Exactly the decimal sums one by one (see sumOf), without a decimal addition per row where all are cents.
      expectedFee: sumOf(rows.map((r) => r.expectedFee)),
      billedFee: sumOf(rows.flatMap((r) => (r.billedFee ? [r.billedFee] : []))),
    },
  };
}

/** What reconcile's loop over the schedule's portfolios reads: see portfolioRow. */
interface PortfolioContext {
  start: DayNumber;
  end: DayNumber;
  basis: DayCountId;
  rounding: Rounding;
  navTiming: NavTiming;
  agreements: Map<string, Agreement>;
  invoicesByKey: Map<string, { name: string; billed: Dec; rows: number[] }>;
  navsByKey: Map<string, (NavPoint | number)[]>;
  arrangements: FeeArrangements | undefined;
  tolerance: Dec;
  seriesFor: (portfolio: string, points: (NavPoint | number)[] | undefined) => NavSeries;
  netAssetsOf: (name: string) => DayNetAssets;
}

/**
 * A schedule portfolio's row (null: its service lies wholly outside the month and it was not billed). A
 * function of its own, called once a portfolio, so V8 optimises it within the first few hundred portfolios
 * (inside reconcile, called once, the loop ran unoptimised until the whole function was compiled on-stack).
 */
function portfolioRow(c: PortfolioContext, p: PortfolioSchedule, key: string): ReconRow | null {
  const { start, end, basis, rounding, navTiming } = c;
  const agreement = c.agreements.get(key);
  const service = agreement ? { commenced: agreement.commenced, terminated: agreement.terminated } : null;
  const inv = c.invoicesByKey.get(key);
  // A portfolio whose service lies wholly outside the month has nothing to reconcile, unless it was billed.
  if (service && !inv && ((service.commenced !== null && service.commenced > end) || (service.terminated !== null && service.terminated < start))) return null;
  const series = c.seriesFor(p.portfolio, c.navsByKey.get(key));
  const r = accrue(p, series, start, end, { basis, rounding, navTiming, service: service ?? undefined });
  // The sub-advisory fee accrues over the portfolio's own service too (its assets still count in a group's).
  const own = dayNetAssetsOf(series, navTiming);
  const served: DayNetAssets = (day) => (service && ((service.commenced !== null && day < service.commenced) || (service.terminated !== null && day > service.terminated)) ? null : own(day));
  const ownOrOthers = (name: string) => (portfolioKey(name) === key ? served : c.netAssetsOf(name));
  const b = feeBreakdown(p.portfolio, r, c.arrangements ?? {}, ownOrOthers, start, end, { basis, rounding });
  const billed = inv ? inv.billed : null;
  const version = versionAt(p, end) ?? p.versions[0];
  const adna = r.averageDailyNetAssets;
  const annualRate = version ? blendedRate(version.tiers, adna ?? ZERO) : null;
  // compare's difference and status (a schedule portfolio is known).
  const difference = billed === null ? null : billed.minus(b.payableFee);
  const status: ReconStatus = r.accruingDays === 0 ? "NO_NET_ASSETS" : difference === null ? "NOT_BILLED" : difference.abs().lessThanOrEqualTo(c.tolerance) ? "OK" : "BREAK";
  const row = new DaysOnRead(p.portfolio, r.accruingDays, service, adna, annualRate, version ? version.effectiveFrom : null, b.payableFee, b.grossFee, b.waiver, b.subAdvisoryFee, b.managerNet, billed, difference, status, b.subAdvised ? b.subAdvised.days : [], inv ? inv.rows : []);
  daySources.set(row, { accrual: r, waived: b.waived, kept: isWithoutWaivers(b.waived) ? keptDaysOf(r) : null });
  return row as unknown as ReconRow;
}

/** What a schedule row's days are read from: its accrual, its waivers, and (no waiver applied) the accrual's days as numbers. */
interface DaySource {
  accrual: AccrualResult;
  waived: WaivedAccrual;
  kept: KeptDays | null;
}
const daySources = new WeakMap<object, DaySource>();

/**
 * A schedule portfolio's row: its fields as data, and `accruals` and `waived` read on first use (a month
 * end's Accruals sheet reads an unwaived row's days as numbers instead: keptDaysOfRow), so a month end at
 * 2,000 portfolios makes no day record or waiver view. Getters of the class (shared, so rows keep one
 * shape); `toJSON` gives the plain row, every field in the order a plain row lists them.
 */
class DaysOnRead {
  // The fields of a plain row, in its order (a row is made by the constructor, one shape for all): toJSON
  // lists them in this order, then the days, then the sub-advisory days and invoice rows.
  constructor(
    readonly portfolio: string,
    readonly days: number,
    readonly service: ReconRow["service"],
    readonly averageDailyNetAssets: Dec | null,
    readonly annualRate: Dec | null,
    readonly effectiveFrom: DayNumber | null,
    readonly expectedFee: Dec,
    readonly grossFee: Dec,
    readonly waiver: Dec,
    readonly subAdvisoryFee: Dec | null,
    readonly managerNet: Dec | null,
    readonly billedFee: Dec | null,
    readonly difference: Dec | null,
    readonly status: ReconStatus,
    readonly subAdvisory: GroupAccrualDay[],
    readonly invoiceRows: number[],
  ) {}
  get accruals(): AccrualDay[] {
    return daySources.get(this)!.accrual.days;
  }
  get waived(): WaivedDay[] {
    return daySources.get(this)!.waived.days;
  }
  toJSON(): ReconRow {
    const { subAdvisory, invoiceRows, ...head } = this as unknown as ReconRow;
    return { ...head, accruals: this.accruals, waived: this.waived, subAdvisory, invoiceRows };
  }
}


/**
 * A row's days as numbers where no waiver applied to them (each day's payable and gross accrual are its
 * accrual, its waiver 0, no waiver period): read from the accrual's runs, so no day record or waiver view
 * is made. Null for any other row; `accruals` and `waived` always give the records.
 */
export function keptDaysOfRow(row: ReconRow): KeptDays | null {
  return daySources.get(row)?.kept ?? null;
}

/** Whether net assets came as columns (NetAssetColumns) rather than a list of rows. */
function isNetAssetColumns(n: readonly NetAssetInput[] | NetAssetColumns): n is NetAssetColumns {
  return !Array.isArray(n);
}

/** A portfolio's series from its rows, or (columns) its rows' indexes. */
function seriesOf(portfolio: string, points: readonly (NavPoint | number)[], columns: NavColumns | null): NavSeries {
  try {
    return columns ? NavSeries.fromColumns(columns, points as number[], "Net Assets") : NavSeries.from(points as NavPoint[], "Net Assets");
  } catch (e) {
    if (isFeeError(e)) throw withWhere(e, { argument: `Net Assets for ${portfolio}` });
    throw e;
  }
}
