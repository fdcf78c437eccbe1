import { Dec, ZERO, quotient, toScaledInteger } from "./decimal";

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
  return quotient(annualFee(tiers, netAssets), netAssets);
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

export function toIntegerTiers(tiers: readonly Tier[]): IntegerTiers | null {
  const breakpointCents: number[] = [];
  const rateMicros: number[] = [];
  for (const t of tiers) {
    const b = scaledOnce(centsOf, t.breakpoint, 2);
    const r = scaledOnce(microsOf, t.rate, 6);
    if (b === null || r === null) return null;
    breakpointCents.push(b);
    rateMicros.push(r);
  }
  return { breakpointCents, rateMicros };
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
