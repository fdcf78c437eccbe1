import { WorkbookError } from "../cells";
import { LazyRows, NumberRows, OutCell, SheetModel, sheetWidth } from "../reconSheets";
import { CONTENT_TYPE, SheetEntry, XlsxPackage, relsPathOf } from "./package";
import { StylePatch } from "./styles";
import { MAX_COLUMNS, MAX_ROWS, NS, XElement, XML_DECL, XNode, columnName, escapePlain, escapeXml, isMain, parseRef } from "./xml";

/**
 * Writes sheets into a package: whole new or replaced sheet parts, and
 * in-place edits of a block of columns. Every other part stays as it was; the
 * calculation chain is dropped (Excel rebuilds it) and the workbook is marked
 * to recalculate on load.
 */

const num = (v: number) => (Number.isFinite(v) ? String(v) : "0");

const PLAIN_ANY = /[&<>"\t\n\r]/;
const PLAIN_ALL = /[&<>"\t\n\r]/g;
const plainRef = (c: string): string => (c === "&" ? "&amp;" : c === "<" ? "&lt;" : c === ">" ? "&gt;" : c === '"' ? "&quot;" : c === "\n" ? "&#10;" : c === "\r" ? "&#13;" : "&#9;");
/** escapePlain in one pass (each character escaped on its own, as escapePlain's replaces do). */
const plainText = (s: string): string => (PLAIN_ANY.test(s) ? s.replace(PLAIN_ALL, plainRef) : s);
/** escapeXml, skipped for text it would not change. */
const cellText = (s: string): string => (CELL_TEXT_ESCAPED.test(s) ? escapeXml(s) : s);

/** cellXml (no prefix) with the column's letters and the row's number apart. */
function cellString(col: string, row: string, c: OutCell, style: number): string {
  const s = style ? ` s="${style}"` : "";
  const v = c.value;
  if (c.formula) {
    const f = `<f>${plainText(c.formula)}</f>`;
    if (typeof v === "number") return `<c r="${col}${row}"${s}>${f}<v>${num(v)}</v></c>`;
    if (typeof v === "boolean") return `<c r="${col}${row}"${s} t="b">${f}<v>${v ? 1 : 0}</v></c>`;
    return `<c r="${col}${row}"${s} t="str">${f}<v>${cellText(String(v ?? ""))}</v></c>`;
  }
  if (v === null || v === undefined) return s ? `<c r="${col}${row}"${s}/>` : "";
  if (typeof v === "number") return `<c r="${col}${row}"${s}><v>${num(v)}</v></c>`;
  if (typeof v === "boolean") return `<c r="${col}${row}"${s} t="b"><v>${v ? 1 : 0}</v></c>`;
  return `<c r="${col}${row}"${s} t="inlineStr"><is><t xml:space="preserve">${cellText(v)}</t></is></c>`;
}

/** One cell's XML; `p` is the namespace prefix of the sheet ("" or "x:"). */
export function cellXml(ref: string, c: OutCell, style: number, p = ""): string {
  const s = style ? ` s="${style}"` : "";
  if (c.formula) {
    const f = `<${p}f>${escapePlain(c.formula)}</${p}f>`;
    if (typeof c.value === "number") return `<${p}c r="${ref}"${s}>${f}<${p}v>${num(c.value)}</${p}v></${p}c>`;
    if (typeof c.value === "boolean") return `<${p}c r="${ref}"${s} t="b">${f}<${p}v>${c.value ? 1 : 0}</${p}v></${p}c>`;
    return `<${p}c r="${ref}"${s} t="str">${f}<${p}v>${escapeXml(String(c.value ?? ""))}</${p}v></${p}c>`;
  }
  if (c.value === null || c.value === undefined) return s ? `<${p}c r="${ref}"${s}/>` : "";
  if (typeof c.value === "number") return `<${p}c r="${ref}"${s}><${p}v>${num(c.value)}</${p}v></${p}c>`;
  if (typeof c.value === "boolean") return `<${p}c r="${ref}"${s} t="b"><${p}v>${c.value ? 1 : 0}</${p}v></${p}c>`;
  return `<${p}c r="${ref}"${s} t="inlineStr"><${p}is><${p}t xml:space="preserve">${escapeXml(c.value)}</${p}t></${p}is></${p}c>`;
}

/**
 * Sheet XML written straight into UTF-8 bytes, a piece at a time: markup and numbers go in byte by
 * byte (no string per cell or row), and each piece of about 1 MB is handed to `write` (which deflates
 * it) and its buffer reused, so a sheet of 60,000 rows is never held whole, neither as text nor as bytes.
 * Pieces end only between rows (`endRow`); a row may be taken back (`mark`/`rewind`).
 */
class ByteSink {
  private buf: Uint8Array = new Uint8Array(PIECE + (64 << 10));
  /** The same bytes for 4-byte stores (markup fragments go in a word at a time: see `Frag`). */
  private view = new DataView(this.buf.buffer);
  private pos = 0;
  private readonly encoder = new TextEncoder();

  /** Buffers handed back once their piece is deflated, to write the next pieces into. */
  private readonly free: Uint8Array[] = [];

  constructor(private readonly write: (piece: Uint8Array, release?: () => void) => Promise<void> | undefined) {}

  private room(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    const bigger = new Uint8Array(Math.max(this.buf.length * 2, this.pos + n));
    bigger.set(this.buf.subarray(0, this.pos));
    this.buf = bigger;
    this.view = new DataView(bigger.buffer);
  }

  /** Text: UTF-8, ASCII byte by byte. */
  text(s: string): void {
    const n = s.length;
    this.room(n * 3); // a UTF-16 code unit is at most 3 bytes of UTF-8
    const b = this.buf;
    let p = this.pos;
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c >= 0x80) {
        this.pos = p + this.encoder.encodeInto(s.slice(i), b.subarray(p)).written;
        return;
      }
      b[p++] = c;
    }
    this.pos = p;
  }

  /** Text as UTF-8 in one native call (encodeInto). */
  utf8(s: string): void {
    this.room(s.length * 3);
    this.pos += this.encoder.encodeInto(s, this.buf.subarray(this.pos)).written;
  }

  /** Text known to be ASCII (markup, references, numbers' text). */
  ascii(s: string): void {
    const n = s.length;
    if (this.pos + n > this.buf.length) this.room(n);
    const b = this.buf;
    let p = this.pos;
    for (let i = 0; i < n; i++) b[p++] = s.charCodeAt(i);
    this.pos = p;
  }

  /** Bytes as they are: a few (markup fragments, most texts) copied one by one, quicker than `set` there. */
  bytes(x: Uint8Array): void {
    const n = x.length;
    if (this.pos + n > this.buf.length) this.room(n);
    const b = this.buf;
    if (n > SHORT_COPY) {
      b.set(x, this.pos);
      this.pos += n;
      return;
    }
    let p = this.pos;
    for (let i = 0; i < n; i++) b[p++] = x[i];
    this.pos = p;
  }

  /**
   * Text escaped as escapePlain escapes it (a formula), straight into bytes: `&`, `<`, `>`, `"`, tab,
   * line feed and carriage return as references, other ASCII as it is; from the first character outside
   * ASCII on, escapePlain and `text` (each character is escaped on its own, so the two halves join).
   */
  plain(s: string): void {
    const n = s.length;
    this.room(n * 6); // "&quot;" is the longest reference
    const b = this.buf;
    let p = this.pos;
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c >= 0x80) {
        this.pos = p;
        this.text(escapePlain(s.slice(i)));
        return;
      }
      if (PLAIN_ESCAPES[c] === 0) b[p++] = c;
      else {
        const e = PLAIN_REFS[c]!;
        for (let k = 0; k < e.length; k++) b[p++] = e[k];
      }
    }
    this.pos = p;
  }

  /** A cell's start in one go: `<c r="` and the column's letters (`head`), the row number's `len` digits, and what follows them (`tail`). */
  cell(head: Uint8Array, row: Uint8Array, len: number, tail: Uint8Array): void {
    const h = head.length;
    const t = tail.length;
    if (this.pos + h + len + t > this.buf.length) this.room(h + len + t);
    const b = this.buf;
    let p = this.pos;
    for (let i = 0; i < h; i++) b[p++] = head[i];
    for (let i = 0; i < len; i++) b[p++] = row[i];
    for (let i = 0; i < t; i++) b[p++] = tail[i];
    this.pos = p;
  }

  /** A number exactly as String(v) writes it (a non-finite one as 0): see `putNumber`. */
  num(v: number): void {
    this.room(NUMBER_ROOM);
    const p = putNumber(this.buf, this.view, this.pos, v);
    if (p >= 0) this.pos = p;
    else this.ascii(String(v));
  }

  /**
   * A row of a LazyRows sheet (the Accruals sheet's rows that are not of its NumberRows shape):
   * `<row r="...">`, its cells as writeCell writes them, `</row>`; nothing when no cell writes anything
   * (false back). The usual cells (a number, an empty cell, text) are written here with the buffer and
   * position in locals and the markup a word at a time (`put`), any other through writeCell. A cell whose
   * format differs from its column's last one has the column's markup changed first (`restyle`), in the
   * order the cells come (a new format gets the next style index, as before). `ref` holds the row
   * number's `len` digits (and room for 8). A sheet of arrays (the Recon sheet) is written as text
   * instead (RowLoop.arrayRows); sheetBytes.test.ts holds both to cellXml's bytes on the same cells.
   */
  lazyRow(cells: OutCell[], cols: ColumnBytes[], ref: Uint8Array, len: number, restyle: (col: ColumnBytes, c: OutCell) => void): boolean {
    if (this.pos + CELL_ROOM > this.buf.length) this.room(CELL_ROOM);
    let b = this.buf;
    let dv = this.view;
    const start = this.pos;
    // The row number's digits as two words, stored whole: what lies past `len` is written over next.
    const r0 = ref[0] | (ref[1] << 8) | (ref[2] << 16) | (ref[3] << 24);
    const r1 = ref[4] | (ref[5] << 8) | (ref[6] << 16) | (ref[7] << 24);
    let p = put(dv, start, ROW_OPEN);
    dv.setUint32(p, r0, true);
    dv.setUint32(p + 4, r1, true);
    p = put(dv, p + len, ROW_MID);
    let any = false;
    for (let i = 0; i < cells.length; i++) {
      const c = cells[i];
      if (!c) continue;
      const col = cols[i];
      if (!col.set || c.numFmt !== col.numFmt || c.bold !== col.bold) restyle(col, c);
      const v = c.value;
      if (!c.formula && (typeof v === "number" || ((v === null || v === undefined) && col.style))) {
        if (p + CELL_ROOM > b.length) {
          this.pos = p;
          this.room(CELL_ROOM);
          b = this.buf;
          dv = this.view;
        }
        p = put(dv, p, col.headFrag);
        dv.setUint32(p, r0, true);
        dv.setUint32(p + 4, r1, true);
        p += len;
        if (typeof v === "number") {
          p = put(dv, p, col.numberFrag);
          const q = putNumber(b, dv, p, v);
          if (q >= 0) p = q;
          else {
            this.pos = p;
            this.ascii(String(v));
            b = this.buf;
            dv = this.view;
            p = this.pos;
          }
          p = put(dv, p, V_CLOSE_FRAG);
        } else p = put(dv, p, col.emptyFrag);
        any = true;
        continue;
      }
      if (typeof v === "string" && !c.formula) {
        const text = col.esc.frag(v);
        if (p + CELL_ROOM + text.len > b.length) {
          this.pos = p;
          this.room(CELL_ROOM + text.len);
          b = this.buf;
          dv = this.view;
        }
        p = put(dv, p, col.headFrag);
        dv.setUint32(p, r0, true);
        dv.setUint32(p + 4, r1, true);
        p = put(dv, p + len, col.inlineFrag);
        p = put(dv, p, text);
        p = put(dv, p, INLINE_CLOSE_FRAG);
        any = true;
        continue;
      }
      this.pos = p;
      if (writeCell(this, col, ref, len, c)) any = true;
      b = this.buf;
      dv = this.view;
      p = this.pos;
    }
    if (!any) {
      this.pos = start;
      return false;
    }
    if (p + CELL_ROOM > b.length) {
      this.pos = p;
      this.room(CELL_ROOM);
      dv = this.view;
    }
    this.pos = put(dv, p, ROW_CLOSE_FRAG);
    return true;
  }

  /**
   * A row of a NumberRows shape (`shape`, made for the columns' current styles by `numberShape`): its
   * numbers from `nums`, its text `text`; exactly what `lazyRow` writes for the same row as cells, with
   * no cell read: per written cell the markup before the row number (the previous cell's close and this
   * cell's `<c r="X`), the row number, the markup after it, and the value. `ref` holds the row number's
   * `len` digits (and room for 8).
   */
  numberRow(shape: NumberShape, nums: Float64Array, text: Frag | null, ref: Uint8Array, len: number): void {
    const need = shape.room + (text === null ? 0 : text.len);
    if (this.pos + need > this.buf.length) this.room(need);
    let b = this.buf;
    let dv = this.view;
    const r0 = ref[0] | (ref[1] << 8) | (ref[2] << 16) | (ref[3] << 24);
    const r1 = ref[4] | (ref[5] << 8) | (ref[6] << 16) | (ref[7] << 24);
    let p = put(dv, this.pos, ROW_OPEN);
    dv.setUint32(p, r0, true);
    dv.setUint32(p + 4, r1, true);
    p += len;
    const { pre, post, kinds, at } = shape;
    // The last number's value and text (its bytes at from..to): a row repeats a number (the Accruals
    // sheet's daily and gross accrual are the same), copied rather than written again.
    let last = NaN;
    let from = 0;
    let to = 0;
    for (let k = 0; k < kinds.length; k++) {
      p = put(dv, p, pre[k]);
      dv.setUint32(p, r0, true);
      dv.setUint32(p + 4, r1, true);
      p = put(dv, p + len, post[k]);
      const kind = kinds[k];
      if (kind === NUMBER_CELL) {
        const v = nums[at[k]];
        if (v === last) {
          // Up to NUMBER_ROOM bytes, copied as words (the room is free: see CELL_ROOM).
          for (let i = from; i < to; i += 4) dv.setUint32(p + i - from, dv.getUint32(i, true), true);
          p += to - from;
          continue;
        }
        const q = putNumber(b, dv, p, v);
        last = v;
        from = p;
        if (q >= 0) p = to = q;
        else {
          this.pos = p;
          this.ascii(String(v));
          last = NaN; // not copied: the room may have moved the bytes
          this.room(need);
          b = this.buf;
          dv = this.view;
          p = this.pos;
        }
      } else if (kind === TEXT_CELL) p = put(dv, p, text!);
    }
    this.pos = put(dv, p, shape.end);
  }

  mark(): number {
    return this.pos;
  }

  rewind(to: number): void {
    this.pos = to;
  }

  /** Whether a piece is full (endRow would hand it on). */
  full(): boolean {
    return this.pos >= PIECE;
  }

  /** After a row: hands on a full piece; a promise back means wait for it before writing more. */
  endRow(): Promise<void> | undefined {
    return this.pos >= PIECE ? this.flush() : undefined;
  }

  /**
   * Hands on what is written. The piece is the receiver's until it releases it (it may be deflated on
   * another thread meanwhile): the next piece goes into a released buffer, or a new one.
   */
  flush(): Promise<void> | undefined {
    if (!this.pos) return undefined;
    const full = this.buf;
    const piece = full.subarray(0, this.pos);
    this.buf = this.free.pop() ?? new Uint8Array(PIECE + (64 << 10));
    this.view = new DataView(this.buf.buffer);
    this.pos = 0;
    return this.write(piece, () => this.free.push(full));
  }
}

