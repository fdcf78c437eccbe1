import { DayNumber, Dec, ReconRow, Rounding, ZERO } from "../../../engine";
import { expectedOf } from "./sortRows";

/**
 * What the Trust pays and what the Manager keeps, per portfolio and per day:
 * gross fee (fee schedule), waiver, fee payable (= Expected), sub-advisory fee
 * and the Manager's net. Pure: the review, the drill-down and the CSV use it.
 */
export interface FeeBreakdown {
  /** Null where the portfolio has no expected fee (not in the schedule, no net assets). */
  gross: Dec | null;
  waiver: Dec | null;
  payable: Dec | null;
  /** Null where no sub-advisory schedule applies. */
  subAdvisory: Dec | null;
  managerNet: Dec | null;
}

/** Whether any row of a result has a waiver or a sub-advisory fee: only then does the review show the breakdown. */
export const hasArrangements = (rows: readonly ReconRow[]) => rows.some((r) => r.subAdvisoryFee !== null || !r.waiver.isZero());

export function breakdownOf(r: ReconRow): FeeBreakdown {
  const payable = expectedOf(r);
  return {
    gross: payable === null ? null : r.grossFee,
    waiver: payable === null ? null : r.waiver,
    payable,
    subAdvisory: r.subAdvisoryFee,
    managerNet: r.managerNet,
  };
}

export interface BreakdownTotals {
  gross: Dec;
  waiver: Dec;
  /** = the review's total expected. */
  payable: Dec;
  /** Over the portfolios with a sub-advisory fee: their fee payable, sub-advisory fee and Manager's net (net = payable − sub-advisory). */
  subAdvised: { count: number; payable: Dec; subAdvisory: Dec; managerNet: Dec };
}

/** Totals that tie: gross − waiver = payable; over the sub-advised portfolios, payable − sub-advisory = the Manager's net. */
export function breakdownTotals(rows: readonly ReconRow[]): BreakdownTotals {
  const t: BreakdownTotals = { gross: ZERO, waiver: ZERO, payable: ZERO, subAdvised: { count: 0, payable: ZERO, subAdvisory: ZERO, managerNet: ZERO } };
  for (const r of rows) {
    const b = breakdownOf(r);
    if (b.payable !== null) {
      t.gross = t.gross.plus(b.gross!);
      t.waiver = t.waiver.plus(b.waiver!);
      t.payable = t.payable.plus(b.payable);
    }
    if (b.subAdvisory !== null && b.managerNet !== null) {
      t.subAdvised.count++;
      t.subAdvised.payable = t.subAdvised.payable.plus(r.expectedFee);
      t.subAdvised.subAdvisory = t.subAdvised.subAdvisory.plus(b.subAdvisory);
      t.subAdvised.managerNet = t.subAdvised.managerNet.plus(b.managerNet);
    }
  }
  return t;
}

/** One day of the drill-down with the breakdown: the fee fields are null on a day only the sub-advisory fee accrues. */
export interface BreakdownDay {
  date: DayNumber;
  /** Index into `row.accruals`, or null on a day only the sub-advisory fee accrues. */
  accrual: number | null;
  gross: Dec | null;
  waiver: Dec | null;
  payable: Dec | null;
  /** Start of the waiver period in force, or null. */
  waiverFrom: DayNumber | null;
  subAdvisory: Dec | null;
}

/** The month day by day: the fee's days (gross, waiver, payable) joined by date with the sub-advisory fee's days. */
export function breakdownDays(row: ReconRow): BreakdownDay[] {
  const byDate = new Map<DayNumber, BreakdownDay>();
  row.accruals.forEach((d, i) => {
    const w = row.waived[i];
    byDate.set(d.date, { date: d.date, accrual: i, gross: w ? w.gross : d.accrual, waiver: w ? w.waiver : ZERO, payable: w ? w.payable : d.accrual, waiverFrom: w ? w.waiverFrom : null, subAdvisory: null });
  });
  for (const s of row.subAdvisory) {
    const day = byDate.get(s.date);
    if (day) day.subAdvisory = s.accrual;
    else byDate.set(s.date, { date: s.date, accrual: null, gross: null, waiver: null, payable: null, waiverFrom: null, subAdvisory: s.accrual });
  }
  return [...byDate.values()].sort((a, b) => a.date - b.date);
}

const cents = (x: Dec) => x.toDecimalPlaces(2, Dec.ROUND_HALF_UP);

/**
 * The drill-down's total rows, each equal to the review's figure: the days'
 * accruals summed (DAILY: each already in cents; PERIOD: exact, rounded once;
 * NONE: exact), the waiver as gross − payable, as the engine computes them.
 */
export function breakdownDayTotals(days: readonly BreakdownDay[], rounding: Rounding, subAdvised: boolean): { gross: Dec; waiver: Dec; payable: Dec; subAdvisory: Dec | null } {
  let gross = ZERO;
  let payable = ZERO;
  let sub = ZERO;
  for (const d of days) {
    if (d.gross) gross = gross.plus(d.gross);
    if (d.payable) payable = payable.plus(d.payable);
    if (d.subAdvisory) sub = sub.plus(d.subAdvisory);
  }
  if (rounding === "PERIOD") {
    gross = cents(gross);
    payable = cents(payable);
    sub = cents(sub);
  }
  return { gross, waiver: gross.minus(payable), payable, subAdvisory: subAdvised ? sub : null };
}
