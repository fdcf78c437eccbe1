import { DayNumber, formatIso } from "./calendarDate";
import { Dec } from "./decimal";
import { PortfolioSchedule, ScheduleVersion, buildSchedule, portfolioKey } from "./schedule";

/** A flat row of a sub-advisory schedule, as the workbook holds it: one tier of one version. */
export interface SubAdvisoryRow {
  portfolio: string;
  subAdviser: string;
  effectiveFrom: DayNumber;
  breakpoint: Dec;
  rate: Dec;
  /** The aggregation group whose combined net assets the tiers apply to; null or "" for the portfolio's own. */
  group?: string | null;
  row?: number;
}

/** One effective-dated version of a sub-advisory fee: the tiers, who is paid, and on whose assets they are priced. */
export interface SubAdvisoryVersion extends ScheduleVersion {
  subAdviser: string;
  /** Group name as written, or null for the portfolio's own net assets. */
  group: string | null;
  row?: number;
}

export interface PortfolioSubAdvisory {
  portfolio: string;
  versions: SubAdvisoryVersion[];
}

export interface SubAdvisorySchedule {
  portfolios: PortfolioSubAdvisory[];
}

export interface GroupRow {
  group: string;
  portfolio: string;
  row?: number;
}

/** An aggregation group: the portfolios whose net assets are combined to find the rate. */
export interface AggregationGroup {
  group: string;
  members: string[];
}

export interface AggregationGroups {
  groups: AggregationGroup[];
}

export type SubAdvisoryIssueCode = "INVALID_SUB_ADVISORY_TIERS" | "INCONSISTENT_VERSION" | "UNKNOWN_GROUP" | "DUPLICATE_MEMBER";

export interface SubAdvisoryIssue {
  code: SubAdvisoryIssueCode;
  message: string;
  /** Which table: the sub-advisory schedule or the aggregation groups. */
  table: "subAdvisory" | "groups";
  row?: number;
  rows: number[];
  field?: "portfolio" | "subAdviser" | "effectiveFrom" | "breakpoint" | "rate" | "group";
}

const rowsOf = (...rs: (number | undefined)[]) => rs.filter((r): r is number => r !== undefined).sort((a, b) => a - b);
const both = (rs: number[]) => (rs.length === 2 ? ` (rows ${rs[0]} and ${rs[1]})` : "");

/** Groups flat rows into aggregation groups; a portfolio listed twice in one group is an issue naming both rows. */
export function buildGroups(rows: readonly GroupRow[]): { groups: AggregationGroups; issues: SubAdvisoryIssue[] } {
  const groups: AggregationGroup[] = [];
  const byKey = new Map<string, { g: AggregationGroup; rowOf: Map<string, number | undefined> }>();
  const issues: SubAdvisoryIssue[] = [];
  for (const r of rows) {
    const key = portfolioKey(r.group);
    let entry = byKey.get(key);
    if (!entry) {
      entry = { g: { group: r.group.trim(), members: [] }, rowOf: new Map() };
      byKey.set(key, entry);
      groups.push(entry.g);
    }
    const member = portfolioKey(r.portfolio);
    if (entry.rowOf.has(member)) {
      const rs = rowsOf(entry.rowOf.get(member), r.row);
      issues.push({ code: "DUPLICATE_MEMBER", table: "groups", row: r.row, rows: rs, field: "portfolio", message: `Group ${entry.g.group}: ${r.portfolio.trim()} is listed twice${both(rs)}.` });
      continue;
    }
    entry.rowOf.set(member, r.row);
    entry.g.members.push(r.portfolio.trim());
  }
  return { groups: { groups }, issues };
}

export function findGroup(groups: AggregationGroups, name: string): AggregationGroup | undefined {
  const key = portfolioKey(name);
  return groups.groups.find((g) => portfolioKey(g.group) === key);
}

/**
 * Groups flat rows into a sub-advisory schedule (rows of one portfolio and
 * effective date form one version) and validates it, returning every problem:
 * the fee schedule's tier rules; a version whose rows disagree on the
 * sub-adviser or the group (the message names both rows); a group that the
 * aggregation groups do not list.
 */
export function buildSubAdvisory(rows: readonly SubAdvisoryRow[], groups: AggregationGroups = { groups: [] }): { subAdvisory: SubAdvisorySchedule; issues: SubAdvisoryIssue[] } {
  const { schedule, issues: tierIssues } = buildSchedule(rows.map((r) => ({ portfolio: r.portfolio, effectiveFrom: r.effectiveFrom, breakpoint: r.breakpoint, rate: r.rate, row: r.row })));
  const issues: SubAdvisoryIssue[] = tierIssues
    .filter((i) => i.code !== "DUPLICATE_EFFECTIVE_DATE" && i.code !== "BLANK_PORTFOLIO" && i.code !== "DUPLICATE_PORTFOLIO")
    .map((i) => ({ code: "INVALID_SUB_ADVISORY_TIERS", table: "subAdvisory", row: i.row, rows: rowsOf(i.row), field: i.field, message: i.message }));

  // The first row of each version fixes its sub-adviser and group; later rows must agree.
  const first = new Map<string, SubAdvisoryRow>();
  for (const r of rows) {
    const key = `${portfolioKey(r.portfolio)}|${r.effectiveFrom}`;
    const f = first.get(key);
    if (!f) {
      first.set(key, r);
      continue;
    }
    const name = `${r.portfolio.trim()} from ${formatIso(r.effectiveFrom)}`;
    if (portfolioKey(f.subAdviser) !== portfolioKey(r.subAdviser)) {
      const rs = rowsOf(f.row, r.row);
      issues.push({ code: "INCONSISTENT_VERSION", table: "subAdvisory", row: r.row, rows: rs, field: "subAdviser", message: `${name}: the sub-adviser differs between rows of one version${both(rs)}: "${f.subAdviser.trim()}" and "${r.subAdviser.trim()}".` });
    }
    if (portfolioKey(f.group ?? "") !== portfolioKey(r.group ?? "")) {
      const rs = rowsOf(f.row, r.row);
      issues.push({ code: "INCONSISTENT_VERSION", table: "subAdvisory", row: r.row, rows: rs, field: "group", message: `${name}: the group differs between rows of one version${both(rs)}: "${(f.group ?? "").trim()}" and "${(r.group ?? "").trim()}"; give every row of a version the same group.` });
    }
  }

  const portfolios: PortfolioSubAdvisory[] = schedule.portfolios.map((p: PortfolioSchedule) => ({
    portfolio: p.portfolio,
    versions: p.versions.map((v) => {
      const f = first.get(`${portfolioKey(p.portfolio)}|${v.effectiveFrom}`)!;
      const group = f.group && f.group.trim() !== "" ? f.group.trim() : null;
      if (group !== null && !findGroup(groups, group)) {
        issues.push({ code: "UNKNOWN_GROUP", table: "subAdvisory", row: f.row, rows: rowsOf(f.row), field: "group", message: `${p.portfolio} from ${formatIso(v.effectiveFrom)}: group "${group}" is not in the aggregation groups.` });
      }
      return { ...v, subAdviser: f.subAdviser.trim(), group, row: f.row };
    }),
  }));
  return { subAdvisory: { portfolios }, issues };
}

export function findSubAdvisory(s: SubAdvisorySchedule, name: string): PortfolioSubAdvisory | undefined {
  const key = portfolioKey(name);
  return s.portfolios.find((p) => portfolioKey(p.portfolio) === key);
}
