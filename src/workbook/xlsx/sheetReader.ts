import { parseIsoDate } from "../../engine";
import { Cell, WorkbookError } from "../cells";
import { CellOf, ChunkCells, ChunkHelper, FastScan, OnBatch, chunkStarts, fastScanSheet, fastSharedStrings, fastScanSheetSplit, splitOf, tailBytes } from "./fastSheet";
import { SheetEntry, XlsxPackage } from "./package";
import { MAX_COLUMNS, MAX_ROWS, Tag, columnName, isMain, refColumn, unescapeOoxml } from "./xml";

/**
 * Reads a worksheet's cells by streaming its part through the XML parser:
 * rows and cells with or without `r` references, every cell type of
 * SpreadsheetML (shared and inline strings with rich text and phonetic runs,
 * `str`, `b`, `e`, ISO 8601 `d`, numbers), cached formula results, and
 * Excel's limits of 1,048,576 rows and 16,384 columns.
 */

export interface SheetCells {
  /** grid[row-1][col-1]; rows without cells are a shared empty array. */
  grid: Cell[][];
  /** The last column holding a cell (1-based), 0 when none. */
  maxColumn: number;
}

const EMPTY: Cell[] = Object.freeze([]) as unknown as Cell[];
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** The shared-string table, read once per package. */
const sharedStrings = new WeakMap<XlsxPackage, string[]>();

function stringsOf(pkg: XlsxPackage): string[] {
  let out = sharedStrings.get(pkg);
  if (out) return out;
  const rel = pkg.relationships(pkg.workbookPath).find((r) => r.kind === "sharedStrings" && !r.external);
  const part = rel?.path ?? "xl/sharedStrings.xml";
  // The plain shape read from the bytes (fastSharedStrings); anything else, or any error, through saxes as before.
  let fast: string[] | null = null;
  try {
    const bytes = pkg.partBytes(part);
    fast = bytes === null ? null : fastSharedStrings(bytes, unescapeOoxml);
  } catch {
    fast = null;
  }
  out = fast ?? saxesSharedStrings(pkg, part);
  sharedStrings.set(pkg, out);
  return out;
}

/** The shared-string table read with saxes (the parser of record: every shape, every error). */
export function saxesSharedStrings(pkg: XlsxPackage, part: string): string[] {
  const out: string[] = [];
  const list = out;
  let depth = 0; // inside <si>
  let phonetic = 0; // inside <rPh> (phonetic runs are not the cell's text)
  let inT = false;
  let buf = "";
  pkg.parse(part, {
    open(t) {
      if (!isMain(t.uri)) return;
      if (t.local === "si") {
        depth = 1;
        buf = "";
        if (t.isSelfClosing) list.push("");
      } else if (t.local === "rPh") phonetic++;
      else if (t.local === "t" && depth && !phonetic) inT = true;
    },
    close(t) {
      if (!isMain(t.uri)) return;
      if (t.local === "si") {
        if (!t.isSelfClosing) list.push(unescapeOoxml(buf));
        depth = 0;
      } else if (t.local === "rPh") phonetic--;
      else if (t.local === "t") inT = false;
    },
    text(s) {
      if (inT) buf += s;
    },
  });
  return out;
}

/** The sheet's cells as a grid. Any problem is a WorkbookError naming file, sheet, row and column. */
export function readSheet(pkg: XlsxPackage, entry: SheetEntry): SheetCells {
  const grid: Cell[][] = [];
  let maxColumn = 0;
  let rowIndex = 0;
  let row: Cell[] = EMPTY;
  scanSheet(pkg, entry, (r, col, cell) => {
    if (r !== rowIndex) {
      rowIndex = r;
      row = [];
      grid[r - 1] = row;
    }
    row[col - 1] = cell;
    if (col > maxColumn) maxColumn = col;
  });
  for (let i = 0; i < grid.length; i++) if (!grid[i]) grid[i] = EMPTY;
  return { grid, maxColumn };
}

/**
 * Streams a sheet's cells that hold something, in row order, to `onCell` (1-based row and column),
 * checking every cell of the part as it goes. Any problem is a WorkbookError naming file, sheet, row
 * and column. `fastPath: false` reads with saxes alone (the differential test compares the two).
 */
