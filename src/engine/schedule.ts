import { DayNumber, formatIso } from "./calendarDate";
import { Dec } from "./decimal";
import { FeeError } from "./FeeError";
import { Tier } from "./tiers";

/** One effective-dated version of a portfolio's fee: tiers in force from `effectiveFrom` until the next version. */
export interface ScheduleVersion {
  effectiveFrom: DayNumber;
  tiers: Tier[];
}

export interface PortfolioSchedule {
  portfolio: string;
  /** Sorted by effectiveFrom. */
  versions: ScheduleVersion[];
}

/** A fee schedule: portfolios in the order first met. */
export interface FeeSchedule {
  portfolios: PortfolioSchedule[];
}

/** A flat row of a fee schedule table, as the workbook holds it. */
export interface ScheduleRow {
  portfolio: string;
  effectiveFrom: DayNumber;
  breakpoint: Dec;
  rate: Dec;
  /** 1-based row in the source, for messages. */
  row?: number;
}

export type ScheduleIssueCode =
  | "BLANK_PORTFOLIO"
  | "DUPLICATE_PORTFOLIO"
  | "DUPLICATE_EFFECTIVE_DATE"
  | "NO_ZERO_BREAKPOINT"
  | "BREAKPOINTS_NOT_RISING"
  | "RATE_OUT_OF_RANGE"
  | "NEGATIVE_BREAKPOINT"
  | "NO_TIERS";

/** One problem with a schedule; the editor shows each beside its field. */
export interface ScheduleIssue {
  code: ScheduleIssueCode;
  message: string;
  portfolio: string;
  portfolioIndex: number;
  versionIndex?: number;
  tierIndex?: number;
  field?: "portfolio" | "effectiveFrom" | "breakpoint" | "rate";
  row?: number;
}

// A month end asks for the key of each of thousands of names several times (schedule, net assets,
// invoices, the sheets): each name's key is worked out once. Bounded, for a long-lived pane.
const keys = new Map<string, string>();
const KEYS_KEPT = 50_000;

/** Portfolio names compare trimmed, with runs of spaces folded, ignoring case. */
export function portfolioKey(name: string): string {
  let key = keys.get(name);
  if (key === undefined) {
    key = name.trim().replace(/\s+/g, " ").toLowerCase();
    if (keys.size >= KEYS_KEPT) keys.clear();
    keys.set(name, key);
  }
  return key;
}

/**
 * Every problem with a schedule, all at once (an empty list means valid):
 * blank or duplicate portfolio names, duplicate effective dates, a version
 * without a tier at breakpoint 0, breakpoints not strictly rising, rates
 * outside [0, 1).
 */
export function validateSchedule(schedule: FeeSchedule): ScheduleIssue[] {
  const issues: ScheduleIssue[] = [];
  const seen = new Map<string, number>();
  // Each distinct rate decimal (a schedule read from a workbook shares them) is checked once.
  const rateInRange = new Map<Dec, boolean>();
  const rateOk = (rate: Dec): boolean => {
    let ok = rateInRange.get(rate);
    if (ok === undefined) rateInRange.set(rate, (ok = !(rate.isNegative() || rate.greaterThanOrEqualTo(1))));
    return ok;
  };
  schedule.portfolios.forEach((p, pi) => {
    const base = { portfolio: p.portfolio, portfolioIndex: pi };
    const key = portfolioKey(p.portfolio);
    if (key === "") issues.push({ ...base, code: "BLANK_PORTFOLIO", field: "portfolio", message: "A portfolio needs a name." });
    else if (seen.has(key)) issues.push({ ...base, code: "DUPLICATE_PORTFOLIO", field: "portfolio", message: `"${p.portfolio.trim()}" appears more than once.` });
    else seen.set(key, pi);
    // A portfolio's one version has no date to repeat, and one that passes every check below has no issue:
    // only a version that fails one goes through the checks that build issues (the same checks, in order).
    if (p.versions.length === 1 && versionValid(p.versions[0], rateOk)) return;
    const dates = new Set<number>();
    p.versions.forEach((v, vi) => {
      // Where and what, made only for an issue (a valid schedule of thousands of versions makes none).
      const at = () => ({ ...base, versionIndex: vi });
      const name = () => `${p.portfolio.trim() || "(blank)"} from ${formatIso(v.effectiveFrom)}`;
      if (dates.has(v.effectiveFrom)) issues.push({ ...at(), code: "DUPLICATE_EFFECTIVE_DATE", field: "effectiveFrom", message: `${name()}: two versions take effect on the same date.` });
      dates.add(v.effectiveFrom);
      if (v.tiers.length === 0) {
        issues.push({ ...at(), code: "NO_TIERS", field: "rate", message: `${name()}: no rate.` });
        return;
      }
      if (!v.tiers[0].breakpoint.isZero()) issues.push({ ...at(), tierIndex: 0, code: "NO_ZERO_BREAKPOINT", field: "breakpoint", message: `${name()}: the first tier must start at breakpoint 0.` });
      v.tiers.forEach((t, ti) => {
        const tier = () => ({ ...at(), tierIndex: ti });
        if (t.breakpoint.isNegative()) issues.push({ ...tier(), code: "NEGATIVE_BREAKPOINT", field: "breakpoint", message: `${name()}: breakpoint ${t.breakpoint.toString()} is negative.` });
        if (ti > 0 && !t.breakpoint.greaterThan(v.tiers[ti - 1].breakpoint)) {
          issues.push({ ...tier(), code: "BREAKPOINTS_NOT_RISING", field: "breakpoint", message: `${name()}: breakpoint ${t.breakpoint.toString()} must be above ${v.tiers[ti - 1].breakpoint.toString()}.` });
        }
        if (!rateOk(t.rate)) {
          issues.push({ ...tier(), code: "RATE_OUT_OF_RANGE", field: "rate", message: `${name()}: rate ${t.rate.times(100).toString()}% is outside 0% to below 100%.` });
        }
      });
    });
  });
  return issues;
}

