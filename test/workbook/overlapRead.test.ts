// A sheet read while its part is inflated on another thread (`scanSheetAsync`: Node's zlib on its thread pool,
// the fast path scanning the bytes inflated so far in ranges cut at a `<`) held to the synchronous read
// (`scanSheet`: the part inflated whole, then scanned, saxes deciding on anything else): the same cells, or the
// same error, on generated and mutated worksheets, with the inflater's pieces and the scanner's steps down to a
// few bytes; and with the deflate stream damaged or cut short, the directory's sizes wrong, the CRC wrong, the
// size and ratio limits passed (a zip bomb), an XML error before and after a damaged deflate stream, and the
// inflating failing at every piece. A fixed seed: a failure names its case.
import zlib from "zlib";
import { Cell } from "../../src/workbook/cells";
import { XlsxPackage } from "../../src/workbook/xlsx/package";
import { OverlapOptions, scanSheet, scanSheetAsync } from "../../src/workbook/xlsx/sheetReader";
import { zlibInflater } from "../../src/workbook/xlsx/xlsxFile";
import { LIMITS, RawInflater, ZipReader } from "../../src/workbook/xlsx/zip";
import { enc, makePackage, makeSheet, makeTemplateSheet, mulberry32, mutate } from "../support/sheetGen";

type Run = { cells: [number, number, Cell][]; error?: string };

const errorOf = (e: unknown) => `${(e as Error).name}: ${(e as Error).message}`;

/** The cells' reader (as the column collector does) refuses the cell numbered `throwAt` when given. */
const collect =
  (cells: [number, number, Cell][], throwAt?: number) =>
  (r: number, c: number, v: Cell): void => {
    if (cells.length === throwAt) throw new Error(`the reader refuses row ${r}, column ${c}`);
    cells.push([r, c, v]);
  };

function readSync(pkg: XlsxPackage, throwAt?: number): Run {
  const cells: [number, number, Cell][] = [];
  try {
    scanSheet(pkg, pkg.sheets[0], collect(cells, throwAt));
    return { cells };
  } catch (e) {
    return { cells, error: errorOf(e) };
  }
}

async function readAsync(pkg: XlsxPackage, overlap: OverlapOptions, throwAt?: number): Promise<Run> {
  const cells: [number, number, Cell][] = [];
  try {
    await scanSheetAsync(pkg, pkg.sheets[0], collect(cells, throwAt), { overlap: { minBytes: 0, ...overlap } });
    return { cells };
  } catch (e) {
    return { cells, error: errorOf(e) };
  }
}

/**
 * zlib's inflater with a progressive side that hands the part on in pieces of `piece` bytes (down to one),
 * a turn of the event loop between them, and fails after `failAt` pieces when given (the reader then
 * inflates the part again synchronously: the result must not change).
 */
function piecewise(piece: number, failAt?: number): RawInflater {
  const f: RawInflater = (data, limit, sink, declared) => zlibInflater(data, limit, sink, declared);
  f.progressive = async (data, limit, sink) => {
    const cap = Math.min(LIMITS.partBytes, Math.max(LIMITS.ratioFloor, LIMITS.ratio * data.length)) + 1;
    const out = zlib.inflateRawSync(data, { maxOutputLength: cap });
    let k = 0;
    for (let i = 0; i < out.length; i += piece) {
      await new Promise((r) => setImmediate(r));
      if (failAt !== undefined && k++ === failAt) throw new Error("injected");
      const end = Math.min(out.length, i + piece);
      limit(end, data.length);
      sink(out.subarray(i, end));
    }
    limit(out.length, data.length);
  };
  return f;
}

/** The same package bytes opened with another inflater. */
const reopen = (pkg: XlsxPackage, inflater: RawInflater) => XlsxPackage.load(pkg.zip.bytes, pkg.file, inflater);

/** The sheet part's entry and its compressed bytes' place in the zip, to damage them in place. */
function sheetEntry(bytes: Uint8Array): { at: number; size: number; dirAt: number; localAt: number } {
  const z = ZipReader.open(bytes);
  const e = z.entry("xl/worksheets/sheet1.xml")!;
  const raw = z.raw(e);
  // The central directory record of the entry: found by its local header offset.
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
  let dirAt = -1;
  for (let p = 0; p + 46 <= bytes.length; p++) if (dv.getUint32(p, true) === 0x02014b50 && dv.getUint32(p + 42, true) === e.localOffset) dirAt = p;
  return { at: raw.byteOffset - bytes.byteOffset, size: raw.length, dirAt, localAt: e.localOffset };
}

