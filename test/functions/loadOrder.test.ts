import { call, loadFunctions } from "./loadFunctions";
import { FakeSheet, fakeOffice } from "./fakeExcel";

// dist/functions.js is loaded the way Excel loads it. Office.js defines `Excel` only after its host script has
// loaded: after the page's scripts (functions.js among them) have been evaluated, and before Office.onReady fires.

const GROWTH = "MetLife Growth Strategy Portfolio";
const scheduleSheet = (): FakeSheet => ({
  id: "{S1}",
  name: "Fee Schedule",
  values: [
    ["Portfolio", "Effective From", "Breakpoint", "Annual Rate"],
    [GROWTH, 38292, 0, 0.001],
  ],
  text: [
    ["Portfolio", "Effective From", "Breakpoint", "Annual Rate"],
    [GROWTH, "2004-11-01", "0.00", "0.10%"],
  ],
});
const reportSheet = (): FakeSheet => ({
  id: "{S2}",
  name: "Report",
  values: [["Rate", "Fee"], [0.001, 42349.73]],
  formulas: [
    ["Rate", "Fee"],
    [`=FEE.RATE("${GROWTH}")`, "=SUM(1,2)"],
  ],
});

describe("load order: dist/functions.js as Excel loads it", () => {
  it("(a) no Office at all (JavaScript-only runtime): a portfolio name is #N/A at once", () => {
    const { fns } = loadFunctions();
    expect(call(() => fns.RATE(GROWTH, null, null))).toMatchObject({ code: "#N/A" });
  });

  it("(b) Office present, Excel defined only after evaluation and before onReady: names resolve, handlers are registered", async () => {
    const office = fakeOffice([scheduleSheet(), reportSheet()]);
    const { fns, context } = loadFunctions({ Office: office.Office, ...office.clock });
    expect(office.calls.runs).toBe(0);
    const pending = fns.RATE(GROWTH, null, null) as Promise<number>;
    expect(typeof pending.then).toBe("function");
    context.Excel = office.Excel; // Office.js's host script has loaded
    await office.fireReady();
    await expect(pending).resolves.toBe(0.001);
    expect(fns.RATE(GROWTH, null, null)).toBe(0.001);
    expect(office.handlers.onChanged).toHaveLength(1);
    expect(office.handlers.onAdded).toHaveLength(1);
    expect(office.handlers.onDeleted).toHaveLength(1);
  });

  it("(c) Office and Excel both present from the start: the same", async () => {
    const office = fakeOffice([scheduleSheet()]);
    const { fns } = loadFunctions({ Office: office.Office, Excel: office.Excel, ...office.clock });
    expect(office.calls.runs).toBe(0); // nothing is read before onReady
    const pending = fns.RATE(GROWTH, null, null) as Promise<number>;
    await office.fireReady();
    await expect(pending).resolves.toBe(0.001);
    expect(office.handlers.onChanged).toHaveLength(1);
  });

  it("Office outside Excel (onReady with no host): empty schedule, ready at once, nothing read", async () => {
    const office = fakeOffice([scheduleSheet()]);
    const { fns } = loadFunctions({ Office: office.Office, ...office.clock });
    const pending = (fns.RATE(GROWTH, null, null) as Promise<number>).catch((e) => e);
    await office.fireReady(null);
    await expect(pending).resolves.toMatchObject({ code: "#N/A" });
    expect(office.calls.runs).toBe(0);
  });
});

describe("after a failed or late load", () => {
  it("a load that times out answers with an error; when a later read succeeds, the FEE formulas are recalculated", async () => {
    const office = fakeOffice([scheduleSheet(), reportSheet()], { failRuns: 1 });
    const { fns } = loadFunctions({ Office: office.Office, Excel: office.Excel, ...office.clock });
    const pending = fns.RATE(GROWTH, null, null) as Promise<number>;
    await office.runTimers((ms) => ms === 15000); // the 15-second limit passes before Excel is ready
    await expect(pending).rejects.toMatchObject({ code: "#VALUE!", message: expect.stringContaining("did not load in time") });
    await office.fireReady(); // the first read fails (the workbook is busy)...
    expect(office.calculated).toEqual([]);
    await office.runTimers(); // ...and the retry succeeds
    expect(fns.RATE(GROWTH, null, null)).toBe(0.001);
    expect(office.calculated).toEqual(["Report!A2"]); // only the FEE formula, not =SUM(1,2)
    expect(office.calls.applicationCalculate).toBe(0);
  });
});

