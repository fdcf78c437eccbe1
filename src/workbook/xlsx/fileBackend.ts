import { DateSystem, ScheduleRow } from "../../engine";
import { WorkbookBackend, scheduleCells } from "../backend";
import { ColumnSource, SourceTable, findBlock, findColumnsAsync } from "../blocks";
import { Cell } from "../cells";
import { CellBatch, CellRun, ColumnBlock } from "../columns";
import { CONTRACT, CellBlock, ContractKind, writableColumns } from "../contract";
import { OutCell, SheetModel } from "../reconSheets";
import { XlsxPackage, located } from "./package";
import { OverlapOptions, SheetCells, TailScanner, readSheet, scanSheet, scanSheetAsync } from "./sheetReader";
import { putSheets, rewriteColumns } from "./sheetWriter";
import { tablesOf } from "./tables";
import { columnName, NS, XML_DECL } from "./xml";
import { RawDeflater, RawInflater, writeZip } from "./zip";

/**
 * A workbook held in memory as an .xlsx package: the command line's and the
 * standalone pane's backend. Writes edit the package in place; `bytes()`
 * gives the file.
 */
export class FileBackend implements WorkbookBackend, ColumnSource {
  private readonly cache = new Map<string, SheetCells>();
  private tableList: (SourceTable & { path: string })[] | null = null;

  private constructor(
    readonly pkg: XlsxPackage,
    private readonly tail: TailScanner | null,
  ) {}

  /** `tail`: a helper thread for reading a large sheet on two cores (the command line's worker; see scanSheet). */
  static async open(bytes: ArrayBuffer | Uint8Array, name: string, inflater?: RawInflater, deflater?: RawDeflater, tail?: TailScanner | null): Promise<FileBackend> {
    return new FileBackend(XlsxPackage.load(bytes, name, inflater, deflater), tail ?? null);
  }

  get label(): string {
    return this.pkg.file;
  }

  get file(): string {
    return this.pkg.file;
  }

  /** The current workbook as .xlsx bytes, for download or to write to disk. */
  bytes(): Uint8Array {
    return this.pkg.bytes();
  }

  /** The same bytes as the pieces of the file, in order (written to disk one after the other, not joined first). */
  chunks(): Uint8Array[] {
    return this.pkg.chunks();
  }

  async dateSystem(): Promise<DateSystem> {
    return this.pkg.dateSystem;
  }

  /* BlockSource */
  tables(): (SourceTable & { path: string })[] {
    if (!this.tableList) this.tableList = this.pkg.sheets.flatMap((s) => tablesOf(this.pkg, s).map((t) => ({ ...t, sheet: s.name })));
    return this.tableList;
  }

  sheetName(name: string): string | null {
    return this.pkg.sheet(name)?.name ?? null;
  }

  cells(sheet: string): SheetCells {
    let c = this.cache.get(sheet);
    if (!c) {
      const entry = this.pkg.sheet(sheet)!;
      c = located(this.pkg.file, () => readSheet(this.pkg, entry), { sheet: entry.name });
      this.cache.set(sheet, c);
    }
    return c;
  }

  hasCells(sheet: string): boolean {
    return this.cache.has(sheet);
  }

  /**
   * A sheet's rows estimated from its part's declared size: about 100 bytes of XML a row (a Net Assets row
   * of a date, a portfolio and an amount is about 134), so a column rarely grows and is never sized for
   * more than a few times its rows; only a size to start from (the columns grow past it, and are trimmed).
   */
  rowsHint(sheet: string): number {
    const entry = this.pkg.sheet(sheet);
    return entry ? Math.floor(this.pkg.declaredSize(entry.path) / 100) : 0;
  }

  scan(sheet: string, onCell: (row: number, col: number, cell: Cell) => void, onRun?: (run: CellRun) => void): void {
    const entry = this.pkg.sheet(sheet)!;
    located(this.pkg.file, () => scanSheet(this.pkg, entry, onCell, { tail: this.tail, onRun }), { sheet: entry.name });
  }

  /** `scan`, with a large sheet's part inflated on another thread while it is read (`scanSheetAsync`): the same cells, the same errors. */
  async scanAsync(sheet: string, onCell: (row: number, col: number, cell: Cell) => void, onRun?: (run: CellRun) => void, onBatch?: CellBatch): Promise<void> {
    const entry = this.pkg.sheet(sheet)!;
    try {
      await scanSheetAsync(this.pkg, entry, onCell, { tail: this.tail, onRun, onBatch, overlap: this.overlap });
    } catch (e) {
      located(this.pkg.file, (): never => {
        throw e;
      }, { sheet: entry.name });
    }
  }

