import { AccrualDay, Dec, ReconRow, ZERO, formatIso } from "../../../engine";
import { formatMoney, formatRate } from "../../components/format";

/** Σ net assets ÷ days in year over the accruing days: the fee at a 100% annual rate, so fee ÷ this = the annual rate it implies. */
function rateBase(days: readonly AccrualDay[]): Dec {
  return days.reduce((s, d) => s.plus(d.netAssets.dividedBy(d.daysInYear)), ZERO);
}

/** Where the schedule version changes within the month: the day it takes effect, and the rate before and after. */
export function amendmentsIn(days: readonly AccrualDay[]): { date: number; from: Dec; to: Dec }[] {
  const out: { date: number; from: Dec; to: Dec }[] = [];
  for (let i = 1; i < days.length; i++) if (days[i].effectiveFrom !== days[i - 1].effectiveFrom) out.push({ date: days[i].date, from: days[i - 1].annualRate, to: days[i].annualRate });
  return out;
}

/**
 * Plain-words reasons for a row: for a break, the annual rate the bill implies
 * against the schedule's, and whether the bill matches a whole number of the
 * month's days (a partial month); for any row, the amendments that took effect
 * within the month.
 */
export function explain(row: ReconRow): string[] {
  const lines: string[] = [];
  const base = rateBase(row.accruals);
  if (row.status === "BREAK" && row.billedFee && base.greaterThan(0) && row.days > 0) {
    const implied = row.billedFee.dividedBy(base);
    const scheduled = row.expectedFee.dividedBy(base);
    lines.push(`The bill implies an annual rate of ${formatRate(implied.toDecimalPlaces(6))} against the schedule's ${formatRate(scheduled.toDecimalPlaces(6))} on the same net assets.`);
    const perDay = row.expectedFee.dividedBy(row.days);
    const k = row.billedFee.dividedBy(perDay).toDecimalPlaces(0).toNumber();
    const near = row.billedFee.minus(perDay.times(k)).abs().lessThanOrEqualTo(perDay.times(0.02));
    if (k !== row.days && k > 0 && near) {
      const diff = row.days - k;
      lines.push(
        diff > 0
          ? `The bill matches ${k} of the month's ${row.days} accruing days (${diff} day${diff > 1 ? "s" : ""} short, at ${formatMoney(perDay)} a day): a partial month?`
          : `The bill matches ${k} days, ${-diff} more than the month's ${row.days} accruing days (at ${formatMoney(perDay)} a day).`,
      );
    }
  }
  for (const a of amendmentsIn(row.accruals)) {
    const dir = a.to.lessThan(a.from) ? "falls" : a.to.greaterThan(a.from) ? "rises" : "stays";
    lines.push(`An amendment took effect on ${formatIso(a.date)}: the annual rate ${dir} from ${formatRate(a.from)} to ${formatRate(a.to)}.`);
  }
  return lines;
}
