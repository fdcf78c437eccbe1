import { AccrualDay, DateSystem, KeptDays, Dec, GroupAccrualDay, NAV_TIMINGS, ROUNDINGS, ReconReport, ReconRow, WaivedDay, ZERO, dayNumber, formatMonth, keptDaysOfRow, portfolioKey, sumOf, toDouble, toExcelSerial, waivedNumber } from "../engine";
import { columnLetter } from "./cells";

/** A cell to write: a value, or a formula with the value it computes (so viewers that do not recalculate show it). */
export interface OutCell {
  value: string | number | boolean | null;
  formula?: string;
  numFmt?: string;
  bold?: boolean;
}

/**
 * A sheet's rows built on demand: `row(i)` makes row i (0-based) when a writer asks for it, so a
 * sheet of 62,000 rows never exists as 806,000 cell objects at once. Writers pull the rows in order,
 * a piece at a time (the .xlsx writer encodes and deflates each piece; Office.js writes each chunk);
 * a row may be asked for again (Office.js's formula pass). `width` is the widest row's length.
 * As JSON (the pane's worker hands the sheets to the page) it is the array of its rows.
 */
export class LazyRows {
  constructor(
    readonly length: number,
    readonly width: number,
    readonly row: (i: number) => OutCell[],
    /** Row i written into cells that are reused by the next call (a writer that encodes a row and lets go of it). */
    readonly transientRow: (i: number) => OutCell[] = row,
    /** The rows of one fixed shape as numbers, for a writer that encodes them without cells (NumberRows); the others through transientRow. */
    readonly numbers?: NumberRows,
  ) {}

  toJSON(): OutCell[][] {
    return Array.from({ length: this.length }, (_, i) => this.row(i));
  }
}

/**
 * Rows of one fixed shape handed as numbers, for a writer that encodes them straight into bytes (the
 * .xlsx writer: no cell objects, no per-cell look at format, formula or value type). A row of the shape
 * is exactly the row `transientRow(i)` gives: in column i a cell of format `formats[i]` (never bold,
 * never a formula) whose value is null where `empty[i]`, the text `fill` hands back in `textColumn`, and
 * the number `fill` wrote into `nums[i]` in every other column.
 */
export interface NumberRows {
  readonly formats: readonly (string | undefined)[];
  readonly empty: readonly boolean[];
  /** The column holding text (-1 for none). */
  readonly textColumn: number;
  /** Row i's numbers into `nums` (by column) and its text back; null when row i is not of this shape (a writer then asks transientRow). */
  fill(i: number, nums: Float64Array): string | null;
}

/** A sheet's rows: an array, or rows built on demand (LazyRows). */
export type SheetRows = OutCell[][] | LazyRows;

/** Row i of a sheet (0-based); [] past the end. */
export const rowAt = (rows: SheetRows, i: number): OutCell[] => (Array.isArray(rows) ? (rows[i] ?? []) : rows.row(i));

/**
 * Row i for a writer that is done with it before it asks for the next (the .xlsx writer encodes each row
 * at once): a LazyRows may hand back the same cell objects each time, refilled, instead of new ones.
 */
export const transientRowAt = (rows: SheetRows, i: number): OutCell[] => (Array.isArray(rows) ? (rows[i] ?? []) : rows.transientRow(i));

/** The widest row's length (at least 1). */
export function sheetWidth(rows: SheetRows): number {
  if (!Array.isArray(rows)) return Math.max(1, rows.width);
  let w = 1;
  for (const r of rows) if (r.length > w) w = r.length;
  return w;
}

/** A sheet to write, independent of the backend (an .xlsx file or Office.js). */
export interface SheetModel {
  name: string;
  /** Pull them with rowAt: a large sheet's rows are built as they are written (LazyRows). */
  rows: SheetRows;
  widths: number[];
  frozenRows: number;
  /** Make the sheet's used range a table with these header names (new sheets only). */
  table?: { name: string; columns: string[] };
  /** Conditional formatting: cells of `ref` (A1 range) where `formula` (relative to its top-left cell) is true are shown as needing attention (light red fill, dark red bold text). */
  highlight?: { ref: string; formula: string }[];
}

