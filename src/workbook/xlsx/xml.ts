import { SaxesParser } from "saxes";
import { columnLetter } from "../cells";
import { ZipReader } from "./zip";

/**
 * XML of the package's parts through saxes: streaming, namespace-aware and
 * well-formedness-checking. Comments, processing instructions and CDATA are
 * what XML says they are; only the five predefined entities and character
 * references are expanded; a DOCTYPE with an internal subset (where entity
 * bombs live) is refused.
 */

/** Namespace URIs, Transitional first, then Strict. */
export const NS = {
  main: ["http://schemas.openxmlformats.org/spreadsheetml/2006/main", "http://purl.oclc.org/ooxml/spreadsheetml/main"],
  rel: ["http://schemas.openxmlformats.org/officeDocument/2006/relationships", "http://purl.oclc.org/ooxml/officeDocument/relationships"],
  pkgRel: "http://schemas.openxmlformats.org/package/2006/relationships",
  contentTypes: "http://schemas.openxmlformats.org/package/2006/content-types",
  mc: "http://schemas.openxmlformats.org/markup-compatibility/2006",
  xml: "http://www.w3.org/XML/1998/namespace",
  xmlns: "http://www.w3.org/2000/xmlns/",
} as const;

export const isMain = (uri: string | undefined): boolean => uri === NS.main[0] || uri === NS.main[1];

const KNOWN: string[] = [...NS.main, ...NS.rel, NS.pkgRel, NS.contentTypes, NS.mc, NS.xml];
/** A known namespace URI as the one constant string, so comparing it is comparing pointers. */
function canonical(uri: string): string {
  for (const k of KNOWN) if (k === uri) return k;
  return uri;
}
export const isRel = (uri: string | undefined): boolean => uri === NS.rel[0] || uri === NS.rel[1];

/** A part that is not well-formed XML, or that uses what this reader refuses. */
export class XmlError extends Error {
  constructor(
    readonly part: string,
    message: string,
    readonly line?: number,
  ) {
    super(message);
    this.name = "XmlError";
  }
}

/**
 * An element as the handlers see it: its name resolved to a namespace URI and local name. The object
 * is reused for the next element at the same depth: read it during the call, do not keep it.
 */
export interface Tag {
  /** Qualified name as written, e.g. `x:row`. */
  name: string;
  prefix: string;
  local: string;
  uri: string;
  /** Attributes by qualified name as written (unprefixed ones have no namespace). */
  attributes: Record<string, string>;
  isSelfClosing: boolean;
}

export interface XmlHandlers {
  open(tag: Tag): void;
  close?(tag: Tag): void;
  /** Character data, from text and CDATA alike. */
  text?(text: string): void;
}

/** Deeper than any SpreadsheetML part nests; refusing it also bounds the namespace scopes kept. */
export const MAX_DEPTH = 256;

/** The namespace URI an attribute's prefix is bound to in `tag`'s scope, for attributes given with a prefix. */
export type Resolver = (prefix: string) => string | undefined;

/** An element name resolved in a namespace scope. */
interface Resolved {
  prefix: string;
  local: string;
  uri: string;
}

/**
 * saxes with its own namespace handling off (it is quadratic in nesting depth) and namespaces resolved
 * here instead: a scope per element that declares any, a depth limit, unbound prefixes refused.
 * Element names are resolved once per distinct name and scope (a sheet has a handful: row, c, v, ...),
 * and the Tag handed to the handlers is one object per depth, reused: a handler must not keep it.
 */
