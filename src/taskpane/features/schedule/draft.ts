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
  field: "portfolio" | "effectiveFrom" | "breakpoint" | "rate";
  message: string;
}

export const fieldKey = (i: { portfolio: number; version?: number; tier?: number; field: string }) => `${i.portfolio}/${i.version ?? ""}/${i.tier ?? ""}/${i.field}`;

/** A rate as the editor shows it: percent text, exact ("0.1%" for 0.001). */
export function rateText(rate: Dec): string {
  return `${rate.times(100).toString()}%`;
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
 * Parses the draft into schedule rows and lists every problem at once: text
 * that is not a date, amount or rate, then the engine's schedule validation.
 */
export function checkDraft(d: Draft): { rows: ScheduleRow[]; issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  const rows: ScheduleRow[] = [];
  const schedule: FeeSchedule = { portfolios: [] };
  d.portfolios.forEach((p, pi) => {
    const versions: FeeSchedule["portfolios"][number]["versions"] = [];
    p.versions.forEach((v, vi) => {
      let day: number | null = null;
      try {
        day = parseIsoDate(v.effectiveFrom);
      } catch {
        issues.push({ portfolio: pi, version: vi, field: "effectiveFrom", message: v.effectiveFrom.trim() ? `"${v.effectiveFrom}" is not a date` : "An effective date is required." });
      }
      const tiers: { breakpoint: Dec; rate: Dec }[] = [];
      v.tiers.forEach((t, ti) => {
        let breakpoint: Dec | null = null;
        let rate: Dec | null = null;
        try {
          breakpoint = parseAmount(t.breakpoint.trim() === "" ? "x" : t.breakpoint);
        } catch {
          issues.push({ portfolio: pi, version: vi, tier: ti, field: "breakpoint", message: t.breakpoint.trim() ? `"${t.breakpoint}" is not an amount` : "A breakpoint is required (0 for the first tier)." });
        }
        try {
          rate = parseRateValue(t.rate.trim() === "" ? "x" : t.rate);
        } catch {
          issues.push({ portfolio: pi, version: vi, tier: ti, field: "rate", message: t.rate.trim() ? `"${t.rate}" is not a rate: write 0.10%, 10bp or 0.001` : "A rate is required." });
        }
        if (breakpoint && rate) tiers.push({ breakpoint, rate });
        else tiers.push({ breakpoint: breakpoint ?? new Dec(0), rate: rate ?? new Dec(0) });
        if (day !== null && breakpoint && rate) rows.push({ portfolio: p.name.trim(), effectiveFrom: day, breakpoint, rate });
      });
      versions.push({ effectiveFrom: day ?? Number.MIN_SAFE_INTEGER + vi, tiers });
    });
    schedule.portfolios.push({ portfolio: p.name, versions });
  });
  for (const i of validateSchedule(schedule)) issues.push(fromScheduleIssue(i));
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
