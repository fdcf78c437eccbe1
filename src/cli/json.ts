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
      averageDailyNetAssets: row.averageDailyNetAssets === null ? null : toDouble(row.averageDailyNetAssets),
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
