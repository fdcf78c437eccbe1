import { OfficeMockObject } from "office-addin-mock";

// office-addin-mock imports office-addin-manifest only for its host names (see officeBackend.test.ts).
jest.mock("office-addin-manifest", () => ({ OfficeApp: { Excel: "excel", OneNote: "onenote", Outlook: "outlook", PowerPoint: "powerpoint", Project: "project", Word: "word" } }));
import { Dec, buildSchedule, fromYmd, parseMonth, reconcile } from "../../src/engine";
import { keptTextFrom, reconSheets, sheetWidth } from "../../src/workbook/reconSheets";
import { OfficeBackend } from "../../src/workbook/office/officeBackend";

const LIMIT = 5 * 1024 * 1024; // Excel on the web: 5 MB per request

/** A month of 900 portfolios: 27,900 Accruals rows and 900 Recon rows. */
function largeMonth() {
  const month = parseMonth("2024-01");
  const names = Array.from({ length: 900 }, (_, i) => `Portfolio ${String(i + 1).padStart(3, "0")} Growth Strategy`);
  const { schedule } = buildSchedule(names.map((portfolio, i) => ({ portfolio, effectiveFrom: fromYmd(2020, 1, 1), breakpoint: new Dec(0), rate: new Dec("0.001"), row: i + 2 })));
  const netAssets = names.flatMap((portfolio, p) => Array.from({ length: 31 }, (_, d) => ({ date: fromYmd(2024, 1, d + 1), portfolio, netAssets: new Dec(100000000 + p * 1000 + d), row: p * 31 + d + 2 })));
  const invoices = names.map((portfolio, i) => ({ month, portfolio, billedFee: new Dec("8469.95"), row: i + 2 }));
  const report = reconcile({ schedule, netAssets, invoices, month, tolerance: new Dec("0.01") });
  return reconSheets(report, keptTextFrom(null));
}

/**
 * An Excel workbook as office-addin-mock objects; every range written is recorded with the request (sync)
 * it went out in, and what it carries, so the test can measure each request.
 */
function workbook(existing: string[], failAtSync = Infinity) {
  const requests: { cells: number; bytes: number; rows: number; ops: string[] }[] = [{ cells: 0, bytes: 0, rows: 0, ops: [] }];
  const current = () => requests[requests.length - 1];
  const sheets = new Map<string, { name: string; deleted: boolean; formulas: number }>(existing.map((n) => [n, { name: n, deleted: false, formulas: 0 }]));
  /** Conditional formats added (office-addin-mock has none): a small fake of range.conditionalFormats.add and its custom rule and format. */
  const conditional: { sheet: { name: string }; addedTo: string; ref: string; type: string; custom: { rule: { formula: string }; format: { fill: { color: string }; font: { color: string; bold: boolean } } } }[] = [];
  const sheetApi = (state: { name: string; deleted: boolean; formulas: number }) => {
    const api = {
      get name() {
        return state.name;
      },
      set name(v: string) {
        current().ops.push(`rename ${state.name} -> ${v}`);
        state.name = v;
      },
      delete: () => {
        current().ops.push(`delete ${state.name}`);
        state.deleted = true;
      },
      getRangeByIndexes: (row: number, _col: number, rowCount: number) => {
        const r = current();
        r.rows += rowCount;
        const range = {
          format: { columnWidth: 0 },
          set values(v: unknown[][]) {
            r.cells += v.length * (v[0]?.length ?? 0);
            r.bytes += JSON.stringify(v).length;
          },
          set numberFormat(v: unknown[][]) {
            r.bytes += JSON.stringify(v).length;
          },
          set formulas(v: unknown[][]) {
            state.formulas += v.flat().filter((f) => typeof f === "string" && f.startsWith("=")).length;
            r.bytes += JSON.stringify(v).length;
          },
        };
        void row;
        return range;
      },
      getCell: () => ({ format: { font: { bold: false } } }),
      getRange: (ref: string) => ({
        conditionalFormats: {
          add: (type: string) => {
            current().ops.push(`conditional format ${state.name}!${ref}`);
            const cf = { sheet: state, addedTo: state.name, ref, type, custom: { rule: { formula: "" }, format: { fill: { color: "" }, font: { color: "", bold: false } } } };
            conditional.push(cf);
            return cf;
          },
        },
      }),
      freezePanes: { freezeRows: () => undefined },
    };
    return api;
  };
  let syncs = 0;
  const data = {
    context: {
      workbook: {
        worksheets: {
          present: { isNullObject: false },
          absent: { isNullObject: true },
          getItemOrNullObject: function (name: string) {
            const s = [...sheets.values()].find((x) => x.name === name && !x.deleted);
            if (!s) return this.absent;
            const api = sheetApi(s) as unknown as { isNullObject: boolean };
            api.isNullObject = false;
            return api;
          },
          add: (name: string) => {
            current().ops.push(`add ${name}`);
            const s = { name, deleted: false, formulas: 0 };
            sheets.set(`${name}#${sheets.size}`, s);
            return sheetApi(s);
          },
        },
      },
    },
    run: async function <T>(callback: (context: unknown) => Promise<T>): Promise<T> {
      return callback(this.context);
    },
  };
  const mock = new OfficeMockObject(data) as unknown as { context: { sync: () => Promise<void>; workbook: { worksheets: Record<string, { load: (p: string) => void }> } }; run: unknown };
  mock.context.workbook.worksheets.present.load("isNullObject");
  mock.context.workbook.worksheets.absent.load("isNullObject");
  const sync = mock.context.sync.bind(mock.context);
  mock.context.sync = async () => {
    if (++syncs >= failAtSync) throw new Error("RequestPayloadSizeLimitExceeded");
    await sync();
    requests.push({ cells: 0, bytes: 0, rows: 0, ops: [] });
  };
  // Excel's enum, as Office.js defines it (the mock has no enums).
  (mock as unknown as { ConditionalFormatType: unknown }).ConditionalFormatType = { custom: "Custom" };
  (globalThis as unknown as { Excel: unknown }).Excel = mock;
  const live = () => [...sheets.values()].filter((s) => !s.deleted);
  return { requests, live, conditional };
}

