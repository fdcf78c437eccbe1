import { Cell } from "../cells";
import { CellBatch, CellRun } from "../columns";
import { MAX_COLUMNS as COLUMNS, MAX_DEPTH as DEPTH, MAX_ROWS as ROWS, NS } from "./xml";

// Module constants (not property loads from the imported module in the hot loop).
const MAX_COLUMNS: number = COLUMNS;
const MAX_DEPTH: number = DEPTH;
const MAX_ROWS: number = ROWS;

/**
 * The byte-level fast path for worksheet parts (see docs/xlsx-layer.md, "Parser and inflater").
 *
 * A strict, well-formedness-checking XML tokenizer for the subset of XML that worksheets are written
 * in, working on the part's inflated bytes: no decoding of the whole part to text, numbers parsed
 * from bytes, text decoded only where a cell needs it. It reads cells exactly as `scanSheet`'s saxes
 * handlers do (the same state machine, event for event, and the same `cellOf` for every cell that is
 * not a plain number or shared-string index). saxes stays the parser of record: on anything outside
 * the subset (a comment, a processing instruction after the declaration, CDATA, a DOCTYPE, a name
 * that is not ASCII, an unusual declaration, UTF-16) and on ANY error (not well-formed, a limit, a
 * cell the reader refuses) the fast path gives up and the caller re-reads the part with saxes from
 * the start, so every error message is saxes' own. `test/workbook/fastSheet.test.ts` holds the two to
 * the same result on generated and mutated worksheets.
 */

/** The fast path met something outside its subset, or an error: saxes decides. */
class Refused {}
const REFUSED = new Refused();
const refuse = (): never => {
  throw REFUSED;
};

/** What a `<c>` element's children gave, as the saxes handlers collect it, to the cell it holds. */
export type CellOf = (type: string, value: string | null, hasFormula: boolean, formula: string, inline: string, fail: (problem: string) => never) => Cell;

// Byte classes in text: 0 plain, 1 '<', 2 '&', 3 ']', 4 CR, 5 not allowed, 6 first byte of a multi-byte sequence.
const TEXT = new Uint8Array(256);
// In attribute values: 0 plain, 1 '"', 2 "'", 3 '&', 4 TAB/LF/CR (normalised to a space), 5 not allowed ('<', controls), 6 multi-byte.
const ATTR = new Uint8Array(256);
// Names: 1 may start an NCName, 2 may continue one, 4 the colon.
const NAME = new Uint8Array(256);
for (let c = 0; c < 256; c++) {
  TEXT[c] = c >= 0x80 ? 6 : c < 0x20 ? (c === 9 || c === 10 ? 0 : c === 13 ? 4 : 5) : c === 0x3c ? 1 : c === 0x26 ? 2 : c === 0x5d ? 3 : 0;
  ATTR[c] = c >= 0x80 ? 6 : c < 0x20 ? (c === 9 || c === 10 || c === 13 ? 4 : 5) : c === 0x3c ? 5 : c === 0x26 ? 3 : c === 0x22 ? 1 : c === 0x27 ? 2 : 0;
  const letter = (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
  NAME[c] = letter ? 3 : (c >= 48 && c <= 57) || c === 45 || c === 46 ? 2 : c === 58 ? 4 : 0;
}
const isS = (c: number) => c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0d;

/** Element ids by local name in the SpreadsheetML namespace: what scanSheet's handlers act on. */
const OTHER = 0;
const ROW = 1;
const C = 2;
const V = 3;
const F = 4;
const IS = 5;
const RPH = 6;
const T = 7;
const IGNORED = -1; // not in the SpreadsheetML namespace: the handlers return at once
const LOCAL_IDS: Record<string, number> = { row: ROW, c: C, v: V, f: F, is: IS, rPh: RPH, t: T };
const TYPES = ["n", "s", "str", "b", "e", "d", "inlineStr"];
const TYPE_BYTES = TYPES.map((t) => Uint8Array.from(t, (ch) => ch.charCodeAt(0)));

/** A cell's `t` attribute b[s, e) as one of SpreadsheetML's types (the string constant); anything else goes to saxes. */
function typeAt(b: Uint8Array, s: number, e: number): string {
  if (e - s === 1) {
    const c = b[s];
    if (c === 0x73) return "s";
    if (c === 0x6e) return "n";
  }
  for (let q = 0; q < TYPES.length; q++) if (same(b, s, e - s, TYPE_BYTES[q])) return TYPES[q];
  return refuse();
}

const MAIN: readonly string[] = NS.main;
const MAX_ATTRS = 64;
const MAX_NAMES = 512;

interface Scope {
  prefixes: Uint8Array[];
  uris: string[];
  /** Element names already resolved in this scope: the name's bytes and its id. */
  names: Uint8Array[];
  ids: number[];
  /** Direct-mapped by length and first and last byte: the index in `names` last seen there, or -1. */
  cache: Int32Array;
}

const newScope = (prefixes: Uint8Array[], uris: string[]): Scope => ({ prefixes, uris, names: [], ids: [], cache: new Int32Array(64).fill(-1) });

const POW10 = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];
/**
 * ignoreBOM: a U+FEFF at the start of a cell's text is text (only the part's first bytes may be a
 * byte-order mark). Made on first use: some test environments (jsdom) have no TextDecoder at load.
 */
let decoder: { decode(input: Uint8Array): string } | null = null;
const utf8 = {
  decode: (bytes: Uint8Array): string => (decoder ??= new TextDecoder("utf-8", { ignoreBOM: true })).decode(bytes),
};

/**
 * Reads a worksheet part's cells from its bytes, as scanSheet's saxes handlers would, into `onCell`.
 * Returns false when it gave up (the part is outside its subset, or it is in error): the caller then
 * reads the part with saxes from the start. Cells already handed to `onCell` before giving up are the
 * same, in the same order, as saxes' first ones (everything before them was checked).
 */
export function fastScanSheet(b: Uint8Array, strings: readonly string[], cellOf: CellOf, onCell: (row: number, col: number, cell: Cell) => void): boolean {
  return scanRange(plain(b), strings, new Sink(cellOf, onCell), new ScanState(), 0, b.length, true);
}

/**
 * `fastScanSheet` over a part read as its bytes come (inflated on another thread): consecutive ranges
 * [0, k1), [k1, k2), ... of the part's bytes, each cut where a tag starts (a `<`), the last with `last`,
 * give exactly what one `fastScanSheet` of the whole part gives (see ScanState), cells handed on in
 * the same order. `b` is the part's buffer so far (the last range may come in another buffer holding the
 * same bytes, the part inflated again: places in it are kept). After a range gives up (false) the scanner
 * is not used again.
 */
export class FastScan {
  private readonly sink: Sink;
  private readonly st = new ScanState();

  /** With `onBatch`, cells go to it a batch at a time (the same cells in the same order), not to `onCell`. */
  constructor(
    private readonly strings: readonly string[],
    cellOf: CellOf,
    onCell: (row: number, col: number, cell: Cell) => void,
    onBatch: OnBatch | null = null,
  ) {
    this.sink = new Sink(cellOf, onCell, onBatch);
  }

  /** Scans b[from, to), where the previous range ended; false when it gave up (saxes decides). */
  range(b: Uint8Array, from: number, to: number, last: boolean): boolean {
    return scanRange(plain(b), this.strings, this.sink, this.st, from, to, last);
  }
}

/** A plain Uint8Array over the same bytes: indexing a Node Buffer (a subclass) in the loop is about twice as slow. */
const plain = (b: Uint8Array): Uint8Array => (Object.getPrototypeOf(b) === Uint8Array.prototype ? b : new Uint8Array(b.buffer, b.byteOffset, b.length));

/** Scans b[from, to) from `st` (updated), cells into `sink` (all handed on before it returns); false when it gave up. */
function scanRange(b: Uint8Array, strings: readonly string[], sink: Sink, st: ScanState, from: number, to: number, last: boolean): boolean {
  try {
    scan(b, strings, sink, st, from, to, last);
    sink.flush();
    return true;
  } catch (e) {
    if (e === REFUSED) {
      sink.flush();
      return false;
    }
    throw e;
  }
}

