import { Dec } from "./decimal";
import fc from "fast-check";
import { buildSchedule, validateSchedule, versionAt, findPortfolio, portfolioKey, ScheduleRow } from "./schedule";
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

describe("portfolioKey (each name's key worked out once)", () => {
  const plain = (name: string) => name.trim().replace(/\s+/g, " ").toLowerCase();
  it("gives the plain key on first and later asking, for names with any spacing and case, past the cache's size", () => {
    const name = fc.stringMatching(/^[ \t\u00a0\u3000aAbBçÇİı1]{0,8}$/);
    fc.assert(
      fc.property(fc.array(name, { maxLength: 40 }), (names) => {
        for (const n of [...names, ...names.reverse()]) expect(portfolioKey(n)).toBe(plain(n));
      }),
      { numRuns: 500 },
    );
    for (let i = 0; i < 60_000; i++) portfolioKey(` Fund  ${i} `);
    for (const i of [0, 49_999, 50_000, 59_999]) expect(portfolioKey(` Fund  ${i} `)).toBe(`fund ${i}`);
    expect(portfolioKey("ÇA\u00a0 B")).toBe(plain("ÇA\u00a0 B"));
  });
});
