import type { Rounding } from "./accrue";
import { DayNumber, formatIso } from "./calendarDate";
import { DAY_COUNTS, DayCountId } from "./dayCount";
import { Dec, ZERO } from "./decimal";
import { DayNetAssets } from "./dayNetAssets";
import { FeeError } from "./FeeError";
import { Fraction } from "./fraction";
import { ScheduleVersion } from "./schedule";
import { annualFee } from "./tiers";

/** One accruing day of a fee priced on a group's combined net assets. */
export interface GroupAccrualDay {
  date: DayNumber;
  /** The date whose net assets the portfolio used. */
  navDate: DayNumber;
  netAssets: Dec;
  /** The group's combined net assets that day (the portfolio's own where it prices alone). */
  groupNetAssets: Dec;
  effectiveFrom: DayNumber;
  /** Annual fee of the tiers on the combined net assets ÷ the combined net assets: not rounded. */
  effectiveRate: Dec;
  /** effectiveRate × the portfolio's net assets. */
  annualFee: Dec;
  daysInYear: number;
  /** The day's accrual as posted: rounded to cents under DAILY, exact otherwise. */
  accrual: Dec;
  cumulative: Dec;
}

export interface GroupAccrualResult {
  start: DayNumber;
  end: DayNumber;
  basis: DayCountId;
  rounding: Rounding;
  accruingDays: number;
  fee: Dec;
  days: GroupAccrualDay[];
}

/**
 * Accrues a fee whose tiers apply to a group's combined net assets, day by day
 * over `start..end`: the annual fee of the tiers on the combined assets, times
 * the portfolio's share of them (`netAssets / groupNetAssets`), divided by the
 * day count. The effective rate is not rounded; the accrual is rounded under
 * `rounding` (DAILY each day to cents, PERIOD the exact sum once, NONE never).
 * A day accrues when a version is in force and the portfolio has net assets;
 * `groupFor(version)` gives the combined net assets the version prices on (the
 * group's total, this portfolio included), or null for the portfolio's own.
 *
 * @example 0.41% to $100M, 0.39% to $250M, 0.38% to $500M, 0.37% to $750M, 0.36% above, on a $2,300M group: $300M accrues 8,450,000 × 300/2,300 ÷ 365 = 3,019.65 a day of 2011
 */
export function accrueAtGroupRate<V extends ScheduleVersion>(
  versions: readonly V[],
  own: DayNetAssets,
  groupFor: (version: V) => DayNetAssets | null,
  start: DayNumber,
  end: DayNumber,
  options: { basis?: DayCountId; rounding?: Rounding; argument?: string } = {},
): GroupAccrualResult {
  const basis = options.basis ?? "ACT/ACT";
  const rounding = options.rounding ?? "DAILY";
  const denominatorOf = DAY_COUNTS[basis].dailyDenominator;
  if (!denominatorOf) throw new FeeError("BASIS_NOT_FOR_ACCRUAL", { argument: "basis", value: basis });
  if (end < start) throw new FeeError("END_BEFORE_START", { argument: "period" }, `${formatIso(start)} to ${formatIso(end)}`);

  let total = Fraction.ZERO;
  let cumulative = ZERO;
  const days: GroupAccrualDay[] = [];
  let vi = -1;
  for (let day = start; day <= end; day++) {
    while (vi + 1 < versions.length && versions[vi + 1].effectiveFrom <= day) vi++;
    if (vi < 0) continue;
    const mine = own(day);
    if (!mine) continue;
    const version = versions[vi];
    const group = groupFor(version);
    const combined = group ? (group(day)?.netAssets ?? ZERO) : mine.netAssets;
    if (combined.lessThan(mine.netAssets)) {
      throw new FeeError(
        "GROUP_BELOW_PORTFOLIO",
        { argument: options.argument ?? "group_net_assets", row: mine.row, value: combined.toString() },
        `${formatIso(day)}: the group's ${combined.toString()} is below the portfolio's ${mine.netAssets.toString()}`,
      );
    }
    const denominator = denominatorOf(day);
    const groupFee = annualFee(version.tiers, combined);
    // fee(G) × na / (G × days): exact, so the effective rate is never rounded before the accrual is.
    const exact = combined.isZero()
      ? Fraction.ZERO
      : Fraction.fromDec(groupFee).times(Fraction.fromDec(mine.netAssets)).dividedBy(Fraction.fromDec(combined).times(Fraction.of(BigInt(denominator), 1n)));
    const accrual = rounding === "DAILY" ? exact.toCents() : exact.toDec();
    total = total.plus(rounding === "DAILY" ? Fraction.fromDec(accrual) : exact);
    cumulative = cumulative.plus(accrual);
    const effectiveRate = combined.isZero() ? version.tiers[0]?.rate ?? ZERO : groupFee.dividedBy(combined);
    days.push({
      date: day,
      navDate: mine.navDate,
      netAssets: mine.netAssets,
      groupNetAssets: combined,
      effectiveFrom: version.effectiveFrom,
      effectiveRate,
      annualFee: combined.isZero() ? ZERO : groupFee.times(mine.netAssets).dividedBy(combined),
      daysInYear: denominator,
      accrual,
      cumulative,
    });
  }
  const fee = rounding === "PERIOD" ? total.toCents() : total.toDec();
  return { start, end, basis, rounding, accruingDays: days.length, fee, days };
}
