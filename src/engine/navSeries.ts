import { DayNumber, formatIso } from "./calendarDate";
import { Dec, toDouble } from "./decimal";
import { FeeError } from "./FeeError";

/** One reported net-asset value. `row` (1-based) is where it came from, for messages. */
export interface NavPoint {
  date: DayNumber;
  netAssets: number | Dec;
  row?: number;
}

/** Points as columns (row j: `dates[j]`, `decimals[j]` where it has one else `numbers[j]`, `rows[j]`): see NetAssetColumns. */
export interface NavColumns {
  readonly dates: Int32Array;
  readonly numbers: Float64Array;
  readonly decimals: readonly (Dec | undefined)[] | null;
  readonly rows: Int32Array;
}

/**
 * A portfolio's net assets by date: sorted, one value a date, none negative.
 * Values that are whole cents are also kept as integer cents for the exact
 * fast path.
 */
export class NavSeries {
  /** Each value's decimal, made on first read (none at all on the integer path). */
  private decs: (Dec | undefined)[] | null = null;
  private constructor(
    readonly dates: readonly DayNumber[],
    private readonly raw: readonly (number | Dec)[],
    readonly cents: readonly (number | null)[],
  ) {}

  /**
   * Validates and sorts points. Errors name `argument` and the point's row:
   * a value that is not a finite number, a negative value, a date given twice.
   */
  static from(points: readonly NavPoint[], argument = "net_assets"): NavSeries {
    const n = points.length;
    let sorted = true;
    for (let i = 0; i < n; i++) {
      const p = points[i];
      const v = p.netAssets;
      const row = p.row ?? i + 1;
      const bad = typeof v === "number" ? !Number.isFinite(v) : !(v instanceof Dec) || !v.isFinite();
      if (bad) throw new FeeError("INVALID_NUMBER", { argument, row, value: v });
      if (typeof v === "number" ? v < 0 : v.isNegative()) throw new FeeError("NEGATIVE_NET_ASSETS", { argument, row, value: typeof v === "number" ? v : v.toString() });
      if (i > 0 && p.date <= points[i - 1].date) sorted = false;
    }
    let order: readonly NavPoint[] = points;
    if (!sorted) {
      order = points.map((p, i) => ({ ...p, row: p.row ?? i + 1 })).sort((a, b) => a.date - b.date || a.row! - b.row!);
      for (let i = 1; i < n; i++) {
        if (order[i].date === order[i - 1].date) {
          throw new FeeError("DUPLICATE_DATE", { argument, row: order[i].row, value: formatIso(order[i].date) }, `also on row ${order[i - 1].row}`);
        }
      }
    }
    const dates = new Array<DayNumber>(n);
    const raw = new Array<number | Dec>(n);
    const cents = new Array<number | null>(n);
    for (let i = 0; i < n; i++) {
      const v = order[i].netAssets;
      dates[i] = order[i].date;
      raw[i] = v;
      cents[i] = wholeCents(v);
    }
    return new NavSeries(dates, raw, cents);
  }

  /**
   * `from` over the points `indexes` of columns (see NetAssetColumns), without a point object each: the same
   * checks in the same order, the same errors, the same series. Points out of date order are made into
   * point objects and go through `from`.
   */
  static fromColumns(columns: NavColumns, indexes: readonly number[], argument = "net_assets"): NavSeries {
    const n = indexes.length;
    const { dates: cd, numbers, decimals, rows } = columns;
    let sorted = true;
    for (let i = 0; i < n; i++) {
      const j = indexes[i];
      const v = decimals?.[j] ?? numbers[j];
      const row = rows[j];
      const bad = typeof v === "number" ? !Number.isFinite(v) : !(v instanceof Dec) || !v.isFinite();
      if (bad) throw new FeeError("INVALID_NUMBER", { argument, row, value: v });
      if (typeof v === "number" ? v < 0 : v.isNegative()) throw new FeeError("NEGATIVE_NET_ASSETS", { argument, row, value: typeof v === "number" ? v : v.toString() });
      if (i > 0 && cd[j] <= cd[indexes[i - 1]]) sorted = false;
    }
    if (!sorted) return NavSeries.from(indexes.map((j) => ({ date: cd[j], netAssets: decimals?.[j] ?? numbers[j], row: rows[j] })), argument);
    const dates = new Array<DayNumber>(n);
    const raw = new Array<number | Dec>(n);
    const cents = new Array<number | null>(n);
    for (let i = 0; i < n; i++) {
      const j = indexes[i];
      const v = decimals?.[j] ?? numbers[j];
      dates[i] = cd[j];
      raw[i] = v;
      cents[i] = wholeCents(v);
    }
    return new NavSeries(dates, raw, cents);
  }

  get length(): number {
    return this.dates.length;
  }

  value(i: number): Dec {
    const decs = (this.decs ??= new Array<Dec | undefined>(this.raw.length));
    let d = decs[i];
    if (d === undefined) {
      const r = this.raw[i];
      d = typeof r === "number" ? new Dec(r) : r;
      decs[i] = d;
    }
    return d;
  }

  /** The value as a JS number: the number it was given as (a decimal made from it gives the same number back), else its decimal's. */
  number(i: number): number {
    const r = this.raw[i];
    return typeof r === "number" ? r : toDouble(r);
  }

  /** Index of the last point on or before `day`, or -1. */
  indexOnOrBefore(day: DayNumber): number {
    let lo = 0;
    let hi = this.dates.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (this.dates[mid] <= day) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found;
  }
}

/** The value in integer cents when it is a whole number of cents that a safe integer holds exactly, else null. */
function wholeCents(v: number | Dec): number | null {
  if (typeof v === "number") {
    // A double below 1e13 with a whole number of cents prints (and so converts to a decimal) as exactly that.
    const c = Math.round(v * 100);
    return c / 100 === v && Math.abs(v) < 1e13 ? c : null;
  }
  if (v.decimalPlaces() > 2) return null;
  const c = v.times(100).toNumber();
  return Number.isSafeInteger(c) ? c : null;
}
