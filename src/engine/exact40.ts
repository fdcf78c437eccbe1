import { Dec } from "./decimal";

/**
 * Exact integer arithmetic that gives what `Dec` (40 significant digits, half away from zero) gives,
 * for the per-portfolio divisions of a month end (average daily net assets, blended rate): a value is
 * `m × 10^e` with `m` a non-negative bigint, and each operation computes the exact result and rounds it
 * to 40 significant digits half up, as decimal.js' `plus`, `minus`, `times` and `dividedBy` do (each
 * rounds its exact result once). Only non-negative finite values; anything else is left to decimal.js
 * by the callers (`sigOf` gives null). Held to decimal.js by a property test (test/exact40.test.ts).
 */
export interface Sig {
  readonly m: bigint;
  readonly e: number;
}

const PRECISION = 40;
const POW: bigint[] = [1n];
for (let k = 1; k <= 128; k++) POW.push(POW[k - 1] * 10n);

const pow10n = (k: number): bigint => (k < POW.length ? POW[k] : 10n ** BigInt(k));

/** Number of decimal digits of m (m ≥ 0; 1 for 0). */
export function digitsOf(m: bigint): number {
  if (m >= POW[POW.length - 1]) return m.toString().length;
  let lo = 1; // POW[lo - 1] <= m
  let hi = POW.length - 1; // m < POW[hi]
  while (hi - lo > 0) {
    const mid = (lo + hi) >> 1;
    if (m >= POW[mid]) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** m × 10^e rounded to 40 significant digits, half up. */
export function round40(m: bigint, e: number): Sig {
  const n = digitsOf(m);
  if (n <= PRECISION) return { m, e };
  const k = n - PRECISION;
  const p = pow10n(k);
  let q = m / p;
  if ((m - q * p) * 2n >= p) q += 1n;
  return { m: q, e: e + k };
}

export function add40(a: Sig, b: Sig): Sig {
  if (a.m === 0n) return round40(b.m, b.e);
  if (b.m === 0n) return round40(a.m, a.e);
  const e = Math.min(a.e, b.e);
  return round40(a.m * pow10n(a.e - e) + b.m * pow10n(b.e - e), e);
}

/** a − b, or null when it would be negative. */
export function sub40(a: Sig, b: Sig): Sig | null {
  if (b.m === 0n) return round40(a.m, a.e);
  const e = Math.min(a.e, b.e);
  const d = a.m * pow10n(a.e - e) - b.m * pow10n(b.e - e);
  return d < 0n ? null : round40(d, e);
}

export function mul40(a: Sig, b: Sig): Sig {
  return round40(a.m * b.m, a.e + b.e);
}

/** a / b (b > 0): the exact quotient rounded once to 40 significant digits, half up. */
export function div40(a: Sig, b: Sig): Sig {
  if (a.m === 0n) return { m: 0n, e: 0 };
  let num = a.m;
  let den = b.m;
  // Scale so that the integer quotient has 40 or 41 digits; the remainder decides the rounding.
  const s = PRECISION - digitsOf(num) + digitsOf(den);
  if (s >= 0) num *= pow10n(s);
  else den *= pow10n(-s);
  const q = num / den;
  const r = num - q * den;
  const e = a.e - b.e - s;
  const n = digitsOf(q);
  if (n <= PRECISION) return { m: r * 2n >= den ? q + 1n : q, e };
  const k = n - PRECISION;
  const p = pow10n(k);
  let top = q / p;
  const low = q - top * p; // discarded digits: (low + r / den) / p of a unit
  if ((low * den + r) * 2n >= p * den) top += 1n;
  return { m: top, e: e + k };
}

/** Compares exactly: negative, 0 or positive as a <, =, > b. */
export function cmp(a: Sig, b: Sig): number {
  if (a.m === 0n || b.m === 0n) return a.m === b.m ? 0 : a.m === 0n ? -1 : 1;
  const e = Math.min(a.e, b.e);
  const x = a.m * pow10n(a.e - e);
  const y = b.m * pow10n(b.e - e);
  return x < y ? -1 : x > y ? 1 : 0;
}

const sigCache = new WeakMap<Dec, Sig | null>();

/** A non-negative finite decimal as m × 10^e (cached by decimal: they are immutable), else null. */
export function sigOf(x: Dec): Sig | null {
  let s = sigCache.get(x);
  if (s === undefined) {
    s = readSig(x);
    sigCache.set(x, s);
  }
  return s;
}

function readSig(x: Dec): Sig | null {
  // decimal.js' documented read-only representation: digits `d` in base-10^7 words (the first without
  // leading zeros), exponent `e` of the first digit, sign `s`.
  const d = x.d;
  if (!d || !Number.isFinite(x.e)) return null;
  if (d.length === 1 && d[0] === 0) return { m: 0n, e: 0 };
  if (x.s < 0) return null;
  let text = String(d[0]);
  for (let i = 1; i < d.length; i++) text += String(d[i]).padStart(7, "0");
  return { m: BigInt(text), e: x.e - text.length + 1 };
}

/** The decimal of m × 10^e (exact: decimal.js keeps every digit a constructor is given). */
export function decOf(s: Sig): Dec {
  const x = s.m === 0n ? new Dec(0) : new Dec(s.e === 0 ? s.m.toString() : `${s.m}e${s.e}`);
  sigCache.set(x, s);
  return x;
}

/** n / days as Dec gives it (`n.dividedBy(days)`), days a positive safe integer. */
export function divideByCount(n: Sig, days: number): Dec {
  return decOf(div40(n, { m: BigInt(days), e: 0 }));
}
