import { accrue } from "./accrue";
import { parseIsoDate } from "./calendarDate";
import { NavSeries } from "./navSeries";
import { buildSchedule, findPortfolio, versionAt } from "./schedule";
import { SCHEDULE_A_HISTORY, scheduleARows } from "./scheduleA";

const d = parseIsoDate;
const { schedule, issues } = buildSchedule(scheduleARows());
const growth = findPortfolio(schedule, "MetLife Growth Strategy Portfolio")!;

describe("Schedule A as amended", () => {
  it("is a valid schedule of nine portfolios, each version citing its source", () => {
    expect(issues).toEqual([]);
    expect(schedule.portfolios).toHaveLength(9);
    expect(SCHEDULE_A_HISTORY.map((v) => v.effectiveFrom)).toEqual(["2004-11-01", "2005-04-30", "2008-04-28", "2009-11-12"]);
    for (const v of SCHEDULE_A_HISTORY) expect(v.source).toMatch(/EX-99\.d37/);
    const founding = findPortfolio(schedule, "Met/Franklin Templeton Founding Strategy Portfolio")!;
    expect(founding.versions.map((v) => v.tiers.map((t) => `${t.breakpoint.toString()}@${t.rate.toString()}`).join(" "))).toEqual(["0@0.0005", "0@0.0005 500000000@0.0004 1000000000@0.0003"]);
    expect(versionAt(findPortfolio(schedule, "American Funds Growth Allocation Portfolio")!, d("2008-04-27"))).toBeUndefined();
  });

  // Amendment No. 1 takes effect on Saturday 2005-04-30: that day's tiers apply to Friday's net assets.
  // 2005 has 365 days. Flat 0.10%: $1.00bn 2,739.7260 -> 2,739.73; $1.10bn 3,013.6986 -> 3,013.70; $1.20bn 3,287.6712 -> 3,287.67.
  // Tiered: $1.20bn 975,000 / 365 = 2,671.2329 -> 2,671.23; $1.30bn 1,025,000 / 365 = 2,808.2192 -> 2,808.22.
  const navs = NavSeries.from([
    { date: d("2005-04-27"), netAssets: 1_000_000_000 },
    { date: d("2005-04-28"), netAssets: 1_100_000_000 },
    { date: d("2005-04-29"), netAssets: 1_200_000_000 }, // Friday
    { date: d("2005-05-02"), netAssets: 1_300_000_000 }, // Monday
  ]);
  it("a period crossing Amendment No. 1 changes tiers on the Saturday, on Friday's value", () => {
    const same = accrue(growth, navs, d("2005-04-28"), d("2005-05-02"));
    expect(same.days.map((x) => x.accrual.toFixed(2))).toEqual(["3013.70", "3287.67", "2671.23", "2671.23", "2808.22"]);
    expect(same.fee.toFixed(2)).toBe("14452.05");
    expect(same.days[2]).toMatchObject({ effectiveFrom: d("2005-04-30"), navDate: d("2005-04-29") });
    const prior = accrue(growth, navs, d("2005-04-28"), d("2005-05-02"), { navTiming: "PRIOR_DAY" });
    expect(prior.days.map((x) => x.accrual.toFixed(2))).toEqual(["2739.73", "3013.70", "2671.23", "2671.23", "2671.23"]);
    expect(prior.fee.toFixed(2)).toBe("13767.12");
  });
  it("April 2005 at $1.2bn: 29 days flat, then one tiered day", () => {
    const april = accrue(growth, NavSeries.from([{ date: d("2005-03-31"), netAssets: 1_200_000_000 }]), d("2005-04-01"), d("2005-04-30"));
    expect(april.fee.toFixed(2)).toBe("98013.66"); // 29 x 3,287.67 + 2,671.23
  });
});
