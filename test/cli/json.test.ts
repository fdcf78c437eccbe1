// The JSON's numbers read without printing decimals (src/cli/json.ts): `money` is decimal.js'
// `toDecimalPlaces(2).toNumber()` to the bit (Object.is: the negative zero too) on generated values, and
// the reconcile JSON is the one the decimal.js calls give.
import fc from "fast-check";
import { Dec, ReconReport, ReconRow, toDouble } from "../../src/engine";
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

describe("toDouble, as the JSON reads averages with it", () => {
  it("is toNumber() to the bit on generated decimals of every length (quotients of 40 digits as averages are, up to 60 digits, every exponent and sign)", () => {
    const digits = fc.stringMatching(/^[1-9][0-9]{0,59}$/);
    fc.assert(
      fc.property(fc.boolean(), digits, fc.integer({ min: -340, max: 320 }), (neg, ds, exp) => {
        const x = new Dec(`${neg ? "-" : ""}${ds}e${exp}`);
        expect([x.toString(), Object.is(toDouble(x), x.toNumber())]).toEqual([x.toString(), true]);
      }),
      { numRuns: 4000 },
    );
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 18n), max: 10n ** 18n }), fc.integer({ min: 1, max: 366 }), (cents, days) => {
        const x = new Dec(String(cents)).dividedBy(100).dividedBy(days);
        expect([x.toString(), Object.is(toDouble(x), x.toNumber())]).toEqual([x.toString(), true]);
      }),
      { numRuns: 4000 },
    );
  });

  it("is right on zeros, halfway cases between doubles, words with leading zeros, the edges of the range", () => {
    const cases = ["0", "-0", "1.0000000000000000000000000000001", "9007199254740993.0000000000000000000001", "9007199254740993", "-9007199254740992.9999999999999999999999", "0.1000000000000000055511151231257827021181583404541015625", "1.00000000000000000000000000000000000000e-320", "2.4703282292062327208828439643411068618252990130716238221279284125033775363510437593264991818081799618989828234772285886546332835517796989819938739800539093906315035659515570226392290858392449105184435931802849936536152500319370457678249219365623669863658480757001585769269903706311928279197084e-324", "1.7976931348623158e308", "1.7976931348623159e308", "1e400", "-1e-400", "10000000000000000000000.0000001"];
    for (const t of cases) expect([t, Object.is(toDouble(new Dec(t)), new Dec(t).toNumber())]).toEqual([t, true]);
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
