import { readFileSync } from "fs";
import { join } from "path";
import fc from "fast-check";
import {
  Dec,
  DayCountId,
  DayNetAssets,
  NavSeries,
  Rounding,
  Tier,
  accrue,
  accrueAtGroupRate,
  applyWaivers,
  buildGroups,
  buildSubAdvisory,
  buildWaivers,
  dayNetAssetsOf,
  feeBreakdown,
  feeFromAverageForPortfolio,
  formatIso,
  fromYmd,
  portfolioKey,
  singleVersion,
} from "../src/engine";
import { d, navsOf, tiersOf } from "./helpers";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const vectors: Record<string, any> = JSON.parse(readFileSync(join(__dirname, "vectors", "waivers-subadvisory.json"), "utf8"));
const money = (x: Dec, rounding: Rounding) => (rounding === "NONE" ? x.toDecimalPlaces(10).toFixed(10) : x.toFixed(2));

it("the waiver and sub-advisory vectors cite their source", () => {
  expect(typeof vectors.source).toBe("string");
  expect(vectors.source.length).toBeGreaterThan(40);
});

interface WaiverCase {
  name: string;
  schedule: [string, string][];
  waivers: { from: string; to: string; tiers: [string, string][] }[];
  navs: [string, string][];
  start: string;
  end: string;
  basis: DayCountId;
  rounding: Rounding;
  gross: string;
  waiver: string;
  payable: string;
  days?: Record<string, { gross: string; payable: string; waiver: string }>;
}

describe("fee waivers, hand-worked", () => {
  it.each<WaiverCase>(vectors.waivers)("$name", (c) => {
    const rows = c.waivers.flatMap((w, wi) => tiersOf(w.tiers).map((t, ti) => ({ portfolio: "Fund", from: d(w.from), to: d(w.to), ...t, row: 2 + wi * 10 + ti })));
    const { waivers, issues } = buildWaivers(rows);
    expect(issues).toEqual([]);
    const accrual = accrue(singleVersion(tiersOf(c.schedule), "Fund"), navsOf(c.navs), d(c.start), d(c.end), { basis: c.basis, rounding: c.rounding });
    const r = applyWaivers(accrual.days, waivers.portfolios[0], c.rounding);
    expect({ gross: money(r.gross, c.rounding), waiver: money(r.waiver, c.rounding), payable: money(r.payable, c.rounding) }).toEqual({ gross: c.gross, waiver: c.waiver, payable: c.payable });
    // The gross fee is the fee schedule's, as accrue() computes it without waivers.
    expect(r.gross.equals(accrual.fee)).toBe(true);
    for (const [date, want] of Object.entries(c.days ?? {})) {
      const day = r.days.find((x) => x.date === d(date))!;
      expect({ date, gross: day.gross.toFixed(2), payable: day.payable.toFixed(2), waiver: day.waiver.toFixed(2) }).toEqual({ date, ...want });
    }
  });

  it("a day outside every waiver period pays the gross fee, and the day records say which period applied", () => {
    const c: WaiverCase = vectors.waivers[0];
    const { waivers } = buildWaivers(tiersOf(c.waivers[0].tiers).map((t) => ({ portfolio: "Fund", from: d("2016-01-15"), to: d("2017-04-30"), ...t })));
    const accrual = accrue(singleVersion(tiersOf(c.schedule)), navsOf(c.navs), d("2016-01-01"), d("2016-01-31"));
    const r = applyWaivers(accrual.days, waivers.portfolios[0]);
    expect([r.waivedDays, r.days[13].waiverFrom, r.days[14].waiverFrom]).toEqual([17, null, d("2016-01-15")]);
    expect(applyWaivers(accrual.days, undefined).waiver.toFixed(2)).toBe("0.00");
  });

  it("overlapping periods are an error naming both rows", () => {
    const tier = { breakpoint: new Dec(0), rate: new Dec("0.009") };
    const { issues } = buildWaivers([
      { portfolio: "Fund", from: d("2015-05-01"), to: d("2016-04-30"), ...tier, row: 2 },
      { portfolio: "Other", from: d("2015-05-01"), to: d("2016-04-30"), ...tier, row: 3 },
      { portfolio: " fund ", from: d("2016-04-30"), to: d("2017-04-30"), ...tier, row: 7 },
    ]);
    expect(issues.map((i) => [i.code, i.rows])).toEqual([["OVERLAPPING_WAIVERS", [2, 7]]]);
    expect(issues[0].message).toBe("Fund: waiver periods overlap: rows 2 and 7 (2015-05-01 to 2016-04-30 and 2016-04-30 to 2017-04-30); one day can be under one waiver only.");
  });

  it("adjacent periods do not overlap; a period ending before it starts and bad tiers are errors naming the row", () => {
    const t = (bp: string, rate: string) => ({ breakpoint: new Dec(bp), rate: new Dec(rate) });
    const { issues, waivers } = buildWaivers([
      { portfolio: "Fund", from: d("2015-05-01"), to: d("2016-04-30"), ...t("0", "0.009"), row: 2 },
      { portfolio: "Fund", from: d("2016-05-01"), to: d("2017-04-30"), ...t("0", "0.008"), row: 3 },
      { portfolio: "Fund", from: d("2016-05-01"), to: d("2017-04-30"), ...t("0", "0.007"), row: 4 },
      { portfolio: "Late", from: d("2016-05-01"), to: d("2016-04-30"), ...t("0", "0.007"), row: 5 },
      { portfolio: "Pct", from: d("2016-05-01"), to: d("2016-05-30"), ...t("0", "1.5"), row: 6 },
    ]);
    expect(waivers.portfolios[0].periods.map((p) => formatIso(p.from))).toEqual(["2015-05-01", "2016-05-01"]);
    expect(issues.map((i) => [i.code, i.row])).toEqual([
      ["WAIVER_ENDS_BEFORE_START", 5],
      ["INVALID_WAIVER_TIERS", 4],
      ["INVALID_WAIVER_TIERS", 6],
    ]);
    expect(issues[1].message).toBe("Fund waiver 2016-05-01 to 2017-04-30: breakpoint 0 must be above 0.");
  });
});

