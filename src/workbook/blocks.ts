import { Cell, isBlank } from "./cells";
import { BlockGeometry, CellBatch, CellRun, ColumnBlock, ColumnCollector } from "./columns";
import { CONTRACT, CellBlock, ContractKind, locateColumns, optionalColumns } from "./contract";

/**
 * Where a contract sheet's data is (design section 5): the table by name in any
 * sheet, else the sheet by name with its headers in row 1. A new contract sheet
 * is a declaration of its table name, sheet name and columns in `CONTRACT`; this
 * finds it in any workbook source without new parsing code.
 */
export interface ContractSheet {
  table: string;
  sheet: string;
  columns: readonly string[];
}

/** A table of the workbook, as a source lists it. */
export interface SourceTable {
  name: string;
  sheet: string;
  /** 1-based, inclusive. */
  top: number;
  left: number;
  bottom: number;
  right: number;
  headerRows: number;
  totalsRows: number;
  /** Column names from the table definition (used when the table has no header row). */
  columns: string[];
}

/** What a workbook source gives to find blocks: its tables and each sheet's cells. */
export interface BlockSource {
  readonly file: string;
  tables(): SourceTable[];
  /** The sheet's real name (matched case-insensitively), or null. */
  sheetName(name: string): string | null;
  /** A sheet's cells (grid[row-1][col-1]) and its last used column. */
  cells(sheet: string): { grid: Cell[][]; maxColumn: number };
}

/** The contract block of `spec`, or null when neither its table nor its sheet exists. */
export function findBlock(src: BlockSource, spec: ContractSheet): CellBlock | null {
  const t = src.tables().find((x) => x.name.toLowerCase() === spec.table.toLowerCase());
  if (t) {
    const { grid, maxColumn } = src.cells(t.sheet);
    // Clipped to the sheet's data: a table claiming A1:XFD1048576 reads what is there, not 17 billion blanks.
    const right = Math.min(t.right, Math.max(t.left, maxColumn, t.left + t.columns.length - 1));
    const width = right - t.left + 1;
    const slice = (r: number): Cell[] => {
      const row = grid[r - 1];
      const out: Cell[] = new Array(width);
      for (let i = 0; i < width; i++) out[i] = row?.[t.left - 1 + i] ?? null;
      return out;
    };
    const dataTop = t.top + (t.headerRows ? 1 : 0);
    const dataBottom = Math.min(t.bottom - t.totalsRows, grid.length);
    const rows: Cell[][] = [];
    for (let r = dataTop; r <= dataBottom; r++) rows.push(slice(r));
    let header: Cell[] = t.headerRows ? slice(t.top) : [];
    // The table definition names every column; a header row left blank (or no header row) falls back to it.
    header = Array.from({ length: Math.max(width, 0) }, (_, i) => (isBlank(header[i]) ? (t.columns[i] ?? null) : header[i]));
    return { sheet: t.sheet, file: src.file, headerRow: dataTop - 1, firstColumn: t.left - 1, header, rows };
  }
  const name = src.sheetName(spec.sheet);
  if (name === null) return null;
  const { grid } = src.cells(name);
  return { sheet: name, file: src.file, headerRow: 1, firstColumn: 0, header: grid[0] ?? [], rows: grid.slice(1) };
}

/** A source that can also stream a sheet's cells (the .xlsx file backend), so a block can be read into columns. */
export interface ColumnSource extends BlockSource {
  /** Streams the sheet's cells that hold something, in row order (1-based row and column); runs of them (read by another thread) to `onRun` when given, in the same order. */
  scan(sheet: string, onCell: (row: number, col: number, cell: Cell) => void, onRun?: (run: CellRun) => void): void;
  /**
   * `scan` that may read the sheet while its part is still being inflated on another thread: the same
   * cells, the same errors; the cells it reads a batch at a time go to `onBatch` when given (the same
   * cells in the same order as to `onCell`).
   */
  scanAsync?(sheet: string, onCell: (row: number, col: number, cell: Cell) => void, onRun?: (run: CellRun) => void, onBatch?: CellBatch): Promise<void>;
  /** Whether the sheet's grid has been read already (then the block is taken from it). */
  hasCells(sheet: string): boolean;
  /** An estimate of the sheet's rows, for sizing the columns up front (0: none). */
  rowsHint?(sheet: string): number;
}

/** The last row and column of a sheet (Excel's limits). */
const SHEET_ROWS = 1_048_576;
const SHEET_COLUMNS = 16_384;

/**
 * A contract block read straight into columns (only the contract's columns are kept), found as
 * `findBlock` finds it: the table by name, else the sheet by name with its header in row 1. When the
 * sheet's grid has been read already the grid's block is returned instead.
 */
export function findColumns(src: ColumnSource, kind: ContractKind): ColumnBlock | CellBlock | null {
  const plan = columnsPlan(src, kind);
  if (!("collector" in plan)) return plan.block;
  src.scan(
    plan.sheet,
    (row, col, cell) => plan.collector.cell(row, col, cell),
    (run) => plan.collector.run(run),
  );
  return plan.collector.done({ sheet: plan.sheet, file: src.file });
}

/** `findColumns` through the source's `scanAsync` where it has one (the sheet read while it is inflated): the same block, the same errors. */
export async function findColumnsAsync(src: ColumnSource, kind: ContractKind): Promise<ColumnBlock | CellBlock | null> {
  if (!src.scanAsync) return findColumns(src, kind);
  const plan = columnsPlan(src, kind);
  if (!("collector" in plan)) return plan.block;
  const collector = plan.collector;
  await src.scanAsync(
    plan.sheet,
    (row, col, cell) => collector.cell(row, col, cell),
    (run) => collector.run(run),
    (rows, cols, nums, others, count) => collector.batch(rows, cols, nums, others, count),
  );
  return plan.collector.done({ sheet: plan.sheet, file: src.file });
}

/** Where the block is and the collector that reads it from the sheet's cells, or the block already (from the grid), or null. */
function columnsPlan(src: ColumnSource, kind: ContractKind): { block: ColumnBlock | CellBlock | null } | { sheet: string; collector: ColumnCollector } {
  const spec = CONTRACT[kind];
  const t = src.tables().find((x) => x.name.toLowerCase() === spec.table.toLowerCase());
  let sheet: string;
  let g: BlockGeometry;
  if (t) {
    sheet = t.sheet;
    g = { headerRow: t.top + (t.headerRows ? 1 : 0) - 1, hasHeaderRow: t.headerRows > 0, left: t.left, right: t.right, bottom: t.bottom - t.totalsRows, fallback: t.columns };
  } else {
    const name = src.sheetName(spec.sheet);
    if (name === null) return { block: null };
    sheet = name;
    g = { headerRow: 1, hasHeaderRow: true, left: 1, right: SHEET_COLUMNS, bottom: SHEET_ROWS, fallback: [] };
  }
  if (src.hasCells(sheet)) return { block: findBlock(src, spec) };
  const file = src.file;
  const collector = new ColumnCollector(g, (header) => locateColumns({ header, sheet, file, headerRow: g.headerRow }, spec.columns, optionalColumns(kind)), src.rowsHint?.(sheet) || undefined);
  return { sheet, collector };
}
