// The sheet writer encodes new sheets straight into UTF-8 bytes and deflates them a piece at a time.
// Its bytes must be exactly what the string writer (cellXml, kept for in-place column edits) makes.
import { strFromU8, unzipSync } from "fflate";
import { readFileSync } from "fs";
import { LazyRows, OutCell } from "../../src/workbook/reconSheets";
import { FileBackend } from "../../src/workbook/xlsx/fileBackend";
import { cellXml, numberTexts, plainTexts } from "../../src/workbook/xlsx/sheetWriter";
import { escapePlain } from "../../src/workbook/xlsx/xml";
import { zlibDeflater, zlibInflater } from "../../src/workbook/xlsx/xlsxFile";
import { columnName } from "../../src/workbook/xlsx/xml";
import { SAMPLE } from "../cli/helpers";

/** Every kind of cell: numbers of every shape, text needing escapes and outside ASCII, formulas with each kind of value, empty cells with and without a format. */
const KINDS: OutCell[] = [
  { value: 0 },
  { value: -0 },
  { value: 7, numFmt: "0" },
  { value: -42 },
  { value: 4294967295 },
  { value: 4294967296 },
  { value: 123456789012345.67, numFmt: "#,##0.00" },
  { value: 0.1 + 0.2 },
  { value: 1e-7 },
  { value: 1e21 },
  { value: NaN },
  { value: Infinity },
  { value: true },
  { value: false, bold: true },
  { value: "plain" },
  { value: "<a & \"b\" > c>" },
  { value: "_x0041_ looks escaped" },
  { value: "bell \u0007 and \uFFFE" },
  { value: "Société Générale € 日本 😀" },
  { value: "" },
  { value: null },
  { value: null, numFmt: "yyyy-mm-dd" },
  { value: 12.5, formula: 'SUMIFS(\'Accruals 2024-01\'!$G$2:$G$9,B2,"="&A2)', numFmt: "#,##0.00" },
  { value: "OK", formula: 'IF(G2<=1,"OK","BREAK")' },
  { value: true, formula: "A1>0" },
  { value: null, formula: 'IF(A1="","",A1)' },
];

async function written(rows: OutCell[][] | LazyRows, deflater = true): Promise<string> {
  const b = await FileBackend.open(readFileSync(SAMPLE), "sample.xlsx", deflater ? zlibInflater : undefined, deflater ? zlibDeflater : undefined);
  await b.writeSheets([{ name: "Bytes", rows, widths: [10], frozenRows: 0 }]);
  const parts = unzipSync(b.bytes());
  const wb = strFromU8(parts["xl/workbook.xml"]);
  const rid = /<sheet name="Bytes" sheetId="\d+" r:id="(rId\d+)"/.exec(wb)![1];
  const target = new RegExp(`Id="${rid}"[^>]*Target="([^"]+)"`).exec(strFromU8(parts["xl/_rels/workbook.xml.rels"]))?.[1] ?? new RegExp(`Target="([^"]+)"[^>]*Id="${rid}"`).exec(strFromU8(parts["xl/_rels/workbook.xml.rels"]))![1];
  return strFromU8(parts[`xl/${target}`]);
}

/** sheetData as the string writer would make it, with the style index each cell got in the written part. */
function expectedSheetData(rows: OutCell[][], actual: string): string {
  // Each format's style index, found once (at the first cell that has it).
  const styles = new Map<string, number>();
  const styleOf = (c: OutCell, ref: string) => {
    const key = `${c.numFmt}|${c.bold}`;
    let s = styles.get(key);
    if (s === undefined) styles.set(key, (s = Number(new RegExp(`<c r="${ref}"(?: s="(\\d+)")?`).exec(actual)?.[1] ?? 0)));
    return s;
  };
  return rows
    .map((row, r) => {
      const cells = row
        .map((c, i) => {
          const ref = `${columnName(i + 1)}${r + 1}`;
          return c ? cellXml(ref, c, styleOf(c, ref)) : "";
        })
        .join("");
      return cells ? `<row r="${r + 1}">${cells}</row>` : "";
    })
    .join("");
}