  /** The tests' hooks for `scanAsync` (small parts read while inflated, small pieces). */
  overlap: OverlapOptions | undefined = undefined;

  /** A block straight into its contract columns, streaming the sheet without keeping its grid. */
  async readColumns(kind: ContractKind): Promise<ColumnBlock | CellBlock | null> {
    return findColumnsAsync(this, kind);
  }

  private changed(): void {
    this.cache.clear();
    this.tableList = null;
  }

  async readBlock(kind: ContractKind): Promise<CellBlock | null> {
    return findBlock(this, CONTRACT[kind]);
  }

  /**
   * Rewrites the schedule's own columns in place: other columns, cell formatting and every other
   * part stay; rows beyond the new end lose only their contract cells; a table's range follows the
   * new row count. A missing block becomes a new sheet holding a table.
   */
  async writeSchedule(rows: ScheduleRow[]): Promise<void> {
    await this.writeBlockRows("schedule", scheduleCells(rows, this.pkg.dateSystem));
  }

  /** Writes a contract block's columns in place (the Fee Settings, the Agreements), as writeSchedule does. */
  async writeBlock(kind: ContractKind, cells: OutCell[][]): Promise<void> {
    await this.writeBlockRows(kind, cells);
  }

  async writeBlockRows(kind: ContractKind, rows: OutCell[][]): Promise<void> {
    const spec = CONTRACT[kind];
    const block = findBlock(this, spec);
    if (!block) {
      await putSheets(this.pkg, [
        { name: spec.sheet, rows: [spec.columns.map((c) => ({ value: c, bold: true })), ...rows], widths: spec.columns.map((c) => Math.max(14, c.length + 4)), frozenRows: 1, table: { name: spec.table, columns: [...spec.columns] } },
      ]);
      this.changed();
      return;
    }
    const written = writableColumns(block, kind, rows);
    const cols = written.cols.map((i) => block.firstColumn + i + 1);
    rows = written.cells;
    const entry = this.pkg.sheet(block.sheet)!;
    const table = this.tables().find((t) => t.name.toLowerCase() === spec.table.toLowerCase() && t.sheet === block.sheet);
    const oldLast = block.headerRow + block.rows.length;
    let tableRef: { path: string; ref: string } | undefined;
    if (table) {
      const bottom = block.headerRow + Math.max(1, rows.length) + table.totalsRows;
      tableRef = { path: table.path, ref: `${columnName(table.left)}${table.top}:${columnName(table.right)}${bottom}` };
    }
    rewriteColumns(this.pkg, entry, block.headerRow, cols, rows, oldLast, tableRef);
    this.changed();
  }

  async readSheetValues(name: string): Promise<OutCell[][] | null> {
    const s = this.pkg.sheet(name);
    if (!s) return null;
    return this.cells(s.name).grid.map((r) => Array.from(r, (c: Cell | undefined) => ({ value: typeof c === "object" && c !== null ? null : (c ?? null) })));
  }

  async writeSheets(models: SheetModel[]): Promise<void> {
    await putSheets(this.pkg, models);
    this.changed();
  }
}

/** An empty workbook (one blank sheet), for starting from nothing in the standalone pane. */
export async function blankWorkbook(): Promise<Uint8Array> {
  const main = NS.main[0];
  const rel = NS.rel[0];
  const enc = (s: string) => new TextEncoder().encode(s);
  return writeZip([
    {
      name: "[Content_Types].xml",
      data: enc(
        `${XML_DECL}<Types xmlns="${NS.contentTypes}"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>`,
      ),
    },
    { name: "_rels/.rels", data: enc(`${XML_DECL}<Relationships xmlns="${NS.pkgRel}"><Relationship Id="rId1" Type="${rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>`) },
    { name: "xl/workbook.xml", data: enc(`${XML_DECL}<workbook xmlns="${main}" xmlns:r="${rel}"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>`) },
    { name: "xl/_rels/workbook.xml.rels", data: enc(`${XML_DECL}<Relationships xmlns="${NS.pkgRel}"><Relationship Id="rId1" Type="${rel}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${rel}/styles" Target="styles.xml"/></Relationships>`) },
    { name: "xl/worksheets/sheet1.xml", data: enc(`${XML_DECL}<worksheet xmlns="${main}"><sheetData/></worksheet>`) },
    {
      name: "xl/styles.xml",
      data: enc(
        `${XML_DECL}<styleSheet xmlns="${main}"><fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs></styleSheet>`,
      ),
    },
  ]);
}
