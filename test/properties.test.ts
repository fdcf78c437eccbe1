import fc from "fast-check";
import {
  Dec,
  NavSeries,
  Tier,
  accrue,
  annualFee,
  daysInMonth,
  daysInYear,
  fromYmd,
  isFeeError,
  parseAmount,
  parseRate,
  prorate,
  singleVersion,
  toYmd,
  fromExcelSerial,
  feeFromAverage,
  DayCountId,
  Rounding,
  blendedRate,
} from "../src/engine";

const HALF_CENT = new Dec("0.005");
const day = fc.integer({ min: fromYmd(2000, 1, 1), max: fromYmd(2030, 12, 31) });
const cents = fc.integer({ min: 0, max: 5_000_000_000_000 }); // up to $50bn
const rateMicros = fc.integer({ min: 0, max: 25_000 }); // up to 2.5%
const tiersArb = fc
  .tuple(rateMicros, fc.array(fc.tuple(fc.integer({ min: 1, max: 300_000_000_000 }), rateMicros), { maxLength: 3 }))
  .map(([first, rest]) => {
    let bp = 0;
    const tiers: Tier[] = [{ breakpoint: new Dec(0), rate: new Dec(first).dividedBy(1e6) }];
    for (const [step, r] of rest) {
      bp += step;
      tiers.push({ breakpoint: new Dec(bp).dividedBy(100), rate: new Dec(r).dividedBy(1e6) });
    }
    return tiers;
  });
const seriesArb = fc
  .tuple(day, fc.array(fc.tuple(fc.integer({ min: 1, max: 5 }), cents, fc.boolean()), { minLength: 1, maxLength: 40 }))
  .map(([start, steps]) => {
    let date = start;
    return steps.map(([gap, c, odd]) => {
      date += gap;
      // Some values carry sub-cent digits, which takes the exact decimal path instead of the integer one.
      return { date, netAssets: odd ? new Dec(c).dividedBy(100).plus("0.0037") : new Dec(c).dividedBy(100) };
    });
  });
const basisArb = fc.constantFrom<DayCountId>("ACT/ACT", "ACT/365", "ACT/360");

