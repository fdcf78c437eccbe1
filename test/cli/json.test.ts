// The JSON's numbers read without printing decimals (src/cli/json.ts): `money` is decimal.js'
// `toDecimalPlaces(2).toNumber()` to the bit (Object.is: the negative zero too) on generated values, and
// the reconcile JSON is the one the decimal.js calls give.
import fc from "fast-check";
import { Dec, ReconReport, ReconRow } from "../../src/engine";
import { money, reconcileJson } from "../../src/cli/json";

const decimalJsMoney = (x: Dec) => x.toDecimalPlaces(2).toNumber();

/** Decimal text: a sign, up to 20 integer digits and up to 12 decimals (whole cents most often, as fees are). */
const decimalText = fc
  .tuple(fc.boolean(), fc.bigInt({ min: 0n, max: 10n ** 20n }), fc.oneof(fc.constant(""), fc.integer({ min: 0, max: 99 }).map((c) => String(c).padStart(2, "0")), fc.stringMatching(/^[0-9]{1,12}$/)))
  .map(([neg, whole, frac]) => `${neg ? "-" : ""}${whole}${frac ? `.${frac}` : ""}`);

describe("money", () => {
  it("is toDecimalPlaces(2).toNumber() to the bit on generated values", () => {
    fc.assert(
      fc.property(decimalText, (t) => {
        const x = new Dec(t);
        expect([t, Object.is(money(x), decimalJsMoney(x)), money(x)]).toEqual([t, true, decimalJsMoney(x)]);
      }),
      { numRuns: 5000 },
    );
  });

  it("is right on cents whose double is not the integer times 0.01, on halves, zeros and the edges", () => {
    const cases = ["0.07", "0.29", "1.15", "4.35", "1234567.89", "-0.07", "0", "-0", "-0.001", "0.005", "-0.005", "0.015", "2.675", "90071992547409.91", "90071992547409.93", "9007199254740.993", "1e25", "-1e-9", "123456789012345678.12"];
    for (const t of cases) expect([t, Object.is(money(new Dec(t)), decimalJsMoney(new Dec(t)))]).toEqual([t, true]);
  });
});

describe("reconcileJson", () => {
  it("gives the numbers decimal.js prints", () => {
    const d = (t: string) => new Dec(t);
    const row = (i: number): ReconRow =>
      ({
        portfolio: `P "${i}"`,
        days: 31,
        service: null,
        averageDailyNetAssets: i % 3 ? d("1234567.123456789012345678901234567890123") : null,
        annualRate: null,
        effectiveFrom: null,
        expectedFee: d(`${i}.07`),
        grossFee: d(`${i}.295`),
        waiver: d("-0"),
        subAdvisoryFee: i % 2 ? d("0.29") : null,
        managerNet: i % 2 ? d(`${i}.005`) : null,
        billedFee: d("4.35"),
        difference: d("-0.001"),
        status: "OK",
      }) as unknown as ReconRow;
    const report = { month: { year: 2024, month: 1 }, periodStart: 0, periodEnd: 30, tolerance: d("0.01"), navTiming: "SAME_DAY", rows: [0, 1, 2, 3].map(row), totals: { expectedFee: d("10.07"), billedFee: d("-0") } } as unknown as ReconReport;
    const json = reconcileJson(report);
    json.rows.forEach((r, i) => {
      const x = report.rows[i];
      expect(Object.is(r.expectedFee, decimalJsMoney(x.expectedFee))).toBe(true);
      expect(Object.is(r.grossFee, decimalJsMoney(x.grossFee))).toBe(true);
      expect(Object.is(r.waiver, -0)).toBe(true);
      expect(Object.is(r.difference, -0)).toBe(true);
      expect(r.averageDailyNetAssets).toBe(x.averageDailyNetAssets === null ? null : x.averageDailyNetAssets.toNumber());
      expect(r.managerNet).toBe(x.managerNet === null ? null : decimalJsMoney(x.managerNet));
    });
    expect(json.tolerance).toBe(0.01);
    expect(Object.is(json.totals.billedFee, -0)).toBe(true);
  });
});
