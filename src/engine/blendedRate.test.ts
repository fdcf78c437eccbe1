// blendedRate gives one tier's own rate back without the division where that is provably what the division
// gives (see flatRateExact): held to the division on generated values, 40-digit averages and long rates
// among them, where the shortcut would be wrong if its digit count were off.
import fc from "fast-check";
import { Dec, Tier, annualFee, blendedRate } from ".";

/** blendedRate as it always computed it. */
const divided = (tiers: Tier[], a: Dec): Dec => (a.isZero() ? (tiers.length ? tiers[0].rate : new Dec(0)) : annualFee(tiers, a).dividedBy(a));
const same = (x: Dec) => `${x.isNegative() ? "-" : "+"}${x.toString()}|${x.precision()}`;

const digits = (min: number, max: number) => fc.array(fc.integer({ min: 0, max: 9 }), { minLength: min, maxLength: max }).map((d) => d.join(""));
/** A decimal of `min`..`max` digits (leading digit not 0) at a random exponent. */
const decimal = (min: number, max: number, eMin: number, eMax: number) =>
  fc.tuple(fc.integer({ min: 1, max: 9 }), digits(min - 1, max - 1), fc.integer({ min: eMin, max: eMax }), fc.boolean()).map(([lead, rest, e, neg]) => new Dec(`${neg ? "-" : ""}${lead}.${rest}e${e}`));

const average = fc.oneof(
  decimal(1, 45, -3, 15).map((d) => d.abs()),
  // The average of a month: whole cents over 28 to 31 days, 40 digits where the quotient repeats.
  fc.tuple(fc.bigInt({ min: 1n, max: 10n ** 17n }), fc.integer({ min: 28, max: 31 })).map(([cents, days]) => new Dec(cents.toString()).dividedBy(days * 100)),
  fc.constantFrom(new Dec(0), new Dec("-0"), new Dec(-5), new Dec("1e-30"), new Dec(NaN), new Dec(Infinity)),
);
const rate = fc.oneof(
  decimal(1, 20, -8, -1),
  decimal(1, 45, -8, -1),
  fc.integer({ min: -9, max: -1 }).map((e) => new Dec(`1e${e}`)),
  fc.tuple(fc.integer({ min: 2, max: 9 }), fc.integer({ min: -9, max: -1 })).map(([d, e]) => new Dec(`${d}e${e}`)),
  fc.constantFrom(new Dec(0), new Dec("-0"), new Dec("-0.001"), new Dec("0.0075"), new Dec("0.00065"), new Dec(NaN)),
);
const breakpoint = fc.oneof({ weight: 5, arbitrary: fc.constant(new Dec(0)) }, { weight: 1, arbitrary: fc.constantFrom(new Dec("-0"), new Dec(1e8), new Dec("0.01")) });

describe("blendedRate's one-tier shortcut", () => {
  it("gives exactly what the division gives: one tier, any value, any rate", () => {
    fc.assert(
      fc.property(average, rate, breakpoint, (a, r, b) => {
        const tiers = [{ breakpoint: b, rate: r }];
        expect(same(blendedRate(tiers, a))).toBe(same(divided(tiers, a)));
      }),
      { numRuns: 20000 },
    );
  });

  it("takes the shortcut where it may (the rate itself comes back) and still matches on 40-digit averages", () => {
    const r = new Dec("0.001");
    const a = new Dec(123456789012345).dividedBy(3100); // 40 digits
    expect(a.precision()).toBe(40);
    expect(blendedRate([{ breakpoint: new Dec(0), rate: r }], a)).toBe(r);
    expect(same(blendedRate([{ breakpoint: new Dec(0), rate: r }], a))).toBe(same(divided([{ breakpoint: new Dec(0), rate: r }], a)));
    // Two digits on a 40-digit average: the product may be rounded, so the division decides.
    const r2 = new Dec("0.0075");
    const b = new Dec("1234567890.123456789012345678901234567891");
    expect(same(blendedRate([{ breakpoint: new Dec(0), rate: r2 }], b))).toBe(same(divided([{ breakpoint: new Dec(0), rate: r2 }], b)));
  });
});