/** Numbers' texts as the byte writer writes them into cells' `<v>` (for tests: each must be String(v), a non-finite number "0"). */
export function numberTexts(values: readonly number[]): string[] {
  const pieces: string[] = [];
  const out = new ByteSink((piece) => {
    pieces.push(new TextDecoder().decode(piece));
    return undefined;
  });
  for (const v of values) {
    out.num(v);
    out.ascii(" ");
    out.endRow();
  }
  out.flush();
  return pieces.join("").split(" ").slice(0, values.length);
}

/** Formulas' texts as the byte writer escapes them (for tests: each must be escapePlain's). */
export function plainTexts(texts: readonly string[]): string[] {
  let text = "";
  const sink = new ByteSink((piece, release) => {
    text = new TextDecoder().decode(piece);
    release?.();
    return undefined;
  });
  return texts.map((t) => {
    text = "";
    sink.plain(t);
    sink.flush();
    return text;
  });
}

/** Integers up to here are exact doubles, written digit by digit (String writes them without an exponent below 10^21). */
const MAX_EXACT = 2 ** 53 - 1;
const POW10 = [1, 10, 100, 1000, 10000, 100000, 1000000];
/** Room `putNumber` needs at most (a sign, 16 digits of the whole part, a point, 6 decimals). */
const NUMBER_ROOM = 24;
/** Room a number or empty cell needs at most: `<c r="` and up to 3 letters, 7 digits, a style attribute and `"><v>`, the number, `</v></c>`. */
const CELL_ROOM = 128;

