// The Accruals sheet's unwaived rows go from numbers straight to bytes (LazyRows.numbers, ByteSink.numberRow),
// without cells. They must be exactly the rows transientRow gives, and the written package exactly the one
// the cell path writes: the same parts, byte for byte (style indices included), on reports of every shape.
import { strFromU8, unzipSync } from "fflate";
import { readFileSync } from "fs";
import { DateSystem, Dec, NavTiming, ReconReport, Rounding, buildSchedule, buildSubAdvisory, buildWaivers, fromYmd, parseMonth, reconcile } from "../../src/engine";
import { LazyRows, OutCell, SheetModel, keptTextFrom, reconSheets, transientRowAt } from "../../src/workbook/reconSheets";
import { FileBackend } from "../../src/workbook/xlsx/fileBackend";
import { zlibDeflater, zlibInflater } from "../../src/workbook/xlsx/xlsxFile";
import { SAMPLE } from "../cli/helpers";

/**
 * Portfolios of every kind of line: flat and tiered, weekends (runs of several days), sub-cent values and a rate
 * finer than a millionth (records, not runs), a waiver, a sub-advisory fee (lines of both kinds, and days with
 * only one), a service period, names needing escapes or outside ASCII, net assets past 10^9 and below 1.
 */
function report(rounding: Rounding, navTiming: NavTiming): ReconReport {
  const m = parseMonth("2024-01");
  const names = ["Flat", "Tiered & <Co>", "Sub-cent from the 15th", "Fine rate", "Waived", "Served 10th-20th", "Société Générale 日本", "_x0041_ Sub-advised", "Big", "Tiny"];
  const tiers: [string, string][][] = [[["0", "0.001"]], [["0", "0.0075"], ["100000000", "0.007"], ["150000000", "0.0065"]], [["0", "0.001"]], [["0", "0.0010005"]], [["0", "0.0075"], ["100000000", "0.007"]], [["0", "0.002"]], [["0", "0.0035"]], [["0", "0.006"]], [["0", "0.0125"]], [["0", "0.02"]]];
  const { schedule } = buildSchedule(names.flatMap((portfolio, p) => tiers[p].map(([b, r], t) => ({ portfolio, effectiveFrom: fromYmd(2020, 1, 1), breakpoint: new Dec(b), rate: new Dec(r), row: p * 3 + t + 2 }))));
  const netAssets = names.flatMap((portfolio, p) =>
    Array.from({ length: 32 }, (_, d) => fromYmd(2023, 12, 31) + d)
      .filter((date) => (((date + 4) % 7) + 7) % 7 < 5 || p === 1 || p === 9)
      .filter((date) => p !== 7 || date !== fromYmd(2024, 1, 17))
      .map((date, d) => {
        const cents = p === 8 ? 912_345_678_901_234 + d * 7_777_777 : p === 9 ? 37 + d : 9_000_000_000 + p * 1_234_567_891 + d * 98_765_431;
        const netAssets = p === 2 && date >= fromYmd(2024, 1, 15) ? new Dec(cents).dividedBy(1000) : p % 2 ? new Dec(cents).dividedBy(100) : cents / 100;
        return { date, portfolio, netAssets, row: p * 40 + d + 2 };
      }),
  );
  const { waivers } = buildWaivers([{ portfolio: "Waived", from: fromYmd(2024, 1, 10), to: fromYmd(2024, 1, 25), breakpoint: new Dec(0), rate: new Dec("0.005"), row: 2 }]);
  const { subAdvisory } = buildSubAdvisory([{ portfolio: "_x0041_ Sub-advised", subAdviser: "S & S", effectiveFrom: fromYmd(2020, 1, 1), breakpoint: new Dec(0), rate: new Dec("0.0025"), row: 2 }]);
  const agreements = [{ portfolio: "Served 10th-20th", commenced: fromYmd(2024, 1, 10), terminated: fromYmd(2024, 1, 20), lastApproval: null }];
  const invoices = names.map((portfolio, i) => ({ month: m, portfolio, billedFee: new Dec("1000"), row: i + 2 }));
  return reconcile({ schedule, netAssets, invoices, month: m, tolerance: new Dec("0.01"), rounding, navTiming, agreements, arrangements: { waivers, subAdvisory } });
}

/** The package's parts after writing `sheets` into the sample workbook, as text. */
async function writtenParts(sheets: SheetModel[]): Promise<Record<string, string>> {
  const b = await FileBackend.open(readFileSync(SAMPLE), "sample.xlsx", zlibInflater, zlibDeflater);
  await b.writeSheets(sheets);
  const parts = unzipSync(b.bytes());
  return Object.fromEntries(Object.entries(parts).map(([k, v]) => [k, strFromU8(v)]));
}

/** The same sheet without its rows as numbers: every row through its cells. */
const cellsOnly = (m: SheetModel): SheetModel => {
  const rows = m.rows as LazyRows;
  return { ...m, rows: new LazyRows(rows.length, rows.width, rows.row, rows.transientRow) };
};

/** Row i as cells from its numbers (what NumberRows promises), or null when it is not of the shape. */
function cellsFromNumbers(rows: LazyRows, i: number): OutCell[] | null {
  const shape = rows.numbers!;
  const nums = new Float64Array(shape.formats.length);
  const text = shape.fill(i, nums);
  if (text === null) return null;
  return shape.formats.map((numFmt, k) => {
    const value = shape.empty[k] ? null : k === shape.textColumn ? text : nums[k];
    return numFmt ? { value, numFmt } : { value };
  });
}

