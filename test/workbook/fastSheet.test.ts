// The worksheet reader's byte-level fast path held to the saxes path, the parser of record: on generated
// valid worksheets (both namespace styles, Strict, both quote styles, every cell type, inline and rich
// text, formulas, no references, xml:space, limits) and on thousands of mutations of them (random bytes,
// comments, CDATA, processing instructions, entities, character references, stray markup, control
// characters, bad UTF-8, unbound prefixes, duplicate attributes, mismatched tags), the cells and the
// error the user gets are the same as saxes alone gives. A fixed seed: a failure names its case.
import { Cell } from "../../src/workbook/cells";
import { ChunkCells, ChunkHelper, Split, chunkStarts, fastScanSheet, fastScanSheetSplit, scanChunk, splitOf, tailBytes } from "../../src/workbook/xlsx/fastSheet";
import { XlsxPackage } from "../../src/workbook/xlsx/package";
import { TailScanner, cellOf, scanSheet } from "../../src/workbook/xlsx/sheetReader";
import { READ_STRINGS, STRINGS, TRANSITIONAL, enc, makePackage, makeSheet, makeTemplateSheet, mulberry32, mutate } from "../support/sheetGen";


type Run = { cells: [number, number, Cell][]; error?: string };

function readWith(pkg: XlsxPackage, fastPath: boolean): Run {
  const cells: [number, number, Cell][] = [];
  try {
    scanSheet(pkg, pkg.sheets[0], (r, c, v) => cells.push([r, c, v]), { fastPath });
    return { cells };
  } catch (e) {
    return { cells, error: `${(e as Error).name}: ${(e as Error).message}` };
  }
}

/** Checks one sheet; returns whether the fast path accepted it whole. */
function check(pkg: XlsxPackage, bytes: Uint8Array, label: string): boolean {
  pkg.put("xl/worksheets/sheet1.xml", bytes);
  const saxes = readWith(pkg, false);
  const both = readWith(pkg, true);
  // The fast path alone: what it delivers, and whether it gave up.
  const fast: [number, number, Cell][] = [];
  const strings = READ_STRINGS;
  const accepted = fastScanSheet(bytes, strings, (t, v, hf, f, inl, fail) => cellOf(t, v, hf, f, inl, strings, fail), (r, c, v) => fast.push([r, c, v]));
  try {
    // What the reader gives (fast path, falling back to saxes) is what saxes alone gives: the error, or the cells.
    expect(both.error).toBe(saxes.error);
    if (saxes.error === undefined) expect(both.cells).toEqual(saxes.cells);
    if (accepted) {
      // Accepted whole: saxes accepts it too, with the same cells.
      expect(saxes.error).toBeUndefined();
      expect(fast).toEqual(saxes.cells);
    } else {
      // Gave up: what it had delivered is the start of what saxes delivers.
      const k = Math.min(fast.length, saxes.cells.length);
      expect(fast.slice(0, k)).toEqual(saxes.cells.slice(0, k));
      if (saxes.error === undefined) expect(fast.length).toBeLessThanOrEqual(saxes.cells.length);
    }
  } catch (e) {
    throw new Error(`${label}\n${JSON.stringify(new TextDecoder().decode(bytes))}\n${(e as Error).message}`);
  }
  return accepted;
}

