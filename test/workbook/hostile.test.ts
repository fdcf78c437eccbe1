// Hostile files: each is refused with exit 2 and one line naming the file (and part, sheet, row or column),
// with the heap capped at 300 MB, no output file, never a stack trace. Speed belongs in `npm run bench`;
// the generous timeout here only stops a hang.
import { existsSync, readFileSync, writeFileSync } from "fs";
import { unzipSync } from "fflate";
import path from "path";
import zlib from "zlib";
import { tmp } from "../cli/helpers";
import { editXlsx, mgmtfeeCapped } from "../support/xlsxEdit";

// The .xlsx-layer cases edit a frozen copy of the first sample (five portfolios, three contract sheets), so their
// part names, rows and values do not move when the bundled sample grows.
const SAMPLE = path.join(__dirname, "..", "fixtures", "five-portfolios-2024-01.xlsx");

const dir = tmp();
let n = 0;
const NET_ASSETS = "xl/worksheets/sheet2.xml";

function refused(file: string, message: RegExp): void {
  const out = path.join(dir, `out-${n}.xlsx`);
  const r = mgmtfeeCapped(300, "reconcile", file, "--month", "2024-01", "--out", out);
  expect(r.stderr).toMatch(message);
  expect(r.code).toBe(2);
  expect(r.stderr.trim().split("\n")).toHaveLength(1);
  expect(r.stderr).toContain(path.basename(file));
  expect(r.stderr).not.toMatch(/\n\s+at |unexpected error/);
  expect(r.stdout).toBe("");
  expect(existsSync(out)).toBe(false);
  expect(r.peakMb).not.toBeNull();
  expect(r.peakMb!).toBeLessThan(300);
}

const variant = (edits: Parameters<typeof editXlsx>[2]) => editXlsx(SAMPLE, path.join(dir, `h${++n}.xlsx`), edits);

