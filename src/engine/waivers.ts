import { DayNumber, formatIso } from "./calendarDate";
import { Dec } from "./decimal";
import { FeeSchedule, portfolioKey, validateSchedule } from "./schedule";
import { Tier } from "./tiers";

/** A flat row of a fee waiver table, as the workbook holds it: one tier of the schedule after waiver. */
export interface WaiverRow {
  portfolio: string;
  from: DayNumber;
  to: DayNumber;
  breakpoint: Dec;
  rate: Dec;
  /** 1-based row in the source, for messages. */
  row?: number;
}

/** One waiver agreement's period: the fee schedule after waiver, in force from `from` through `to` inclusive. */
export interface WaiverPeriod {
  from: DayNumber;
  to: DayNumber;
  tiers: Tier[];
  /** First source row of the period, for messages and tracing. */
  row?: number;
}

export interface PortfolioWaivers {
  portfolio: string;
  /** Sorted by `from`; no two overlap. */
  periods: WaiverPeriod[];
}

/** The workbook's waivers: portfolios in the order first met. */
export interface WaiverSchedule {
  portfolios: PortfolioWaivers[];
}

export type WaiverIssueCode = "OVERLAPPING_WAIVERS" | "WAIVER_ENDS_BEFORE_START" | "INVALID_WAIVER_TIERS";

/** One problem with the waivers; `rows` names every source row involved (both rows of an overlap). */
export interface WaiverIssue {
  code: WaiverIssueCode;
  message: string;
  portfolio: string;
  row?: number;
  rows: number[];
  field?: "from" | "to" | "breakpoint" | "rate";
}

const period = (p: WaiverPeriod) => `${formatIso(p.from)} to ${formatIso(p.to)}`;
const rowOf = (p: WaiverPeriod) => (p.row === undefined ? "" : `row ${p.row} `);

/**
 * Groups flat rows into waiver periods (rows of one portfolio with the same
 * `from` and `to` are the tiers of one period) and validates them, returning
 * every problem at once: a period ending before it starts, two periods of a
 * portfolio that overlap (the message names both rows), and the tier rules of
 * the fee schedule (a tier at breakpoint 0, rising breakpoints, rates in [0, 1)).
 *
 * @example rows "Fund, 2016-01-15, 2017-04-30, 0, 0.95%" and "Fund, 2017-01-01, 2017-12-31, 0, 0.90%" overlap: an OVERLAPPING_WAIVERS issue naming both rows
 */
export function buildWaivers(rows: readonly WaiverRow[]): { waivers: WaiverSchedule; issues: WaiverIssue[] } {
  const portfolios: PortfolioWaivers[] = [];
  const byKey = new Map<string, PortfolioWaivers>();
  const issues: WaiverIssue[] = [];
  for (const r of rows) {
    const key = portfolioKey(r.portfolio);
    let p = byKey.get(key);
    if (!p) {
      p = { portfolio: r.portfolio.trim(), periods: [] };
      byKey.set(key, p);
      portfolios.push(p);
    }
    let w = p.periods.find((x) => x.from === r.from && x.to === r.to);
    if (!w) {
      w = { from: r.from, to: r.to, tiers: [], row: r.row };
      p.periods.push(w);
      if (r.to < r.from) {
        issues.push({
          code: "WAIVER_ENDS_BEFORE_START",
          portfolio: p.portfolio,
          row: r.row,
          rows: r.row === undefined ? [] : [r.row],
          field: "to",
          message: `${p.portfolio}: the waiver ${rowOf(w)}ends (${formatIso(r.to)}) before it starts (${formatIso(r.from)}).`,
        });
      }
    }
    w.tiers.push({ breakpoint: r.breakpoint, rate: r.rate });
  }
  for (const p of portfolios) {
    p.periods.sort((a, b) => a.from - b.from || a.to - b.to);
    for (let i = 0; i < p.periods.length; i++) {
      for (let j = i + 1; j < p.periods.length && p.periods[j].from <= p.periods[i].to; j++) {
        const [a, b] = [p.periods[i], p.periods[j]];
        if (a.to < a.from || b.to < b.from) continue;
        const involved = [a.row, b.row].filter((x): x is number => x !== undefined).sort((x, y) => x - y);
        issues.push({
          code: "OVERLAPPING_WAIVERS",
          portfolio: p.portfolio,
          row: b.row,
          rows: involved,
          field: "from",
          message:
            `${p.portfolio}: waiver periods overlap: ${involved.length === 2 ? `rows ${involved[0]} and ${involved[1]}` : "two periods"} ` +
            `(${period(a)} and ${period(b)}); one day can be under one waiver only.`,
        });
      }
    }
  }
  // The tiers follow the fee schedule's rules: validate each period as a version of a schedule.
  for (const p of portfolios) {
    const asSchedule: FeeSchedule = { portfolios: [{ portfolio: p.portfolio, versions: p.periods.map((w) => ({ effectiveFrom: w.from, tiers: w.tiers })) }] };
    for (const i of validateSchedule(asSchedule)) {
      if (i.code === "DUPLICATE_EFFECTIVE_DATE" || i.code === "BLANK_PORTFOLIO") continue; // an overlap, reported above; a blank name is the reader's to refuse
      const w = p.periods[i.versionIndex ?? 0];
      const row = tierRow(rows, p.portfolio, w, i.tierIndex ?? 0);
      issues.push({
        code: "INVALID_WAIVER_TIERS",
        portfolio: p.portfolio,
        row,
        rows: row === undefined ? [] : [row],
        field: i.field === "breakpoint" ? "breakpoint" : "rate",
        message: i.message.replace(` from ${formatIso(w.from)}:`, ` waiver ${period(w)}:`),
      });
    }
  }
  return { waivers: { portfolios }, issues };
}

function tierRow(rows: readonly WaiverRow[], portfolio: string, w: WaiverPeriod, tierIndex: number): number | undefined {
  const key = portfolioKey(portfolio);
  const mine = rows.filter((r) => portfolioKey(r.portfolio) === key && r.from === w.from && r.to === w.to);
  return mine[tierIndex]?.row ?? w.row;
}

export function findWaivers(waivers: WaiverSchedule, name: string): PortfolioWaivers | undefined {
  const key = portfolioKey(name);
  return waivers.portfolios.find((p) => portfolioKey(p.portfolio) === key);
}

/** The waiver period in force on a day, or undefined. */
export function waiverAt(p: PortfolioWaivers | undefined, day: DayNumber): WaiverPeriod | undefined {
  if (!p) return undefined;
  for (const w of p.periods) {
    if (w.from > day) break;
    if (day <= w.to) return w;
  }
  return undefined;
}
