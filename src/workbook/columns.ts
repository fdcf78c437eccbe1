import { Cell, isBlank } from "./cells";

/**
 * A contract block read straight into columns instead of a `Cell[][]` grid:
 * for a sheet of half a million net-asset rows the grid (an array per row, a
 * boxed number per amount, then a copy per block) was most of the memory and
 * garbage collection of a month end. Only the block's contract columns are
 * kept, each as typed arrays; a cell that is neither a number nor text (a
 * boolean, an error, a `t="d"` date, a formula without a result) is kept as
 * it is. Plain data, so it crosses to the pane's Web Worker by structured clone.
 */
export interface CellColumn {
  /** Per data row: 0 blank, 1 number (`num[i]`), 2 text (`text[num[i]]`), 3 anything else (`other.get(i)`). */
  kind: Uint8Array;
  num: Float64Array;
  /** The column's distinct texts. */
  text: string[];
  other: Map<number, Cell>;
}

export interface ColumnBlock {
  /** Marks the column form (a CellBlock has `rows`). */
  columnar: true;
  sheet: string;
  file?: string;
  /** 1-based worksheet row of the header. */
  headerRow: number;
  /** 0-based worksheet column of the block's first column. */
  firstColumn: number;
  header: Cell[];
  /** Data rows read; worksheet row of data row i is headerRow + 1 + i. Rows beyond are blank. */
  rowCount: number;
  /** By 0-based column of the block: the cells of each column that was asked for and found in the header. */
  columns: (CellColumn | null)[];
}

export function isColumnBlock(b: unknown): b is ColumnBlock {
  return typeof b === "object" && b !== null && (b as { columnar?: unknown }).columnar === true;
}

/** The cell of data row `i` in a column (null when the column was not kept). */
export function columnCell(c: CellColumn | null | undefined, i: number): Cell {
  if (!c || i >= c.kind.length) return null;
  switch (c.kind[i]) {
    case 1:
      return c.num[i];
    case 2:
      return c.text[c.num[i]];
    case 3:
      return c.other.get(i) ?? null;
    default:
      return null;
  }
}

/**
 * Cells in order as typed arrays (another thread's reading of part of a sheet): kind 1 a number
 * `nums[k]`, 2 the text `texts[nums[k]]`, 3 the next of `others`.
 */
export interface CellRun {
  count: number;
  rows: Int32Array;
  cols: Int32Array;
  kinds: Uint8Array;
  nums: Float64Array;
  texts: string[];
  others: Cell[];
}

/**
 * Cells handed on a batch at a time (the worksheet fast path's), in order: cell k (k < count) is in row
 * rows[k], column cols[k] (1-based), and is the number nums[k], or, where nums[k] is NaN (no number a
 * cell holds is), others[k]. The arrays are the scanner's own, reused for the next batch: the callback
 * reads them before it returns and keeps none of them.
 */
export type CellBatch = (rows: Int32Array, cols: Int32Array, nums: Float64Array, others: readonly Cell[], count: number) => void;

/** Builds one column, growing its arrays by doubling (from `rows`, an estimate of the rows to come). */
export class ColumnBuilder {
  private kind: Uint8Array;
  private num: Float64Array;
  private readonly text: string[] = [];
  private readonly textIndex = new Map<string, number>();
  private readonly other = new Map<number, Cell>();

  constructor(rows = 1024) {
    const n = Math.max(1024, Math.min(rows, MAX_PRESIZE));
    this.kind = new Uint8Array(n);
    this.num = new Float64Array(n);
  }

  /** The index of text `v` among the column's distinct texts (added when new). */
  textId(v: string): number {
    let k = this.textIndex.get(v);
    if (k === undefined) {
      k = this.text.length;
      this.text.push(v);
      this.textIndex.set(v, k);
    }
    return k;
  }

  /** `set(i, x)` for a number. */
  setNumber(i: number, x: number): void {
    if (i >= this.kind.length) this.grow(i + 1);
    this.kind[i] = 1;
    this.num[i] = x;
  }

  /** `set(i, v)` for the text whose `textId` is k. */
  setText(i: number, k: number): void {
    if (i >= this.kind.length) this.grow(i + 1);
    this.kind[i] = 2;
    this.num[i] = k;
  }

