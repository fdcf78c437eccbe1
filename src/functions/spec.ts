/**
 * Each function's arguments, declared once. The runner coerces and validates
 * from this table, and a test checks the generated functions.json against it.
 */
export type ArgKind =
  | "rate" // number, percent text, portfolio name, or Breakpoint | Annual Rate range
  | "amount" // a number (or text holding one)
  | "date" // serial, or ISO text
  | "range" // a column or row of cells
  | "basis"
  | "rounding"
  | "portfolio";

export interface ArgSpec {
  name: string;
  kind: ArgKind;
  optional: boolean;
  /** Whether Excel passes a range (2-D array) for it. */
  matrix: boolean;
  /** Shown in help; what an omitted optional argument means. */
  default?: string;
  allowed?: readonly string[];
}

export interface FunctionSpec {
  id: FunctionId;
  args: ArgSpec[];
  result: "scalar" | "matrix";
}

export type FunctionId = "MGMTFEE" | "ACCRUE" | "PRORATE" | "ADNA" | "RATE" | "DAILY" | "SCHEDULE";

export const BASIS_NAMES = ["ACT/ACT", "ACT/365", "ACT/360", "30/360"] as const;
export const ROUNDING_NAMES = ["DAILY", "PERIOD", "NONE"] as const;

const req = (name: string, kind: ArgKind, matrix = false): ArgSpec => ({ name, kind, optional: false, matrix });
const opt = (name: string, kind: ArgKind, def: string, matrix = false, allowed?: readonly string[]): ArgSpec => ({ name, kind, optional: true, matrix, default: def, allowed });

/** The arguments ACCRUE and DAILY share: a rate and a daily series over an optional period. */
const SERIES_ARGS: ArgSpec[] = [
  req("rate", "rate", true),
  req("net_assets", "range", true),
  req("dates", "range", true),
  opt("period_start", "date", "first date given"),
  opt("period_end", "date", "last date given"),
  opt("basis", "basis", "ACT/ACT", false, BASIS_NAMES),
];

export const FUNCTION_SPECS: Record<FunctionId, FunctionSpec> = {
  MGMTFEE: {
    id: "MGMTFEE",
    args: [req("rate", "rate", true), req("average_net_assets", "amount"), req("period_start", "date"), req("period_end", "date"), opt("basis", "basis", "ACT/ACT", false, BASIS_NAMES)],
    result: "scalar",
  },
  ACCRUE: {
    id: "ACCRUE",
    args: [...SERIES_ARGS, opt("rounding", "rounding", "DAILY", false, ROUNDING_NAMES)],
    result: "scalar",
  },
  PRORATE: {
    id: "PRORATE",
    args: [req("amount", "amount"), req("month", "date"), req("served_from", "date"), opt("served_to", "date", "end of the month")],
    result: "scalar",
  },
  ADNA: {
    id: "ADNA",
    args: [req("net_assets", "range", true), req("dates", "range", true), opt("period_start", "date", "first date given"), opt("period_end", "date", "last date given")],
    result: "scalar",
  },
  RATE: {
    id: "RATE",
    args: [req("portfolio", "portfolio"), opt("as_of", "date", "the latest version"), opt("net_assets", "amount", "0 (the first tier's rate)")],
    result: "scalar",
  },
  DAILY: {
    id: "DAILY",
    args: SERIES_ARGS,
    result: "matrix",
  },
  SCHEDULE: {
    id: "SCHEDULE",
    args: [opt("as_of", "date", "the latest version of each portfolio")],
    result: "matrix",
  },
};