/** Whether a version passes validateSchedule's checks of its tiers (a first breakpoint of 0, breakpoints rising and not negative, rates in range). */
function versionValid(v: ScheduleVersion, rateOk: (rate: Dec) => boolean): boolean {
  const tiers = v.tiers;
  if (tiers.length === 0 || !tiers[0].breakpoint.isZero()) return false;
  for (let ti = 0; ti < tiers.length; ti++) {
    const t = tiers[ti];
    if (t.breakpoint.isNegative() || (ti > 0 && !t.breakpoint.greaterThan(tiers[ti - 1].breakpoint)) || !rateOk(t.rate)) return false;
  }
  return true;
}

/**
 * Groups flat rows into a schedule (rows of one portfolio and date form one
 * version; tiers keep their row order so the validation can see a bad order)
 * and validates it. Issues carry the source row where there is one.
 */
export function buildSchedule(rows: readonly ScheduleRow[]): { schedule: FeeSchedule; issues: ScheduleIssue[] } {
  const portfolios: PortfolioSchedule[] = [];
  const byKey = new Map<string, PortfolioSchedule>();
  const rowByTier = new Map<Tier, number | undefined>();
  // A portfolio's rows mostly come together with one name string: its key is looked up once per run of them.
  let lastName: string | null = null;
  let p: PortfolioSchedule | undefined;
  for (const r of rows) {
    if (r.portfolio !== lastName || p === undefined) {
      lastName = r.portfolio;
      const key = portfolioKey(r.portfolio);
      p = byKey.get(key);
      if (!p) {
        p = { portfolio: r.portfolio.trim(), versions: [] };
        byKey.set(key, p);
        portfolios.push(p);
      }
    }
    let v: ScheduleVersion | undefined;
    for (const x of p.versions) {
      if (x.effectiveFrom === r.effectiveFrom) {
        v = x;
        break;
      }
    }
    if (!v) {
      v = { effectiveFrom: r.effectiveFrom, tiers: [] };
      p.versions.push(v);
    }
    const tier = { breakpoint: r.breakpoint, rate: r.rate };
    v.tiers.push(tier);
    rowByTier.set(tier, r.row);
  }
  for (const p of portfolios) p.versions.sort((a, b) => a.effectiveFrom - b.effectiveFrom);
  const schedule = { portfolios };
  const issues = validateSchedule(schedule).map((i) => {
    if (i.versionIndex === undefined) return i;
    const t = schedule.portfolios[i.portfolioIndex].versions[i.versionIndex].tiers[i.tierIndex ?? 0];
    const row = t ? rowByTier.get(t) : undefined;
    return row === undefined ? i : { ...i, row };
  });
  return { schedule, issues };
}

export function findPortfolio(schedule: FeeSchedule, name: string): PortfolioSchedule | undefined {
  const key = portfolioKey(name);
  return schedule.portfolios.find((p) => portfolioKey(p.portfolio) === key);
}

/** Like findPortfolio, but an unknown name is an UNKNOWN_PORTFOLIO error. */
export function requirePortfolio(schedule: FeeSchedule, name: string, argument = "portfolio"): PortfolioSchedule {
  const p = findPortfolio(schedule, name);
  if (!p) throw new FeeError("UNKNOWN_PORTFOLIO", { argument, value: name });
  return p;
}

/** The version in force on a day, or undefined before the first effective date. */
export function versionAt(p: PortfolioSchedule, day: DayNumber): ScheduleVersion | undefined {
  let found: ScheduleVersion | undefined;
  for (const v of p.versions) {
    if (v.effectiveFrom <= day) found = v;
    else break;
  }
  return found;
}

/** A schedule with one portfolio and one version from the earliest date: for a bare rate or tier table. */
export function singleVersion(tiers: Tier[], portfolio = ""): PortfolioSchedule {
  return { portfolio, versions: [{ effectiveFrom: Number.MIN_SAFE_INTEGER, tiers }] };
}

/** The schedule in force on a day: for each portfolio, its version then (portfolios not yet in force are left out). */
export function scheduleAsOf(schedule: FeeSchedule, day: DayNumber): { portfolio: string; version: ScheduleVersion }[] {
  return schedule.portfolios.flatMap((p) => {
    const version = versionAt(p, day);
    return version ? [{ portfolio: p.portfolio, version }] : [];
  });
}
