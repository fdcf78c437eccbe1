import { DateSystem, ScheduleRow, toExcelSerial } from "../../src/engine";
import { WorkbookBackend } from "../../src/workbook/backend";
import { Cell } from "../../src/workbook/cells";
import { CellBlock, ContractKind } from "../../src/workbook/contract";
import { OutCell, SheetModel } from "../../src/workbook/reconSheets";

/** An in-memory workbook for component tests: the schedule as cells, and a log of writes. */
export class FakeBackend implements WorkbookBackend {
  readonly label = "fake.xlsx";
  schedule: Cell[][] | null;
  writes: ScheduleRow[][] = [];
  constructor(schedule: Cell[][] | null) {
    this.schedule = schedule;
  }
  async dateSystem(): Promise<DateSystem> {
    return 1900;
  }
  async readBlock(kind: ContractKind): Promise<CellBlock | null> {
    if (kind !== "schedule" || !this.schedule) return null;
    return { sheet: "Fee Schedule", headerRow: 1, firstColumn: 0, header: ["Portfolio", "Effective From", "Breakpoint", "Annual Rate"], rows: this.schedule.map((r) => [...r]) };
  }
  async writeSchedule(rows: ScheduleRow[]): Promise<void> {
    this.writes.push(rows);
    this.schedule = rows.map((r) => [r.portfolio, toExcelSerial(r.effectiveFrom), r.breakpoint.toNumber(), r.rate.toNumber()]);
  }
  async readSheetValues(): Promise<OutCell[][] | null> {
    return null;
  }
  async writeSheets(_models: SheetModel[]): Promise<void> {}
}
