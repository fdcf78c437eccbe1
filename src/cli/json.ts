import { AccrualResult, Dec, ReconReport, formatIso, formatMonth, toDouble } from "../engine";
import { toScaledInteger } from "../engine/decimal";

/**
 * `x.toDecimalPlaces(2).toNumber()`: the double nearest x rounded to cents (half away from zero), without
 * making a decimal and printing it. A value already in whole cents is a safe integer c of cents (or null),
 * and c / 100, one IEEE division of two exact doubles, is correctly rounded as the parse of the printed
 * decimal is (the sign of a negative zero kept); anything else is rounded by decimal.js, then read by
 * toDouble (the same double as toNumber).
 */
export const money = (x: Dec): number => {
  const c = toScaledInteger(x, 2);
  return c === null ? toDouble(x.toDecimalPlaces(2)) : c / 100;
};

/**
 * `x.toNumber()` (what toDouble gives) for any decimal, without decimal.js printing it: a decimal of more
 * than 21 digits (an average daily net assets is a 40-digit quotient) has its digits joined from its
 * base-10^7 words and read back with an exponent. toNumber reads back decimal.js' own text of the same
 * decimal; reading decimal text, in plain or exponent notation and with any number of digits, gives the
 * double nearest its value (correctly rounded, as V8 does), so both give the same double. The sign is
 * applied after (a negative zero stays one). Anything else (not finite, short) goes to toDouble.
 */
export function longToDouble(x: Dec): number {
  const d = x.d;
  if (!d || d.length <= 3) return toDouble(x);
  let s = String(d[0]);
  for (let i = 1; i < d.length; i++) s += String(d[i] + 1e7).slice(1); // each later word is 7 digits, zero-padded
  const v = Number(`${s}e${x.e - s.length + 1}`);
  return x.s < 0 ? -v : v;
}

/** The reconcile JSON of design section 6, keys in the documented order. */
export function reconcileJson(r: ReconReport) {
  return {
    month: formatMonth(r.month),
    periodStart: formatIso(r.periodStart),
    periodEnd: formatIso(r.periodEnd),
    tolerance: toDouble(r.tolerance),
    rows: r.rows.map((row) => ({
      portfolio: row.portfolio,
      days: row.days,
      averageDailyNetAssets: row.averageDailyNetAssets === null ? null : longToDouble(row.averageDailyNetAssets),
      expectedFee: money(row.expectedFee),
      billedFee: row.billedFee === null ? null : money(row.billedFee),
      difference: row.difference === null ? null : money(row.difference),
      status: row.status,
      grossFee: money(row.grossFee),
      waiver: money(row.waiver),
      subAdvisoryFee: row.subAdvisoryFee === null ? null : money(row.subAdvisoryFee),
      managerNet: row.managerNet === null ? null : money(row.managerNet),
    })),
    totals: { expectedFee: money(r.totals.expectedFee), billedFee: money(r.totals.billedFee) },
    navTiming: r.navTiming,
  };
}

/** The accrue JSON of design section 6. */
export function accrueJson(portfolio: string, r: AccrualResult) {
  return {
    portfolio,
    from: formatIso(r.start),
    to: formatIso(r.end),
    days: r.accruingDays,
    averageDailyNetAssets: r.averageDailyNetAssets === null ? null : r.averageDailyNetAssets.toNumber(),
    fee: money(r.fee),
    basis: r.basis,
    rounding: r.rounding,
    navTiming: r.navTiming,
  };
}