  /**
   * `set(i, v)` for a text, unless it is blank (false then: nothing set, as `ColumnCollector.cell` skips a
   * blank cell). The last text set and its id are kept, so a run of rows with the same text (a
   * portfolio's) is checked and looked up once.
   */
  setString(i: number, v: string): boolean {
    if (v !== this.lastText) {
      if (isBlank(v)) return false;
      this.lastId = this.textId(v);
      this.lastText = v;
    }
    this.setText(i, this.lastId);
    return true;
  }
  private lastText: string | null = null;
  private lastId = 0;

  set(i: number, v: Cell): void {
    if (i >= this.kind.length) this.grow(i + 1);
    if (typeof v === "number") {
      this.kind[i] = 1;
      this.num[i] = v;
    } else if (typeof v === "string") {
      let k = this.textIndex.get(v);
      if (k === undefined) {
        k = this.text.length;
        this.text.push(v);
        this.textIndex.set(v, k);
      }
      this.kind[i] = 2;
      this.num[i] = k;
    } else if (v !== null) {
      this.kind[i] = 3;
      this.other.set(i, v);
    }
  }

  private grow(min: number): void {
    let n = this.kind.length * 2;
    while (n < min) n *= 2;
    const kind = new Uint8Array(n);
    kind.set(this.kind);
    const num = new Float64Array(n);
    num.set(this.num);
    this.kind = kind;
    this.num = num;
  }

  /**
   * The column, trimmed to `rows` data rows: views of the builder's arrays when they are at least half
   * used (no copy of a large column: 15 MB of fresh memory and a copy at 2,000 portfolios), else copies
   * (a column sized from a far too large estimate does not keep its unused rows).
   */
  done(rows: number): CellColumn {
    const n = Math.min(rows, this.kind.length);
    if (2 * n >= this.kind.length) return { kind: this.kind.subarray(0, n), num: this.num.subarray(0, n), text: this.text, other: this.other };
    return { kind: this.kind.slice(0, n), num: this.num.slice(0, n), text: this.text, other: this.other };
  }
}

/** The most rows a builder is sized for up front (a sheet's row limit): an estimate beyond it is not trusted. */
const MAX_PRESIZE = 1_048_576;

/** Where a block is on its sheet, as a table or a sheet-by-name gives it. */
export interface BlockGeometry {
  /** 1-based worksheet row of the header (the row above the data when the table has no header row). */
  headerRow: number;
  /** Whether headerRow holds the header cells (a table may have no header row). */
  hasHeaderRow: boolean;
  /** 1-based, inclusive columns of the block. */
  left: number;
  right: number;
  /** Last data row (1-based, inclusive). */
  bottom: number;
  /** Header names for columns whose header cell is blank or absent (a table's column definitions). */
  fallback: string[];
}

/**
 * Collects a block's header and asked-for columns from a sheet's cells as they stream past in row
 * order: the header row is read first, the columns are found in it (`locate`, which returns the
 * block-relative index of each wanted column or -1), then data cells of those columns only are kept.
 */
export class ColumnCollector {
  private readonly header: Cell[] = [];
  private headerWidth = 0;
  private wanted: (ColumnBuilder | null)[] | null = null;
  private lastRow = 0;

  /** `rows`: an estimate of the data rows to come (the builders start that large instead of growing to it). */
  constructor(
    private readonly g: BlockGeometry,
    private readonly locate: (header: Cell[]) => number[],
    private readonly rows = 1024,
  ) {}

  cell(row: number, col: number, v: Cell): void {
    const g = this.g;
    if (col < g.left || col > g.right) return;
    if (row <= g.headerRow) {
      if (row === g.headerRow && g.hasHeaderRow) {
        this.header[col - g.left] = v;
        if (col - g.left + 1 > this.headerWidth) this.headerWidth = col - g.left + 1;
      }
      return;
    }
    if (row > g.bottom) return;
    const w = this.wanted ?? this.resolve();
    const b = w[col - g.left];
    if (!b) return;
    if (isBlank(v)) return;
    b.set(row - g.headerRow - 1, v);
    if (row > this.lastRow) this.lastRow = row;
  }