/** The length of the valid UTF-8 sequence for an XML Char at `i` (its first byte is >= 0x80), or 0. */
function utf8Char(b: Uint8Array, i: number, n: number): number {
  const c = b[i];
  if (c >= 0xc2 && c <= 0xdf) return i + 1 < n && (b[i + 1] & 0xc0) === 0x80 ? 2 : 0;
  if (c >= 0xe0 && c <= 0xef) {
    if (i + 2 >= n) return 0;
    const c1 = b[i + 1];
    const c2 = b[i + 2];
    if ((c2 & 0xc0) !== 0x80) return 0;
    if (c === 0xe0 ? c1 < 0xa0 || c1 > 0xbf : c === 0xed ? c1 < 0x80 || c1 > 0x9f : (c1 & 0xc0) !== 0x80) return 0;
    if (c === 0xef && c1 === 0xbf && (c2 === 0xbe || c2 === 0xbf)) return 0; // U+FFFE, U+FFFF are not XML characters
    return 3;
  }
  if (c >= 0xf0 && c <= 0xf4) {
    if (i + 3 >= n) return 0;
    const c1 = b[i + 1];
    if ((b[i + 2] & 0xc0) !== 0x80 || (b[i + 3] & 0xc0) !== 0x80) return 0;
    if (c === 0xf0 ? c1 < 0x90 || c1 > 0xbf : c === 0xf4 ? c1 < 0x80 || c1 > 0x8f : (c1 & 0xc0) !== 0x80) return 0;
    return 4;
  }
  return 0;
}

let refEnd = 0;
/** The character a reference at `i` (b[i] is '&') stands for, setting refEnd past its ';'; refuses anything but XML's five entities and character references to XML characters. */
function reference(b: Uint8Array, i: number, n: number): number {
  let j = i + 1;
  let code = 0;
  if (j < n && b[j] === 0x23) {
    j++;
    let digits = 0;
    if (j < n && b[j] === 0x78) {
      j++;
      for (; j < n && digits < 8; j++, digits++) {
        const c = b[j];
        const v = c >= 48 && c <= 57 ? c - 48 : c >= 97 && c <= 102 ? c - 87 : c >= 65 && c <= 70 ? c - 55 : -1;
        if (v < 0) break;
        code = code * 16 + v;
      }
    } else {
      for (; j < n && digits < 8; j++, digits++) {
        const c = b[j];
        if (c < 48 || c > 57) break;
        code = code * 10 + (c - 48);
      }
    }
    if (digits === 0 || j >= n || b[j] !== 0x3b) refuse();
    if (!(code === 9 || code === 10 || code === 13 || (code >= 0x20 && code <= 0xd7ff) || (code >= 0xe000 && code <= 0xfffd) || (code >= 0x10000 && code <= 0x10ffff))) refuse();
  } else {
    const s = j;
    while (j < n && j - s < 5 && b[j] >= 97 && b[j] <= 122) j++;
    if (j >= n || b[j] !== 0x3b) refuse();
    const len = j - s;
    const c0 = b[s];
    if (len === 2 && c0 === 108 && b[s + 1] === 116) code = 60; // lt
    else if (len === 2 && c0 === 103 && b[s + 1] === 116) code = 62; // gt
    else if (len === 3 && c0 === 97 && b[s + 1] === 109 && b[s + 2] === 112) code = 38; // amp
    else if (len === 4 && c0 === 113 && b[s + 1] === 117 && b[s + 2] === 111 && b[s + 3] === 116) code = 34; // quot
    else if (len === 4 && c0 === 97 && b[s + 1] === 112 && b[s + 2] === 111 && b[s + 3] === 115) code = 39; // apos
    else refuse();
  }
  refEnd = j + 1;
  return code;
}

/** Text between markup as XML gives it: references expanded, CR LF and lone CR as LF. */
function textOf(b: Uint8Array, a: number, e: number, plain: boolean): string {
  if (plain) return utf8.decode(b.subarray(a, e));
  let out = "";
  let s = a;
  for (let i = a; i < e; ) {
    const c = b[i];
    if (c === 0x26) {
      out += utf8.decode(b.subarray(s, i)) + String.fromCodePoint(reference(b, i, e));
      i = s = refEnd;
    } else if (c === 0x0d) {
      out += `${utf8.decode(b.subarray(s, i))}\n`;
      i += i + 1 < e && b[i + 1] === 0x0a ? 2 : 1;
      s = i;
    } else i++;
  }
  return out + utf8.decode(b.subarray(s, e));
}

function same(b: Uint8Array, s: number, len: number, name: Uint8Array): boolean {
  if (name.length !== len) return false;
  for (let k = 0; k < len; k++) if (b[s + k] !== name[k]) return false;
  return true;
}

function equalAt(b: Uint8Array, s1: number, s2: number, len: number): boolean {
  for (let k = 0; k < len; k++) if (b[s1 + k] !== b[s2 + k]) return false;
  return true;
}

function latin1(b: Uint8Array, s: number, e: number): string {
  let out = "";
  for (let k = s; k < e; k++) out += String.fromCharCode(b[k]);
  return out;
}

/** The XML declarations the fast path accepts (anything else goes to saxes). */
const DECL = /^<\?xml[ \t\r\n]+version=(["'])1\.0\1(?:[ \t\r\n]+encoding=(["'])[Uu][Tt][Ff]-8\2)?(?:[ \t\r\n]+standalone=(["'])(?:yes|no)\3)?[ \t\r\n]*\?>/;

/**
 * The number a plain `<v>` run b[a, e) of a type "n" cell holds (an optional '-', at most 15 digits with
 * at most one '.', nothing else), or NaN when cellOf must decide.
 */
function plainNumber(b: Uint8Array, a: number, e: number): number {
  let k = a;
  const neg = b[k] === 0x2d;
  if (neg) k++;
  // A double from the start (-0 is not a small integer; -0 * 10 + d is d): amounts pass 2^31, and small-
  // integer arithmetic here deoptimised the loop this is inlined in ("overflow") at the first that did.
  let m = -0;
  let digits = 0;
  let frac = -1;
  for (; k < e; k++) {
    const c = b[k];
    if (c >= 48 && c <= 57) {
      m = m * 10 + (c - 48);
      digits++;
    } else if (c === 0x2e && frac < 0) frac = k;
    else break;
  }
  // At most 15 digits: m and 10^k are exact doubles, so m / 10^k is the correctly rounded Number(text).
  if (k === e && digits > 0 && digits <= 15) {
    const x = frac < 0 ? m : m / POW10[e - frac - 1];
    return neg ? -x : x;
  }
  return NaN;
}

/** The shared-string index a plain `<v>` run b[a, e) of a type "s" cell holds (1 to 9 digits, within `count`), or -1 when cellOf must decide. */
function plainIndex(b: Uint8Array, a: number, e: number, count: number): number {
  let k = a;
  let m = 0;
  for (; k < e && k - a < 9; k++) {
    const c = b[k];
    if (c < 48 || c > 57) break;
    m = m * 10 + (c - 48);
  }
  return k === e && k > a && m < count ? m : -1;
}

/** The number or shared string a plain `<v>` run b[a, e) holds for types "n" and "s", or undefined when cellOf must decide. */
function plainValue(b: Uint8Array, a: number, e: number, type: string, strings: readonly string[]): number | string | undefined {
  if (type === "n") {
    const x = plainNumber(b, a, e);
    if (x === x) return x;
  } else if (type === "s") {
    const k = plainIndex(b, a, e, strings.length);
    if (k >= 0) return strings[k];
  }
  return undefined;
}

/** The unprefixed attribute named by the one letter `ch` among the tag's `count`, or -1; -2 when its value is not plain. */
function findAttr(b: Uint8Array, aName: Int32Array, aNameLen: Int32Array, aPlain: Uint8Array, count: number, ch: number): number {
  for (let k = 0; k < count; k++) if (aNameLen[k] === 1 && b[aName[k]] === ch) return aPlain[k] ? k : -2;
  return -1;
}

/** The namespace bound to the prefix b[s, s+len) in `scope`, or undefined. */
function uriOf(b: Uint8Array, s: number, len: number, scope: Scope): string | undefined {
  const p = scope.prefixes;
  for (let k = p.length - 1; k >= 0; k--) if (p[k].length === len && same(b, s, len, p[k])) return scope.uris[k];
  return undefined;
}

/** The id of the element named b[s, s+len) (`colon` where its prefix ends, or -1) in `scope`. */
function resolveName(b: Uint8Array, s: number, len: number, colon: number, scope: Scope): number {
  const slot = (len * 7 + b[s] * 3 + b[s + len - 1]) & 63;
  const hit = scope.cache[slot];
  if (hit >= 0 && same(b, s, len, scope.names[hit])) return scope.ids[hit];
  const names = scope.names;
  for (let k = 0; k < names.length; k++) {
    if (same(b, s, len, names[k])) {
      scope.cache[slot] = k;
      return scope.ids[k];
    }
  }
  if (names.length >= MAX_NAMES) refuse();
  let uri: string | undefined;
  if (colon < 0) {
    uri = "";
    for (let k = 0; k < scope.prefixes.length; k++) if (scope.prefixes[k].length === 0) uri = scope.uris[k];
  } else uri = uriOf(b, s, colon - s, scope);
  if (uri === undefined) refuse(); // an unbound prefix
  const local = latin1(b, colon < 0 ? s : colon + 1, s + len);
  const id = uri === MAIN[0] || uri === MAIN[1] ? (LOCAL_IDS[local] ?? OTHER) : IGNORED;
  scope.cache[slot] = names.length;
  names.push(b.slice(s, s + len));
  scope.ids.push(id);
  return id;
}

