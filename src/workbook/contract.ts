import { Dec, DateSystem, DayNumber, Month, NetAssetColumns, ScheduleRow, buildSchedule, FeeSchedule, ScheduleIssue, parseAmount, parseRateValue, portfolioKey, formatIso, fromExcelSerial, ordinarySerials } from "../engine";
import { ColumnBlock, columnCell, isColumnBlock } from "./columns";
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
export const optionalColumns = (kind: ContractKind): readonly string[] => ("optional" in CONTRACT[kind] ? (CONTRACT[kind] as { optional: readonly string[] }).optional : []);

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
export function locateColumns(block: Pick<CellBlock, "header" | "file" | "sheet" | "headerRow">, columns: readonly string[], optional: readonly string[] = []): number[] {
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
  const { cols, letters } = rowColumns(block, kind);
  block.rows.forEach((r, i) => eachRowAt(block, kind, cols, letters, r, i, f));
}

/** Where `kind`'s columns are in the block (-1 for a missing optional one), and their letters, for `eachRowAt`. */
function rowColumns(block: CellBlock, kind: ContractKind): { cols: number[]; letters: (string | undefined)[] } {
  const cols = locateColumns(block, CONTRACT[kind].columns, optionalColumns(kind));
  return { cols, letters: cols.map((c) => (c < 0 ? undefined : columnLetter(block.firstColumn + c))) };
}

/** eachRow's work for data row `i` (cells `r`): nothing for a blank row, else `f` with the row's cell accessor. */
function eachRowAt(block: CellBlock, kind: ContractKind, cols: readonly number[], letters: readonly (string | undefined)[], r: Cell[], i: number, f: (get: (col: number) => { cell: Cell; where: CellWhere }, row: number) => void): void {
  if (cols.every((c) => c < 0 || isBlank(r[c] ?? null))) return;
  const row = block.headerRow + 1 + i;
  f(
    (k) => ({
      cell: cols[k] < 0 ? null : (r[cols[k]] ?? null),
      where: { file: block.file, sheet: block.sheet, row, column: CONTRACT[kind].columns[k], letter: letters[k] },
    }),
    row,
  );
}

export interface ScheduleRead {
  rows: ScheduleRow[];
  schedule: FeeSchedule;
  issues: ScheduleIssue[];
}

