// Net-asset timing, Fee Settings and service periods in the FEE functions, with the worked example.
import { readFileSync } from "fs";
import { join } from "path";
import { NAV_TIMINGS, NOTICE_RULES } from "../../src/engine";
import { FUNCTION_SPECS } from "../../src/functions/spec";
import { FakeSheet, fakeOffice } from "./fakeExcel";
import { call, loadFunctions } from "./loadFunctions";

const serial = (iso: string) => {
  const [y, m, d] = iso.split("-").map(Number);
  return (Date.UTC(y, m - 1, d) - Date.UTC(1899, 11, 30)) / 86400000;
};
const col = (xs: unknown[]) => xs.map((x) => [x]);
// 0.10% of the first $500M, 0.075% to $1B, 0.05% above. Thu 28 Feb 2008 $1.20B, Fri 29 Feb $1.25B, Mon 3 Mar $1.30B.
const tiers = [["Breakpoint", "Annual Rate"], [0, 0.001], [500000000, 0.00075], [1000000000, 0.0005]];
const navs = col([1200000000, 1250000000, 1300000000]);
const dates = col([serial("2008-02-28"), serial("2008-02-29"), serial("2008-03-03")]);
const feb29 = serial("2008-02-29");
const mar1 = serial("2008-03-01");
const mar3 = serial("2008-03-03");

describe("nav_timing in the functions (outside Excel: no workbook settings)", () => {
  const { fns } = loadFunctions();
  it("ACCRUE: PRIOR_DAY 29 Feb 2,663.93 and 1-3 Mar 8,196.72; SAME_DAY (the default) 2,732.24 and 8,265.03", () => {
    expect(fns.ACCRUE(tiers, navs, dates, feb29, feb29, null, null, "PRIOR_DAY")).toBe(2663.93);
    expect(fns.ACCRUE(tiers, navs, dates, mar1, mar3, null, null, "PRIOR_DAY")).toBe(8196.72);
    expect(fns.ACCRUE(tiers, navs, dates, feb29, feb29, null, null, null)).toBe(2732.24);
    expect(fns.ACCRUE(tiers, navs, dates, mar1, mar3, null, null, 0)).toBe(8265.03);
    expect(fns.ACCRUE(tiers, navs, dates, mar1, mar3, null, null, "t-1")).toBe(8196.72);
  });
  it("ADNA and DAILY take it too: PRIOR_DAY's days and NAV values", () => {
    expect(fns.ADNA(navs, dates, null, mar3, "PRIOR_DAY")).toBe(1237500000); // (1.20 + 3 x 1.25) / 4
    expect(fns.ADNA(navs, dates, null, mar3, null)).toBe(1250000000); // (1.20 + 3 x 1.25 + 1.30) / 5
    const table = fns.DAILY(tiers, navs, dates, null, null, null, "PRIOR_DAY") as unknown[][];
    expect(table.slice(1).map((r) => [r[0], r[1], r[3]])).toEqual([
      [feb29, 1200000000, 2663.93],
      [mar1, 1250000000, 2732.24],
      [serial("2008-03-02"), 1250000000, 2732.24],
      [mar3, 1250000000, 2732.24],
    ]);
  });
  it("an unknown timing is #VALUE! naming the argument and the choices", () => {
    expect(call(fns.ACCRUE, tiers, navs, dates, null, null, null, null, "NEXT_DAY")).toEqual({ code: "#VALUE!", message: 'nav_timing is not a known net-asset timing: "NEXT_DAY"; use SAME_DAY or PRIOR_DAY' });
  });
  it("TERMINATION: notice plus 60 days (Trust), 90 (Manager), or the days agreed", () => {
    expect(fns.TERMINATION(serial("2006-03-10"), "TRUST", null)).toBe(serial("2006-05-09"));
    expect(fns.TERMINATION("2006-03-10", "manager", null)).toBe(serial("2006-06-08"));
    expect(fns.TERMINATION(serial("2006-03-10"), "TRUST", 30)).toBe(serial("2006-04-09"));
    expect(call(fns.TERMINATION, serial("2006-03-10"), "CUSTODIAN", null)).toMatchObject({ code: "#VALUE!", message: expect.stringContaining("given_by is not a party that can give notice") });
    expect(call(fns.TERMINATION, serial("2006-03-10"), "TRUST", 2.5)).toMatchObject({ code: "#VALUE!", message: expect.stringContaining("notice_days") });
    expect(call(fns.TERMINATION, null, "TRUST", null)).toMatchObject({ code: "#VALUE!", message: "notice_date is required" });
  });
});

