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

const EXACT_POWERS = [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22];

/**
 * `x.toNumber()` (the double nearest the exact decimal) without printing the decimal and parsing the text:
 * from decimal.js' documented read-only digits (`d`, base 10^7 words), exponent (`e`) and sign (`s`).
 * Where the digits make a safe integer M and the value is M × 10^k with |k| ≤ 22, one IEEE
 * multiplication or division of two exact doubles is correctly rounded, as the parse is; anything else
 * (more digits, extreme exponents, NaN, infinities) is left to toNumber().
 *
 * @example toDouble(new Dec("42349.72")) === 42349.72
 */
export function toDouble(x: Dec): number {
  const d = x.d;
  if (!d || d.length > 3) return x.toNumber();
  let m = d[0];
  for (let i = 1; i < d.length; i++) m = m * 1e7 + d[i];
  if (m > Number.MAX_SAFE_INTEGER) return x.toNumber();
  const first = d[0];
  const firstDigits = first >= 1e6 ? 7 : first >= 1e5 ? 6 : first >= 1e4 ? 5 : first >= 1e3 ? 4 : first >= 100 ? 3 : first >= 10 ? 2 : 1;
  const k = x.e - firstDigits + 1 - 7 * (d.length - 1); // value = m × 10^k
  let v: number;
  if (k >= 0 && k <= 22) v = m * EXACT_POWERS[k];
  else if (k < 0 && k >= -22) v = m / EXACT_POWERS[-k];
  else return x.toNumber();
  return x.s < 0 ? -v : v;
}

/**
 * The value as a safe integer at scale 10^places (x × 10^places: cents at 2), or null when it does not fit
 * exactly (a fraction of the unit, or past a safe integer): read from decimal.js' digits as `toDouble`
 * reads them, so no decimal is made. For `places` from 0 to 7 (cents, micros): a value of more than three
 * base-10^7 words of digits is then never a safe integer at that scale.
 *
 * @example toScaledInteger(new Dec("-42349.7"), 2) === -4234970
 */
export function toScaledInteger(x: Dec, places: number): number | null {
  const d = x.d;
  if (!d || d.length > 3) return null;
  // The digits as an integer m without the last word's trailing zeros (900719925.48 is 90|0719925|4800000).
  const n = d.length;
  let last = d[n - 1];
  let zeros = 0;
  while (last !== 0 && last % 10 === 0) {
    last /= 10;
    zeros++;
  }
  let m = 0;
  for (let i = 0; i < n - 1; i++) m = m * 1e7 + d[i];
  m = n > 1 ? m * EXACT_POWERS[7 - zeros] + last : last;
  if (m > Number.MAX_SAFE_INTEGER) return null; // exact below it: every step is an integer smaller than m
  const first = d[0];
  const firstDigits = first >= 1e6 ? 7 : first >= 1e5 ? 6 : first >= 1e4 ? 5 : first >= 1e3 ? 4 : first >= 100 ? 3 : first >= 10 ? 2 : 1;
  const s = x.e - firstDigits + 1 - 7 * (n - 1) + zeros + places; // x × 10^places = m × 10^s
  let c: number;
  if (s >= 0) {
    if (s > 15) return null;
    c = m * EXACT_POWERS[s]; // exact where the result is a safe integer (a correctly rounded product of exact doubles)
    if (!Number.isSafeInteger(c)) return null;
  } else {
    if (-s > 22) return null;
    const p = EXACT_POWERS[-s];
    if (m % p !== 0) return null; // a fraction of a cent
    c = m / p;
  }
  return x.s < 0 ? -c : c;
}

/**
 * The sum of `xs` exactly as adding them to zero one by one with decimal.js' `plus` gives it. Where every
 * value is whole cents and every partial sum a safe integer of cents, each of those additions is exact
 * (a few more than 16 digits, far inside 40), so the sum is the integers' sum, made into one decimal;
 * anything else is added with decimal.js, one by one, as before.
 */
export function sumOf(xs: readonly Dec[]): Dec {
  let cents = 0;
  for (let i = 0; i < xs.length; i++) {
    const c = toScaledInteger(xs[i], 2);
    if (c === null) return xs.reduce((s, x) => s.plus(x), ZERO);
    cents += c;
    if (!Number.isSafeInteger(cents)) return xs.reduce((s, x) => s.plus(x), ZERO);
  }
  return centsToDec(cents);
}
