import {
  Dec,
  FeeSchedule,
  ScheduleIssue,
  ScheduleRow,
  formatIso,
  parseAmount,
  parseIsoDate,
  parseRateValue,
  buildSchedule,
  scheduleAsOf,
  validateSchedule,
  portfolioKey,
  SCHEDULE_A_HISTORY,
  scheduleARows,
} from "../../../engine";

/** The editor's working copy: text exactly as typed, so nothing is lost or reformatted while editing. */
export interface DraftTier {
  breakpoint: string;
  rate: string;
}
export interface DraftVersion {
  effectiveFrom: string; // YYYY-MM-DD
  /** A waiver period's last day (YYYY-MM-DD), in force through it; fee waivers only. */
  effectiveTo?: string;
  /** Who is paid; sub-advisory schedules only. */
  subAdviser?: string;
  /** The aggregation group whose combined assets price the tiers (blank: the portfolio's own); sub-advisory schedules only. */
  group?: string;
  tiers: DraftTier[];
}
export interface DraftPortfolio {
  name: string;
  versions: DraftVersion[];
}
export interface Draft {
  portfolios: DraftPortfolio[];
}

/** Where an issue belongs in the editor. */
export interface FieldIssue {
  portfolio: number;
  version?: number;
  tier?: number;
  field: "portfolio" | "effectiveFrom" | "effectiveTo" | "subAdviser" | "group" | "breakpoint" | "rate";
  message: string;
}

export const fieldKey = (i: { portfolio: number; version?: number; tier?: number; field: string }) => `${i.portfolio}/${i.version ?? ""}/${i.tier ?? ""}/${i.field}`;

/** A rate as the editor's hint writes it: percent text with at least two decimals, exact ("0.10%" for 0.001, "0.075%"). */
export function rateText(rate: Dec): string {
  const pct = rate.times(100);
  return `${pct.toFixed(Math.max(2, pct.decimalPlaces()))}%`;
}

/** The five MetLife Strategy portfolios of the 2004 agreement's original Schedule A. */
export const SCHEDULE_A_PORTFOLIOS = SCHEDULE_A_HISTORY[0].portfolios.map((p) => p.portfolio);

/** Schedule A of the 2004 agreement as amended: every version, from the engine's sourced history. */
export function scheduleADraft(): Draft {
  return draftFromSchedule(buildSchedule(scheduleARows()).schedule);
}

export function draftFromSchedule(s: FeeSchedule): Draft {
  return {
    portfolios: s.portfolios.map((p) => ({
      name: p.portfolio,
      versions: p.versions.map((v) => ({ effectiveFrom: formatIso(v.effectiveFrom), tiers: v.tiers.map((t) => ({ breakpoint: t.breakpoint.toString(), rate: rateText(t.rate) })) })),
    })),
  };
}

/**
 * Parses a version's tiers as typed: a problem for each breakpoint that is not
 * an amount and each rate that is not a rate; `parsed` gets each tier that is
 * both. Tiers that do not parse stand in as 0, so the version can still be
 * validated.
 */
export function parseTiers(v: DraftVersion, vi: number, issues: Omit<FieldIssue, "portfolio">[], parsed: (breakpoint: Dec, rate: Dec) => void): { breakpoint: Dec; rate: Dec }[] {
  const tiers: { breakpoint: Dec; rate: Dec }[] = [];
  v.tiers.forEach((t, ti) => {
    let breakpoint: Dec | null = null;
    let rate: Dec | null = null;
    try {
      breakpoint = parseAmount(t.breakpoint.trim() === "" ? "x" : t.breakpoint);
    } catch {
      issues.push({ version: vi, tier: ti, field: "breakpoint", message: t.breakpoint.trim() ? `"${t.breakpoint}" is not an amount` : "A breakpoint is required (0 for the first tier)." });
    }
    try {
      rate = parseRateValue(t.rate.trim() === "" ? "x" : t.rate);
    } catch {
      issues.push({ version: vi, tier: ti, field: "rate", message: t.rate.trim() ? `"${t.rate}" is not a rate: write 0.10%, 10bp or 0.001` : "A rate is required." });
    }
    tiers.push({ breakpoint: breakpoint ?? new Dec(0), rate: rate ?? new Dec(0) });
    if (breakpoint && rate) parsed(breakpoint, rate);
  });
  return tiers;
}

type PortfolioCheck = { rows: ScheduleRow[]; issues: Omit<FieldIssue, "portfolio">[] };

// Portfolios are immutable (an edit replaces only the portfolio it touches), so each one's check is kept until it changes.
const checked = new WeakMap<DraftPortfolio, PortfolioCheck>();

/** Parses and validates one portfolio on its own: text that is not a date, amount or rate, then the engine's schedule validation. */
function checkPortfolio(p: DraftPortfolio): PortfolioCheck {
  const issues: Omit<FieldIssue, "portfolio">[] = [];
  const rows: ScheduleRow[] = [];
  const versions: FeeSchedule["portfolios"][number]["versions"] = [];
  p.versions.forEach((v, vi) => {
    let day: number | null = null;
    try {
      day = parseIsoDate(v.effectiveFrom);
    } catch {
      issues.push({ version: vi, field: "effectiveFrom", message: v.effectiveFrom.trim() ? `"${v.effectiveFrom}" is not a date` : "An effective date is required." });
    }
    const tiers = parseTiers(v, vi, issues, (breakpoint, rate) => {
      if (day !== null) rows.push({ portfolio: p.name.trim(), effectiveFrom: day, breakpoint, rate });
    });
    versions.push({ effectiveFrom: day ?? Number.MIN_SAFE_INTEGER + vi, tiers });
  });
  for (const i of validateSchedule({ portfolios: [{ portfolio: p.name, versions }] })) {
    const { portfolio: _p, ...rest } = fromScheduleIssue(i);
    issues.push(rest);
  }
  return { rows, issues };
}

/**
 * Parses the draft into schedule rows and lists every problem at once: text
 * that is not a date, amount or rate, then the engine's schedule validation.
 * Each portfolio's check is kept while the portfolio is unchanged, so a
 * keystroke re-checks one portfolio, not two hundred.
 */
export function checkDraft(d: Draft): { rows: ScheduleRow[]; issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  const rows: ScheduleRow[] = [];
  const names = new Set<string>();
  d.portfolios.forEach((p, pi) => {
    let one = checked.get(p);
    if (!one) checked.set(p, (one = checkPortfolio(p)));
    rows.push(...one.rows);
    for (const i of one.issues) issues.push({ ...i, portfolio: pi });
    const key = portfolioKey(p.name);
    if (key !== "" && names.has(key)) issues.push({ portfolio: pi, field: "portfolio", message: `"${p.name.trim()}" appears more than once.` });
    names.add(key);
  });
  const seen = new Set<string>();
  return { rows, issues: issues.filter((i) => (seen.has(fieldKey(i) + i.message) ? false : (seen.add(fieldKey(i) + i.message), true))) };
}

function fromScheduleIssue(i: ScheduleIssue): FieldIssue {
  return { portfolio: i.portfolioIndex, version: i.versionIndex, tier: i.tierIndex, field: i.field ?? "portfolio", message: i.message };
}

/** The schedule in force on a day, for the read-only view. */
export function inForce(d: Draft, day: number) {
  const { rows, issues } = checkDraft(d);
  if (issues.length) return null;
  return scheduleAsOf(buildSchedule(rows).schedule, day);
}
