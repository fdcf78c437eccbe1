import { Dec } from "./decimal";
import { buildSchedule, validateSchedule, versionAt, findPortfolio, ScheduleRow } from "./schedule";
import { parseIsoDate } from "./calendarDate";

const row = (portfolio: string, from: string, bp: string, rate: string, r: number): ScheduleRow => ({
  portfolio,
  effectiveFrom: parseIsoDate(from),
  breakpoint: new Dec(bp),
  rate: new Dec(rate),
  row: r,
});

describe("schedule validation", () => {
  it("accepts Schedule A and finds names regardless of case and spacing", () => {
    const { schedule, issues } = buildSchedule([row("MetLife Defensive Strategy Portfolio", "2004-11-01", "0", "0.001", 2)]);
    expect(issues).toEqual([]);
    expect(findPortfolio(schedule, "  metlife  defensive strategy portfolio ")?.portfolio).toBe("MetLife Defensive Strategy Portfolio");
  });

  it("reports every problem at once, each with its row", () => {
    const { issues } = buildSchedule([
      row("", "2004-11-01", "0", "0.001", 2),
      row("Fund A", "2004-11-01", "100", "0.001", 3),
      row("Fund A", "2004-11-01", "50", "1.5", 4),
      row("fund a ", "2005-01-01", "0", "-0.001", 5),
    ]);
    const got = issues.map((i) => [i.code, i.row]);
    expect(got).toEqual(
      expect.arrayContaining([
        ["BLANK_PORTFOLIO", undefined],
        ["NO_ZERO_BREAKPOINT", 3],
        ["BREAKPOINTS_NOT_RISING", 4],
        ["RATE_OUT_OF_RANGE", 4],
        ["RATE_OUT_OF_RANGE", 5],
      ]),
    );
    expect(issues).toHaveLength(5);
  });

  it("flags duplicate portfolios and duplicate effective dates", () => {
    const v = { effectiveFrom: parseIsoDate("2004-11-01"), tiers: [{ breakpoint: new Dec(0), rate: new Dec("0.001") }] };
    const issues = validateSchedule({ portfolios: [{ portfolio: "A", versions: [v, { ...v }] }, { portfolio: "a", versions: [v] }] });
    expect(issues.map((i) => i.code).sort()).toEqual(["DUPLICATE_EFFECTIVE_DATE", "DUPLICATE_PORTFOLIO"]);
  });

  it("applies a version from its date until the next one", () => {
    const { schedule } = buildSchedule([row("A", "2024-02-01", "0", "0.002", 3), row("A", "2004-11-01", "0", "0.001", 2)]);
    const p = schedule.portfolios[0];
    expect(versionAt(p, parseIsoDate("2004-10-31"))).toBeUndefined();
    expect(versionAt(p, parseIsoDate("2024-01-31"))?.tiers[0].rate.toString()).toBe("0.001");
    expect(versionAt(p, parseIsoDate("2024-02-01"))?.tiers[0].rate.toString()).toBe("0.002");
  });
});