/** Text a person typed into a reconciliation sheet, kept when the month is run again. */
export interface KeptText {
  /** Note by portfolio key. */
  notes: Map<string, OutCell>;
  /** "prepared by" / "reviewed by" -> [name cell, date cell]. */
  signOff: Map<string, [OutCell, OutCell]>;
}

export const RECON_COLUMNS = [
  "Portfolio",
  "Days",
  "Average Daily Net Assets",
  "Annual Rate",
  "Expected Fee",
  "Billed Fee",
  "Difference",
  "Status",
  "Gross Fee",
  "Waiver",
  "Sub-Advisory Fee",
  "Manager's Net",
  "Note",
] as const;
export const ACCRUAL_COLUMNS = [
  "Date",
  "Portfolio",
  "NAV Date",
  "Net Assets",
  "Annual Fee",
  "Days in Year",
  "Daily Accrual",
  "Gross Accrual",
  "Waiver",
  "Waiver From",
  "Group Net Assets",
  "Sub-Advisory Rate",
  "Sub-Advisory Accrual",
] as const;
export const SIGN_OFF_LABELS = ["Prepared by", "Reviewed by"] as const;

export const reconSheetName = (month: string) => `Recon ${month}`;
export const accrualsSheetName = (month: string) => `Accruals ${month}`;

const MONEY = "#,##0.00";
const NAV = "#,##0.00";
const RATE = "0.0000%";
const SUB_RATE = "0.000000%";
const DATE = "yyyy-mm-dd";

const v = (value: OutCell["value"], numFmt?: string): OutCell => (numFmt ? { value, numFmt } : { value });
/**
 * The formula text in one piece: a template literal makes a tree of string pieces (about ten for a Status
 * formula) that lives as long as the sheet; reading a character makes V8 join them into one string now
 * (the writer reads every character later anyway). About 3 MB less held at 2,000 portfolios.
 */
const flat = (s: string): string => {
  s.charCodeAt(0);
  return s;
};
const f = (formula: string, value: OutCell["value"], numFmt?: string): OutCell => ({ value, formula: flat(formula), ...(numFmt ? { numFmt } : {}) });
const header = (names: readonly string[]): OutCell[] => names.map((n) => ({ value: n, bold: true }));
const quote = (sheet: string) => `'${sheet.replace(/'/g, "''")}'`;

/** SUMIFS criteria matching a name exactly: "="&A2, with ~ * ? escaped when the name has them. */
function exactCriteria(cellRef: string, name: string): string {
  return /[~*?]/.test(name) ? `"="&SUBSTITUTE(SUBSTITUTE(SUBSTITUTE(${cellRef},"~","~~"),"*","~*"),"?","~?")` : `"="&${cellRef}`;
}

/** One line of the Accruals sheet: a day the fee accrued (with its waiver), a day the sub-advisory fee accrued, or both. */
interface AccrualLine {
  date: number;
  fee?: { day: AccrualDay; waived: WaivedDay };
  sub?: GroupAccrualDay;
}

/** A portfolio's Accruals lines in date order: the fee's days, joined by date with the sub-advisory fee's. */
export function accrualLines(r: ReconRow): AccrualLine[] {
  const lines: AccrualLine[] = r.accruals.map((day, i) => ({ date: day.date, fee: { day, waived: r.waived[i] } }));
  if (!r.subAdvisory.length) return lines;
  const byDate = new Map(lines.map((l) => [l.date, l]));
  for (const sub of r.subAdvisory) {
    const line = byDate.get(sub.date);
    if (line) line.sub = sub;
    else lines.push({ date: sub.date, sub });
  }
  return lines.sort((a, b) => a.date - b.date);
}

