// The Net Assets block read straight into columns (the .xlsx backend's month-end path) gives the rows the
// grid gives, and a month's window drops only rows the month cannot use, after checking every row.
import ExcelJS from "exceljs";
import fc from "fast-check";
import { readFileSync } from "fs";
import path from "path";
import { NetAssetColumns, parseIsoDate } from "../../src/engine";
import { ColumnBlock, ColumnBuilder, ColumnCollector, isColumnBlock } from "../../src/workbook/columns";
import { CellBlock, NetAssetRow, readNetAssetColumns, readNetAssets } from "../../src/workbook/contract";
import { Cell } from "../../src/workbook/cells";
import { FileBackend } from "../../src/workbook/xlsx/fileBackend";
import { parseRef, refColumn } from "../../src/workbook/xlsx/xml";

const FIXTURES = path.join(__dirname, "..", "fixtures");
const d = parseIsoDate;

async function both(bytes: Uint8Array | ArrayBuffer, name: string) {
  const a = await FileBackend.open(bytes, name);
  const columns = await a.readColumns("netAssets");
  const b = await FileBackend.open(bytes, name);
  const grid = await b.readBlock("netAssets");
  return { columns: columns!, grid: grid!, system: await a.dateSystem() };
}

async function book(build: (wb: ExcelJS.Workbook) => void): Promise<ArrayBuffer> {
  const wb = new ExcelJS.Workbook();
  build(wb);
  return (await wb.xlsx.writeBuffer()) as ArrayBuffer;
}

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

/** readNetAssetColumns' rows as readNetAssets' row objects, field for field (a decimal where it holds one, else the number). */
function rowsOfColumns(c: NetAssetColumns): NetAssetRow[] {
  const out: NetAssetRow[] = [];
  for (let j = 0; j < c.length; j++) out.push({ date: c.dates[j], portfolio: c.portfolios[j], netAssets: c.decimals?.[j] ?? c.numbers[j], row: c.rows[j] });
  return out;
}

describe("Net Assets read into columns", () => {
  it.each(["five-portfolios-2024-01.xlsx", "libreoffice.xlsx", "prefixed.xlsx", "date1904.xlsx", "strict.xlsx", "../../samples/month-end-2024-01.xlsx"])("%s: the same rows as the grid", async (file) => {
    const { columns, grid, system } = await both(readFileSync(path.join(FIXTURES, file)), file);
    expect(isColumnBlock(columns)).toBe(true);
    const rows = readNetAssets(grid, system);
    expect(rows.length).toBeGreaterThan(20);
    expect(readNetAssets(columns, system)).toEqual(rows);
  });

  it("a table placed anywhere, its columns in another order, an extra column and a Total Row", async () => {
    const bytes = await book((wb) => {
      const ws = wb.addWorksheet("Prices");
      ws.getCell("A1").value = "not part of the table";
      ws.addTable({
        name: "NetAssets",
        ref: "C4",
        headerRow: true,
        totalsRow: true,
        columns: [{ name: "Portfolio" }, { name: "Comment" }, { name: "Net Assets", totalsRowFunction: "sum" }, { name: "Date" }],
        rows: [
          ["Fund A", "x", 100.25, day("2024-01-02")],
          ["Fund B", "", "1,234.50", day("2024-01-02")],
          ["Fund A", "y", 101, day("2024-01-03")],
        ],
      });
    });
    const { columns, grid, system } = await both(bytes, "prices.xlsx");
    expect(isColumnBlock(columns)).toBe(true);
    const rows = readNetAssets(columns, system);
    expect(rows.map((r) => [r.row, r.portfolio, String(r.netAssets), r.date])).toEqual([
      [5, "Fund A", "100.25", d("2024-01-02")],
      [6, "Fund B", "1234.5", d("2024-01-02")],
      [7, "Fund A", "101", d("2024-01-03")],
    ]);
    expect(rows).toEqual(readNetAssets(grid, system));
  });

  it("a missing column is the grid's message, naming the header row", async () => {
    const bytes = await book((wb) => {
      const ws = wb.addWorksheet("Net Assets");
      ws.addRow(["Date", "Fund", "Net Assets"]);
      ws.addRow([day("2024-01-02"), "Fund A", 5]);
    });
    const { columns, grid } = await both(bytes, "nav.xlsx");
    expect(() => readNetAssets(columns)).toThrow('nav.xlsx, sheet "Net Assets", row 1: no column "Portfolio" in the header (found: "Date", "Fund", "Net Assets")');
    expect(() => readNetAssets(grid)).toThrow('nav.xlsx, sheet "Net Assets", row 1: no column "Portfolio" in the header (found: "Date", "Fund", "Net Assets")');
  });
});

