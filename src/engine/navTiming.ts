import { Convention, parseConvention } from "./convention";
import { FeeErrorWhere } from "./FeeError";

/** Which net-asset value a calendar day's fee is priced on. */
export type NavTiming = "SAME_DAY" | "PRIOR_DAY";

export interface NavTimingConvention extends Convention<NavTiming> {
  /**
   * Days between a value's date and the first day it can price: 0 (a value
   * prices its own day) or 1 (it prices the days after it).
   */
  lag: 0 | 1;
  description: string;
}

/**
 * The closed registry of net-asset timings. The agreement (§4) prices on net
 * assets "computed at the times and in the manner specified ... in the
 * Registration Statement"; fund accounting systems usually accrue each day on
 * the previous business day's net assets, because today's NAV is struck after
 * today's fee accrual (PRIOR_DAY).
 */
export const NAV_TIMINGS: Readonly<Record<NavTiming, NavTimingConvention>> = {
  SAME_DAY: {
    id: "SAME_DAY",
    name: "Same day",
    aliases: ["SAME", "T", "T+0", "CURRENT DAY"],
    lag: 0,
    description: "Each day uses the value reported for that date, else the most recent before it. The default.",
  },
  PRIOR_DAY: {
    id: "PRIOR_DAY",
    name: "Prior day",
    aliases: ["PRIOR", "PREVIOUS DAY", "PREVIOUS BUSINESS DAY", "PRIOR BUSINESS DAY", "T-1", "LAGGED"],
    lag: 1,
    description: "Each day uses the most recent value dated strictly before it (Monday and the weekend use Friday's).",
  },
};

/** A timing name or alias as its id; anything else is an UNKNOWN_NAV_TIMING error. */
export function parseNavTiming(text: string, where: FeeErrorWhere = {}): NavTiming {
  return parseConvention(NAV_TIMINGS, text, "UNKNOWN_NAV_TIMING", where);
}
