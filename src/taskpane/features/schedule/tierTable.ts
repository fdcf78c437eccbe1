/**
 * What an effective-dated tier table is called in the editor. The fee
 * schedule is one; a waiver or sub-advisory schedule is another with the same
 * shape (a name, versions by date, tiers of breakpoint and rate) and its own
 * words, plus the fields its versions carry besides the tiers.
 */
export interface TierTableSpec {
  /** Which table: decides the summary line and the version's extra fields. */
  kind: "schedule" | "waivers" | "subAdvisory";
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
  /** The first version's date label ("Effective from") and a later version's ("Amendment effective from"). */
  fromLabel: string;
  laterFromLabel: string;
  /** A waiver period's last day ("Waiver to"); absent where versions run until the next one. */
  toLabel?: string;
  /** Fields of a version besides its dates and tiers (the sub-adviser, the group). */
  versionFields?: { field: "subAdviser" | "group"; label: string; hint?: string }[];
  /** The button that adds a version: "Add amendment". */
  addVersionLabel: string;
}

export const FEE_SCHEDULE_TABLE: TierTableSpec = {
  kind: "schedule",
  noun: "portfolio",
  nameLabel: "Portfolio name",
  breakpointLabel: "Breakpoint",
  rateLabel: "Annual rate",
  rateHint: "0.10%, 10bp or 0.001",
  tiersCaption: "Tiers: the rate applies to net assets above the breakpoint (0 for the first tier).",
  fromLabel: "Effective from",
  laterFromLabel: "Amendment effective from",
  addVersionLabel: "Add amendment",
};

export const FEE_WAIVERS_TABLE: TierTableSpec = {
  kind: "waivers",
  noun: "portfolio",
  nameLabel: "Portfolio name",
  breakpointLabel: "Breakpoint",
  rateLabel: "Rate after waiver",
  rateHint: "0.95%, 95bp or 0.0095",
  tiersCaption: "The fee schedule after waiver: on each day of the period the fee payable is the smaller of the fee schedule's and these tiers'.",
  fromLabel: "Waiver from",
  laterFromLabel: "Waiver from",
  toLabel: "Waiver to (inclusive)",
  addVersionLabel: "Add waiver period",
};

export const SUB_ADVISORY_TABLE: TierTableSpec = {
  kind: "subAdvisory",
  noun: "portfolio",
  nameLabel: "Portfolio name",
  breakpointLabel: "Breakpoint",
  rateLabel: "Sub-advisory rate",
  rateHint: "0.41%, 41bp or 0.0041",
  tiersCaption: "Tiers on the group's combined net assets (the portfolio's own without a group); the portfolio pays the effective rate on its share.",
  fromLabel: "Effective from",
  laterFromLabel: "New version effective from",
  versionFields: [
    { field: "subAdviser", label: "Sub-adviser" },
    { field: "group", label: "Aggregation group", hint: "Blank: the portfolio's own net assets" },
  ],
  addVersionLabel: "Add version",
};