describe("a month's window of net assets", () => {
  // Rows 2..: Fund A daily around January, Fund B with its last value before January on 2023-12-15 and rows out of order.
  const sheet = (extra: (ws: ExcelJS.Worksheet) => void = () => {}) =>
    book((wb) => {
      const ws = wb.addWorksheet("Net Assets");
      ws.addRow(["Date", "Portfolio", "Net Assets"]);
      ws.addRow([day("2023-12-28"), "Fund A", 1]); // 2
      ws.addRow([day("2023-12-29"), "Fund A", 2]); // 3: Fund A's last before the window
      ws.addRow([day("2024-01-02"), "Fund A", 3]); // 4
      ws.addRow([day("2024-01-31"), "Fund A", 4]); // 5
      ws.addRow([day("2024-02-01"), "Fund A", 5]); // 6: after the month
      ws.addRow([day("2023-12-15"), "Fund B", 6]); // 7: Fund B's last before the window
      ws.addRow([day("2023-11-30"), "Fund B", 7]); // 8
      ws.addRow([day("2024-01-05"), "fund b ", 8]); // 9
      extra(ws);
    });
  const january = { from: d("2024-01-01"), to: d("2024-01-31") };

  it("keeps the month's rows and each portfolio's latest value before it, in sheet order", async () => {
    const b = await FileBackend.open(await sheet(), "w.xlsx");
    const rows = readNetAssets((await b.readColumns("netAssets"))!, 1900, january);
    expect(rows.map((r) => [r.row, r.portfolio, r.netAssets])).toEqual([
      [3, "Fund A", 2],
      [4, "Fund A", 3],
      [5, "Fund A", 4],
      [7, "Fund B", 6],
      [9, "fund b", 8],
    ]);
  });

  it("a window starting the day before the month (prior-day timing) keeps that day as in the window", async () => {
    const b = await FileBackend.open(await sheet(), "w.xlsx");
    const rows = readNetAssets((await b.readColumns("netAssets"))!, 1900, { from: d("2023-12-31"), to: d("2024-01-31") });
    expect(rows.map((r) => r.row)).toEqual([3, 4, 5, 7, 9]);
  });

  it("still checks rows outside the window: a negative value a year earlier", async () => {
    const bytes = await sheet((ws) => ws.addRow([day("2023-01-03"), "Fund A", -5]));
    const b = await FileBackend.open(bytes, "w.xlsx");
    const block = (await b.readColumns("netAssets"))!;
    expect(() => readNetAssets(block, 1900, january)).toThrow('w.xlsx, sheet "Net Assets", row 10, column "Net Assets" (C): is negative: -5; net assets cannot be below zero');
  });

  it("still checks rows outside the window: a date given twice for a portfolio, the second out of order", async () => {
    const bytes = await sheet((ws) => ws.addRow([day("2023-12-28"), "FUND A", 9]));
    const block = (await (await FileBackend.open(bytes, "w.xlsx")).readColumns("netAssets"))!;
    expect(() => readNetAssets(block, 1900, january)).toThrow('w.xlsx, sheet "Net Assets", row 10, column "Date" (A): 2023-12-28 appears twice for FUND A (also row 2); give one value a date');
  });

  it("still checks rows outside the window: a date that is not a date", async () => {
    const bytes = await sheet((ws) => ws.addRow(["4/1/2023", "Fund A", 9]));
    const block = (await (await FileBackend.open(bytes, "w.xlsx")).readColumns("netAssets"))!;
    expect(() => readNetAssets(block, 1900, january)).toThrow(/row 10, column "Date" \(A\): is the text "4\/1\/2023", an ambiguous date/);
  });
});

