/* global Excel */
import { DateSystem, ScheduleRow } from "../../engine";
import { WorkbookBackend, scheduleCells } from "../backend";
import { CONTRACT, CellBlock, ContractKind, locateColumns } from "../contract";
import { Cell } from "../cells";
import { OutCell, SheetModel } from "../reconSheets";
import { readDateSystem, readOfficeBlock } from "./officeBlocks";

const toValue = (c: OutCell | undefined) => (c?.formula ? `=${c.formula}` : (c?.value ?? ""));

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
    const system = await this.dateSystem();
    const cells = scheduleCells(rows, system);
    const spec = CONTRACT.schedule;
    await Excel.run(async (context) => {
      const block = await readOfficeBlock(context, "schedule");
      if (!block) {
        const ws = context.workbook.worksheets.add(spec.sheet);
        const all = [spec.columns.map((c) => c as string), ...cells.map((r) => r.map((c) => c.value as string | number))];
        const range = ws.getRangeByIndexes(0, 0, all.length, spec.columns.length);
        range.values = all;
        const table = ws.tables.add(range, true);
        table.name = spec.table;
        if (cells.length) {
          ws.getRangeByIndexes(1, 1, cells.length, 1).numberFormat = cells.map(() => ["yyyy-mm-dd"]);
          ws.getRangeByIndexes(1, 2, cells.length, 1).numberFormat = cells.map(() => ["#,##0.00"]);
          ws.getRangeByIndexes(1, 3, cells.length, 1).numberFormat = cells.map(() => ["0.00##%"]);
        }
        ws.getRangeByIndexes(0, 0, 1, 4).format.autofitColumns();
        await context.sync();
        return;
      }
      const cols = locateColumns(block, spec.columns);
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

  async writeSheets(models: SheetModel[]): Promise<void> {
    await Excel.run(async (context) => {
      for (const m of models) {
        context.workbook.worksheets.getItemOrNullObject(m.name).delete();
        const ws = context.workbook.worksheets.add(m.name);
        const width = Math.max(...m.rows.map((r) => r.length), 1);
        const grid = m.rows.map((r) => Array.from({ length: width }, (_, i) => r[i]));
        if (grid.length) {
          const range = ws.getRangeByIndexes(0, 0, grid.length, width);
          range.formulas = grid.map((r) => r.map((c) => toValue(c))) as unknown as string[][];
          range.numberFormat = grid.map((r) => r.map((c) => c?.numFmt ?? "General"));
          grid.forEach((r, i) => r.forEach((c, j) => c?.bold && (ws.getCell(i, j).format.font.bold = true)));
          if (m.table) ws.tables.add(ws.getRangeByIndexes(0, 0, Math.max(grid.length, 2), m.table.columns.length), true).name = m.table.name;
        }
        m.widths.forEach((w, i) => (ws.getRangeByIndexes(0, i, 1, 1).format.columnWidth = w * 7));
        if (m.frozenRows) ws.freezePanes.freezeRows(m.frozenRows);
      }
      await context.sync();
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