interface SubAdvisoryCase {
  name: string;
  tiers: [string, string][];
  portfolio: string;
  group: string | null;
  members: Record<string, [string, string][]>;
  start: string;
  end: string;
  basis: DayCountId;
  rounding: Rounding;
  fee: string;
  days?: Record<string, string>;
  management?: { tiers: [string, string][]; fee: string };
  managerNet?: string;
}

describe("sub-advisory fees on aggregated assets, hand-worked", () => {
  it.each<SubAdvisoryCase>(vectors.subAdvisory)("$name", (c) => {
    const { groups, issues: groupIssues } = buildGroups(c.group ? Object.keys(c.members).map((m, i) => ({ group: c.group!, portfolio: m, row: i + 2 })) : []);
    const { subAdvisory, issues } = buildSubAdvisory(
      tiersOf(c.tiers).map((t, i) => ({ portfolio: c.portfolio, subAdviser: "Sub-Adviser LLC", effectiveFrom: d("2005-01-01"), ...t, group: c.group, row: i + 2 })),
      groups,
    );
    expect([...groupIssues, ...issues]).toEqual([]);
    const series = new Map(Object.entries(c.members).map(([name, navs]) => [portfolioKey(name), dayNetAssetsOf(navsOf(navs))]));
    const netAssetsOf = (name: string): DayNetAssets => series.get(portfolioKey(name)) ?? (() => null);
    const mgmt = c.management ? tiersOf(c.management.tiers) : tiersOf([["0", "0"]]);
    const accrual = accrue(singleVersion(mgmt, c.portfolio), navsOf(c.members[c.portfolio]), d(c.start), d(c.end), { basis: c.basis, rounding: c.rounding });
    const b = feeBreakdown(c.portfolio, accrual, { subAdvisory, groups }, netAssetsOf, d(c.start), d(c.end), { basis: c.basis, rounding: c.rounding });
    expect(b.subAdvisoryFee!.toFixed(2)).toBe(c.fee);
    for (const [date, want] of Object.entries(c.days ?? {})) {
      expect([date, b.subAdvised!.days.find((x) => x.date === d(date))!.accrual.toFixed(2)]).toEqual([date, want]);
    }
    if (c.management) {
      expect({ payable: b.payableFee.toFixed(2), managerNet: b.managerNet!.toFixed(2), waiver: b.waiver.toFixed(2) }).toEqual({ payable: c.management.fee, managerNet: c.managerNet, waiver: "0.00" });
    }
  });

  it("the effective rate is not rounded, and each day shows the group's assets it was priced on", () => {
    const c: SubAdvisoryCase = vectors.subAdvisory[0];
    const { groups } = buildGroups(Object.keys(c.members).map((m) => ({ group: c.group!, portfolio: m })));
    const { subAdvisory } = buildSubAdvisory(tiersOf(c.tiers).map((t) => ({ portfolio: "A", subAdviser: "S", effectiveFrom: d("2005-01-01"), ...t, group: "growth group" })), groups);
    const series = new Map(Object.entries(c.members).map(([name, navs]) => [name, dayNetAssetsOf(navsOf(navs))]));
    const b = feeBreakdown("A", { days: [] }, { subAdvisory, groups }, (n) => series.get(n)!, d("2011-06-01"), d("2011-06-30"));
    const first = b.subAdvised!.days[0];
    expect(first.groupNetAssets.toString()).toBe("2300000000");
    expect(first.effectiveRate.toSignificantDigits(12).toString()).toBe("0.00367391304348"); // 8,450,000 / 2,300,000,000
    expect(b.subAdvised!.days[15].groupNetAssets.toString()).toBe("2400000000");
    // A portfolio without a sub-advisory schedule has none, and no Manager's net.
    expect(feeBreakdown("B", { days: [] }, { subAdvisory, groups }, (n) => series.get(n)!, d("2011-06-01"), d("2011-06-30"))).toMatchObject({ subAdvisoryFee: null, managerNet: null });
  });

  it("a portfolio left out of its group's list still counts in the group's assets", () => {
    const tiers = tiersOf(vectors.subAdvisory[0].tiers);
    const { groups } = buildGroups([{ group: "G", portfolio: "B" }]);
    const { subAdvisory } = buildSubAdvisory(tiers.map((t) => ({ portfolio: "A", subAdviser: "S", effectiveFrom: d("2005-01-01"), ...t, group: "G" })), groups);
    const a = dayNetAssetsOf(navsOf([["2011-05-31", "300000000"]]));
    const b = dayNetAssetsOf(navsOf([["2011-05-31", "2000000000"]]));
    const r = feeBreakdown("A", { days: [] }, { subAdvisory, groups }, (n) => (n === "A" ? a : b), d("2011-06-01"), d("2011-06-01"));
    expect(r.subAdvisoryFee!.toFixed(2)).toBe("3019.65");
  });

  it("a version whose rows disagree on group or sub-adviser, an unknown group and a member listed twice are errors naming the rows", () => {
    const t = { breakpoint: new Dec(0), rate: new Dec("0.004") };
    const t2 = { breakpoint: new Dec(100), rate: new Dec("0.003") };
    const { groups, issues: gi } = buildGroups([
      { group: "G", portfolio: "A", row: 2 },
      { group: "g", portfolio: " a", row: 5 },
    ]);
    expect(gi.map((i) => [i.code, i.rows, i.message])).toEqual([["DUPLICATE_MEMBER", [2, 5], "Group G: a is listed twice (rows 2 and 5)."]]);
    const { issues } = buildSubAdvisory(
      [
        { portfolio: "A", subAdviser: "S", effectiveFrom: d("2011-01-01"), ...t, group: "G", row: 2 },
        { portfolio: "A", subAdviser: "S", effectiveFrom: d("2011-01-01"), ...t2, group: "H", row: 3 },
        { portfolio: "B", subAdviser: "S", effectiveFrom: d("2011-01-01"), ...t, group: "Nowhere", row: 4 },
        { portfolio: "B", subAdviser: "T", effectiveFrom: d("2011-01-01"), ...t2, group: "Nowhere", row: 6 },
      ],
      groups,
    );
    expect(issues.map((i) => [i.code, i.field, i.rows])).toEqual([
      ["INCONSISTENT_VERSION", "group", [2, 3]],
      ["INCONSISTENT_VERSION", "subAdviser", [4, 6]],
      ["UNKNOWN_GROUP", "group", [4]],
    ]);
    expect(issues[2].message).toBe('B from 2011-01-01: group "Nowhere" is not in the aggregation groups.');
  });

  it("group net assets below the portfolio's are an error naming the row", () => {
    const own: DayNetAssets = () => ({ navDate: d("2011-06-01"), netAssets: new Dec(300), row: 4 });
    const group: DayNetAssets = () => ({ navDate: d("2011-06-01"), netAssets: new Dec(200), row: 4 });
    expect(() => accrueAtGroupRate(singleVersion(tiersOf([["0", "0.001"]])).versions, own, () => group, d("2011-06-01"), d("2011-06-02"))).toThrow(
      expect.objectContaining({ code: "GROUP_BELOW_PORTFOLIO", message: "group_net_assets row 4 is below the portfolio's own net assets (2011-06-01: the group's 200 is below the portfolio's 300); the group's total includes this portfolio" }),
    );
  });
});