const isXmlns = (b: Uint8Array, s: number) => b[s] === 120 && b[s + 1] === 109 && b[s + 2] === 108 && b[s + 3] === 110 && b[s + 4] === 115;

/*
 * The tokenizer's byte loops are small functions called once per text run, name, tag and attribute
 * (hundreds of thousands of calls per large sheet), not one big loop body: V8 optimises them after the
 * first few hundred calls and inlines them into `scan`, so the first sheet read is already fast. As one
 * function, `scan` was called once per sheet and only optimised mid-loop by on-stack replacement, late
 * (the first pass over a 7 MB part ran about five times slower than later ones). Their results beyond
 * the returned position are left in these module variables (numbers and booleans only: no allocation).
 */
/** scanText: whether the run had no reference and no CR. */
let textPlain = true;
/** readName: where the name's colon is, or -1. */
let nameColon = -1;
/** readAttributes: how many, and whether the tag ended in `/>`. */
let attrCount = 0;
let attrSelfClosing = false;
/** attrValue: whether the value had no reference and no line end. */
let valuePlain = 1;

// Attributes of the tag being read (filled by readAttributes, read before any callback runs).
const aName = new Int32Array(MAX_ATTRS);
const aNameLen = new Int32Array(MAX_ATTRS);
const aColon = new Int32Array(MAX_ATTRS);
const aVal = new Int32Array(MAX_ATTRS);
const aValEnd = new Int32Array(MAX_ATTRS);
const aPlain = new Uint8Array(MAX_ATTRS);

/** Text from `i` (inside the root element) up to the next '<' or the end; checked, not decoded. */
function scanText(b: Uint8Array, i: number, n: number): number {
  const TX = TEXT;
  let plain = true;
  for (;;) {
    while (i < n && TX[b[i]] === 0) i++;
    if (i >= n) break;
    const k = TX[b[i]];
    if (k === 1) break;
    if (k === 2) {
      reference(b, i, n);
      i = refEnd;
      plain = false;
    } else if (k === 3) {
      if (i + 2 < n && b[i + 1] === 0x5d && b[i + 2] === 0x3e) refuse(); // "]]>" in text
      i++;
    } else if (k === 4) {
      plain = false;
      i++;
    } else if (k === 6) {
      const len = utf8Char(b, i, n);
      if (!len) refuse();
      i += len;
    } else refuse();
  }
  textPlain = plain;
  return i;
}

/** The end of the (qualified) name starting at `i` (b[i] may start one): ASCII, at most one colon, not last. */
function readName(b: Uint8Array, i: number, n: number): number {
  const NM = NAME;
  let colon = -1;
  let c: number;
  i++;
  while (i < n && (c = NM[b[i]]) !== 0) {
    if (c === 4) {
      if (colon >= 0) refuse();
      colon = i;
      if (i + 1 >= n || !(NM[b[i + 1]] & 1)) refuse();
    }
    i++;
  }
  nameColon = colon;
  return i;
}

/** The end of an end tag's name, white space and '>' at `i`, given its start tag's name b[s, s+len). */
function endTag(b: Uint8Array, i: number, n: number, s: number, len: number): number {
  if (i + len > n) refuse();
  for (let k = 0; k < len; k++) if (b[i + k] !== b[s + k]) refuse();
  i += len;
  while (i < n && isS(b[i])) i++;
  if (i >= n || b[i] !== 0x3e) refuse();
  return i + 1;
}

/** The end of an attribute value at `i` (just past its opening quote, `qk` 1 for '"', 2 for "'"): at its closing quote. */
function attrValue(b: Uint8Array, i: number, n: number, qk: number): number {
  const AT = ATTR;
  let vplain = 1;
  for (;;) {
    while (i < n && AT[b[i]] === 0) i++;
    if (i >= n) refuse();
    const k = AT[b[i]];
    if (k === qk) break;
    if (k === 1 || k === 2) i++;
    else if (k === 3) {
      reference(b, i, n);
      i = refEnd;
      vplain = 0;
    } else if (k === 4) {
      vplain = 0;
      i++;
    } else if (k === 6) {
      const l = utf8Char(b, i, n);
      if (!l) refuse();
      i += l;
    } else refuse();
  }
  valuePlain = vplain;
  return i;
}

/** A start tag's attributes from `i` (just past its name) into aName..aPlain, through its '>' or '/>'. */
function readAttributes(b: Uint8Array, i: number, n: number): number {
  const NM = NAME;
  let count = 0;
  let selfClosing = false;
  for (;;) {
    const ws = i;
    while (i < n && isS(b[i])) i++;
    if (i >= n) refuse();
    const c = b[i];
    if (c === 0x3e) {
      i++;
      break;
    }
    if (c === 0x2f) {
      if (i + 1 >= n || b[i + 1] !== 0x3e) refuse();
      i += 2;
      selfClosing = true;
      break;
    }
    if (i === ws || !(NM[c] & 1) || count >= MAX_ATTRS) refuse(); // no white space before an attribute, or not a name
    const as = i;
    i = readName(b, i, n);
    const acolon = nameColon;
    const alen = i - as;
    while (i < n && isS(b[i])) i++;
    if (i >= n || b[i] !== 0x3d) refuse();
    i++;
    while (i < n && isS(b[i])) i++;
    if (i >= n) refuse();
    const q = b[i];
    if (q !== 0x22 && q !== 0x27) refuse();
    i++;
    const vs = i;
    i = attrValue(b, i, n, q === 0x22 ? 1 : 2);
    // Unique by qualified name (and, to be safe, no two prefixed attributes with the same local name).
    for (let k = 0; k < count; k++) {
      if (aNameLen[k] === alen && equalAt(b, as, aName[k], alen)) refuse();
      if (acolon >= 0 && aColon[k] >= 0) {
        const l1 = as + alen - acolon;
        if (l1 === aName[k] + aNameLen[k] - aColon[k] && equalAt(b, acolon, aColon[k], l1)) refuse();
      }
    }
    aName[count] = as;
    aNameLen[count] = alen;
    aColon[count] = acolon;
    aVal[count] = vs;
    aValEnd[count] = i;
    aPlain[count] = valuePlain;
    count++;
    i++; // the closing quote
  }
  attrCount = count;
  attrSelfClosing = selfClosing;
  return i;
}

/**
 * The scope of a start tag with `count` attributes: a new one when it declares namespaces (xmlns,
 * xmlns:p), else null; prefixed attributes' prefixes must be bound in the scope that results.
 */
function declarations(b: Uint8Array, count: number, scope: Scope): Scope | null {
  let prefixed = false;
  let declared: Scope | null = null;
  for (let k = 0; k < count; k++) {
    const as = aName[k];
    const ac = aColon[k];
    const isDefault = aNameLen[k] === 5 && isXmlns(b, as);
    const isPrefixed = ac === as + 5 && isXmlns(b, as);
    if (!isDefault && !isPrefixed) {
      if (ac >= 0) prefixed = true;
      continue;
    }
    if (!aPlain[k]) refuse();
    const value = utf8.decode(b.subarray(aVal[k], aValEnd[k]));
    let prefix = new Uint8Array(0);
    if (isPrefixed) {
      prefix = b.slice(as + 6, as + aNameLen[k]);
      const p = latin1(prefix, 0, prefix.length);
      if (value === "" || p === "xml" || p === "xmlns") refuse();
    }
    if (!declared) declared = newScope(scope.prefixes.slice(), scope.uris.slice());
    let uri: string = value;
    for (const known of KNOWN) if (known === value) uri = known;
    declared.prefixes.push(prefix);
    declared.uris.push(uri);
  }
  if (prefixed) {
    const inScope = declared ?? scope;
    for (let k = 0; k < count; k++) {
      const ac = aColon[k];
      const as = aName[k];
      if (ac < 0 || (ac === as + 5 && isXmlns(b, as))) continue;
      if (uriOf(b, as, ac - as, inScope) === undefined) refuse();
    }
  }
  return declared;
}

