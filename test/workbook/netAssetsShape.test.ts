// readNetAssets' rows keep one shape with a small-integer date (lib/, in a node of its own with
// --allow-natives-syntax to ask V8). A row whose date came from a double (a Float64Array, or an array
// holding -Infinity) stored it as a double field: V8 then gave the rows' shape a double `date`, deprecated
// the shape every earlier row had, and moved each of those rows to the new one on its next read (inside
// the merge with the carried rows: 70-120 ms of a 2,000-portfolio month end). Held by the compiled code,
// which is what the command line runs.
import { execFileSync } from "child_process";
import fs from "fs";
import path from "path";

const LIB = path.join(__dirname, "../../lib");
const have = fs.existsSync(path.join(LIB, "workbook/contract.js"));
if (!have && process.env.CI === "true") throw new Error("lib/workbook/contract.js is missing, and CI=true: run `npm run build` before jest");
if (!have) process.stderr.write("SKIPPED: the net-asset row shape test: lib/ is not built (npm run build:cli; required under CI=true)\n");
const itBuilt = have ? it : it.skip;

const SCRIPT = `
const lib = process.argv[1];
const { openFileBackend } = require(lib + "/workbook/xlsx/xlsxFile");
const { readMonthEndInputs } = require(lib + "/workbook/monthEnd");
const { readNetAssets } = require(lib + "/workbook/contract");
const { parseMonth, monthStart, monthEnd } = require(lib + "/engine");
(async () => {
  const month = parseMonth("2024-01");
  const inputs = await readMonthEndInputs(await openFileBackend(process.argv[2]), month);
  const out = [];
  for (const columns of [true, false]) {
    // The file's columns, and the same rows as a grid of cells (the pane's path).
    let block = inputs.netAssets;
    if (!columns) {
      const { columnCell } = require(lib + "/workbook/columns");
      block = { ...block, rows: Array.from({ length: block.rowCount }, (_, i) => block.columns.map((c) => columnCell(c, i))) };
      delete block.columns;
      delete block.columnar;
    }
    const rows = readNetAssets(block, 1900, { from: monthStart(month), to: monthEnd(month) });
    let smi = 0, same = 0, carried = 0;
    for (const r of rows) {
      if (%IsSmi(r.date)) smi++;
      if (%HaveSameMap(r, rows[0])) same++;
      if (r.date < monthStart(month)) carried++;
    }
    out.push({ rows: rows.length, smi, same, carried });
  }
  console.log(JSON.stringify(out));
})();
`;

describe("readNetAssets' rows (lib/)", () => {
  itBuilt("have a small-integer date and one shape, read from the file's columns or from a grid, carried rows too", () => {
    const sample = path.join(__dirname, "../../samples/month-end-2024-01.xlsx");
    const out = JSON.parse(execFileSync(process.execPath, ["--allow-natives-syntax", "-e", SCRIPT, LIB, sample], { encoding: "utf8" })) as { rows: number; smi: number; same: number; carried: number }[];
    expect(out).toHaveLength(2);
    for (const o of out) {
      expect(o.rows).toBeGreaterThan(100);
      expect(o.carried).toBeGreaterThan(0);
      expect(o.smi).toBe(o.rows);
      expect(o.same).toBe(o.rows);
    }
  });
});