/** How many Accruals lines a portfolio has (accrualLines(r).length, without building them). */
export function accrualLineCount(r: ReconRow): number {
  if (!r.subAdvisory.length) return keptDaysOfRow(r)?.length ?? r.accruals.length;
  const dates = new Set(r.accruals.map((d) => d.date));
  let n = r.accruals.length;
  for (const sub of r.subAdvisory) if (!dates.has(sub.date)) n++;
  return n;
}

/** The Accruals sheet's number formats by column (ACCRUAL_COLUMNS). */
const ACCRUAL_FORMATS: (string | undefined)[] = [DATE, undefined, DATE, NAV, MONEY, undefined, MONEY, MONEY, MONEY, DATE, NAV, SUB_RATE, MONEY];

/** A fresh Accruals row's cells, to be filled by fillAccrualRow. */
const newAccrualCells = (): OutCell[] => ACCRUAL_FORMATS.map((fmt) => v(null, fmt));

/** One Accruals row written into `out` (13 cells made by newAccrualCells): a portfolio's line (a day of its fee, of its sub-advisory fee, or both). */
function fillAccrualRow(out: OutCell[], portfolio: string, date: number, d: AccrualDay | undefined, w: WaivedDay | undefined, sub: GroupAccrualDay | undefined, system: DateSystem): OutCell[] {
  out[0].value = toExcelSerial(date, system);
  out[1].value = portfolio;
  out[2].value = toExcelSerial((d ?? sub!).navDate, system);
  // Numbers read from the engine's integers where it holds them (exactly what toNumber() gives).
  out[3].value = d ? dayNumber(d, "netAssets") : toDouble(sub!.netAssets);
  out[4].value = d ? dayNumber(d, "annualFee") : null;
  out[5].value = (d ?? sub!).daysInYear;
  out[6].value = w ? waivedNumber(w, "payable") : null;
  out[7].value = w ? waivedNumber(w, "gross") : null;
  out[8].value = w ? waivedNumber(w, "waiver") : null;
  out[9].value = w && w.waiverFrom !== null ? toExcelSerial(w.waiverFrom, system) : null;
  out[10].value = sub ? toDouble(sub.groupNetAssets) : null;
  out[11].value = sub ? toDouble(sub.effectiveRate) : null;
  out[12].value = sub ? toDouble(sub.accrual) : null;
  return out;
}

/**
 * fillAccrualRow for day j of a row no waiver applied to and without a sub-advisory fee, from the numbers
 * of its accrual's runs (keptDaysOfRow) instead of its day records and waiver views: the same cells (the
 * payable and gross accrual are the day's accrual, the waiver 0, no waiver period, no sub-advisory columns).
 */
function fillUnwaivedRow(out: OutCell[], portfolio: string, kept: KeptDays, j: number, system: DateSystem): OutCell[] {
  const accrual = kept.number(j, "accrual");
  out[0].value = toExcelSerial(kept.date(j), system);
  out[1].value = portfolio;
  out[2].value = toExcelSerial(kept.navDate(j), system);
  out[3].value = kept.number(j, "netAssets");
  out[4].value = kept.number(j, "annualFee");
  out[5].value = kept.daysInYear(j);
  out[6].value = accrual;
  out[7].value = accrual;
  out[8].value = 0;
  out[9].value = null;
  out[10].value = null;
  out[11].value = null;
  out[12].value = null;
  return out;
}

/**
 * The Accruals sheet's rows, built as they are pulled: the header, then each portfolio's lines.
 * Only the current portfolio's lines are held (none are built for a portfolio without a sub-advisory
 * fee: its lines are its days); rows pulled in order find their portfolio in constant time, others by
 * a binary search over the portfolios' first rows. `transientRow` refills one set of 13 cells.
 */
