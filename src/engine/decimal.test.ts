import fc from "fast-check";
import { Dec, centsToDec, scaledToDec, toDouble } from "./decimal";

describe("scaled integers as decimals", () => {
  it("writes the same value a decimal division gives, for any safe integer and scale", () => {
    fc.assert(
      fc.property(fc.maxSafeInteger(), fc.integer({ min: 0, max: 12 }), (n, places) => {
        const want = new Dec(n).dividedBy(new Dec(10).pow(places));
        expect(scaledToDec(n, places).equals(want)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it("keeps every digit at the edges: a cent below a whole unit, the largest safe integer, negatives", () => {
    expect(centsToDec(99).toString()).toBe("0.99");
    expect(centsToDec(-5).toString()).toBe("-0.05");
    expect(centsToDec(100).toString()).toBe("1");
    expect(scaledToDec(Number.MAX_SAFE_INTEGER, 8).toString()).toBe("90071992.54740991");
    expect(scaledToDec(999_999_999_999_999, 2).toString()).toBe("9999999999999.99");
  });
});

describe("a decimal as the nearest double", () => {
  const same = (x: Dec) => expect([x.toString(), toDouble(x)]).toEqual([x.toString(), x.toNumber()]);
  it("is toNumber() for any decimal: money, rates, quotients of 40 digits, large, tiny and negative values", () => {
    const digits = fc.stringMatching(/^[0-9]{1,25}$/);
    fc.assert(
      fc.property(digits, fc.integer({ min: -45, max: 30 }), fc.boolean(), (ds, exp, negative) => same(new Dec(`${negative ? "-" : ""}${ds}e${exp}`))),
      { numRuns: 5000 },
    );
    fc.assert(fc.property(fc.maxSafeInteger(), fc.integer({ min: 0, max: 12 }), (n, places) => same(scaledToDec(n, places))), { numRuns: 3000 });
    fc.assert(fc.property(fc.integer({ min: 1, max: 1e12 }), fc.integer({ min: 1, max: 366 }), (n, k) => same(new Dec(n).dividedBy(100).dividedBy(k))), { numRuns: 3000 });
  });
  it("keeps the sign of zero and leaves what it cannot do exactly to toNumber()", () => {
    for (const t of ["0", "-0", "1e22", "1e23", "1e-22", "1e-23", "9007199254740993", "0.1", "-0.3", "123456789012345678901", "1e400", "-1e-400"]) same(new Dec(t));
    for (const t of [new Dec(NaN), new Dec(Infinity), new Dec(-Infinity)]) expect(Object.is(toDouble(t), t.toNumber())).toBe(true);
    expect(Object.is(toDouble(new Dec("-0")), -0)).toBe(true);
  });
});