const cents = fc.integer({ min: 0, max: 5_000_000_000_000 });
const rateMicros = fc.integer({ min: 0, max: 25_000 });
const tiersArb = fc.tuple(rateMicros, fc.array(fc.tuple(fc.integer({ min: 1, max: 300_000_000_000 }), rateMicros), { maxLength: 3 })).map(([first, rest]) => {
  let bp = 0;
  const tiers: Tier[] = [{ breakpoint: new Dec(0), rate: new Dec(first).dividedBy(1e6) }];
  for (const [step, r] of rest) {
    bp += step;
    tiers.push({ breakpoint: new Dec(bp).dividedBy(100), rate: new Dec(r).dividedBy(1e6) });
  }
  return tiers;
});
const roundingArb = fc.constantFrom<Rounding>("DAILY", "PERIOD", "NONE");
const start = fromYmd(2015, 12, 20);

describe("waiver and group-rate properties", () => {
  it("payable never exceeds gross, every day's waiver is >= 0, and gross = payable + waiver", () => {
    fc.assert(
      fc.property(tiersArb, tiersArb, fc.array(cents, { minLength: 1, maxLength: 20 }), roundingArb, fc.integer({ min: 0, max: 20 }), (gross, after, values, rounding, from) => {
        const navs = NavSeries.from(values.map((v, i) => ({ date: start + i, netAssets: new Dec(v).dividedBy(100) })));
        const { waivers } = buildWaivers(after.map((t) => ({ portfolio: "F", from: start + from, to: start + from + 5, ...t })));
        const r = applyWaivers(accrue(singleVersion(gross), navs, start, start + 25, { rounding }).days, waivers.portfolios[0], rounding);
        expect(r.payable.lessThanOrEqualTo(r.gross)).toBe(true);
        expect(r.days.every((x) => !x.waiver.isNegative())).toBe(true);
        expect(r.gross.minus(r.payable).minus(r.waiver).abs().lessThan(new Dec("1e-25"))).toBe(true);
      }),
    );
  });

  it("a group whose only member is the portfolio prices exactly as the plain accrual does", () => {
    fc.assert(
      fc.property(tiersArb, fc.array(cents, { minLength: 1, maxLength: 20 }), roundingArb, (tiers, values, rounding) => {
        const navs = NavSeries.from(values.map((v, i) => ({ date: start + i * 2, netAssets: new Dec(v).dividedBy(100) })));
        const own = dayNetAssetsOf(navs);
        const plain = accrue(singleVersion(tiers), navs, start, start + 45, { rounding });
        const grouped = accrueAtGroupRate(singleVersion(tiers).versions, own, () => own, start, start + 45, { rounding });
        const alone = accrueAtGroupRate(singleVersion(tiers).versions, own, () => null, start, start + 45, { rounding });
        // NONE carries 40 significant digits, whose last may differ with the order of division.
        const same = (x: Dec) => x.toDecimalPlaces(20).toString();
        expect([same(grouped.fee), grouped.accruingDays]).toEqual([same(plain.fee), plain.accruingDays]);
        expect(same(alone.fee)).toBe(same(plain.fee));
      }),
    );
  });
});

