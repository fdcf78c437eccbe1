import { DateSystem, ScheduleRow } from "../../engine";
import { WorkbookBackend, scheduleCells } from "../backend";
import { CellBlock, ContractKind } from "../contract";
import { OutCell, SheetModel } from "../reconSheets";
import { XlsxPackage } from "./xlsxPackage";

/** A workbook held in memory as .xlsx bytes: the standalone pane's backend. Each write produces new bytes. */
export class FileBackend implements WorkbookBackend {
  private constructor(private pkg: XlsxPackage) {}

  static async open(bytes: ArrayBuffer | Uint8Array, name: string): Promise<FileBackend> {
    return new FileBackend(await XlsxPackage.load(bytes, name));
  }

  get label(): string {
    return this.pkg.file;
  }

  /** The current workbook as .xlsx bytes, for download. */
  bytes(): Uint8Array {
    return this.pkg.bytes;
  }

  async dateSystem(): Promise<DateSystem> {
    return this.pkg.dateSystem;
  }

  readBlock(kind: ContractKind): Promise<CellBlock | null> {
    return this.pkg.findBlock(kind);
  }

  async writeSchedule(rows: ScheduleRow[]): Promise<void> {
    const bytes = await this.pkg.withBlockRows("schedule", scheduleCells(rows, this.pkg.dateSystem));
    this.pkg = await XlsxPackage.load(bytes, this.pkg.file);
  }

  async writeBlock(kind: ContractKind, cells: OutCell[][]): Promise<void> {
    const bytes = await this.pkg.withBlockRows(kind, cells);
    this.pkg = await XlsxPackage.load(bytes, this.pkg.file);
  }

  readSheetValues(name: string) {
    return this.pkg.readOutCells(name);
  }

  async writeSheets(models: SheetModel[]): Promise<void> {
    const bytes = await this.pkg.withSheets(models);
    this.pkg = await XlsxPackage.load(bytes, this.pkg.file);
  }
}

/** An empty workbook (one blank sheet), for starting from nothing in the standalone pane. */
export async function blankWorkbook(): Promise<Uint8Array> {
  const { default: JSZip } = await import("jszip");
  const zip = new JSZip();
  const main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
  const rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
  zip.file(
    "[Content_Types].xml",
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>`,
  );
  zip.file("_rels/.rels", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>`);
  zip.file("xl/workbook.xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="${main}" xmlns:r="${rel}"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>`);
  zip.file(
    "xl/_rels/workbook.xml.rels",
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${rel}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${rel}/styles" Target="styles.xml"/></Relationships>`,
  );
  zip.file("xl/worksheets/sheet1.xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="${main}"><sheetData/></worksheet>`);
  zip.file(
    "xl/styles.xml",
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="${main}"><fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs></styleSheet>`,
  );
  return zip.generateAsync({ type: "uint8array", compression: "DEFLATE" });
}
