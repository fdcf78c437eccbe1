/** The closed set of error codes the engine raises. */
export type FeeErrorCode =
  | "INVALID_NUMBER"
  | "NEGATIVE_NET_ASSETS"
  | "INVALID_RATE"
  | "INVALID_DATE"
  | "END_BEFORE_START"
  | "UNKNOWN_BASIS"
  | "UNKNOWN_ROUNDING"
  | "UNKNOWN_NAV_TIMING"
  | "UNKNOWN_NOTICE_PARTY"
  | "BASIS_NOT_FOR_ACCRUAL"
  | "LENGTH_MISMATCH"
  | "DUPLICATE_DATE"
  | "NO_DATA"
  | "INVALID_SCHEDULE"
  | "INVALID_SETTINGS"
  | "UNKNOWN_PORTFOLIO"
  | "INVALID_MONTH"
  | "MISSING_ARGUMENT"
  | "GROUP_BELOW_PORTFOLIO";

/** Which Excel error a code becomes: `NOT_AVAILABLE` (#N/A) or `INVALID_VALUE` (#VALUE!). */
export const ERROR_KIND: Record<FeeErrorCode, "INVALID_VALUE" | "NOT_AVAILABLE"> = {
  INVALID_NUMBER: "INVALID_VALUE",
  NEGATIVE_NET_ASSETS: "INVALID_VALUE",
  INVALID_RATE: "INVALID_VALUE",
  INVALID_DATE: "INVALID_VALUE",
  END_BEFORE_START: "INVALID_VALUE",
  UNKNOWN_BASIS: "INVALID_VALUE",
  UNKNOWN_ROUNDING: "INVALID_VALUE",
  UNKNOWN_NAV_TIMING: "INVALID_VALUE",
  UNKNOWN_NOTICE_PARTY: "INVALID_VALUE",
  BASIS_NOT_FOR_ACCRUAL: "INVALID_VALUE",
  LENGTH_MISMATCH: "INVALID_VALUE",
  DUPLICATE_DATE: "INVALID_VALUE",
  NO_DATA: "NOT_AVAILABLE",
  INVALID_SCHEDULE: "INVALID_VALUE",
  INVALID_SETTINGS: "INVALID_VALUE",
  UNKNOWN_PORTFOLIO: "NOT_AVAILABLE",
  INVALID_MONTH: "INVALID_VALUE",
  MISSING_ARGUMENT: "INVALID_VALUE",
  GROUP_BELOW_PORTFOLIO: "INVALID_VALUE",
};

/** Where a bad value was found: the argument (or column) and, for ranges, the 1-based row. */
export interface FeeErrorWhere {
  argument?: string;
  row?: number;
  value?: unknown;
}

function describeValue(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (value === null || value === undefined) return "blank";
  try {
    return String(value);
  } catch {
    return Object.prototype.toString.call(value); // an object whose toString is not callable
  }
}

const MESSAGES: Record<FeeErrorCode, (w: FeeErrorWhere, detail: string) => string> = {
  INVALID_NUMBER: (w) => `is not a number: ${describeValue(w.value)}`,
  NEGATIVE_NET_ASSETS: (w) => `is negative: ${describeValue(w.value)}; net assets cannot be below zero`,
  INVALID_RATE: (w, d) => `is not a valid annual rate: ${describeValue(w.value)}${d ? ` (${d})` : ""}`,
  INVALID_DATE: (w, d) => `is not a valid date: ${describeValue(w.value)}${d ? ` (${d})` : ""}`,
  END_BEFORE_START: (_w, d) => `ends before it starts${d ? `: ${d}` : ""}`,
  UNKNOWN_BASIS: (w, d) => `is not a known day-count basis: ${describeValue(w.value)}; ${d || "use ACT/ACT, ACT/365, ACT/360 or 30/360"}`,
  UNKNOWN_ROUNDING: (w, d) => `is not a known rounding: ${describeValue(w.value)}; ${d || "use DAILY, PERIOD or NONE"}`,
  UNKNOWN_NAV_TIMING: (w, d) => `is not a known net-asset timing: ${describeValue(w.value)}; ${d || "use SAME_DAY or PRIOR_DAY"}`,
  UNKNOWN_NOTICE_PARTY: (w, d) => `is not a party that can give notice: ${describeValue(w.value)}; ${d || "use TRUST or MANAGER"}`,
  BASIS_NOT_FOR_ACCRUAL: (w) =>
    `${describeValue(w.value)} has no daily denominator; daily accrual uses ACT/ACT, ACT/365 or ACT/360 (30/360 applies to fees from an average)`,
  LENGTH_MISMATCH: (_w, d) => `ranges have different lengths: ${d}`,
  DUPLICATE_DATE: (w, d) => `has the same date twice: ${describeValue(w.value)}${d ? ` (${d})` : ""}`,
  NO_DATA: (_w, d) => `has no data${d ? `: ${d}` : ""}`,
  INVALID_SCHEDULE: (_w, d) => `is not a valid fee schedule: ${d}`,
  INVALID_SETTINGS: (_w, d) => `cannot be used: ${d}`,
  UNKNOWN_PORTFOLIO: (w) => `${describeValue(w.value)} is not in the fee schedule`,
  INVALID_MONTH: (w) => `is not a valid month: ${describeValue(w.value)}; use YYYY-MM`,
  MISSING_ARGUMENT: () => `is required`,
  GROUP_BELOW_PORTFOLIO: (_w, d) => `is below the portfolio's own net assets (${d}); the group's total includes this portfolio`,
};

function subject(w: FeeErrorWhere): string {
  const arg = w.argument ?? "input";
  return w.row !== undefined ? `${arg} row ${w.row}` : arg;
}

/** The one error type of the engine. Discriminate by `code`, not `instanceof`. */
export class FeeError extends Error {
  readonly code: FeeErrorCode;
  readonly where: FeeErrorWhere;
  readonly detail: string;
  constructor(code: FeeErrorCode, where: FeeErrorWhere = {}, detail = "") {
    super(`${subject(where)} ${MESSAGES[code](where, detail)}`);
    this.name = "FeeError";
    this.code = code;
    this.where = where;
    this.detail = detail;
  }
}

export function isFeeError(e: unknown): e is FeeError {
  return typeof e === "object" && e !== null && (e as { name?: unknown }).name === "FeeError" && typeof (e as { code?: unknown }).code === "string";
}

/** Returns a copy of the error placed at an argument/row (for errors raised deep inside). */
export function withWhere(e: FeeError, where: FeeErrorWhere): FeeError {
  return new FeeError(e.code, { ...e.where, ...where }, e.detail);
}
