import { Dec } from "./decimal";
import { FeeError, FeeErrorWhere } from "./FeeError";

const RATE_TEXT = /^([+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?)\s*(%|bps?|bp)?$/i;

/**
 * An annual rate as a fraction. Accepts a number (`0.001`), or text: `"0.001"`,
 * `"0.10%"`, `"10bp"`, `"10 bps"`. A rate must lie in [0, 1).
 *
 * @example parseRate("0.10%").toString() === "0.001"
 */
export function parseRate(value: unknown, where: FeeErrorWhere = {}): Dec {
  const rate = parseRateValue(value, where);
  checkRate(rate, { ...where, value });
  return rate;
}

/** Like parseRate, without the range check: for schedules, whose validation reports a bad rate as an issue. */
export function parseRateValue(value: unknown, where: FeeErrorWhere = {}): Dec {
  let rate: Dec;
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new FeeError("INVALID_RATE", { ...where, value });
    rate = new Dec(value);
  } else if (typeof value === "string") {
    const m = RATE_TEXT.exec(value.trim());
    if (!m) throw new FeeError("INVALID_RATE", { ...where, value }, "write it as 0.001, 0.10% or 10bp");
    const n = new Dec(m[1]);
    const unit = (m[2] ?? "").toLowerCase();
    rate = unit === "%" ? n.dividedBy(100) : unit.startsWith("bp") ? n.dividedBy(10000) : n;
  } else {
    throw new FeeError("INVALID_RATE", { ...where, value });
  }
  return rate;
}

export function checkRate(rate: Dec, where: FeeErrorWhere): void {
  if (rate.isNegative() || rate.greaterThanOrEqualTo(1)) {
    throw new FeeError("INVALID_RATE", where, "an annual rate must be at least 0 and below 100%");
  }
}

/** Parses a number given as a number or as text (`"1,234.50"`, `"$1,234.50"`). */
export function parseAmount(value: unknown, where: FeeErrorWhere = {}): Dec {
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new FeeError("INVALID_NUMBER", { ...where, value });
    return new Dec(value);
  }
  if (typeof value === "string") {
    const t = value.trim().replace(/^\$/, "").replace(/,(?=\d{3}(\D|$))/g, "");
    if (/^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(t)) return new Dec(t);
  }
  throw new FeeError("INVALID_NUMBER", { ...where, value });
}
