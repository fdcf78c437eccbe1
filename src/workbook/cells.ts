import { DateSystem, DayNumber, isFeeError, fromExcelSerial, parseAmount, parseIsoDate, parseMonth, Month, monthOf, Dec } from "../engine";

/**
 * A cell value as both backends hand it over: numbers (dates as serials), text
 * and booleans; `{ day }` for a date a caller already holds as a calendar date
 * (a `t="d"` cell); `{ formula }` for a formula the file holds without a
 * calculated value (so it is reported as such, not read as blank).
 */
export type Cell = string | number | boolean | null | { day: DayNumber } | { formula: string };

/** The formula of a cell that has no calculated value, or null. */
function uncalculated(c: Cell): string | null {
  return typeof c === "object" && c !== null && "formula" in c ? c.formula : null;
}

function refuseUncalculated(c: Cell, w: CellWhere): void {
  const f = uncalculated(c);
  if (f !== null) throw new WorkbookError(w, `holds the formula =${f.slice(0, 60)} with no calculated value; open the file in Excel and save it so the result is stored`);
}

/** Where a cell is, for messages: `Net Assets!C5` plus the column's header. */
export interface CellWhere {
  file?: string;
  sheet: string;
  /** 1-based worksheet row. */
  row: number;
  column: string;
  /** Column letter, e.g. "C". */
  letter?: string;
}

/** An input problem located in a workbook. Its message names file, sheet, row and column. */
export class WorkbookError extends Error {
  constructor(
    readonly where: Partial<CellWhere>,
    readonly problem: string,
  ) {
    super(describe(where, problem));
    this.name = "WorkbookError";
  }
}

export function isWorkbookError(e: unknown): e is WorkbookError {
  return typeof e === "object" && e !== null && (e as { name?: unknown }).name === "WorkbookError";
}

function describe(w: Partial<CellWhere>, problem: string): string {
  const parts: string[] = [];
  if (w.file) parts.push(w.file);
  if (w.sheet) parts.push(`sheet "${w.sheet}"`);
  if (w.row !== undefined) parts.push(`row ${w.row}`);
  if (w.column) parts.push(`column "${w.column}"${w.letter ? ` (${w.letter})` : ""}`);
  return `${parts.join(", ")}: ${problem}`;
}

/** Excel's blank: null or undefined on some clients, empty (or spaces-only) text on others. */
export function isBlank(c: unknown): boolean {
  return c === null || c === undefined || (typeof c === "string" && c.trim() === "");
}

export function columnLetter(index0: number): string {
  let n = index0 + 1;
  let s = "";
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

function show(c: Cell): string {
  if (typeof c === "object" && c !== null) return "day" in c ? `day ${c.day}` : `=${c.formula}`;
  return typeof c === "string" ? JSON.stringify(c) : String(c);
}

/** Text dates other than ISO: `4/1/2024`, `1.4.2024`, `01-04-2024` (is it April or January?). */
const OTHER_DATE = /^\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}$/;

/** A date cell: a real date, an Excel serial in the workbook's system, or ISO `YYYY-MM-DD` text (no other text: `4/1/2024` is ambiguous). */
export function cellDate(c: Cell, w: CellWhere, system: DateSystem = 1900): DayNumber {
  if (isBlank(c)) throw new WorkbookError(w, "is blank; a date is required");
  refuseUncalculated(c, w);
  if (typeof c === "object" && c !== null && "day" in c) return c.day;
  if (typeof c === "number") {
    try {
      return fromExcelSerial(c, system);
    } catch {
      throw new WorkbookError(w, `is not a valid date: ${show(c)}`);
    }
  }
  if (typeof c === "string") {
    const t = c.trim();
    if (/^\d{4}-\d{2}-\d{2}$/.test(t)) {
      try {
        return parseIsoDate(t);
      } catch {
        throw new WorkbookError(w, `is not a valid date: ${show(c)}`);
      }
    }
    if (OTHER_DATE.test(t)) throw new WorkbookError(w, `is the text ${show(c)}, an ambiguous date (day and month order differ by country); enter a date, or text as YYYY-MM-DD`);
  }
  throw new WorkbookError(w, `is not a date: ${show(c)} (use a date, or text as YYYY-MM-DD)`);
}

