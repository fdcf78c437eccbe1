import ExcelJS from "exceljs";
import { Dec, ScheduleRow, parseIsoDate } from "../../src/engine";
import { readSchedule } from "../../src/workbook/contract";
import { FileBackend, blankWorkbook } from "../../src/workbook/xlsx/fileBackend";
import { SCHEDULE_A_PORTFOLIOS } from "../../src/taskpane/features/schedule/draft";

const row = (portfolio: string, from: string, bp: string, rate: string): ScheduleRow => ({ portfolio, effectiveFrom: parseIsoDate(from), breakpoint: new Dec(bp), rate: new Dec(rate) });
const scheduleA = SCHEDULE_A_PORTFOLIOS.map((p) => row(p, "2004-11-01", "0", "0.001"));

async function readWithExcelJs(bytes: Uint8Array) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
  return wb;
}

describe("the file backend", () => {
  it("creates a Fee Schedule sheet holding a FeeSchedule table in a blank workbook", async () => {
    const b = await FileBackend.open(await blankWorkbook(), "new.xlsx");
    expect(await b.readBlock("schedule")).toBeNull();
    await b.writeSchedule(scheduleA);
    const wb = await readWithExcelJs(b.bytes());
    const ws = wb.getWorksheet("Fee Schedule")!;
    const table = ws.getTables()[0] as unknown as { table: { name: string; tableRef: string } };
    expect(table.table.name).toBe("FeeSchedule");
    expect(table.table.tableRef).toBe("A1:D6");
    expect(ws.getCell("A2").value).toBe("MetLife Defensive Strategy Portfolio");
    expect(ws.getCell("B2").value).toEqual(new Date(Date.UTC(2004, 10, 1)));
    expect(ws.getCell("D2").value).toBe(0.001);
    const read = readSchedule((await b.readBlock("schedule"))!);
    expect(read.issues).toEqual([]);
    expect(read.schedule.portfolios.map((p) => p.portfolio)).toEqual(SCHEDULE_A_PORTFOLIOS);
  });

  it("rewrites only the table's four columns: an extra column and cell formatting survive, and the table grows", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Rates");
    ws.addTable({
      name: "FeeSchedule",
      ref: "B3",
      headerRow: true,
      columns: [{ name: "Portfolio" }, { name: "Comment" }, { name: "Effective From" }, { name: "Breakpoint" }, { name: "Annual Rate" }],
      rows: [
        ["Fund A", "board approved 2004", new Date(Date.UTC(2004, 10, 1)), 0, 0.001],
        ["Fund B", "", new Date(Date.UTC(2004, 10, 1)), 0, 0.002],
      ],
    });
    ws.getCell("B4").fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFFFFF00" } };
    ws.getCell("H1").value = "not part of the table";
    const b = await FileBackend.open((await wb.xlsx.writeBuffer()) as ArrayBuffer, "rates.xlsx");
    await b.writeSchedule([row("Fund A", "2004-11-01", "0", "0.001"), row("Fund A", "2024-02-01", "0", "0.0012"), row("Fund A", "2024-02-01", "1000000000", "0.001"), row("Fund B", "2004-11-01", "0", "0.002")]);
    const out = await readWithExcelJs(b.bytes());
    const s = out.getWorksheet("Rates")!;
    const t = s.getTables()[0] as unknown as { table: { tableRef: string } };
    expect(t.table.tableRef).toBe("B3:F7");
    expect(s.getCell("C4").value).toBe("board approved 2004");
    expect((s.getCell("B4").fill as ExcelJS.FillPattern).fgColor?.argb).toBe("FFFFFF00");
    expect(s.getCell("H1").value).toBe("not part of the table");
    expect([5, 6, 7].map((r) => [s.getCell(`B${r}`).value, s.getCell(`E${r}`).value, s.getCell(`F${r}`).value])).toEqual([
      ["Fund A", 0, 0.0012],
      ["Fund A", 1000000000, 0.001],
      ["Fund B", 0, 0.002],
    ]);
    // Shrinking clears the contract cells of the rows left over, and nothing else.
    await b.writeSchedule([row("Fund A", "2004-11-01", "0", "0.001")]);
    const again = (await readWithExcelJs(b.bytes())).getWorksheet("Rates")!;
    expect((again.getTables()[0] as unknown as { table: { tableRef: string } }).table.tableRef).toBe("B3:F4");
    expect(again.getCell("B5").value).toBeNull();
    expect(again.getCell("C4").value).toBe("board approved 2004");
  });
});