export function scanSheet(pkg: XlsxPackage, entry: SheetEntry, onCell: (row: number, col: number, cell: Cell) => void, options: { fastPath?: boolean; tail?: TailScanner | null; split?: SplitOptions; onRun?: (run: ChunkCells) => void } = {}): void {
  const strings = stringsOf(pkg);
  const tail = options.fastPath !== false ? (options.tail ?? null) : null;
  const at = options.split ?? {};
  const splitBytes = at.minBytes ?? SPLIT_BYTES;
  const large = tail !== null && pkg.declaredSize(entry.path) >= splitBytes;
  if (large) tail.warm();
  let bytes: Uint8Array;
  try {
    bytes = sheetBytes(pkg, entry);
  } catch (e) {
    if (large) tail.release();
    throw e;
  }
  let delivered = 0;
  const counted = (r: number, c: number, cell: Cell) => {
    delivered++;
    onCell(r, c, cell);
  };
  if (options.fastPath !== false) {
    const split = large && bytes.length >= splitBytes && tail.worthIt() ? splitOf(bytes, seamTargets(bytes.length, at)) : null;
    let ok: boolean;
    if (split) {
      // The helper reads the chunks from the last one back while this thread reads from the start (fastSheet.ts).
      const helper = tail!.start(tailBytes(bytes, split), split.prelude, chunkStarts(split), strings);
      try {
        ok = fastScanSheetSplit(bytes, strings, fastCellOf(strings), counted, split, helper, options.onRun);
      } finally {
        helper.stop();
      }
    } else {
      if (large) tail.release();
      ok = fastScanSheet(bytes, strings, fastCellOf(strings), counted);
    }
    if (ok) return;
  }
  saxesScan(pkg, entry, bytes, strings, onCell, delivered);
}

/** Options of `scanSheetAsync` (the tests' hooks: parts this small overlap too, pieces this small). */
export interface OverlapOptions {
  /** Parts whose declared size is at least this are read while they are inflated (smaller ones as `scanSheet` reads them). */
  minBytes?: number;
  /** The inflater's pieces (see PROGRESSIVE_CHUNK). */
  chunkSize?: number;
  /** At most this many bytes are scanned between two turns of the event loop (so the inflater is kept fed). */
  step?: number;
}

/** Sheets whose part is at least this large are read while they are inflated (the 200-portfolio Net Assets sheet is 7.6 MB). */
export const OVERLAP_BYTES = 1024 * 1024;
/** Bytes scanned between two turns of the event loop: about as long as the thread pool takes to inflate one piece. */
const OVERLAP_STEP = 1024 * 1024;

/**
 * `scanSheet` with the sheet's part inflated on another thread (Node's zlib on its thread pool) while
 * this thread reads the bytes already inflated: the fast path scans the part as it comes, in ranges
 * cut at the last `<` inflated (`FastScan`), and yields to the event loop between ranges so the
 * inflater keeps running. The result, and every error, are `scanSheet`'s: the part is inflated and
 * checked (size, ratio, a damaged stream) whole before anything is reported, so when the fast path
 * gives up or meets an error, the inflating is waited for and ITS error, if any, is the one reported
 * (as when the part was inflated before the scan began); otherwise the fast path's error, or saxes
 * reading the whole part from the start (skipping the cells delivered already), as `scanSheet` does.
 * Small parts, the two-thread read, and an inflater without a thread to run on take `scanSheet`.
 */
