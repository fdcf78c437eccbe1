import { OfficeMockObject } from "office-addin-mock";

// office-addin-mock imports office-addin-manifest only for its host names; the real one pulls in ES modules
// jest cannot load, so the names stand in for it.
jest.mock("office-addin-manifest", () => ({ OfficeApp: { Excel: "excel", OneNote: "onenote", Outlook: "outlook", PowerPoint: "powerpoint", Project: "project", Word: "word" } }));
import { readOfficeBlock } from "../../src/workbook/office/officeBlocks";
import { OfficeBackend } from "../../src/workbook/office/officeBackend";
import { readSchedule } from "../../src/workbook/contract";

/** An Excel workbook with a FeeSchedule table at B3 on sheet "Rates", as office-addin-mock objects (load and sync enforced). */
function excelWith(values: unknown[][]) {
  const selected: string[] = [];
  // Objects that methods return live on the mock as properties and are returned through `this`,
  // so office-addin-mock wraps them too and checks that each property is loaded and synced before use.
  const data = {
    context: {
      workbook: {
        tables: {
          feeTable: { isNullObject: false, worksheet: { name: "Rates", id: "{R1}" }, range: { values, rowIndex: 2, columnIndex: 1, rowCount: values.length, columnCount: (values[0] ?? []).length }, getRange: function () { return this.range; } },
          noTable: { isNullObject: true },
          getItemOrNullObject: function (name: string) { return name === "FeeSchedule" ? this.feeTable : this.noTable; },
        },
        worksheets: {
          accruals: { name: "Accruals 2024-01", activate: () => undefined, getRange: (address: string) => ({ select: () => selected.push(address) }) },
          noSheet: { isNullObject: true },
          getItemOrNullObject: function () { return this.noSheet; },
          getItem: function () { return this.accruals; },
        },
      },
    },
    run: async function <T>(callback: (context: unknown) => Promise<T>): Promise<T> {
      return callback(this.context);
    },
  };
  const mock = new OfficeMockObject(data) as unknown as { context: Excel.RequestContext & Record<string, never>; run: typeof Excel.run };
  // In Office, isNullObject is readable after any sync without a load; the mock wants a load, so it gets one here.
  const wb = mock.context.workbook as unknown as Record<string, Record<string, { load: (p: string) => void }>>;
  for (const o of [wb.tables.feeTable, wb.tables.noTable, wb.worksheets.noSheet]) o.load("isNullObject");
  return { mock, selected, ready: mock.context.sync() };
}

describe("the Office.js backend (office-addin-mock)", () => {
  it("reads the FeeSchedule table where it is, with worksheet rows and columns for messages", async () => {
    const { mock, ready } = excelWith([
      ["Portfolio", "Effective From", "Breakpoint", "Annual Rate"],
      ["MetLife Growth Strategy Portfolio", 38292, 0, 0.001],
    ]);
    await ready;
    const block = await readOfficeBlock(mock.context, "schedule");
    expect(block).toMatchObject({ sheet: "Rates", worksheetId: "{R1}", headerRow: 3, firstColumn: 1, rows: [["MetLife Growth Strategy Portfolio", 38292, 0, 0.001]] });
    expect(readSchedule(block!).schedule.portfolios[0].versions[0].tiers[0].rate.toString()).toBe("0.001");
  });

  it("reports a bad cell at its worksheet row and column letter", async () => {
    const { mock, ready } = excelWith([
      ["Portfolio", "Effective From", "Breakpoint", "Annual Rate"],
      ["Fund A", "soon", 0, 0.001],
    ]);
    await ready;
    const block = await readOfficeBlock(mock.context, "schedule");
    expect(() => readSchedule(block!)).toThrow('sheet "Rates", row 4, column "Effective From" (C): is not a date: "soon"');
  });

  it("takes the user to a portfolio's rows in the Accruals sheet", async () => {
    const { mock, selected } = excelWith([["Portfolio"]]);
    (globalThis as unknown as { Excel: unknown }).Excel = mock;
    await new OfficeBackend().showRows("Accruals 2024-01", 33, 63);
    expect(selected).toEqual(["A33:G63"]);
  });
});
