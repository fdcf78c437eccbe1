import DecimalJs from "decimal.js";

/**
 * The one decimal constructor of the engine. 40 significant digits hold any
 * fund's net assets to far below a cent; rounding mode is half away from zero
 * (decimal.js `ROUND_HALF_UP`), the way fund books round.
 */
export const Dec = DecimalJs.clone({ precision: 40, rounding: DecimalJs.ROUND_HALF_UP, toExpNeg: -30, toExpPos: 30 });
export type Dec = InstanceType<typeof Dec>;

export const ZERO = new Dec(0);

const POWERS_OF_TEN: Dec[] = [];

/** 10^k as a decimal (k a whole number of at least 0), made once: decimal.js' pow costs far more than the multiplication it scales. */
export function pow10(k: number): Dec {
  let p = POWERS_OF_TEN[k];
  if (p === undefined) POWERS_OF_TEN[k] = p = new Dec(`1e${k}`);
  return p;
}

/**
 * Divides `numerator` by a positive integer `denominator` and rounds the exact
 * quotient to cents, half away from zero. Exact: no intermediate rounding, so a
 * quotient a hair under a half cent never rounds up.
 *
 * @example divideToCents(new Dec("500000"), 365).toFixed(2) === "1369.86"
 */
export function divideToCents(numerator: Dec, denominator: bigint): Dec {
  const scale = numerator.decimalPlaces();
  const n = BigInt(numerator.times(pow10(scale)).toFixed(0));
  const d = denominator * 10n ** BigInt(scale);
  const negative = n < 0n;
  const abs = negative ? -n : n;
  const scaled = abs * 100n;
  let q = scaled / d;
  if ((scaled % d) * 2n >= d) q += 1n;
  return new Dec(`${negative ? "-" : ""}${q}`).dividedBy(100);
}

/** Integer cents (a safe integer) as an exact decimal. */
export function centsToDec(cents: number): Dec {
  return scaledToDec(cents, 2);
}

/**
 * A safe integer `n` at scale 10^-places (cents: 2) as an exact decimal, by writing its digits rather than
 * dividing (a decimal.js division costs several times a parse).
 *
 * @example scaledToDec(123456789, 8).toString() === "1.23456789"
 */
export function scaledToDec(n: number, places: number): Dec {
  const negative = n < 0;
  const abs = Math.abs(n);
  const unit = 10 ** places;
  const rest = abs % unit; // exact on safe integers, and so is the quotient of the multiple below
  const units = (abs - rest) / unit;
  const frac = rest === 0 ? "" : `.${String(rest).padStart(places, "0")}`;
  return new Dec(`${negative ? "-" : ""}${units}${frac}`);
}

/** The value as a safe integer at scale 10^places, or null when it does not fit exactly. */
export function toScaledInteger(x: Dec, places: number): number | null {
  if (x.decimalPlaces() > places) return null;
  const scaled = x.times(pow10(places));
  const n = scaled.toNumber();
  return Number.isSafeInteger(n) ? n : null;
}
