// The exact-integer route for the per-portfolio divisions of a month end (src/engine/exact40.ts: the
// average daily net assets and the blended rate) held to decimal.js, which it replaces: each operation
// must give the very decimal `Dec` gives (40 significant digits, half away from zero), digit for digit.
// Inputs aim at what a shortcut gets wrong: exact rounding ties and a unit either side of them, quotients
// that carry into a 41st digit, huge and tiny values, rates finer than a millionth, values on a breakpoint.
// Checked by mutation: rounding ties down (`>` for `>=`) in round40 or in either of div40's two
// branches fails this file. (Dropping the remainder from div40's 41-digit branch is not a fault: one
// discarded digit plus a remainder below one unit of it is at least half exactly when the digit is.)
import fc from "fast-check";
import DecimalJs from "decimal.js";
import { Dec, Tier, annualFee, blendedRate } from "../src/engine";
import { Sig, add40, cmp, decOf, digitsOf, div40, divideByCount, mul40, round40, sigOf, sub40 } from "../src/engine/exact40";
import { ExactSum, averageOf } from "../src/engine/exactSum";

const R = DecimalJs.clone({ precision: 200, rounding: DecimalJs.ROUND_HALF_UP });
const text = (s: Sig) => (s.e === 0 ? s.m.toString() : `${s.m}e${s.e}`);
const dec = (s: Sig) => new Dec(text(s));
/** The decimal the integer route gives, as a decimal (to compare by value and by its printed form). */
const same = (got: Sig | Dec, want: Dec) => {
  const g = got instanceof Dec ? got : dec(got);
  expect(g.toString()).toBe(want.toString());
  expect(g.equals(want)).toBe(true);
};

const RUNS = { numRuns: 3000, seed: 20261129 };
const mantissa = fc.oneof(
  fc.bigInt({ min: 0n, max: 10n ** 12n }),
  fc.bigInt({ min: 0n, max: 10n ** 40n }),
  fc.bigInt({ min: 10n ** 39n, max: 10n ** 41n }),
  fc.bigInt({ min: 0n, max: 10n ** 70n }),
);
const sig = fc.record({ m: mantissa, e: fc.integer({ min: -60, max: 30 }) });
const positive = sig.filter((s) => s.m > 0n);
/** A 41-digit mantissa ending in 5: rounding it to 40 digits is an exact tie. */
const tie41 = fc.bigInt({ min: 10n ** 39n, max: 10n ** 40n - 1n }).map((q) => q * 10n + 5n);

