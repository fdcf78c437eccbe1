// FEE.WAIVER, FEE.GROUPFEE, and ACCRUE / MGMTFEE with a portfolio name after the workbook's Fee Waivers: the two
// worked cases of the waiver and sub-advisory issue (hand working in test/vectors/waivers-subadvisory.json).
import { FakeSheet, fakeOffice } from "./fakeExcel";
import { call, loadFunctions } from "./loadFunctions";

const serial = (iso: string) => {
  const [y, m, d] = iso.split("-").map(Number);
  return (Date.UTC(y, m - 1, d) - Date.UTC(1899, 11, 30)) / 86400000;
};
const col = (xs: unknown[]) => xs.map((x) => [x]);
const BP = [0, 250e6, 500e6, 1e9];
const FEE = [0.0105, 0.01, 0.0085, 0.0075];
const WAIVED = [0.0095, 0.009, 0.008, 0.0075];
const SCHEDULE = [["Portfolio", "Effective From", "Breakpoint", "Annual Rate"], ...FEE.map((r, i) => ["Fund", serial("2010-01-01"), BP[i], r]), ["Other", serial("2010-01-01"), 0, 0.005]];
const waiverRows = (from: string, to: string) => WAIVED.map((r, i) => ["Fund", serial(from), serial(to), BP[i], r]);
const navs = col([600e6]);
const dates = col([serial("2015-12-31")]);
const jan1 = serial("2016-01-01");
const jan31 = serial("2016-01-31");

function inExcel(waivers: unknown[][]) {
  const sheets: FakeSheet[] = [
    { id: "{S1}", name: "Fee Schedule", values: SCHEDULE },
    { id: "{S2}", name: "Fee Waivers", values: [["Portfolio", "Waiver From", "Waiver To", "Breakpoint", "Annual Rate"], ...waivers] },
  ];
  const office = fakeOffice(sheets);
  const { fns, context } = loadFunctions({ Office: office.Office, ...office.clock });
  const ready = async () => {
    context.Excel = office.Excel;
    await office.fireReady();
  };
  return { fns, ready };
}

describe("the workbook's Fee Waivers in the functions (case 1)", () => {
  it("ACCRUE and MGMTFEE with the portfolio's name give the fee payable; WAIVER gives the waiver; DAILY and PERIOD rounding", async () => {
    const { fns, ready } = inExcel(waiverRows("2016-01-15", "2017-04-30"));
    const pending = fns.WAIVER("Fund", navs, dates, jan1, jan31, null, null, null);
    await ready();
    await expect(pending).resolves.toBe(25546.58);
    expect(fns.ACCRUE([["Fund"]], navs, dates, jan1, jan31, null, null, null)).toBe(480532.76);
    expect(fns.ACCRUE([["Fund"]], navs, dates, jan1, jan31, null, "PERIOD", null)).toBe(480532.79);
    expect(fns.WAIVER("Fund", navs, dates, jan1, jan31, null, "PERIOD", null)).toBe(25546.44);
    // From the average: (14 x 5,975,000 + 17 x 5,425,000) / 366 = 480,532.79, rounded once.
    expect(fns.MGMTFEE([["Fund"]], 600e6, jan1, jan31, null)).toBe(480532.79);
    // The same tiers as a range are a bare rate, with no waivers: the gross fee.
    const range = [["Breakpoint", "Annual Rate"], ...FEE.map((r, i) => [BP[i], r])];
    expect(fns.ACCRUE(range, navs, dates, jan1, jan31, null, null, null)).toBe(506079.34);
    // A portfolio without waivers waives nothing.
    expect(fns.WAIVER("Other", navs, dates, jan1, jan31, null, null, null)).toBe(0);
  });

  it("a waiver ending mid-month applies by day", async () => {
    const { fns, ready } = inExcel(waiverRows("2015-05-01", "2016-04-15"));
    await ready();
    const apr = [serial("2016-04-01"), serial("2016-04-30")] as const;
    expect(fns.WAIVER("Fund", navs, dates, ...apr, null, null, null)).toBe(22541.1);
    expect(fns.ACCRUE([["Fund"]], navs, dates, ...apr, null, null, null)).toBe(467213.1);
    expect(fns.WAIVER("Fund", navs, dates, ...apr, null, "PERIOD", null)).toBe(22540.99);
  });

  it("overlapping waiver periods are #VALUE! naming both rows, for formulas that would use them", async () => {
    const { fns, ready } = inExcel([...waiverRows("2016-01-15", "2017-04-30"), ["Fund", serial("2017-04-30"), serial("2018-04-30"), 0, 0.009]]);
    await ready();
    expect(call(fns.ACCRUE, [["Fund"]], navs, dates, jan1, jan31, null, null, null)).toEqual({
      code: "#VALUE!",
      message:
        `the workbook's Fee Waivers cannot be used: sheet "Fee Waivers", row 6, column "Waiver From": ` +
        "Fund: waiver periods overlap: rows 2 and 6 (2016-01-15 to 2017-04-30 and 2017-04-30 to 2018-04-30); one day can be under one waiver only.",
    });
    expect(fns.ACCRUE([[0.001]], navs, dates, jan1, jan31, null, null, null)).toBe(50819.54); // a bare rate does not need them: 31 x 1,639.34 (600,000 / 366)
  });

  it("WAIVER needs a portfolio of the Fee Schedule", async () => {
    const { fns, ready } = inExcel([]);
    await ready();
    expect(call(fns.WAIVER, "Nobody", navs, dates, jan1, jan31, null, null, null)).toMatchObject({ code: "#N/A" });
  });
});

