// Generated worksheets and mutations of them, for the differential tests of the worksheet reader's paths
// (fastSheet.test.ts: the fast path against saxes; overlapRead.test.ts: the sheet read while inflated).
import { XlsxPackage } from "../../src/workbook/xlsx/package";
import { RawInflater, writeZip } from "../../src/workbook/xlsx/zip";

export const TRANSITIONAL = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
export const STRICT = "http://purl.oclc.org/ooxml/spreadsheetml/main";
export const STRINGS = ["Portfolio", "Net Assets", "A &amp; B", "x_x000D_y", "日本語", " padded "];

export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const enc = (s: string) => new TextEncoder().encode(s);

/** A package with shared strings and one sheet; the sheet's bytes are swapped in per case. */
export function makePackage(strict: boolean, date1904: boolean, sheet?: Uint8Array, inflater?: RawInflater): XlsxPackage {
  const main = strict ? STRICT : TRANSITIONAL;
  const rel = strict ? "http://purl.oclc.org/ooxml/officeDocument/relationships" : "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
  const pkgRel = "http://schemas.openxmlformats.org/package/2006/relationships";
  const bytes = writeZip([
    { name: "[Content_Types].xml", data: enc(`<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/></Types>`) },
    { name: "_rels/.rels", data: enc(`<?xml version="1.0"?><Relationships xmlns="${pkgRel}"><Relationship Id="rId1" Type="${rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>`) },
    { name: "xl/workbook.xml", data: enc(`<?xml version="1.0"?><workbook xmlns="${main}" xmlns:r="${rel}">${date1904 ? '<workbookPr date1904="1"/>' : ""}<sheets><sheet name="Data" sheetId="1" r:id="rId1"/></sheets></workbook>`) },
    { name: "xl/_rels/workbook.xml.rels", data: enc(`<?xml version="1.0"?><Relationships xmlns="${pkgRel}"><Relationship Id="rId1" Type="${rel}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${rel}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`) },
    { name: "xl/sharedStrings.xml", data: enc(`<?xml version="1.0"?><sst xmlns="${main}">${STRINGS.map((s) => `<si><t xml:space="preserve">${s}</t></si>`).join("")}</sst>`) },
    { name: "xl/worksheets/sheet1.xml", data: sheet ?? enc(`<worksheet xmlns="${main}"><sheetData/></worksheet>`) },
  ]);
  return XlsxPackage.load(bytes, "diff.xlsx", inflater);
}

