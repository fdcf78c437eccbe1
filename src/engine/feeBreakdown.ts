import type { AccrualDay, Rounding } from "./accrue";
import { DayNumber } from "./calendarDate";
import { DayCountId } from "./dayCount";
import { Dec } from "./decimal";
import { DayNetAssets, combinedNetAssets } from "./dayNetAssets";
import { GroupAccrualResult, accrueAtGroupRate } from "./accrueAtGroupRate";
import { portfolioKey } from "./schedule";
import { AggregationGroups, SubAdvisorySchedule, SubAdvisoryVersion, findGroup, findSubAdvisory } from "./subAdvisory";
import { WaivedAccrual, applyWaivers, withoutWaivers } from "./applyWaivers";
import { WaiverSchedule, findWaivers } from "./waivers";

/** What the workbook says besides the fee schedule: waivers, sub-advisory schedules and their aggregation groups. */
export interface FeeArrangements {
  waivers?: WaiverSchedule;
  subAdvisory?: SubAdvisorySchedule;
  groups?: AggregationGroups;
}

/** A portfolio's fee for a period, from gross to what the Manager keeps. */
export interface FeeBreakdown {
  /** Under the fee schedule, before any waiver. */
  grossFee: Dec;
  /** grossFee − payableFee; 0 where no waiver applies. */
  waiver: Dec;
  /** What the Trust pays: the fee after waivers. */
  payableFee: Dec;
  /** Null where no sub-advisory schedule applies to the portfolio. */
  subAdvisoryFee: Dec | null;
  /** payableFee − subAdvisoryFee; null where no sub-advisory schedule applies. */
  managerNet: Dec | null;
  waived: WaivedAccrual;
  subAdvised: GroupAccrualResult | null;
}

/**
 * The sub-advisory fee of a portfolio over `start..end`, or null when the
 * sub-advisory schedule does not list it. A version with a group prices on the
 * group's combined net assets (its members' and the portfolio's own, each by
 * `netAssetsOf`, so under the same timing rule); one without prices on the
 * portfolio's own.
 */
export function subAdvisoryFee(
  portfolio: string,
  arrangements: FeeArrangements,
  netAssetsOf: (portfolio: string) => DayNetAssets,
  start: DayNumber,
  end: DayNumber,
  options: { basis?: DayCountId; rounding?: Rounding } = {},
): GroupAccrualResult | null {
  const schedule = arrangements.subAdvisory ? findSubAdvisory(arrangements.subAdvisory, portfolio) : undefined;
  if (!schedule) return null;
  const own = netAssetsOf(portfolio);
  const combined = new Map<string, DayNetAssets>();
  const groupFor = (v: SubAdvisoryVersion): DayNetAssets | null => {
    if (v.group === null) return null;
    const key = portfolioKey(v.group);
    let c = combined.get(key);
    if (!c) {
      const members = findGroup(arrangements.groups ?? { groups: [] }, v.group)?.members ?? [];
      // The portfolio counts in its own group even where the group's list leaves it out.
      const keys = new Set(members.map(portfolioKey));
      const all = keys.has(portfolioKey(portfolio)) ? members : [...members, portfolio];
      c = combinedNetAssets(all.map((m) => (portfolioKey(m) === portfolioKey(portfolio) ? own : netAssetsOf(m))));
      combined.set(key, c);
    }
    return c;
  };
  return accrueAtGroupRate(schedule.versions, own, groupFor, start, end, { ...options, argument: `Net Assets for ${portfolio}` });
}

/**
 * The fee breakdown of a portfolio: its daily accruals (`accrue(...)`, under the same rounding)
 * after its waivers, its sub-advisory fee, and the Manager's net
 * (payable − sub-advisory), each under the same rounding rule.
 *
 * @example 0.70% of the first $100M and 0.68% above on $300M through June 2011, sub-advisory 90,551.55 (group case): payable 169,315.20, Manager's net 78,763.65
 */
export function feeBreakdown(
  portfolio: string,
  accrual: { days: readonly AccrualDay[]; fee?: Dec },
  arrangements: FeeArrangements,
  netAssetsOf: (portfolio: string) => DayNetAssets,
  start: DayNumber,
  end: DayNumber,
  options: { basis?: DayCountId; rounding?: Rounding } = {},
): FeeBreakdown {
  const rounding = options.rounding ?? "DAILY";
  const waivers = arrangements.waivers ? findWaivers(arrangements.waivers, portfolio) : undefined;
  // No waiver: applyWaivers' own shortcut, with the days left unread until someone reads them.
  const waived = !waivers?.periods.length && accrual.fee !== undefined ? withoutWaivers(() => accrual.days, rounding, accrual.fee) : applyWaivers(accrual.days, waivers, rounding, accrual.fee);
  const subAdvised = subAdvisoryFee(portfolio, arrangements, netAssetsOf, start, end, { ...options, rounding });
  return {
    grossFee: waived.gross,
    waiver: waived.waiver,
    payableFee: waived.payable,
    subAdvisoryFee: subAdvised ? subAdvised.fee : null,
    managerNet: subAdvised ? waived.payable.minus(subAdvised.fee) : null,
    waived,
    subAdvised,
  };
}
