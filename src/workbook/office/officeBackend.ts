/* global Excel, Office */
import { DateSystem, ScheduleRow } from "../../engine";
import { WorkbookBackend, scheduleCells } from "../backend";
import { CONTRACT, CellBlock, ContractKind, writableColumns } from "../contract";
import { Cell } from "../cells";
import { OutCell, SheetModel, rowAt, sheetWidth } from "../reconSheets";
import { readDateSystem, readOfficeBlock } from "./officeBlocks";

const toValue = (c: OutCell | undefined) => (c?.formula ? `=${c.formula}` : (c?.value ?? ""));
const plainValue = (c: OutCell | undefined) => c?.value ?? "";

/**
 * Rows per request when writing a sheet: about 5,000 rows (at most 50,000 cells),
 * which keeps each request's values and number formats far under Excel on the
 * web's 5 MB limit.
 */
export const ROWS_PER_SYNC = 5000;
const CELLS_PER_SYNC = 50000;

/** [first, count] pairs covering `total` rows in chunks. */
export function chunks(total: number, width: number): [number, number][] {
  const size = Math.max(1, Math.min(ROWS_PER_SYNC, Math.floor(CELLS_PER_SYNC / Math.max(width, 1))));
  const out: [number, number][] = [];
  for (let first = 0; first < total; first += size) out.push([first, Math.min(size, total - first)]);
  return out;
}

/** A sheet being written gets this name until it is complete (31 characters at most, as Excel allows). */
const stagingName = (name: string) => `~${name}`.slice(0, 31);

/** The attention style of the .xlsx writer's conditional format: Excel's "light red fill with dark red text", bold. */
export const ATTENTION = { fill: "#FFC7CE", font: "#9C0006", bold: true } as const;

/**
 * Whether this Excel has conditional formats (ExcelApi 1.6). Where it does not (or there is no Office.js),
 * the sheets are written without them, silently: the Status column still says what needs attention.
 */
export function conditionalFormatsSupported(): boolean {
  try {
    return typeof Office !== "undefined" && Office.context?.requirements?.isSetSupported("ExcelApi", "1.6") === true;
  } catch {
    return false;
  }
}

/** Adds a sheet model's conditional formats (rows needing attention) to a worksheet: queued, sent with the next sync. */
function addHighlights(ws: Excel.Worksheet, model: SheetModel): void {
  for (const h of model.highlight ?? []) {
    const cf = ws.getRange(h.ref).conditionalFormats.add(Excel.ConditionalFormatType.custom);
    // Relative to the range's top-left cell, as in the .xlsx writer's cfRule; no sheet name, so the staged sheet's rename keeps it.
    cf.custom.rule.formula = `=${h.formula}`;
    cf.custom.format.fill.color = ATTENTION.fill;
    cf.custom.format.font.color = ATTENTION.font;
    cf.custom.format.font.bold = ATTENTION.bold;
  }
}

async function deleteIfPresent(context: Excel.RequestContext, name: string): Promise<void> {
  const ws = context.workbook.worksheets.getItemOrNullObject(name);
  await context.sync();
  if (!ws.isNullObject) ws.delete();
}

/** The open Excel workbook, through Office.js. Each operation is one Excel.run; writes go in one batch. */
export class OfficeBackend implements WorkbookBackend {
  readonly label = "this workbook";
  private system: DateSystem | null = null;

  async dateSystem(): Promise<DateSystem> {
    if (this.system === null) this.system = await Excel.run((context) => readDateSystem(context));
    return this.system;
  }

  readBlock(kind: ContractKind): Promise<CellBlock | null> {
    return Excel.run((context) => readOfficeBlock(context, kind));
  }

  async writeSchedule(rows: ScheduleRow[]): Promise<void> {
    await this.writeBlock("schedule", scheduleCells(rows, await this.dateSystem()));
  }

  async writeBlock(kind: ContractKind, cells: OutCell[][]): Promise<void> {
    const spec = CONTRACT[kind];
    await Excel.run(async (context) => {
      const block = await readOfficeBlock(context, kind);
      if (!block) {
        const ws = context.workbook.worksheets.add(spec.sheet);
        const all = [spec.columns.map((c) => c as string), ...cells.map((r) => r.map((c) => c.value as string | number))];
        const range = ws.getRangeByIndexes(0, 0, all.length, spec.columns.length);
        range.values = all;
        const table = ws.tables.add(range, true);
        table.name = spec.table;
        spec.columns.forEach((_, k) => {
          if (cells.length) ws.getRangeByIndexes(1, k, cells.length, 1).numberFormat = cells.map((r) => [r[k]?.numFmt ?? "General"]);
        });
        ws.getRangeByIndexes(0, 0, 1, spec.columns.length).format.autofitColumns();
        await context.sync();
        return;
      }
      const written = writableColumns(block, kind, cells);
      const cols = written.cols;
      cells = written.cells;
      const ws = context.workbook.worksheets.getItem(block.sheet);
      const table = context.workbook.tables.getItemOrNullObject(spec.table);
      await context.sync();
      const oldCount = block.rows.length;
      const n = cells.length;
      if (!table.isNullObject) {
        // Resize the table body to n rows (a table keeps at least one).
        if (n > oldCount) table.rows.add(undefined, Array.from({ length: n - oldCount }, () => block.header.map(() => "")));
        for (let i = oldCount - 1; i >= Math.max(n, 1); i--) table.rows.getItemAt(i).delete();
      }
      cols.forEach((c, k) => {
        const col = block.firstColumn + c;
        if (n) ws.getRangeByIndexes(block.headerRow, col, n, 1).values = cells.map((r) => [r[k].value as string | number]);
        const extra = oldCount - n;
        if (extra > 0 && table.isNullObject) ws.getRangeByIndexes(block.headerRow + n, col, extra, 1).clear(Excel.ClearApplyTo.contents);
        if (n === 0 && !table.isNullObject) ws.getRangeByIndexes(block.headerRow, col, 1, 1).clear(Excel.ClearApplyTo.contents);
      });
      await context.sync();
    });
  }

