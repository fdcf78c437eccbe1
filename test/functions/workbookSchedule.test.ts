import { call, loadFunctions } from "./loadFunctions";
import { fakeOffice } from "./fakeExcel";

const HEADER = ["Portfolio", "Effective From", "Breakpoint", "Annual Rate"];
const SCHEDULE = [HEADER, ["MetLife Balanced Strategy Portfolio", 38292, 0, 0.001], ["MetLife Balanced Strategy Portfolio", 45323, 0, "0.12%"]];

/** The bundle loaded as Excel loads it: Office first, Excel defined before onReady fires. */
function inExcel(values: unknown[][]) {
  const office = fakeOffice([{ id: "{S1}", name: "Fee Schedule", values }]);
  const { fns, context } = loadFunctions({ Office: office.Office, ...office.clock });
  const ready = async () => {
    context.Excel = office.Excel;
    await office.fireReady();
  };
  return { fns, ready };
}

describe("portfolio names in Excel", () => {
  it("wait for the workbook's schedule, then resolve against it with its effective dates", async () => {
    const { fns, ready } = inExcel(SCHEDULE);
    const pending = fns.RATE("MetLife Balanced Strategy Portfolio", 45322, null);
    expect(typeof (pending as Promise<number>).then).toBe("function");
    // Rate-by-number needs no schedule: synchronous even while loading.
    expect(fns.PRORATE(3100, 45292, 45306, null)).toBe(1700);
    await ready();
    await expect(pending).resolves.toBe(0.001);
    // Loaded: answers are synchronous now; the amendment from 2024-02-01 (serial 45323) applies from its date.
    expect(fns.RATE("metlife balanced strategy portfolio", 45323, null)).toBe(0.0012);
    // January 2024 at 0.10% then February at 0.12%, from an average of 500m over both months.
    expect(fns.MGMTFEE([["MetLife Balanced Strategy Portfolio"]], 500000000, 45292, 45351, null)).toBe(89890.71); // 500m x (31 x 0.10% + 29 x 0.12%) / 366 = 89,890.7104, rounded once
    const missing = call(() => fns.RATE("MetLife Growth Strategy Portfolio", null, null)) as { code: string; message: string };
    expect(missing.code).toBe("#N/A");
  });

  it("a schedule with problems gives #VALUE! naming the first problem, not a wrong number", async () => {
    const { fns, ready } = inExcel([HEADER, ["Fund A", 45292, 100, 0.001]]);
    const pending = (fns.RATE("Fund A", null, null) as Promise<number>).catch((e) => e);
    await ready();
    await expect(pending).resolves.toMatchObject({ code: "#VALUE!", message: expect.stringContaining("the first tier must start at breakpoint 0") });
  });
});
