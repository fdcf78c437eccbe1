import { Dec, ReconReport, buildGroups, buildSchedule, buildSubAdvisory, buildWaivers, parseIsoDate, reconcile } from "../../src/engine";
import { breakdownDayTotals, breakdownDays, breakdownOf, breakdownTotals, hasArrangements } from "../../src/taskpane/features/reconcile/breakdown";
import { reconCsv } from "../../src/taskpane/features/reconcile/reconCsv";

const d = (s: string) => parseIsoDate(s);
const BP = ["0", "250000000", "500000000", "1000000000"];
const SUB_BP = ["0", "100000000", "250000000", "500000000", "750000000"];

/**
 * The worked cases in one reconciliation each. Case 1: Fund W, 1.05/1.00/0.85/0.75% waived to
 * 0.95/0.90/0.80/0.75% from 2016-01-15, $600M through January 2016. Case 2: Fund S, 0.70% to $100M and
 * 0.68% above, sub-advised at 0.41/0.39/0.38/0.37/0.36% of the Growth group's assets (S $300M; B $2,000M,
 * C $100M from June 16), June 2011. Fund L's fee schedule starts 2011-06-10, its sub-advisory fee in 2010.
 */
function run(month: { y: number; m: number }, rounding: "DAILY" | "PERIOD" | "NONE" = "DAILY"): ReconReport {
  const { schedule } = buildSchedule([
    ...["0.0105", "0.01", "0.0085", "0.0075"].map((r, i) => ({ portfolio: "Fund W", effectiveFrom: d("2010-01-01"), breakpoint: new Dec(BP[i]), rate: new Dec(r) })),
    { portfolio: "Fund S", effectiveFrom: d("2010-01-01"), breakpoint: new Dec(0), rate: new Dec("0.007") },
    { portfolio: "Fund S", effectiveFrom: d("2010-01-01"), breakpoint: new Dec(100e6), rate: new Dec("0.0068") },
    { portfolio: "Fund L", effectiveFrom: d("2011-06-10"), breakpoint: new Dec(0), rate: new Dec("0.005") },
  ]);
  const waivers = buildWaivers(["0.0095", "0.009", "0.008", "0.0075"].map((r, i) => ({ portfolio: "Fund W", from: d("2016-01-15"), to: d("2017-04-30"), breakpoint: new Dec(BP[i]), rate: new Dec(r) }))).waivers;
  const groups = buildGroups(["Fund S", "Fund B", "Fund C"].map((portfolio) => ({ group: "Growth", portfolio }))).groups;
  const subAdvisory = buildSubAdvisory(
    [
      ...["0.0041", "0.0039", "0.0038", "0.0037", "0.0036"].map((r, i) => ({ portfolio: "Fund S", subAdviser: "Sub LLC", effectiveFrom: d("2010-01-01"), breakpoint: new Dec(SUB_BP[i]), rate: new Dec(r), group: "Growth" })),
      { portfolio: "Fund L", subAdviser: "Sub LLC", effectiveFrom: d("2010-01-01"), breakpoint: new Dec(0), rate: new Dec("0.002"), group: null },
    ],
    groups,
  ).subAdvisory;
  const netAssets = [
    { portfolio: "Fund W", date: d("2015-12-31"), netAssets: new Dec(600e6) },
    { portfolio: "Fund S", date: d("2011-05-31"), netAssets: new Dec(300e6) },
    { portfolio: "Fund B", date: d("2011-05-31"), netAssets: new Dec(2000e6) },
    { portfolio: "Fund C", date: d("2011-06-16"), netAssets: new Dec(100e6) },
    { portfolio: "Fund L", date: d("2011-05-31"), netAssets: new Dec(365e6) },
  ];
  return reconcile({ schedule, netAssets, invoices: [], month, tolerance: new Dec("0.01"), rounding, arrangements: { waivers, groups, subAdvisory } });
}
const row = (r: ReconReport, name: string) => r.rows.find((x) => x.portfolio === name)!;