/** A `<row>` start tag's row number after `rowIndex` (its `r`, checked, or the next). */
function rowOpened(b: Uint8Array, count: number, rowIndex: number): number {
  const k = findAttr(b, aName, aNameLen, aPlain, count, 0x72);
  let next = rowIndex + 1;
  if (k === -2) refuse();
  if (k >= 0) {
    // /^\d{1,7}$/, 1 to MAX_ROWS, after the last row: anything else is an error saxes' path reports.
    const vs = aVal[k];
    const ve = aValEnd[k];
    if (ve - vs < 1 || ve - vs > 7) refuse();
    next = 0;
    for (let q = vs; q < ve; q++) {
      const d = b[q];
      if (d < 48 || d > 57) refuse();
      next = next * 10 + (d - 48);
    }
    if (next < 1 || next > MAX_ROWS || next <= rowIndex) refuse();
  } else if (next > MAX_ROWS) refuse();
  return next;
}

/** A `<c>` start tag's column after `col` (its `r`, checked, or the next). */
function cellColumn(b: Uint8Array, count: number, col: number): number {
  const k = findAttr(b, aName, aNameLen, aPlain, count, 0x72);
  if (k === -2) refuse();
  if (k >= 0) {
    col = refColumnAt(b, aVal[k], aValEnd[k]);
    if (!col) refuse();
  } else if (++col > MAX_COLUMNS) refuse();
  return col;
}

/** A `<c>` start tag's type (its `t`, or "n"). */
function cellType(b: Uint8Array, count: number): string {
  const t = findAttr(b, aName, aNameLen, aPlain, count, 0x74);
  if (t === -2) refuse();
  return t === -1 ? "n" : typeAt(b, aVal[t], aValEnd[t]);
}

/*
 * The common elements of a large sheet as fixed templates: `<row r="N">` and
 * `<c r="REF"( s="DIGITS")?( t="s"| t="n")?>` + `<v>RUN</v></c>` (or that start tag self-closing),
 * unprefixed, double quotes, single spaces, no other attribute: the shapes Excel and most writers use
 * for a numbers-and-shared-strings sheet. A template consumes a whole element or nothing: on any byte
 * that is not the template's, the element is not taken and the generic tokenizer reads it from the
 * same place, with the same state (nothing was changed). What it accepts the generic path accepts with the
 * same result: names and attributes are fixed (so unique, no declarations, no prefixes), the reference is
 * read as refColumnAt reads it (1 to 3 letters, 1 to 7 digits, within the grid; only upper case and no
 * `$` here), `s` is digits (the reader does not use it), `t` is "s" or "n", the run holds only digits,
 * '.' and '-' (plain text) and must still be a plain number or index (plainNumber, plainIndex) for the
 * caller to take it; `templateRun` checks the element names resolve to `row`, `c`, `v` in the current
 * scope, the row, depth and order limits, and `scan` sets its state as the generic handlers would.
 */
/** rowTemplate's row number. */
let tRow = 0;

/*
 * The templates' fixed fragments as little-endian 32-bit words (DataView.getInt32(k, true) of the bytes
 * at k): four bytes compared at once.
 */
/** `c r=` */
const W_C_R = 0x3d722063;
/** ` s="` */
const W_S = 0x223d7320;
/** ` t="` */
const W_T = 0x223d7420;
/** `><v>` */
const W_V_OPEN = 0x3e763c3e;
/** `</v>` */
const W_V_CLOSE = 0x3e762f3c;
/** `</c>` */
const W_C_CLOSE = 0x3e632f3c;
/** `row ` */
const W_ROW = 0x20776f72;
/** ` r="` */
const W_R = 0x223d7220;
/** `/row` */
const W_END_ROW = 0x776f722f;

/**
 * The most bytes a template reads from an element's first byte (just past its '<') to the next element's
 * first byte, with room to spare: the longest cell it takes is `c r="XFD1048576" s="` + 10 digits +
 * `" t="s"><v>` + 17 bytes of value + `</v></c><` and the next byte (70 bytes; every loop in it is bounded,
 * a longer style or value is left to the generic path). The templates start an element only where
 * SLACK bytes of the range are left, so they read no byte past the range without checking each read; the
 * range's last bytes go to the generic tokenizer (which reads them as the templates would have).
 */
export const SLACK = 96;

/** `<row r="N">` from `i` (at the `r` of `row`; SLACK bytes there): its end, with N (1 to 7 digits, not yet checked against limits) in tRow, or -1. */
function rowTemplate(b: Uint8Array, dv: DataView, i: number): number {
  if (dv.getInt32(i, true) !== W_ROW || dv.getInt32(i + 3, true) !== W_R) return -1;
  let k = i + 7;
  let r = 0;
  let d = b[k] - 48;
  while (d >= 0 && d <= 9) {
    if (k - i === 14) return -1; // an eighth digit
    r = r * 10 + d;
    d = b[++k] - 48;
  }
  if (k === i + 7 || b[k] !== 0x22 || b[k + 1] !== 0x3e) return -1;
  tRow = r;
  return k + 2;
}

/*
 * templateRun's state: in, the handlers' row, column and depth; out, the same after the elements taken,
 * and what the last cell taken left (runLast 0 none, 1 self-closing, 2 with a value: its type and run),
 * whether any cell with a value was taken (its `</v>` ended any capture), and whether the returned
 * position is just past the '<' of an element the templates did not take (else at text).
 */
let runRowIndex = 0;
let runCol = 0;
let runDepth = 0;
let runLast = 0;
let runType = "n";
let runA = 0;
let runB = 0;
let runCaptured = false;
let runAtElement = false;

/**
 * The templates, element after element from `i` (just past a '<') while they match and only '<' comes
 * between: returns where `scan` goes on, or -1 when the first element is not one of them. `cOk` and
 * `rowOk`: `c` and `row` resolve to C and ROW in the current scope (no template declares any, so it
 * holds throughout). A small function of its own, so that V8 optimises the loop that reads a large
 * sheet early, without waiting for `scan` (large) to be compiled. An element is taken only where at
 * least SLACK bytes of the range are left from its first byte, so no read here checks the range's end.
 */