  /** Cells of a sheet (values only), or null if it does not exist: to keep what a person typed in an earlier run. */
  readSheetValues(name: string): Promise<OutCell[][] | null> {
    return Excel.run(async (context) => {
      const ws = context.workbook.worksheets.getItemOrNullObject(name);
      await context.sync();
      if (ws.isNullObject) return null;
      const used = ws.getUsedRangeOrNullObject(true);
      used.load(["values", "rowIndex", "columnIndex"]);
      await context.sync();
      if (used.isNullObject) return [];
      const rows: OutCell[][] = [];
      (used.values as Cell[][]).forEach((r, i) => {
        rows[used.rowIndex + i] = [];
        r.forEach((v, j) => (rows[used.rowIndex + i][used.columnIndex + j] = { value: typeof v === "object" ? null : v }));
      });
      for (let i = 0; i < rows.length; i++) rows[i] = rows[i] ?? [];
      return rows;
    });
  }

  /**
   * Adds or replaces whole sheets without ever leaving a half-written one: each
   * sheet is written under a staging name, in chunks of rows (Excel on the web
   * refuses a request over 5 MB, RequestPayloadSizeLimitExceeded), and only when
   * every sheet is complete are the old ones deleted and the new ones renamed.
   * Formulas go in last, once the sheets they refer to have their final names
   * (a formula written while an old sheet of that name still exists would point
   * at it, and turn into #REF! when it is deleted); until then a formula cell
   * holds its computed result. If anything fails, the staged sheets are removed
   * and the workbook is as it was. A model's conditional formats (ExcelApi 1.6) are added to its staged
   * sheet; an Excel without them gets the sheet without them.
   */
  async writeSheets(models: SheetModel[]): Promise<void> {
    const highlight = conditionalFormatsSupported();
    await Excel.run(async (context) => {
      const sheets = context.workbook.worksheets;
      const staged: { model: SheetModel; ws: Excel.Worksheet; width: number; withFormulas: number[] }[] = [];
      // A chunk's rows, pulled from the model as it is written (a large sheet's rows are built on demand), padded to the sheet's width.
      const rowsOf = (model: SheetModel, width: number, first: number, count: number) =>
        Array.from({ length: count }, (_, i) => {
          const r = rowAt(model.rows, first + i);
          return Array.from({ length: width }, (_, j): OutCell | undefined => r[j]);
        });
      try {
        for (const model of models) {
          await deleteIfPresent(context, stagingName(model.name));
          const ws = sheets.add(stagingName(model.name));
          const width = sheetWidth(model.rows);
          const total = model.rows.length;
          const withFormulas: number[] = [];
          staged.push({ model, ws, width, withFormulas });
          for (const [first, count] of chunks(total, width)) {
            const rows = rowsOf(model, width, first, count);
            const range = ws.getRangeByIndexes(first, 0, count, width);
            range.values = rows.map((r) => r.map(plainValue));
            range.numberFormat = rows.map((r) => r.map((c) => c?.numFmt ?? "General"));
            rows.forEach((r, i) => {
              if (r.some((c) => c?.formula)) withFormulas.push(first + i);
              r.forEach((c, j) => c?.bold && (ws.getCell(first + i, j).format.font.bold = true));
            });
            await context.sync();
          }
          model.widths.forEach((w, i) => (ws.getRangeByIndexes(0, i, 1, 1).format.columnWidth = w * 7));
          if (model.frozenRows) ws.freezePanes.freezeRows(model.frozenRows);
          // Rows whose Status is not OK stand out (the Recon sheet), on the staged sheet with its widths, in the same request.
          if (highlight) addHighlights(ws, model);
          // An empty contract table added from the pane's checklist: a header and one blank row, as Excel keeps a table.
          if (model.table) ws.tables.add(ws.getRangeByIndexes(0, 0, Math.max(total, 2), model.table.columns.length), true).name = model.table.name;
          await context.sync();
        }
        for (const { model } of staged) await deleteIfPresent(context, model.name);
        for (const { model, ws } of staged) ws.name = model.name;
        await context.sync();
      } catch (e) {
        for (const { ws } of staged) ws.delete();
        await context.sync().catch(() => undefined);
        throw e;
      }
      for (const { model, ws, width, withFormulas } of staged) {
        for (const [first, count] of chunks(withFormulas.length, width)) {
          for (const i of withFormulas.slice(first, first + count)) ws.getRangeByIndexes(i, 0, 1, width).formulas = [rowsOf(model, width, i, 1)[0].map((c) => toValue(c))] as unknown as string[][];
          await context.sync();
        }
      }
    });
  }

  async showRows(sheet: string, firstRow: number, lastRow: number): Promise<void> {
    await Excel.run(async (context) => {
      const ws = context.workbook.worksheets.getItem(sheet);
      ws.activate();
      ws.getRange(`A${firstRow}:G${lastRow}`).select();
      await context.sync();
    });
  }
}
