/**
 * What an effective-dated tier table is called in the editor. The fee
 * schedule is one; a waiver or sub-advisory schedule is another with the same
 * shape (a name, versions by effective date, tiers of breakpoint and rate) and
 * its own words.
 */
export interface TierTableSpec {
  /** What one entry is: "portfolio". */
  noun: string;
  /** Heading of the name field: "Portfolio name". */
  nameLabel: string;
  /** "Breakpoint". */
  breakpointLabel: string;
  /** "Annual rate". */
  rateLabel: string;
  /** Hint under the first rate field. */
  rateHint: string;
  /** Explains the tiers. */
  tiersCaption: string;
}

export const FEE_SCHEDULE_TABLE: TierTableSpec = {
  noun: "portfolio",
  nameLabel: "Portfolio name",
  breakpointLabel: "Breakpoint",
  rateLabel: "Annual rate",
  rateHint: "0.10%, 10bp or 0.001",
  tiersCaption: "Tiers: the rate applies to net assets above the breakpoint (0 for the first tier).",
};