function makeParser(part: string, h: XmlHandlers, onResolver?: (r: Resolver) => void): SaxesParser {
  const p = new SaxesParser({ position: true });
  const XML_URI: string = NS.xml;
  let scope: Map<string, string> = new Map([["xml", XML_URI]]);
  // The scope to restore when the element at each depth closes (null: it declared nothing).
  const restore: (Map<string, string> | null)[] = [];
  const pool: Tag[] = [];
  let depth = 0;
  const resolve: Resolver = (prefix) => scope.get(prefix);
  onResolver?.(resolve);
  const namesByScope = new WeakMap<Map<string, string>, Map<string, Resolved>>();
  let names = new Map<string, Resolved>();
  namesByScope.set(scope, names);
  const enter = (s: Map<string, string>) => {
    scope = s;
    let n = namesByScope.get(s);
    if (!n) namesByScope.set(s, (n = new Map()));
    names = n;
  };
  p.on("opentag", (t) => {
    if (depth >= MAX_DEPTH) throw new XmlError(part, `nests elements more than ${MAX_DEPTH} deep, which no workbook part does`, p.line);
    const attrs = t.attributes as Record<string, string>;
    let declared: Map<string, string> | null = null;
    let prefixed = false;
    for (const k in attrs) {
      if (k.charCodeAt(0) === 120 && (k === "xmlns" || k.startsWith("xmlns:"))) {
        if (!declared) declared = new Map(scope);
        declared.set(k.length === 5 ? "" : k.slice(6), canonical(attrs[k]));
      } else if (k.indexOf(":") > 0) prefixed = true;
    }
    restore[depth] = declared ? scope : null;
    if (declared) enter(declared);
    if (prefixed) {
      for (const k in attrs) {
        const c = k.indexOf(":");
        if (c > 0 && !(c === 5 && k.startsWith("xmlns")) && !scope.has(k.slice(0, c))) throw new XmlError(part, `uses the prefix "${k.slice(0, c)}" without declaring its namespace`, p.line);
      }
    }
    const name = t.name;
    let r = names.get(name);
    if (r === undefined) {
      const colon = name.indexOf(":");
      const prefix = colon < 0 ? "" : name.slice(0, colon);
      const uri = scope.get(prefix);
      if (uri === undefined && prefix) throw new XmlError(part, `uses the prefix "${prefix}" without declaring its namespace`, p.line);
      r = { prefix, local: colon < 0 ? name : name.slice(colon + 1), uri: uri ?? "" };
      names.set(name, r);
    }
    let tag = pool[depth];
    if (tag === undefined) pool[depth] = tag = { name, prefix: r.prefix, local: r.local, uri: r.uri, attributes: attrs, isSelfClosing: t.isSelfClosing };
    else {
      tag.name = name;
      tag.prefix = r.prefix;
      tag.local = r.local;
      tag.uri = r.uri;
      tag.attributes = attrs;
      tag.isSelfClosing = t.isSelfClosing;
    }
    depth++;
    h.open(tag);
  });
  p.on("closetag", () => {
    depth--;
    h.close?.(pool[depth]);
    const s = restore[depth];
    if (s) enter(s);
  });
  if (h.text) {
    p.on("text", h.text);
    p.on("cdata", h.text);
  }
  p.on("doctype", (d) => {
    if (d.includes("[")) throw new XmlError(part, "has a DOCTYPE with an internal subset (entity declarations), which a workbook never has", p.line);
  });
  return p;
}

function wrap(part: string, p: SaxesParser, e: unknown): Error {
  if (e instanceof XmlError) return e;
  if (e instanceof Error && e.name !== "Error") return e; // WorkbookError and the like, thrown by a handler
  const msg = e instanceof Error ? e.message.replace(/^(undefined)?:?\d+:\d+: /, "") : String(e);
  return new XmlError(part, `is not well-formed XML (${msg})`, p.line);
}

interface Decoder {
  decode(input?: Uint8Array, options?: { stream?: boolean }): string;
}

function decoderFor(first: Uint8Array): Decoder {
  if (first[0] === 0xff && first[1] === 0xfe) return new TextDecoder("utf-16le", { fatal: true });
  if (first[0] === 0xfe && first[1] === 0xff) return new TextDecoder("utf-16be", { fatal: true });
  return new TextDecoder("utf-8", { fatal: true });
}

/** The parser is fed at most this many bytes at a time (a part's text is never decoded whole). */
const PIECE = 1 << 20;

/** Decodes bytes into the parser piece by piece; `done()` flushes the decoder and closes the parser. */
function feeder(part: string, p: SaxesParser): { write(chunk: Uint8Array): void; done(): void } {
  let decoder: Decoder | null = null;
  return {
    write(chunk) {
      if (!decoder) decoder = decoderFor(chunk);
      for (let i = 0; i < chunk.length || i === 0; i += PIECE) {
        let s: string;
        try {
          s = decoder.decode(chunk.length > PIECE ? chunk.subarray(i, Math.min(chunk.length, i + PIECE)) : chunk, { stream: true });
        } catch {
          throw new XmlError(part, "is not valid UTF-8 text", p.line);
        }
        if (s) p.write(s);
        if (chunk.length <= PIECE) break;
      }
    },
    done() {
      if (decoder) {
        let rest: string;
        try {
          rest = (decoder as Decoder).decode();
        } catch {
          throw new XmlError(part, "is not valid UTF-8 text", p.line);
        }
        if (rest) p.write(rest);
      }
      p.close();
    },
  };
}

/** Streams one part of the package through the parser: it is never held whole as text. */
export function parsePart(zip: ZipReader, part: string, h: XmlHandlers): void {
  const p = makeParser(part, h);
  const f = feeder(part, p);
  try {
    zip.stream(part, (chunk) => f.write(chunk));
    f.done();
  } catch (e) {
    throw wrap(part, p, e);
  }
}

/** Parses a part whose bytes are already held (the worksheet reader's fallback from its fast path). */
export function parseBytes(part: string, bytes: Uint8Array, h: XmlHandlers): void {
  const p = makeParser(part, h);
  const f = feeder(part, p);
  try {
    f.write(bytes);
    f.done();
  } catch (e) {
    throw wrap(part, p, e);
  }
}

