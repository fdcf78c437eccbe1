import { Dec, Scaled, ZERO, bigDigits, bigPow10, quotient, round40, scaledQuotient, toScaledInteger } from "./decimal";

/** One marginal tier: `rate` applies to net assets above `breakpoint` (up to the next tier's breakpoint). */
export interface Tier {
  breakpoint: Dec;
  rate: Dec;
}

/**
 * The annual fee on `netAssets` under marginal tiers (sorted by breakpoint,
 * the first at 0).
 *
 * @example annualFee([{breakpoint: 0, rate: 0.001}], 500000000) = 500000
 */
export function annualFee(tiers: readonly Tier[], netAssets: Dec): Dec {
  let fee = ZERO;
  for (let i = 0; i < tiers.length; i++) {
    const lo = tiers[i].breakpoint;
    if (netAssets.lessThanOrEqualTo(lo)) break;
    const hi = i + 1 < tiers.length ? Dec.min(tiers[i + 1].breakpoint, netAssets) : netAssets;
    fee = fee.plus(hi.minus(lo).times(tiers[i].rate));
  }
  return fee;
}

/** The effective (blended) annual rate at an asset level: annual fee / net assets; the first tier's rate at zero. */
export function blendedRate(tiers: readonly Tier[], netAssets: Dec): Dec {
  if (netAssets.isZero()) return tiers.length ? tiers[0].rate : ZERO;
  if (tiers.length === 1 && flatRateExact(tiers[0], netAssets)) return tiers[0].rate;
  return blendedRateByBigInt(tiers, netAssets) ?? quotient(annualFee(tiers, netAssets), netAssets);
}

// Each breakpoint's and rate's magnitude as a BigInt, by decimal (a schedule read from a workbook shares them).
const scaledOf = new WeakMap<Dec, Scaled>();

function bigOnce(x: Dec): Scaled {
  let v = scaledOf.get(x);
  if (v === undefined) scaledOf.set(x, (v = bigDigits(x)));
  return v;
}

/** a − b or a + b (exact), then rounded as decimal.js rounds the result. */
function addScaled(a: Scaled, b: Scaled, sign: 1n | -1n): Scaled {
  const k = Math.min(a.k, b.k);
  return round40(a.m * bigPow10(a.k - k) + sign * b.m * bigPow10(b.k - k), k);
}

/** Compares two non-negative magnitudes exactly. */
function compareScaled(a: Scaled, b: Scaled): number {
  const k = Math.min(a.k, b.k);
  const x = a.m * bigPow10(a.k - k);
  const y = b.m * bigPow10(b.k - k);
  return x < y ? -1 : x > y ? 1 : 0;
}

/**
 * `annualFee(tiers, netAssets).dividedBy(netAssets)` step for step in BigInt: each subtraction,
 * multiplication and addition annualFee makes is correctly rounded by decimal.js (its exact value rounded
 * to 40 digits half up), so each is done exactly and rounded by `round40`, and the division is `quotient`'s.
 * decimal.js' first few thousand calls run before V8 has optimised them (a tiered blended rate cost tens
 * of microseconds); BigInt's arithmetic is built in. Only for the usual case: a positive value, breakpoints
 * and rates finite and not negative, a fee that is not zero; anything else (null) takes decimal.js.
 */
function blendedRateByBigInt(tiers: readonly Tier[], netAssets: Dec): Dec | null {
  if (!netAssets.d || netAssets.s < 0 || netAssets.d[0] === 0 || tiers.length === 0 || Dec.precision !== 40 || Dec.rounding !== Dec.ROUND_HALF_UP) return null;
  for (const t of tiers) if (!t.breakpoint.d || !t.rate.d || t.breakpoint.s < 0 || t.rate.s < 0) return null;
  const a = bigDigits(netAssets);
  let fee: Scaled = { m: 0n, k: 0, n: 0 };
  for (let i = 0; i < tiers.length; i++) {
    const lo = bigOnce(tiers[i].breakpoint);
    if (compareScaled(a, lo) <= 0) break;
    let hi = a;
    if (i + 1 < tiers.length) {
      const next = bigOnce(tiers[i + 1].breakpoint);
      if (compareScaled(next, a) < 0) hi = next;
    }
    const slice = addScaled(hi, lo, -1n);
    if (slice.m <= 0n) return null; // tiers out of order: decimal.js as before
    const r = bigOnce(tiers[i].rate);
    const part = round40(slice.m * r.m, slice.k + r.k);
    fee = addScaled(fee, part, 1n);
  }
  if (fee.m === 0n) return null;
  return scaledQuotient(fee, a, false);
}

