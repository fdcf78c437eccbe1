import { DateSystem, DayNumber, isFeeError, fromExcelSerial, fromYmd, isValidYmd, parseAmount, parseIsoDate, parseMonth, Month, monthOf, Dec } from "../engine";

/**
 * A cell value as both backends hand it over: numbers (dates as serials), text
 * and booleans; `{ day }` for a date a caller already holds as a calendar date.
 */
export type Cell = string | number | boolean | null | { day: DayNumber };

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
  if (typeof c === "object" && c !== null) return `day ${c.day}`;
  return typeof c === "string" ? JSON.stringify(c) : String(c);
}

const US_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;

/** A date cell: a real date, an Excel serial in the workbook's system, or ISO `YYYY-MM-DD` text. */
export function cellDate(c: Cell, w: CellWhere, system: DateSystem = 1900): DayNumber {
  if (isBlank(c)) throw new WorkbookError(w, "is blank; a date is required");
  if (typeof c === "object" && c !== null) return c.day;
  if (typeof c === "number") {
    try {
      return fromExcelSerial(c, system);
    } catch {
      throw new WorkbookError(w, `is not a valid date: ${show(c)}`);
    }
  }
  if (typeof c === "string") {
    const t = c.trim();
    try {
      return parseIsoDate(t);
    } catch {
      const m = US_DATE.exec(t);
      if (m && isValidYmd(Number(m[3]), Number(m[1]), Number(m[2]))) return fromYmd(Number(m[3]), Number(m[1]), Number(m[2]));
    }
  }
  throw new WorkbookError(w, `is not a date: ${show(c)} (use a date, or text as YYYY-MM-DD)`);
}

/** A month cell: any date in the month, or `YYYY-MM` text. */
export function cellMonth(c: Cell, w: CellWhere, system: DateSystem = 1900): Month {
  if (typeof c === "string" && /^\s*\d{4}-\d{1,2}\s*$/.test(c)) {
    try {
      return parseMonth(c.trim().replace(/-(\d)$/, "-0$1"));
    } catch {
      throw new WorkbookError(w, `is not a valid month: ${show(c)} (use YYYY-MM)`);
    }
  }
  return monthOf(cellDate(c, w, system));
}

/** A number cell: a number, or text holding one (`"1,234.50"`). */
export function cellNumber(c: Cell, w: CellWhere): Dec {
  if (isBlank(c)) throw new WorkbookError(w, "is blank; a number is required");
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