describe("month-end writes through Office.js go in chunks (office-addin-mock)", () => {
  const models = largeMonth();
  const accrualRows = models[1].rows.length;

  it("a 900-portfolio month: every request stays far under 5 MB, at most 5,000 rows or 50,000 cells each", async () => {
    expect(accrualRows).toBe(1 + 900 * 31);
    const { requests, live } = workbook(["Net Assets", "Recon 2024-01", "Accruals 2024-01"]);
    await new OfficeBackend().writeSheets(models);
    const biggest = Math.max(...requests.map((r) => r.bytes));
    console.log(`${requests.length} requests for ${accrualRows} Accruals rows; largest ${(biggest / 1024).toFixed(0)} KB`);
    for (const r of requests) {
      expect(r.bytes).toBeLessThan(LIMIT / 2);
      expect(r.rows).toBeLessThanOrEqual(5000 + 50); // a chunk plus the column widths
    }
    // In one request the whole Accruals sheet would have been over the limit's half: chunking is needed, not decorative.
    expect(requests.reduce((n, r) => n + r.bytes, 0)).toBeGreaterThan(LIMIT / 2);
    // Full chunks: 50,000 cells each (3,846 rows of the Accruals sheet's 13 columns).
    const fullChunk = Math.floor(50000 / sheetWidth(models[1].rows));
    expect(requests.filter((r) => r.rows >= fullChunk).length).toBeGreaterThanOrEqual(5);
    // The old sheets are replaced by the new ones, under their own names, and the Recon formulas are in.
    expect(live().map((s) => s.name).sort()).toEqual(["Accruals 2024-01", "Net Assets", "Recon 2024-01"]);
    expect(live().find((s) => s.name === "Recon 2024-01")!.formulas).toBeGreaterThanOrEqual(900 * 3);
    // Old sheets are deleted only after every new sheet is complete, and formulas go in after the renames.
    const ops = requests.flatMap((r) => r.ops);
    expect(ops.indexOf("delete Recon 2024-01")).toBeGreaterThan(ops.lastIndexOf("add ~Accruals 2024-01"));
  });

  it("a failure half-way leaves the workbook as it was: old sheets kept, staged sheets removed", async () => {
    const { live } = workbook(["Recon 2024-01", "Accruals 2024-01"], 4);
    await expect(new OfficeBackend().writeSheets(models)).rejects.toThrow("RequestPayloadSizeLimitExceeded");
    expect(live().map((s) => s.name).sort()).toEqual(["Accruals 2024-01", "Recon 2024-01"]);
  });
});

/** Office.context.requirements as a host that has (or lacks) ExcelApi 1.6; undefined removes Office.js altogether. */
function host(excelApi: string | undefined) {
  const g = globalThis as unknown as { Office?: unknown };
  if (excelApi === undefined) delete g.Office;
  else g.Office = { context: { requirements: { isSetSupported: (set: string, version: string) => set === "ExcelApi" && Number(version) <= Number(excelApi) } } };
}

