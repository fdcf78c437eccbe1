// The .xlsx layer at fund-administrator scale: one month end (`mgmtfee reconcile --out`) for 200, 1,000 and
// 2,000 portfolios with 13 months of daily net assets, against the zlib floor (inflating every part of the
// same file and nothing else, in a process of its own). Ratios from one run: floor and run alternate, twice each,
// and the ratio is the better run against the better floor.
import { spawnSync } from "child_process";
import { existsSync, statSync, writeFileSync } from "fs";
import path from "path";
import zlib from "zlib";
import { tempDir } from "../test/support/tempDir";

const ROOT = path.join(__dirname, "..");
const CLI = path.join(ROOT, "lib", "cli", "main.js");
const SCALES = [200, 1000, 2000];

/** A workbook written straight as XML (exceljs would take minutes at this size): shared strings, date styles, a zip by zlib. */
export function makeBook(file: string, portfolios: number): { rows: number; xmlBytes: number } {
  const names = Array.from({ length: portfolios }, (_, i) => `Portfolio ${String(i + 1).padStart(4, "0")}`);
  const strings = ["Portfolio", "Effective From", "Breakpoint", "Annual Rate", "Date", "Net Assets", "Month", "Billed Fee", "2024-01", ...names];
  const s = (t: string) => strings.indexOf(t);
  const nameIndex = (i: number) => 9 + i;
  const head = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>';
  const tail = "</sheetData></worksheet>";
  const str = (ref: string, i: number) => `<c r="${ref}" t="s"><v>${i}</v></c>`;
  const num = (ref: string, v: number, style = 0) => `<c r="${ref}"${style ? ` s="${style}"` : ""}><v>${v}</v></c>`;
  const serial = (t: number) => t / 86400000 + 25569;

  const sched: string[] = [`<row r="1">${str("A1", 0)}${str("B1", 1)}${str("C1", 2)}${str("D1", 3)}</row>`];
  let r = 2;
  const from = serial(Date.UTC(2004, 10, 1));
  names.forEach((_, i) => {
    const tiers = i % 2 ? [[0, 0.0075], [1e9, 0.007], [2e9, 0.0065]] : [[0, 0.001]];
    for (const [bp, rate] of tiers) {
      sched.push(`<row r="${r}">${str(`A${r}`, nameIndex(i))}${num(`B${r}`, from, 1)}${num(`C${r}`, bp)}${num(`D${r}`, rate)}</row>`);
      r++;
    }
  });
  const navs: string[] = [`<row r="1">${str("A1", 4)}${str("B1", 0)}${str("C1", 5)}</row>`];
  let seed = 7;
  const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  r = 2;
  names.forEach((_, i) => {
    let nav = 2e8 + (i % 200) * 1.3e7;
    for (let t = Date.UTC(2023, 0, 1); t <= Date.UTC(2024, 0, 31); t += 86400000) {
      const wd = new Date(t).getUTCDay();
      if (wd === 0 || wd === 6) continue;
      nav *= 1 + (rnd() - 0.5) * 0.02;
      navs.push(`<row r="${r}">${num(`A${r}`, serial(t), 1)}${str(`B${r}`, nameIndex(i))}${num(`C${r}`, Math.round(nav * 100) / 100)}</row>`);
      r++;
    }
  });
  const rows = r - 2;
  const inv: string[] = [`<row r="1">${str("A1", 6)}${str("B1", 0)}${str("C1", 7)}</row>`];
  names.forEach((_, i) => inv.push(`<row r="${i + 2}">${str(`A${i + 2}`, s("2024-01"))}${str(`B${i + 2}`, nameIndex(i))}${num(`C${i + 2}`, i % 7 ? 1000 + i : 2000 + i)}</row>`));
  const esc = (t: string) => t.replace(/&/g, "&amp;").replace(/</g, "&lt;");
  const R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
  const CT = "application/vnd.openxmlformats-officedocument.spreadsheetml";
  const parts: [string, string][] = [
    ["[Content_Types].xml", `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="${CT}.sheet.main+xml"/><Override PartName="/xl/styles.xml" ContentType="${CT}.styles+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="${CT}.sharedStrings+xml"/>${[1, 2, 3].map((k) => `<Override PartName="/xl/worksheets/sheet${k}.xml" ContentType="${CT}.worksheet+xml"/>`).join("")}</Types>`],
    ["_rels/.rels", `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${R}/officeDocument" Target="xl/workbook.xml"/></Relationships>`],
    ["xl/workbook.xml", `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="${R}"><sheets><sheet name="Fee Schedule" sheetId="1" r:id="rId1"/><sheet name="Net Assets" sheetId="2" r:id="rId2"/><sheet name="Invoices" sheetId="3" r:id="rId3"/></sheets></workbook>`],
    ["xl/_rels/workbook.xml.rels", `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${[1, 2, 3].map((k) => `<Relationship Id="rId${k}" Type="${R}/worksheet" Target="worksheets/sheet${k}.xml"/>`).join("")}<Relationship Id="rId4" Type="${R}/styles" Target="styles.xml"/><Relationship Id="rId5" Type="${R}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`],
    ["xl/styles.xml", `<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy-mm-dd"/></numFmts><fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs></styleSheet>`],
    ["xl/sharedStrings.xml", `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${strings.length}" uniqueCount="${strings.length}">${strings.map((t) => `<si><t>${esc(t)}</t></si>`).join("")}</sst>`],
    ["xl/worksheets/sheet1.xml", head + sched.join("") + tail],
    ["xl/worksheets/sheet2.xml", head + navs.join("") + tail],
    ["xl/worksheets/sheet3.xml", head + inv.join("") + tail],
  ];
  let xmlBytes = 0;
  const entries = parts.map(([name, text]) => {
    const data = Buffer.from(text);
    xmlBytes += data.length;
    return { name: Buffer.from(name), data, raw: zlib.deflateRawSync(data, { level: 6 }), crc: zlib.crc32 ? zlib.crc32(data) : 0 };
  });
  writeFileSync(file, zipOf(entries));
  return { rows, xmlBytes };
}