describe("a column sized up front", () => {
  it("holds what a column grown from the default size holds, whatever the estimate (smaller, larger, past the row limit)", () => {
    const cells: Cell[] = [5, "a", null, true, { formula: "A1" }, 0, "b", "a", -1.5, { day: 45000 }];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...cells), { maxLength: 5000 }), fc.integer({ min: 0, max: 3_000_000 }), fc.integer({ min: 0, max: 5000 }), (vals, rows, extra) => {
        const grown = new ColumnBuilder();
        const sized = new ColumnBuilder(rows);
        vals.forEach((v, i) => {
          grown.set(i, v);
          sized.set(i, v);
        });
        const n = vals.length + (extra % 7);
        expect(sized.done(n)).toEqual(grown.done(n));
      }),
      { numRuns: 60 },
    );
  });

  it("the .xlsx backend reads the same columns with its row estimate as without one", async () => {
    const bytes = await book((wb) => {
      const ws = wb.addWorksheet("Net Assets");
      ws.addRow(["Date", "Portfolio", "Net Assets"]);
      for (let i = 0; i < 3000; i++) ws.addRow([new Date(Date.UTC(2024, 0, 1 + (i % 300))), `P${Math.floor(i / 300)}`, 1000 + i]);
    });
    const a = await FileBackend.open(bytes, "hint.xlsx");
    expect(a.rowsHint("Net Assets")).toBeGreaterThan(1024);
    const withHint = await a.readColumns("netAssets");
    const b = await FileBackend.open(bytes, "hint.xlsx");
    (b as unknown as { rowsHint?: unknown }).rowsHint = undefined;
    expect(await b.readColumns("netAssets")).toEqual(withHint);
  });
});

describe("readNetAssets' ordered scan (rows in date order per portfolio) against the grid", () => {
  // The columns read long runs of ordinary rows (a serial, a known portfolio text, an amount in range, a date
  // after the portfolio's latest) in a loop of their own and hand any other row to the general one. Sheets
  // here are mostly such runs, in either common layout, with the odd row of every other kind dropped in:
  // the grid (which never takes that loop) must give the same rows, or the same message.
  const names = ["Fund A", "fund a", " Fund  A", "Fund B", "FUND B", "Fund C", "Fund D"];
  const odd = fc.oneof(
    fc.constant<Cell[]>([null, null, null]),
    fc.constantFrom<Cell[]>(
      [45300.5, "Fund A", 100],
      [60, "Fund B", 100],
      [2958466, "Fund C", 100],
      ["2024-01-05", "Fund A", 100],
      [45301, "Fund A", "12.50"],
      [45301, "Fund B", -1],
      [45301, "Fund C", 1e15],
      [45301, "Fund A", true],
      [45301, 42, 100],
      [45301, "", 100],
      [45301, null, 100],
      [null, "Fund B", 100],
      [45301, "Fund E", 5],
    ),
  );
  // One cell of an ordinary row changed (so the row stays in date order for its portfolio): [column, value].
  const oddCell = fc.oneof(
    fc.tuple(fc.constant(0), fc.constantFrom<Cell>(60, 61, 2958465, 2958466, 2958465.5, 45300.5, 0, -1, "2024-01-05", true, null)),
    fc.tuple(fc.constant(1), fc.constantFrom<Cell>(42, "", " ", null, "Fund E", " fund  b ", true)),
    fc.tuple(fc.constant(2), fc.constantFrom<Cell>(-1, -0, 0, 1e15, 999999999999999.9, 1e15 - 1, "12.50", true, null, Number.NaN)),
  );
  const sheet = fc.record({
    byPortfolio: fc.boolean(),
    portfolios: fc.integer({ min: 1, max: 5 }),
    days: fc.integer({ min: 1, max: 40 }),
    start: fc.integer({ min: 45270, max: 45300 }),
    skip: fc.array(fc.integer({ min: 0, max: 400 }), { maxLength: 6 }),
    edits: fc.array(fc.tuple(fc.integer({ min: 0, max: 400 }), odd), { maxLength: 4 }),
    cells: fc.array(fc.tuple(fc.integer({ min: 0, max: 400 }), oddCell), { maxLength: 3 }),
    repeat: fc.option(fc.tuple(fc.integer({ min: 0, max: 400 }), fc.integer({ min: 0, max: 400 })), { nil: undefined }),
    cents: fc.array(fc.integer({ min: 0, max: 1e12 }), { minLength: 1, maxLength: 7 }),
  });
  it("the same rows or the same message, on sheets in date order with odd rows among them", () => {
    fc.assert(
      fc.property(sheet, fc.integer({ min: 45280, max: 45340 }), fc.integer({ min: 0, max: 30 }), fc.constantFrom(0, 1), fc.constantFrom<1900 | 1904>(1900, 1904), (s, lo, len, lag, system) => {
        let rows: Cell[][] = [];
        const at = (p: number, t: number): Cell[] => [s.start + t, names[p % names.length], s.cents[(p + t) % s.cents.length] / 100];
        if (s.byPortfolio) for (let p = 0; p < s.portfolios; p++) for (let t = 0; t < s.days; t++) rows.push(at(p, t));
        else for (let t = 0; t < s.days; t++) for (let p = 0; p < s.portfolios; p++) rows.push(at(p, t));
        rows = rows.filter((_, i) => !s.skip.includes(i));
        for (const [i, r] of s.edits) if (rows.length) rows.splice(i % (rows.length + 1), 0, r);
        for (const [i, [c, v]] of s.cells) if (rows.length) rows[i % rows.length] = rows[i % rows.length].map((x, k) => (k === c ? v : x));
        if (s.repeat && rows.length) rows.splice(s.repeat[1] % (rows.length + 1), 0, [...rows[s.repeat[0] % rows.length]]);
        const window = { from: lo - 25569 - lag, to: lo - 25569 + len };
        const header: Cell[] = ["Date", "Portfolio", "Net Assets"];
        const grid: CellBlock = { sheet: "Net Assets", headerRow: 1, firstColumn: 0, header, rows };
        const builders = [new ColumnBuilder(), new ColumnBuilder(), new ColumnBuilder()];
        rows.forEach((r, i) => r.forEach((v, c) => builders[c].set(i, v)));
        const columns: ColumnBlock = { columnar: true, sheet: "Net Assets", headerRow: 1, firstColumn: 0, header, rowCount: rows.length, columns: builders.map((b) => b.done(rows.length)) };
        const read = (block: CellBlock | ColumnBlock, w?: { from: number; to: number }) => {
          try {
            return readNetAssets(block, system, w);
          } catch (e) {
            return String(e);
          }
        };
        // The month end's columns: the very rows (numbers, -0 and decimals included) or the very message.
        const readColumns = (block: CellBlock | ColumnBlock, w?: { from: number; to: number }) => {
          try {
            return rowsOfColumns(readNetAssetColumns(block, system, w));
          } catch (e) {
            return String(e);
          }
        };
        const want = read(grid, window);
        expect(read(columns, window)).toEqual(want);
        expect(readColumns(columns, window)).toEqual(want);
        expect(readColumns(grid, window)).toEqual(want);
        const got = readColumns(columns, window);
        // A number the very number (-0 included); a decimal (another reading's object) the same value.
        const same = (a: NetAssetRow["netAssets"], b: NetAssetRow["netAssets"]) => (typeof b === "number" ? Object.is(a, b) : typeof a !== "number" && a.equals(b));
        if (typeof want !== "string" && typeof got !== "string") got.forEach((r, i) => expect(same(r.netAssets, want[i].netAssets)).toBe(true));
        expect(read(columns)).toEqual(read(grid));
        expect(readColumns(columns)).toEqual(read(grid));
      }),
      { numRuns: 600 },
    );
  });
});

