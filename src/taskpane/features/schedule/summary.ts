import { parseRateValue } from "../../../engine";
import { DraftPortfolio, DraftVersion, rateText } from "./draft";

/** A typed rate in the hint's form ("0.1%" and "10bp" read "0.10%"); text that is not a rate is shown as typed. */
function rateShown(text: string): string {
  try {
    return rateText(parseRateValue(text));
  } catch {
    return text.trim() || "no rate";
  }
}

/** The version in force last: the latest effective date typed (ISO dates compare as text), else the last one. */
function latest(p: DraftPortfolio): DraftVersion | undefined {
  return [...p.versions].sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? -1 : a.effectiveFrom > b.effectiveFrom ? 1 : 0)).pop();
}

/**
 * One line for a collapsed portfolio: "0.10% flat since 2004-11-01",
 * "3 tiers, 0.75% to 0.65%, since 2005-04-30", with the number of amendments.
 */
export function portfolioSummary(p: DraftPortfolio, kind: "schedule" | "waivers" | "subAdvisory" = "schedule"): string {
  if (kind === "waivers") return waiverSummary(p);
  const v = latest(p);
  if (!v) return "no schedule versions";
  const since = v.effectiveFrom ? `since ${v.effectiveFrom}` : "no effective date";
  const rates = v.tiers.map((t) => rateShown(t.rate));
  const head = v.tiers.length === 1 ? `${rates[0]} flat ${since}` : `${v.tiers.length} tiers, ${rates[0]} to ${rates[rates.length - 1]}, ${since}`;
  const amendments = p.versions.length - 1;
  if (kind === "subAdvisory") {
    const who = v.subAdviser?.trim() || "no sub-adviser";
    const on = v.group?.trim() ? `on group ${v.group.trim()}` : "on its own assets";
    return `${who}: ${head}, ${on}${amendments > 0 ? ` (${amendments + 1} versions)` : ""}`;
  }
  return amendments > 0 ? `${head} (${amendments} amendment${amendments > 1 ? "s" : ""})` : head;
}

/** "0.95% to 0.75% (4 tiers), 2016-01-15 to 2017-04-30", the latest period, with how many periods there are. */
function waiverSummary(p: DraftPortfolio): string {
  const v = latest(p);
  if (!v) return "no waiver periods";
  const rates = v.tiers.map((t) => rateShown(t.rate));
  const tiers = v.tiers.length === 1 ? `${rates[0]} flat` : `${rates[0]} to ${rates[rates.length - 1]} (${v.tiers.length} tiers)`;
  const period = `${v.effectiveFrom || "no start"} to ${v.effectiveTo || "no end"}`;
  return `${tiers}, ${period}${p.versions.length > 1 ? ` (${p.versions.length} periods)` : ""}`;
}