/** Reads the fee schedule; rates may be fractions or percent text ("0.10%", "10bp"). Problems with the schedule as a whole come back as issues. */
export function readSchedule(block: CellBlock, system: DateSystem = 1900): ScheduleRead {
  const rows: ScheduleRow[] = [];
  // Thousands of portfolios repeat a few breakpoints and rates: one decimal per distinct number cell
  // (decimals are immutable; a number that is refused is refused before it is kept; 0 is not kept in the
  // maps, as a map does not tell 0 from -0: +0 has a decimal of its own).
  const rates = new Map<number, Dec>();
  const breakpoints = new Map<number, Dec>();
  let zeroBreakpoint: Dec | undefined;
  const readRow = (get: (col: number) => { cell: Cell; where: CellWhere }, row: number) => {
    const p = get(0);
    const e = get(1);
    const b = get(2);
    const r = get(3);
    if (isBlank(r.cell)) throw new WorkbookError(r.where, "is blank; an annual rate is required");
    const rc = r.cell;
    const keepRate = typeof rc === "number" && rc !== 0;
    let rate = keepRate ? rates.get(rc) : undefined;
    if (!rate) {
      rate = atCell(r.where, () => parseRateValue(rc));
      if (keepRate) rates.set(rc, rate);
    }
    const bc = b.cell;
    const keepBreakpoint = typeof bc === "number" && bc !== 0;
    let breakpoint = keepBreakpoint ? breakpoints.get(bc) : undefined;
    if (!breakpoint) {
      breakpoint = cellNumber(bc, b.where);
      if (keepBreakpoint) breakpoints.set(bc, breakpoint);
      else if (Object.is(bc, 0)) zeroBreakpoint ??= breakpoint;
    }
    rows.push({ portfolio: cellText(p.cell, p.where), effectiveFrom: cellDate(e.cell, e.where, system), breakpoint, rate, row });
  };
  // A row of a portfolio text, a whole serial of an ordinary date, and a breakpoint and a rate already read
  // (numbers) is read here without the cells' locations, exactly as readRow reads it (cellText's trim,
  // fromExcelSerial's addition, the kept decimals); any other row goes through readRow, so every message
  // is unchanged.
  const { cols, letters } = rowColumns(block, "schedule");
  const [pc, ec, bc, rc] = cols;
  const { first: serialLo, last: serialHi, offset: serialOffset } = ordinarySerials(system);
  const data = block.rows;
  for (let i = 0; i < data.length; i++) {
    const cells = data[i];
    const p = cells[pc];
    const e = cells[ec];
    const b = cells[bc];
    const r = cells[rc];
    if (typeof p === "string" && typeof e === "number" && typeof b === "number" && typeof r === "number") {
      const portfolio = p.trim();
      const whole = Math.floor(e);
      const rate = r !== 0 ? rates.get(r) : undefined;
      const breakpoint = b !== 0 ? breakpoints.get(b) : Object.is(b, 0) ? zeroBreakpoint : undefined;
      if (portfolio !== "" && whole >= serialLo && whole <= serialHi && rate !== undefined && breakpoint !== undefined) {
        rows.push({ portfolio, effectiveFrom: serialOffset + whole, breakpoint, rate, row: block.headerRow + 1 + i });
        continue;
      }
    }
    eachRowAt(block, "schedule", cols, letters, cells, i, readRow);
  }
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

/** The dates a computation reads net assets for: rows dated from..to, and each portfolio's latest before `from`. */
export interface NetAssetWindow {
  from: DayNumber;
  to: DayNumber;
}

/** A portfolio text as read: its trimmed name (as rows in the window give it) and its key's index. */
interface Named {
  name: string;
  key: number;
}

/**
 * Reads net assets: a real number, not negative, below 10^15, for each row; a date; a portfolio; no
 * date twice for a portfolio. Numbers stay numbers until a decimal is needed. Every row is checked;
 * with a `window`, only rows the window needs become engine input (the rest are checked and dropped).
 *
 * Half a million rows pass through here, so the loop keeps no object per row or per row's portfolio
 * that changes shape: each portfolio key has an index into plain arrays (latest date, carried row), and
 * a repeated date is looked for only once a row comes out of date order for its portfolio (until then
 * none can repeat); the first such row builds every portfolio's dates from the rows so far, in one pass.
 */
export function readNetAssets(block: CellBlock | ColumnBlock, system: DateSystem = 1900, window?: NetAssetWindow): NetAssetRow[] {
  const s = scanNetAssets(block, system, window);
  const out = windowRows(s.hits, s.built, s.dateOf, s.byTextIndex, s.pn, s.nn, s.headerRow);
  // Each portfolio's latest value before the window, merged into the rows in sheet order (both lists are
  // in row order: one pass, not a sort of every row).
  return s.carried.length ? mergedByRow(out, s.carried) : out;
}

/**
 * readNetAssets' rows (the same checks, the same messages, the same rows in the same order) as columns
 * for the engine (NetAssetColumns): no object per row. A month end at 2,000 portfolios keeps 64,000 rows,
 * which lived as objects through the whole reconciliation.
 */
export function readNetAssetColumns(block: CellBlock | ColumnBlock, system: DateSystem = 1900, window?: NetAssetWindow): NetAssetColumns {
  const { hits, built, dateOf, byTextIndex, pn, nn, headerRow, carried } = scanNetAssets(block, system, window);
  const n = hits.length + carried.length;
  const portfolios = new Array<string>(n);
  const dates = new Int32Array(n);
  const numbers = new Float64Array(n);
  const rows = new Int32Array(n);
  let decimals: (Dec | undefined)[] | null = null;
  let a = 0;
  let b = 0;
  for (let m = 0; m < n; m++) {
    // The next hit: a row read by scanOrderedRows (its data row i >= 0), or (-1 - j) the j-th record built.
    const i = a < hits.length ? hits[a] : 0;
    let r: NetAssetRow | undefined;
    if (b >= carried.length || (a < hits.length && (i >= 0 ? headerRow + 1 + i : built[-1 - i].row) < carried[b].row)) {
      r = i < 0 ? built[-1 - i] : undefined;
      a++;
    } else r = carried[b++];
    if (r === undefined) {
      // A row read by scanOrderedRows: from the columns, as windowRows makes its record.
      portfolios[m] = byTextIndex[pn[i] | 0]!.name;
      dates[m] = dateOf[i];
      numbers[m] = nn[i];
      rows[m] = headerRow + 1 + i;
    } else {
      portfolios[m] = r.portfolio;
      dates[m] = r.date;
      const v = r.netAssets;
      if (typeof v === "number") numbers[m] = v;
      else {
        numbers[m] = NaN;
        (decimals ??= [])[m] = v;
      }
      rows[m] = r.row;
    }
  }
  return { length: n, portfolios, dates, numbers, decimals, rows };
}

/** What readNetAssets' reading leaves for its rows: the window's rows (see windowRows) and each portfolio's carried row, in row order. */
interface NetAssetScan {
  hits: number[];
  built: NetAssetRow[];
  dateOf: Float64Array;
  byTextIndex: (Named | undefined)[];
  pn: Float64Array;
  nn: Float64Array;
  headerRow: number;
  carried: NetAssetRow[];
}

function scanNetAssets(block: CellBlock | ColumnBlock, system: DateSystem, window: NetAssetWindow | undefined): NetAssetScan {
  const spec = CONTRACT.netAssets;
  const cols = locateColumns(block, spec.columns);
  const columnar = isColumnBlock(block);
  const count = columnar ? block.rowCount : block.rows.length;
  const data = columnar ? cols.map((c) => block.columns[c] ?? null) : [];
  const rows = columnar ? [] : block.rows;
  const cellAt = (k: number, i: number): Cell => (columnar ? columnCell(data[k], i) : (rows[i][cols[k]] ?? null));
  const where = (k: number, row: number): CellWhere => ({ file: block.file, sheet: block.sheet, row, column: spec.columns[k], letter: columnLetter(block.firstColumn + cols[k]) });
  const amountAt = (c: Cell, row: number): Dec | number => {
    if (typeof c === "number" && Number.isFinite(c) && Math.abs(c) < MAX_AMOUNT) {
      if (c < 0) throw new WorkbookError(where(2, row), `is negative: ${c}; net assets cannot be below zero`);
      return c;
    }
    const d = cellNumber(c, where(2, row));
    if (d.isNegative()) throw new WorkbookError(where(2, row), `is negative: ${d.toString()}; net assets cannot be below zero`);
    return d;
  };
  const dateAt = (c: Cell, row: number): DayNumber => {
    if (typeof c === "number") {
      try {
        return fromExcelSerial(c, system);
      } catch {
        /* cellDate says why */
      }
    }
    return cellDate(c, where(0, row), system);
  };

  // Per portfolio key (index k): its latest date so far, and (with a window) the data row and date of its latest value before it.
  const keyIndex = new Map<string, number>();
  const last: number[] = [];
  const carry: number[] = [];
  const carryDate: number[] = [];
  // Per portfolio text (shared strings repeat the same string).
  const byText = new Map<Cell, Named>();
  const named = (p: Cell, row: number): Named => {
    let n = typeof p === "object" ? undefined : byText.get(p);
    if (!n) {
      const name = cellText(p, where(1, row));
      const key = portfolioKey(name);
      let k = keyIndex.get(key);
      if (k === undefined) {
        keyIndex.set(key, (k = last.length));
        last.push(Number.NEGATIVE_INFINITY);
        carry.push(-1);
        carryDate.push(Number.NEGATIVE_INFINITY);
      }
      n = { name, key: k };
      if (typeof p !== "object") byText.set(p, n);
    }
    return n;
  };
  // Each read row's key and date (blank rows: key -1), for the one pass that builds the dates once a row is out of order.
  const keyOf = new Int32Array(count).fill(-1);
  const dateOf = new Float64Array(count);
  let seen: Map<number, number>[] | null = null; // by key: date -> worksheet row
  const seenOf = (k: number): Map<number, number> => seen![k] ?? (seen![k] = new Map());

  // Columns read from the file: a row of a date serial, a portfolio text and an amount in range is read from
  // the typed arrays directly (its text by index); any other row goes through the cells, as a grid's does.
  const [dc, pc, nc] = data;
  const fast = columnar && dc !== null && pc !== null && nc !== null;
  const empty = new Uint8Array(0);
  const dk = fast ? dc.kind : empty;
  const dn = fast ? dc.num : new Float64Array(0);
  const pk = fast ? pc.kind : empty;
  const pn = fast ? pc.num : dn;
  const pt = fast ? pc.text : [];
  const nk = fast ? nc.kind : empty;
  const nn = fast ? nc.num : dn;
  // A whole serial of an ordinary date is fromExcelSerial's one addition, done here; any other goes through it.
  const { first: serialLo, last: serialHi, offset: serialOffset } = ordinarySerials(system);
  const byTextIndex: (Named | undefined)[] = [];
  const from = window ? window.from : Number.NEGATIVE_INFINITY;
  const to = window ? window.to : Number.POSITIVE_INFINITY;
  // The rows the window keeps, in sheet order: a row read by scanOrderedRows is rebuilt from the columns at
  // the end (its hit is its data row i); a row read here keeps the record it made (its hit is -1 - j, the
  // record's place in `built`: no map lookup per hit).
  const hits: number[] = [];
  const built: NetAssetRow[] = [];
  // Per text index, its key (-1 until this loop has named the text): what scanOrderedRows may use.
  const textKey = new Int32Array(fast ? pt.length : 0).fill(-1);
  const scan: OrderedScan | null = fast ? { dk, dn, pk, pn, nk, nn, textKey, last, carry, carryDate, keyOf, dateOf, hits, from, to, serialLo, serialHi, serialOffset } : null;
  for (let i = 0; i < count; i++) {
    // While no date has come out of order, ordinary rows are read by a small loop of their own (fast to
    // compile); it stops at any other row, which is read here, exactly as before.
    if (scan !== null && seen === null) {
      i = scanOrderedRows(scan, i, count);
      if (i >= count) break;
    }
    const row = block.headerRow + 1 + i;
    let netAssets: Dec | number;
    let date: DayNumber;
    let name: Named;
    const amount = i < nk.length && nk[i] === 1 ? nn[i] : NaN;
    if (amount >= 0 && amount < MAX_AMOUNT && i < dk.length && dk[i] === 1 && i < pk.length && pk[i] === 2) {
      netAssets = amount;
      const serial = dn[i];
      const whole = Math.floor(serial);
      date = whole >= serialLo && whole <= serialHi ? serialOffset + whole : dateAt(serial, row);
      const ti = pn[i] | 0; // a text index: a whole number held as a double
      name = byTextIndex[ti] ?? (byTextIndex[ti] = named(pt[ti], row));
      textKey[ti] = name.key;
    } else {
      const d = cellAt(0, i);
      const p = cellAt(1, i);
      const n = cellAt(2, i);
      if (isBlank(d) && isBlank(p) && isBlank(n)) continue;
      netAssets = amountAt(n, row);
      date = dateAt(d, row);
      name = named(p, row);
    }
    const k = name.key;
    keyOf[i] = k;
    dateOf[i] = date;
    if (date <= last[k] && !seen) {
      seen = [];
      for (let j = 0; j < i; j++) if (keyOf[j] >= 0) seenOf(keyOf[j]).set(dateOf[j], block.headerRow + 1 + j);
    }
    if (seen) {
      const dates = seenOf(k);
      const earlier = dates.get(date);
      if (earlier !== undefined) throw new WorkbookError(where(0, row), `${formatIso(date)} appears twice for ${name.name} (also row ${earlier}); give one value a date`);
      dates.set(date, row);
    }
    if (date > last[k]) last[k] = date;
    if (date >= from && date <= to) {
      hits.push(-1 - built.length);
      built.push({ date: date | 0, portfolio: name.name, netAssets, row });
    } else if (date < from && date > carryDate[k]) {
      carry[k] = i;
      carryDate[k] = date;
    }
  }
  const carried: NetAssetRow[] = [];
  if (window) {
    for (let k = 0; k < carry.length; k++) {
      const i = carry[k];
      if (i < 0) continue;
      const row = block.headerRow + 1 + i;
      // A row read from the columns' numbers and texts (as scanOrderedRows reads one): its name and amount as read then.
      const ti = fast && i < pk.length && pk[i] === 2 ? pn[i] | 0 : -1;
      const amount = fast && i < nk.length && nk[i] === 1 ? nn[i] : NaN;
      if (ti >= 0 && byTextIndex[ti] !== undefined && amount >= 0 && amount < MAX_AMOUNT) carried.push({ date: carryDate[k] | 0, portfolio: byTextIndex[ti].name, netAssets: amount, row });
      else carried.push({ date: carryDate[k] | 0, portfolio: cellText(cellAt(1, i), where(1, row)), netAssets: amountAt(cellAt(2, i), row), row });
    }
    carried.sort((a, b) => a.row - b.row);
  }
  return { hits, built, dateOf, byTextIndex, pn, nn, headerRow: block.headerRow, carried };
}

// The two loops over the window's rows after the scan, each a small function of its own so V8 optimises it
// within a few thousand rows (inside readNetAssets it waited for the whole function to be compiled again).

/** The window's rows in sheet order: a row read by readNetAssets' own loop as it made it, any other from the columns. */
function windowRows(hits: readonly number[], built: readonly NetAssetRow[], dateOf: Float64Array, byTextIndex: readonly (Named | undefined)[], pn: Float64Array, nn: Float64Array, headerRow: number): NetAssetRow[] {
  const out = new Array<NetAssetRow>(hits.length);
  for (let h = 0; h < hits.length; h++) {
    const i = hits[h];
    out[h] = i < 0 ? built[-1 - i] : { date: dateOf[i] | 0, portfolio: byTextIndex[pn[i] | 0]!.name, netAssets: nn[i], row: headerRow + 1 + i };
  }
  return out;
}

/** Two lists of rows, each in row order, merged into one in row order. */
function mergedByRow(out: readonly NetAssetRow[], carried: readonly NetAssetRow[]): NetAssetRow[] {
  const merged = new Array<NetAssetRow>(out.length + carried.length);
  let a = 0;
  let b = 0;
  for (let m = 0; m < merged.length; m++) merged[m] = b >= carried.length || (a < out.length && out[a].row < carried[b].row) ? out[a++] : carried[b++];
  return merged;
}

/** What scanOrderedRows reads and updates: readNetAssets' columns and its per-key state. */
interface OrderedScan {
  dk: Uint8Array;
  dn: Float64Array;
  pk: Uint8Array;
  pn: Float64Array;
  nk: Uint8Array;
  nn: Float64Array;
  textKey: Int32Array;
  last: number[];
  carry: number[];
  carryDate: number[];
  keyOf: Int32Array;
  dateOf: Float64Array;
  hits: number[];
  from: number;
  to: number;
  serialLo: number;
  serialHi: number;
  serialOffset: number;
}

/**
 * readNetAssets' common case, from data row `i` on: a whole serial of an ordinary date, a portfolio text
 * already named, an amount in range, and a date later than the portfolio's latest (so no date can repeat).
 * It records each such row as readNetAssets' loop would and returns the index of the first row that is
 * anything else (or `count`), which that loop then reads. A small function of its own, so V8 optimises it
 * within a few thousand rows instead of compiling the whole of readNetAssets first.
 */
function scanOrderedRows(s: OrderedScan, i: number, count: number): number {
  const { dk, dn, pk, pn, nk, nn, textKey, last, carry, carryDate, keyOf, dateOf, hits, from, to, serialLo, serialHi, serialOffset } = s;
  const end = Math.min(count, dk.length, pk.length, nk.length);
  for (; i < end; i++) {
    if (nk[i] !== 1 || dk[i] !== 1 || pk[i] !== 2) return i;
    const amount = nn[i];
    if (!(amount >= 0 && amount < MAX_AMOUNT)) return i;
    const whole = Math.floor(dn[i]);
    if (!(whole >= serialLo && whole <= serialHi)) return i;
    const k = textKey[pn[i] | 0]; // a text index: a whole number held as a double
    if (k < 0) return i;
    const date = serialOffset + whole;
    if (date <= last[k]) return i;
    last[k] = date;
    keyOf[i] = k;
    dateOf[i] = date;
    if (date >= from) {
      if (date <= to) hits.push(i);
    } else if (date > carryDate[k]) {
      carry[k] = i;
      carryDate[k] = date;
    }
  }
  return i;
}

export interface InvoiceRow {
  month: Month;
  portfolio: string;
  billedFee: Dec;
  row: number;
}

export function readInvoices(block: CellBlock, system: DateSystem = 1900): InvoiceRow[] {
  const out: InvoiceRow[] = [];
  const readRow = (get: (col: number) => { cell: Cell; where: CellWhere }, row: number) => {
    const m = get(0);
    const p = get(1);
    const f = get(2);
    out.push({ month: cellMonth(m.cell, m.where, system), portfolio: cellText(p.cell, p.where), billedFee: cellNumber(f.cell, f.where), row });
  };
  // A row of month text (YYYY-MM, as cellMonth read it before: each distinct text read once), a portfolio
  // text and an amount in range is read here without the cells' locations, exactly as readRow reads it
  // (cellText's trim, cellNumber's decimal of the number); any other row goes through readRow.
  const months = new Map<string, Month>();
  const { cols, letters } = rowColumns(block, "invoices");
  const [mc, pc, fc] = cols;
  const data = block.rows;
  for (let i = 0; i < data.length; i++) {
    const cells = data[i];
    const m = cells[mc];
    const p = cells[pc];
    const f = cells[fc];
    if (typeof m === "string" && typeof p === "string" && typeof f === "number" && Number.isFinite(f) && Math.abs(f) < MAX_AMOUNT) {
      const month = months.get(m);
      const portfolio = p.trim();
      if (month !== undefined && portfolio !== "") {
        out.push({ month: { y: month.y, m: month.m }, portfolio, billedFee: parseAmount(f), row: block.headerRow + 1 + i });
        continue;
      }
    }
    const before = out.length;
    eachRowAt(block, "invoices", cols, letters, cells, i, readRow);
    // A month text read: the next row with the same text reads it from here.
    if (out.length > before && typeof m === "string" && !months.has(m)) months.set(m, out[before].month);
  }
  return out;
}