describe("exact40 against decimal.js (40 digits, half up)", () => {
  test("digitsOf counts digits", () => {
    fc.assert(fc.property(fc.bigInt({ min: 0n, max: 10n ** 150n }), (m) => expect(digitsOf(m)).toBe(m.toString().length)), RUNS);
    for (let k = 0; k < 140; k++) {
      expect(digitsOf(10n ** BigInt(k))).toBe(k + 1);
      if (k > 0) expect(digitsOf(10n ** BigInt(k) - 1n)).toBe(k);
    }
  });

  test("round40, add, subtract, multiply", () => {
    fc.assert(
      fc.property(sig, sig, (a, b) => {
        same(round40(a.m, a.e), dec(a).toSignificantDigits(40));
        same(add40(a, b), dec(a).plus(dec(b)));
        same(mul40(a, b), dec(a).times(dec(b)));
        const d = sub40(a, b);
        if (dec(a).lessThan(dec(b))) expect(d).toBeNull();
        else same(d!, dec(a).minus(dec(b)));
        expect(cmp(a, b)).toBe(dec(a).comparedTo(dec(b)));
      }),
      RUNS,
    );
  });

  test("ties and a unit either side, in every operation", () => {
    fc.assert(
      fc.property(tie41, fc.integer({ min: -1, max: 1 }), fc.integer({ min: -40, max: 20 }), fc.bigInt({ min: 1n, max: 10n ** 25n }), (q, off, e, b) => {
        const m = q + BigInt(off);
        same(round40(m, e), new Dec(`${m}e${e}`).toSignificantDigits(40));
        // a quotient that is exactly the tie (or a hair off it): a = m × b
        same(div40({ m: m * b, e }, { m: b, e: 0 }), new Dec(`${m * b}e${e}`).dividedBy(new Dec(b.toString())));
        // a sum and a product whose exact result is the tie
        same(add40({ m: m - 7n, e }, { m: 7n, e }), new Dec(`${m - 7n}e${e}`).plus(new Dec(`7e${e}`)));
        same(mul40({ m, e }, { m: 1n, e: -3 }), new Dec(`${m}e${e}`).times(new Dec("1e-3")));
      }),
      RUNS,
    );
  });

  test("division: any quotient, to the digit", () => {
    fc.assert(
      fc.property(sig, positive, (a, b) => {
        const want = dec(a).dividedBy(dec(b));
        same(div40(a, b), want);
        // and against the 200-digit reference rounded once to 40 digits
        expect(dec(div40(a, b)).toString()).toBe(new Dec(new R(text(a)).dividedBy(new R(text(b))).toSignificantDigits(40, R.ROUND_HALF_UP).toString()).toString());
      }),
      RUNS,
    );
  });

  test("an average of whole cents over 1 to 366 days, and over a flushed sum", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), { minLength: 1, maxLength: 40 }), fc.integer({ min: 1, max: 366 }), (parts, days) => {
        const s = new ExactSum(2);
        const t = new ExactSum(2);
        for (const p of parts) {
          s.addScaled(p);
          t.addScaled(p);
        }
        same(averageOf(s, days), t.value().dividedBy(days));
        same(divideByCount({ m: BigInt(parts[0]), e: -2 }, days), new Dec(parts[0]).dividedBy(100).dividedBy(days));
      }),
      RUNS,
    );
    // a decimal part (sub-cent values) too
    const s = new ExactSum(2);
    s.addScaled(12_345);
    s.addDec(new Dec("0.0049999"));
    same(averageOf(s, 7), new Dec("123.4549999").dividedBy(7));
  });

  const rate = fc.oneof(
    fc.constantFrom("0.001", "0.0075", "0.007", "0.0065", "0.00065", "0.000012345", "1e-12", "0.0123456789012345678901234567890123456789", "0", "0.5"),
    fc.integer({ min: 0, max: 100_000 }).map((n) => `${n}e-6`),
    fc.bigInt({ min: 1n, max: 10n ** 30n }).map((n) => `${n}e-33`),
  );
  const tiers = fc
    .tuple(fc.array(fc.oneof(fc.integer({ min: 1, max: 2_000_000_000_00 }).map((c) => `${c}e-2`), fc.bigInt({ min: 1n, max: 10n ** 20n }).map((n) => `${n}e-5`)), { maxLength: 4 }), fc.array(rate, { minLength: 5, maxLength: 5 }))
    .map(([bps, rates]) => {
      const sorted = [...new Set(bps.map((b) => new Dec(b).toString()))].map((b) => new Dec(b)).sort((x, y) => x.comparedTo(y));
      return [new Dec(0), ...sorted].map((breakpoint, i): Tier => ({ breakpoint, rate: new Dec(rates[i]) }));
    });
  const netAssets = (t: Tier[]) =>
    fc.oneof(
      // an average of whole cents: a 40-digit quotient
      fc.tuple(fc.bigInt({ min: 1n, max: 10n ** 20n }), fc.integer({ min: 1, max: 366 })).map(([c, d]) => new Dec(c.toString()).dividedBy(100).dividedBy(d)),
      // on a breakpoint, and a hair either side
      fc.tuple(fc.constantFrom(...t.map((x) => x.breakpoint)), fc.constantFrom("0", "1e-30", "-1e-30", "0.01", "-0.01")).map(([b, h]) => b.plus(h)).filter((x) => x.greaterThan(0)),
      // huge and tiny
      fc.bigInt({ min: 1n, max: 10n ** 40n }).map((n) => new Dec(`${n}e-20`)),
      fc.bigInt({ min: 1n, max: 10n ** 15n }).map((n) => new Dec(`${n}e5`)),
      fc.bigInt({ min: 1n, max: 10n ** 5n }).map((n) => new Dec(`${n}e-25`)),
    );

  test("the blended rate: the annual fee over the tiers divided by net assets, as decimal.js gives it", () => {
    fc.assert(
      fc.property(
        tiers.chain((t) => fc.tuple(fc.constant(t), netAssets(t))),
        ([t, na]) => same(blendedRate(t, na), annualFee(t, na).dividedBy(na)),
      ),
      RUNS,
    );
  });

  test("falls back to decimal.js on what it does not take (negatives, zero, breakpoints out of order)", () => {
    const t = (pairs: [string, string][]): Tier[] => pairs.map(([b, r]) => ({ breakpoint: new Dec(b), rate: new Dec(r) }));
    for (const [tt, na] of [
      [t([["0", "-0.001"]]), "1000000"],
      [t([["0", "0.001"], ["-5", "0.002"]]), "1000000"],
      [t([["0", "0.001"], ["2000000", "0.002"], ["1000", "0.003"]]), "3000000"],
      [t([["0", "0.001"]]), "0"],
    ] as [Tier[], string][]) {
      const x = new Dec(na);
      same(blendedRate(tt, x), x.isZero() ? tt[0].rate : annualFee(tt, x).dividedBy(x));
    }
    expect(sigOf(new Dec(-1))).toBeNull();
    expect(sigOf(new Dec(NaN))).toBeNull();
    expect(sigOf(new Dec(Infinity))).toBeNull();
    expect(sigOf(new Dec("-0"))).toEqual({ m: 0n, e: 0 });
  });

  test("decOf and sigOf round-trip", () => {
    fc.assert(
      fc.property(sig, (s) => {
        const x = decOf(s);
        expect(x.equals(dec(s))).toBe(true);
        expect(cmp(readBack(x), s)).toBe(0);
      }),
      RUNS,
    );
  });
});

/** sigOf on a decimal made without decOf (so not from its cache). */
const readBack = (x: Dec): Sig => sigOf(new Dec(x.toString()))!;