function templateRun(b: Uint8Array, dv: DataView, i: number, n: number, strings: readonly string[], sink: Sink, cOk: boolean, rowOk: boolean, nameAt: Int32Array, nameLen: Int32Array, idAt: Int8Array, restore: (Scope | null)[]): number {
  const lim = n - SLACK;
  let rowIndex = runRowIndex;
  let col = runCol;
  let depth = runDepth;
  let last = 0;
  let type = "n";
  let a = 0;
  let z = 0;
  let captured = false;
  let taken = false;
  let c = b[i];
  for (;;) {
    let e = -1;
    if (i >= lim) {
      // The range's last bytes: the generic path reads them.
    } else if (c === 0x63) {
      if (cOk && rowIndex > 0 && depth + 1 < MAX_DEPTH && idAt[depth - 1] === ROW) {
        // The cell template (written out here: as a function of its own it cost about 15% more).
        cell: {
          if (dv.getInt32(i, true) !== W_C_R || b[i + 4] !== 0x22) break cell;
          let k = i + 5;
          // The reference: as refColumnAt reads it (1 to 3 upper-case letters, no `$`, then 1 to 7 digits).
          let ch = b[k] - 65;
          if (ch < 0 || ch > 25) break cell;
          let cc = ch + 1;
          ch = b[++k] - 65;
          if (ch >= 0 && ch <= 25) {
            cc = cc * 26 + ch + 1;
            ch = b[++k] - 65;
            if (ch >= 0 && ch <= 25) {
              cc = cc * 26 + ch + 1;
              ch = b[++k] - 65;
              if (ch >= 0 && ch <= 25) break cell; // a fourth letter
            }
          }
          if (cc > MAX_COLUMNS) break cell;
          const ds = k;
          let row = 0;
          ch = b[k] - 48;
          while (ch >= 0 && ch <= 9) {
            if (k - ds === 7) break cell; // an eighth digit
            row = row * 10 + ch;
            ch = b[++k] - 48;
          }
          if (k === ds || row < 1 || row > MAX_ROWS || b[k] !== 0x22) break cell;
          k++;
          // ` s="DIGITS"` (the style: not read; more than 10 digits are left to the generic path).
          if (dv.getInt32(k, true) === W_S) {
            k += 4;
            const ss = k;
            ch = b[k] - 48;
            while (ch >= 0 && ch <= 9) {
              if (k - ss === 10) break cell;
              ch = b[++k] - 48;
            }
            if (b[k] !== 0x22) break cell;
            k++;
          }
          // ` t="s"` (tt 1) or ` t="n"` (or none: tt 0).
          let tt = 0;
          if (dv.getInt32(k, true) === W_T && b[k + 5] === 0x22) {
            const t = b[k + 4];
            if (t === 0x73) tt = 1;
            else if (t !== 0x6e) break cell;
            k += 6;
          }
          if (b[k] === 0x2f) {
            // Self-closing: the handlers' open and close of a `<c>` with no children (type n or s: no cell).
            if (b[k + 1] !== 0x3e) break cell;
            col = cc;
            type = tt ? "s" : "n";
            last = 1;
            e = k + 2;
            break cell;
          }
          if (dv.getInt32(k, true) !== W_V_OPEN) break cell;
          // `<v>` RUN `</v></c>`: the run must be a plain number or index (else the generic path and cellOf
          // decide), read as plainNumber and plainIndex read it: an optional leading '-', digits with at most
          // one '.', 1 to 15 digits for a number (m / 10^k, exact), 1 to 9 digits and no sign or point for an
          // index. Anything else (another '-' or '.', a 16th digit, another byte before `</v></c>`) is not
          // plain: the generic path reads the cell.
          k += 4;
          const va = k;
          let neg = false;
          if (b[k] === 0x2d) {
            neg = true;
            k++;
          }
          // A double from the start (-0 * 10 + d is d), as in plainNumber: amounts pass 2^31, and a path taken
          // first in a large sheet would deoptimise this loop there.
          let m = -0;
          let digits = 0;
          let frac = -1;
          for (;;) {
            ch = b[k] - 48;
            if (ch >= 0 && ch <= 9) {
              if (digits === 15) break cell; // a 16th digit
              m = m * 10 + ch;
              digits++;
            } else if (ch === -2 && frac < 0) frac = k; // the first '.'
            else break;
            k++;
          }
          if (digits === 0 || dv.getInt32(k, true) !== W_V_CLOSE || dv.getInt32(k + 4, true) !== W_C_CLOSE) break cell;
          if (tt === 0) {
            const x = frac < 0 ? m : m / POW10[k - frac - 1];
            col = cc;
            type = "n";
            sink.heldNumber(rowIndex, cc, neg ? -x : x);
          } else {
            if (neg || frac >= 0 || digits > 9 || m >= strings.length) break cell;
            col = cc;
            type = "s";
            sink.held(rowIndex, cc, strings[m | 0]);
          }
          last = 2;
          a = va;
          z = k;
          captured = true;
          e = k + 8;
        }
      }
    } else if (c === 0x72) {
      if (rowOk && depth < MAX_DEPTH) {
        e = rowTemplate(b, dv, i);
        if (e > 0 && tRow >= 1 && tRow <= MAX_ROWS && tRow > rowIndex) {
          rowIndex = tRow;
          col = 0;
          nameAt[depth] = i;
          nameLen[depth] = 3;
          idAt[depth] = ROW;
          depth++;
        } else e = -1;
      }
    } else if (c === 0x2f) {
      // `</row>` closing an unprefixed `<row>` that declared nothing (the handlers do nothing on it).
      const d = depth - 1;
      if (d >= 0 && idAt[d] === ROW && nameLen[d] === 3 && restore[d] === null && dv.getInt32(i, true) === W_END_ROW && b[i + 4] === 0x3e) {
        depth = d;
        e = i + 5;
      }
    }
    if (e < 0) {
      runAtElement = true;
      break;
    }
    taken = true;
    // e is at most 70 bytes past i (< lim): e + 1 is inside the range. A full batch: back to `scan` (at the
    // text before the next element), which hands it on and comes back.
    if (b[e] === 0x3c && depth > 0 && sink.count < BATCH) {
      i = e + 1;
      c = b[i];
    } else {
      i = e;
      runAtElement = false;
      break;
    }
  }
  if (!taken) return -1;
  runRowIndex = rowIndex;
  runCol = col;
  runDepth = depth;
  runLast = last;
  runType = type;
  runA = a;
  runB = z;
  runCaptured = captured;
  return i;
}

/** Cells handed on a batch at a time (columns.ts). */
export type OnBatch = CellBatch;

/** Cells are handed on in batches of this many. */
const BATCH = 256;

/**
 * Where cells go: one class, so the tokenizer's calls to it always meet the same methods whatever
 * callbacks a sheet's reader passes. `scan` and `templateRun` only write cells into its batch (numbers
 * into a Float64Array, unboxed); `flush`, a small function of its own, hands each full batch to the
 * reader's callback. A callback called (and inlined) in the tokenizer's loop deoptimised it when the
 * next sheet passed another one ("wrong call target"), and the loop then ran unoptimised, mid-way
 * through the Net Assets sheet, until V8 had compiled `scan` (large) again; now only `flush` is
 * recompiled. Cells reach the callback in the same order, and all of them before `fastScanSheet`
 * returns (those before a refusal too).
 */
class Sink {
  private readonly rows = new Int32Array(BATCH);
  private readonly cols = new Int32Array(BATCH);
  private readonly nums = new Float64Array(BATCH);
  /** The cell when not a number (nums[k] is then NaN, which no plain number is). */
  private readonly others: Cell[] = new Array<Cell>(BATCH).fill(null);
  /** Cells in the batch (BATCH at most: `number` and `deliver` hand a full batch on; `held` and `heldNumber` leave that to `flush`). */
  count = 0;

  constructor(
    private readonly cellOf: CellOf,
    private readonly onCell: (row: number, col: number, cell: Cell) => void,
    private readonly onBatch: OnBatch | null = null,
  ) {}
  cell(type: string, value: string | null, hasFormula: boolean, formula: string, inline: string): Cell {
    return this.cellOf(type, value, hasFormula, formula, inline, failCell);
  }
  number(row: number, col: number, x: number): void {
    const k = this.count;
    this.rows[k] = row;
    this.cols[k] = col;
    this.nums[k] = x;
    this.advance();
  }
  deliver(row: number, col: number, cell: Cell): void {
    const k = this.count;
    this.rows[k] = row;
    this.cols[k] = col;
    this.nums[k] = NaN;
    this.others[k] = cell;
    this.advance();
  }
  /**
   * `number` and `deliver` for templateRun: the cell is stored, the batch never handed on here (templateRun
   * stops at a full batch and `scan` flushes it). So templateRun's optimised code never holds a reader's
   * callback inlined: a sheet read with another callback than the sheets before it (the Net Assets sheet)
   * does not deoptimise it.
   */
  heldNumber(row: number, col: number, x: number): void {
    const k = this.count;
    this.rows[k] = row;
    this.cols[k] = col;
    this.nums[k] = x;
    this.count = k + 1;
  }
  held(row: number, col: number, cell: Cell): void {
    const k = this.count;
    this.rows[k] = row;
    this.cols[k] = col;
    this.nums[k] = NaN;
    this.others[k] = cell;
    this.count = k + 1;
  }
  /** One place that flushes a full batch (so its call has type feedback from the first batch on, wherever it is inlined). */
  private advance(): void {
    if (++this.count === BATCH) this.flush();
  }
  flush(): void {
    const n = this.count;
    this.count = 0;
    if (this.onBatch !== null) {
      if (n > 0) this.onBatch(this.rows, this.cols, this.nums, this.others, n);
      return;
    }
    const nums = this.nums;
    for (let k = 0; k < n; k++) {
      const x = nums[k];
      this.onCell(this.rows[k], this.cols[k], x === x ? x : this.others[k]);
    }
  }
}
const failCell = (_problem: string): never => refuse();

/**
 * The tokenizer's state between two calls of `scan` over consecutive ranges of one part: the elements
 * open and the handlers' variables. Scanning [0, k) and then [k, n) from the state the first call left
 * gives what scanning [0, n) gives, when k is where a tag starts (a split anywhere else is refused:
 * the tag or reference it cuts is incomplete at the end of the first range).
 */
export class ScanState {
  // The elements open: their names' places in the part, ids, and the scope to restore when each closes.
  readonly nameAt = new Int32Array(MAX_DEPTH + 1);
  readonly nameLen = new Int32Array(MAX_DEPTH + 1);
  readonly idAt = new Int8Array(MAX_DEPTH + 1);
  readonly restore: (Scope | null)[] = new Array<Scope | null>(MAX_DEPTH + 1).fill(null);
  depth = 0;
  sawRoot = false;
  scope: Scope = newScope([Uint8Array.of(120, 109, 108)], [NS.xml]);
  // scanSheet's state, variable for variable.
  rowIndex = 0;
  col = 0;
  type = "n";
  hasFormula = false;
  formula = "";
  inline = "";
  capture = 0;
  inIs = false;
  phonetic = 0;
  vMode = 0;
  vA = 0;
  vB = 0;
  vStr = "";
  cScope: Scope | null = null;
  rowScope: Scope | null = null;
}