describe("a run of cells taken at once", () => {
  it("gives the block that the same cells one by one give (header rows, columns outside, blank texts, other cells, rows past the bottom)", () => {
    const texts = ["Date", "Portfolio", "Net Assets", "P1", "P2", " ", "", "P1 ", "x"];
    const others: Cell[] = [true, { formula: "A1" }, { day: 45000 }, "#N/A"];
    const cellArb = fc.oneof(
      fc.record({ kind: fc.constant(1), v: fc.double({ noNaN: true }) }),
      fc.record({ kind: fc.constant(2), v: fc.integer({ min: 0, max: texts.length - 1 }) }),
      fc.record({ kind: fc.constant(3), v: fc.integer({ min: 0, max: others.length - 1 }) }),
    );
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 1, max: 7 }), cellArb), { maxLength: 200 }),
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 3, max: 7 }),
        fc.integer({ min: 5, max: 120 }),
        fc.boolean(),
        (steps, headerRow, left, right, bottom, hasHeaderRow) => {
          const g = { headerRow, hasHeaderRow, left, right, bottom, fallback: ["F1"] };
          const locate = (header: Cell[]) => header.map((_, i) => (i % 2 === 0 ? i : -1));
          // Cells in row order: each step moves on 0-3 rows.
          let row = 1;
          const cells: [number, number, number, number][] = [];
          for (const [dr, col, c] of steps) {
            row += dr;
            cells.push([row, col, c.kind, c.v]);
          }
          const value = (kind: number, v: number): Cell => (kind === 1 ? v : kind === 2 ? texts[v] : others[v]);
          const one = new ColumnCollector(g, locate);
          for (const [r, c, kind, v] of cells) one.cell(r, c, value(kind, v));
          // The same cells as a run (split in two runs, and after a few cells one by one).
          const at = Math.floor(cells.length / 3);
          const two = new ColumnCollector(g, locate, 2);
          const runOf = (part: [number, number, number, number][]) => ({
            count: part.length,
            rows: Int32Array.from(part.map((x) => x[0])),
            cols: Int32Array.from(part.map((x) => x[1])),
            kinds: Uint8Array.from(part.map((x) => x[2])),
            nums: Float64Array.from(part.map((x) => (x[2] === 3 ? 0 : x[3]))),
            texts,
            others: part.filter((x) => x[2] === 3).map((x) => others[x[3]]),
          });
          for (const [r, c, kind, v] of cells.slice(0, at)) two.cell(r, c, value(kind, v));
          const mid = at + Math.floor((cells.length - at) / 2);
          two.run(runOf(cells.slice(at, mid)));
          two.run(runOf(cells.slice(mid)));
          expect(two.done({ sheet: "S" })).toEqual(one.done({ sheet: "S" }));
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe("the cell reference reader of the sheet path", () => {
  it("finds the column parseRef finds, and refuses what it refuses", () => {
    const refs = ["A1", "a1", "$B$7", "XFD1048576", "XFE1", "A1048577", "A0", "ZZZZZZ24", "AB", "12", "", "$", "A$", "A1$", "A01", "AAA12345678", "XFD01048576", "Ä1", "A-1", "A 1"];
    fc.assert(
      fc.property(fc.oneof(fc.constantFrom(...refs), fc.stringMatching(/^\$?[A-Za-z]{0,4}\$?\d{0,8}$/)), (ref) => {
        expect(refColumn(ref)).toBe(parseRef(ref)?.col ?? 0);
      }),
      { numRuns: 2000 },
    );
  });
});

describe("the month end's columns (readNetAssetColumns)", () => {
  it("keep each value as read: a -0 read by the ordered scan stays -0, a decimal from text stays that decimal", () => {
    const header: Cell[] = ["Date", "Portfolio", "Net Assets"];
    const rows: Cell[][] = [
      [45290, "Fund A", 100],
      [45292, "Fund A", 200.5],
      [45293, "Fund A", -0],
      [45294, "Fund A", "300.125"],
      [45295, "Fund A", 400],
      [45293, "Fund B", -0],
    ];
    const builders = [new ColumnBuilder(), new ColumnBuilder(), new ColumnBuilder()];
    rows.forEach((r, i) => r.forEach((v, c) => builders[c].set(i, v)));
    const columns: ColumnBlock = { columnar: true, sheet: "Net Assets", headerRow: 1, firstColumn: 0, header, rowCount: rows.length, columns: builders.map((b) => b.done(rows.length)) };
    const window = { from: 45292 - 25569, to: 45295 - 25569 };
    const want = readNetAssets(columns, 1900, window);
    const got = rowsOfColumns(readNetAssetColumns(columns, 1900, window));
    expect(got).toEqual(want);
    expect(got.map((r) => r.row)).toEqual([2, 3, 4, 5, 6, 7]);
    expect(Object.is(got[2].netAssets, -0)).toBe(true);
    expect(Object.is(got[5].netAssets, -0)).toBe(true);
    expect(String(got[3].netAssets)).toBe("300.125");
  });
});

describe("readNetAssets against a plain reading", () => {
  // The plain way: every row in order, each portfolio's dates in a map, the window's rows and each
  // portfolio's latest value before it, sorted by row. The columns and the grid must both give it.
  const key = (name: string) => name.trim().replace(/\s+/g, " ").toLowerCase();
  function plain(rows: [number | null, string | null, number | null][], window: { from: number; to: number }): NetAssetRow[] | string {
    const dates = new Map<string, Map<number, number>>();
    const out: NetAssetRow[] = [];
    const carry = new Map<string, NetAssetRow>();
    for (let i = 0; i < rows.length; i++) {
      const [serial, name, value] = rows[i];
      if (serial === null && name === null && value === null) continue;
      const row = i + 2;
      const date = serial! - 25569; // 1900 system, after 1900-03-01: serial 25569 is 1970-01-01 (day 0)
      const k = key(name!);
      const seen = dates.get(k) ?? dates.set(k, new Map()).get(k)!;
      if (seen.has(date)) return `row ${row}: also row ${seen.get(date)}`;
      seen.set(date, row);
      const r = { date, portfolio: name!.trim(), netAssets: value!, row };
      if (date >= window.from && date <= window.to) out.push(r);
      else if (date < window.from && !(carry.has(k) && carry.get(k)!.date >= date)) carry.set(k, r);
    }
    return [...out, ...carry.values()].sort((a, b) => a.row - b.row);
  }
  const rowArb = fc.oneof(
    { weight: 12, arbitrary: fc.tuple(fc.integer({ min: 45280, max: 45340 }), fc.constantFrom("Fund A", "fund a", " Fund  A", "Fund B", "FUND B", "Fund C"), fc.integer({ min: 0, max: 1e9 }).map((c) => c / 100)) },
    { weight: 1, arbitrary: fc.constant<[null, null, null]>([null, null, null]) },
  );
  it("dates from serials: the columns' own conversion of whole serials gives what fromExcelSerial gives (the grid's), edges and errors included", () => {
    const serial = fc.oneof(
      fc.integer({ min: -2, max: 70 }),
      fc.integer({ min: 2956990, max: 2958475 }),
      fc.integer({ min: 1, max: 2958465 }),
      fc.double({ min: -2, max: 2958470, noNaN: true }),
      fc.constantFrom(59.999, 60, 60.5, 61, 61.25, 0, 0.5, 2957003, 2957003.9, 2957004, 2958465.99, 2958466),
    );
    fc.assert(
      fc.property(fc.array(serial, { minLength: 1, maxLength: 8 }), fc.constantFrom<1900 | 1904>(1900, 1904), (serials, system) => {
        const rows: Cell[][] = serials.map((s, i) => [s, `Fund ${i}`, 100]);
        const header: Cell[] = ["Date", "Portfolio", "Net Assets"];
        const grid: CellBlock = { sheet: "Net Assets", headerRow: 1, firstColumn: 0, header, rows };
        const builders = [new ColumnBuilder(), new ColumnBuilder(), new ColumnBuilder()];
        rows.forEach((r, i) => r.forEach((v, c) => builders[c].set(i, v)));
        const columns: ColumnBlock = { columnar: true, sheet: "Net Assets", headerRow: 1, firstColumn: 0, header, rowCount: rows.length, columns: builders.map((b) => b.done(rows.length)) };
        const read = (block: CellBlock | ColumnBlock) => {
          try {
            return readNetAssets(block, system);
          } catch (e) {
            return String(e);
          }
        };
        expect(read(columns)).toEqual(read(grid));
      }),
      { numRuns: 1000 },
    );
  });

  it("the same rows, or the same repeated date refused at the same row, from columns and from a grid", () => {
    fc.assert(
      fc.property(fc.array(rowArb, { maxLength: 60 }), fc.integer({ min: 45280, max: 45340 }), fc.integer({ min: 0, max: 30 }), (rows, lo, len) => {
        const window = { from: lo - 25569, to: lo - 25569 + len };
        const header: Cell[] = ["Date", "Portfolio", "Net Assets"];
        const grid: CellBlock = { sheet: "Net Assets", headerRow: 1, firstColumn: 0, header, rows: rows.map((r) => [...r]) };
        const builders = [new ColumnBuilder(), new ColumnBuilder(), new ColumnBuilder()];
        rows.forEach((r, i) => r.forEach((v, c) => builders[c].set(i, v)));
        const columns: ColumnBlock = { columnar: true, sheet: "Net Assets", headerRow: 1, firstColumn: 0, header, rowCount: rows.length, columns: builders.map((b) => b.done(rows.length)) };
        const want = plain(rows, window);
        for (const block of [grid, columns]) {
          let got: NetAssetRow[] | string;
          try {
            got = readNetAssets(block, 1900, window);
          } catch (e) {
            const m = /row (\d+), column "Date" \(A\): .* appears twice for .* \(also row (\d+)\)/.exec(String(e));
            got = m ? `row ${m[1]}: also row ${m[2]}` : String(e);
          }
          expect(got).toEqual(want);
        }
      }),
      { numRuns: 300 },
    );
  });
});