function zipOf(entries: { name: Buffer; data: Buffer; raw: Buffer; crc: number }[]): Buffer {
  const out: Buffer[] = [];
  const cd: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const h = Buffer.alloc(30);
    h.writeUInt32LE(0x04034b50, 0);
    h.writeUInt16LE(20, 4);
    h.writeUInt16LE(8, 8);
    h.writeUInt32LE(e.crc >>> 0, 14);
    h.writeUInt32LE(e.raw.length, 18);
    h.writeUInt32LE(e.data.length, 22);
    h.writeUInt16LE(e.name.length, 26);
    const c = Buffer.alloc(46);
    c.writeUInt32LE(0x02014b50, 0);
    c.writeUInt16LE(20, 4);
    c.writeUInt16LE(20, 6);
    c.writeUInt16LE(8, 10);
    c.writeUInt32LE(e.crc >>> 0, 16);
    c.writeUInt32LE(e.raw.length, 20);
    c.writeUInt32LE(e.data.length, 24);
    c.writeUInt16LE(e.name.length, 28);
    c.writeUInt32LE(offset, 42);
    out.push(h, e.name, e.raw);
    cd.push(c, e.name);
    offset += 30 + e.name.length + e.raw.length;
  }
  const dir = Buffer.concat(cd);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...out, dir, end]);
}

/** Wall time, and (with /usr/bin/time) peak memory and CPU time: on a shared machine CPU time moves less with the load. */
interface Timed {
  seconds: number;
  cpu: number | null;
  peakMb: number | null;
  status: number;
}

/** Floor and run are each timed this many times, alternately; the ratio is best against best. */
const ROUNDS = 2;

function timed(args: string[]): Timed {
  const useTime = existsSync("/usr/bin/time");
  const t0 = process.hrtime.bigint();
  const r = useTime ? spawnSync("/usr/bin/time", ["-q", "-f", "__RSS_KB=%M __CPU=%U+%S", process.execPath, ...args], { encoding: "utf8", maxBuffer: 1 << 28 }) : spawnSync(process.execPath, args, { encoding: "utf8", maxBuffer: 1 << 28 });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const m = /__RSS_KB=(\d+)/.exec(r.stderr ?? "");
  const c = /__CPU=([\d.]+)\+([\d.]+)/.exec(r.stderr ?? "");
  return { seconds, cpu: c ? Number(c[1]) + Number(c[2]) : null, peakMb: m ? Number(m[1]) / 1024 : null, status: r.status ?? -1 };
}