/** Parses XML text already in memory. */
export function parseText(part: string, text: string, h: XmlHandlers): void {
  const p = makeParser(part, h);
  try {
    p.write(text).close();
  } catch (e) {
    throw wrap(part, p, e);
  }
}

/* ---------- A small element tree, for the few small parts the writer edits ---------- */

export interface XAttr {
  name: string;
  value: string;
  uri: string;
  local: string;
}

export type XNode = XElement | { text: string } | { raw: string };

export class XElement {
  children: XNode[] = [];
  constructor(
    /** Qualified name as written: `x:sheet`. */
    public name: string,
    public uri: string,
    public local: string,
    public attrs: XAttr[] = [],
  ) {}

  get prefix(): string {
    const i = this.name.indexOf(":");
    return i < 0 ? "" : this.name.slice(0, i);
  }

  elements(): XElement[] {
    return this.children.filter((c): c is XElement => c instanceof XElement);
  }

  /** The first child element with this local name in one of `uris`. */
  child(local: string, uris: readonly string[] | string): XElement | undefined {
    return this.elements().find((c) => c.local === local && (typeof uris === "string" ? c.uri === uris : uris.includes(c.uri)));
  }

  all(local: string, uris: readonly string[] | string): XElement[] {
    return this.elements().filter((c) => c.local === local && (typeof uris === "string" ? c.uri === uris : uris.includes(c.uri)));
  }

  /** An attribute by local name, without a namespace unless `uris` is given. */
  attr(local: string, uris?: readonly string[]): string | undefined {
    return this.attrs.find((a) => a.local === local && (uris ? uris.includes(a.uri) : a.uri === ""))?.value;
  }

  setAttr(local: string, value: string): void {
    const a = this.attrs.find((x) => x.local === local && x.uri === "");
    if (a) a.value = value;
    else this.attrs.push({ name: local, value, uri: "", local });
  }

  removeAttr(local: string): void {
    this.attrs = this.attrs.filter((x) => !(x.local === local && x.uri === ""));
  }

  /** A new child element in the same namespace and with the same prefix as this element. */
  make(local: string, attrs: Record<string, string> = {}): XElement {
    const e = new XElement(this.prefix ? `${this.prefix}:${local}` : local, this.uri, local);
    for (const [k, v] of Object.entries(attrs)) e.setAttr(k, v);
    return e;
  }

  /** The prefix bound to `uri` on this element (the root, where the writer declares what it needs), or undefined. */
  prefixFor(uri: string): string | undefined {
    const a = this.attrs.find((x) => x.uri === NS.xmlns && x.value === uri && x.name.startsWith("xmlns:"));
    return a ? a.name.slice(6) : undefined;
  }

  /** Declares `uri` on this element under a free prefix (preferring `want`) unless already bound; returns the prefix. */
  declare(uri: string, want: string): string {
    const have = this.prefixFor(uri);
    if (have !== undefined) return have;
    let p = want;
    for (let i = 1; this.attrs.some((x) => x.name === `xmlns:${p}`); i++) p = `${want}${i}`;
    this.attrs.push({ name: `xmlns:${p}`, value: uri, uri: NS.xmlns, local: p });
    return p;
  }
}

export interface XDocument {
  root: XElement;
  /** Comments and processing instructions before the root, kept as written. */
  prolog: string[];
}

/** Parses a small part into a tree (comments and processing instructions inside the root are kept verbatim). */
export function parseTree(part: string, text: string): XDocument {
  const stack: XElement[] = [];
  let root: XElement | null = null;
  const prolog: string[] = [];
  let resolve: Resolver = () => undefined;
  const add = (n: XNode | string) => {
    const top = stack[stack.length - 1];
    if (top) top.children.push(typeof n === "string" ? { raw: n } : n);
    else if (typeof n === "string") prolog.push(n);
  };
  const p = makeParser(
    part,
    {
      open(t) {
        const attrs: XAttr[] = [];
        for (const [name, value] of Object.entries(t.attributes)) {
          const c = name.indexOf(":");
          const prefix = c < 0 ? "" : name.slice(0, c);
          const local = c < 0 ? name : name.slice(c + 1);
          const uri = name === "xmlns" || prefix === "xmlns" ? NS.xmlns : prefix ? (resolve(prefix) ?? "") : "";
          attrs.push({ name, value, uri, local });
        }
        const e = new XElement(t.name, t.uri, t.local, attrs);
        add(e);
        if (!root) root = e;
        stack.push(e);
      },
      close() {
        stack.pop();
      },
      text(t) {
        if (stack.length) add({ text: t });
      },
    },
    (r) => (resolve = r),
  );
  p.on("comment", (c) => add(`<!--${c}-->`));
  p.on("processinginstruction", (pi) => {
    if (pi.target.toLowerCase() !== "xml") add(`<?${pi.target}${pi.body ? ` ${pi.body}` : ""}?>`);
  });
  try {
    p.write(text).close();
  } catch (e) {
    throw wrap(part, p, e);
  }
  if (!root) throw new XmlError(part, "has no root element");
  return { root, prolog };
}