describe("FEE.GROUPFEE (case 2), outside Excel", () => {
  const { fns } = loadFunctions();
  const tiers = [["Breakpoint", "Annual Rate"], [0, 0.0041], [100e6, 0.0039], [250e6, 0.0038], [500e6, 0.0037], [750e6, 0.0036]];
  const jun1 = serial("2011-06-01");
  const jun30 = serial("2011-06-30");
  it("prices a $300M portfolio at the effective rate of a $2,300M then $2,400M group: 90,551.55 (PERIOD 90,551.67)", () => {
    const d = col([serial("2011-05-31"), serial("2011-06-16")]);
    expect(fns.GROUPFEE(tiers, col([300e6, 300e6]), col([2300e6, 2400e6]), d, jun1, jun30, null, null, null)).toBe(90551.55);
    expect(fns.GROUPFEE(tiers, col([300e6, 300e6]), col([2300e6, 2400e6]), d, jun1, jun30, null, "PERIOD", null)).toBe(90551.67);
    expect(fns.GROUPFEE(tiers, col([300e6, 300e6]), col([2300e6, 2400e6]), d, jun1, jun1, null, null, null)).toBe(3019.65);
  });
  it("takes each day's group assets under nav_timing: PRIOR_DAY prices 16 June on the 15th's", () => {
    const d = col([serial("2011-05-31"), serial("2011-06-15")]);
    expect(fns.GROUPFEE(tiers, col([300e6, 300e6]), col([2300e6, 2400e6]), d, jun1, jun30, null, null, "PRIOR_DAY")).toBe(90551.55);
  });
  it("with the group equal to the portfolio, it is the plain accrual; a group below the portfolio is #VALUE!", () => {
    const d = col([serial("2011-05-31")]);
    expect(fns.GROUPFEE(tiers, col([300e6]), col([300e6]), d, jun1, jun30, null, null, null)).toBe(fns.ACCRUE(tiers, col([300e6]), d, jun1, jun30, null, null, null));
    expect(call(fns.GROUPFEE, tiers, col([300e6]), col([200e6]), d, jun1, jun30, null, null, null)).toMatchObject({ code: "#VALUE!", message: expect.stringContaining("group_net_assets is below the portfolio's own net assets") });
  });
});
