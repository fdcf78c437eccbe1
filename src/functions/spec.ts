/**
 * Each function's arguments, declared once. The runner coerces every argument
 * with the one coercer of its kind and fills omitted ones from their default,
 * then hands the implementation typed, named values; a test checks the
 * generated functions.json against this table.
 */
import { DAY_COUNTS, DayCountId, DayNumber, Dec, NAV_TIMINGS, NOTICE_RULES, NavTiming, NoticeParty, PortfolioSchedule, ROUNDINGS, Rounding, SettingKey, conventionIds } from "../engine";

/** What an argument's coercer produces, by kind. */
export interface KindValues {
  /** A number, percent text, portfolio name, or Breakpoint | Annual Rate range: as a schedule. */
  rate: PortfolioSchedule;
  /** A number (or text holding one). */
  amount: Dec;
  /** A serial or ISO text. */
  date: DayNumber;
  /** A column or row of cells, flattened; paired with another range by the implementation. */
  range: unknown[];
  basis: DayCountId;
  rounding: Rounding;
  navTiming: NavTiming;
  /** A portfolio name from the workbook's Fee Schedule. */
  portfolio: PortfolioSchedule;
  /** Who gave notice of termination. */
  party: NoticeParty;
  /** A whole number of days, at least 0. */
  days: number;
}

export type ArgKind = keyof KindValues;

/**
 * What an omitted optional argument becomes: a value; `{ setting }`, the
 * workbook's Fee Settings row, else its built-in default; or `{ absent }`,
 * left undefined for the implementation, whose rule `absent` states for help.
 */
export type ArgDefault<K extends ArgKind> = { value: KindValues[K] } | { setting: SettingKey } | { absent: string };

export interface ArgSpec<N extends string = string, K extends ArgKind = ArgKind> {
  name: N;
  kind: K;
  optional: boolean;
  /** Whether Excel passes a range (2-D array) for it. */
  matrix: boolean;
  default?: ArgDefault<K>;
  /** The values a dropdown offers (from the engine's registries). */
  allowed?: readonly string[];
}

export type FunctionId = "MGMTFEE" | "ACCRUE" | "PRORATE" | "ADNA" | "RATE" | "DAILY" | "SCHEDULE" | "TERMINATION" | "WAIVER" | "GROUPFEE";

export interface FunctionSpec<A extends readonly ArgSpec[] = readonly ArgSpec[]> {
  id: FunctionId;
  args: A;
  result: "scalar" | "matrix";
}

/** The choices of the dropdowns, derived from the engine's registries. */
export const BASIS_NAMES = conventionIds(DAY_COUNTS);
export const ROUNDING_NAMES = conventionIds(ROUNDINGS);
export const NAV_TIMING_NAMES = conventionIds(NAV_TIMINGS);
export const PARTY_NAMES = conventionIds(NOTICE_RULES);

const ALLOWED: Partial<Record<ArgKind, readonly string[]>> = { basis: BASIS_NAMES, rounding: ROUNDING_NAMES, navTiming: NAV_TIMING_NAMES, party: PARTY_NAMES };

function req<N extends string, K extends ArgKind>(name: N, kind: K, matrix = false): ArgSpec<N, K> & { optional: false } {
  return { name, kind, optional: false, matrix, ...(ALLOWED[kind] ? { allowed: ALLOWED[kind] } : {}) };
}

function opt<N extends string, K extends ArgKind, D extends ArgDefault<K>>(name: N, kind: K, def: D, matrix = false): ArgSpec<N, K> & { optional: true; default: D } {
  return { name, kind, optional: true, matrix, default: def, ...(ALLOWED[kind] ? { allowed: ALLOWED[kind] } : {}) };
}

const fromSetting = (setting: SettingKey) => ({ setting }) as const;
const absent = (rule: string) => ({ absent: rule }) as const;

const periodStart = opt("period_start", "date", absent("the first date given"));
const periodEnd = opt("period_end", "date", absent("the last date given"));
const basis = opt("basis", "basis", fromSetting("basis"));
const rounding = opt("rounding", "rounding", fromSetting("rounding"));
const navTiming = opt("nav_timing", "navTiming", fromSetting("navTiming"));
/** The arguments ACCRUE and DAILY share: a rate and a daily series over an optional period. */
const series = [req("rate", "rate", true), req("net_assets", "range", true), req("dates", "range", true), periodStart, periodEnd, basis] as const;

export const FUNCTION_SPECS = {
  MGMTFEE: { id: "MGMTFEE", args: [req("rate", "rate", true), req("average_net_assets", "amount"), req("period_start", "date"), req("period_end", "date"), basis] as const, result: "scalar" },
  ACCRUE: { id: "ACCRUE", args: [...series, rounding, navTiming] as const, result: "scalar" },
  PRORATE: { id: "PRORATE", args: [req("amount", "amount"), req("month", "date"), req("served_from", "date"), opt("served_to", "date", absent("the end of the month"))] as const, result: "scalar" },
  ADNA: { id: "ADNA", args: [req("net_assets", "range", true), req("dates", "range", true), periodStart, periodEnd, navTiming] as const, result: "scalar" },
  RATE: { id: "RATE", args: [req("portfolio", "portfolio"), opt("as_of", "date", absent("the latest version")), opt("net_assets", "amount", { value: new Dec(0) })] as const, result: "scalar" },
  DAILY: { id: "DAILY", args: [...series, navTiming] as const, result: "matrix" },
  SCHEDULE: { id: "SCHEDULE", args: [opt("as_of", "date", absent("the latest version of each portfolio"))] as const, result: "matrix" },
  WAIVER: {
    id: "WAIVER",
    args: [req("portfolio", "portfolio"), req("net_assets", "range", true), req("dates", "range", true), periodStart, periodEnd, basis, rounding, navTiming] as const,
    result: "scalar",
  },
  GROUPFEE: {
    id: "GROUPFEE",
    args: [req("rate", "rate", true), req("net_assets", "range", true), req("group_net_assets", "range", true), req("dates", "range", true), periodStart, periodEnd, basis, rounding, navTiming] as const,
    result: "scalar",
  },
  TERMINATION: { id: "TERMINATION", args: [req("notice_date", "date"), req("given_by", "party"), opt("notice_days", "days", absent("60 when the Trust gives notice, 90 when the Manager does"))] as const, result: "scalar" },
} as const satisfies Record<FunctionId, FunctionSpec>;

type Specs = typeof FUNCTION_SPECS;

/** The typed, named arguments an implementation receives: an argument left to the implementation may be undefined. */
export type ArgsOf<F extends FunctionId> = {
  [A in Specs[F]["args"][number] as A["name"]]: A extends { default: { absent: string } } ? KindValues[A["kind"]] | undefined : KindValues[A["kind"]];
};

/** What an omitted argument means, for help texts: the value, the setting, or the implementation's rule. */
export function describeDefault(a: ArgSpec): string {
  const d = a.default;
  if (!d) return "";
  if ("value" in d) return String(d.value);
  if ("setting" in d) return `the workbook's Fee Settings, else the default`;
  return d.absent;
}
