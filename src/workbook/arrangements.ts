import {
  AggregationGroups,
  DateSystem,
  FeeArrangements,
  GroupRow,
  SubAdvisoryRow,
  SubAdvisorySchedule,
  WaiverRow,
  WaiverSchedule,
  buildGroups,
  buildSubAdvisory,
  buildWaivers,
  parseRateValue,
} from "../engine";
import { WorkbookError, atCell, cellDate, cellNumber, cellText, isBlank } from "./cells";
import { CellBlock, ContractKind, eachRow } from "./contract";

/** The first of a list of row problems as a located error (with how many more there are). */
function firstIssue(block: CellBlock, issues: { row?: number; message: string; field?: string }[], columnOf: Record<string, string>): WorkbookError | null {
  if (!issues.length) return null;
  const i = issues[0];
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more problem${issues.length > 2 ? "s" : ""})` : "";
  return new WorkbookError({ file: block.file, sheet: block.sheet, row: i.row, column: i.field ? columnOf[i.field] : undefined }, i.message + more);
}

const rateCell = (get: Parameters<Parameters<typeof eachRow>[2]>[0], col: number) => {
  const r = get(col);
  if (isBlank(r.cell)) throw new WorkbookError(r.where, "is blank; an annual rate is required");
  return atCell(r.where, () => parseRateValue(r.cell));
};

/** The Fee Waivers table's rows as written (each cell checked, the periods not yet validated): for the task pane's editor. */
export function readWaiverRows(block: CellBlock, system: DateSystem = 1900): WaiverRow[] {
  const rows: WaiverRow[] = [];
  eachRow(block, "waivers", (get, row) => {
    const p = get(0);
    const from = get(1);
    const to = get(2);
    const b = get(3);
    rows.push({ portfolio: cellText(p.cell, p.where), from: cellDate(from.cell, from.where, system), to: cellDate(to.cell, to.where, system), breakpoint: cellNumber(b.cell, b.where), rate: rateCell(get, 4), row });
  });
  return rows;
}

/** Reads the Fee Waivers table: the tiers of the fee schedule after waiver, each row in force from Waiver From through Waiver To. Overlapping periods of a portfolio are an error naming both rows. */
export function readWaivers(block: CellBlock, system: DateSystem = 1900): WaiverSchedule {
  const { waivers, issues } = buildWaivers(readWaiverRows(block, system));
  const error = firstIssue(block, issues, { from: "Waiver From", to: "Waiver To", breakpoint: "Breakpoint", rate: "Annual Rate" });
  if (error) throw error;
  return waivers;
}

/** The Aggregation Groups table's rows as written (each cell checked): for the task pane's editor. */
export function readGroupRows(block: CellBlock): GroupRow[] {
  const rows: GroupRow[] = [];
  eachRow(block, "groups", (get, row) => {
    const g = get(0);
    const p = get(1);
    rows.push({ group: cellText(g.cell, g.where), portfolio: cellText(p.cell, p.where), row });
  });
  return rows;
}

/** Reads the Aggregation Groups table: one row per group member. */
export function readGroups(block: CellBlock): AggregationGroups {
  const { groups, issues } = buildGroups(readGroupRows(block));
  const error = firstIssue(block, issues, { portfolio: "Portfolio" });
  if (error) throw error;
  return groups;
}

/** The Sub-Advisory Schedule's rows as written (each cell checked, the versions not yet validated): for the task pane's editor. */
export function readSubAdvisoryRows(block: CellBlock, system: DateSystem = 1900): SubAdvisoryRow[] {
  const rows: SubAdvisoryRow[] = [];
  eachRow(block, "subAdvisory", (get, row) => {
    const p = get(0);
    const a = get(1);
    const e = get(2);
    const b = get(3);
    const g = get(5);
    rows.push({
      portfolio: cellText(p.cell, p.where),
      subAdviser: cellText(a.cell, a.where),
      effectiveFrom: cellDate(e.cell, e.where, system),
      breakpoint: cellNumber(b.cell, b.where),
      rate: rateCell(get, 4),
      group: isBlank(g.cell) ? null : cellText(g.cell, g.where),
      row,
    });
  });
  return rows;
}

/** Reads the Sub-Advisory Schedule: effective-dated tiers per portfolio, each version naming its sub-adviser and, optionally, the aggregation group it prices on. */
export function readSubAdvisory(block: CellBlock, groups: AggregationGroups, system: DateSystem = 1900): SubAdvisorySchedule {
  const rows = readSubAdvisoryRows(block, system);
  const { subAdvisory, issues } = buildSubAdvisory(rows, groups);
  const error = firstIssue(block, issues, {
    portfolio: "Portfolio",
    subAdviser: "Sub-Adviser",
    effectiveFrom: "Effective From",
    breakpoint: "Breakpoint",
    rate: "Annual Rate",
    group: "Group",
  });
  if (error) throw error;
  return subAdvisory;
}

/** The contract kinds that make up the fee arrangements besides the schedule (each optional). */
export const ARRANGEMENT_SOURCES = ["waivers", "subAdvisory", "groups"] as const satisfies readonly ContractKind[];

/**
 * The workbook's waivers, sub-advisory schedules and aggregation groups, from
 * their blocks (null or missing where the workbook has neither table nor
 * sheet). Any bad row is a located error.
 */
export function readArrangements(blocks: Partial<Record<ContractKind, CellBlock | null>>, system: DateSystem = 1900): FeeArrangements {
  const out: FeeArrangements = {};
  if (blocks.waivers) out.waivers = readWaivers(blocks.waivers, system);
  const groups = blocks.groups ? readGroups(blocks.groups) : { groups: [] };
  if (blocks.groups) out.groups = groups;
  if (blocks.subAdvisory) out.subAdvisory = readSubAdvisory(blocks.subAdvisory, groups, system);
  return out;
}
