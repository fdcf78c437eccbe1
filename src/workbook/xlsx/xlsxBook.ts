import { promises as fsp } from "fs";
import path from "path";
import ExcelJS from "exceljs";
import { DateSystem, fromYmd } from "../../engine";
import { Cell, WorkbookError } from "../cells";
import { CONTRACT, CellBlock, ContractKind } from "../contract";
import { OutCell, SheetModel } from "../reconSheets";

/** An .xlsx workbook opened through exceljs, with the name to use in messages. */
export interface XlsxBook {
  wb: ExcelJS.Workbook;
  file: string;
  dateSystem: DateSystem;
}

/** Opens an .xlsx file; anything unreadable (missing, truncated, not a workbook) is a WorkbookError naming the file. */
export async function openXlsx(file: string): Promise<XlsxBook> {
  const name = path.basename(file);
  let data: Buffer;
  try {
    data = await fsp.readFile(file);
  } catch (e) {
    throw new WorkbookError({ file: name }, `cannot read the file (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
  }
  return loadXlsx(data, name);
}

export async function loadXlsx(data: ArrayBuffer | Buffer, name: string): Promise<XlsxBook> {
  const wb = new ExcelJS.Workbook();
  try {
    // exceljs' types ask for its own Buffer type; a Node Buffer or ArrayBuffer is what it reads.
    await wb.xlsx.load(data as unknown as ExcelJS.Buffer);
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    throw new WorkbookError({ file: name }, `is not a readable .xlsx workbook (${/zip|central directory|corrupted/i.test(why) ? "not a complete zip archive" : why.split("\n")[0]})`);
  }
  if (wb.worksheets.length === 0) throw new WorkbookError({ file: name }, "is not a readable .xlsx workbook (it has no sheets)");
  return { wb, file: name, dateSystem: wb.properties?.date1904 ? 1904 : 1900 };
}

/** An exceljs cell value as the contract reads it. */
export function toCell(value: ExcelJS.CellValue): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === "number" || typeof value === "string" || typeof value === "boolean") return value;
  if (value instanceof Date) return { day: fromYmd(value.getUTCFullYear(), value.getUTCMonth() + 1, value.getUTCDate()) };
  if (typeof value === "object") {
    if ("result" in value || "formula" in value || "sharedFormula" in value) return toCell((value as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue);
    if ("richText" in value) return (value as ExcelJS.CellRichTextValue).richText.map((r) => r.text).join("");
    if ("text" in value) return String((value as ExcelJS.CellHyperlinkValue).text);
    if ("error" in value) return String((value as ExcelJS.CellErrorValue).error);
  }
  return String(value);
}

function decodeRef(ref: string): { top: number; left: number; bottom: number; right: number } {
  const m = /^\$?([A-Z]+)\$?(\d+)(?::\$?([A-Z]+)\$?(\d+))?$/.exec(ref.toUpperCase());
  if (!m) throw new Error(`bad range ${ref}`);
  const col = (s: string) => [...s].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
  return { left: col(m[1]), top: Number(m[2]), right: col(m[3] ?? m[1]), bottom: Number(m[4] ?? m[2]) };
}

/** The contract block: the table by name in any sheet, else the sheet by name (case-insensitive) with headers in row 1; null when neither exists. */
export function findBlock(book: XlsxBook, kind: ContractKind): CellBlock | null {
  const spec = CONTRACT[kind];
  for (const ws of book.wb.worksheets) {
    for (const t of ws.getTables()) {
      const table = (t as unknown as { table: { name: string; tableRef?: string; ref?: string } }).table;
      if (table.name.toLowerCase() !== spec.table.toLowerCase()) continue;
      const r = decodeRef(table.tableRef ?? table.ref ?? "A1");
      return blockOf(ws, book.file, r.top, r.left, r.right, r.bottom);
    }
  }
  const ws = book.wb.worksheets.find((w) => w.name.toLowerCase() === spec.sheet.toLowerCase());
  if (!ws) return null;
  return blockOf(ws, book.file, 1, 1, Math.max(ws.columnCount, 1), ws.rowCount);
}

export function requireBlock(book: XlsxBook, kind: ContractKind): CellBlock {
  const block = findBlock(book, kind);
  if (!block) throw new WorkbookError({ file: book.file }, `has no table "${CONTRACT[kind].table}" and no sheet "${CONTRACT[kind].sheet}"`);
  return block;
}

function blockOf(ws: ExcelJS.Worksheet, file: string, top: number, left: number, right: number, bottom: number): CellBlock {
  const rowCells = (r: number): Cell[] => {
    const row = ws.getRow(r);
    const out: Cell[] = [];
    for (let c = left; c <= right; c++) out.push(toCell(row.getCell(c).value));
    return out;
  };
  const rows: Cell[][] = [];
  for (let r = top + 1; r <= bottom; r++) rows.push(rowCells(r));
  return { sheet: ws.name, file, headerRow: top, firstColumn: left - 1, header: rowCells(top), rows };
}

/** A sheet's cells as OutCells (values and number formats), or null when there is no such sheet. */
export function readSheetCells(book: XlsxBook, name: string): OutCell[][] | null {
  const ws = book.wb.getWorksheet(name);
  if (!ws) return null;
  const rows: OutCell[][] = [];
  ws.eachRow({ includeEmpty: true }, (row, r) => {
    const out: OutCell[] = [];
    row.eachCell({ includeEmpty: true }, (cell, c) => {
      const value = toCell(cell.value);
      out[c - 1] = { value: typeof value === "object" && value !== null ? null : value, numFmt: cell.numFmt || undefined };
      if (value && typeof value === "object" && "day" in value) out[c - 1] = { value: cell.value instanceof Date ? excelSerialOfDate(cell.value, book.dateSystem) : null, numFmt: cell.numFmt || "yyyy-mm-dd" };
    });
    rows[r - 1] = out;
  });
  for (let i = 0; i < rows.length; i++) rows[i] = rows[i] ?? [];
  return rows;
}

function excelSerialOfDate(d: Date, system: DateSystem): number {
  const serial1900 = Math.round(d.getTime() / 86400000) + 25569;
  return system === 1904 ? serial1900 - 1462 : serial1900;
}

/** Replaces (or adds) sheets with the models, leaving every other sheet as it was. */
export function writeSheets(book: XlsxBook, models: SheetModel[]): void {
  for (const m of models) {
    const old = book.wb.getWorksheet(m.name);
    if (old) book.wb.removeWorksheet(old.id);
    const ws = book.wb.addWorksheet(m.name, { views: [{ state: "frozen", ySplit: m.frozenRows }] });
    m.widths.forEach((w, i) => (ws.getColumn(i + 1).width = w));
    m.rows.forEach((row, r) => {
      const xrow = ws.getRow(r + 1);
      row.forEach((c, i) => {
        if (!c) return;
        const cell = xrow.getCell(i + 1);
        if (c.formula) cell.value = { formula: c.formula, result: c.value === null ? undefined : (c.value as number | string | boolean) } as ExcelJS.CellFormulaValue;
        else if (c.value !== null) cell.value = c.value;
        if (c.numFmt) cell.numFmt = c.numFmt;
        if (c.bold) cell.font = { bold: true };
      });
    });
  }
}

/** Writes the workbook to `out` atomically: a temporary file beside it, then a rename. */
export async function saveXlsxAtomic(book: XlsxBook, out: string): Promise<void> {
  const tmp = path.join(path.dirname(out), `.${path.basename(out)}.${process.pid}.tmp`);
  try {
    await book.wb.xlsx.writeFile(tmp);
    await fsp.rename(tmp, out);
  } catch (e) {
    await fsp.rm(tmp, { force: true });
    throw e;
  }
}