/**
 * Writes String(v) (a non-finite v as "0") into b at p, returning the position after it, or -1 (with
 * nothing written that counts) where String(v) must be used: integers below 2^53 and numbers of at
 * most six decimals whose digits make an integer below 10^15 (money, net assets, rates: what the
 * sheets hold) are written digit by digit in 32-bit integer arithmetic. `NUMBER_ROOM` bytes from p
 * must be free.
 *
 * Why the digits are String's: for a positive non-integer a (1e-6 <= a) take the fewest decimals k
 * (1 to 6) such that n = round(a * 10^k) has n / 10^k === a. Dividing two exact doubles is correctly
 * rounded, so the decimal N = n * 10^-k rounds to a. With n below 10^15, N has at most 15 significant
 * digits, and two different decimals of at most 15 significant digits never round to the same double
 * (DBL_DIG); String(a), the shortest decimal that reads back as a (ECMAScript Number::toString), has
 * no more digits than N, so it is N: a's whole part, a point, and the k digits of n - whole * 10^k,
 * provided they do not end in 0 (k the fewest; a trailing 0 is refused rather than trusted). From
 * 10^-6 up to 10^21 String(a) has no exponent. The whole part is floor(a): N's fraction is at least
 * 10^-k away from an integer, and a differs from N by less than half of a's ulp, below
 * 10^(15-k) * 2^-53 < 10^-k / 2. test/workbook/sheetBytes.test.ts holds this to String on generated
 * values of every shape.
 *
 * Below 10^9 the search is one step: if some k <= 6 works, k = 6 works too (a * 10^6 is within
 * 10^6 * ulp(a) / 2 + ulp(a * 10^6) / 2 < 0.2 of the integer n * 10^(6-k), so it rounds to it, and that
 * integer / 10^6 is the same decimal N), and n6 < 10^15 there; N is then written with its trailing zeros
 * dropped, which is the fewest decimals. When k = 6 does not work, no k does: String(v).
 */