describe("accrual properties", () => {
  it("daily-rounded and unrounded totals differ by at most half a cent a day", () => {
    fc.assert(
      fc.property(tiersArb, seriesArb, basisArb, fc.integer({ min: 0, max: 60 }), (tiers, points, basis, len) => {
        const navs = NavSeries.from(points);
        const start = points[0].date;
        const p = singleVersion(tiers);
        const daily = accrue(p, navs, start, start + len, { basis, rounding: "DAILY" });
        const none = accrue(p, navs, start, start + len, { basis, rounding: "NONE" });
        expect(daily.fee.minus(none.fee).abs().lessThanOrEqualTo(HALF_CENT.times(daily.accruingDays))).toBe(true);
      }),
    );
  });

  it("accrual over a..c equals a..b plus b+1..c (unrounded, and daily-rounded exactly)", () => {
    fc.assert(
      fc.property(tiersArb, seriesArb, basisArb, fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 40 }), (tiers, points, basis, l1, l2) => {
        const navs = NavSeries.from(points);
        const a = points[0].date - 3;
        const b = a + l1;
        const c = b + 1 + l2;
        const p = singleVersion(tiers);
        for (const rounding of ["NONE", "DAILY"] as const) {
          const whole = accrue(p, navs, a, c, { basis, rounding }).fee;
          const parts = accrue(p, navs, a, b, { basis, rounding }).fee.plus(accrue(p, navs, b + 1, c, { basis, rounding }).fee);
          expect(whole.minus(parts).abs().lessThan("1e-20")).toBe(true);
          if (rounding === "DAILY") expect(whole.toFixed(2)).toBe(parts.toFixed(2));
        }
      }),
    );
  });

  it("the fast integer path posts the same cents as exact decimal arithmetic, day by day", () => {
    fc.assert(
      fc.property(tiersArb, seriesArb, fc.integer({ min: 0, max: 45 }), (tiers, points, len) => {
        const navs = NavSeries.from(points);
        const start = points[0].date;
        const r = accrue(singleVersion(tiers), navs, start, start + len);
        let i = 0;
        for (let dd = start; dd <= start + len; dd++) {
          while (i + 1 < points.length && points[i + 1].date <= dd) i++;
          const expected = annualFee(tiers, points[i].netAssets as Dec).dividedBy(daysInYear(toYmd(dd).y)).toDecimalPlaces(2, Dec.ROUND_HALF_UP);
          expect(r.days[dd - start].accrual.toFixed(2)).toBe(expected.toFixed(2));
        }
        expect(r.fee.toFixed(2)).toBe(r.days.reduce((s, x) => s.plus(x.accrual), new Dec(0)).toFixed(2));
      }),
    );
  });
  it("every day's record (net assets, rate, annual fee, accrual, cumulative) equals exact decimal arithmetic, under each rounding", () => {
    fc.assert(
      fc.property(tiersArb, seriesArb, basisArb, fc.constantFrom<Rounding>("DAILY", "PERIOD", "NONE"), fc.integer({ min: 0, max: 45 }), (tiers, points, basis, rounding, len) => {
        const navs = NavSeries.from(points);
        const start = points[0].date;
        const r = accrue(singleVersion(tiers), navs, start, start + len, { basis, rounding });
        expect(r.days.length).toBe(len + 1);
        let i = 0;
        let cumulative = new Dec(0);
        for (let dd = start; dd <= start + len; dd++) {
          while (i + 1 < points.length && points[i + 1].date <= dd) i++;
          const na = points[i].netAssets as Dec;
          const denominator = basis === "ACT/ACT" ? daysInYear(toYmd(dd).y) : basis === "ACT/365" ? 365 : 360;
          const annual = annualFee(tiers, na);
          const accrual = rounding === "DAILY" ? annual.dividedBy(denominator).toDecimalPlaces(2, Dec.ROUND_HALF_UP) : annual.dividedBy(denominator);
          cumulative = cumulative.plus(accrual);
          const x = r.days[dd - start];
          const want = [dd, points[i].date, na.toString(), blendedRate(tiers, na).toString(), annual.toString(), denominator, accrual.toString(), cumulative.toString()];
          expect([x.date, x.navDate, x.netAssets.toString(), x.annualRate.toString(), x.annualFee.toString(), x.daysInYear, x.accrual.toString(), x.cumulative.toString()]).toEqual(want);
          // A record serializes with every field, as a plain object would.
          expect(Object.keys(JSON.parse(JSON.stringify(x))).sort()).toEqual(["accrual", "annualFee", "annualRate", "cumulative", "date", "daysInYear", "effectiveFrom", "navDate", "netAssets"]);
        }
      }),
    );
  });
});

describe("net-asset timing and service properties", () => {
  it("PRIOR_DAY equals SAME_DAY on the same values dated one day later, day by day", () => {
    fc.assert(
      fc.property(tiersArb, seriesArb, basisArb, fc.integer({ min: 0, max: 45 }), (tiers, points, basis, len) => {
        const p = singleVersion(tiers);
        const start = points[0].date - 2;
        const prior = accrue(p, NavSeries.from(points), start, start + len, { basis, navTiming: "PRIOR_DAY" });
        const shifted = accrue(p, NavSeries.from(points.map((x) => ({ ...x, date: x.date + 1 }))), start, start + len, { basis });
        expect(prior.fee.toFixed(2)).toBe(shifted.fee.toFixed(2));
        expect(prior.days.map((x) => [x.date, x.navDate + 1, x.accrual.toFixed(2)])).toEqual(shifted.days.map((x) => [x.date, x.navDate, x.accrual.toFixed(2)]));
        for (const x of prior.days) expect(x.navDate).toBeLessThan(x.date);
      }),
    );
  });

  it("a service period accrues exactly what the period clipped to it accrues", () => {
    fc.assert(
      fc.property(tiersArb, seriesArb, fc.integer({ min: 0, max: 40 }), fc.integer({ min: -10, max: 50 }), fc.integer({ min: -10, max: 50 }), (tiers, points, len, c, t) => {
        const p = singleVersion(tiers);
        const a = points[0].date;
        const commenced = a + Math.min(c, t);
        const terminated = a + Math.max(c, t);
        const navs = NavSeries.from(points);
        const served = accrue(p, navs, a, a + len, { service: { commenced, terminated } });
        const from = Math.max(a, commenced);
        const to = Math.min(a + len, terminated);
        const clipped = to < from ? null : accrue(p, navs, from, to);
        expect(served.fee.toFixed(2)).toBe(clipped ? clipped.fee.toFixed(2) : "0.00");
        expect(served.accruingDays).toBe(clipped ? clipped.accruingDays : 0);
      }),
    );
  });
});