describe("fee from an average after waivers", () => {
  const c: WaiverCase = vectors.waivers[0];
  const schedule = singleVersion(tiersOf(c.schedule), "Fund");
  const waiverRows = (from: string, to: string) => tiersOf(c.waivers[0].tiers).map((t) => ({ portfolio: "Fund", from: d(from), to: d(to), ...t }));
  it("prices the days inside the waiver at the waiver schedule and rounds once (the PERIOD figures of case 1 and of the waiver ending mid-month)", () => {
    const jan = buildWaivers(waiverRows("2016-01-15", "2017-04-30")).waivers.portfolios[0];
    expect(feeFromAverageForPortfolio(schedule, new Dec(600e6), d("2016-01-01"), d("2016-01-31"), "ACT/ACT", jan).toFixed(2)).toBe("480532.79");
    expect(feeFromAverageForPortfolio(schedule, new Dec(600e6), d("2016-01-01"), d("2016-01-31"), "ACT/ACT").toFixed(2)).toBe("506079.23");
    const apr = buildWaivers(waiverRows("2015-05-01", "2016-04-15")).waivers.portfolios[0];
    expect(feeFromAverageForPortfolio(schedule, new Dec(600e6), d("2016-04-01"), d("2016-04-30"), "ACT/ACT", apr).toFixed(2)).toBe("467213.11");
  });
});
