import { DateSystem, ScheduleRow, toExcelSerial } from "../engine";
import { ColumnBlock } from "./columns";
import { CellBlock, ContractKind } from "./contract";
import { OutCell, SheetModel } from "./reconSheets";

/**
 * The workbook the task pane works on: Excel through Office.js, or an .xlsx
 * file in the browser (standalone mode). Everything the pane reads or writes
 * goes through this interface.
 */
export interface WorkbookBackend {
  /** A name for the user: the file name, or "this workbook". */
  readonly label: string;
  dateSystem(): Promise<DateSystem>;
  /** A contract block (table by name, else sheet by name), or null when neither exists. */
  readBlock(kind: ContractKind): Promise<CellBlock | null>;
  /** The block read straight into its contract columns (a large Net Assets sheet), where the backend can; else as readBlock. */
  readColumns?(kind: ContractKind): Promise<ColumnBlock | CellBlock | null>;
  /** Writes the fee schedule's four columns in one batch, keeping other columns and formatting; creates the sheet and table when missing. */
  writeSchedule(rows: ScheduleRow[]): Promise<void>;
  /** Writes a contract block's columns (as writeSchedule does for the schedule): for the Fee Settings and the Agreements. */
  writeBlock?(kind: ContractKind, cells: OutCell[][]): Promise<void>;
  /** A sheet's cell values, or null when there is no such sheet (to keep text typed into an earlier run's sheet). */
  readSheetValues(name: string): Promise<OutCell[][] | null>;
  /** Adds or replaces whole sheets. */
  writeSheets(models: SheetModel[]): Promise<void>;
  /** Takes the user to rows of a sheet (Excel selects them; the standalone pane shows them itself). */
  showRows?(sheet: string, firstRow: number, lastRow: number): Promise<void>;
}

/** Fee schedule rows as the cells of the table's four columns. */
export function scheduleCells(rows: ScheduleRow[], system: DateSystem): OutCell[][] {
  return rows.map((r) => [
    { value: r.portfolio },
    { value: toExcelSerial(r.effectiveFrom, system), numFmt: "yyyy-mm-dd" },
    { value: r.breakpoint.toNumber(), numFmt: "#,##0.00" },
    { value: r.rate.toNumber(), numFmt: "0.00##%" },
  ]);
}

/** A fingerprint of a block's contents, to tell whether the workbook changed since it was read. */
export function fingerprint(block: CellBlock | null): string {
  return block ? JSON.stringify([block.sheet, block.headerRow, block.header, block.rows]) : "none";
}