describe("recalculate only what needs it", () => {
  async function loaded(manual = false) {
    const office = fakeOffice([scheduleSheet(), reportSheet()], { manual });
    const { fns } = loadFunctions({ Office: office.Office, Excel: office.Excel, ...office.clock });
    await office.fireReady();
    return { office, fns };
  }

  it("an edit of the Fee Schedule sheet reloads the schedule and recalculates the FEE formulas only", async () => {
    const { office, fns } = await loaded();
    office.book.sheets[0].values[1][3] = 0.002;
    await office.emit("onChanged", "{S1}");
    await office.emit("onChanged", "{S1}");
    await office.runTimers();
    expect(fns.RATE(GROWTH, null, null)).toBe(0.002);
    expect(office.calculated).toEqual(["Report!A2"]);
    expect(office.calls.applicationCalculate).toBe(0);
  });

  it("month-end sheets added and written, and other sheets edited or deleted, reload nothing", async () => {
    const { office } = await loaded();
    const reads = office.calls.reads;
    office.book.sheets.push({ id: "{S3}", name: "Recon 2024-01", values: [["Portfolio"]] }, { id: "{S4}", name: "Accruals 2024-01", values: [["Date"]] });
    await office.emit("onAdded", "{S3}");
    await office.emit("onAdded", "{S4}");
    await office.emit("onChanged", "{S3}");
    await office.emit("onChanged", "{S4}");
    await office.emit("onChanged", "{S2}");
    await office.emit("onDeleted", "{S9}");
    await office.runTimers();
    expect(office.calls.reads).toBe(reads);
    expect(office.calculated).toEqual([]);
  });

  it("a FeeSchedule table made on another sheet is found and loaded", async () => {
    const { office, fns } = await loaded();
    office.book.sheets.push({ id: "{S5}", name: "Rates", values: [["Portfolio", "Effective From", "Breakpoint", "Annual Rate"], [GROWTH, 38292, 0, 0.003]] });
    office.book.table = { name: "FeeSchedule", sheetId: "{S5}" };
    await office.emit("onChanged", "{S5}");
    await office.runTimers();
    expect(fns.RATE(GROWTH, null, null)).toBe(0.003);
  });

  it("deleting the Fee Schedule sheet empties the schedule", async () => {
    const { office, fns } = await loaded();
    office.book.sheets.splice(0, 1);
    await office.emit("onDeleted", "{S1}");
    await office.runTimers();
    expect(call(() => fns.RATE(GROWTH, null, null))).toMatchObject({ code: "#N/A" });
  });

  it("in manual calculation mode nothing is calculated (the user's F9 is respected)", async () => {
    const { office, fns } = await loaded(true);
    office.book.sheets[0].values[1][3] = 0.002;
    await office.emit("onChanged", "{S1}");
    await office.runTimers();
    expect(fns.RATE(GROWTH, null, null)).toBe(0.002);
    expect(office.calculated).toEqual([]);
    expect(office.calls.applicationCalculate).toBe(0);
  });
});

describe("1904 date system, told from the cells' text", () => {
  it("a workbook showing 2004-11-01 for serial 36830 is in the 1904 system", async () => {
    const sheet = scheduleSheet();
    sheet.values[1][1] = 38292 - 1462;
    const office = fakeOffice([sheet]);
    const { fns } = loadFunctions({ Office: office.Office, Excel: office.Excel, ...office.clock });
    await office.fireReady();
    // FEE.SCHEDULE gives Effective From back as a serial of the workbook's own system.
    expect(fns.SCHEDULE(null)).toEqual([
      ["Portfolio", "Effective From", "Breakpoint", "Annual Rate"],
      [GROWTH, 38292 - 1462, 0, 0.001],
    ]);
    // A date argument is read in that system too: 2024-01-31 is serial 45322 - 1462.
    expect(fns.RATE(GROWTH, 45322 - 1462, null)).toBe(0.001);
    expect(call(() => fns.RATE(GROWTH, 38291 - 1462, null))).toMatchObject({ code: "#N/A", message: expect.stringContaining("2004-10-31") });
  });
});
