import { DayNumber, formatIso } from "./calendarDate";
import { DAY_COUNTS, DayCountId } from "./dayCount";
import { Dec, divideToCents } from "./decimal";
import { FeeError } from "./FeeError";
import { Tier, annualFee } from "./tiers";
import { PortfolioSchedule, singleVersion } from "./schedule";

/**
 * The fee for `start..end` (inclusive) from an average: the annual fee on
 * `averageNetAssets` under the tiers, times the period's year fraction,
 * rounded once to cents. Computed as one exact fraction.
 *
 * @example 0.10% on 500,000,000 for 2024-01-01..2024-01-31: ACT/ACT 42,349.73; ACT/365 42,465.75; ACT/360 43,055.56; 30/360 41,666.67
 */
export function feeFromAverage(tiers: readonly Tier[], averageNetAssets: Dec, start: DayNumber, end: DayNumber, basis: DayCountId = "ACT/ACT"): Dec {
  return feeFromAverageForPortfolio(singleVersion([...tiers]), averageNetAssets, start, end, basis);
}

/**
 * The fee from an average under a portfolio's effective-dated schedule: the
 * period is split where a new version takes effect, each part priced under its
 * own tiers, and the sum rounded once. Days before the first version earn nothing.
 */
export function feeFromAverageForPortfolio(p: PortfolioSchedule, averageNetAssets: Dec, start: DayNumber, end: DayNumber, basis: DayCountId = "ACT/ACT"): Dec {
  if (end < start) throw new FeeError("END_BEFORE_START", { argument: "period_end" }, `${formatIso(end)} is before ${formatIso(start)}`);
  if (averageNetAssets.isNegative()) throw new FeeError("NEGATIVE_NET_ASSETS", { argument: "average_net_assets", value: averageNetAssets.toString() });
  let numerator = new Dec(0);
  let denominator = 1n;
  p.versions.forEach((v, i) => {
    const from = Math.max(start, v.effectiveFrom);
    const to = Math.min(end, i + 1 < p.versions.length ? p.versions[i + 1].effectiveFrom - 1 : end);
    if (to < from) return;
    const [num, den] = DAY_COUNTS[basis].yearFraction(from, to);
    denominator = den; // constant for a basis
    numerator = numerator.plus(annualFee(v.tiers, averageNetAssets).times(num.toString()));
  });
  return divideToCents(numerator, denominator);
}
