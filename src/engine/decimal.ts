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
  // A safe integer prints as its exact digits (no exponent below 10^21): the decimal is made from them
  // directly, as parsing "units.frac" would make it, without the parse's regular expressions.
  if (Number.isSafeInteger(n) && (places === 2 || places === 8)) return fromWords(n, places);
  const negative = n < 0;
  const abs = Math.abs(n);
  const unit = 10 ** places;
  const rest = abs % unit; // exact on safe integers, and so is the quotient of the multiple below
  const units = (abs - rest) / unit;
  const frac = rest === 0 ? "" : `.${String(rest).padStart(places, "0")}`;
  return new Dec(`${negative ? "-" : ""}${units}${frac}`);
}

const LOG_BASE = 7; // decimal.js keeps its digits in base-10^7 words

/** The number of digits of a positive integer below 10^7. */
function digitCount(w: number): number {
  return w >= 1e6 ? 7 : w >= 1e5 ? 6 : w >= 1e4 ? 5 : w >= 1e3 ? 4 : w >= 100 ? 3 : w >= 10 ? 2 : 1;
}

/**
 * scaledToDec for a safe integer `n` at `places` 2 or 8, from the integer's base-10^7 words worked out with
 * exact integer arithmetic on doubles (every quotient and remainder below is of safe integers by a power
 * of ten, so exact), written into a decimal as `fromDigits` writes them: the words whose last digit is at
 * 10^14, 10^7, 10^0, 10^-7 and 10^-14, without the leading and trailing zero ones.
 */
function fromWords(n: number, places: number): Dec {
  if (n === 0) return new Dec(0); // "0": scaledToDec's sign is n < 0, so -0 is written "0" too

  const abs = n < 0 ? -n : n;
  const unit = places === 2 ? 100 : 1e8;
  const f = abs % unit;
  const u = (abs - f) / unit;
  const u0 = u % 1e7;
  const t = (u - u0) / 1e7;
  const u1 = t % 1e7;
  const u2 = (t - u1) / 1e7;
  const frac = f * (places === 2 ? 1e12 : 1e6); // the fraction in units of 10^-14 (below 10^14: exact)
  const f2 = frac % 1e7;
  const f1 = (frac - f2) / 1e7;
  const w = [u2, u1, u0, f1, f2];
  let a = 0;
  while (w[a] === 0) a++;
  let b = 4;
  while (w[b] === 0) b--;
  const x = new Dec(0);
  const raw = x as unknown as { s: number; e: number; d: number[] };
  raw.s = n < 0 ? -1 : 1;
  raw.e = LOG_BASE * (2 - a) + digitCount(w[a]) - 1;
  raw.d = a === 0 && b === 4 ? w : w.slice(a, b + 1);
  return x;
}

/**
 * The decimal `digits` × 10^`exp` (`digits` a non-empty string of 0-9; negative: its negation) exactly as
 * `new Dec("[-]digits" + "e" + exp)` makes it, without the parse's regular expressions and string
 * replacing: decimal.js' documented representation (sign `s`, exponent `e` of the first significant
 * digit, digits `d` in base-10^7 words aligned so that the decimal point falls between words, no leading
 * or trailing zero word; zero is `d = [0]`, `e = 0`) is written into a decimal made by the constructor,
 * word for word what its `parseDecimal` writes. The exponent must stay within decimal.js' default range
 * (it is here: a few dozen digits either side of the point). Held to the parse by a property test.
 */
export function fromDigits(negative: boolean, digits: string, exp: number): Dec {
  let start = 0;
  while (digits.charCodeAt(start) === 48) start++;
  let len = digits.length;
  while (len > start && digits.charCodeAt(len - 1) === 48) len--;
  if (start === len) return new Dec(negative ? -0 : 0); // zero: "-0" parses as a negative zero, as does -0
  const x = new Dec(0);
  const str = digits.slice(start, len);
  len -= start;
  // parseDecimal's base transformation, from the significant digits and the exponent of the first one.
  const e = exp + (digits.length - start) - 1;
  const d: number[] = [];
  let i = (e + 1) % LOG_BASE;
  if (e < 0) i += LOG_BASE;
  let rest = str;
  if (i < len) {
    if (i) d.push(+str.slice(0, i));
    for (len -= LOG_BASE; i < len; ) d.push(+str.slice(i, (i += LOG_BASE)));
    rest = str.slice(i);
    i = LOG_BASE - rest.length;
  } else {
    i -= len;
  }
  for (; i--; ) rest += "0";
  d.push(+rest);
  const w = x as unknown as { s: number; e: number; d: number[] };
  w.s = negative ? -1 : 1;
  w.e = e;
  w.d = d;
  return x;
}

const TEN = 10n;
const BIG_POWERS: bigint[] = [1n];

export function bigPow10(k: number): bigint {
  for (let i = BIG_POWERS.length; i <= k; i++) BIG_POWERS[i] = BIG_POWERS[i - 1] * TEN;
  return BIG_POWERS[k];
}

/** A decimal's magnitude as an integer and a power of ten: m × 10^k, m of n digits (0n, 0, 0 for zero). */
export interface Scaled {
  m: bigint;
  k: number;
  n: number;
}

/** A finite decimal's digits as an integer M and the exponent of its last digit k (|x| = M × 10^k), and M's number of digits. */
export function bigDigits(x: Dec): Scaled {
  if (x.d![0] === 0) return { m: 0n, k: 0, n: 0 };
  return bigDigitsOf(x);
}