function accrualRows(report: ReconReport, system: DateSystem): LazyRows {
  const rows = report.rows;
  const first = new Array<number>(rows.length + 1); // row index (0-based, header at 0) of each portfolio's first line
  first[0] = 1;
  rows.forEach((r, k) => (first[k + 1] = first[k] + accrualLineCount(r)));
  const head = header(ACCRUAL_COLUMNS);
  let k = -1;
  let lines: AccrualLine[] | null = null;
  const locate = (i: number) => {
    if (k < 0 || i < first[k] || i >= first[k + 1]) {
      let at = k >= 0 && i >= first[k + 1] && i < first[k + 2] ? k + 1 : -1;
      if (at < 0) {
        let lo = 0;
        let hi = rows.length - 1;
        while (lo < hi) {
          const mid = (lo + hi + 1) >> 1;
          if (first[mid] <= i) lo = mid;
          else hi = mid - 1;
        }
        at = lo;
      }
      // Portfolios without lines are skipped: they own no rows.
      while (at < rows.length - 1 && first[at + 1] <= i) at++;
      k = at;
      lines = rows[k].subAdvisory.length ? accrualLines(rows[k]) : null;
      kept = lines === null ? keptDaysOfRow(rows[k]) : null;
    }
  };
  let kept: KeptDays | null = null; // the current portfolio's days as numbers (no waiver, no sub-advisory fee), or null
  const fill = (i: number, out: OutCell[]): OutCell[] => {
    if (i === 0) return head;
    locate(i);
    const r = rows[k];
    const j = i - first[k];
    if (lines === null) {
      if (kept) return fillUnwaivedRow(out, r.portfolio, kept, j, system);
      return fillAccrualRow(out, r.portfolio, r.accruals[j].date, r.accruals[j], r.waived[j], undefined, system);
    }
    const { date, fee, sub } = lines[j];
    return fillAccrualRow(out, r.portfolio, date, fee?.day, fee?.waived, sub, system);
  };
  const scratch = newAccrualCells();
  // The unwaived rows (fillUnwaivedRow's: most of a month end's) as numbers, for the .xlsx writer.
  const unwaived: NumberRows = {
    formats: ACCRUAL_FORMATS,
    empty: UNWAIVED_EMPTY,
    textColumn: 1,
    fill(i: number, nums: Float64Array): string | null {
      if (i === 0) return null;
      locate(i);
      if (kept === null) return null;
      const j = i - first[k];
      const accrual = kept.number(j, "accrual");
      nums[0] = toExcelSerial(kept.date(j), system);
      nums[2] = toExcelSerial(kept.navDate(j), system);
      nums[3] = kept.number(j, "netAssets");
      nums[4] = kept.number(j, "annualFee");
      nums[5] = kept.daysInYear(j);
      nums[6] = accrual;
      nums[7] = accrual;
      nums[8] = 0;
      return rows[k].portfolio;
    },
  };
  return new LazyRows(
    first[rows.length],
    ACCRUAL_COLUMNS.length,
    (i) => fill(i, newAccrualCells()),
    (i) => fill(i, scratch),
    unwaived,
  );
}

/** The columns fillUnwaivedRow leaves empty: Waiver From and the three sub-advisory columns. */
const UNWAIVED_EMPTY = ACCRUAL_COLUMNS.map((_, i) => i >= 9);

/**
 * The two sheets of a month-end reconciliation (design section 5). Expected
 * Fee is a SUMIFS over the Accruals sheet; Difference and Status are native
 * formulas; every formula carries its computed result.
 */
