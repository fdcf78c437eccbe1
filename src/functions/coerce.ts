import {
  DateSystem,
  DayCountId,
  DayNumber,
  Dec,
  FeeError,
  FeeSchedule,
  NavSeries,
  PortfolioSchedule,
  Tier,
  fromExcelSerial,
  parseAmount,
  parseIsoDate,
  parseRate,
  requirePortfolio,
  singleVersion,
  withWhere,
  isFeeError,
  dayCountOfExcelBasis,
  parseDayCount,
  parseRounding,
  parseNavTiming,
  parseNoticeParty,
} from "../engine";
import { ArgKind, KindValues } from "./spec";
import { isBlank } from "../workbook/cells";

export { isBlank };

/** A single cell passed where a range is allowed arrives as [[v]]; unwrap it. */
export function scalar(v: unknown): unknown {
  return Array.isArray(v) && v.length === 1 && Array.isArray(v[0]) && v[0].length === 1 ? v[0][0] : v;
}

export function flatten(v: unknown): unknown[] {
  if (!Array.isArray(v)) return [v];
  return v.flatMap((row) => (Array.isArray(row) ? row : [row]));
}

export function toAmount(v: unknown, argument: string, row?: number): Dec {
  const x = scalar(v);
  if (isBlank(x)) throw new FeeError("MISSING_ARGUMENT", { argument, row });
  return parseAmount(typeof x === "boolean" ? String(x) : x, { argument, row });
}

export function toDate(v: unknown, argument: string, system: DateSystem, row?: number): DayNumber {
  const x = scalar(v);
  if (isBlank(x)) throw new FeeError("MISSING_ARGUMENT", { argument, row });
  if (typeof x === "number") return fromExcelSerial(x, system, { argument, row });
  if (typeof x === "string") {
    const t = x.trim();
    if (/^\d+(\.\d+)?$/.test(t)) return fromExcelSerial(Number(t), system, { argument, row });
    return parseIsoDate(t, { argument, row });
  }
  throw new FeeError("INVALID_DATE", { argument, row, value: x });
}

/**
 * Whether an optional argument counts as omitted: blank, or the number 0, which
 * is how Excel on Windows desktop passes an empty cell (office-js #4702). No
 * optional date, basis or rounding has a meaningful 0, so 0 means "not given".
 */
export function isOmitted(v: unknown): boolean {
  const x = scalar(v);
  return isBlank(x) || x === 0;
}

export function toOptionalDate(v: unknown, argument: string, system: DateSystem): DayNumber | undefined {
  return isOmitted(v) ? undefined : toDate(v, argument, system);
}

/** A basis argument: a day-count name or alias from the engine's registry, or one of Excel's YEARFRAC codes 1 to 3. */
export function toBasis(v: unknown, argument = "basis"): DayCountId {
  const x = scalar(v);
  if (isBlank(x)) throw new FeeError("MISSING_ARGUMENT", { argument });
  const code = typeof x === "number" ? x : typeof x === "string" && /^\s*\d+\s*$/.test(x) ? Number(x) : NaN;
  if (!Number.isNaN(code)) {
    // Code 0 (30/360) is refused: some Excel clients send 0 for an empty cell, which must not silently become 30/360.
    const id = code === 0 ? undefined : dayCountOfExcelBasis(code);
    if (!id) throw new FeeError("UNKNOWN_BASIS", { argument, value: x });
    return id;
  }
  return parseDayCount(String(x), { argument });
}

/** A convention argument given as text (a name or alias of the engine's registry). */
function conventionText(v: unknown, argument: string): string {
  const x = scalar(v);
  if (isBlank(x)) throw new FeeError("MISSING_ARGUMENT", { argument });
  return String(x);
}