describe("the Accruals sheet's unwaived rows written from numbers (no cells)", () => {
  const cases: [Rounding, NavTiming, DateSystem][] = [
    ["DAILY", "SAME_DAY", 1900],
    ["PERIOD", "PRIOR_DAY", 1900],
    ["NONE", "SAME_DAY", 1904],
  ];
  it.each(cases)("%s, %s, %i: each such row is the row its cells give; the others are left to the cells", (rounding, navTiming, system) => {
    const acc = reconSheets(report(rounding, navTiming), keptTextFrom(null), system)[1].rows as LazyRows;
    expect(acc.numbers).toBeDefined();
    let viaNumbers = 0;
    const kinds = new Set<string>();
    for (let i = 0; i < acc.length; i++) {
      const cells = transientRowAt(acc, i).map((c) => ({ ...c }));
      const fromNumbers = cellsFromNumbers(acc, i);
      kinds.add(String(cells[1].value));
      if (fromNumbers === null) continue;
      viaNumbers++;
      expect(fromNumbers).toEqual(cells);
    }
    // Most lines go through the numbers; the waived, sub-advised and record-read ones and the header do not.
    expect(viaNumbers).toBeGreaterThan(acc.length / 2);
    expect(viaNumbers).toBeLessThan(acc.length - 60);
    expect(cellsFromNumbers(acc, 0)).toBeNull();
    expect(kinds.size).toBe(11); // the header and ten portfolios
  });

  it.each(cases)("%s, %s, %i: the written package is byte for byte the one written through cells", async (rounding, navTiming, system) => {
    const sheets = reconSheets(report(rounding, navTiming), keptTextFrom(null), system);
    const withNumbers = await writtenParts(sheets);
    const throughCells = await writtenParts([sheets[0], cellsOnly(sheets[1])]);
    expect(Object.keys(withNumbers).sort()).toEqual(Object.keys(throughCells).sort());
    for (const k of Object.keys(throughCells)) expect([k, withNumbers[k]]).toEqual([k, throughCells[k]]);
    const accruals = Object.values(withNumbers).find((x) => x.includes("<t xml:space=\"preserve\">Daily Accrual</t>"))!;
    expect(accruals).toContain("Tiered &amp; &lt;Co&gt;");
    expect(accruals).toContain("_x005F_x0041_ Sub-advised");
    expect(accruals).toContain("Société Générale 日本");
  });

  it("the Accruals sheet alone (its header's styles first) and after a sheet that gave its formats other styles", async () => {
    const sheets = reconSheets(report("DAILY", "SAME_DAY"), keptTextFrom(null));
    expect(await writtenParts([sheets[1]])).toEqual(await writtenParts([cellsOnly(sheets[1])]));
    // A sheet whose rows are all of the numbers' shape but the first (no header: the first row's formats are the numbers').
    const acc = sheets[1].rows as LazyRows;
    const noHeader = new LazyRows(acc.length - 1, acc.width, (i) => acc.row(i + 1), (i) => acc.transientRow(i + 1), { ...acc.numbers!, fill: (i, nums) => acc.numbers!.fill(i + 1, nums) });
    const plain = new LazyRows(acc.length - 1, acc.width, (i) => acc.row(i + 1), (i) => acc.transientRow(i + 1));
    const other: SheetModel = { name: "Other", rows: [[{ value: 1, numFmt: "0.0000%" }, { value: 2, numFmt: "#,##0.00", bold: true }]], widths: [], frozenRows: 0 };
    expect(await writtenParts([other, { ...sheets[1], rows: noHeader }])).toEqual(await writtenParts([other, { ...sheets[1], rows: plain }]));
  });

  it("rows of the numbers' shape between rows that give its columns other formats (the markup made again), an empty column without a format, numbers String must write", async () => {
    const formats = ["yyyy-mm-dd", undefined, "#,##0.00", undefined, "0.000000%"];
    const values = (i: number): number[] => [45292 + i, 0, (i * 1000003) / 7, 0, i % 3 ? i / 1e7 : -i * 1e19];
    const cells = (i: number): OutCell[] => {
      if (i % 7 === 3) return [{ value: "x", bold: true }, { value: i, numFmt: "0" }, { value: null, numFmt: "0.0%" }, { value: null, numFmt: "0" }, { value: `r${i}` }];
      const v = values(i);
      return formats.map((numFmt, k) => {
        const value = k === 1 ? `P & ${i >> 4}` : k === 3 ? null : v[k];
        return numFmt ? { value, numFmt } : { value };
      });
    };
    const n = 400;
    const numbers = {
      formats,
      empty: [false, false, false, true, false],
      textColumn: 1,
      fill: (i: number, nums: Float64Array) => {
        if (i % 7 === 3) return null;
        nums.set(values(i));
        return `P & ${i >> 4}`;
      },
    };
    const direct = new LazyRows(n, 5, cells, cells, numbers);
    const viaCells = new LazyRows(n, 5, cells, cells);
    const model = (rows: LazyRows): SheetModel => ({ name: "Shapes", rows, widths: [], frozenRows: 0 });
    const a = await writtenParts([model(direct)]);
    expect(a).toEqual(await writtenParts([model(viaCells)]));
    const sheet = Object.values(a).find((x) => x.includes("P &amp; 3"))!;
    expect(sheet).toContain("e-7</v>");
    expect(sheet).toContain("e+");
  });
});
