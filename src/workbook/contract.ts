import { Dec, DateSystem, DayNumber, Month, ScheduleRow, buildSchedule, FeeSchedule, ScheduleIssue, parseRateValue, portfolioKey, formatIso } from "../engine";
import { Cell, CellWhere, WorkbookError, atCell, cellDate, cellMonth, cellNumber, cellText, columnLetter, isBlank, MAX_AMOUNT } from "./cells";

/** The workbook contract (design section 5): tables found by name first, else sheets by name with headers in row 1. */
export const CONTRACT = {
  schedule: { table: "FeeSchedule", sheet: "Fee Schedule", columns: ["Portfolio", "Effective From", "Breakpoint", "Annual Rate"] },
  netAssets: { table: "NetAssets", sheet: "Net Assets", columns: ["Date", "Portfolio", "Net Assets"] },
  invoices: { table: "Invoices", sheet: "Invoices", columns: ["Month", "Portfolio", "Billed Fee"] },
  /** Optional: the workbook's settings (rows of SETTING_DEFINITIONS in the engine). */
  settings: { table: "FeeSettings", sheet: "Fee Settings", columns: ["Setting", "Value"] },
  /** Optional: each portfolio's service period and last continuance approval (each date optional). */
  agreements: { table: "Agreements", sheet: "Agreements", columns: ["Portfolio", "Commenced", "Terminated", "Last Approval"] },
  /** Optional: waiver schedules, sub-advisory schedules and their aggregation groups (docs/waivers-and-sub-advisory.md). */
  waivers: { table: "FeeWaivers", sheet: "Fee Waivers", columns: ["Portfolio", "Waiver From", "Waiver To", "Breakpoint", "Annual Rate"] },
  subAdvisory: { table: "SubAdvisory", sheet: "Sub-Advisory Schedule", columns: ["Portfolio", "Sub-Adviser", "Effective From", "Breakpoint", "Annual Rate", "Group"], optional: ["Group"] },
  groups: { table: "AggregationGroups", sheet: "Aggregation Groups", columns: ["Group", "Portfolio"] },
} as const;

/** Columns a block may leave out (read as blank). */
const optionalColumns = (kind: ContractKind): readonly string[] => ("optional" in CONTRACT[kind] ? (CONTRACT[kind] as { optional: readonly string[] }).optional : []);

export type ContractKind = keyof typeof CONTRACT;

/**
 * A block of cells read from a table or a sheet: the header row and the data
 * rows, with where the block starts so messages give real worksheet rows.
 */
export interface CellBlock {
  sheet: string;
  file?: string;
  /** 1-based worksheet row of the header. */
  headerRow: number;
  /** 0-based worksheet column of the block's first column. */
  firstColumn: number;
  header: Cell[];
  rows: Cell[][];
}

/** Maps contract columns to block columns (case-insensitive, spaces folded); a missing column is an error, except an optional one (-1). */
export function locateColumns(block: CellBlock, columns: readonly string[], optional: readonly string[] = []): number[] {
  const norm = (s: Cell) => String(s ?? "").trim().replace(/\s+/g, " ").toLowerCase();
  const names = block.header.map(norm);
  return columns.map((c) => {
    const i = names.indexOf(c.toLowerCase());
    if (i < 0 && optional.includes(c)) return -1;
    if (i < 0) throw new WorkbookError({ file: block.file, sheet: block.sheet, row: block.headerRow }, `no column "${c}" in the header (found: ${block.header.filter((h) => !isBlank(h)).map((h) => `"${String(h)}"`).join(", ") || "nothing"})`);
    return i;
  });
}

/**
 * The block columns a write goes to, and each row's cells for them: an optional
 * column the block lacks is left out while every value for it is blank; a value
 * for it is an error naming the sheet and the column to add.
 */
export function writableColumns<C extends { value: unknown }>(block: CellBlock, kind: ContractKind, cells: C[][]): { cols: number[]; cells: C[][] } {
  const located = locateColumns(block, CONTRACT[kind].columns, optionalColumns(kind));
  const keep = located.map((_, k) => k).filter((k) => located[k] >= 0);
  located.forEach((c, k) => {
    if (c < 0 && cells.some((r) => !isBlank(r[k]?.value)))
      throw new WorkbookError({ file: block.file, sheet: block.sheet, row: block.headerRow }, `no column "${CONTRACT[kind].columns[k]}" in the header; add one to save its values`);
  });
  return { cols: keep.map((k) => located[k]), cells: cells.map((r) => keep.map((k) => r[k])) };
}

