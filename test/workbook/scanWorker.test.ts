// The command line's worker thread for reading a large sheet on two cores, exercised for real: the compiled
// modules in lib/ (built by `npm run build` before jest in `npm test`; the worker runs compiled JavaScript,
// not the TypeScript sources Jest loads). A sheet read with the worker gives exactly the cells one thread
// gives, the worker's cells are really taken, and an error in the part the worker reads is reported as one
// thread reports it. (fastSheet.test.ts holds the split to one scan at every seam of thousands of parts.)
import fs from "fs";
import path from "path";

const LIB = path.join(__dirname, "../../lib/workbook/xlsx");
const have = fs.existsSync(path.join(LIB, "scanWorker.js")) && fs.existsSync(path.join(LIB, "workerTail.js"));
if (!have && process.env.CI === "true") throw new Error("lib/workbook/xlsx/scanWorker.js is missing, and CI=true: run `npm run build` before jest");
if (!have) process.stderr.write("SKIPPED: the worker-thread reader test: lib/ is not built (npm run build:cli; required under CI=true)\n");
const itBuilt = have ? it : it.skip;

/* eslint-disable @typescript-eslint/no-require-imports */
type Cell = unknown;
const lib = () => ({
  pkgMod: require(path.join(LIB, "package.js")),
  zipMod: require(path.join(LIB, "zip.js")),
  reader: require(path.join(LIB, "sheetReader.js")),
  tail: require(path.join(LIB, "workerTail.js")),
  xlsxFile: require(path.join(LIB, "xlsxFile.js")),
});

const MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships";
const enc = (s: string) => new TextEncoder().encode(s);

