import { AccrualResult, Dec, ReconReport, formatIso, formatMonth } from "../engine";

const money = (x: Dec) => x.toDecimalPlaces(2).toNumber();

/** The reconcile JSON of design section 6, keys in the documented order. */
export function reconcileJson(r: ReconReport) {
  return {
    month: formatMonth(r.month),
    periodStart: formatIso(r.periodStart),
    periodEnd: formatIso(r.periodEnd),
    tolerance: r.tolerance.toNumber(),
    rows: r.rows.map((row) => ({
      portfolio: row.portfolio,
      days: row.days,
      averageDailyNetAssets: row.averageDailyNetAssets === null ? null : row.averageDailyNetAssets.toNumber(),
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