export const col = (i: number) => {
  let s = "";
  for (let n = i; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
};

/** A valid worksheet (sometimes with a cell or row the reader refuses: limits, bad dates, missing strings). */
export function makeSheet(rnd: () => number, strict: boolean): string {
  const pick = <T,>(xs: T[]): T => xs[Math.floor(rnd() * xs.length)];
  const chance = (p: number) => rnd() < p;
  const main = strict ? STRICT : TRANSITIONAL;
  const px = chance(0.4) ? pick(["x:", "s:", "ns0:"]) : "";
  const q = () => (chance(0.3) ? "'" : '"');
  const at = (name: string, value: string) => {
    const qq = q();
    return `${chance(0.1) ? "\n  " : " "}${name}${chance(0.05) ? " = " : "="}${qq}${value}${qq}`;
  };
  const nl = () => (chance(0.2) ? pick(["\n", "\r\n", "  ", "\t"]) : "");
  const el = (name: string, attrs: string, body: string | null) => (body === null ? `<${px}${name}${attrs}/>` : `<${px}${name}${attrs}>${body}</${px}${name}${chance(0.05) ? " " : ""}>`);
  const text = () => pick(["plain", "A &amp; B", "&lt;tag&gt;", "quote &quot;x&quot; &apos;y&apos;", "line\nbreak", "cr\r\nlf", "tab\there", " spaced ", "日本語 ✓", "&#65;&#x42;&#x1F600;", "_x000D_", "]] >", "", "a > b"]);
  // Values the reader refuses come rarely, so most sheets are read whole.
  const bad = <T,>(good: T[], wrong: T[]): T => (chance(0.01) ? pick(wrong) : pick(good));
  const num = () => bad(["0", "1", "-1", "44927", "200000000.12", "0.0075", "-0", "5.", ".5", "-.25", "1.5E3", "1e-7", "+3", " 12 ", "12345678901234567", "0.30000000000000004", "999999999999999", "1e15", "000123", "", "\n42\n", "1e308"], ["1e400", "12abc", "1.2.3", "-", "."]);
  const cellBody = (type: string): { t: string | null; body: string | null } => {
    const f = chance(0.15) ? pick([el("f", "", "SUM(A1:A2)"), el("f", `${at("t", "shared")}${at("ref", "A1:A3")}${at("si", "0")}`, "A1+1"), el("f", `${at("t", "shared")}${at("si", "0")}`, null), el("f", "", "IF(A1&lt;2,&quot;x&quot;,B1)")]) : "";
    const v = (s: string) => el("v", chance(0.1) ? at("xml:space", "preserve") : "", s);
    switch (type) {
      case "n":
        return { t: chance(0.2) ? "n" : null, body: f + (f && chance(0.3) ? "" : v(num())) };
      case "s":
        return { t: "s", body: f + v(bad(["0", "1", "2", "3", "4", "5", "007", " 1 ", "1.0", "", "1e0"], ["6", "99", "-1", "x"])) };
      case "str":
        return { t: "str", body: f + v(text()) };
      case "b":
        return { t: "b", body: f + v(pick(["0", "1", "true", " 1 ", "yes"])) };
      case "e":
        return { t: "e", body: f + v(pick(["#N/A", " #DIV/0! ", "#REF!"])) };
      case "d":
        return { t: "d", body: f + v(bad(["2024-01-31", "2024-01-31T00:00:00Z", "2024-01-31T00:00", "1904-01-01", " 2024-03-01 "], ["2024-02-30", "4/1/2024", "2024-01-31T12:00"])) };
      default: {
        const runs = chance(0.5)
          ? el("t", chance(0.3) ? at("xml:space", "preserve") : "", text())
          : `${el("r", "", `${chance(0.5) ? el("rPr", "", el("b", "", null)) : ""}${el("t", at("xml:space", "preserve"), text())}`)}${el("r", "", el("t", "", text()))}${chance(0.5) ? el("rPh", `${at("sb", "0")}${at("eb", "1")}`, el("t", "", "phonetic")) : ""}`;
        return { t: "inlineStr", body: el("is", "", runs) };
      }
    }
  };
  const rows: string[] = [];
  let r = 0;
  const rowCount = 1 + Math.floor(rnd() * 12);
  for (let k = 0; k < rowCount; k++) {
    r += chance(0.2) ? 2 + Math.floor(rnd() * 3) : 1;
    if (chance(0.003)) r = 1_048_577;
    const useR = !chance(0.2);
    const cells: string[] = [];
    let c = 0;
    const cellCount = Math.floor(rnd() * 6);
    for (let j = 0; j < cellCount; j++) {
      c += chance(0.2) ? 2 : 1;
      if (chance(0.002)) c = 16_385;
      const { t, body } = cellBody(pick(["n", "n", "n", "s", "s", "str", "b", "e", "d", "inlineStr"]));
      let attrs = "";
      if (!chance(0.2)) attrs += at("r", chance(0.05) ? `$${col(c)}$${r}` : chance(0.05) ? `${col(c).toLowerCase()}${r}` : `${col(c)}${r}`);
      else if (chance(0.1)) c = 0; // no reference: the reader counts on from the previous cell
      if (chance(0.3)) attrs += at("s", String(Math.floor(rnd() * 4)));
      if (t) attrs += at("t", t);
      cells.push(nl() + el("c", attrs, chance(0.05) ? null : body));
    }
    const rowAttrs = (useR ? at("r", String(r)) : "") + (chance(0.3) ? at("spans", "1:5") : "") + (chance(0.2) ? at("x14ac:dyDescent", "0.25") : "");
    rows.push(nl() + el("row", rowAttrs, cells.length || chance(0.5) ? cells.join("") + nl() : null));
  }
  const decl = chance(0.8) ? pick(['<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n', "<?xml version='1.0'?>", '<?xml version="1.0" encoding="utf-8"?>\r\n']) : "";
  const bom = chance(0.05) ? "\ufeff" : "";
  const nsDecl = px ? ` xmlns:${px.slice(0, -1)}="${main}"` : ` xmlns="${main}"`;
  const extra = ` xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"${chance(0.9) ? ' xmlns:x14ac="http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac"' : ""} mc:Ignorable="x14ac"`;
  const before = chance(0.5) ? `${el("dimension", at("ref", "A1:F20"), null)}${el("sheetViews", "", el("sheetView", at("workbookViewId", "0"), null))}${nl()}${el("cols", "", el("col", `${at("min", "1")}${at("max", "3")}${at("width", "14")}`, null))}` : "";
  const after = chance(0.3) ? `${el("mergeCells", at("count", "1"), el("mergeCell", at("ref", "A1:B1"), null))}<extLst><ext uri="{X}" xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main"><x14:foo a="&amp;"/></ext></extLst>` : "";
  return `${bom}${decl}<${px}worksheet${nsDecl}${extra}>${nl()}${before}${el("sheetData", "", rows.join("") + nl())}${after}${nl()}</${px}worksheet>${chance(0.2) ? "\n" : ""}`;
}

/**
 * A worksheet in the shapes the fast path's templates read (`<row r="N">`, `<c r="REF" s=".." t="s|n">`
 * + `<v>..</v></c>`, self-closing cells, `</row>`) and near misses of them: attributes in another order
 * or with others among them, white space inside tags, single quotes, `s` and `t` variants, `x:` prefixes
 * bound to main, the default namespace changed or declared again on a row, empty `<v>`, long numbers,
 * indexes beyond the shared strings, references in lower case, with `$`, out of order or beyond the
 * grid, rows out of order or beyond the limit, entities and other text in `<v>`.
 */
export function makeTemplateSheet(rnd: () => number, strict: boolean): { xml: string; odd: boolean } {
  const pick = <T,>(xs: T[]): T => xs[Math.floor(rnd() * xs.length)];
  const chance = (p: number) => rnd() < p;
  const main = strict ? STRICT : TRANSITIONAL;
  const miss = rnd() < 0.5 ? 0.02 : 0.12; // how often a near miss replaces the template shape
  const rare = (p = miss) => chance(p);
  const sheetPx = chance(0.1) ? "x:" : "";
  const num = () =>
    rare()
      ? pick(["", "1234567890123456", "12345678901234567", "-0", "1.5E3", ".5", "5.", "--1", "1.2.3", "-", "1-2", " 1", "&#49;", "1&amp;", "1e400", "0.1e1", "+1", "١", "12\n", "1\r\n2"])
      : pick(["0", "1", "-1", "44927", "200000000.12", "123456789.12", "0.0075", "999999999999999", "-123456789012.345", "100", "45292"]);
  const idx = () => (rare() ? pick(["6", "7", "99", "007", "", "1.0", "-1", "1234567890", "&#48;", "0 "]) : pick(["0", "1", "2", "3", "4", "5"]));
  let odd = false; // a `t` SpreadsheetML does not define: valid XML the reader takes as a number, which the fast path leaves to saxes
  const rows: string[] = [];
  let r = 0;
  const rowCount = 1 + Math.floor(rnd() * 15);
  for (let k = 0; k < rowCount; k++) {
    r += chance(0.15) ? 2 : 1;
    let rr = r;
    if (rare(miss / 4)) rr = pick([r - 2, 0, 1_048_577, 1_048_576, 99_999_999]);
    else if (rare(miss / 8)) rr = r - 1; // the same row again
    // The row's prefix, its cells' prefix, and namespace declarations on the row.
    let rpx = sheetPx;
    let px = sheetPx;
    let rowDecl = "";
    if (rare(miss / 2)) {
      const d = pick(["main", "other", "x", "mainAgain", "otherDefault", "mixed", "q"]);
      if (d === "main") rowDecl = ` xmlns="${main}"`;
      else if (d === "q") rowDecl = ` xmlns:q="urn:other"`; // bound in this row only: a `q:` element after it is an error
      else if (d === "other") rowDecl = ` xmlns="urn:other"`;
      else if (d === "x") {
        rowDecl = ` xmlns:x="${main}"`;
        rpx = px = "x:";
      } else if (d === "otherDefault") {
        // The row in main by its prefix, its unprefixed cells in another namespace (not cells at all).
        rowDecl = ` xmlns="urn:other" xmlns:x="${main}"`;
        rpx = "x:";
        px = "";
      } else if (d === "mixed") {
        rowDecl = ` xmlns:x="${main}"`;
        rpx = "x:";
        px = "";
      } else rowDecl = ` xmlns:y="${main}"`;
    }
    const rowOpen = rare()
      ? pick([`<${rpx}row r='${rr}'>`, `<${rpx}row r="${rr}" spans="1:3">`, `<${rpx}row  r="${rr}">`, `<${rpx}row r="${rr}" >`, `<${rpx}row>`, `<${rpx}row r="${rr}"${rowDecl}>`, `<${rpx}row spans="1:3" r="${rr}">`, `<${rpx}row r="0${rr}">`, `<${rpx}row r="0000000${rr}">`, `<${rpx}row r="${rr}"${rowDecl}/>`])
      : `<${rpx}row r="${rr}"${rowDecl}>`;
    if (rowOpen.endsWith("/>")) {
      rows.push(rowOpen);
      continue;
    }
    const cells: string[] = [];
    let c = 0;
    const cellCount = Math.floor(rnd() * 5);
    for (let j = 0; j < cellCount; j++) {
      c += chance(0.2) ? 2 : 1;
      let ref = `${col(c)}${rr}`;
      if (rare(miss / 2)) ref = pick([`${col(c).toLowerCase()}${rr}`, `$${col(c)}$${rr}`, `XFE${rr}`, `XFD${rr}`, `AAAA${rr}`, `${col(c)}0`, `${col(c)}1048577`, `${col(c)}12345678`, `${col(c)}`, `${rr}`, `${col(c)}${rr}x`, `${col(c + 5)}${rr}`, `A${rr}`, `${col(c)}${rr + 7}`, ""]);
      const type = rare() ? pick(["str", "b", "e", "d", "inlineStr", "x", "S", "", "ss"]) : pick([null, null, "n", "s", "s"]);
      if (type !== null && !["n", "s", "str", "b", "e", "d", "inlineStr"].includes(type)) odd = true;
      const s = chance(0.6) ? (rare() ? pick(["", "12a", "-1", "1.5"]) : String(Math.floor(rnd() * 40))) : null;
      const q = rare() ? "'" : '"';
      let attrs = `${rare(miss / 3) ? "" : ` r=${q}${ref}${q}`}${s !== null ? ` s="${s}"` : ""}${type !== null ? ` t="${type}"` : ""}`;
      if (rare()) attrs = pick([`${type !== null ? ` t="${type}"` : ""} r="${ref}"${s !== null ? ` s="${s}"` : ""}`, `${attrs} cm="1"`, ` s="1" r="${ref}"`, `${attrs} `, ` r = "${ref}"`, `\n r="${ref}"`, `${attrs} x14ac:a="1"`, `${attrs} s="2"`, `${attrs} r="${ref}"`]);
      let value = type === "s" ? idx() : num();
      if (type === "str" || type === "inlineStr") value = pick(["text", "1", ""]);
      else if (type === "b") value = pick(["1", "0"]);
      else if (type === "d") value = pick(["2024-01-31", "45292"]);
      else if (type === "e") value = "#N/A";
      let body: string | null = `<${px}v>${value}</${px}v>`;
      if (type === "inlineStr") body = `<${px}is><${px}t>${value}</${px}t></${px}is>`;
      if (rare()) body = pick([null, `<${px}v >${value}</${px}v>`, `<${px}v>${value}</${px}v >`, `<${px}f>A1</${px}f><${px}v>${value}</${px}v>`, `<${px}v></${px}v>`, ` <${px}v>${value}</${px}v>`, `<${px}v>${value}</${px}v> `, `<${px}v xml:space="preserve">${value}</${px}v>`, `<${px}v/>`, `<${px}v>${value}</${px}v><${px}v>1</${px}v>`, `<y:v>${value}</y:v>`]);
      const close = rare(miss / 2) ? pick([`</${px}c >`, `</${px}c\n>`, `</${px}C>`, `</${px}d>`, `</${px}cc>`, `</${px}c`]) : `</${px}c>`;
      if (rare(miss / 2)) {
        cells.push(`<q:c r="${ref}"><q:v>1</q:v></q:c>`);
        continue;
      }
      if (type !== "inlineStr" && chance(0.05)) body = null; // styled empty cells are common
      const selfClose = rare() ? pick(["/ >", "/", "//>", "/>>", "/\n>"]) : "/>";
      cells.push(body === null ? `<${px}c${attrs}${selfClose}` : `<${px}c${attrs}>${body}${close}`);
    }
    const between = rare() ? pick(["\n", " ", "\r\n"]) : "";
    const rowClose = rare(miss / 2) ? pick([`</${rpx}row >`, `</${rpx}row\n>`]) : `</${rpx}row>`;
    // Rarely a cell holding a row of cells, even inside its `<v>`, `<t>` or `<f>`: the handlers' state after the
    // inner cells is what the outer one ends with (it may deliver the inner value again, or a formula).
    const nested = rare(miss / 2) && cells.length ? pick([0, 1, 2, 3, 4, 5, 6]) : -1;
    if (nested >= 0) {
      r++;
      const after = pick(["", `<${px}f>C1</${px}f>`, `<${px}v>2</${px}v>`, `<${px}is><${px}t>after</${px}t></${px}is>`]);
      const [open, close] = [
        [`<${px}c r="A${rr}" t="inlineStr"><${px}is><${px}t>in</${px}t></${px}is>`, `</${px}c>`],
        [`<${px}c r="A${rr}" t="s"><${px}v>1</${px}v>`, `${after}</${px}c>`],
        [`<${px}c r="A${rr}"><${px}f>B1</${px}f>`, `${after}</${px}c>`],
        [`<${px}c r="A${rr}" t="${pick(["s", "n", "inlineStr", "str"])}">`, `${after}</${px}c>`],
        [`<${px}c r="A${rr}"><${px}v>1`, `9</${px}v></${px}c>`],
        [`<${px}c r="A${rr}" t="inlineStr"><${px}is><${px}t>1`, `9</${px}t></${px}is></${px}c>`],
        [`<${px}c r="A${rr}"><${px}f>B`, `9</${px}f></${px}c>`],
      ][nested];
      const inner = pick([cells.join(between).split(`${rr}"`).join(`${r}"`), `<${px}c r="A${r}" s="1"/>`, `<${px}c r="B${r}" t="s"><${px}v>3</${px}v></${px}c>`, `<${px}c r="A${r}" s="1"/><${px}c r="B${r}"><${px}v>4.5</${px}v></${px}c>`]);
      rows.push(`${rowOpen}${open}<${rpx}row r="${r}">${inner}</${rpx}row>${close}${rowClose}`);
    } else rows.push(`${rowOpen}${cells.join(between)}${rowClose}`);
  }
  const nsDecl = sheetPx ? ` xmlns:x="${main}"` : ` xmlns="${main}"`;
  const y = ` xmlns:y="${main}"`;
  return { xml: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<${sheetPx}worksheet${nsDecl}${y}><${sheetPx}dimension ref="A1:C9"/><${sheetPx}sheetData>${rows.join(chance(0.2) ? "\n" : "")}</${sheetPx}sheetData></${sheetPx}worksheet>`, odd };
}

export const SNIPPETS = [
  "<!-- a comment -->",
  "<![CDATA[12]]>",
  "<?pi body?>",
  "<?xml version=\"1.0\"?>",
  "<!DOCTYPE worksheet>",
  '<!DOCTYPE worksheet [<!ENTITY a "b">]>',
  "&amp;",
  "&lt;",
  "&nbsp;",
  "&a;",
  "&#65;",
  "&#x41;",
  "&#0;",
  "&#xD800;",
  "&#1114112;",
  "&#xFFFE;",
  "&#;",
  "&#X41;",
  "&",
  "<",
  ">",
  "]]>",
  "]]",
  "\u0001",
  "\u0000",
  "\u007f",
  "\r",
  "\r\n",
  "\t",
  "é",
  "\ufffe",
  "<q:x/>",
  ' q:a="1"',
  ' xmlns:q="urn:q"',
  ' xmlns:q=""',
  ' xmlns="urn:other"',
  ' xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"',
  ' r="B1"',
  ' t="s"',
  ' t="str"',
  ' t="x"',
  ' s="1" s="2"',
  ' x14ac:a="1" x14ac:a="2"',
  ' mc:Ignorable="x" mc:Ignorable="y"',
  " r='A1'",
  " r=A1",
  " r",
  "</v>",
  "</c>",
  "</row>",
  "<v>",
  "<c>",
  "<row>",
  "<x:row>",
  "</x:c>",
  "<c/>",
  '<c r="A1"><v>1e400</v></c>',
  '<c r="A1"><v>1000000000000000</v></c>',
  '<c r="A1" t="d"><v>4/1/2024</v></c>',
  '<row r="1048577"/>',
  '<c r="XFE1"/>',
  "<worksheet/>",
  "<é/>",
  "<a:b:c/>",
  "<_x/>",
  "<a.b-c/>",
  " xml:space='preserve'",
  " xml:lang='en'",
  " xmlns:xml='http://www.w3.org/XML/1998/namespace'",
];
export const BAD_BYTES = [[0xc0, 0x80], [0xed, 0xa0, 0x80], [0xff], [0xef, 0xbf, 0xbe], [0xe2, 0x82], [0xf4, 0x90, 0x80, 0x80], [0x80], [0xf0, 0x9f, 0x98, 0x80], [0xef, 0xbb, 0xbf]];

export function mutate(rnd: () => number, src: Uint8Array): Uint8Array {
  const pick = <T,>(xs: T[]): T => xs[Math.floor(rnd() * xs.length)];
  let b = Array.from(src);
  const times = rnd() < 0.7 ? 1 : 2 + Math.floor(rnd() * 2);
  for (let k = 0; k < times; k++) {
    // Where: anywhere, or just inside a tag, or in text.
    let at = Math.floor(rnd() * (b.length + 1));
    const mode = rnd();
    if (mode < 0.3) {
      const tags: number[] = [];
      for (let i = 0; i < b.length; i++) if (b[i] === (mode < 0.15 ? 0x3e : 0x20)) tags.push(mode < 0.15 ? i + 1 : i);
      if (tags.length) at = pick(tags);
    }
    const what = rnd();
    if (what < 0.15) b.splice(at, 0, Math.floor(rnd() * 256));
    else if (what < 0.3) b.splice(at, 1 + Math.floor(rnd() * 3));
    else if (what < 0.4) b[Math.min(at, b.length - 1)] = pick([0x3c, 0x3e, 0x26, 0x22, 0x27, 0x2f, 0x3d, 0x20, 0x3a, 0x5d, 0x0d, 0x00, Math.floor(rnd() * 256)]);
    else if (what < 0.5) b.splice(at, 0, ...pick(BAD_BYTES));
    else b.splice(at, 0, ...enc(pick(SNIPPETS)));
  }
  // Sometimes a tag renamed so that it no longer matches.
  if (rnd() < 0.1) {
    const s = new TextDecoder().decode(Uint8Array.from(b));
    b = Array.from(enc(s.replace(pick(["</v>", "</c>", "</row>", "</t>", "</is>", "</sheetData>"]), pick(["</f>", "</C>", "</rows>", "</x:t>", "</is >", "</sheetdata>"]))));
  }
  return Uint8Array.from(b);
}

/** The shared strings as the reader reads them (the first test checks this). */
export const READ_STRINGS = ["Portfolio", "Net Assets", "A & B", "x\ry", "日本語", " padded "];
