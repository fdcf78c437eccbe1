import { Dec, ReconRow, buildSchedule, fromYmd, parseIsoDate, reconcile } from "../../src/engine";
import { explain, amendmentsIn } from "../../src/taskpane/features/reconcile/explain";
import { reconCsv } from "../../src/taskpane/features/reconcile/reconCsv";
import { sortRows } from "../../src/taskpane/features/reconcile/sortRows";
import { totalsOf } from "../../src/taskpane/features/reconcile/totals";
import { fromWire, reportFromWire, toWire } from "../../src/taskpane/features/reconcile/worker/wire";

const d = (s: string) => parseIsoDate(s);
const jan = { y: 2024, m: 1 };

/**
 * Four portfolios, January 2024 (31 days, ACT/ACT 366), flat $366,000,000 every day:
 * at 0.10% a day accrues 366,000 / 366 = 1,000.00, so the month is 31,000.00.
 * A bills 31,000.00 (OK); B bills 29,000.00 (29 of 31 days: a partial month);
 * C is amended to 0.05% from 2024-01-16 (15 days at 1,000.00 + 16 at 500.00 = 23,000.00) and not billed;
 * X is billed 10.00 but is not in the schedule.
 */
function report() {
  const { schedule } = buildSchedule([
    { portfolio: "A", effectiveFrom: d("2004-11-01"), breakpoint: new Dec(0), rate: new Dec("0.001") },
    { portfolio: "B", effectiveFrom: d("2004-11-01"), breakpoint: new Dec(0), rate: new Dec("0.001") },
    { portfolio: "C", effectiveFrom: d("2004-11-01"), breakpoint: new Dec(0), rate: new Dec("0.001") },
    { portfolio: "C", effectiveFrom: d("2024-01-16"), breakpoint: new Dec(0), rate: new Dec("0.0005") },
  ]);
  const netAssets = ["A", "B", "C"].map((portfolio) => ({ portfolio, date: d("2023-12-29"), netAssets: new Dec(366000000) }));
  const invoices = [
    { month: jan, portfolio: "A", billedFee: new Dec("31000.00") },
    { month: jan, portfolio: "B", billedFee: new Dec("29000.00") },
    { month: jan, portfolio: "X", billedFee: new Dec("10.00") },
  ];
  return reconcile({ schedule, netAssets, invoices, month: jan, tolerance: new Dec("0.01") });
}
const row = (name: string) => report().rows.find((r) => r.portfolio === name) as ReconRow;