describe("proration properties", () => {
  it("0 <= prorated <= amount, and a whole month gives the amount", () => {
    fc.assert(
      fc.property(cents, day, day, day, (c, month, from, to) => {
        const amount = new Dec(c).dividedBy(100);
        const [lo, hi] = from <= to ? [from, to] : [to, from];
        const r = prorate(amount, month, lo, hi);
        expect(r.amount.greaterThanOrEqualTo(0) && r.amount.lessThanOrEqualTo(amount)).toBe(true);
        const { y, m } = toYmd(month);
        expect(prorate(amount, month, fromYmd(y, m, 1), fromYmd(y, m, daysInMonth(y, m))).amount.toFixed(2)).toBe(amount.toFixed(2));
      }),
    );
  });
});

describe("tier properties", () => {
  it("a tiered annual fee never falls as net assets rise", () => {
    fc.assert(
      fc.property(tiersArb, cents, cents, (tiers, a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        expect(annualFee(tiers, new Dec(hi).dividedBy(100)).greaterThanOrEqualTo(annualFee(tiers, new Dec(lo).dividedBy(100)))).toBe(true);
      }),
    );
  });

  it("has no jump at a breakpoint", () => {
    fc.assert(
      fc.property(tiersArb, (tiers) => {
        const eps = new Dec("0.000001");
        for (const t of tiers.slice(1)) {
          const below = annualFee(tiers, t.breakpoint.minus(eps));
          const at = annualFee(tiers, t.breakpoint);
          const above = annualFee(tiers, t.breakpoint.plus(eps));
          expect(at.minus(below).lessThanOrEqualTo(eps)).toBe(true);
          expect(above.minus(at).lessThanOrEqualTo(eps)).toBe(true);
        }
      }),
    );
  });
});

describe("totality", () => {
  const anything = fc.oneof(fc.anything(), fc.double(), fc.string(), fc.constantFrom("0.10%", "10bp", "150%", "-1", "abc", "", "1e400", "NaN"));
  it("any input gives a result or the engine's own error", () => {
    fc.assert(
      fc.property(anything, anything, fc.double(), fc.integer({ min: -1e6, max: 4e6 }), fc.integer({ min: -400, max: 400 }), (a, b, x, serial, len) => {
        for (const f of [
          () => parseRate(a),
          () => parseAmount(b),
          () => fromExcelSerial(x),
          () => fromExcelSerial(serial, 1904),
          () => feeFromAverage([{ breakpoint: new Dec(0), rate: parseRate(a) }], parseAmount(b), fromExcelSerial(serial), fromExcelSerial(serial) + len),
          () => accrue(singleVersion([{ breakpoint: new Dec(0), rate: new Dec("0.001") }]), NavSeries.from([{ date: serial, netAssets: x }]), serial, serial + len),
        ]) {
          try {
            f();
          } catch (e) {
            if (!isFeeError(e)) throw e;
          }
        }
      }),
    );
  });
});