function scan(b: Uint8Array, strings: readonly string[], sink: Sink, st: ScanState, from: number, to: number, last: boolean): void {
  const n = to;
  const NM = NAME;
  const dv = new DataView(b.buffer, b.byteOffset, b.length);
  let i = from;
  if (from === 0) {
    if (n >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) i = 3;
    else if (n >= 2 && ((b[0] === 0xff && b[1] === 0xfe) || (b[0] === 0xfe && b[1] === 0xff))) refuse(); // UTF-16
    if (n - i >= 6 && b[i] === 0x3c && b[i + 1] === 0x3f) {
      // Only `<?xml ...?>` may start the part here (any other processing instruction goes to saxes).
      let e = i;
      while (e < n && e - i < 200 && b[e] !== 0x3e) e++;
      const m = DECL.exec(latin1(b, i, Math.min(n, e + 1)));
      if (!m) refuse();
      i += m![0].length;
    }
  }

  // The elements open: their names' places in the part, ids, and the scope to restore when each closes.
  const nameAt = st.nameAt;
  const nameLen = st.nameLen;
  const idAt = st.idAt;
  const restore = st.restore;
  let depth = st.depth;
  let sawRoot = st.sawRoot;
  let scope: Scope = st.scope;

  // scanSheet's state, variable for variable.
  let rowIndex = st.rowIndex;
  let col = st.col;
  let type = st.type;
  let hasFormula = st.hasFormula;
  let formula = st.formula;
  let inline = st.inline;
  let capture = st.capture; // V, F, T or 0
  let inIs = st.inIs;
  let phonetic = st.phonetic;
  // The cell's <v> text: 0 null, 1 "", 2 one plain run b[vA, vB), 3 the string vStr.
  let vMode = st.vMode;
  let vA = st.vA;
  let vB = st.vB;
  let vStr = st.vStr;
  // The scopes in which `c` and `row` (unprefixed) are known to resolve to C and ROW (then `v` resolves
  // to V: the same default namespace): set by the generic path as it meets them, so the templates apply
  // from the second cell and row of a scope on.
  let cScope: Scope | null = st.cScope;
  let rowScope: Scope | null = st.rowScope;

  // Content: text, then markup, until the end of the range.
  for (;;) {
    // Text up to the next '<'.
    const a = i;
    if (depth === 0) {
      // Outside the root element only white space.
      while (i < n && isS(b[i])) i++;
    } else {
      i = scanText(b, i, n);
      if (capture !== 0 && i > a) {
        const plain = textPlain;
        // The handler's text(): appended to what is captured.
        if (capture === V) {
          if (vMode === 1 && plain) {
            vMode = 2;
            vA = a;
            vB = i;
          } else {
            // `value += s` as the handler does (a null value becomes "null...": the same as saxes' path).
            const before = vMode === 0 ? "null" : vMode === 1 ? "" : vMode === 2 ? utf8.decode(b.subarray(vA, vB)) : vStr;
            vStr = before + textOf(b, a, i, plain);
            vMode = 3;
          }
        } else if (capture === T) inline += textOf(b, a, i, plain);
        else formula += textOf(b, a, i, plain);
      }
    }
    if (i >= n) break;
    if (b[i] !== 0x3c) refuse(); // text outside the root element
    i++;
    if (i >= n) refuse();
    let c = b[i];
    // The templates (above), element after element while they match and nothing but '<' comes between.
    if (depth > 0 && (scope === cScope || scope === rowScope)) {
      runRowIndex = rowIndex;
      runCol = col;
      runDepth = depth;
      const e = templateRun(b, dv, i, n, strings, sink, scope === cScope, scope === rowScope, nameAt, nameLen, idAt, restore);
      if (sink.count === BATCH) sink.flush();
      if (e >= 0) {
        // The handlers' state after the elements taken, as they would have left it.
        rowIndex = runRowIndex;
        col = runCol;
        depth = runDepth;
        if (runLast !== 0) {
          type = runType;
          hasFormula = false;
          formula = "";
          inline = "";
          if (runLast === 2) {
            vMode = 2;
            vA = runA;
            vB = runB;
          } else vMode = 0;
        }
        if (runCaptured) capture = 0;
        i = e;
        if (!runAtElement) continue;
        c = b[i];
      }
    }
    let id: number;
    if (c === 0x2f) {
      // An end tag: the name of the element open, white space, '>'.
      if (depth === 0) refuse();
      const d = depth - 1;
      i = endTag(b, i + 1, n, nameAt[d], nameLen[d]);
      depth = d;
      id = idAt[d];
      const r = restore[d];
      if (r) {
        scope = r;
        restore[d] = null;
      }
    } else {
      if (!(NM[c] & 1)) refuse(); // comments, CDATA, DOCTYPE, processing instructions, or not XML
      if (depth === 0 && sawRoot) refuse(); // a second root
      // A start tag: its qualified name, then its attributes.
      const s = i;
      i = readName(b, i, n);
      const colon = nameColon;
      const len = i - s;
      i = readAttributes(b, i, n);
      const count = attrCount;
      if (depth >= MAX_DEPTH) refuse();
      const declared = count > 0 ? declarations(b, count, scope) : null;
      if (declared) {
        restore[depth] = scope;
        scope = declared;
      }
      id = resolveName(b, s, len, colon, scope);
      if (len === 1 && id === C) cScope = scope;
      else if (len === 3 && id === ROW) rowScope = scope;
      sawRoot = true;
      nameAt[depth] = s;
      nameLen[depth] = len;
      idAt[depth] = id;
      depth++;
      // The handler's open().
      switch (id) {
        case ROW:
          rowIndex = rowOpened(b, count, rowIndex);
          col = 0;
          break;
        case C:
          if (!rowIndex) refuse();
          col = cellColumn(b, count, col);
          type = cellType(b, count);
          hasFormula = false;
          formula = "";
          vMode = 0;
          inline = "";
          break;
        case V:
          vMode = 1;
          capture = V;
          break;
        case F:
          hasFormula = true;
          capture = F;
          break;
        case IS:
          inIs = true;
          break;
        case RPH:
          phonetic++;
          break;
        case T:
          if (inIs && !phonetic) capture = T;
          break;
      }
      if (!attrSelfClosing) continue;
      depth--;
      const r = restore[depth];
      if (r) {
        scope = r;
        restore[depth] = null;
      }
    }
    // The handler's close().
    switch (id) {
      case V:
      case F:
      case T:
        capture = 0;
        break;
      case IS:
        inIs = false;
        break;
      case RPH:
        phonetic--;
        break;
      case C: {
        // scanSheet's cellValue, with plain numbers and shared-string indexes read from bytes.
        let v: Cell | undefined = vMode === 2 && type !== "inlineStr" ? plainValue(b, vA, vB, type, strings) : undefined;
        if (v === undefined) v = sink.cell(type, vMode === 0 ? null : vMode === 1 ? "" : vMode === 2 ? utf8.decode(b.subarray(vA, vB)) : vStr, hasFormula, formula, inline);
        if (v !== null) sink.deliver(rowIndex, col, v);
        break;
      }
    }
  }
  if (last) {
    if (depth !== 0 || !sawRoot) refuse();
    return;
  }
  st.depth = depth;
  st.sawRoot = sawRoot;
  st.scope = scope;
  st.rowIndex = rowIndex;
  st.col = col;
  st.type = type;
  st.hasFormula = hasFormula;
  st.formula = formula;
  st.inline = inline;
  st.capture = capture;
  st.inIs = inIs;
  st.phonetic = phonetic;
  st.vMode = vMode;
  st.vA = vA;
  st.vB = vB;
  st.vStr = vStr;
  st.cScope = cScope;
  st.rowScope = rowScope;
}

const KNOWN: string[] = [...NS.main, ...NS.rel, NS.pkgRel, NS.contentTypes, NS.mc, NS.xml];

/** refColumn over bytes: the 1-based column of `AB12` (with or without `$`), 0 when malformed or beyond the grid. */
function refColumnAt(b: Uint8Array, s: number, e: number): number {
  let i = s;
  if (i < e && b[i] === 36) i++;
  let col = 0;
  const start = i;
  for (; i < e; i++) {
    let c = b[i];
    if (c >= 97 && c <= 122) c -= 32;
    if (c < 65 || c > 90) break;
    col = col * 26 + (c - 64);
  }
  if (i === start || i - start > 3 || col > MAX_COLUMNS) return 0;
  if (i < e && b[i] === 36) i++;
  let row = 0;
  const digits = i;
  for (; i < e; i++) {
    const c = b[i];
    if (c < 48 || c > 57) return 0;
    row = row * 10 + (c - 48);
  }
  if (i === digits || i - digits > 7 || row < 1 || row > MAX_ROWS) return 0;
  return col;
}