describe("the worksheet fast path reads as saxes does", () => {
  const pkgs = [makePackage(false, false), makePackage(true, false), makePackage(false, true)];

  it("the shared strings are what the fast-path check assumes", () => {
    const cells = readWith(pkgs[0], false);
    expect(cells.error).toBeUndefined();
    pkgs[0].put("xl/worksheets/sheet1.xml", enc(`<worksheet xmlns="${TRANSITIONAL}"><sheetData><row>${STRINGS.map((_, i) => `<c t="s"><v>${i}</v></c>`).join("")}</row></sheetData></worksheet>`));
    expect(readWith(pkgs[0], false).cells.map((c) => c[2])).toEqual(READ_STRINGS);
  });

  it("on 1,500 generated worksheets, accepting every one without a refused cell", () => {
    const rnd = mulberry32(20240131);
    let accepted = 0;
    let clean = 0;
    for (let k = 0; k < 1500; k++) {
      const p = k % 3;
      const xml = makeSheet(rnd, p === 1);
      const bytes = enc(xml);
      const ok = check(pkgs[p], bytes, `generated case ${k}`);
      if (ok) accepted++;
      pkgs[p].put("xl/worksheets/sheet1.xml", bytes);
      if (readWith(pkgs[p], false).error === undefined) {
        clean++;
        // A valid worksheet the reader accepts is read by the fast path itself, not handed to saxes.
        if (!ok) throw new Error(`generated case ${k}: the fast path gave up on a valid sheet\n${JSON.stringify(xml)}`);
      }
    }
    expect(clean).toBeGreaterThan(900);
    expect(accepted).toBe(clean);
  });

  it("on 3,000 worksheets in the templates' shapes and near misses of them, the same cells or the same error", () => {
    const rnd = mulberry32(566000);
    let accepted = 0;
    let clean = 0;
    let cells = 0;
    for (let k = 0; k < 3000; k++) {
      const p = k % 3;
      const { xml, odd } = makeTemplateSheet(rnd, p === 1);
      const bytes = enc(xml);
      const ok = check(pkgs[p], bytes, `template case ${k}`);
      if (ok) accepted++;
      const saxes = readWith(pkgs[p], false);
      if (saxes.error === undefined && !odd) {
        clean++;
        cells += saxes.cells.length;
        if (!ok) throw new Error(`template case ${k}: the fast path gave up on a valid sheet\n${JSON.stringify(new TextDecoder().decode(bytes))}`);
      }
    }
    // Both valid sheets (with many cells) and sheets in error are exercised.
    expect(clean).toBeGreaterThan(800);
    expect(clean).toBeLessThan(2900);
    expect(cells).toBeGreaterThan(5000);
    expect(accepted).toBeGreaterThanOrEqual(clean);
  });

  it("values at the edges of the cell template: long numbers, points and signs in numbers and indexes", () => {
    const numbers = ["1234567.8901234567", "0.10000000000000000555", "123456789012345.67", "1.2345678901234567", "9007199254740993", "12345678901234567", "0.30000000000000004", "999999999999999", "-999999999999999", "100000000000000.5", "-0", "0", "5.", ".5", "-.5", "1.", "0.0075"];
    const indexes = ["0.5", "1.0", "5.", ".5", "-0", "-1", "0", "5", "000000005", "0000000005", "3.", "-.0"];
    const pkg = pkgs[0];
    let accepted = 0;
    for (const v of numbers) if (check(pkg, enc(`<worksheet xmlns="${TRANSITIONAL}"><sheetData><row r="1"><c r="A1"><v>1</v></c><c r="B1"><v>${v}</v></c></row><row r="2"><c r="A2"><v>2</v></c><c r="B2"><v>${v}</v></c></row></sheetData></worksheet>`), `number ${v}`)) accepted++;
    for (const v of indexes) if (check(pkg, enc(`<worksheet xmlns="${TRANSITIONAL}"><sheetData><row r="1"><c r="A1" t="s"><v>1</v></c><c r="B1" t="s"><v>${v}</v></c></row><row r="2"><c r="A2" t="s"><v>2</v></c><c r="B2" t="s"><v>${v}</v></c></row></sheetData></worksheet>`), `index ${v}`)) accepted++;
    expect(accepted).toBeGreaterThan(20);
  });

  it("on 3,000 mutated worksheets in the templates' shapes, the same cells or the same error", () => {
    const rnd = mulberry32(2000);
    let accepted = 0;
    let refused = 0;
    for (let k = 0; k < 3000; k++) {
      const p = k % 3;
      const bytes = mutate(rnd, enc(makeTemplateSheet(rnd, p === 1).xml));
      if (check(pkgs[p], bytes, `mutated template case ${k}`)) accepted++;
      else refused++;
    }
    expect(accepted).toBeGreaterThan(100);
    expect(refused).toBeGreaterThan(500);
  });

  it("on 6,000 mutated worksheets, the same cells or the same error", () => {
    const rnd = mulberry32(9);
    let accepted = 0;
    let refused = 0;
    for (let k = 0; k < 6000; k++) {
      const p = k % 3;
      const bytes = mutate(rnd, enc(makeSheet(rnd, p === 1)));
      if (check(pkgs[p], bytes, `mutated case ${k}`)) accepted++;
      else refused++;
    }
    // Both sides of the fast path are exercised.
    expect(accepted).toBeGreaterThan(400);
    expect(refused).toBeGreaterThan(1000);
  });
});