export function reconSheets(report: ReconReport, kept: KeptText, system: DateSystem = 1900): SheetModel[] {
  const month = formatMonth(report.month);
  const accName = accrualsSheetName(month);
  const accRows = accrualRows(report, system);
  const lastAcc = Math.max(2, accRows.length);
  // Each range is the same text on every row: made once per column.
  const accRanges = new Map<string, string>();
  const accColumn = (c: string) => {
    let r = accRanges.get(c);
    if (r === undefined) accRanges.set(c, (r = `${quote(accName)}!$${c}$2:$${c}$${lastAcc}`));
    return r;
  };
  const critRange = accColumn("B");

  // PERIOD rounds the month's exact sum once; the Accruals sheet then holds unrounded daily accruals.
  const expectedFormula = (sumifs: string) => (report.rounding === "PERIOD" ? `ROUND(${sumifs},2)` : sumifs);
  const n = report.rows.length;
  const tolRow = n + 5; // header, n rows, total, compared total, blank, then tolerance
  const rows: OutCell[][] = [header(RECON_COLUMNS)];
  report.rows.forEach((r, i) => {
    const x = i + 2;
    const diff = r.difference === null || r.status === "UNKNOWN_PORTFOLIO" || r.status === "NO_NET_ASSETS" ? "" : toDouble(r.difference);
    // Excel's criteria strings stop matching past 255 characters: a longer name is matched by comparison instead.
    const sumOf = (c: string) => (r.portfolio.length > 255 ? `SUMPRODUCT((${critRange}=A${x})*${accColumn(c)})` : `SUMIFS(${accColumn(c)},${critRange},${exactCriteria(`A${x}`, r.portfolio)})`);
    rows.push([
      v(r.portfolio),
      v(r.days),
      v(r.averageDailyNetAssets === null ? null : toDouble(r.averageDailyNetAssets.toDecimalPlaces(2)), NAV),
      v(r.annualRate === null ? null : toDouble(r.annualRate), RATE),
      f(expectedFormula(sumOf("G")), toDouble(r.expectedFee), MONEY),
      v(r.billedFee === null ? null : toDouble(r.billedFee), MONEY),
      // A difference only where both amounts exist: not for a portfolio not billed, not in the schedule, or without net assets.
      f(`IF(OR(F${x}="",D${x}="",B${x}=0),"",ROUND(F${x}-E${x},2))`, diff, MONEY),
      f(`IF(D${x}="","UNKNOWN_PORTFOLIO",IF(B${x}=0,"NO_NET_ASSETS",IF(F${x}="","NOT_BILLED",IF(ABS(G${x})<=$B$${tolRow},"OK","BREAK"))))`, r.status),
      f(expectedFormula(sumOf("H")), toDouble(r.grossFee), MONEY),
      // Under PERIOD the waiver is the difference of the two rounded sums, not the rounded sum of the differences.
      f(report.rounding === "PERIOD" ? `I${x}-E${x}` : sumOf("I"), toDouble(r.waiver), MONEY),
      r.subAdvisoryFee === null ? v(null, MONEY) : f(expectedFormula(sumOf("M")), toDouble(r.subAdvisoryFee), MONEY),
      r.managerNet === null ? v(null, MONEY) : f(`E${x}-K${x}`, toDouble(r.managerNet), MONEY),
      kept.notes.get(portfolioKey(r.portfolio)) ?? v(null),
    ]);
  });
  const sum = (col: string, value: number) => f(`SUM(${col}2:${col}${n + 1})`, value, MONEY);
  const compared = report.rows.filter((r) => r.difference !== null && r.status !== "UNKNOWN_PORTFOLIO" && r.status !== "NO_NET_ASSETS");
  // Sums exactly as adding the decimals one by one (sumOf), without a decimal addition per row where all are cents.
  const comparedTotal = (pick: (r: ReconRow) => Dec) => sumOf(compared.map(pick));
  const comparedOf = (col: string) => `SUMPRODUCT((G2:G${n + 1}<>"")*${col}2:${col}${n + 1})`;
  const total = (pick: (r: ReconRow) => Dec | null) => sumOf(report.rows.map((r) => pick(r) ?? ZERO)).toNumber();
  rows.push([
    { value: "Total", bold: true },
    v(null),
    v(null),
    v(null),
    sum("E", report.totals.expectedFee.toNumber()),
    sum("F", report.totals.billedFee.toNumber()),
    v(null),
    v(null),
    sum("I", total((r) => r.grossFee)),
    sum("J", total((r) => r.waiver)),
    sum("K", total((r) => r.subAdvisoryFee)),
    sum("L", total((r) => r.managerNet)),
    v(null),
  ]);
  // The totals that tie: over the portfolios that have both an expected fee and a bill, Total Difference = Total Billed − Total Expected.
  const cmpRow = n + 3;
  rows.push([
    { value: `Compared (${compared.length} with both): Difference = Billed − Expected`, bold: true },
    v(null),
    v(null),
    v(null),
    f(comparedOf("E"), comparedTotal((r) => r.expectedFee).toNumber(), MONEY),
    f(comparedOf("F"), comparedTotal((r) => r.billedFee!).toNumber(), MONEY),
    f(`ROUND(F${cmpRow}-E${cmpRow},2)`, comparedTotal((r) => r.difference!).toNumber(), MONEY),
  ]);
  rows.push([]);
  rows.push([{ value: "Tolerance", bold: true }, v(report.tolerance.toNumber(), MONEY)]);
  const rounded = { DAILY: "each day's accrual rounded to cents", PERIOD: "the month's sum of exact daily accruals rounded to cents once", NONE: "not rounded" }[report.rounding];
  rows.push([{ value: "Basis", bold: true }, v(`${report.basis}, ${rounded} (${ROUNDINGS[report.rounding].id}); see ${accName}`)]);
  rows.push([{ value: "Net Assets Timing", bold: true }, v(`${report.navTiming}: ${NAV_TIMINGS[report.navTiming].description.replace(/ The default\.$/, "")} The NAV Date column of ${accName} shows the date used.`)]);
  for (const label of SIGN_OFF_LABELS) {
    const [name, date] = kept.signOff.get(label.toLowerCase()) ?? [v(null), v(null, DATE)];
    rows.push([{ value: label, bold: true }, name, { value: "Date", bold: true }, date]);
  }
  return [
    {
      name: reconSheetName(month),
      rows,
      widths: [40, 7, 24, 12, 16, 16, 14, 20, 16, 14, 16, 16, 40],
      frozenRows: 1,
      // Rows whose Status is not OK stand out, and keep standing out when a recalculation changes the Status.
      highlight: n ? [{ ref: `A2:${columnLetter(RECON_COLUMNS.length - 1)}${n + 1}`, formula: `$H2<>"OK"` }] : undefined,
    },
    { name: accName, rows: accRows, widths: [12, 40, 12, 20, 16, 12, 14, 14, 12, 12, 20, 14, 14], frozenRows: 1 },
  ];
}

/** Reads the text a person typed into an earlier run's Recon sheet: the Note column and the sign-off cells. */
export function keptTextFrom(rows: OutCell[][] | null): KeptText {
  const kept: KeptText = { notes: new Map(), signOff: new Map() };
  if (!rows || !rows.length) return kept;
  const head = rows[0].map((c) => String(c?.value ?? "").trim().toLowerCase());
  const pCol = head.indexOf("portfolio");
  const nCol = head.indexOf("note");
  for (const r of rows.slice(1)) {
    const first = String(r[0]?.value ?? "").trim().toLowerCase();
    const label = SIGN_OFF_LABELS.find((l) => l.toLowerCase() === first);
    if (label) {
      kept.signOff.set(label.toLowerCase(), [r[1] ?? v(null), r[3] ?? v(null, DATE)]);
      continue;
    }
    if (pCol >= 0 && nCol >= 0 && r[pCol]?.value && r[nCol] && r[nCol].value !== null && r[nCol].value !== "") {
      kept.notes.set(portfolioKey(String(r[pCol].value)), { value: r[nCol].value, numFmt: r[nCol].numFmt });
    }
  }
  return kept;
}