/** The zlib floor: a process that reads the file and inflates every part with Node's zlib, and nothing else. */
const FLOOR = `
const zlib = require("zlib"); const b = require("fs").readFileSync(process.argv[1]);
let e = b.length - 22; while (b.readUInt32LE(e) !== 0x06054b50) e--;
let p = b.readUInt32LE(e + 16); const n = b.readUInt16LE(e + 10); let total = 0;
for (let k = 0; k < n; k++) {
  const csize = b.readUInt32LE(p + 20), nl = b.readUInt16LE(p + 28), xl = b.readUInt16LE(p + 30), cl = b.readUInt16LE(p + 32), off = b.readUInt32LE(p + 42);
  const start = off + 30 + b.readUInt16LE(off + 26) + b.readUInt16LE(off + 28);
  total += zlib.inflateRawSync(b.subarray(start, start + csize)).length;
  p += 46 + nl + xl + cl;
}
if (!total) process.exit(1);`;

export function benchScale(): void {
  if (!existsSync(CLI)) {
    console.log("scale: lib/cli/main.js is missing; run npm run build:cli first");
    return;
  }
  const dir = tempDir("mgmtfee-scale-"); // removed when the bench exits
  console.log("scale: one month end (reconcile 2024-01 --out) with 13 months of daily net assets; zlib floor = inflate every part only");
  for (const portfolios of SCALES) {
    const book = path.join(dir, `book-${portfolios}.xlsx`);
    const { rows, xmlBytes } = makeBook(book, portfolios);
    const out = path.join(dir, `out-${portfolios}.xlsx`);
    // Floor and run alternate, twice each, and each side is the better of its two (on a shared machine a
    // single sample of either is at the mercy of whatever else runs then); peak memory is the larger peak.
    const floors: Timed[] = [];
    const runs: Timed[] = [];
    for (let k = 0; k < ROUNDS; k++) {
      floors.push(timed(["-e", FLOOR, book]));
      runs.push(timed([CLI, "reconcile", book, "--month", "2024-01", "--out", out, "--json"]));
    }
    const f = Math.min(...floors.map((t) => t.seconds));
    const r = Math.min(...runs.map((t) => t.seconds));
    const ratio = r / f;
    const peak = runs.some((t) => t.peakMb === null) ? null : Math.max(...runs.map((t) => t.peakMb!));
    const floorPeak = floors.some((t) => t.peakMb === null) ? null : Math.max(...floors.map((t) => t.peakMb!));
    const status = runs.map((t) => t.status).join("/");
    const mb = (x: number | null) => (x === null ? "n/a" : `${x.toFixed(0)} MB`);
    const secs = (ts: Timed[]) => ts.map((t) => t.seconds.toFixed(2)).join(", ");
    const cpus = (ts: Timed[]) => (ts.some((t) => t.cpu === null) ? null : Math.min(...ts.map((t) => t.cpu!)));
    const runCpu = cpus(runs);
    const floorCpu = cpus(floors);
    const cpu = runCpu !== null && floorCpu ? ` (CPU ${runCpu.toFixed(2)} s vs ${floorCpu.toFixed(2)} s: ${(runCpu / floorCpu).toFixed(1)}x)` : "";
    console.log(
      `  ${String(portfolios).padStart(5)} portfolios, ${rows.toLocaleString("en-US").padStart(7)} rows, ${(xmlBytes / 1e6).toFixed(0).padStart(3)} MB XML, ${(statSync(book).size / 1e6).toFixed(1).padStart(4)} MB file | mgmtfee ${r.toFixed(2)} s (of ${secs(runs)}), peak ${mb(peak)} (exit ${status}) | zlib floor ${f.toFixed(2)} s (of ${secs(floors)}), peak ${mb(floorPeak)} | ratio ${ratio.toFixed(2)}x the floor${cpu}` +
        (portfolios === 2000 ? ` (goals: within 4x, peak <= 300 MB: ${ratio <= 4 ? "met" : "NOT met"}, ${peak !== null && peak <= 300 ? "met" : "NOT met"})` : ""),
    );
  }
}
