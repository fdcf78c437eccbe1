import ExcelJS from "exceljs";
import { Dec, parseIsoDate } from "../../src/engine";
import { readSubAdvisoryRows, readWaivers } from "../../src/workbook/arrangements";
import { FileBackend, blankWorkbook } from "../../src/workbook/xlsx/fileBackend";
import { subAdvisoryCells, waiverCells } from "../../src/taskpane/features/schedule/arrangementDraft";

const d = (s: string) => parseIsoDate(s);

describe("the task pane's arrangement editors write through the file backend", () => {
  it("creates a Fee Waivers sheet with a FeeWaivers table that month end reads back", async () => {
    const b = await FileBackend.open(await blankWorkbook(), "new.xlsx");
    const rows = ["0.0095", "0.009"].map((r, i) => ({ portfolio: "Fund W", from: d("2016-01-15"), to: d("2017-04-30"), breakpoint: new Dec(i ? 250e6 : 0), rate: new Dec(r) }));
    await b.writeBlock("waivers", waiverCells(rows, 1900));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(b.bytes()) as unknown as ExcelJS.Buffer);
    const table = wb.getWorksheet("Fee Waivers")!.getTables()[0] as unknown as { table: { name: string; tableRef: string } };
    expect(table.table).toMatchObject({ name: "FeeWaivers", tableRef: "A1:E3" });
    const w = readWaivers((await b.readBlock("waivers"))!);
    expect(w.portfolios[0].periods.map((p) => [p.from, p.to, p.tiers.map((t) => t.rate.toString())])).toEqual([[d("2016-01-15"), d("2017-04-30"), ["0.0095", "0.009"]]]);
  });

  it("a Sub-Advisory Schedule without the optional Group column is saved without one while no version names a group; a group asks for the column", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Sub-Advisory Schedule");
    ws.addRow(["Portfolio", "Sub-Adviser", "Effective From", "Breakpoint", "Annual Rate", "Comment"]);
    ws.addRow(["Fund S", "Old LLC", new Date(Date.UTC(2010, 0, 1)), 0, 0.004, "kept"]);
    const b = await FileBackend.open((await wb.xlsx.writeBuffer()) as ArrayBuffer, "sub.xlsx");
    const row = { portfolio: "Fund S", subAdviser: "New LLC", effectiveFrom: d("2011-01-01"), breakpoint: new Dec(0), rate: new Dec("0.0041"), group: null };
    await b.writeBlock("subAdvisory", subAdvisoryCells([row], 1900));
    const back = readSubAdvisoryRows((await b.readBlock("subAdvisory"))!);
    expect(back.map((r) => [r.subAdviser, r.effectiveFrom, r.rate.toString(), r.group])).toEqual([["New LLC", d("2011-01-01"), "0.0041", null]]);
    expect((await b.readSheetValues("Sub-Advisory Schedule"))![1][5].value).toBe("kept");
    await expect(b.writeBlock("subAdvisory", subAdvisoryCells([{ ...row, group: "Growth" }], 1900))).rejects.toThrow('no column "Group" in the header; add one to save its values');
    // Nothing was half-written: the sheet still holds the previous save.
    expect(readSubAdvisoryRows((await b.readBlock("subAdvisory"))!).map((r) => r.subAdviser)).toEqual(["New LLC"]);
  });
});
