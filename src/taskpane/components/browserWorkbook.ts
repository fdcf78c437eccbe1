import { DateSystem, ScheduleRow } from "../../engine";
import { WorkbookBackend } from "../../workbook/backend";
import { CellBlock, ContractKind } from "../../workbook/contract";
import { OutCell, SheetModel } from "../../workbook/reconSheets";
import { FileBackend } from "../../workbook/xlsx/fileBackend";
import { FileTransfer, fromTransfer, toTransfer } from "./fileTransfer";

/** The workbook lent to a worker: its bytes (to transfer), and how to take it back. */
export interface Loan {
  file: FileTransfer;
  name: string;
  /** Takes the workbook back: the file the worker returned (the run's result, or the one it was lent, unchanged). */
  giveBack(file: FileTransfer): Promise<void>;
  /** The worker died holding the file: the workbook is gone from this browser. */
  lost(reason: string): void;
}

/**
 * The standalone pane's workbook: an .xlsx file held in this browser. The same
 * object lives for the whole session of a file (the features hold it), while
 * the file inside may be replaced: month end lends the file's bytes to its Web
 * Worker (transferred, so the page keeps no copy), and takes back the file the
 * worker wrote. While the file is lent, every other read or write waits for it.
 */
export class BrowserWorkbook implements WorkbookBackend {
  private free: Promise<void> = Promise.resolve();
  private gone: string | null = null;

  private constructor(
    private file: FileBackend,
    readonly label: string,
  ) {}

  static async open(bytes: ArrayBuffer | Uint8Array, name: string): Promise<BrowserWorkbook> {
    return new BrowserWorkbook(await FileBackend.open(bytes, name), name);
  }

  /** Whether the file is lent to a worker now. */
  lent = false;

  private async use<T>(f: (b: FileBackend) => Promise<T>): Promise<T> {
    await this.free;
    if (this.gone) throw new Error(this.gone);
    return f(this.file);
  }

  /** The current workbook as .xlsx bytes, for download. */
  bytes(): Uint8Array {
    if (this.gone) throw new Error(this.gone);
    if (this.lent) throw new Error("Month end is using the workbook; download it when the run is done.");
    return this.file.bytes();
  }

  /**
   * Lends the file to a worker: its bytes now (to transfer), the workbook's
   * operations waiting until it is given back. Bytes are built here only when
   * the file was edited in this browser since it was opened or last lent.
   */
  async lend(): Promise<Loan> {
    await this.free;
    if (this.gone) throw new Error(this.gone);
    let release: () => void = () => undefined;
    this.free = new Promise<void>((r) => (release = r));
    this.lent = true;
    let done = false;
    const finish = () => {
      done = true;
      this.lent = false;
      release();
    };
    try {
      const file = toTransfer(this.file.bytes());
      return {
        file,
        name: this.label,
        giveBack: async (back) => {
          if (done) return;
          try {
            this.file = await FileBackend.open(fromTransfer(back), this.label);
          } catch (e) {
            this.gone = `The workbook in this browser could not be taken back from the month-end worker (${e instanceof Error ? e.message : String(e)}); open the file again.`;
          }
          finish();
        },
        lost: (reason) => {
          if (done) return;
          this.gone = `The workbook in this browser was lost: ${reason}. Open the file again.`;
          finish();
        },
      };
    } catch (e) {
      finish();
      throw e;
    }
  }

  dateSystem(): Promise<DateSystem> {
    return this.use((b) => b.dateSystem());
  }

  readBlock(kind: ContractKind): Promise<CellBlock | null> {
    return this.use((b) => b.readBlock(kind));
  }

  writeSchedule(rows: ScheduleRow[]): Promise<void> {
    return this.use((b) => b.writeSchedule(rows));
  }

  writeBlock(kind: ContractKind, cells: OutCell[][]): Promise<void> {
    return this.use((b) => b.writeBlock(kind, cells));
  }

  readSheetValues(name: string): Promise<OutCell[][] | null> {
    return this.use((b) => b.readSheetValues(name));
  }

  writeSheets(models: SheetModel[]): Promise<void> {
    return this.use((b) => b.writeSheets(models));
  }
}