/*
 * A large part read by two threads (the command line: docs/xlsx-layer.md, "Reading a large sheet on two
 * cores"). The part is cut where `<row r="N">` tags start (the seams) into a head and chunks. A helper
 * thread scans the chunks from the LAST one backwards, each from the state the part's prelude leaves
 * (the prelude: its bytes up to the first `<row`, the root's namespace declarations and everything
 * before the rows), while this thread scans forwards from the start. At each seam this thread takes the
 * helper's cells for all the chunks left when the helper has finished every one of them, else it scans
 * the next chunk itself: the two meet wherever the CPU each gets puts them (on a busy machine this
 * thread may read it all), and this thread never waits. A chunk scanned from the prelude's state is the
 * scan this thread would make from the seam when this thread (or the chunk before, in the helper) is
 * at the seam in the state it was in at the prelude's end (the same elements open, the same namespace
 * scope, nothing captured: `sameContext`) and the chunk's first row comes after the last row before it.
 * Anything else (a refusal on either side, another state at a seam, rows out of order across one, a
 * helper that fails or is slow) and this thread scans on itself, as one scan would; refusals go to
 * saxes from the start as before.
 */

/** Where a part is cut: the end of the prelude, the seams (ascending) and the row number each seam's `<row r="N">` gives. */
export interface Split {
  prelude: number;
  seams: number[];
  seamRows: number[];
}

/** What the helper read of one chunk: its cells in order (kind 1 number, 2 text `texts[nums[k]]`, 3 the next of `others`). */
export interface ChunkCells extends CellRun {
  chunk: number;
  /** False: the helper gave up on this chunk (then on every chunk before it too). */
  ok: boolean;
  /** The chunk ended in the prelude's state (always true for the last chunk, which ends the part). */
  clean: boolean;
  /** The last row the chunk opened (its handlers' row index at its end). */
  lastRow: number;
}

const isRowOpen = (b: Uint8Array, i: number): boolean => b[i] === 0x3c && b[i + 1] === 0x72 && b[i + 2] === 0x6f && b[i + 3] === 0x77;

/** The first `<row r="N">` (N 1 to 7 digits) at or after `from` and before `end`: its place, its N in seamRowOut; or -1. */
let seamRowOut = 0;
function nextSeam(b: Uint8Array, from: number, end: number): number {
  const n = b.length;
  for (let i = from; i < end; i++) {
    if (b[i] !== 0x3c || !isRowOpen(b, i) || b[i + 4] !== 0x20 || b[i + 5] !== 0x72 || b[i + 6] !== 0x3d || b[i + 7] !== 0x22) continue;
    let k = i + 8;
    let r = 0;
    for (; k < n && k - (i + 8) < 8; k++) {
      const d = b[k];
      if (d < 48 || d > 57) break;
      r = r * 10 + (d - 48);
    }
    if (k > i + 8 && k - (i + 8) <= 7 && k < n && b[k] === 0x22) {
      seamRowOut = r;
      return i;
    }
  }
  return -1;
}

/**
 * The split of `b` with a seam at the first `<row r="N">` at or after each of `at` (ascending; within a
 * megabyte after it, and after the prelude and the seam before), or null (no `<row` at all, or no seam).
 */
export function splitOf(b: Uint8Array, at: readonly number[]): Split | null {
  const n = b.length;
  let prelude = -1;
  for (let i = 0; i + 4 < n; i++) {
    if (isRowOpen(b, i)) {
      const c = b[i + 4];
      if (isS(c) || c === 0x3e || c === 0x2f) {
        prelude = i;
        break;
      }
    }
  }
  if (prelude < 0) return null;
  const seams: number[] = [];
  const seamRows: number[] = [];
  let from = prelude + 1;
  for (const a of at) {
    const start = Math.max(from, Math.floor(a));
    const i = nextSeam(b, start, Math.min(n - 16, start + 1024 * 1024));
    if (i < 0) continue;
    seams.push(i);
    seamRows.push(seamRowOut);
    from = i + 1;
  }
  return seams.length ? { prelude, seams, seamRows } : null;
}

/** The bytes the helper scans: the prelude, then the part from the first seam on (chunk j starts at seams[j] - seams[0] + prelude). */
export function tailBytes(b: Uint8Array, s: Split): Uint8Array {
  const w = new Uint8Array(s.prelude + b.length - s.seams[0]);
  w.set(b.subarray(0, s.prelude), 0);
  w.set(b.subarray(s.seams[0]), s.prelude);
  return w;
}

/** Collects the helper's cells into typed arrays (handed back to the reading thread without copying). */
class Recorder {
  count = 0;
  rows: Int32Array;
  cols: Int32Array;
  kinds: Uint8Array;
  nums: Float64Array;
  readonly texts: string[] = [];
  private readonly textIndex = new Map<string, number>();
  readonly others: Cell[] = [];

  constructor(capacity: number) {
    this.rows = new Int32Array(capacity);
    this.cols = new Int32Array(capacity);
    this.kinds = new Uint8Array(capacity);
    this.nums = new Float64Array(capacity);
  }

  readonly cell = (row: number, col: number, v: Cell): void => {
    const k = this.count;
    if (k === this.rows.length) this.grow();
    this.rows[k] = row;
    this.cols[k] = col;
    if (typeof v === "number") {
      this.kinds[k] = 1;
      this.nums[k] = v;
    } else if (typeof v === "string") {
      let t = this.textIndex.get(v);
      if (t === undefined) {
        t = this.texts.length;
        this.texts.push(v);
        this.textIndex.set(v, t);
      }
      this.kinds[k] = 2;
      this.nums[k] = t;
    } else {
      this.kinds[k] = 3;
      this.others.push(v);
    }
    this.count = k + 1;
  };

  private grow(): void {
    const n = Math.max(1024, this.rows.length * 2);
    const rows = new Int32Array(n);
    rows.set(this.rows);
    const cols = new Int32Array(n);
    cols.set(this.cols);
    const kinds = new Uint8Array(n);
    kinds.set(this.kinds);
    const nums = new Float64Array(n);
    nums.set(this.nums);
    this.rows = rows;
    this.cols = cols;
    this.kinds = kinds;
    this.nums = nums;
  }
}

const noCell = (): void => undefined;

/**
 * The helper's scan of chunk `j` of `w` (from `tailBytes`; `starts[j]` where chunk j starts in `w`):
 * the prelude's state, then the chunk (the last one to the end of the part, checked as its end).
 */
export function scanChunk(w: Uint8Array, prelude: number, starts: readonly number[], j: number, strings: readonly string[], cellOf: CellOf): ChunkCells {
  const bytes = plain(w);
  const st = new ScanState();
  const last = j === starts.length - 1;
  const end = last ? bytes.length : starts[j + 1];
  const rec = new Recorder(Math.max(1024, Math.ceil((end - starts[j]) / 40)));
  const failed = (): ChunkCells => ({ chunk: j, ok: false, clean: false, lastRow: 0, count: 0, rows: new Int32Array(0), cols: new Int32Array(0), kinds: new Uint8Array(0), nums: new Float64Array(0), texts: [], others: [] });
  if (!scanRange(bytes, strings, new Sink(cellOf, noCell), st, 0, prelude, false)) return failed();
  const atPrelude = contextOf(st);
  if (!scanRange(bytes, strings, new Sink(cellOf, rec.cell), st, starts[j], end, last)) return failed();
  return { chunk: j, ok: true, clean: last || sameContext(st, atPrelude), lastRow: st.rowIndex, count: rec.count, rows: rec.rows, cols: rec.cols, kinds: rec.kinds, nums: rec.nums, texts: rec.texts, others: rec.others };
}

/**
 * The helper's whole job: chunks from the last one backwards, each handed on as soon as it is read,
 * until this thread has reached the next one (`reached()`: the chunk the reading thread is in, -1 before
 * the first seam) or a chunk fails (no chunk before it can be used then).
 */
export function scanChunks(w: Uint8Array, prelude: number, starts: readonly number[], strings: readonly string[], cellOf: CellOf, reached: () => number, post: (c: ChunkCells) => void): void {
  for (let j = starts.length - 1; j >= 0 && reached() < j; j--) {
    const c = scanChunk(w, prelude, starts, j, strings, cellOf);
    post(c);
    if (!c.ok) return;
  }
}