export const XML_DECL = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n`;

export function serialize(doc: XDocument): string {
  const out: string[] = [XML_DECL, ...doc.prolog];
  const write = (e: XElement) => {
    out.push(`<${e.name}`);
    for (const a of e.attrs) out.push(` ${a.name}="${escapeAttr(a.value)}"`);
    if (!e.children.length) {
      out.push("/>");
      return;
    }
    out.push(">");
    for (const c of e.children) {
      if (c instanceof XElement) write(c);
      else if ("text" in c) out.push(escapeText(c.text));
      else out.push(c.raw);
    }
    out.push(`</${e.name}>`);
  };
  write(doc.root);
  return out.join("");
}

/* ---------- Text helpers ---------- */

/** Decodes OOXML's `_xHHHH_` escapes in string content (ECMA-376 ST_Xstring). */
export function unescapeOoxml(s: string): string {
  return s.indexOf("_x") < 0 ? s : s.replace(/_x([0-9A-Fa-f]{4})_/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));
}

function escapeText(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

function escapeAttr(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/"/g, "&quot;").replace(/\n/g, "&#10;").replace(/\r/g, "&#13;").replace(/\t/g, "&#9;");
}

/**
 * Escapes cell text for XML and for OOXML: characters XML 1.0 cannot hold become `_xHHHH_`, and text
 * that already looks like `_xHHHH_` has its underscore escaped (`_x005F_`) so a reader does not decode it.
 */
export function escapeXml(s: string): string {
  return s
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/_(x[0-9A-Fa-f]{4}_)/g, "_x005F_$1")
    // eslint-disable-next-line no-control-regex -- XML 1.0 cannot hold these characters; OOXML escapes them as _xHHHH_
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, (c) => `_x${c.charCodeAt(0).toString(16).padStart(4, "0").toUpperCase()}_`);
}

/** Escapes text for an attribute value or element that is not cell text (no `_xHHHH_` processing). */
export function escapePlain(s: string): string {
  return escapeAttr(s).replace(/>/g, "&gt;");
}

export const MAX_ROWS = 1_048_576;
export const MAX_COLUMNS = 16_384;

/** Column letters to a 1-based index: A -> 1, AA -> 27; 0 when not letters or beyond XFD. */
export function columnIndex(letters: string): number {
  if (letters.length === 0 || letters.length > 3) return 0;
  let n = 0;
  for (let i = 0; i < letters.length; i++) {
    const c = letters.charCodeAt(i);
    const v = c >= 65 && c <= 90 ? c - 64 : c >= 97 && c <= 122 ? c - 96 : -1;
    if (v < 0) return 0;
    n = n * 26 + v;
  }
  return n <= MAX_COLUMNS ? n : 0;
}

/** A 1-based column index to letters: 1 -> A, 27 -> AA. */
export function columnName(index1: number): string {
  return columnLetter(index1 - 1);
}

/**
 * The 1-based column of a cell reference `AB12` (with or without `$`), checked as parseRef checks it;
 * 0 when malformed or beyond Excel's grid. Character by character: it runs once per cell read.
 */
export function refColumn(ref: string): number {
  const n = ref.length;
  let i = 0;
  if (i < n && ref.charCodeAt(i) === 36) i++;
  let col = 0;
  const start = i;
  for (; i < n; i++) {
    let c = ref.charCodeAt(i);
    if (c >= 97 && c <= 122) c -= 32;
    if (c < 65 || c > 90) break;
    col = col * 26 + (c - 64);
  }
  if (i === start || i - start > 3 || col > MAX_COLUMNS) return 0;
  if (i < n && ref.charCodeAt(i) === 36) i++;
  let row = 0;
  const digits = i;
  for (; i < n; i++) {
    const c = ref.charCodeAt(i);
    if (c < 48 || c > 57) return 0;
    row = row * 10 + (c - 48);
  }
  if (i === digits || i - digits > 7 || row < 1 || row > MAX_ROWS) return 0;
  return col;
}

/** A cell reference `AB12` (with or without `$`) as 1-based row and column; null when malformed or beyond Excel's grid. */
export function parseRef(ref: string): { row: number; col: number } | null {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})$/.exec(ref);
  if (!m) return null;
  const col = columnIndex(m[1]);
  const row = Number(m[2]);
  if (!col || row < 1 || row > MAX_ROWS) return null;
  return { row, col };
}
