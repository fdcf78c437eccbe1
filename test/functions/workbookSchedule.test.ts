import { call, loadFunctions } from "./loadFunctions";

/** A minimal Office/Excel stand-in: a workbook with a "Fee Schedule" sheet (no table), ready when we say so. */
function fakeOffice(values: unknown[][]) {
  let ready: () => void = () => undefined;
  const onReady = (cb: () => void) => {
    ready = cb;
  };
  const nullObject = { isNullObject: true, load: () => undefined };
  const range = { values, rowIndex: 0, columnIndex: 0, load: () => undefined };
  const sheet = { isNullObject: false, name: "Fee Schedule", getUsedRange: () => range, load: () => undefined };
  const events = { add: () => undefined };
  const context = {
    workbook: {
      tables: { getItemOrNullObject: () => nullObject },
      worksheets: { getItemOrNullObject: (name: string) => (name === "Fee Schedule" ? sheet : nullObject), onAdded: events, onDeleted: events, onChanged: events },
      application: { calculate: () => undefined },
    },
    sync: async () => undefined,
  };
  const Office = { onReady, context: { requirements: { isSetSupported: () => false } } };
  const Excel = { run: async (f: (c: unknown) => Promise<unknown>) => f(context), CalculationType: { full: "Full" } };
  return { Office, Excel, fireReady: () => ready() };
}

const SCHEDULE = [
  ["Portfolio", "Effective From", "Breakpoint", "Annual Rate"],
  ["MetLife Balanced Strategy Portfolio", 38292, 0, 0.001],
  ["MetLife Balanced Strategy Portfolio", 45323, 0, "0.12%"],
];

describe("portfolio names in Excel", () => {
  it("wait for the workbook's schedule, then resolve against it with its effective dates", async () => {
    const office = fakeOffice(SCHEDULE);
    const { fns } = loadFunctions({ Office: office.Office, Excel: office.Excel, setTimeout, clearTimeout });
    const pending = fns.RATE("MetLife Balanced Strategy Portfolio", 45322, null);
    expect(typeof (pending as Promise<number>).then).toBe("function");
    // Rate-by-number needs no schedule: synchronous even while loading.
    expect(fns.PRORATE(3100, 45292, 45306, null)).toBe(1700);
    office.fireReady();
    await expect(pending).resolves.toBe(0.001);
    // Loaded: answers are synchronous now; the amendment from 2024-02-01 (serial 45323) applies from its date.
    expect(fns.RATE("metlife balanced strategy portfolio", 45323, null)).toBe(0.0012);
    // January 2024 at 0.10% then February at 0.12%, from an average of 500m over both months.
    expect(fns.MGMTFEE([["MetLife Balanced Strategy Portfolio"]], 500000000, 45292, 45351, null)).toBe(89890.71); // 500m x (31 x 0.10% + 29 x 0.12%) / 366 = 89,890.7104, rounded once
    const missing = call(() => fns.RATE("MetLife Growth Strategy Portfolio", null, null)) as { code: string; message: string };
    expect(missing.code).toBe("#N/A");
  });

  it("a schedule with problems gives #VALUE! naming the first problem, not a wrong number", async () => {
    const office = fakeOffice([SCHEDULE[0], ["Fund A", 45292, 100, 0.001]]);
    const { fns } = loadFunctions({ Office: office.Office, Excel: office.Excel, setTimeout, clearTimeout });
    const pending = fns.RATE("Fund A", null, null) as Promise<number>;
    office.fireReady();
    await expect(pending).rejects.toMatchObject({ code: "#VALUE!", message: expect.stringContaining("the first tier must start at breakpoint 0") });
  });
});