describe("functions.json dropdowns come from the engine's registries", () => {
  const metadata = JSON.parse(readFileSync(join(__dirname, "..", "..", "dist", "functions.json"), "utf8"));
  const values = (id: string) => metadata.enums.find((e: { id: string }) => e.id === id).values.map((v: { stringValue: string }) => v.stringValue);
  it("NavTiming and NoticeParty", () => {
    expect(values("NavTiming")).toEqual(Object.keys(NAV_TIMINGS));
    expect(values("NoticeParty")).toEqual(Object.keys(NOTICE_RULES));
    for (const id of ["ACCRUE", "ADNA", "DAILY"] as const) {
      const f = metadata.functions.find((x: { id: string }) => x.id === id);
      const i = FUNCTION_SPECS[id].args.findIndex((a) => a.kind === "navTiming");
      expect([f.parameters.length - 1, f.parameters[i].name, f.parameters[i].customEnumId]).toEqual([i, "nav_timing", "NavTiming"]);
    }
  });
});

describe("the workbook's Fee Settings and Agreements, in Excel", () => {
  const SCHEDULE = [
    ["Portfolio", "Effective From", "Breakpoint", "Annual Rate"],
    ["Fund", serial("2005-04-30"), 0, 0.001],
    ["Fund", serial("2005-04-30"), 500000000, 0.00075],
    ["Fund", serial("2005-04-30"), 1000000000, 0.0005],
  ];
  function inExcel(settings: unknown[][] | null, agreements: unknown[][] | null = null) {
    const sheets: FakeSheet[] = [{ id: "{S1}", name: "Fee Schedule", values: SCHEDULE }];
    if (settings) sheets.push({ id: "{S2}", name: "Fee Settings", values: settings });
    if (agreements) sheets.push({ id: "{S3}", name: "Agreements", values: agreements });
    const office = fakeOffice(sheets);
    const { fns, context } = loadFunctions({ Office: office.Office, ...office.clock });
    const ready = async () => {
      context.Excel = office.Excel;
      await office.fireReady();
    };
    return { fns, ready };
  }

  it("an omitted nav_timing, basis or rounding waits for the workbook, then takes its Fee Settings; an argument wins", async () => {
    const { fns, ready } = inExcel([["Setting", "Value"], ["Net Assets Timing", "PRIOR_DAY"], ["Rounding", "PERIOD"]]);
    const pending = fns.ACCRUE(tiers, navs, dates, mar1, mar3, null, null, null);
    expect(typeof (pending as Promise<number>).then).toBe("function");
    // Everything given: no need to wait.
    expect(fns.ACCRUE(tiers, navs, dates, mar1, mar3, "ACT/ACT", "DAILY", "SAME_DAY")).toBe(8265.03);
    await ready();
    // PRIOR_DAY and PERIOD: 3 x 1,000,000 / 366 = 8,196.7213 -> 8,196.72.
    await expect(pending).resolves.toBe(8196.72);
    expect(fns.ACCRUE(tiers, navs, dates, feb29, feb29, null, null, null)).toBe(2663.93);
    expect(fns.ACCRUE(tiers, navs, dates, feb29, feb29, null, null, "SAME_DAY")).toBe(2732.24);
    expect(fns.ADNA(navs, dates, null, mar3, null)).toBe(1237500000);
  });

  it("a bad Fee Settings row is #VALUE! naming it, for the formulas that would use it", async () => {
    const { fns, ready } = inExcel([["Setting", "Value"], ["Net Asset Timing", "PRIOR_DAY"]]);
    await ready();
    expect(call(fns.ACCRUE, tiers, navs, dates, mar1, mar3, null, null, null)).toEqual({
      code: "#VALUE!",
      message: `the workbook's Fee Settings cannot be used: sheet "Fee Settings", row 2, column "Setting" (A): "Net Asset Timing" is not a known setting; use Net Assets Timing, Day Count, Rounding, Tolerance or Initial Term Ends`,
    });
    expect(fns.ACCRUE(tiers, navs, dates, mar1, mar3, "ACT/ACT", "DAILY", "PRIOR_DAY")).toBe(8196.72);
  });

  it("a portfolio name accrues only inside its service period from the Agreements sheet", async () => {
    const { fns, ready } = inExcel(null, [["Portfolio", "Commenced", "Terminated", "Last Approval"], ["Fund", "", serial("2008-03-02"), ""]]);
    await ready();
    // SAME_DAY, through Sunday 2 March: 29 Feb + 1 Mar + 2 Mar at 2,732.24.
    expect(fns.ACCRUE([["Fund"]], navs, dates, feb29, mar3, null, null, null)).toBe(8196.72);
  });
});