export async function scanSheetAsync(pkg: XlsxPackage, entry: SheetEntry, onCell: (row: number, col: number, cell: Cell) => void, options: { tail?: TailScanner | null; onRun?: (run: ChunkCells) => void; onBatch?: OnBatch; overlap?: OverlapOptions } = {}): Promise<void> {
  const o = options.overlap ?? {};
  const strings = stringsOf(pkg);
  const part = !options.tail && pkg.declaredSize(entry.path) >= (o.minBytes ?? OVERLAP_BYTES) ? pkg.partInflating(entry.path, { sheet: entry.name }, o.chunkSize) : null;
  if (!part) return scanSheet(pkg, entry, onCell, { tail: options.tail, onRun: options.onRun });
  const step = Math.max(1, o.step ?? OVERLAP_STEP);
  let delivered = 0;
  // With `onBatch`, the fast path's cells go to it a batch at a time (counted a batch at a time: a cell's
  // reader that throws ends the read, so the count matters only when the fast path gives up, after a
  // whole batch was handed on); saxes' path, when the fast path gives up, hands the rest to `onCell`.
  const batch = options.onBatch;
  const scanner = new FastScan(
    strings,
    fastCellOf(strings),
    (r, c, cell) => {
      delivered++;
      onCell(r, c, cell);
    },
    batch
      ? (rows, cols, nums, others, count) => {
          delivered += count;
          batch(rows, cols, nums, others, count);
        }
      : null,
  );
  let scanned = 0;
  let searched = 0;
  let ok = true;
  try {
    while (!part.ended) {
      const cut = cutAt(part.bytes, part.filled, scanned, step, searched);
      if (cut < 0) {
        // No tag starts in what has come (after a step): wait for more, and look on from where this look ended.
        searched = Math.max(searched, part.filled - 1);
        await part.next();
        continue;
      }
      ok = scanner.range(part.bytes, scanned, cut, false);
      scanned = cut;
      if (!ok) break;
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    if (ok) {
      const whole = await part.whole();
      ok = scanner.range(whole, scanned, whole.length, true);
      if (ok) return;
    }
  } catch (e) {
    // The part's own error (inflating it whole comes first), else this one.
    await part.whole();
    throw e;
  }
  saxesScan(pkg, entry, await part.whole(), strings, onCell, delivered);
}

/**
 * Where the next range of a part read as it comes ends: a tag's start (`<`) after `scanned` whose next byte
 * has come (not a `<?`: the declaration is read with what follows it), the last one within `step` bytes
 * (so the inflater's next piece is taken soon), else the first one after that, looked for from `searched`
 * on (where an earlier look found none); -1 when none has come yet.
 */
function cutAt(b: Uint8Array, filled: number, scanned: number, step: number, searched: number): number {
  const at = (k: number) => b[k] === 0x3c && k + 1 < filled && b[k + 1] !== 0x3f;
  const top = Math.min(filled, scanned + step);
  let cut = top - 1;
  while (cut > scanned && !at(cut)) cut--;
  if (cut > scanned) return cut;
  for (cut = Math.max(top, scanned + 1, searched); cut < filled; cut++) if (at(cut)) return cut;
  return -1;
}

/**
 * A helper thread that reads a large sheet's part from its end back while this thread reads it from
 * its start (the command line's worker thread: `workerTail.ts`); see `fastScanSheetSplit`.
 */
export interface TailScanner {
  /** Called before a large part is inflated, so that the helper's start-up overlaps the inflating. */
  warm(): void;
  /** Not needed after all (a warmed helper is stopped). */
  release(): void;
  /** Whether the helper would run on a core that is free now (asked once the part is inflated, before it is cut). */
  worthIt(): boolean;
  /** Hands the helper `w` (`tailBytes`; handed over, not copied) and its chunks' starts: it starts on the last chunk. */
  start(w: Uint8Array, prelude: number, starts: number[], strings: readonly string[]): ChunkHelper & { stop(): void };
}

/** Where a large part is cut: parts of at least `minBytes`; the first seam at `first` of the part, then `chunks` chunks of equal size. */
export interface SplitOptions {
  minBytes?: number;
  first?: number;
  chunks?: number;
}

/** Parts at least this large are read by two threads when a helper is given (the 200-portfolio Net Assets sheet, 7.6 MB, is read on one: its scan is about 60 ms, the worker would save little of it). */
export const SPLIT_BYTES = 16 * 1024 * 1024;

/** The places the seams are looked for (`splitOf` moves each to the next `<row r="N">`). */
function seamTargets(n: number, o: SplitOptions): number[] {
  const first = o.first ?? 0.3;
  const chunks = o.chunks ?? 10;
  const out: number[] = [];
  for (let j = 0; j < chunks; j++) out.push(n * (first + ((1 - first) * j) / chunks));
  return out;
}

/** The sheet's part, inflated whole (the fast path reads it; saxes re-reads it when the fast path gives up). */
function sheetBytes(pkg: XlsxPackage, entry: SheetEntry): Uint8Array {
  const bytes = pkg.partBytes(entry.path, { sheet: entry.name });
  if (bytes === null) throw new WorkbookError({ file: pkg.file, sheet: entry.name }, "the sheet's part is missing from the file");
  return bytes;
}

const fastCellOf =
  (strings: readonly string[]): CellOf =>
  (t, v, hf, f, inl, failCell) =>
    cellOf(t, v, hf, f, inl, strings, failCell);

/**
 * The part read with saxes, the parser of record, from the start: its result and its errors are the
 * reader's. The first `skip` cells were delivered already by the fast path before it gave up (they are
 * saxes' first ones): they are not delivered twice.
 */
function saxesScan(pkg: XlsxPackage, entry: SheetEntry, bytes: Uint8Array, strings: readonly string[], onCell: (row: number, col: number, cell: Cell) => void, skip: number): void {
  const fail = (row: number, col: number | null, problem: string): never => {
    throw new WorkbookError({ file: pkg.file, sheet: entry.name, row, ...(col ? { column: columnName(col) } : {}) }, problem);
  };

  let rowIndex = 0;
  let col = 0;
  let type = "n";
  let hasFormula = false;
  let formula = "";
  let value: string | null = null;
  let inline = "";
  let capture: "v" | "f" | "t" | null = null;
  let inIs = false;
  let phonetic = 0;

  const open = (t: Tag) => {
    if (!isMain(t.uri)) return;
    switch (t.local) {
      case "row": {
        const r = t.attributes.r;
        let next = rowIndex + 1;
        if (r !== undefined) {
          next = /^\d{1,7}$/.test(r) ? Number(r) : 0;
          if (next < 1 || next > MAX_ROWS) fail(rowIndex + 1, null, `has a row numbered ${JSON.stringify(r.slice(0, 20))}; a sheet has rows 1 to ${MAX_ROWS.toLocaleString("en-US")}`);
          if (next <= rowIndex) fail(next, null, `comes after row ${rowIndex}; rows must be in order`);
        } else if (next > MAX_ROWS) fail(next, null, `is beyond the last row a sheet can have (${MAX_ROWS.toLocaleString("en-US")})`);
        rowIndex = next;
        col = 0;
        break;
      }
      case "c": {
        if (!rowIndex) fail(1, null, "has a cell outside any row");
        const ref = t.attributes.r;
        if (ref !== undefined) {
          col = refColumn(ref);
          if (!col) fail(rowIndex, null, `has a cell at ${JSON.stringify(ref.slice(0, 20))}, which is not a cell of a sheet (columns A to XFD, rows 1 to ${MAX_ROWS.toLocaleString("en-US")})`);
        } else {
          col++;
          if (col > MAX_COLUMNS) fail(rowIndex, null, `has more than ${MAX_COLUMNS.toLocaleString("en-US")} cells; a sheet ends at column XFD`);
        }
        type = t.attributes.t ?? "n";
        hasFormula = false;
        formula = "";
        value = null;
        inline = "";
        break;
      }
      case "v":
        value = "";
        capture = "v";
        break;
      case "f":
        hasFormula = true;
        capture = "f";
        break;
      case "is":
        inIs = true;
        break;
      case "rPh":
        phonetic++;
        break;
      case "t":
        if (inIs && !phonetic) capture = "t";
        break;
    }
  };

  const close = (t: Tag) => {
    if (!isMain(t.uri)) return;
    switch (t.local) {
      case "v":
      case "f":
      case "t":
        capture = null;
        break;
      case "is":
        inIs = false;
        break;
      case "rPh":
        phonetic--;
        break;
      case "c": {
        const cell = cellValue();
        if (cell === null) break;
        if (skip > 0) skip--;
        else onCell(rowIndex, col, cell);
        break;
      }
    }
  };

  const cellValue = (): Cell => cellOf(type, value, hasFormula, formula, inline, strings, (problem) => fail(rowIndex, col, problem));

  pkg.parseBytes(
    entry.path,
    bytes,
    {
      open,
      close,
      text(s) {
        if (capture === "v") value += s;
        else if (capture === "t") inline += s;
        else if (capture === "f") formula += s;
      },
    },
    { sheet: entry.name },
  );
}

/**
 * The cell a `<c>` element holds, from what its children gave (its type, `<v>` text or null, whether it
 * has an `<f>` and its text, inline-string text); `fail` reports a problem with the cell. Shared by the
 * saxes handlers and the fast path, so the two read every cell alike.
 */
export function cellOf(type: string, value: string | null, hasFormula: boolean, formula: string, inline: string, strings: readonly string[], fail: (problem: string) => never): Cell {
  if (type === "inlineStr") return unescapeOoxml(inline);
  if (value === null) return hasFormula ? { formula } : null;
  switch (type) {
    case "s": {
      const i = Number(value);
      const s = strings[i];
      if (s === undefined) fail(`refers to shared string ${JSON.stringify(value.slice(0, 20))}, which the file does not have`);
      return s;
    }
    case "str":
      return unescapeOoxml(value);
    case "e":
      return value.trim();
    case "b": {
      const v = value.trim();
      return v === "1" || v === "true";
    }
    case "d": {
      const v = value.trim();
      const m = /^(\d{4}-\d{2}-\d{2})(T00:00(:00(\.0+)?)?Z?)?$/.exec(v);
      if (m) {
        try {
          return { day: parseIsoDate(m[1]) };
        } catch {
          /* reported below */
        }
      }
      return fail(`holds the date ${JSON.stringify(v.slice(0, 40))}, which is not an ISO 8601 calendar date`);
    }
    default: {
      const v = value.trim();
      if (v === "") return null;
      if (v.length > 40 || !NUMBER.test(v)) fail(`holds ${JSON.stringify(v.slice(0, 40))}, which is not a number`);
      const n = Number(v);
      if (!Number.isFinite(n)) fail(`holds ${v}, which is beyond what a number can hold`);
      return n;
    }
  }
}
