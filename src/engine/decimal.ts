import DecimalJs from "decimal.js";

/**
 * The one decimal constructor of the engine. 40 significant digits hold any
 * fund's net assets to far below a cent; rounding mode is half away from zero
 * (decimal.js `ROUND_HALF_UP`), the way fund books round.
 */
export const Dec = DecimalJs.clone({ precision: 40, rounding: DecimalJs.ROUND_HALF_UP, toExpNeg: -30, toExpPos: 30 });
export type Dec = InstanceType<typeof Dec>;

export const ZERO = new Dec(0);

/**
 * Divides `numerator` by a positive integer `denominator` and rounds the exact
 * quotient to cents, half away from zero. Exact: no intermediate rounding, so a
 * quotient a hair under a half cent never rounds up.
 *
 * @example divideToCents(new Dec("500000"), 365).toFixed(2) === "1369.86"
 */
export function divideToCents(numerator: Dec, denominator: bigint): Dec {
  const scale = numerator.decimalPlaces();
  const n = BigInt(numerator.times(new Dec(10).pow(scale)).toFixed(0));
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
  const negative = cents < 0;
  const abs = Math.abs(cents);
  const units = Math.floor(abs / 100);
  const rest = abs - units * 100;
  return new Dec(`${negative ? "-" : ""}${units}.${rest < 10 ? "0" : ""}${rest}`);
}

/** The value as a safe integer at scale 10^places, or null when it does not fit exactly. */
export function toScaledInteger(x: Dec, places: number): number | null {
  if (x.decimalPlaces() > places) return null;
  const scaled = x.times(new Dec(10).pow(places));
  const n = scaled.toNumber();
  return Number.isSafeInteger(n) ? n : null;
}