const RATE_LIKE = /^\s*[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?\s*(%|bps?)?\s*$/i;

/** Whether a `rate` argument names a portfolio (and so needs the workbook's schedule). */
export function isPortfolioName(v: unknown): boolean {
  const x = scalar(v);
  return typeof x === "string" && x.trim() !== "" && !RATE_LIKE.test(x);
}

/**
 * A `rate` argument as a schedule: a number or rate text (one flat tier), a
 * portfolio name (its effective-dated versions), or a two-column range of
 * Breakpoint | Annual Rate rows (blank rows skipped, a text header row allowed).
 */
export function toRate(v: unknown, schedule: FeeSchedule, argument = "rate"): PortfolioSchedule {
  const x = scalar(v);
  if (!Array.isArray(x)) {
    if (isBlank(x)) throw new FeeError("MISSING_ARGUMENT", { argument });
    if (isPortfolioName(x)) return requirePortfolio(schedule, String(x).trim(), argument);
    return singleVersion([{ breakpoint: new Dec(0), rate: parseRate(x, { argument }) }]);
  }
  const rows = x as unknown[][];
  if (rows.some((r) => !Array.isArray(r) || r.length !== 2)) {
    throw new FeeError("INVALID_RATE", { argument, value: `a range of ${rows.length} x ${Array.isArray(rows[0]) ? rows[0].length : 1}` }, "give one cell, or two columns: Breakpoint | Annual Rate");
  }
  const tiers: Tier[] = [];
  rows.forEach((r, i) => {
    if (r.every(isBlank)) return;
    if (i === 0 && r.every((c) => typeof c === "string" && isPortfolioName(c))) return; // header
    const breakpoint = toAmount(r[0], `${argument} breakpoint`, i + 1);
    const rate = parseRate(r[1], { argument: `${argument} annual rate`, row: i + 1 });
    if (tiers.length === 0 && !breakpoint.isZero()) throw new FeeError("INVALID_RATE", { argument, row: i + 1, value: r[0] }, "the first tier must start at breakpoint 0");
    if (tiers.length && !breakpoint.greaterThan(tiers[tiers.length - 1].breakpoint)) {
      throw new FeeError("INVALID_RATE", { argument, row: i + 1, value: r[0] }, "breakpoints must rise from row to row");
    }
    tiers.push({ breakpoint, rate });
  });
  if (!tiers.length) throw new FeeError("MISSING_ARGUMENT", { argument });
  return singleVersion(tiers);
}

/**
 * Pairs a net-assets range with a dates range, cell by cell. A pair blank in
 * both (blank, or 0 as some clients send for an empty cell) is skipped; a value
 * without a date, or a date without a value, is an error naming the row.
 */
export function toSeries(netAssets: unknown, dates: unknown, system: DateSystem, argument = "net_assets"): { series: NavSeries; first: DayNumber; last: DayNumber } {
  const values = flatten(netAssets);
  const days = flatten(dates);
  if (values.length !== days.length) {
    throw new FeeError("LENGTH_MISMATCH", { argument }, `${argument} has ${values.length} cells and dates has ${days.length}`);
  }
  const emptyish = (c: unknown) => isBlank(c) || c === 0;
  const points = [];
  for (let i = 0; i < values.length; i++) {
    const row = i + 1;
    if (emptyish(values[i]) && emptyish(days[i])) continue;
    if (isBlank(values[i])) throw new FeeError("INVALID_NUMBER", { argument, row, value: values[i] }, "");
    const date = toDate(days[i], "dates", system, row);
    const v = values[i];
    const netAssets = typeof v === "number" ? v : parseAmount(v, { argument, row });
    points.push({ date, netAssets, row });
  }
  if (!points.length) throw new FeeError("NO_DATA", { argument }, "every row is blank");
  const series = NavSeries.from(points, argument);
  return { series, first: series.dates[0], last: series.dates[series.length - 1] };
}

/** Runs f, re-labelling an engine error with the argument it concerns. */
export function forArgument<T>(argument: string, f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (isFeeError(e) && !e.where.argument) throw withWhere(e, { argument });
    throw e;
  }
}

/** Where a coercer is and what it may read: the argument's name, the workbook's schedule and date system. */
export interface CoerceContext {
  argument: string;
  schedule: FeeSchedule;
  dateSystem: DateSystem;
}

/** One coercer per argument kind: Excel's cell values in, the engine's typed value out, or an error naming the argument. */
export const COERCERS: { [K in ArgKind]: (raw: unknown, c: CoerceContext) => KindValues[K] } = {
  rate: (raw, c) => toRate(raw, c.schedule, c.argument),
  amount: (raw, c) => forArgument(c.argument, () => toAmount(raw, c.argument)),
  date: (raw, c) => toDate(raw, c.argument, c.dateSystem),
  range: (raw) => flatten(raw),
  basis: (raw, c) => toBasis(raw, c.argument),
  rounding: (raw, c) => parseRounding(conventionText(raw, c.argument), { argument: c.argument }),
  navTiming: (raw, c) => parseNavTiming(conventionText(raw, c.argument), { argument: c.argument }),
  portfolio: (raw, c) => requirePortfolio(c.schedule, conventionText(raw, c.argument).trim(), c.argument),
  party: (raw, c) => parseNoticeParty(conventionText(raw, c.argument), { argument: c.argument }),
  days: (raw, c) => {
    const n = forArgument(c.argument, () => toAmount(raw, c.argument));
    if (!n.isInteger() || n.isNegative()) throw new FeeError("INVALID_NUMBER", { argument: c.argument, value: scalar(raw) }, "");
    return n.toNumber();
  },
};