/**
 * The exact m × 10^k rounded to the engine's 40 significant digits, half away from zero, as decimal.js
 * rounds the exact result of each of its additions, subtractions and multiplications (they are correctly
 * rounded: the operation's exact value, then `finalise` at the precision).
 */
export function round40(m: bigint, k: number): Scaled {
  if (m === 0n) return { m, k: 0, n: 0 };
  const n = m.toString().length;
  if (n <= 40) return { m, k, n };
  const p = bigPow10(n - 40);
  let q = m / p;
  if ((m - q * p) * 2n >= p) q += 1n;
  return q === BIG_POWERS_40 ? { m: 1n, k: k + n, n: 1 } : { m: q, k: k + n - 40, n: 40 };
}

/** quotient's division for magnitudes already read (nonzero): the decimal a / b, negative when asked. */
export function scaledQuotient(a: Scaled, b: Scaled, negative: boolean): Dec {
  // a.m / b.m lies in (10^(a.n-b.n-1), 10^(a.n-b.n+1)): scaled by 10^s it has 41 or 42 digits.
  let s = 41 - a.n + b.n;
  let q = s >= 0 ? (a.m * bigPow10(s)) / b.m : a.m / (b.m * bigPow10(-s));
  if (q >= BIG_POWERS_41) {
    q /= TEN; // the floor of the floor over 10 is the floor of the value over 10
    s--;
  }
  const rounded = (q + 5n) / TEN;
  // |a / b| = (a.m / b.m) × 10^(a.k - b.k), and q's last digit is at 10^(a.k - b.k - s); rounded's one place up.
  return fromDigits(negative, rounded.toString(), a.k - b.k - s + 1);
}

function bigDigitsOf(x: Dec): Scaled {
  const d = x.d;
  let m = BigInt(d[0]);
  for (let i = 1; i < d.length; i++) m = m * 10_000_000n + BigInt(d[i]);
  const first = d[0];
  const firstDigits = first >= 1e6 ? 7 : first >= 1e5 ? 6 : first >= 1e4 ? 5 : first >= 1e3 ? 4 : first >= 100 ? 3 : first >= 10 ? 2 : 1;
  return { m, k: x.e - firstDigits + 1 - LOG_BASE * (d.length - 1), n: firstDigits + LOG_BASE * (d.length - 1) };
}

/**
 * `x.dividedBy(y)` for the engine's decimals (40 significant digits, half away from zero), with BigInt
 * long division instead of decimal.js' base-10^7 one (tens of microseconds a call on a 40-digit
 * divisor). decimal.js' division is correctly rounded: it computes the quotient's digits past the 40th
 * exactly and rounds them half up, and under ROUND_HALF_UP only the first digit past the 40th decides
 * (5 or more rounds the magnitude up). So: Q = the exact quotient's first 41 significant digits
 * (truncated), (Q + 5) / 10 truncated is the rounded 40, made into a decimal from its digits. A zero,
 * NaN or infinite operand, or another precision or rounding mode, is left to decimal.js. Held to
 * `dividedBy` by a property test (ties, 40-digit operands, carries to a power of ten).
 */
export function quotient(x: Dec, y: Dec): Dec {
  if (!x.d || !y.d || x.d[0] === 0 || y.d[0] === 0 || Dec.precision !== 40 || Dec.rounding !== Dec.ROUND_HALF_UP) return x.dividedBy(y);
  return scaledQuotient(bigDigitsOf(x), bigDigitsOf(y), x.s * y.s < 0);
}

const BIG_POWERS_40 = bigPow10(40);
const BIG_POWERS_41 = bigPow10(41);

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
  if (!d) return x.toNumber();
  if (d.length > 3) return longToDouble(x);
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
 * toDouble for more digits than a safe integer holds (a 40-digit average or blended rate): the value is
 * M × 10^k with M an integer; M × 10^k (k ≥ 0) is an integer that BigInt's conversion to a number rounds
 * to the nearest double, ties to even, as the parse of its digits does. For k < 0, q = ⌊M × 2^s / 10^-k⌋
 * with s chosen so q has at least 56 bits, and 2q + (1 if anything was left over), so that a value above
 * a halfway point is never taken for one; that converted (correctly rounded, ties to even) and scaled
 * by 2^-(s+1), which is exact for a normal double. Anything else (subnormal, huge, NaN, infinities) is
 * left to toNumber(). Held to toNumber() by a property test, halfway points and their neighbours included.
 */
function longToDouble(x: Dec): number {
  const { m, k, n } = bigDigitsOf(x);
  let v: number;
  if (k >= 0) {
    if (k + n > 300) return x.toNumber();
    v = Number(m * bigPow10(k));
  } else {
    const j = -k;
    if (j > 340 || n - j < -300) return x.toNumber();
    // bits(10^j) <= ceil(j × 3.3220) + 1 and bits(m) >= floor((n - 1) × 3.3219) + 1
    const s = Math.max(0, 56 + Math.ceil(j * 3.322) - Math.floor((n - 1) * 3.3219));
    const p = bigPow10(j);
    const scaled = m << BigInt(s);
    const q = scaled / p;
    const q2 = (q << 1n) | (q * p === scaled ? 0n : 1n);
    v = Number(q2) * 2 ** -(s + 1);
    if (!(v >= 2 ** -1000 && v < 2 ** 1000)) return x.toNumber();
  }
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