/** A Net Assets-shaped sheet of `rows` rows (with `extra` put before row `at`), in a package with shared strings. */
function book(rows: number, extra = "", at = -1) {
  const { pkgMod, zipMod } = lib();
  let body = `<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c></row>`;
  for (let r = 2; r <= rows; r++) {
    if (r === at) {
      body += extra;
      continue;
    }
    body += `<row r="${r}"><c r="A${r}" s="1"><v>${45000 + (r % 397)}</v></c><c r="B${r}" t="s"><v>${3 + (r % 5)}</v></c><c r="C${r}"><v>${(r * 1234567.89).toFixed(2)}</v></c></row>`;
  }
  const strings = ["Date", "Portfolio", "Net Assets", "P1", "P2", "P3", "P4", "P5 &amp; co"];
  const bytes = zipMod.writeZip([
    { name: "[Content_Types].xml", data: enc(`<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/></Types>`) },
    { name: "_rels/.rels", data: enc(`<?xml version="1.0"?><Relationships xmlns="${PKG_REL}"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`) },
    { name: "xl/workbook.xml", data: enc(`<?xml version="1.0"?><workbook xmlns="${MAIN}" xmlns:r="${REL}"><sheets><sheet name="Net Assets" sheetId="1" r:id="rId1"/></sheets></workbook>`) },
    { name: "xl/_rels/workbook.xml.rels", data: enc(`<?xml version="1.0"?><Relationships xmlns="${PKG_REL}"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`) },
    { name: "xl/sharedStrings.xml", data: enc(`<?xml version="1.0"?><sst xmlns="${MAIN}">${strings.map((s) => `<si><t>${s}</t></si>`).join("")}</sst>`) },
    { name: "xl/worksheets/sheet1.xml", data: enc(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="${MAIN}" xmlns:r="${REL}"><dimension ref="A1:C${rows}"/><sheetData>${body}</sheetData></worksheet>`) },
  ]);
  return pkgMod.XlsxPackage.load(bytes, "worker.xlsx", lib().xlsxFile.zlibInflater);
}

/** The worker scanner, noting the chunks the reading thread got from it (their indexes, and whether each was read). */
function watched() {
  const real = lib().tail.workerTailScanner({ whenBusy: true });
  const chunks: { chunk: number; ok: boolean; count: number }[] = [];
  let starts = 0;
  return {
    chunks,
    starts: () => starts,
    scanner: {
      warm: () => real.warm(),
      release: () => real.release(),
      worthIt: () => real.worthIt(),
      start: (w: Uint8Array, prelude: number, st: number[], strings: string[]) => {
        starts++;
        const h = real.start(w, prelude, st, strings);
        return {
          reached: (j: number) => h.reached(j),
          take: () => {
            const got = h.take();
            for (const c of got) chunks.push({ chunk: c.chunk, ok: c.ok, count: c.count });
            return got;
          },
          stop: () => h.stop(),
        };
      },
    },
  };
}

/** The scanner, its reading thread waiting at the first seam (when `wait`) until the worker has handed on a chunk. */
function waiting(scanner: { start: (...a: never[]) => unknown }, wait: boolean) {
  return {
    ...scanner,
    start: (...a: never[]) => {
      const h = (scanner.start as (...b: never[]) => { reached: (j: number) => void; take: () => unknown[]; stop: () => void })(...a);
      let held: unknown[] = [];
      let waited = !wait;
      return {
        reached: (j: number) => {
          // Up to 20 s for the worker's first chunk (its start-up on a loaded machine), before telling it where this thread is.
          for (let t = 0; !waited && t < 1000 && !held.length; t++) {
            Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20);
            held = h.take();
          }
          waited = true;
          h.reached(j);
        },
        take: () => {
          const out = held.concat(h.take());
          held = [];
          return out;
        },
        stop: () => h.stop(),
      };
    },
  };
}

/** One thread, and with the worker (`wait`: the reading thread waits at the first seam until the worker has handed on a chunk, as a busy reading thread would). */
async function both(pkg: { sheets: unknown[] }, scanner: { start: (...a: never[]) => unknown }, wait: boolean, split: { first?: number; chunks?: number } = {}) {
  const { reader } = lib();
  const one: [number, number, Cell][] = [];
  let oneError: string | undefined;
  try {
    reader.scanSheet(pkg, pkg.sheets[0], (r: number, c: number, v: Cell) => one.push([r, c, v]));
  } catch (e) {
    oneError = (e as Error).message;
  }
  const two: [number, number, Cell][] = [];
  let twoError: string | undefined;
  const slow = waiting(scanner, wait);
  try {
    reader.scanSheet(pkg, pkg.sheets[0], (r: number, c: number, v: Cell) => two.push([r, c, v]), { tail: slow, split: { minBytes: 64 * 1024, ...split } });
  } catch (e) {
    twoError = (e as Error).message;
  }
  return { one, oneError, two, twoError };
}

describe("reading a large sheet with the worker thread (lib/)", () => {
  itBuilt("gives the cells one thread gives, the worker's chunks among them", async () => {
    const pkg = book(20000);
    for (const [first, chunks] of [
      [0.3, 10],
      [0.5, 3],
      [0.1, 1],
    ]) {
      const w = watched();
      const { one, oneError, two, twoError } = await both(pkg, w.scanner, true, { first, chunks });
      expect(oneError).toBeUndefined();
      expect(twoError).toBeUndefined();
      expect(one.length).toBe(60000);
      expect(two).toEqual(one);
      // The worker read chunks from the last one back, and the reading thread took them.
      expect(w.starts()).toBe(1);
      expect(w.chunks.length).toBeGreaterThan(0);
      expect(w.chunks[0].chunk).toBe(chunks - 1);
      expect(w.chunks.every((c) => c.ok)).toBe(true);
    }
  });

  itBuilt("with the reading thread not slowed down, still the same cells", async () => {
    const pkg = book(20000);
    const w = watched();
    const { one, two } = await both(pkg, w.scanner, false);
    expect(two).toEqual(one);
  });

  itBuilt("reports an error in the worker's chunks as one thread does (the worker gives up, this thread reads on)", async () => {
    const pkg = book(20000, `<row r="19001"><c r="A19001" t="s"><v>99</v></c></row>`, 19001);
    const w = watched();
    const { oneError, twoError } = await both(pkg, w.scanner, true);
    expect(oneError).toMatch(/shared string "99"/);
    expect(twoError).toBe(oneError);
    expect(w.chunks.map((c) => c.ok)).toEqual([false]);
  });

  itBuilt("a block's columns from the worker's chunks taken whole (ColumnCollector.run) are the columns one thread reads", async () => {
    const pkg = book(20000);
    const { reader } = lib();
    const { ColumnCollector } = require(path.join(LIB, "../columns.js"));
    const g = { headerRow: 1, hasHeaderRow: true, left: 1, right: 16384, bottom: 1048576, fallback: [] };
    const locate = (header: unknown[]) => header.map((_, i) => i);
    const one = new ColumnCollector(g, locate);
    reader.scanSheet(pkg, pkg.sheets[0], (r: number, c: number, v: Cell) => one.cell(r, c, v));
    const w = watched();
    const two = new ColumnCollector(g, locate);
    let runs = 0;
    reader.scanSheet(pkg, pkg.sheets[0], (r: number, c: number, v: Cell) => two.cell(r, c, v), {
      tail: waiting(w.scanner, true),
      split: { minBytes: 64 * 1024 },
      onRun: (run: unknown) => {
        runs++;
        two.run(run);
      },
    });
    expect(runs).toBeGreaterThan(0);
    expect(two.done({ sheet: "Net Assets" })).toEqual(one.done({ sheet: "Net Assets" }));
  });

  itBuilt("the command line backend (with the worker scanner) reads a Net Assets block as before", async () => {
    const { xlsxFile } = lib();
    expect(lib().tail.workerTailScanner({ whenBusy: true })).not.toBeNull();
    const pkg = book(3000);
    const file = path.join(fs.mkdtempSync(path.join(require("os").tmpdir(), "scanworker-")), "b.xlsx");
    fs.writeFileSync(file, pkg.bytes());
    const backend = await xlsxFile.openFileBackend(file);
    const block = await backend.readColumns("netAssets");
    expect(block.rowCount).toBe(2999);
    fs.rmSync(path.dirname(file), { recursive: true });
  });
});