/** Iterates the non-blank rows of a block with a cell accessor that knows where each cell is (an optional column the block lacks reads blank). */
export function eachRow(block: CellBlock, kind: ContractKind, f: (get: (col: number) => { cell: Cell; where: CellWhere }, row: number) => void): void {
  const cols = locateColumns(block, CONTRACT[kind].columns, optionalColumns(kind));
  block.rows.forEach((r, i) => {
    const used = cols.map((c) => (c < 0 ? null : (r[c] ?? null)));
    if (used.every(isBlank)) return;
    const row = block.headerRow + 1 + i;
    f(
      (k) => ({
        cell: cols[k] < 0 ? null : (r[cols[k]] ?? null),
        where: { file: block.file, sheet: block.sheet, row, column: CONTRACT[kind].columns[k], letter: cols[k] < 0 ? undefined : columnLetter(block.firstColumn + cols[k]) },
      }),
      row,
    );
  });
}

export interface ScheduleRead {
  rows: ScheduleRow[];
  schedule: FeeSchedule;
  issues: ScheduleIssue[];
}

/** Reads the fee schedule; rates may be fractions or percent text ("0.10%", "10bp"). Problems with the schedule as a whole come back as issues. */
export function readSchedule(block: CellBlock, system: DateSystem = 1900): ScheduleRead {
  const rows: ScheduleRow[] = [];
  eachRow(block, "schedule", (get, row) => {
    const p = get(0);
    const e = get(1);
    const b = get(2);
    const r = get(3);
    if (isBlank(r.cell)) throw new WorkbookError(r.where, "is blank; an annual rate is required");
    const rate = atCell(r.where, () => parseRateValue(r.cell));
    rows.push({ portfolio: cellText(p.cell, p.where), effectiveFrom: cellDate(e.cell, e.where, system), breakpoint: cellNumber(b.cell, b.where), rate, row });
  });
  const { schedule, issues } = buildSchedule(rows);
  return { rows, schedule, issues };
}

/** Like readSchedule, but the first issue is a located error (for the command line). */
export function requireValidSchedule(block: CellBlock, system: DateSystem = 1900): FeeSchedule {
  const read = readSchedule(block, system);
  if (read.issues.length) {
    const i = read.issues[0];
    const column = i.field === "effectiveFrom" ? "Effective From" : i.field === "breakpoint" ? "Breakpoint" : i.field === "rate" ? "Annual Rate" : "Portfolio";
    throw new WorkbookError({ file: block.file, sheet: block.sheet, row: i.row, column }, i.message + (read.issues.length > 1 ? ` (and ${read.issues.length - 1} more problem${read.issues.length > 2 ? "s" : ""})` : ""));
  }
  return read.schedule;
}

export interface NetAssetRow {
  date: DayNumber;
  portfolio: string;
  /** A number as the cell held it (the engine keeps whole cents as integers), or an exact decimal read from text. */
  netAssets: Dec | number;
  row: number;
}

/** Reads net assets: a real number, not negative, for each row. Numbers stay numbers until a decimal is needed. */
export function readNetAssets(block: CellBlock, system: DateSystem = 1900): NetAssetRow[] {
  const out: NetAssetRow[] = [];
  // Per portfolio text (shared strings repeat the same string): its key, and the row of each date seen.
  const seen = new Map<string, Map<number, number>>();
  const byKey = new Map<string, Map<number, number>>();
  eachRow(block, "netAssets", (get, row) => {
    const d = get(0);
    const p = get(1);
    const n = get(2);
    let netAssets: Dec | number;
    if (typeof n.cell === "number" && Number.isFinite(n.cell) && Math.abs(n.cell) < MAX_AMOUNT) {
      netAssets = n.cell;
      if (netAssets < 0) throw new WorkbookError(n.where, `is negative: ${netAssets}; net assets cannot be below zero`);
    } else {
      netAssets = cellNumber(n.cell, n.where);
      if (netAssets.isNegative()) throw new WorkbookError(n.where, `is negative: ${netAssets.toString()}; net assets cannot be below zero`);
    }
    const date = cellDate(d.cell, d.where, system);
    const portfolio = cellText(p.cell, p.where);
    let dates = seen.get(portfolio);
    if (!dates) {
      const key = portfolioKey(portfolio);
      dates = byKey.get(key);
      if (!dates) byKey.set(key, (dates = new Map()));
      seen.set(portfolio, dates);
    }
    const earlier = dates.get(date);
    if (earlier !== undefined) throw new WorkbookError(d.where, `${formatIso(date)} appears twice for ${portfolio} (also row ${earlier}); give one value a date`);
    dates.set(date, row);
    out.push({ date, portfolio, netAssets, row });
  });
  return out;
}

export interface InvoiceRow {
  month: Month;
  portfolio: string;
  billedFee: Dec;
  row: number;
}

export function readInvoices(block: CellBlock, system: DateSystem = 1900): InvoiceRow[] {
  const out: InvoiceRow[] = [];
  eachRow(block, "invoices", (get, row) => {
    const m = get(0);
    const p = get(1);
    const f = get(2);
    out.push({ month: cellMonth(m.cell, m.where, system), portfolio: cellText(p.cell, p.where), billedFee: cellNumber(f.cell, f.where), row });
  });
  return out;
}

