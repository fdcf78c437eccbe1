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

describe("blendedRate on tiers, in BigInt", () => {
  // Each of annualFee's subtractions, multiplications and additions and the division are decimal.js'
  // correctly rounded results: the BigInt path must give the very decimal (sign, exponent, words).
  const rep = (x: Dec) => ({ s: x.s, e: x.e, d: x.d ? [...x.d] : null });
  const cents = fc.integer({ min: 1, max: 5e11 }).map((c) => new Dec(c).dividedBy(100));
  const tiered = fc
    .tuple(
      fc.array(fc.oneof({ weight: 4, arbitrary: cents }, { weight: 1, arbitrary: decimal(1, 45, -12, 12).map((d) => d.abs()) }), { minLength: 0, maxLength: 4 }),
      fc.array(fc.oneof({ weight: 3, arbitrary: rate }, { weight: 1, arbitrary: fc.constantFrom(new Dec("0.5"), new Dec("0.0075"), new Dec("0.007"), new Dec("0.0065")) }), { minLength: 5, maxLength: 5 }),
      fc.boolean(),
      fc.boolean(),
    )
    .map(([bps, rates, sorted, fromZero]) => {
      const breakpoints = sorted ? [...bps].sort((x, y) => x.comparedTo(y)) : bps;
      return [...(fromZero ? [new Dec(0)] : []), ...breakpoints].map((b, i) => ({ breakpoint: b, rate: rates[i] }));
    });
  const value = fc.oneof(average, cents, fc.tuple(fc.bigInt({ min: 1n, max: 10n ** 17n }), fc.integer({ min: 28, max: 31 })).map(([c, days]) => new Dec(c.toString()).dividedBy(days * 100)));
  it("gives the decimal the decimal.js steps give: sorted tiers or not, breakpoints of cents or of 45 digits, any rate", () => {
    fc.assert(
      fc.property(tiered, value, (tiers, a) => {
        expect(rep(blendedRate(tiers, a))).toEqual(rep(divided(tiers, a)));
      }),
      { numRuns: 8000 },
    );
  });
  it("rounds a product's tie at the 41st digit up, as times does: half of a 40-digit odd slice", () => {
    const a = new Dec("1234567890123456789012345678901234567891"); // 40 digits, odd: a × 0.5 ends in a 5 at the 41st
    const tiers = [{ breakpoint: new Dec(0), rate: new Dec("0.5") }, { breakpoint: new Dec("1e50"), rate: new Dec("0.1") }];
    expect(rep(blendedRate(tiers, a))).toEqual(rep(divided(tiers, a)));
    const over = new Dec("2e9").plus(new Dec("1").dividedBy(3)); // past two breakpoints, 40 digits
    const bench = [{ breakpoint: new Dec(0), rate: new Dec("0.0075") }, { breakpoint: new Dec(1e9), rate: new Dec("0.007") }, { breakpoint: new Dec(2e9), rate: new Dec("0.0065") }];
    expect(rep(blendedRate(bench, over))).toEqual(rep(divided(bench, over)));
  });
  it("carries a product rounded up to a power of ten, and rounds each product before it is added, as decimal.js does", () => {
    // 0.5 × (1 and forty 9s): forty 9s and a 5, rounded up to 10^40.
    const carry = [{ breakpoint: new Dec(0), rate: new Dec("0.5") }];
    const big = new Dec(`1${"9".repeat(40)}`);
    expect(blendedRate(carry, big).toFixed()).toBe(divided(carry, big).toFixed());
    expect(rep(blendedRate(carry, big))).toEqual(rep(divided(carry, big)));
    // 10^9 × 0.(forty-one 9s) rounds up to exactly 10^9: the fee over the value is 1.
    const nines = [{ breakpoint: new Dec(0), rate: new Dec(`0.${"9".repeat(41)}`) }, { breakpoint: new Dec(1e10), rate: new Dec("0.1") }];
    expect(blendedRate(nines, new Dec(1e9)).toFixed()).toBe("1");
    expect(rep(blendedRate(nines, new Dec(1e9)))).toEqual(rep(divided(nines, new Dec(1e9))));
    // 10^39 from the first tier, then 1 × 0.4 and forty 9s: rounded first (to 0.5), the sum's half rounds up.
    const twice = [{ breakpoint: new Dec(0), rate: new Dec("0.01") }, { breakpoint: new Dec("1e41"), rate: new Dec(`0.4${"9".repeat(40)}`) }];
    const a = new Dec(`1${"0".repeat(40)}1`); // 10^41 + 1, 42 digits as read (a sum would round it)
    expect(rep(blendedRate(twice, a))).toEqual(rep(divided(twice, a)));
    expect(annualFee(twice, a).toFixed()).toBe(`1${"0".repeat(38)}1`);
  });
});
