import { Dec, NavTiming, ReconRow, Rounding, buildSchedule, buildWaivers, fromYmd, keptDaysOfRow, parseMonth, reconcile } from "../../src/engine";
import { accrualRowsOf } from "../../src/workbook/monthEnd";
import { LazyRows, OutCell, accrualLineCount, accrualLines, keptTextFrom, reconSheets, rowAt, sheetWidth, transientRowAt } from "../../src/workbook/reconSheets";

/** A month where one portfolio has no net assets (no Accruals lines) and one starts mid-month (fewer lines). */
function month() {
  const m = parseMonth("2024-01");
  const names = ["Alpha", "Bravo (no net assets)", "Charlie", "Delta (from the 20th)", "Echo"];
  const { schedule } = buildSchedule(names.map((portfolio, i) => ({ portfolio, effectiveFrom: fromYmd(2020, 1, 1), breakpoint: new Dec(0), rate: new Dec("0.001"), row: i + 2 })));
  const netAssets = names.flatMap((portfolio, p) => (p === 1 ? [] : Array.from({ length: 31 }, (_, d) => ({ date: fromYmd(2024, 1, d + 1), portfolio, netAssets: new Dec(100000000 + p * 1000 + d), row: p * 31 + d + 2 })).filter((x) => p !== 3 || x.date >= fromYmd(2024, 1, 20))));
  const invoices = names.map((portfolio, i) => ({ month: m, portfolio, billedFee: new Dec("8469.95"), row: i + 2 }));
  return reconcile({ schedule, netAssets, invoices, month: m, tolerance: new Dec("0.01") });
}

describe("the Accruals sheet's rows, built as the writer pulls them", () => {
  const report = month();
  const acc = reconSheets(report, keptTextFrom(null))[1];

  it("is built on demand, not held as an array of rows", () => {
    expect(acc.rows).toBeInstanceOf(LazyRows);
    expect(sheetWidth(acc.rows)).toBe(13);
  });

  it("gives the same rows in order, backwards and at random, each portfolio's lines where accrualRowsOf says", () => {
    const n = acc.rows.length;
    const inOrder = Array.from({ length: n }, (_, i) => rowAt(acc.rows, i));
    const backwards = Array.from({ length: n }, (_, i) => rowAt(acc.rows, n - 1 - i)).reverse();
    expect(backwards).toEqual(inOrder);
    for (const i of [5, 0, n - 1, 40, 1, 62, 63]) expect(rowAt(acc.rows, i)).toEqual(inOrder[i]);
    const where = accrualRowsOf(report);
    expect(n).toBe(1 + report.rows.reduce((s, r) => s + accrualLines(r).length, 0));
    expect(where.has("Bravo (no net assets)")).toBe(false);
    for (const [portfolio, { first, last }] of where) {
      for (let row = first; row <= last; row++) expect(inOrder[row - 1][1].value).toBe(portfolio);
      expect(inOrder[first - 2][1].value).not.toBe(portfolio);
    }
    expect(where.get("Delta (from the 20th)")!.last - where.get("Delta (from the 20th)")!.first + 1).toBe(12);
  });

  it("hands a writer that lets go of each row the same rows in refilled cells (transientRowAt)", () => {
    const n = acc.rows.length;
    const copies: OutCell[][] = [];
    const seen = new Set<OutCell>();
    for (let i = 0; i < n; i++) {
      const r = transientRowAt(acc.rows, i);
      if (i > 0) for (const c of r) seen.add(c);
      copies.push(r.map((c) => ({ ...c })));
    }
    expect(copies).toEqual(Array.from({ length: n }, (_, i) => rowAt(acc.rows, i)));
    expect(seen.size).toBe(13); // one set of cells for every data row
    // pulled out of order too, and interleaved with fresh rows
    for (const i of [40, 3, n - 1, 0, 41]) {
      expect(transientRowAt(acc.rows, i).map((c) => ({ ...c }))).toEqual(rowAt(acc.rows, i));
    }
    // a plain array of rows is handed as it is
    const plain = [[{ value: 1 }], [{ value: 2 }]];
    expect(transientRowAt(plain, 1)).toBe(plain[1]);
    expect(transientRowAt(plain, 5)).toEqual([]);
  });

  it("goes to JSON (the pane's worker) as the array of its rows", () => {
    const back = JSON.parse(JSON.stringify(acc)) as { rows: OutCell[][] };
    expect(Array.isArray(back.rows)).toBe(true);
    expect(back.rows).toEqual(Array.from({ length: acc.rows.length }, (_, i) => rowAt(acc.rows, i)));
  });

  it("counts a portfolio's lines as accrualLines builds them: the fee's days joined by date with the sub-advisory fee's", () => {
    const day = (date: number) => ({ date });
    const row = (fee: number[], sub: number[]) => ({ accruals: fee.map(day), waived: fee.map(() => ({})), subAdvisory: sub.map(day) }) as unknown as ReconRow;
    for (const [fee, sub] of [
      [[1, 2, 3], []],
      [[1, 2, 3], [2, 3, 4, 5]],
      [[], [7, 8]],
      [[4, 5], [1, 2]],
    ]) {
      const r = row(fee, sub);
      expect(accrualLineCount(r)).toBe(accrualLines(r).length);
    }
    expect(accrualLineCount(row([1, 2, 3], [2, 3, 4, 5]))).toBe(5);
  });
});