describe("hostile files: exit 2, one line, bounded memory", () => {
  it("a row numbered 2,000,000,000", () => {
    refused(variant({ [NET_ASSETS]: (x) => x.replace("</sheetData>", '<row r="2000000000"/></sheetData>') }), /sheet "Net Assets", row 207: has a row numbered "2000000000"; a sheet has rows 1 to 1,048,576/);
  }, 60000);

  it("a cell at ZZZZZZ24", () => {
    refused(variant({ [NET_ASSETS]: (x) => x.replace('<c r="C24" s="3">', '<c r="ZZZZZZ24" s="3">') }), /sheet "Net Assets", row 24: has a cell at "ZZZZZZ24", which is not a cell of a sheet/);
  }, 60000);

  it("200,000 unclosed <si> in a small shared-strings part", () => {
    const f = variant({ "xl/sharedStrings.xml": `<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${"<si>".repeat(200000)}` });
    refused(f, /is not a readable \.xlsx workbook \(xl\/sharedStrings\.xml line 1: (is not well-formed XML|nests elements more than 256 deep)/);
  }, 60000);

  it("an entity-expansion DOCTYPE (billion laughs)", () => {
    const lol = `<?xml version="1.0"?><!DOCTYPE sst [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>&c;</t></si></sst>`;
    refused(variant({ "xl/sharedStrings.xml": lol }), /xl\/sharedStrings\.xml line 1: has a DOCTYPE with an internal subset/);
  }, 60000);

  it("an entity that is not one of XML's five", () => {
    refused(variant({ "xl/sharedStrings.xml": (x) => x.replace("<t>Portfolio</t>", "<t>&nbsp;Portfolio</t>") }), /xl\/sharedStrings\.xml line \d+: is not well-formed XML/);
  }, 60000);

  it("a zip bomb: a sheet part that inflates a thousand times its size", async () => {
    // 1 GiB of spaces inside a sheet, about 1 MB compressed; it is refused after its first megabytes.
    const deflate = zlib.createDeflateRaw({ level: 9 });
    const chunks: Buffer[] = [];
    deflate.on("data", (c: Buffer) => chunks.push(c));
    const done = new Promise((res) => deflate.on("end", res));
    deflate.write('<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>');
    const spaces = Buffer.alloc(16 * 1024 * 1024, 0x20);
    for (let i = 0; i < 64; i++) deflate.write(spaces);
    deflate.end("</sheetData></worksheet>");
    await done;
    const bomb = Buffer.concat(chunks);
    // A zip whose Net Assets sheet is the bomb, written by hand (stored as deflate, true sizes in the directory).
    const parts = unzipSync(readFileSync(SAMPLE));
    parts[NET_ASSETS] = new Uint8Array(0);
    const file = path.join(dir, `h${++n}.xlsx`);
    writeFileSync(file, zipWithRaw(parts, NET_ASSETS, bomb, 1024 * 1024 * 1024 + 200));
    refused(file, /xl\/worksheets\/sheet2\.xml: inflates more than 100 times its compressed size/);
  }, 120000);

  it("net assets given as the text 1e9000000000000000", () => {
    refused(variant({ [NET_ASSETS]: (x) => x.replace('<c r="C2" s="3"><v>300744739.43</v></c>', '<c r="C2" t="inlineStr"><is><t>1e9000000000000000</t></is></c>') }), /sheet "Net Assets", row 2, column "Net Assets" \(C\): is "1e9000000000000000"; amounts of 10\^15 or more are refused/);
  }, 60000);

  it("a number cell holding 1e400 (no Infinity written anywhere)", () => {
    refused(variant({ [NET_ASSETS]: (x) => x.replace("<v>300744739.43</v>", "<v>1e400</v>") }), /sheet "Net Assets", row 2, column "C": holds 1e400, which is beyond what a number can hold/);
  }, 60000);

  it("not a zip, and a truncated zip", () => {
    const f = path.join(dir, "text.xlsx");
    writeFileSync(f, "Date,Portfolio\n");
    refused(f, /is not a readable \.xlsx workbook \(not a complete zip archive\)/);
    const t = path.join(dir, "truncated.xlsx");
    writeFileSync(t, readFileSync(SAMPLE).subarray(0, 6000));
    refused(t, /is not a readable \.xlsx workbook/);
  }, 60000);
});

/** A zip of `parts` where `name` holds the given raw-deflate bytes, declared with `size` inflated bytes. */
function zipWithRaw(parts: Record<string, Uint8Array>, name: string, raw: Buffer, size: number): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const [n, data] of Object.entries(parts)) {
    const isRaw = n === name;
    const body = isRaw ? raw : zlib.deflateRawSync(data);
    const crc = isRaw ? 0 : zlib.crc32 ? zlib.crc32(data) : crc32(data);
    const nb = Buffer.from(n);
    const h = Buffer.alloc(30);
    h.writeUInt32LE(0x04034b50, 0);
    h.writeUInt16LE(20, 4);
    h.writeUInt16LE(8, 8);
    h.writeUInt32LE(crc >>> 0, 14);
    h.writeUInt32LE(body.length, 18);
    h.writeUInt32LE(isRaw ? size : data.length, 22);
    h.writeUInt16LE(nb.length, 26);
    const c = Buffer.alloc(46);
    c.writeUInt32LE(0x02014b50, 0);
    c.writeUInt16LE(20, 4);
    c.writeUInt16LE(20, 6);
    c.writeUInt16LE(8, 10);
    c.writeUInt32LE(crc >>> 0, 16);
    c.writeUInt32LE(body.length, 20);
    c.writeUInt32LE(isRaw ? size : data.length, 24);
    c.writeUInt16LE(nb.length, 28);
    c.writeUInt32LE(offset, 42);
    locals.push(h, nb, body);
    central.push(c, nb);
    offset += 30 + nb.length + body.length;
  }
  const cd = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(parts).length, 8);
  end.writeUInt16LE(Object.keys(parts).length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

function crc32(data: Uint8Array): number {
  let c = -1;
  for (const b of data) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  }
  return (c ^ -1) >>> 0;
}
