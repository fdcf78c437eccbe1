import { DayNumber, formatIso } from "./calendarDate";
import { DAY_COUNTS, DayCountId } from "./dayCount";
import { Dec, divideToCents } from "./decimal";
import { FeeError } from "./FeeError";
import { Tier, annualFee } from "./tiers";
import { PortfolioSchedule, singleVersion, versionAt } from "./schedule";
import { PortfolioWaivers, waiverAt } from "./waivers";

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
 * period is split where a new version takes effect (and, with waivers, where a
 * waiver period starts or ends), each part priced under its own tiers, and the
 * sum rounded once. Inside a waiver period a part is priced at the smaller of
 * the fee schedule's and the waiver schedule's annual fee on the average (the
 * fee payable). Days before the first version earn nothing.
 *
 * @example 1.05%/1.00%/0.85%/0.75% at $250M/$500M/$1B, waived to 0.95%/0.90%/0.80%/0.75% from 2016-01-15, average $600M over January 2016 (ACT/ACT): (14 × 5,975,000 + 17 × 5,425,000) / 366 = 480,532.79
 */
export function feeFromAverageForPortfolio(p: PortfolioSchedule, averageNetAssets: Dec, start: DayNumber, end: DayNumber, basis: DayCountId = "ACT/ACT", waivers?: PortfolioWaivers): Dec {
  if (end < start) throw new FeeError("END_BEFORE_START", { argument: "period_end" }, `${formatIso(end)} is before ${formatIso(start)}`);
  if (averageNetAssets.isNegative()) throw new FeeError("NEGATIVE_NET_ASSETS", { argument: "average_net_assets", value: averageNetAssets.toString() });
  // Every day on which the tiers may change: a version's effective date, a waiver's first day and the day after its last.
  const cuts = new Set<number>([start, ...p.versions.map((v) => v.effectiveFrom), ...(waivers?.periods ?? []).flatMap((w) => [w.from, w.to + 1])]);
  const bounds = [...cuts].filter((d) => d >= start && d <= end).sort((a, b) => a - b);
  let numerator = new Dec(0);
  let denominator = 1n;
  bounds.forEach((from, i) => {
    const to = i + 1 < bounds.length ? bounds[i + 1] - 1 : end;
    const v = versionAt(p, from);
    if (!v) return;
    const [num, den] = DAY_COUNTS[basis].yearFraction(from, to);
    denominator = den; // constant for a basis
    let fee = annualFee(v.tiers, averageNetAssets);
    const w = waiverAt(waivers, from);
    if (w) fee = Dec.min(fee, annualFee(w.tiers, averageNetAssets));
    numerator = numerator.plus(fee.times(num.toString()));
  });
  return divideToCents(numerator, denominator);
}