/*
 * A large part read on two threads (fastScanSheetSplit): the part cut at `<row r="N">` tags (the seams)
 * into a head and chunks, a helper reading the chunks from the last one back (here in this thread: the
 * same scanChunk the worker runs, as many chunks as a test says between two seams of the reading
 * thread), the reading thread reading from the start and taking the helper's chunks only when its state
 * at a seam is the prelude's and the rows run on. Held to the one-thread scan at every seam the cases
 * offer and with helpers of every speed: the same acceptance, the same cells in the same order (and,
 * when it gives up, the same cells delivered first).
 */
describe("a part cut at seams and read by two scanners reads as one scan does", () => {
  const strings = READ_STRINGS;
  const cellOfS = (t: string, v: string | null, hf: boolean, f: string, inl: string, fail: (p: string) => never) => cellOf(t, v, hf, f, inl, strings, fail);

  /** A helper in this thread: `steps` chunks read (last first, as the worker does) each time the reader reaches a seam; Infinity: all before the first. */
  function helperOf(bytes: Uint8Array, split: Split, steps: number) {
    const w = tailBytes(bytes, split);
    const starts = chunkStarts(split);
    let next = starts.length - 1;
    let failed = false;
    let queue: ChunkCells[] = [];
    let taken = 0;
    const helper: ChunkHelper = {
      reached(j) {
        for (let k = 0; k < steps && next > j && !failed; k++, next--) {
          const c = scanChunk(w, split.prelude, starts, next, strings, cellOfS);
          queue.push(c);
          if (!c.ok) failed = true;
        }
      },
      take() {
        const out = queue;
        queue = [];
        taken += out.length;
        return out;
      },
    };
    return { helper, taken: () => taken };
  }

  type Outcome = { ok: boolean; cells: [number, number, Cell][] };
  const one = (bytes: Uint8Array): Outcome => {
    const cells: [number, number, Cell][] = [];
    return { ok: fastScanSheet(bytes, strings, cellOfS, (r, c, v) => cells.push([r, c, v])), cells };
  };
  /** Reads `bytes` cut at the seams nearest `at`; whether it took any chunk of the helper's. */
  function split(bytes: Uint8Array, at: number[], steps: number): (Outcome & { replayed: number }) | null {
    const s = splitOf(bytes, at);
    if (!s) return null;
    const cells: [number, number, Cell][] = [];
    const h = helperOf(bytes, s, steps);
    let own = 0;
    const ok = fastScanSheetSplit(bytes, strings, cellOfS, (r, c, v) => cells.push([r, c, v]), s, h.helper);
    own = cells.length;
    return { ok, cells, replayed: h.taken() > 0 && ok ? own : 0 };
  }

  const every = (bytes: Uint8Array): number[] => {
    const out: number[] = [];
    for (let i = 0; i < bytes.length; i++) if (bytes[i] === 0x3c) out.push(i);
    return out;
  };

  /** Checks a part cut at every seam it has and at a few random sets of seams, with helpers of every speed; counts cuts where chunks were taken. */
  function checkAll(bytes: Uint8Array, label: string, rnd: () => number): { cuts: number; taken: number } {
    const base = one(bytes);
    const lts = every(bytes);
    const sets: number[][] = [lts, [lts[Math.floor(rnd() * lts.length)] ?? 0]];
    for (let k = 0; k < 2; k++) sets.push(lts.filter(() => rnd() < 0.3));
    let cuts = 0;
    let taken = 0;
    for (const at of sets) {
      for (const steps of [0, 1, 2, Infinity]) {
        const got = split(bytes, at, steps);
        if (!got) continue;
        if (got.ok !== base.ok || JSON.stringify(got.cells) !== JSON.stringify(base.cells)) {
          throw new Error(`${label}, seams near ${JSON.stringify(at.slice(0, 20))}, helper ${steps} chunks a seam: ${got.ok ? "accepted" : "refused"} with ${got.cells.length} cells where one scan ${base.ok ? "accepted" : "refused"} with ${base.cells.length}\n${JSON.stringify(new TextDecoder().decode(bytes))}`);
        }
        if (base.ok) {
          cuts++;
          if (got.replayed) taken++;
        }
      }
    }
    return { cuts, taken };
  }

  it("at every seam of 1,500 sheets in the templates' shapes and 1,500 mutations of them, with helpers of every speed", () => {
    const rnd = mulberry32(4511);
    let cuts = 0;
    let taken = 0;
    for (let k = 0; k < 3000; k++) {
      const xml = makeTemplateSheet(rnd, k % 3 === 1).xml;
      const bytes = k < 1500 ? enc(xml) : mutate(rnd, enc(xml));
      const r = checkAll(bytes, `case ${k}`, rnd);
      cuts += r.cuts;
      taken += r.taken;
    }
    // The helper's chunks are taken in most cuts of the parts read whole (not all: a slow helper, another state or row order at a seam).
    expect(cuts).toBeGreaterThan(1500);
    expect(taken).toBeGreaterThan(cuts / 3);
    expect(taken).toBeLessThan(cuts);
  });

  it("at every seam of 1,000 generated sheets (every cell type, prefixes, no references) and 1,000 mutations", () => {
    const rnd = mulberry32(7702);
    let taken = 0;
    for (let k = 0; k < 2000; k++) {
      const xml = makeSheet(rnd, k % 3 === 1);
      const bytes = k < 1000 ? enc(xml) : mutate(rnd, enc(xml));
      taken += checkAll(bytes, `generated case ${k}`, rnd).taken;
    }
    expect(taken).toBeGreaterThan(300);
  });

  /** A long sheet of template rows with something awkward put in just before row `at`'s `<row`. */
  function awkward(what: string, at: number, rows = 40): Uint8Array {
    let body = "";
    for (let r = 1; r <= rows; r++) {
      if (r === at) {
        // `{N}`: the awkward thing is row `at` (the generated row is left out), else it comes before it.
        body += what.replace(/\{N\}/g, String(at));
        if (what.includes("{N}")) continue;
      }
      body += `<row r="${r}"><c r="A${r}" s="1"><v>${45000 + r}</v></c><c r="B${r}" t="s"><v>${r % 6}</v></c><c r="C${r}"><v>${r}.25</v></c></row>`;
    }
    return enc(`<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="${TRANSITIONAL}" xmlns:r="urn:r"><dimension ref="A1:C${rows}"/><sheetData>${body}</sheetData></worksheet>`);
  }

  it("with seams in awkward places: comments, CDATA, processing instructions, attribute values, namespaces, row order, errors", () => {
    const cases: [string, string][] = [
      ["a comment holding a row", '<!-- <row r="7"><c r="A7"><v>1</v></c></row> -->'],
      ["CDATA holding a row", '<![CDATA[<row r="7">]]>'],
      ["a processing instruction holding a row", '<?pi <row r="7"?>'],
      ["an attribute value holding a row", "<foo a='<row r=\"7\">'/>"],
      ["rows inside another element", `<x:g xmlns:x="urn:o"><row r="7"/></x:g>`],
      ["rows inside another element in main", `<x:g xmlns:x="${TRANSITIONAL}"><row r="7"/></x:g>`],
      ["a row re-declaring the default namespace", `<row r="7" xmlns="${TRANSITIONAL}"><c r="A7"><v>7</v></c></row>`],
      ["a row in another namespace", `<row r="7" xmlns="urn:o"><c r="A7"><v>7</v></c></row>`],
      ["a prefixed row", `<x:row r="7" xmlns:x="${TRANSITIONAL}"><x:c r="A7"><x:v>7</x:v></x:c></x:row>`],
      ["a row opened and not closed", '<row r="7"><c r="A7"><v>7</v></c>'],
      ["a row closed twice", "</row>"],
      ["a cell left open", '<row r="7"><c r="A7"><v>7</v>'],
      ["a row in order left open", '<row r="{N}"><c r="A{N}"><v>7</v></c>'],
      ["a row in order with a cell left open", '<row r="{N}"><c r="A{N}"><v>7</v>'],
      ["a row in order closed twice", '<row r="{N}"/></row>'],
      ["a row in order with a value left open", '<row r="{N}"><c r="A{N}"><v>7</c></row>'],
      ["rows in order inside another element", `<x:g xmlns:x="urn:o"><row r="{N}"/></x:g>`],
      ["an element left open before a row in order", `<x:g xmlns:x="${TRANSITIONAL}"><row r="{N}"/>`],
      ["an element in another namespace left open", `<x:g xmlns:x="urn:o"><row r="{N}"/>`],
      ["a row in order declaring a prefix left open", `<row r="{N}" xmlns:x="urn:o"><x:g>`],
      ["inline text left open in a row in order", '<row r="{N}"><c r="A{N}" t="inlineStr"><is><t>x</t>'],
      ["a row out of order across the seam", '<row r="99"/>'],
      ["the same row twice across the seam", '<row r="5"/>'],
      ["a row without r before the seam", "<row/>"],
      ["an error in the second half", '<row r="7"><c r="A7" t="s"><v>99</v></c></row>'],
      ["a bad number in the second half", '<row r="7"><c r="A7"><v>1e400</v></c></row>'],
      ["a bad date in the second half", '<row r="7"><c r="A7" t="d"><v>4/1/2024</v></c></row>'],
      ["a formula without a value", '<row r="7"><c r="A7"><f>SUM(A1)</f></c></row>'],
      ["inline text", '<row r="7"><c r="A7" t="inlineStr"><is><t>x &amp; y</t></is></c></row>'],
      ["an unbound prefix", '<row r="7"><q:c r="A7"/></row>'],
      ["text between rows", "text &amp; more"],
      ["a second root", "</sheetData></worksheet><worksheet><sheetData>"],
      ["a row beyond the grid", '<row r="1048577"/>'],
    ];
    const rnd = mulberry32(77);
    let taken = 0;
    for (const [label, what] of cases) {
      for (const at of [2, 8, 20, 39]) {
        const bytes = awkward(what, at);
        taken += checkAll(bytes, `${label} before row ${at}`, rnd).taken;
        // The part with the rows renumbered so that they are out of order just after the awkward spot.
        taken += checkAll(enc(new TextDecoder().decode(bytes).replace(`<row r="${at + 1}">`, `<row r="${at - 1}">`)), `${label}, then a row out of order`, rnd).taken;
      }
    }
    expect(taken).toBeGreaterThan(50);
  });

  it("reads a sheet through scanSheet with a helper as without one: the same cells, the same error", () => {
    const pkgs = [makePackage(false, false), makePackage(true, false)];
    const rnd = mulberry32(31337);
    let started = 0;
    const inThread: TailScanner = {
      warm: () => undefined,
      release: () => undefined,
      worthIt: () => true,
      start: (w, prelude, starts, strs) => {
        started++;
        let next = starts.length - 1;
        let queue: ChunkCells[] = [];
        return {
          reached(j) {
            if (next > j) {
              const c = scanChunk(w, prelude, starts, next--, strs, (t, v, hf, f, inl, fail) => cellOf(t, v, hf, f, inl, strs, fail));
              queue.push(c);
              if (!c.ok) next = -1;
            }
          },
          take() {
            const out = queue;
            queue = [];
            return out;
          },
          stop: () => undefined,
        };
      },
    };
    for (let k = 0; k < 600; k++) {
      const p = k % 2;
      const xml = makeTemplateSheet(rnd, p === 1).xml;
      const bytes = k < 300 ? enc(xml) : mutate(rnd, enc(xml));
      pkgs[p].put("xl/worksheets/sheet1.xml", bytes);
      const want = readWith(pkgs[p], true);
      const cells: [number, number, Cell][] = [];
      let error: string | undefined;
      try {
        // minBytes 1: every part is cut.
        scanSheet(pkgs[p], pkgs[p].sheets[0], (r, c, v) => cells.push([r, c, v]), { tail: inThread, split: { minBytes: 1, first: rnd() * 0.8, chunks: 1 + Math.floor(rnd() * 4) } });
      } catch (e) {
        error = `${(e as Error).name}: ${(e as Error).message}`;
      }
      expect(error).toBe(want.error);
      if (want.error === undefined) expect(cells).toEqual(want.cells);
    }
    expect(started).toBeGreaterThan(300);
  });
});
