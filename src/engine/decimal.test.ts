import fc from "fast-check";
import { Dec, centsToDec, scaledToDec } from "./decimal";

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
