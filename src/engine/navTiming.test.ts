import { accrue } from "./accrue";
import { averageDailyNetAssets } from "./averageDailyNetAssets";
import { formatIso, parseIsoDate } from "./calendarDate";
import { Dec } from "./decimal";
import { NavSeries } from "./navSeries";
import { parseNavTiming, NAV_TIMINGS } from "./navTiming";
import { PortfolioSchedule } from "./schedule";

const d = parseIsoDate;
// The worked example: 0.10% of the first $500M, 0.075% to $1B, 0.05% above; 2008 is a leap year (/366).
// Annual fee on $1.20B = 500,000 + 375,000 + 100,000 = 975,000 -> 975,000 / 366 = 2,663.934 -> 2,663.93 a day.
// On $1.25B = 1,000,000 -> 2,732.240 -> 2,732.24.  On $1.30B = 1,025,000 -> 2,800.546 -> 2,800.55.
const amended: PortfolioSchedule = {
  portfolio: "MetLife Growth Strategy Portfolio",
  versions: [
    {
      effectiveFrom: d("2005-04-30"),
      tiers: [
        { breakpoint: new Dec(0), rate: new Dec("0.001") },
        { breakpoint: new Dec(500_000_000), rate: new Dec("0.00075") },
        { breakpoint: new Dec(1_000_000_000), rate: new Dec("0.0005") },
      ],
    },
  ],
};
const navs = NavSeries.from([
  { date: d("2008-02-28"), netAssets: 1_200_000_000 }, // Thursday
  { date: d("2008-02-29"), netAssets: 1_250_000_000 }, // Friday
  { date: d("2008-03-03"), netAssets: 1_300_000_000 }, // Monday
]);

describe("net-asset timing: the worked example", () => {
  it("PRIOR_DAY prices 29 Feb on Thursday's value and 1-3 March (Sat, Sun, Mon) on Friday's", () => {
    const feb = accrue(amended, navs, d("2008-02-29"), d("2008-02-29"), { navTiming: "PRIOR_DAY" });
    expect(feb.fee.toFixed(2)).toBe("2663.93");
    const mar = accrue(amended, navs, d("2008-03-01"), d("2008-03-03"), { navTiming: "PRIOR_DAY" });
    expect(mar.fee.toFixed(2)).toBe("8196.72"); // 3 x 2,732.24
    expect(mar.days.map((x) => [formatIso(x.date), formatIso(x.navDate), x.accrual.toFixed(2)])).toEqual([
      ["2008-03-01", "2008-02-29", "2732.24"],
      ["2008-03-02", "2008-02-29", "2732.24"],
      ["2008-03-03", "2008-02-29", "2732.24"],
    ]);
    expect(mar.navTiming).toBe("PRIOR_DAY");
  });

  it("SAME_DAY prices 29 Feb on its own value, and Monday on Monday's", () => {
    expect(accrue(amended, navs, d("2008-02-29"), d("2008-02-29")).fee.toFixed(2)).toBe("2732.24");
    const mar = accrue(amended, navs, d("2008-03-01"), d("2008-03-03"), { navTiming: "SAME_DAY" });
    expect(mar.fee.toFixed(2)).toBe("8265.03"); // 2 x 2,732.24 + 2,800.55
    expect(mar.days[2].navDate).toBe(d("2008-03-03"));
  });

  it("the day a portfolio launches (no earlier value) does not accrue under PRIOR_DAY; the average is of the values the accruing days used", () => {
    const r = accrue(amended, navs, d("2008-02-28"), d("2008-03-03"), { navTiming: "PRIOR_DAY" });
    expect(r.accruingDays).toBe(4);
    expect(r.days[0].date).toBe(d("2008-02-29"));
    expect(r.fee.toFixed(2)).toBe("10860.65"); // 2,663.93 + 8,196.72
    // (1.20 + 3 x 1.25) / 4 = 1.2375bn
    expect(r.averageDailyNetAssets!.toString()).toBe("1237500000");
    expect(averageDailyNetAssets(navs, d("2008-02-28"), d("2008-03-03"), "PRIOR_DAY")).toEqual({ average: new Dec("1237500000"), days: 4 });
    // SAME_DAY: (1.20 + 1.25 x 3 + 1.30) / 5 = 1.25bn
    expect(averageDailyNetAssets(navs, d("2008-02-28"), d("2008-03-03")).average!.toString()).toBe("1250000000");
  });

  it("the day after a holiday uses the day before the holiday", () => {
    // Thu 2024-07-04 is a holiday: Wed 07-03 $100m, Fri 07-05 $200m. PRIOR_DAY: the 4th and the 5th use the 3rd.
    const s = NavSeries.from([
      { date: d("2024-07-03"), netAssets: 100_000_000 },
      { date: d("2024-07-05"), netAssets: 200_000_000 },
    ]);
    const r = accrue({ portfolio: "", versions: [{ effectiveFrom: d("2000-01-01"), tiers: [{ breakpoint: new Dec(0), rate: new Dec("0.00366") }] }] }, s, d("2024-07-04"), d("2024-07-06"), {
      navTiming: "PRIOR_DAY",
    });
    // 0.366% of 100m = 366,000 / 366 = 1,000.00 a day; of 200m = 2,000.00.
    expect(r.days.map((x) => [formatIso(x.navDate), x.accrual.toFixed(2)])).toEqual([
      ["2024-07-03", "1000.00"],
      ["2024-07-03", "1000.00"],
      ["2024-07-05", "2000.00"],
    ]);
  });

  it("names and aliases come from one registry", () => {
    expect(Object.keys(NAV_TIMINGS)).toEqual(["SAME_DAY", "PRIOR_DAY"]);
    expect(parseNavTiming("prior day")).toBe("PRIOR_DAY");
    expect(parseNavTiming(" T-1 ")).toBe("PRIOR_DAY");
    expect(parseNavTiming("same_day")).toBe("SAME_DAY");
    expect(() => parseNavTiming("NEXT_DAY", { argument: "nav_timing" })).toThrow('nav_timing is not a known net-asset timing: "NEXT_DAY"; use SAME_DAY or PRIOR_DAY');
  });
});