// The powers of ten a decimal's first base-10^7 word can be when its digits are a single 1.
const ONE_DIGIT_POWERS = [1, 10, 100, 1000, 10000, 100000, 1000000];

/**
 * Whether one tier from 0 gives back its own rate at `netAssets`, exactly as the division would: for a
 * positive value A and a nonzero rate r, annualFee is A × r rounded to 40 digits (A - 0 and 0 + the
 * product are A and the product, both of at most 40 digits), and the rate is that over A rounded to 40
 * digits. The product of an a-digit and a k-digit integer has at most a + k digits, so where A's
 * significant digits and r's come to 40 or fewer (or r's are a single 1: a power of ten, which only moves
 * the point), the product is exact, the quotient is exactly r, and r (40 digits or fewer) is its own
 * rounding. Anything else (a zero or negative value or rate, more digits) is left to the division.
 */
function flatRateExact(tier: Tier, netAssets: Dec): boolean {
  const r = tier.rate;
  if (!tier.breakpoint.isZero() || !netAssets.isPositive() || r.isZero() || !r.isFinite() || !netAssets.isFinite()) return false;
  const rd = r.sd();
  if (rd === 1 && r.d.length === 1 && ONE_DIGIT_POWERS.includes(r.d[0])) return netAssets.sd() <= 40;
  return netAssets.sd() + rd <= 40;
}

/**
 * Tiers in integer form for the fast exact path: breakpoints in cents and
 * rates in millionths, or null when a value does not fit that form.
 */
export interface IntegerTiers {
  breakpointCents: number[];
  rateMicros: number[];
}

// By decimal (immutable): a schedule read from a workbook shares one decimal per distinct number, so
// thousands of portfolios' tiers convert a handful of values.
const centsOf = new WeakMap<Dec, number | null>();
const microsOf = new WeakMap<Dec, number | null>();

function scaledOnce(cache: WeakMap<Dec, number | null>, x: Dec, places: number): number | null {
  let n = cache.get(x);
  if (n === undefined) cache.set(x, (n = toScaledInteger(x, places)));
  return n;
}

// Integer tiers are read, never changed: one object per distinct list of (cents, micros) pairs serves every
// version with those tiers (thousands of portfolios on a handful of schedules). Bounded, for a long-lived pane.
const sharedTiers = new Map<string, IntegerTiers>();
const SHARED_TIERS_KEPT = 10_000;

export function toIntegerTiers(tiers: readonly Tier[]): IntegerTiers | null {
  const n = tiers.length;
  const breakpointCents = new Array<number>(n);
  const rateMicros = new Array<number>(n);
  let key = "";
  for (let i = 0; i < n; i++) {
    const t = tiers[i];
    const b = scaledOnce(centsOf, t.breakpoint, 2);
    const r = scaledOnce(microsOf, t.rate, 6);
    if (b === null || r === null) return null;
    breakpointCents[i] = b;
    rateMicros[i] = r;
    key += `${Object.is(b, -0) ? "-0" : b}:${Object.is(r, -0) ? "-0" : r};`; // -0 kept apart, as the numbers are
  }
  let shared = sharedTiers.get(key);
  if (shared === undefined) {
    if (sharedTiers.size >= SHARED_TIERS_KEPT) sharedTiers.clear();
    sharedTiers.set(key, (shared = { breakpointCents, rateMicros }));
  }
  return shared;
}

/**
 * The annual fee in units of 10^-8 dollars (cents × millionths) as a safe
 * integer, or null when the exact value does not fit in one.
 */
export function annualFeeScaled(t: IntegerTiers, navCents: number): number | null {
  let fee = 0;
  const n = t.breakpointCents.length;
  for (let i = 0; i < n; i++) {
    const lo = t.breakpointCents[i];
    if (navCents <= lo) break;
    const hi = i + 1 < n && t.breakpointCents[i + 1] < navCents ? t.breakpointCents[i + 1] : navCents;
    const part = (hi - lo) * t.rateMicros[i];
    if (!Number.isSafeInteger(part)) return null;
    fee += part;
    if (!Number.isSafeInteger(fee)) return null;
  }
  return fee;
}