/** Where the helper's chunks start in `w` (from `tailBytes`). */
export const chunkStarts = (s: Split): number[] => s.seams.map((m) => m - s.seams[0] + s.prelude);

/** What must be the same at a seam as at the prelude's end for a chunk scanned from the prelude's state to be the one scan's. */
interface Context {
  depth: number;
  scope: Scope;
  nameAt: number[];
  nameLen: number[];
  idAt: number[];
  restore: (Scope | null)[];
  capture: number;
  inIs: boolean;
  phonetic: number;
}

function contextOf(st: ScanState): Context {
  const d = st.depth;
  return { depth: d, scope: st.scope, nameAt: Array.from(st.nameAt.subarray(0, d)), nameLen: Array.from(st.nameLen.subarray(0, d)), idAt: Array.from(st.idAt.subarray(0, d)), restore: st.restore.slice(0, d), capture: st.capture, inIs: st.inIs, phonetic: st.phonetic };
}

/**
 * The same elements open (the same start tags of the prelude, none of them a row, cell or value whose
 * handler state would carry over), the same scope, nothing captured, no inline string or phonetic run
 * open. Then every handler variable a chunk's rows read is set inside them before it is read.
 */
function sameContext(st: ScanState, c: Context): boolean {
  if (st.depth !== c.depth || c.depth === 0 || !st.sawRoot || st.scope !== c.scope || st.capture !== c.capture || st.inIs !== c.inIs || st.phonetic !== c.phonetic) return false;
  for (let d = 0; d < c.depth; d++) {
    const id = st.idAt[d];
    if (st.nameAt[d] !== c.nameAt[d] || st.nameLen[d] !== c.nameLen[d] || id !== c.idAt[d] || st.restore[d] !== c.restore[d] || (id !== OTHER && id !== IGNORED)) return false;
  }
  return true;
}

/** A chunk's cells to `onCell`, in order. */
export function replayChunk(t: ChunkCells, onCell: (row: number, col: number, cell: Cell) => void): void {
  const { rows, cols, kinds, nums, texts, others } = t;
  let o = 0;
  for (let k = 0; k < t.count; k++) {
    const kind = kinds[k];
    onCell(rows[k], cols[k], kind === 1 ? nums[k] : kind === 2 ? texts[nums[k]] : others[o++]);
  }
}

/** The reading thread's side of the helper. */
export interface ChunkHelper {
  /** This thread is now at seam `j` (it takes the chunks from j on, or reads chunk j itself). */
  reached(j: number): void;
  /** The chunks the helper has handed on since the last call (without waiting). */
  take(): ChunkCells[];
}

/**
 * `fastScanSheet` for a part cut at `split`, the helper reading its chunks (see above): the same cells
 * in the same order, or false (cells delivered before are saxes' first ones), as `fastScanSheet` gives.
 * Never waits for the helper. With `onRun`, the helper's chunks go to it whole (the cells in order),
 * the reading thread's own cells to `onCell`.
 */
export function fastScanSheetSplit(b: Uint8Array, strings: readonly string[], cellOf: CellOf, onCell: (row: number, col: number, cell: Cell) => void, split: Split, helper: ChunkHelper, onRun?: (c: ChunkCells) => void): boolean {
  const bytes = plain(b);
  const sink = new Sink(cellOf, onCell);
  const st = new ScanState();
  const { seams, seamRows } = split;
  const k = seams.length;
  if (!scanRange(bytes, strings, sink, st, 0, split.prelude, false)) return false;
  const atPrelude = contextOf(st);
  if (!scanRange(bytes, strings, sink, st, split.prelude, seams[0], false)) return false;
  const got: (ChunkCells | undefined)[] = new Array(k);
  for (let j = 0; j < k; j++) {
    helper.reached(j);
    for (const c of helper.take()) got[c.chunk] = c;
    if (sameContext(st, atPrelude) && seamRows[j] > st.rowIndex && chained(got, seamRows, j)) {
      // The helper's cells: to `onRun` in one piece per chunk where the reader takes them so, else one by one.
      for (let i = j; i < k; i++) {
        if (onRun) onRun(got[i]!);
        else replayChunk(got[i]!, onCell);
      }
      return true;
    }
    if (!scanRange(bytes, strings, sink, st, seams[j], j + 1 < k ? seams[j + 1] : bytes.length, j + 1 === k)) return false;
  }
  return true;
}

/** Chunks j to the last all read by the helper, each ending in the prelude's state with its next one's first row after its last. */
function chained(got: (ChunkCells | undefined)[], seamRows: readonly number[], j: number): boolean {
  for (let i = j; i < got.length; i++) {
    const c = got[i];
    if (!c || !c.ok) return false;
    if (i + 1 < got.length && (!c.clean || seamRows[i + 1] <= c.lastRow)) return false;
  }
  return true;
}

/*
 * The shared-string table read from its bytes (see docs/xlsx-layer.md, "The shared strings without saxes"):
 * only the shape Excel and most writers use for plain text, `<sst xmlns="MAIN"( count="N"| uniqueCount="N")*>`
 * then `<si><t>TEXT</t></si>` (or `<t xml:space="preserve">`) and `</sst>`, with an optional XML declaration
 * and white space around the root, TEXT printable ASCII, tab or line feed (no `<`, `&`, `]`, CR or other
 * control character, no byte above 0x7f). Anything else (a rich-text run, a phonetic run, an entity, white
 * space between elements, another attribute, non-ASCII text, an empty `<si/>`) gives null and saxes reads
 * the part, as before: in this shape the XML is well-formed and every `<si>`'s text is its one `<t>`'s,
 * which is what the saxes handlers collect.
 */
const ascii = (s: string): Uint8Array => Uint8Array.from(s, (ch) => ch.charCodeAt(0));
const SST_OPEN = NS.main.map((uri) => ascii(`<sst xmlns="${uri}"`));
const SST_COUNT = ascii(' count="');
const SST_UNIQUE = ascii(' uniqueCount="');
const SI_OPEN = ascii("<si><t>");
const SI_OPEN_PRESERVE = ascii('<si><t xml:space="preserve">');
const SI_CLOSE = ascii("</t></si>");
const SST_CLOSE = ascii("</sst>");

/** Whether b[i, i + s.length) holds the bytes s. */
function bytesAt(b: Uint8Array, i: number, s: Uint8Array): boolean {
  if (i + s.length > b.length) return false;
  for (let k = 0; k < s.length; k++) if (b[i + k] !== s[k]) return false;
  return true;
}

/** The shared strings of a table in the plain shape above, as the saxes handlers read them, or null (saxes reads it). */
export function fastSharedStrings(b: Uint8Array, unescape: (s: string) => string): string[] | null {
  const n = b.length;
  let i = 0;
  if (n >= 6 && b[0] === 0x3c && b[1] === 0x3f) {
    let e = 0;
    while (e < n && e < 200 && b[e] !== 0x3e) e++;
    const m = DECL.exec(latin1(b, 0, Math.min(n, e + 1)));
    if (!m) return null;
    i = m[0].length;
  }
  while (i < n && isS(b[i])) i++;
  const root = SST_OPEN.find((s) => bytesAt(b, i, s));
  if (!root) return null;
  i += root.length;
  let count = false;
  let unique = false;
  for (;;) {
    if (i >= n) return null;
    if (b[i] === 0x3e) {
      i++;
      break;
    }
    // Each of the two attributes at most once (a duplicate is an error saxes reports).
    if (!count && bytesAt(b, i, SST_COUNT)) {
      count = true;
      i += SST_COUNT.length;
    } else if (!unique && bytesAt(b, i, SST_UNIQUE)) {
      unique = true;
      i += SST_UNIQUE.length;
    } else return null;
    while (i < n && b[i] >= 48 && b[i] <= 57) i++;
    if (i >= n || b[i] !== 0x22) return null;
    i++;
  }
  const out: string[] = [];
  for (;;) {
    if (bytesAt(b, i, SI_OPEN)) i += SI_OPEN.length;
    else if (bytesAt(b, i, SI_OPEN_PRESERVE)) i += SI_OPEN_PRESERVE.length;
    else break;
    const s = i;
    for (; i < n; i++) {
      const c = b[i];
      if (c === 0x3c) break;
      if (c >= 0x7f || c === 0x26 || c === 0x5d || (c < 0x20 && c !== 9 && c !== 10)) return null;
    }
    if (!bytesAt(b, i, SI_CLOSE)) return null;
    out.push(unescape(latin1(b, s, i)));
    i += SI_CLOSE.length;
  }
  if (!bytesAt(b, i, SST_CLOSE)) return null;
  i += SST_CLOSE.length;
  while (i < n && isS(b[i])) i++;
  return i === n ? out : null;
}