/** Checks one package: every way of reading it while inflated gives what the synchronous read gives. */
/** Whether reading the package's sheet took saxes (the fast path gave up). */
const sawSaxes = (p: XlsxPackage) => jest.spyOn(p, "parseBytes");

async function check(pkg: XlsxPackage, rnd: () => number, label: string, throwAt?: number): Promise<void> {
  const first = reopen(pkg, zlibInflater);
  const syncSaxes = sawSaxes(first);
  const sync = readSync(first, throwAt);
  const ways: [string, XlsxPackage, OverlapOptions][] = [
    ["zlib, 64-byte pieces, 1-byte steps", reopen(pkg, zlibInflater), { chunkSize: 64, step: 1 }],
    ["zlib, 64-byte pieces, random steps", reopen(pkg, zlibInflater), { chunkSize: 64, step: 1 + Math.floor(rnd() * 200) }],
    ["zlib, default pieces and steps", reopen(pkg, zlibInflater), {}],
  ];
  const piece = 1 + Math.floor(rnd() * 40);
  ways.push([`${piece}-byte pieces, random steps`, reopen(pkg, piecewise(piece)), { step: 1 + Math.floor(rnd() * 50) }]);
  const failAt = Math.floor(rnd() * 8);
  ways.push([`1-byte pieces failing after ${failAt}`, reopen(pkg, piecewise(1 + Math.floor(rnd() * 3), failAt)), { step: 1 + Math.floor(rnd() * 5) }]);
  for (const [way, p, o] of ways) {
    expect(p.partInflating(p.sheets[0].path)).not.toBeNull(); // the overlapped path is the one tested
    const saxes = sawSaxes(p);
    const got = await readAsync(p, o, throwAt);
    try {
      expect(got.error).toBe(sync.error);
      // Cut only where a tag starts, the ranges read as one scan: saxes is needed exactly when it was before.
      expect(saxes.mock.calls.length).toBe(syncSaxes.mock.calls.length);
      if (sync.error === undefined) expect(got.cells).toEqual(sync.cells);
    } catch (e) {
      throw new Error(`${label} (${way})\n${(e as Error).message}`);
    }
  }
}

