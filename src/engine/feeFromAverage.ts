import { DayNumber, formatIso } from "./calendarDate";
import { DAY_COUNTS, DayCountId } from "./dayCount";
import { Dec, divideToCents } from "./decimal";
import { FeeError } from "./FeeError";
import { Tier, annualFee } from "./tiers";

/**
 * The fee for `start..end` (inclusive) from an average: the annual fee on
 * `averageNetAssets` under the tiers, times the period's year fraction,
 * rounded once to cents. Computed as one exact fraction.
 *
 * @example 0.10% on 500,000,000 for 2024-01-01..2024-01-31: ACT/ACT 42,349.73; ACT/365 42,465.75; ACT/360 43,055.56; 30/360 41,666.67
 */
export function feeFromAverage(tiers: readonly Tier[], averageNetAssets: Dec, start: DayNumber, end: DayNumber, basis: DayCountId = "ACT/ACT"): Dec {
  if (end < start) throw new FeeError("END_BEFORE_START", { argument: "period_end" }, `${formatIso(end)} is before ${formatIso(start)}`);
  if (averageNetAssets.isNegative()) throw new FeeError("NEGATIVE_NET_ASSETS", { argument: "average_net_assets", value: averageNetAssets.toString() });
  const [num, den] = DAY_COUNTS[basis].yearFraction(start, end);
  return divideToCents(annualFee(tiers, averageNetAssets).times(num.toString()), den);
}