describe("new sheets encoded as bytes", () => {
  it("every kind of cell comes out exactly as the string writer writes it", async () => {
    const rows = [KINDS, [...KINDS].reverse(), [], [{ value: null }], [undefined as unknown as OutCell, { value: 1 }]];
    const xml = await written(rows);
    const data = /<sheetData>(.*)<\/sheetData>/s.exec(xml)![1];
    expect(data).toBe(expectedSheetData(rows, xml));
    expect(xml).toContain('<c r="K1"><v>0</v></c>');
    expect(xml).toContain("Société Générale € 日本 😀");
  });

  it("numbers digit by digit exactly as String(v): integers, money, rates, and doubles of every size", async () => {
    let seed = 11;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const values: number[] = [0.5, -0.5, 1e-6, -1e-6, 1e-7, 0.000123, 2147483647.999999, -2147483647.5, 2147483648.25, 4503599627.370496, 0.1 + 0.2, 1 / 3, 100, -100, 1e15, 123456.000001];
    for (let i = 0; i < 6000; i++) {
      const scale = 10 ** Math.floor(rnd() * 12 - 3);
      const x = (rnd() - 0.3) * scale;
      values.push(x, Math.round(x * 100) / 100, Math.round(x * 1e5) / 1e5, Math.round(x * 1e6) / 1e6, Math.round(x * 1e7) / 1e7, Math.round(x));
    }
    const rows = Array.from({ length: Math.ceil(values.length / 8) }, (_, r) => values.slice(r * 8, r * 8 + 8).map((value) => ({ value })));
    const xml = await written(new LazyRows(rows.length, 8, (i) => rows[i]));
    const got = [...xml.matchAll(/<v>([^<]*)<\/v>/g)].map((m) => m[1]);
    expect(got).toEqual(values.map((v) => String(v)));
  });

  it("the number writer gives String(v) for a million generated doubles: every magnitude and sign, 0 to 7 decimals, integers past 2^31 and 2^53, money from cents, edges", () => {
    let seed = 29;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const values: number[] = [
      0, -0, 1, -1, 0.5, 1e-6, -1e-6, 1e-7, 9.99999e-7, 0.000001, 0.0000015, 0.999999, 0.9999995, 999999999.999999, 999999999.9999999, 1e9 - 0.5, 1e9 + 0.5, 1e9, 2 ** 31 - 1, 2 ** 31, -(2 ** 31), 2 ** 32 + 0.5,
      2 ** 53 - 1, 2 ** 53, -(2 ** 53 - 1), 2 ** 53 + 2, 1e15 + 0.5, 1e20, 1e21, -1e21, 1e300, 5e-324, Number.MAX_VALUE, 0.1 + 0.2, 1 / 3, 2 / 3, 1234.5678901, 0.001, 0.0025, 100.1, 598853.41433, 1636.21,
      NaN, Infinity, -Infinity,
    ];
    for (let i = 0; i < 170000; i++) {
      const x = (rnd() - 0.4) * 10 ** Math.floor(rnd() * 26 - 10);
      const k = Math.floor(rnd() * 8);
      const cents = Math.round((rnd() - 0.2) * 10 ** Math.floor(rnd() * 16));
      values.push(x, Math.round(x * 10 ** k) / 10 ** k, Math.round(x), cents / 100, cents / 1e5, (Math.round(x * 100) / 100) * (1 + 1e-15));
    }
    const got = numberTexts(values);
    const want = values.map((v) => (Number.isFinite(v) ? String(v) : "0"));
    const wrong = values.filter((_, i) => got[i] !== want[i]).slice(0, 5);
    expect(wrong.map((v) => `${v}: ${got[values.indexOf(v)]}`)).toEqual([]);
    expect(got.length).toBe(values.length);
  });

  it("formulas are escaped straight into bytes exactly as escapePlain escapes them, ASCII or not", () => {
    let seed = 41;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const alphabet = ['&', "<", ">", '"', "'", "\t", "\n", "\r", "_x0041_", "A", "1", "$", "!", " ", "é", "€", "日", "😀", "\u0007", "\uFFFE", "\uD800", "IF(", ",", ")"];
    const texts = ["", 'SUMIFS(\'Accruals 2024-01\'!$G$2:$G$62001,\'Accruals 2024-01\'!$B$2:$B$62001,"="&A7)', 'IF(ABS(G2)<=$B$9,"OK","BREAK")', "Société > € & <x>"];
    for (let i = 0; i < 20000; i++) texts.push(Array.from({ length: Math.floor(rnd() * 40) }, () => alphabet[Math.floor(rnd() * alphabet.length)]).join(""));
    // As UTF-8 bytes (a lone surrogate is U+FFFD in both), read back.
    const utf8 = (t: string) => new TextDecoder().decode(new TextEncoder().encode(t));
    expect(plainTexts(texts)).toEqual(texts.map((t) => utf8(escapePlain(t))));
  });

  it("row numbers of every length, 1 to 7 digits (the writer stores a row's digits a word at a time), each cell exactly as the string writer writes it", async () => {
    const last = 1_000_003;
    const none: OutCell[] = [];
    // A few rows at every power of ten and around it; the rows between have no cells (nothing written).
    const kept = new Set<number>();
    for (let p = 1; p <= 1e6; p *= 10) for (const r of [p - 1, p, p + 1, p + 7]) if (r >= 0 && r < last) kept.add(r);
    for (let r = last - 3; r < last; r++) kept.add(r);
    const cellsOf = (r: number): OutCell[] => (kept.has(r) ? [{ value: r, numFmt: "0" }, { value: `row ${r}` }, { value: null, numFmt: "yyyy-mm-dd" }, { value: r / 8 }] : none);
    const xml = await written(new LazyRows(last, 4, cellsOf));
    const data = /<sheetData>(.*)<\/sheetData>/s.exec(xml)![1];
    expect(data).toBe(expectedSheetData(Array.from({ length: last }, (_, r) => cellsOf(r)), xml));
    expect(data).toContain('<row r="1000003"><c r="A1000003" s=');
  });

  it("a LazyRows sheet (encoded by its own copy of the row writer) gives exactly the bytes of the same rows as an array, and of the string writer: every kind of cell, generated rows, cells refilled in place", async () => {
    let seed = 53;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
    const formats = [undefined, "#,##0.00", "yyyy-mm-dd", "0.0000%", "0"];
    const texts = ["Portfolio 0001", "Portfolio 0001", "a & b", "<tag>", 'say "hi"', "_x0041_", "x_x00e9_y", "bell \u0007", "\uFFFF end", "Société Générale", "日本 😀", "lone \uD800", "", "_", "OK", "BREAK"];
    const value = (): OutCell["value"] => {
      const r = rnd();
      if (r < 0.45) {
        const x = (rnd() - 0.3) * 10 ** Math.floor(rnd() * 24 - 8);
        return pick([x, Math.round(x), Math.round(x * 100) / 100, Math.round(x * 1e5) / 1e5, 45292 + Math.floor(rnd() * 400), -0, NaN, Infinity]);
      }
      if (r < 0.7) return pick(texts);
      if (r < 0.9) return null;
      return rnd() < 0.5;
    };
    const cell = (): OutCell => {
      const c: OutCell = { value: value() };
      const f = pick(formats);
      if (f) c.numFmt = f;
      if (rnd() < 0.05) c.bold = true;
      if (rnd() < 0.08) c.formula = pick(['IF(A1="","",A1)', 'SUMIFS(\'Accruals 2024-01\'!$G$2:$G$9,B2,"="&A2)', "A1>0", "Tab\there & <more>"]);
      return c;
    };
    const rows: OutCell[][] = [KINDS, [...KINDS].reverse(), [], [{ value: null }]];
    for (let r = 0; r < 3000; r++) rows.push(Array.from({ length: 1 + Math.floor(rnd() * 14) }, cell));
    // Runs of one text and one format down a column, as the Accruals sheet has (the writer remembers a column's last text and format).
    for (let r = 0; r < 600; r++) rows.push([{ value: 45292 + r, numFmt: "yyyy-mm-dd" }, { value: `Portfolio ${Math.floor(r / 31)} & co` }, { value: (r * 1000003) / 100, numFmt: "#,##0.00" }, { value: null, numFmt: "yyyy-mm-dd" }, { value: r % 7 ? null : r / 3 }]);
    const width = Math.max(...rows.map((r) => r.length));
    // The same cells refilled in place row after row (as the Accruals sheet's transient rows are).
    const scratch: OutCell[] = [];
    const refill = (i: number): OutCell[] => {
      scratch.length = rows[i].length;
      rows[i].forEach((c, k) => {
        const s = (scratch[k] ??= { value: null });
        s.value = c.value;
        if (c.numFmt === undefined) delete s.numFmt;
        else s.numFmt = c.numFmt;
        if (c.bold === undefined) delete s.bold;
        else s.bold = c.bold;
        if (c.formula === undefined) delete s.formula;
        else s.formula = c.formula;
      });
      return scratch;
    };
    const asArray = await written(rows);
    const lazy = await written(new LazyRows(rows.length, width, (i) => rows[i]));
    const refilled = await written(new LazyRows(rows.length, width, (i) => rows[i], refill));
    const data = (xml: string) => /<sheetData>(.*)<\/sheetData>/s.exec(xml)![1];
    // As UTF-8 bytes read back (a lone surrogate is U+FFFD).
    const utf8 = (t: string) => new TextDecoder().decode(new TextEncoder().encode(t));
    expect(data(asArray)).toBe(utf8(expectedSheetData(rows, asArray)));
    expect(data(lazy)).toBe(utf8(expectedSheetData(rows, lazy)));
    expect(lazy).toBe(asArray.replace(/<dimension ref="[^"]*"\/>/, /<dimension ref="[^"]*"\/>/.exec(lazy)![0]));
    expect(refilled).toBe(lazy);
    expect(data(lazy)).toContain("_x005F_x0041_");
    expect(data(lazy)).toContain("Portfolio 3 &amp; co");
  });

  it("a sheet of many pieces (non-ASCII text across the 1 MB piece boundaries) deflated piece by piece reads back whole, in Node and with fflate", async () => {
    const rows = Array.from({ length: 30000 }, (_, i) => [{ value: `Portefeuille n° ${i} — Société Générale 日本` }, { value: i * 1.01, numFmt: "#,##0.00" }, { value: -i }]);
    const lazy = new LazyRows(rows.length, 3, (i) => rows[i]);
    for (const node of [true, false]) {
      const xml = await written(lazy, node);
      expect(xml.length).toBeGreaterThan(3 << 20);
      const data = /<sheetData>(.*)<\/sheetData>/s.exec(xml)![1];
      expect(data).toBe(expectedSheetData(rows, xml));
    }
  });
});