describe("a sheet read while it is inflated reads as the sheet inflated first", () => {
  const saved = { ...LIMITS };
  afterEach(() => Object.assign(LIMITS, saved));

  it("on 150 generated worksheets and 150 in the templates' shapes, and 300 mutations of them", async () => {
    const rnd = mulberry32(9001);
    for (let k = 0; k < 300; k++) {
      const strict = rnd() < 0.2;
      const xml = k % 2 ? makeSheet(rnd, strict) : makeTemplateSheet(rnd, strict).xml;
      const bytes = enc(xml);
      await check(makePackage(strict, false, bytes), rnd, `sheet ${k}`);
      await check(makePackage(strict, false, mutate(rnd, bytes)), rnd, `mutated sheet ${k}`);
    }
  }, 240000);

  it("a larger sheet (many pieces of the real inflater): the same cells", async () => {
    const rows: string[] = [];
    for (let r = 1; r <= 3000; r++) rows.push(`<row r="${r}"><c r="A${r}" s="1"><v>${45000 + (r % 31)}</v></c><c r="B${r}" t="s"><v>${r % 6}</v></c><c r="C${r}"><v>${r * 1234.56}</v></c></row>`);
    const xml = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${rows.join("")}</sheetData></worksheet>`;
    const pkg = makePackage(false, false, enc(xml));
    const sync = readSync(reopen(pkg, zlibInflater));
    expect(sync.error).toBeUndefined();
    expect(sync.cells).toHaveLength(9000);
    for (const o of [{ chunkSize: 4096, step: 1000 }, { chunkSize: 64 * 1024, step: 7 }, {}]) expect(await readAsync(reopen(pkg, zlibInflater), o)).toEqual(sync);
  }, 60000);

  it("with the deflate stream damaged or cut short anywhere: the same error (or the same cells)", async () => {
    const rnd = mulberry32(77);
    let failures = 0;
    for (let k = 0; k < 150; k++) {
      const xml = k % 2 ? makeSheet(rnd, false) : makeTemplateSheet(rnd, false).xml;
      const pkg = makePackage(false, false, enc(xml));
      const bytes = Uint8Array.from(pkg.zip.bytes);
      const s = sheetEntry(bytes);
      const damaged = Uint8Array.from(bytes);
      const how = rnd();
      if (how < 0.5) {
        // A byte of the compressed stream changed.
        const at = s.at + Math.floor(rnd() * s.size);
        damaged[at] ^= 1 + Math.floor(rnd() * 255);
      } else {
        // The stream cut short: the entry's compressed size made smaller (in the directory).
        const cut = Math.floor(rnd() * s.size);
        new DataView(damaged.buffer).setUint32(s.dirAt + 20, cut, true);
      }
      const p = XlsxPackage.load(damaged, "diff.xlsx", zlibInflater);
      const sync = readSync(p);
      if (sync.error) failures++;
      await check(p, rnd, `damaged stream ${k} (${how < 0.5 ? "byte" : "cut"})`);
    }
    expect(failures).toBeGreaterThan(50); // most damage is an error: the error path is what is tested
  }, 240000);

  it("with the directory's inflated size too small, too large, or zero, and the CRC wrong: the same cells", async () => {
    const rnd = mulberry32(5);
    for (let k = 0; k < 80; k++) {
      const xml = makeTemplateSheet(rnd, false).xml;
      const pkg = makePackage(false, false, enc(xml));
      const bytes = Uint8Array.from(pkg.zip.bytes);
      const s = sheetEntry(bytes);
      const dv = new DataView(bytes.buffer);
      const real = dv.getUint32(s.dirAt + 24, true);
      dv.setUint32(s.dirAt + 24, [0, 1, Math.floor(real / 2), real - 1, real + 1, real * 3][k % 6], true);
      dv.setUint32(s.dirAt + 16, dv.getUint32(s.dirAt + 16, true) ^ 0x5a5a, true);
      await check(XlsxPackage.load(bytes, "diff.xlsx", zlibInflater), rnd, `sizes ${k}`);
    }
  }, 120000);

  it("a part past the size limit or the ratio limit (a zip bomb): the same error, found while inflating", async () => {
    const rows: string[] = [];
    for (let r = 1; r <= 400; r++) rows.push(`<row r="${r}"><c r="A${r}"><v>${r}</v></c></row>`);
    const xml = `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${rows.join("")}${" ".repeat(200000)}</sheetData></worksheet>`;
    const rnd = mulberry32(3);
    for (const limits of [{ partBytes: 5000 }, { partBytes: 100000 }, { ratioFloor: 1000, ratio: 5 }, { ratioFloor: 50000, ratio: 20 }]) {
      Object.assign(LIMITS, saved, limits);
      const pkg = makePackage(false, false, enc(xml), zlibInflater);
      const sync = readSync(pkg);
      expect(sync.error).toMatch(/inflates (to more than|more than \d+ times)/);
      await check(pkg, rnd, `limits ${JSON.stringify(limits)}`);
    }
  }, 60000);

  it("an XML error before a damaged deflate stream: the inflater's error, as when the part was inflated first", async () => {
    const rows: string[] = [];
    for (let r = 1; r <= 3000; r++) rows.push(`<row r="${r}"><c r="A${r}"><v>${r * 7}</v></c><c r="B${r}" t="s"><v>1</v></c></row>`);
    const good = `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${rows.join("")}</sheetData></worksheet>`;
    const rnd = mulberry32(11);
    for (const [what, xml] of [
      ["not well-formed", good.replace('<row r="3">', '<row r="3"><<')],
      ["a row out of order", good.replace('<row r="3">', '<row r="1">')],
      ["a cell the reader refuses", good.replace("<v>21</v>", "<v>1e400</v>")],
      ["outside the fast path's subset", good.replace('<row r="3">', '<!-- x --><row r="3">')],
      ["a cell its reader refuses (the fifth)", good],
    ]) {
      const throwAt = what.startsWith("a cell its reader") ? 4 : undefined;
      const pkg = makePackage(false, false, enc(xml), zlibInflater);
      const intact = readSync(pkg, throwAt);
      if (what === "outside the fast path's subset") expect(intact.error).toBeUndefined();
      else expect(intact.error).toBeDefined();
      // The stream damaged near its end: the XML error comes far earlier in the part.
      const bytes = Uint8Array.from(pkg.zip.bytes);
      const s = sheetEntry(bytes);
      const damaged = Uint8Array.from(bytes);
      new DataView(damaged.buffer).setUint32(s.dirAt + 20, s.size - 40, true);
      const p = XlsxPackage.load(damaged, "diff.xlsx", zlibInflater);
      const sync = readSync(p, throwAt);
      expect(sync.error).toMatch(/damaged \(it does not inflate\)/);
      await check(p, rnd, `${what}, then a damaged stream`, throwAt);
      // And the XML error after an intact stream: the XML error, as before.
      await check(pkg, rnd, what, throwAt);
    }
  }, 60000);

  it("zlib's progressive inflater stops at the cap while inflating: a bomb is never inflated whole", async () => {
    Object.assign(LIMITS, { partBytes: 1024 * 1024 });
    const data = zlib.deflateRawSync(Buffer.alloc(64 * 1024 * 1024, 0x20));
    let delivered = 0;
    const limit = (inflated: number) => {
      if (inflated > LIMITS.partBytes) throw new Error(`past the limit at ${inflated}`);
    };
    const err = await zlibInflater.progressive!(data, limit, (c) => (delivered += c.length), { chunkSize: 64 * 1024 }).then(
      () => null,
      (e: Error) => e.message,
    );
    expect(err).toBe(`past the limit at ${LIMITS.partBytes + 1}`);
    // Stopped there: nothing past the limit was handed on (checked only at the end, all 64 MB would have been).
    expect(delivered).toBeLessThanOrEqual(LIMITS.partBytes);
  }, 60000);

  it("zlib's progressive inflater writes in place into the rooms it is given, and ZipReader.inflating gives bytesOf's bytes", async () => {
    const rnd = mulberry32(21);
    const text = Buffer.from(Array.from({ length: 40000 }, (_, i) => `<row r="${i}"><c><v>${Math.floor(rnd() * 1e9)}</v></c></row>`).join(""));
    const data = zlib.deflateRawSync(text);
    for (const chunkSize of [64, 1000, 4096, 65536, 1 << 20]) {
      // In place: every piece but the last (which has no room of a whole piece left) is a view of the buffer given.
      const mine = new Uint8Array(text.length);
      let filled = 0;
      let inPlace = 0;
      let copied = 0;
      const room = (at: number, n: number) => (at === filled && at + n <= mine.length ? mine.subarray(at, at + n) : null);
      await zlibInflater.progressive!(
        data,
        () => undefined,
        (c) => {
          if (c.buffer === mine.buffer && c.byteOffset === filled) inPlace++;
          else {
            mine.set(c, filled);
            copied++;
          }
          filled += c.length;
        },
        { chunkSize, room },
      );
      expect(filled).toBe(text.length);
      expect(Buffer.compare(Buffer.from(mine), text)).toBe(0);
      expect(copied).toBeLessThanOrEqual(1);
      expect(inPlace).toBe(Math.floor(text.length / chunkSize));
    }
    // Through the zip reader, the directory's size right or wrong (a larger buffer holding the same bytes).
    const pkg = makePackage(false, false, text, zlibInflater);
    const bytes = Uint8Array.from(pkg.zip.bytes);
    const s = sheetEntry(bytes);
    for (const size of [text.length, 0, 100, text.length - 5000, text.length + 1, 3 * text.length]) {
      new DataView(bytes.buffer).setUint32(s.dirAt + 24, size, true);
      const z = ZipReader.open(bytes, zlibInflater);
      for (const chunkSize of [64, 4096, 1 << 20]) {
        const part = z.inflating("xl/worksheets/sheet1.xml", chunkSize)!;
        while (!part.ended) await part.next();
        expect(Buffer.compare(Buffer.from(await part.whole()), text)).toBe(0);
      }
    }
  }, 60000);
});
