import { Dec, ReconRow, buildSchedule, fromYmd, parseMonth, reconcile } from "../../src/engine";
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