describe("the month-end review's fee breakdown (gross, waiver, payable, sub-advisory, Manager's net)", () => {
  it("case 1: the drill-down's totals are the issue's January 2016 figures and the review's, under DAILY and PERIOD", () => {
    const w = row(run({ y: 2016, m: 1 }), "Fund W");
    const t = breakdownDayTotals(breakdownDays(w), "DAILY", false);
    expect([t.gross, t.waiver, t.payable].map((x) => x.toFixed(2))).toEqual(["506079.34", "25546.58", "480532.76"]);
    expect(t.subAdvisory).toBeNull();
    const b = breakdownOf(w);
    expect([b.gross!, b.waiver!, b.payable!].map((x) => x.toFixed(2))).toEqual(["506079.34", "25546.58", "480532.76"]);
    expect([b.subAdvisory, b.managerNet]).toEqual([null, null]);
    // Before the waiver (January 1–14) the day's waiver is 0; from the 15th it is 16,325.14 − 14,822.40.
    const days = breakdownDays(w);
    expect(days.map((x) => x.waiver!.toFixed(2)).slice(13, 15)).toEqual(["0.00", "1502.74"]);
    expect(days[14].waiverFrom).toBe(d("2016-01-15"));

    const p = row(run({ y: 2016, m: 1 }, "PERIOD"), "Fund W");
    const tp = breakdownDayTotals(breakdownDays(p), "PERIOD", false);
    expect([tp.gross, tp.payable, tp.waiver].map((x) => x.toFixed(2))).toEqual(["506079.23", "480532.79", "25546.44"]);
    expect(tp.payable.equals(p.expectedFee) && tp.gross.equals(p.grossFee) && tp.waiver.equals(p.waiver)).toBe(true);
  });

  it("case 2: sub-advisory 90,551.55 and the Manager's net 78,763.65 in the review, the drill-down and the totals, which tie", () => {
    const r = run({ y: 2011, m: 6 });
    const s = row(r, "Fund S");
    const b = breakdownOf(s);
    expect([b.gross!, b.waiver!, b.payable!, b.subAdvisory!, b.managerNet!].map((x) => x.toFixed(2))).toEqual(["169315.20", "0.00", "169315.20", "90551.55", "78763.65"]);
    const t = breakdownDayTotals(breakdownDays(s), "DAILY", true);
    expect(t.subAdvisory!.toFixed(2)).toBe("90551.55");
    expect(breakdownDays(s).map((x) => x.subAdvisory!.toFixed(2)).filter((_, i) => i === 0 || i === 15)).toEqual(["3019.65", "3017.12"]);

    const totals = breakdownTotals(r.rows);
    expect(totals.payable.minus(totals.gross.minus(totals.waiver)).isZero()).toBe(true);
    expect(totals.subAdvised.count).toBe(2); // S and L
    expect(totals.subAdvised.managerNet.equals(totals.subAdvised.payable.minus(totals.subAdvised.subAdvisory))).toBe(true);
    expect(hasArrangements(r.rows)).toBe(true);
  });

  it("a day on which only the sub-advisory fee accrues has a line with the fee amounts absent, and the totals still equal the review's", () => {
    for (const rounding of ["DAILY", "PERIOD", "NONE"] as const) {
      const l = row(run({ y: 2011, m: 6 }, rounding), "Fund L");
      const days = breakdownDays(l);
      expect(days.length).toBe(30);
      expect(days.filter((x) => x.accrual === null).map((x) => x.date)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9].map((k) => d(`2011-06-0${k}`)));
      expect(days[0]).toMatchObject({ gross: null, waiver: null, payable: null });
      const t = breakdownDayTotals(days, rounding, true);
      expect([t.gross.equals(l.grossFee), t.payable.equals(l.expectedFee), t.waiver.equals(l.waiver), t.subAdvisory!.equals(l.subAdvisoryFee!)]).toEqual([true, true, true, true]);
    }
    // 0.20% of $365M = 730,000 a year, 2,000.00 a day over 365 days: 30 days.
    expect(row(run({ y: 2011, m: 6 }), "Fund L").subAdvisoryFee!.toFixed(2)).toBe("60000.00");
  });

  it("the CSV export gains Gross Fee, Waiver, Sub-Advisory Fee and Manager's Net, blank where none, with totals", () => {
    const lines = reconCsv(run({ y: 2011, m: 6 })).trimEnd().split("\r\n");
    expect(lines[0]).toBe("Month,Portfolio,Status,Days,Average Daily Net Assets,Annual Rate,Expected Fee,Billed Fee,Difference,Gross Fee,Waiver,Sub-Advisory Fee,Manager's Net");
    expect(lines.find((l) => l.startsWith("2011-06,Fund S,"))).toMatch(/,169315\.20,,,169315\.20,0\.00,90551\.55,78763\.65$/);
    const w = reconCsv(run({ y: 2016, m: 1 })).split("\r\n");
    expect(w.find((l) => l.startsWith("2016-01,Fund W,"))).toMatch(/,480532\.76,,,506079\.34,25546\.58,,$/);
    // The total line: Expected = Gross − Waiver, and the Manager's net = the sub-advised portfolios' payable − their sub-advisory fee.
    const cents = (x: string) => Math.round(Number(x) * 100);
    const total = w.find((l) => l.startsWith("2016-01,Total,"))!.split(",");
    expect(cents(total[6])).toBe(cents(total[9]) - cents(total[10]));
    const rows = w.filter((l) => /^2016-01,Fund /.test(l)).map((l) => l.split(","));
    expect(cents(total[9])).toBe(rows.reduce((s, r) => s + cents(r[9]), 0));
    expect(cents(total[11])).toBe(rows.reduce((s, r) => s + (r[11] ? cents(r[11]) : 0), 0));
    expect(cents(total[12])).toBe(rows.reduce((s, r) => s + (r[11] ? cents(r[6]) : 0), 0) - cents(total[11]));
  });
});