/** A month cell: any date in the month, or `YYYY-MM` text. */
export function cellMonth(c: Cell, w: CellWhere, system: DateSystem = 1900): Month {
  refuseUncalculated(c, w);
  if (typeof c === "string" && /^\s*\d{4}-\d{1,2}\s*$/.test(c)) {
    try {
      return parseMonth(c.trim().replace(/-(\d)$/, "-0$1"));
    } catch {
      throw new WorkbookError(w, `is not a valid month: ${show(c)} (use YYYY-MM)`);
    }
  }
  return monthOf(cellDate(c, w, system));
}

/** Amounts of 10^15 or more are refused: beyond them a double no longer holds every cent. */
export const MAX_AMOUNT = 1e15;

/**
 * The decimal exponent of number text (the power of ten of its leading digit), found without
 * expanding the number: `1e9000000000000000` is 9e15 without building 9e15 digits. Null when not number text.
 */
function magnitude(t: string): number | null {
  const m = /^[+-]?(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(t);
  if (!m || (!m[1] && !m[2])) return null;
  const int = m[1].replace(/^0+/, "");
  const frac = m[2] ?? "";
  const exp = m[3] ? Number(m[3]) : 0; // a huge exponent stays huge as a double: that is all we need
  if (int) return int.length - 1 + exp;
  const lead = frac.search(/[1-9]/);
  return lead < 0 ? Number.NEGATIVE_INFINITY : -(lead + 1) + exp;
}

function checkAmount(c: Cell, w: CellWhere): void {
  if (typeof c === "number") {
    if (!Number.isFinite(c)) throw new WorkbookError(w, `is ${show(c)}, not a number`);
    if (Math.abs(c) >= MAX_AMOUNT) throw new WorkbookError(w, `is ${c}; amounts of 10^15 or more are refused`);
  } else if (typeof c === "string") {
    const t = c.trim().replace(/^\$/, "").replace(/,(?=\d{3}(\D|$))/g, "");
    const e = magnitude(t.length > 400 ? "x" : t);
    if (e === null) {
      if (t.length > 400) throw new WorkbookError(w, `is ${t.length} characters of text, not a number`);
      return;
    }
    if (e >= 15) throw new WorkbookError(w, `is ${show(c.length > 40 ? `${c.slice(0, 40)}...` : c)}; amounts of 10^15 or more are refused`);
    if (e < -300) throw new WorkbookError(w, `is ${show(c.length > 40 ? `${c.slice(0, 40)}...` : c)}, smaller than a number can hold`);
  }
}

/** A number cell: a number, or text holding one (`"1,234.50"`); amounts of 10^15 or more are refused. */
export function cellNumber(c: Cell, w: CellWhere): Dec {
  if (isBlank(c)) throw new WorkbookError(w, "is blank; a number is required");
  refuseUncalculated(c, w);
  checkAmount(c, w);
  if (typeof c === "number" || typeof c === "string") {
    try {
      return parseAmount(c);
    } catch {
      /* fall through */
    }
  }
  throw new WorkbookError(w, `is not a number: ${show(c)}`);
}

export function cellText(c: Cell, w: CellWhere): string {
  if (isBlank(c)) throw new WorkbookError(w, "is blank");
  refuseUncalculated(c, w);
  if (typeof c === "object" && c !== null) throw new WorkbookError(w, `is a date, not text`);
  return String(c).trim();
}

/** Runs `f`, turning an engine error into a located workbook error. */
export function atCell<T>(w: CellWhere, f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (isFeeError(e)) throw new WorkbookError(w, e.message.replace(/^\S+( row \d+)? /, ""));
    throw e;
  }
}