describe("conditional formatting on the Recon sheet's non-OK rows, through Office.js (ExcelApi 1.6)", () => {
  const models = largeMonth();
  afterEach(() => host(undefined));

  it("where the host has ExcelApi 1.6: one custom rule over the portfolio rows, Status not OK, in the attention style, added to the staged sheet", async () => {
    host("1.9");
    const { requests, live, conditional } = workbook(["Recon 2024-01"]);
    await new OfficeBackend().writeSheets(models);
    // 900 portfolio rows under the header: A2:M901 (13 Recon columns, A to M); the formula is relative to A2, as the .xlsx writer's cfRule.
    expect(conditional.map((c) => ({ sheet: c.sheet.name, addedTo: c.addedTo, ref: c.ref, type: c.type, formula: c.custom.rule.formula }))).toEqual([
      { sheet: "Recon 2024-01", addedTo: "~Recon 2024-01", ref: "A2:M901", type: "Custom", formula: '=$H2<>"OK"' },
    ]);
    expect(conditional[0].custom.format).toEqual({ fill: { color: "#FFC7CE" }, font: { color: "#9C0006", bold: true } });
    // Within the staging scheme: added while the sheet is staged, before the old sheet goes and the new one takes its name.
    const ops = requests.flatMap((r) => r.ops);
    expect(ops.indexOf('conditional format ~Recon 2024-01!A2:M901')).toBeGreaterThan(ops.indexOf("add ~Recon 2024-01"));
    expect(ops.indexOf('conditional format ~Recon 2024-01!A2:M901')).toBeLessThan(ops.indexOf("delete Recon 2024-01"));
    expect(live().map((s) => s.name).sort()).toEqual(["Accruals 2024-01", "Recon 2024-01"]);
  });

  it("where the host lacks ExcelApi 1.6, or there is no Office.js: the sheets are written without it, and no error", async () => {
    for (const version of ["1.5", undefined]) {
      host(version);
      const { live, conditional } = workbook([]);
      await expect(new OfficeBackend().writeSheets(models)).resolves.toBeUndefined();
      expect(conditional).toEqual([]);
      expect(live().map((s) => s.name).sort()).toEqual(["Accruals 2024-01", "Recon 2024-01"]);
    }
  });
});

describe("long blocks are read in slices (Excel on the web refuses a response over 5 MB)", () => {
  it("45,000 rows of net assets come back whole and in order, at most 20,000 rows per response", async () => {
    const { readOfficeBlock, ROWS_PER_READ } = await import("../../src/workbook/office/officeBlocks");
    const rows = [["Date", "Portfolio", "Net Assets"], ...Array.from({ length: 45000 }, (_, i) => [45292 + (i % 31), `Portfolio ${Math.floor(i / 31)}`, 1e8 + i])];
    const responses: number[] = [];
    const slice = (first: number, count: number) => ({
      load: () => undefined,
      get values() {
        responses.push(count);
        return rows.slice(first, first + count);
      },
    });
    const data = {
      context: {
        workbook: {
          tables: { none: { isNullObject: true }, getItemOrNullObject: function () { return this.none; } },
          worksheets: {
            sheet: {
              isNullObject: false,
              name: "Net Assets",
              id: "{N1}",
              used: {
                rowIndex: 0,
                columnIndex: 0,
                rowCount: rows.length,
                columnCount: 3,
                getCell: (first: number) => ({ getResizedRange: (dr: number) => slice(first, dr + 1) }),
              },
              getUsedRange: function () { return this.used; },
            },
            getItemOrNullObject: function () { return this.sheet; },
          },
        },
      },
    };
    const mock = new OfficeMockObject(data) as unknown as { context: Excel.RequestContext & { workbook: { tables: { none: { load: (p: string) => void } }; worksheets: { sheet: { load: (p: string) => void } } } } };
    mock.context.workbook.tables.none.load("isNullObject");
    mock.context.workbook.worksheets.sheet.load("isNullObject");
    await mock.context.sync();
    const block = await readOfficeBlock(mock.context, "netAssets");
    expect(block!.rows).toEqual(rows.slice(1));
    expect(block!.header).toEqual(rows[0]);
    expect(responses).toEqual([ROWS_PER_READ, ROWS_PER_READ, 45001 - 2 * ROWS_PER_READ]);
  });
});
