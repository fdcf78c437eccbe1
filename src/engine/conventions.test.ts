import { DAY_COUNTS, dayCountOfExcelBasis, parseDayCount } from "./dayCount";
import { Dec } from "./decimal";
import { NAV_TIMINGS } from "./navTiming";
import { ROUNDINGS, parseRounding } from "./rounding";
import { DEFAULT_SETTINGS, SETTING_DEFINITIONS, resolveSettings, settingByLabel } from "./settings";

describe("one vocabulary", () => {
  it("day counts carry their aliases and Excel's YEARFRAC codes", () => {
    expect(parseDayCount("act/365f")).toBe("ACT/365");
    expect(parseDayCount("Actual/360")).toBe("ACT/360");
    expect(parseDayCount(" actual/actual  isda ")).toBe("ACT/ACT");
    expect(dayCountOfExcelBasis(3)).toBe("ACT/365");
    expect(dayCountOfExcelBasis(7)).toBeUndefined();
    expect(() => parseDayCount("ACT/364", { argument: "basis" })).toThrow('basis is not a known day-count basis: "ACT/364"; use ACT/ACT, ACT/365, ACT/360 or 30/360');
  });
  it("roundings carry theirs", () => {
    expect(parseRounding("monthly")).toBe("PERIOD");
    expect(() => parseRounding("HALF_EVEN")).toThrow("is not a known rounding");
  });
  it("no alias names two conventions", () => {
    for (const registry of [DAY_COUNTS, ROUNDINGS, NAV_TIMINGS]) {
      const names = Object.values(registry).flatMap((c) => [c.id, ...c.aliases].map((n) => n.toUpperCase().replace(/[\s_-]+/g, " ")));
      expect(new Set(names).size).toBe(names.length);
    }
  });
  it("settings resolve argument first, then the workbook, then the default", () => {
    expect(settingByLabel("net  assets timing")?.key).toBe("navTiming");
    expect(settingByLabel("Timing")).toBeUndefined();
    expect(SETTING_DEFINITIONS.find((s) => s.key === "navTiming")?.choices).toEqual(["SAME_DAY", "PRIOR_DAY"]);
    const r = resolveSettings({ navTiming: "SAME_DAY" }, { navTiming: "PRIOR_DAY", rounding: "PERIOD", tolerance: new Dec("5") });
    expect([r.navTiming, r.rounding, r.basis, r.tolerance.toString()]).toEqual(["SAME_DAY", "PERIOD", "ACT/ACT", "5"]);
    expect(resolveSettings(undefined, {}).navTiming).toBe(DEFAULT_SETTINGS.navTiming);
  });
});