function putNumber(b: Uint8Array, dv: DataView, p: number, v: number): number {
  if (!Number.isFinite(v)) {
    b[p] = 48; // "0"
    return p + 1;
  }
  let a = v;
  if (v < 0) {
    b[p++] = 45; // "-"
    a = -v;
  }
  if (Number.isInteger(a)) {
    if (a > MAX_EXACT) return -1;
    return putWhole(b, dv, p, a);
  }
  if (a < 1e-6 || a >= 1e14) return -1;
  if (a < 1e9) {
    // Below 10^9 six decimals always give n < 10^15: one try at k = 6, then the trailing zeros dropped.
    const n6 = Math.round(a * 1e6);
    if (n6 / 1e6 !== a) return -1;
    const whole = Math.floor(a);
    const f6 = n6 - whole * 1e6;
    if (!(f6 > 0 && f6 < 1e6)) return -1;
    // In int32 arithmetic (% on a double is a call).
    let frac = f6 | 0;
    let k = 6;
    for (let q = (frac / 10) | 0; frac === q * 10; q = (frac / 10) | 0) {
      frac = q;
      k--;
    }
    p = putWhole(b, dv, p, whole);
    b[p++] = 46; // "."
    return putDigits(b, dv, p, frac, k);
  }
  let k = 1;
  let n = Math.round(a * 10);
  while (n / POW10[k] !== a) {
    if (++k > 6) return -1;
    n = Math.round(a * POW10[k]);
  }
  if (n >= 1e15) return -1;
  const whole = Math.floor(a);
  const frac = n - whole * POW10[k];
  // A fraction ending in 0 (k not the fewest decimals: never expected) is refused rather than trusted.
  if (!(frac > 0 && frac < POW10[k]) || (frac | 0) % 10 === 0) return -1;
  p = putWhole(b, dv, p, whole);
  b[p++] = 46; // "."
  return putDigits(b, dv, p, frac, k);
}

/** An integer 0 <= x < 2^53 in decimal at p; the position after it. */
function putWhole(b: Uint8Array, dv: DataView, p: number, x: number): number {
  if (x <= 0x7fffffff) return putDigits(b, dv, p, x, 1);
  const lo = x % 1e9;
  const hi = (x - lo) / 1e9;
  if (hi <= 0x7fffffff) return putDigits(b, dv, putDigits(b, dv, p, hi, 1), lo, 9);
  const mid = hi % 1e9;
  return putDigits(b, dv, putDigits(b, dv, putDigits(b, dv, p, (hi - mid) / 1e9, 1), mid, 9), lo, 9);
}

/** Two decimal digits' characters as one little-endian 16-bit store, for 0 to 99. */
const DIGIT_PAIRS = new Uint16Array(100);
for (let i = 0; i < 100; i++) DIGIT_PAIRS[i] = (48 + ((i / 10) | 0)) | ((48 + (i % 10)) << 8);

/** How many decimal digits a 32-bit integer x >= 0 has. */
function digitCount(x: number): number {
  if (x < 100000) return x < 100 ? (x < 10 ? 1 : 2) : x < 1000 ? 3 : x < 10000 ? 4 : 5;
  return x < 10000000 ? (x < 1000000 ? 6 : 7) : x < 100000000 ? 8 : x < 1000000000 ? 9 : 10;
}

/** A 32-bit integer x >= 0 in decimal at p, zero-padded to at least `min` digits, two digits a store; the position after it. */
function putDigits(b: Uint8Array, dv: DataView, p: number, x: number, min: number): number {
  const n = digitCount(x);
  const end = p + (n < min ? min : n);
  let q = end;
  while (x >= 100) {
    const d = (x / 100) | 0;
    q -= 2;
    dv.setUint16(q, DIGIT_PAIRS[x - d * 100], true);
    x = d;
  }
  if (x >= 10) {
    q -= 2;
    dv.setUint16(q, DIGIT_PAIRS[x], true);
  } else b[--q] = 48 + x;
  while (q > p) b[--q] = 48;
  return end;
}

/** Up to this many bytes, a byte loop copies faster than Uint8Array.set (whose call costs more than a short copy). */
const SHORT_COPY = 64;

/** Bytes of sheet XML per piece encoded and deflated (about 1 MB). */
const PIECE = 1 << 20;

/** Markup known to be ASCII, as bytes. */
const markup = (s: string): Uint8Array => Uint8Array.from(s, (c) => c.charCodeAt(0));

/**
 * Markup known to be ASCII as little-endian 4-byte words, stored with DataView (four times fewer
 * stores than byte by byte). The last word may carry bytes past `len`: they land in free room (see
 * CELL_ROOM) and are written over by what follows.
 */
interface Frag {
  len: number;
  /** The first four words (0 past the end), stored unrolled: most markup fragments are at most 16 bytes. */
  w0: number;
  w1: number;
  w2: number;
  w3: number;
  words: Uint32Array;
}
/** A fragment of the little-endian words `words` holding `len` bytes. */
function fragOf(words: Uint32Array, len: number): Frag {
  return { len, w0: words[0] ?? 0, w1: words[1] ?? 0, w2: words[2] ?? 0, w3: words[3] ?? 0, words };
}
function frag(s: string): Frag {
  const words = new Uint32Array(Math.ceil(s.length / 4));
  for (let i = 0; i < s.length; i++) words[i >> 2] |= s.charCodeAt(i) << ((i & 3) * 8);
  return fragOf(words, s.length);
}
/**
 * Writes a fragment at p; the position after it. Up to 16 bytes it is four stores, no loop: the 16
 * bytes from p are written whatever `len` is (all within CELL_ROOM), the ones past `len` written over next.
 */
function put(dv: DataView, p: number, f: Frag): number {
  if (f.len <= 16) {
    dv.setUint32(p, f.w0, true);
    dv.setUint32(p + 4, f.w1, true);
    dv.setUint32(p + 8, f.w2, true);
    dv.setUint32(p + 12, f.w3, true);
    return p + f.len;
  }
  const w = f.words;
  for (let k = 0; k < w.length; k++) dv.setUint32(p + 4 * k, w[k], true);
  return p + f.len;
}
const ROW_OPEN = frag('<row r="');
const ROW_MID = frag('">');
const ROW_CLOSE_FRAG = frag("</row>");
const V_CLOSE = markup("</v></c>");
const V_CLOSE_FRAG = frag("</v></c>");
const QUOTE = markup('"');
const INLINE_OPEN = markup(' t="inlineStr"><is><t xml:space="preserve">');
const INLINE_CLOSE = markup("</t></is></c>");
const INLINE_CLOSE_FRAG = frag("</t></is></c>");

/** What escapePlain writes for the ASCII characters it escapes. */
const PLAIN_REFS: (Uint8Array | undefined)[] = [];
/** 1 for the ASCII characters escapePlain escapes (a typed table: a read past a sparse array's end is slow). */
const PLAIN_ESCAPES = new Uint8Array(128);
for (const ch of '&<>"\t\n\r') {
  PLAIN_REFS[ch.charCodeAt(0)] = markup(escapePlain(ch));
  PLAIN_ESCAPES[ch.charCodeAt(0)] = 1;
}