describe("an unwaived row's Accruals lines read from its accrual's runs (keptDaysOfRow)", () => {
  // Portfolios priced on every kind of run: tiered and flat, values as numbers and as decimals, weekends
  // (runs of several days), sub-cent values and a rate finer than a millionth mid-month (records made from
  // there on), a service period, a waived portfolio (no view: its records are read), under each rounding
  // and timing. The lines read from the runs must be the lines the day records and waiver views give.
  function report(rounding: Rounding, navTiming: NavTiming) {
    const m = parseMonth("2024-01");
    const names = ["Flat", "Tiered", "Sub-cent from the 15th", "Fine rate", "Waived", "Served 10th-20th"];
    const tiers: [string, string][][] = [[["0", "0.001"]], [["0", "0.0075"], ["100000000", "0.007"], ["150000000", "0.0065"]], [["0", "0.001"]], [["0", "0.0010005"]], [["0", "0.0075"], ["100000000", "0.007"]], [["0", "0.002"]]];
    const { schedule } = buildSchedule(names.flatMap((portfolio, p) => tiers[p].map(([b, r], t) => ({ portfolio, effectiveFrom: fromYmd(2020, 1, 1), breakpoint: new Dec(b), rate: new Dec(r), row: p * 3 + t + 2 }))));
    const netAssets = names.flatMap((portfolio, p) =>
      Array.from({ length: 32 }, (_, d) => fromYmd(2023, 12, 31) + d)
        .filter((date) => ((date + 4) % 7 + 7) % 7 < 5 || p === 1)
        .map((date, d) => {
          const cents = 9_000_000_000 + p * 1_234_567_891 + d * 98_765_431;
          const netAssets = p === 2 && date >= fromYmd(2024, 1, 15) ? new Dec(cents).dividedBy(1000) : p % 2 ? new Dec(cents).dividedBy(100) : cents / 100;
          return { date, portfolio, netAssets, row: p * 40 + d + 2 };
        }),
    );
    const { waivers } = buildWaivers([{ portfolio: "Waived", from: fromYmd(2024, 1, 10), to: fromYmd(2024, 1, 25), breakpoint: new Dec(0), rate: new Dec("0.005"), row: 2 }]);
    const agreements = [{ portfolio: "Served 10th-20th", commenced: fromYmd(2024, 1, 10), terminated: fromYmd(2024, 1, 20), lastApproval: null }];
    const invoices = names.map((portfolio, i) => ({ month: m, portfolio, billedFee: new Dec("1000"), row: i + 2 }));
    return reconcile({ schedule, netAssets, invoices, month: m, tolerance: new Dec("0.01"), rounding, navTiming, agreements, arrangements: { waivers } });
  }
  it.each([
    ["DAILY", "SAME_DAY"],
    ["PERIOD", "PRIOR_DAY"],
    ["NONE", "SAME_DAY"],
  ] as [Rounding, NavTiming][])("%s, %s: the same lines in order, backwards, at random and refilled", (rounding, navTiming) => {
    const fast = report(rounding, navTiming);
    // The same rows copied: not the rows reconcile made, so no view, and every line is read from the records.
    const plain = { ...fast, rows: fast.rows.map((r) => ({ ...r, accruals: r.accruals, waived: r.waived })) };
    expect(fast.rows.map((r) => keptDaysOfRow(r) !== null)).toEqual([true, true, true, true, false, true]);
    expect(plain.rows.map((r) => keptDaysOfRow(r))).toEqual(plain.rows.map(() => null));
    const a = reconSheets(fast, keptTextFrom(null))[1].rows;
    const b = reconSheets(plain, keptTextFrom(null))[1].rows;
    const n = b.length;
    expect(a.length).toBe(n);
    expect(n).toBeGreaterThan(150);
    const want = Array.from({ length: n }, (_, i) => rowAt(b, i));
    expect(Array.from({ length: n }, (_, i) => transientRowAt(a, i).map((c) => ({ ...c })))).toEqual(want);
    expect(Array.from({ length: n }, (_, i) => rowAt(a, n - 1 - i)).reverse()).toEqual(want);
    for (let k = 0, i = 7; k < 60; k++, i = (i * 37 + 11) % n) expect(rowAt(a, i)).toEqual(want[i]);
    // As JSON a row is the plain row: every field, in a plain row's order, the days as their records give them.
    const json = JSON.parse(JSON.stringify(fast.rows[4]));
    expect(Object.keys(json)).toEqual(["portfolio", "days", "service", "averageDailyNetAssets", "annualRate", "effectiveFrom", "expectedFee", "grossFee", "waiver", "subAdvisoryFee", "managerNet", "billedFee", "difference", "status", "accruals", "waived", "subAdvisory", "invoiceRows"]);
    expect([json.accruals, json.waived]).toEqual(JSON.parse(JSON.stringify([plain.rows[4].accruals, plain.rows[4].waived])));
    // Reading the rows' days afterwards gives the same records.
    expect(fast.rows.map((r) => [r.accruals.length, r.waived.length, accrualLineCount(r)])).toEqual(plain.rows.map((r) => [r.accruals.length, r.waived.length, accrualLineCount(r)]));
  });
});