describe("month-end review, pure parts", () => {
  it("explains a break: the rate the bill implies and the days a partial month would cover", () => {
    const b = row("B");
    expect(b.status).toBe("BREAK");
    expect(explain(b)).toEqual([
      // 29,000 / (31 × 366,000,000 / 366) = 0.000935483...: 0.0935% against 0.10%
      "The bill implies an annual rate of 0.0935% against the schedule's 0.10% on the same net assets.",
      "The bill matches 29 of the month's 31 accruing days (2 days short, at 1,000.00 a day): a partial month?",
    ]);
  });

  it("explains a mid-month amendment: the day it took effect and the rate before and after", () => {
    const c = row("C");
    expect(c.expectedFee.toFixed(2)).toBe("23000.00");
    expect(amendmentsIn(c.accruals).map((a) => a.date)).toEqual([fromYmd(2024, 1, 16)]);
    expect(explain(c)).toEqual(["An amendment took effect on 2024-01-16: the annual rate falls from 0.10% to 0.05%."]);
  });

  it("totals tie: the compared difference is compared billed − compared expected, over the rows that have both", () => {
    const t = totalsOf(report().rows);
    expect(t.expected.toFixed(2)).toBe("85000.00"); // 31,000 + 31,000 + 23,000 (X has no expected fee)
    expect(t.billed.toFixed(2)).toBe("60010.00"); // 31,000 + 29,000 + 10
    expect(t.compared).toMatchObject({ count: 2 });
    expect(t.compared.expected.toFixed(2)).toBe("62000.00");
    expect(t.compared.billed.toFixed(2)).toBe("60000.00");
    expect(t.compared.difference.toFixed(2)).toBe("-2000.00");
    expect(t.compared.billed.minus(t.compared.expected).equals(t.compared.difference)).toBe(true);
  });

  it("sorts by a column with amounts that do not exist last, either way; by default what needs attention comes first", () => {
    const rows = report().rows;
    expect(sortRows(rows, null).map((r) => r.status)).toEqual(["BREAK", "NOT_BILLED", "UNKNOWN_PORTFOLIO", "OK"]);
    expect(sortRows(rows, { key: "difference", direction: "ascending" }).map((r) => r.portfolio)).toEqual(["B", "A", "C", "X"]);
    expect(sortRows(rows, { key: "difference", direction: "descending" }).map((r) => r.portfolio)).toEqual(["A", "B", "C", "X"]);
    expect(sortRows(rows, { key: "billed", direction: "descending" }).map((r) => r.portfolio)).toEqual(["A", "B", "X", "C"]);
    expect(sortRows(rows, { key: "portfolio", direction: "descending" }).map((r) => r.portfolio)).toEqual(["X", "C", "B", "A"]);
  });

  it("exports the reconciliation as CSV, empty where an amount does not exist, with totals that tie", () => {
    const lines = reconCsv(report()).trimEnd().split("\r\n");
    expect(lines[0]).toBe("Month,Portfolio,Status,Days,Average Daily Net Assets,Annual Rate,Expected Fee,Billed Fee,Difference,Gross Fee,Waiver,Sub-Advisory Fee,Manager's Net");
    expect(lines.slice(1)).toEqual([
      "2024-01,A,OK,31,366000000.00,0.001,31000.00,31000.00,0.00,31000.00,0.00,,",
      "2024-01,B,Break,31,366000000.00,0.001,31000.00,29000.00,-2000.00,31000.00,0.00,,",
      "2024-01,C,Not billed,31,366000000.00,0.0005,23000.00,,,23000.00,0.00,,",
      "2024-01,X,Not in schedule,0,,,,10.00,,,,,",
      "2024-01,Total,,,,,85000.00,60010.00,,85000.00,0.00,,",
      "2024-01,Compared (2 rows with both expected and billed),,,,,62000.00,60000.00,-2000.00,,,,",
    ]);
  });

  it("sends exact decimals across the worker boundary and back unchanged", () => {
    const r = report();
    const back = fromWire<typeof r>(JSON.parse(JSON.stringify(toWire(r))));
    // A day travels as its plain record (its toJSON), not as the engine's shared run data behind it.
    const wired = toWire(r) as { rows: { accruals: object[]; waived: object[] }[] };
    expect(Object.keys(wired.rows[2].accruals[0]).sort()).toEqual(["accrual", "annualFee", "annualRate", "cumulative", "date", "daysInYear", "effectiveFrom", "navDate", "netAssets"].sort());
    expect(Object.keys(wired.rows[2].waived[0]).sort()).toEqual(["date", "grossAnnualFee", "gross", "payableAnnualFee", "payable", "waiver", "waiverFrom"].sort());
    expect(back.rows[1].difference!.equals(r.rows[1].difference!)).toBe(true);
    expect(back.rows[2].accruals[20].accrual.toString()).toBe(r.rows[2].accruals[20].accrual.toString());
    expect(back.rows[3].billedFee!.toString()).toBe("10");
    expect(back.totals.expectedFee.toString()).toBe(r.totals.expectedFee.toString());
    const lazy = reportFromWire<typeof r>(JSON.stringify(toWire(r)));
    expect(lazy.rows[2].expectedFee.equals(r.rows[2].expectedFee)).toBe(true);
    expect(lazy.rows[2].accruals.map((a) => a.accrual.toFixed(2))).toEqual(r.rows[2].accruals.map((a) => a.accrual.toFixed(2)));
    expect(lazy.rows[2].accruals[15].effectiveFrom).toBe(fromYmd(2024, 1, 16));
  });
});