/** Characters escapeXml changes (or may: `_` starts `_xHHHH_`); text without them is its own escape. */
// eslint-disable-next-line no-control-regex -- the control characters escapeXml writes as _xHHHH_
const CELL_TEXT_ESCAPED = /[&<>"_\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;

/** Text cells' escaping as UTF-8, remembered for the last text (one per column: the Accruals sheet repeats a portfolio's name down its days). */
class Escaper {
  private last: string | null = null;
  private escaped: Uint8Array = new Uint8Array(0);
  private readonly encoder = new TextEncoder();
  private wordsText: string | null = null;
  private words: Frag | null = null;
  of(s: string): Uint8Array {
    if (s !== this.last) {
      this.last = s;
      this.escaped = this.encoder.encode(CELL_TEXT_ESCAPED.test(s) ? escapeXml(s) : s);
    }
    return this.escaped;
  }
  /**
   * The same bytes as a fragment (4-byte words), remembered for the last text asked for this way.
   * Escaped text all ASCII (the usual) goes into the words straight from its character codes: no
   * TextEncoder call (about a microsecond each) and no byte array.
   */
  frag(s: string): Frag {
    if (s !== this.wordsText || this.words === null) {
      const e = CELL_TEXT_ESCAPED.test(s) ? escapeXml(s) : s;
      const n = e.length;
      let words = new Uint32Array((n + 3) >> 2);
      let len = n;
      for (let i = 0; i < n; i++) {
        const c = e.charCodeAt(i);
        if (c >= 0x80) {
          const bytes = this.encoder.encode(e);
          len = bytes.length;
          words = new Uint32Array((len + 3) >> 2);
          for (let k = 0; k < len; k++) words[k >> 2] |= bytes[k] << ((k & 3) * 8);
          break;
        }
        words[i >> 2] |= c << ((i & 3) * 8);
      }
      this.wordsText = s;
      this.words = fragOf(words, len);
    }
    return this.words;
  }
}

/**
 * A column's markup for the format of its last cell, as bytes: `<c r="` and its letters; after the
 * row number, the style attribute and what follows it for a number (`"..><v>`) and for an empty cell
 * (`"../>`). A column's cells mostly share one format, so the style is looked up when it changes.
 */
class ColumnBytes {
  numFmt: string | undefined = undefined;
  bold: boolean | undefined = undefined;
  set = false;
  style = "";
  numberFrag: Frag = frag("");
  emptyFrag: Frag = frag("");
  inlineFrag: Frag = frag("");
  readonly head: Uint8Array;
  readonly headFrag: Frag;
  /** The column's last text, escaped (a column repeats its texts: a portfolio's name down its days, a status). */
  readonly esc = new Escaper();
  constructor(col: number) {
    this.head = markup(`<c r="${columnName(col)}`);
    this.headFrag = frag(`<c r="${columnName(col)}`);
  }
  use(c: OutCell, style: string): void {
    this.numFmt = c.numFmt;
    this.bold = c.bold;
    this.set = true;
    this.style = style;
    this.numberFrag = frag(`"${style}><v>`);
    this.emptyFrag = frag(`"${style}/>`);
    this.inlineFrag = frag(`"${style} t="inlineStr"><is><t xml:space="preserve">`);
  }
}

const NUMBER_CELL = 1;
const TEXT_CELL = 2;
const EMPTY_CELL = 3;

/**
 * A NumberRows shape's markup for the columns' styles when it was made: for each cell written (a
 * number, the text, an empty cell with a format; an empty cell without one writes nothing, as in
 * cellXml), the markup before the row number (`pre`: `">` or the previous cell's close, then `<c r="X`),
 * after it (`post`: the style attribute and `><v>`, the inline-string opening, or `/>`), its kind and
 * its column; `end` closes the last cell and the row. `room` bounds a row's bytes but for its text.
 */
interface NumberShape {
  pre: Frag[];
  post: Frag[];
  kinds: Uint8Array;
  at: Uint8Array;
  end: Frag;
  room: number;
}

/**
 * The shape's markup, after giving each column the shape's format as `lazyRow` would on a row of it
 * (restyle where the column's last format differs, in column order: a new format gets the next style
 * index, as before; one already seen keeps its index, so the markup holds for every later row). Null
 * when the shape writes no cell (such a row writes nothing: the writer takes the row's cells instead)
 * or is wider than the sheet.
 */
function numberShape(shape: NumberRows, cols: ColumnBytes[], restyle: (col: ColumnBytes, c: OutCell) => void): NumberShape | null {
  const n = shape.formats.length;
  if (n > cols.length || n > 255 || shape.empty.length !== n) return null;
  for (let i = 0; i < n; i++) {
    const col = cols[i];
    const numFmt = shape.formats[i];
    if (!col.set || numFmt !== col.numFmt || col.bold !== undefined) restyle(col, numFmt ? { value: null, numFmt } : { value: null });
  }
  const pre: string[] = [];
  const post: string[] = [];
  const kinds: number[] = [];
  const at: number[] = [];
  let close = '">';
  for (let i = 0; i < n; i++) {
    const style = cols[i].style;
    const kind = shape.empty[i] ? (style ? EMPTY_CELL : 0) : i === shape.textColumn ? TEXT_CELL : NUMBER_CELL;
    if (!kind) continue;
    pre.push(`${close}<c r="${columnName(i + 1)}`);
    post.push(kind === NUMBER_CELL ? `"${style}><v>` : kind === TEXT_CELL ? `"${style} t="inlineStr"><is><t xml:space="preserve">` : `"${style}/>`);
    kinds.push(kind);
    at.push(i);
    close = kind === NUMBER_CELL ? "</v></c>" : kind === TEXT_CELL ? "</t></is></c>" : "";
  }
  if (!kinds.length) return null;
  return { pre: pre.map(frag), post: post.map(frag), kinds: Uint8Array.from(kinds), at: Uint8Array.from(at), end: frag(`${close}</row>`), room: (kinds.length + 2) * CELL_ROOM };
}

/**
 * One cell, as cellXml writes it (no prefix: the writer's own sheets); false when it writes nothing.
 * `col` is the column's markup for the cell's format, `row` the row number's `len` digits.
 */
function writeCell(out: ByteSink, col: ColumnBytes, row: Uint8Array, len: number, c: OutCell): boolean {
  const v = c.value;
  if (!c.formula) {
    // The usual cells first: a number, an empty cell.
    // Numbers and formatted empty cells are written by ByteSink.row.
    if (v === null || v === undefined) return false;
  }
  out.cell(col.head, row, len, QUOTE);
  out.ascii(col.style);
  if (c.formula) {
    out.ascii(typeof v === "number" ? "><f>" : typeof v === "boolean" ? ' t="b"><f>' : ' t="str"><f>');
    out.plain(c.formula);
    out.ascii("</f><v>");
    if (typeof v === "number") out.num(v);
    else if (typeof v === "boolean") out.ascii(v ? "1" : "0");
    else out.bytes(col.esc.of(String(v ?? "")));
    out.bytes(V_CLOSE);
  } else if (typeof v === "boolean") out.ascii(v ? ' t="b"><v>1</v></c>' : ' t="b"><v>0</v></c>');
  else {
    out.bytes(INLINE_OPEN);
    out.bytes(col.esc.of(v as string));
    out.bytes(INLINE_CLOSE);
  }
  return true;
}

/**
 * A sheet's rows encoded in order: `arrayRows` / `lazyRows` write rows from r on until a piece is full
 * (`ByteSink.full` after a row that wrote something: where `endRow` hands a piece on) or `end`, and give
 * back the next row's index. Rows of the sheet's NumberRows shape go straight from numbers to bytes
 * (numberRow); the others, and all of them if the shape writes no cell, as cells. The shape's markup is
 * made at its first row, its formats given their styles there as the cells' would be; a format's style
 * never changes after, so it stays right.
 */
class RowLoop {
  /** The row number's digits, counted up in place ("1" before the first row is written). */
  private readonly ref = new Uint8Array(8);
  private len = 1;
  readonly lazy: LazyRows | null;
  private numbers: NumberRows | null;
  private shape: NumberShape | null = null;
  private readonly nums: Float64Array;
  private readonly textCol: ColumnBytes | null;
  private readonly letters: string[];
  constructor(
    private readonly out: ByteSink,
    private readonly cols: ColumnBytes[],
    private readonly restyle: (col: ColumnBytes, c: OutCell) => void,
    rows: SheetModel["rows"],
    private readonly styleNumber: (c: OutCell) => number,
  ) {
    this.letters = cols.map((_, i) => columnName(i + 1));
    this.ref[0] = 48;
    this.lazy = Array.isArray(rows) ? null : rows;
    const numbers = (this.numbers = this.lazy?.numbers ?? null);
    this.nums = new Float64Array(numbers ? numbers.formats.length : 0);
    this.textCol = numbers && numbers.textColumn >= 0 && numbers.textColumn < cols.length ? cols[numbers.textColumn] : null;
  }

  /** The next row's number. */
  private next(): void {
    const ref = this.ref;
    let d = this.len - 1;
    while (d >= 0 && ref[d] === 57) ref[d--] = 48;
    if (d >= 0) ref[d]++;
    else {
      ref.copyWithin(1, 0, this.len++);
      ref[0] = 49;
    }
  }

  /**
   * Rows of arrays (the Recon sheet: 2,000 rows at 2,000 portfolios, formulas in most cells, written
   * first while the code is cold) as text: each cell as cellXml writes it (cellString), the row joined
   * into one string and encoded in one native call, instead of a dozen calls per cell of byte loops that
   * V8 runs interpreted until it has optimised them. Style numbers are looked up in the order the cells
   * come (a new format gets the next style index, as the byte writer's restyle gives it).
   */
  arrayRows(rows: OutCell[][], r: number, end: number): number {
    const out = this.out;
    const letters = this.letters;
    while (r < end) {
      this.next();
      const cells = rows[r++] ?? [];
      const n = String(r);
      let x = "";
      for (let i = 0; i < cells.length; i++) {
        const c = cells[i];
        if (c) x += cellString(letters[i], n, c, this.styleNumber(c));
      }
      if (x) {
        out.utf8(`<row r="${n}">${x}</row>`);
        if (out.full()) break;
      }
    }
    return r;
  }

  lazyRows(rows: LazyRows, r: number, end: number): number {
    const out = this.out;
    while (r < end) {
      this.next();
      const numbers = this.numbers;
      if (numbers !== null) {
        const text = numbers.fill(r, this.nums);
        if (text !== null) {
          if (this.shape === null) this.shape = numberShape(numbers, this.cols, this.restyle);
          if (this.shape !== null) {
            out.numberRow(this.shape, this.nums, this.textCol === null ? null : this.textCol.esc.frag(text), this.ref, this.len);
            r++;
            if (out.full()) break;
            continue;
          }
          this.numbers = null;
        }
      }
      // Encoded at once and let go of: a lazy sheet may refill the same cells.
      const written = out.lazyRow(rows.transientRow(r++), this.cols, this.ref, this.len, this.restyle);
      if (written && out.full()) break;
    }
    return r;
  }
}

async function sheetXml(write: (piece: Uint8Array, release?: () => void) => Promise<void> | undefined, m: SheetModel, styles: StylePatch, mainNs: string, relNs: string, tableRid?: string): Promise<void> {
  const out = new ByteSink(write);
  out.text(`${XML_DECL}<worksheet xmlns="${mainNs}" xmlns:r="${relNs}">`);
  const lastRow = m.rows.length;
  const lastCol = sheetWidth(m.rows);
  out.text(`<dimension ref="A1${lastRow > 1 || lastCol > 1 ? `:${columnName(lastCol)}${Math.max(1, lastRow)}` : ""}"/>`);
  if (m.frozenRows) {
    const top = `A${m.frozenRows + 1}`;
    out.text(`<sheetViews><sheetView workbookViewId="0"><pane ySplit="${m.frozenRows}" topLeftCell="${top}" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="${top}" sqref="${top}"/></sheetView></sheetViews>`);
  }
  out.text(`<sheetFormatPr defaultRowHeight="15"/>`);
  if (m.widths.length) out.text(`<cols>${m.widths.map((w, i) => `<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"/>`).join("")}</cols>`);
  out.text("<sheetData>");
  // Style attributes by format, looked up in a map of the few formats a sheet uses rather than built per cell.
  const plain = new Map<string | undefined, string>();
  const attr = (s: number) => (s ? ` s="${s}"` : "");
  const styleOf = (c: OutCell) => {
    if (c.bold) return attr(styles.index(c.numFmt, c.bold));
    let s = plain.get(c.numFmt);
    if (s === undefined) plain.set(c.numFmt, (s = attr(styles.index(c.numFmt, false))));
    return s;
  };
  // Styles are looked up in the order the cells come, as before (a new format gets the next style index).
  const restyle = (col: ColumnBytes, c: OutCell) => col.use(c, styleOf(c));
  const cols = Array.from({ length: lastCol }, (_, i) => new ColumnBytes(i + 1));
  // The rows a piece at a time: each call of the (synchronous) row loop encodes rows until a piece is full
  // or the sheet ends, then the piece goes on (and the loop waits if PIECES_IN_FLIGHT are out). The loop is
  // a plain function of its own, not this async one: V8 optimises it alone (a smaller graph to compile,
  // once, on the compiler thread, instead of this function's generator with every row writer inlined).
  const numbers = new Map<string | undefined, number>();
  const styleNumber = (c: OutCell): number => {
    if (c.bold) return styles.index(c.numFmt, c.bold);
    let k = numbers.get(c.numFmt);
    if (k === undefined) numbers.set(c.numFmt, (k = styles.index(c.numFmt, false)));
    return k;
  };
  const loop = new RowLoop(out, cols, restyle, m.rows, styleNumber);
  for (let r = 0; r < lastRow; ) {
    r = loop.lazy !== null ? loop.lazyRows(loop.lazy, r, lastRow) : loop.arrayRows(m.rows as OutCell[][], r, lastRow);
    const wait = out.endRow();
    if (wait) await wait;
  }
  out.text("</sheetData>");
  // conditionalFormatting follows sheetData and precedes tableParts (CT_Worksheet's order).
  (m.highlight ?? []).forEach((h, i) => out.text(`<conditionalFormatting sqref="${h.ref}"><cfRule type="expression" dxfId="${styles.attention()}" priority="${i + 1}"><formula>${escapePlain(h.formula)}</formula></cfRule></conditionalFormatting>`));
  if (tableRid) out.text(`<tableParts count="1"><tablePart r:id="${tableRid}"/></tableParts>`);
  out.text("</worksheet>");
  await out.flush();
}

/** Parts reachable only from `source`'s relationships (not from any other part), with their own relationships. */
function ownedParts(pkg: XlsxPackage, source: string): string[] {
  const targets = pkg.relationships(source).filter((r) => !r.external && r.path && pkg.has(r.path));
  if (!targets.length) return [];
  const others = new Set<string>();
  for (const n of pkg.partNames()) {
    if (!n.endsWith(".rels") || n.toLowerCase() === relsPathOf(source).toLowerCase()) continue;
    const m = /^(.*?)_rels\/([^/]+)\.rels$/.exec(n);
    if (!m) continue;
    for (const r of pkg.relationships(`${m[1]}${m[2]}`)) if (!r.external) others.add(r.path.toLowerCase());
  }
  const out: string[] = [];
  for (const t of targets) {
    if (others.has(t.path.toLowerCase()) || out.includes(t.path)) continue;
    out.push(t.path, ...ownedParts(pkg, t.path));
  }
  return out;
}

function removePart(pkg: XlsxPackage, part: string): void {
  pkg.remove(part);
  pkg.remove(relsPathOf(part));
  pkg.setContentType(part, null);
}

/** After any write: no calculation chain, recalculation on load, and app.xml without a now-stale list of sheets. */
function finish(pkg: XlsxPackage, wb: XElement, sheetsChanged: boolean): void {
  const calc = pkg.relationships(pkg.workbookPath).filter((r) => r.kind === "calcChain");
  if (calc.length) {
    for (const r of calc) if (!r.external) removePart(pkg, r.path);
    pkg.removeRelationships(pkg.workbookPath, new Set(calc.map((r) => r.id)));
  }
  let calcPr = wb.child("calcPr", NS.main);
  if (!calcPr) {
    calcPr = wb.make("calcPr");
    // CT_Workbook order: calcPr follows sheets, functionGroups, externalReferences and definedNames.
    const before = ["sheets", "functionGroups", "externalReferences", "definedNames"];
    let at = -1;
    wb.children.forEach((c, i) => {
      if (c instanceof XElement && isMain(c.uri) && before.includes(c.local)) at = i;
    });
    wb.children.splice(at + 1, 0, calcPr);
  }
  calcPr.setAttr("fullCalcOnLoad", "1");
  if (sheetsChanged) {
    // docProps/app.xml lists the sheet names (TitlesOfParts, HeadingPairs); both are optional, and a stale
    // list is worse than none: drop them and let the next save by Excel write them again.
    const app = pkg.relationships("").find((r) => r.kind === "extended-properties" && !r.external);
    const doc = app ? pkg.tree(app.path) : null;
    if (app && doc) {
      const before = doc.root.children.length;
      doc.root.children = doc.root.children.filter((c) => !(c instanceof XElement && (c.local === "TitlesOfParts" || c.local === "HeadingPairs")));
      if (doc.root.children.length !== before) pkg.put(app.path, doc);
    }
  }
}

/**
 * Adds the sheets, or replaces sheets of the same name (ignoring case) in place. A replaced sheet's
 * own parts (tables, comments, drawings that nothing else uses) go with it, content types included.
 */
export async function putSheets(pkg: XlsxPackage, models: SheetModel[]): Promise<void> {
  for (const m of models) {
    if (m.rows.length > MAX_ROWS) throw new WorkbookError({ file: pkg.file, sheet: m.name }, `would need ${m.rows.length.toLocaleString("en-US")} rows; a sheet holds at most ${MAX_ROWS.toLocaleString("en-US")}`);
    if (sheetWidth(m.rows) > MAX_COLUMNS) throw new WorkbookError({ file: pkg.file, sheet: m.name }, `would need more than ${MAX_COLUMNS} columns`);
  }
  const wbDoc = pkg.tree(pkg.workbookPath)!;
  const wb = wbDoc.root;
  const sheetsEl = wb.child("sheets", NS.main)!;
  const styles = new StylePatch(pkg);
  let sheetsChanged = false;
  for (const m of models) {
    const existing = pkg.sheet(m.name);
    let path: string;
    if (existing) {
      path = existing.path;
      for (const part of ownedParts(pkg, path)) removePart(pkg, part);
      pkg.remove(relsPathOf(path));
      if (existing.name !== m.name) {
        const el = sheetsEl.all("sheet", NS.main).find((s) => s.attr("id", NS.rel) === existing.rid);
        el?.setAttr("name", m.name);
        existing.name = m.name;
        sheetsChanged = true;
      }
    } else {
      path = pkg.freePart("xl/worksheets/sheet");
      pkg.put(path, ""); // reserve the name
      const rid = pkg.addRelationship(pkg.workbookPath, "worksheet", path);
      const sheetId = Math.max(0, ...sheetsEl.all("sheet", NS.main).map((s) => Number(s.attr("sheetId") ?? 0))) + 1;
      const el = sheetsEl.make("sheet", { name: m.name, sheetId: String(sheetId) });
      // In the workbook's own prefixes: `x:sheet` in an `x:`-prefixed workbook, its prefix for relationships.
      const rp = wb.declare(pkg.relNs, "r");
      el.attrs.push({ name: `${rp}:id`, value: rid, uri: pkg.relNs, local: "id" });
      sheetsEl.children.push(el);
      pkg.setContentType(path, CONTENT_TYPE.worksheet);
      pkg.sheets.push({ name: m.name, rid, sheetId, path });
      sheetsChanged = true;
    }
    let tableRid: string | undefined;
    if (m.table) {
      const ids = pkg
        .partNames()
        .filter((n) => /(^|\/)tables\/[^/]+\.xml$/i.test(n))
        .map((n) => Number(pkg.tree(n)?.root.attr("id") ?? 0));
      const tableId = Math.max(0, ...ids) + 1;
      const tablePath = pkg.freePart("xl/tables/table");
      const ref = `A1:${columnName(m.table.columns.length)}${Math.max(2, m.rows.length)}`;
      pkg.put(
        tablePath,
        `${XML_DECL}<table xmlns="${pkg.mainNs}" id="${tableId}" name="${escapePlain(m.table.name)}" displayName="${escapePlain(m.table.name)}" ref="${ref}" totalsRowShown="0"><autoFilter ref="${ref}"/><tableColumns count="${m.table.columns.length}">${m.table.columns.map((c, i) => `<tableColumn id="${i + 1}" name="${escapePlain(c)}"/>`).join("")}</tableColumns><tableStyleInfo name="TableStyleMedium2" showFirstColumn="0" showLastColumn="0" showRowStripes="1" showColumnStripes="0"/></table>`,
      );
      pkg.setContentType(tablePath, CONTENT_TYPE.table);
      tableRid = pkg.addRelationship(path, "table", tablePath);
    }
    await pkg.putStream(path, (write) => sheetXml(write, m, styles, pkg.mainNs, pkg.relNs, tableRid));
  }
  styles.save();
  finish(pkg, wb, sheetsChanged);
  pkg.put(pkg.workbookPath, wbDoc);
}

/**
 * Replaces the cells of columns `cols` (1-based) below `headerRow` with `rows`, keeping every other
 * cell and each kept cell's style; rows past the new end lose only these columns' cells. A table
 * named `tablePath` gets its range set to `tableRef`.
 */
export function rewriteColumns(pkg: XlsxPackage, entry: SheetEntry, headerRow: number, cols: number[], rows: OutCell[][], oldLast: number, table?: { path: string; ref: string }): void {
  const last = Math.max(oldLast, headerRow + rows.length);
  if (last > MAX_ROWS) throw new WorkbookError({ file: pkg.file, sheet: entry.name }, `would need ${last.toLocaleString("en-US")} rows; a sheet holds at most ${MAX_ROWS.toLocaleString("en-US")}`);
  const doc = pkg.tree(entry.path);
  if (!doc) throw new WorkbookError({ file: pkg.file, sheet: entry.name }, "the sheet's part is missing from the file");
  const ws = doc.root;
  const p = ws.prefix ? `${ws.prefix}:` : "";
  const sheetData = ws.child("sheetData", NS.main);
  if (!sheetData) throw new WorkbookError({ file: pkg.file, sheet: entry.name }, "the sheet has no sheetData");
  const styles = new StylePatch(pkg);

  // Index rows and cells by number, giving every row and cell an explicit reference.
  const grid = new Map<number, { el: XElement; cells: Map<number, XNode> }>();
  let r = 0;
  for (const rowEl of sheetData.all("row", NS.main)) {
    r = Number(rowEl.attr("r") ?? r + 1);
    rowEl.setAttr("r", String(r));
    rowEl.removeAttr("spans");
    const cells = new Map<number, XNode>();
    let c = 0;
    for (const cell of rowEl.all("c", NS.main)) {
      const ref = cell.attr("r");
      c = ref ? (parseRef(ref)?.col ?? c + 1) : c + 1;
      cell.setAttr("r", `${columnName(c)}${r}`);
      cells.set(c, cell);
    }
    grid.set(r, { el: rowEl, cells });
  }
  const styleAt = (row: number, col: number): number | undefined => {
    const cell = grid.get(row)?.cells.get(col);
    const s = cell instanceof XElement ? cell.attr("s") : cell && "raw" in cell ? /\ss="(\d+)"/.exec(cell.raw)?.[1] : undefined;
    return s === undefined ? undefined : Number(s);
  };
  for (let row = headerRow + 1; row <= last; row++) {
    let g = grid.get(row);
    if (!g) grid.set(row, (g = { el: sheetData.make("row", { r: String(row) }), cells: new Map() }));
    const i = row - headerRow - 1;
    cols.forEach((c, k) => {
      if (i >= rows.length) {
        g!.cells.delete(c);
        return;
      }
      const out = rows[i][k] ?? { value: null };
      const style = styleAt(row, c) ?? (row > headerRow + 1 ? styleAt(row - 1, c) : undefined);
      const x = cellXml(`${columnName(c)}${row}`, out, style ?? styles.index(out.numFmt, out.bold), p);
      if (x) g!.cells.set(c, { raw: x });
      else g!.cells.delete(c);
    });
  }
  let maxRow = 0;
  let maxCol = 0;
  const kids: XNode[] = [];
  for (const [rowNo, g] of [...grid.entries()].sort((a, b) => a[0] - b[0])) {
    const cells = [...g.cells.entries()].sort((a, b) => a[0] - b[0]);
    const keepEmpty = g.el.attrs.some((a) => ["ht", "customHeight", "s", "hidden"].includes(a.local));
    if (!cells.length && !keepEmpty) continue;
    if (cells.length) {
      maxRow = Math.max(maxRow, rowNo);
      maxCol = Math.max(maxCol, cells[cells.length - 1][0]);
    }
    g.el.children = [...g.el.children.filter((c) => !(c instanceof XElement && c.local === "c" && isMain(c.uri))), ...cells.map((c) => c[1])];
    kids.push(g.el);
  }
  sheetData.children = kids;
  const dim = ws.child("dimension", NS.main);
  if (dim && maxRow) dim.setAttr("ref", `A1:${columnName(maxCol)}${maxRow}`);
  pkg.put(entry.path, doc);
  if (table) {
    const t = pkg.tree(table.path);
    if (t) {
      t.root.setAttr("ref", table.ref);
      t.root.child("autoFilter", NS.main)?.setAttr("ref", table.ref);
      pkg.put(table.path, t);
    }
  }
  styles.save();
  const wbDoc = pkg.tree(pkg.workbookPath)!;
  finish(pkg, wbDoc.root, false);
  pkg.put(pkg.workbookPath, wbDoc);
}