  /**
   * A run of cells at once, as `cell` takes them one by one (the same result): the cells another thread
   * read (`CellRun`), numbers and texts straight into the builders, each distinct text of the run looked
   * up once per column.
   */
  run(r: CellRun): void {
    const g = this.g;
    const { rows, cols, kinds, nums, texts, others } = r;
    const blank = texts.map((t) => isBlank(t));
    const ids = new Map<ColumnBuilder, Int32Array>();
    let o = 0;
    for (let k = 0; k < r.count; k++) {
      const row = rows[k];
      const col = cols[k];
      const kind = kinds[k];
      if (kind === 3) {
        this.cell(row, col, others[o++]);
        continue;
      }
      if (col < g.left || col > g.right || row <= g.headerRow || row > g.bottom) {
        this.cell(row, col, kind === 1 ? nums[k] : texts[nums[k]]);
        continue;
      }
      const w = this.wanted ?? this.resolve();
      const b = w[col - g.left];
      if (!b) continue;
      if (kind === 1) b.setNumber(row - g.headerRow - 1, nums[k]);
      else {
        const t = nums[k];
        if (blank[t]) continue;
        let m = ids.get(b);
        if (!m) {
          m = new Int32Array(texts.length).fill(-1);
          ids.set(b, m);
        }
        let id = m[t];
        if (id < 0) id = m[t] = b.textId(texts[t]);
        b.setText(row - g.headerRow - 1, id);
      }
      if (row > this.lastRow) this.lastRow = row;
    }
  }

  /**
   * A batch of cells at once, as `cell` takes them one by one (the same result; `CellBatch`): numbers
   * and texts of the block's data rows straight into the builders, everything else through `cell`.
   */
  batch(rows: Int32Array, cols: Int32Array, nums: Float64Array, others: readonly Cell[], count: number): void {
    const g = this.g;
    const left = g.left;
    const right = g.right;
    const top = g.headerRow;
    const bottom = g.bottom;
    let lastRow = this.lastRow;
    // The builders by column (found from the header when the first data cell comes, as `cell` does).
    let w = this.wanted;
    for (let k = 0; k < count; k++) {
      const row = rows[k];
      const col = cols[k];
      const x = nums[k];
      // A number stays a double here (never made a cell value, which would box it).
      const inData = col >= left && col <= right && row > top && row <= bottom;
      if (x === x && inData) {
        if (w === null) w = this.resolve();
        const b = w[col - left];
        if (!b) continue;
        b.setNumber(row - top - 1, x);
        if (row > lastRow) lastRow = row;
      } else if (x !== x && inData && typeof others[k] === "string") {
        if (w === null) w = this.resolve();
        const b = w[col - left];
        if (!b || !b.setString(row - top - 1, others[k] as string)) continue;
        if (row > lastRow) lastRow = row;
      } else {
        this.lastRow = lastRow;
        this.cell(row, col, x === x ? x : others[k]);
        lastRow = this.lastRow;
        w = this.wanted;
      }
    }
    this.lastRow = lastRow;
  }

  private headerCells(): Cell[] {
    const g = this.g;
    const width = Math.max(1, Math.min(g.right - g.left + 1, Math.max(this.headerWidth, g.fallback.length)));
    const out: Cell[] = new Array(width);
    for (let i = 0; i < width; i++) {
      const h = this.header[i];
      out[i] = isBlank(h) ? (g.fallback[i] ?? null) : h;
    }
    return out;
  }

  private resolve(): (ColumnBuilder | null)[] {
    const w: (ColumnBuilder | null)[] = [];
    let at: number[] = [];
    try {
      at = this.locate(this.headerCells());
    } catch {
      // A missing column is reported where the block is read (as for a grid), not while streaming.
    }
    for (const i of at) if (i >= 0) w[i] = new ColumnBuilder(Math.min(this.rows, this.g.bottom - this.g.headerRow));
    this.wanted = w;
    return w;
  }

  done(where: { sheet: string; file?: string }): ColumnBlock {
    const w = this.wanted ?? this.resolve();
    const rows = this.lastRow ? this.lastRow - this.g.headerRow : 0;
    const columns: (CellColumn | null)[] = [];
    for (let i = 0; i < w.length; i++) columns[i] = w[i] ? w[i]!.done(rows) : null;
    return { columnar: true, sheet: where.sheet, ...(where.file !== undefined ? { file: where.file } : {}), headerRow: this.g.headerRow, firstColumn: this.g.left - 1, header: this.headerCells(), rowCount: rows, columns };
  }
}
