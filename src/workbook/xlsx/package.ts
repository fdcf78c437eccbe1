import { DateSystem } from "../../engine";
import { WorkbookError } from "../cells";
import { NS, XDocument, XElement, XmlError, XmlHandlers, isMain, parseBytes, parsePart, parseTree, serialize } from "./xml";
import { DeflatedPart, InflatingPart, OutEntry, RawDeflater, RawInflater, ZipError, ZipReader, partWriter, fflateDeflater, fflateInflater, writeZip, zipChunks, concat } from "./zip";

/**
 * The package level of an .xlsx file (ECMA-376 Part 2, Open Packaging
 * Conventions): parts in a zip, relationships and content types, and the
 * workbook's list of sheets. Parts are read from the file as loaded; edits
 * are kept in memory and written out by `bytes()`, copying every part that
 * was not edited exactly as it was (compressed bytes included).
 */

export interface SheetEntry {
  name: string;
  sheetId: number;
  /** The relationship id in workbook.xml. */
  rid: string;
  /** Part name inside the zip, e.g. xl/worksheets/sheet1.xml. */
  path: string;
}

export interface Relationship {
  id: string;
  /** The relationship type's last segment: `worksheet`, `table`, `styles`, ... (Transitional and Strict alike). */
  kind: string;
  type: string;
  target: string;
  external: boolean;
  /** The target part, resolved against the source part; "" for external targets. */
  path: string;
}

export const REL_TYPE = (kind: string) => `http://schemas.openxmlformats.org/officeDocument/2006/relationships/${kind}`;
export const CONTENT_TYPE = {
  worksheet: "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml",
  table: "application/vnd.openxmlformats-officedocument.spreadsheetml.table+xml",
  styles: "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml",
};

/** Resolves a relationship target against the part holding the relationship. */
export function resolvePart(source: string, target: string): string {
  let t = target;
  try {
    t = decodeURIComponent(target);
  } catch {
    /* keep as written */
  }
  const parts = t.startsWith("/") ? [] : source.split("/").slice(0, -1);
  for (const seg of t.replace(/^\//, "").split("/")) {
    if (seg === "..") parts.pop();
    else if (seg !== "." && seg !== "") parts.push(seg);
  }
  return parts.join("/");
}

/** A target for a part, relative to the source part's folder. */
export function relativeTarget(source: string, part: string): string {
  const from = source.split("/").slice(0, -1);
  const to = part.split("/");
  let i = 0;
  while (i < from.length && i < to.length - 1 && from[i] === to[i]) i++;
  return [...Array(from.length - i).fill(".."), ...to.slice(i)].join("/");
}

export function relsPathOf(part: string): string {
  const i = part.lastIndexOf("/");
  return i < 0 ? `_rels/${part}.rels` : `${part.slice(0, i)}/_rels/${part.slice(i + 1)}.rels`;
}



export class XlsxPackage {
  /** Edited or new parts by lower-cased name: their bytes, or (a large sheet) their bytes deflated as they were written. */
  private readonly edits = new Map<string, { name: string; data: Uint8Array } | { name: string; deflated: DeflatedPart }>();
  private readonly removed = new Set<string>();
  private cachedBytes: Uint8Array | null;

  workbookPath = "xl/workbook.xml";
  /** Strict Open XML (ECMA-376 Part 1 Strict namespaces): parts the writer adds use them too. */
  strict = false;
  sheets: SheetEntry[] = [];
  dateSystem: DateSystem = 1900;

  private constructor(
    readonly zip: ZipReader,
    readonly file: string,
    input: Uint8Array,
    private readonly deflater?: RawDeflater,
  ) {
    this.cachedBytes = input;
  }

  /** Opens a package; anything that is not a readable .xlsx is a WorkbookError naming the file (and the part). */
  static load(input: ArrayBuffer | Uint8Array, file: string, inflater: RawInflater = fflateInflater, deflater?: RawDeflater): XlsxPackage {
    const data = input instanceof Uint8Array ? input : new Uint8Array(input);
    return located(file, () => {
      const pkg = new XlsxPackage(ZipReader.open(data, inflater), file, data, deflater);
      const main = pkg.relationships("").find((r) => r.kind === "officeDocument" && !r.external);
      pkg.workbookPath = main?.path ?? "xl/workbook.xml";
      const doc = pkg.tree(pkg.workbookPath);
      if (!doc) throw new ZipError(`no workbook part (${pkg.workbookPath})`);
      const wb = doc.root;
      if (!isMain(wb.uri) || wb.local !== "workbook") throw new XmlError(pkg.workbookPath, "is not a SpreadsheetML workbook");
      const d1904 = wb.child("workbookPr", NS.main)?.attr("date1904");
      if (d1904 === "1" || d1904 === "true") pkg.dateSystem = 1904;
      pkg.strict = wb.uri === NS.main[1];
      pkg.sheets = pkg.sheetsFrom(wb);
      if (!pkg.sheets.length) throw new ZipError("it has no worksheets");
      return pkg;
    });
  }

  /** The worksheets listed in workbook.xml, with their parts found through its relationships. */
  sheetsFrom(wb: XElement): SheetEntry[] {
    const targets = new Map(this.relationships(this.workbookPath).map((r) => [r.id, r]));
    const sheets: SheetEntry[] = [];
    for (const s of wb.child("sheets", NS.main)?.all("sheet", NS.main) ?? []) {
      const name = s.attr("name");
      const rid = s.attr("id", NS.rel);
      const rel = rid ? targets.get(rid) : undefined;
      if (name && rid && rel && rel.kind === "worksheet" && !rel.external) sheets.push({ name, rid, sheetId: Number(s.attr("sheetId") ?? 0), path: rel.path });
    }
    return sheets;
  }

  sheet(name: string): SheetEntry | undefined {
    return this.sheets.find((s) => s.name.toLowerCase() === name.toLowerCase());
  }

  has(part: string): boolean {
    const k = part.toLowerCase();
    return !this.removed.has(k) && (this.edits.has(k) || this.zip.has(part));
  }

  /** A part's text, or null when there is no such part. */
  text(part: string): string | null {
    const k = part.toLowerCase();
    if (this.removed.has(k)) return null;
    const e = this.edits.get(k);
    if (e) return new TextDecoder().decode("data" in e ? e.data : ZipReader.open(writeZip([e])).bytesOf(e.name));
    if (!this.zip.has(part)) return null;
    return located(this.file, () => {
      const b = this.zip.bytesOf(part);
      const le = b[0] === 0xff && b[1] === 0xfe;
      const be = b[0] === 0xfe && b[1] === 0xff;
      try {
        return new TextDecoder(le ? "utf-16le" : be ? "utf-16be" : "utf-8", { fatal: true }).decode(b);
      } catch {
        throw new XmlError(part, "is not valid UTF-8 text");
      }
    });
  }

  /** Streams a part through the XML parser; false when there is no such part. */
  parse(part: string, h: XmlHandlers, where: { sheet?: string } = {}): boolean {
    const k = part.toLowerCase();
    if (this.removed.has(k)) return false;
    const e = this.edits.get(k);
    if (e) {
      const z = ZipReader.open(writeZip([e]));
      located(this.file, () => parsePart(z, e.name, h), where);
      return true;
    }
    if (!this.zip.has(part)) return false;
    located(this.file, () => parsePart(this.zip, part, h), where);
    return true;
  }

  /**
   * A part's inflated bytes held whole (the worksheet reader's fast path reads them), or null when
   * there is no such part. Size and inflate ratio are checked while inflating, as for `parse`.
   */
  partBytes(part: string, where: { sheet?: string } = {}): Uint8Array | null {
    const k = part.toLowerCase();
    if (this.removed.has(k)) return null;
    const e = this.edits.get(k);
    if (e) return "data" in e ? e.data : located(this.file, () => ZipReader.open(writeZip([e])).bytesOf(e.name), where);
    if (!this.zip.has(part)) return null;
    return located(this.file, () => this.zip.bytesOf(part), where);
  }

  /**
   * A part of the file being inflated on another thread while the caller reads its first bytes (see
   * `InflatingPart`), or null where that is not done (an edited part, a part not in the file, an
   * inflater without a thread to run on: the caller reads `partBytes` then). `whole` gives the part
   * or exactly the error `partBytes` gives.
   */
  partInflating(part: string, where: { sheet?: string } = {}, chunkSize?: number): InflatingPart | null {
    const k = part.toLowerCase();
    if (this.removed.has(k) || this.edits.has(k) || !this.zip.has(part)) return null;
    const p = this.zip.inflating(part, chunkSize);
    if (!p) return null;
    const file = this.file;
    return {
      get bytes() {
        return p.bytes;
      },
      get filled() {
        return p.filled;
      },
      get ended() {
        return p.ended;
      },
      next: () => p.next(),
      whole: () =>
        p.whole().catch((e: unknown) =>
          located(file, (): never => {
            throw e;
          }, where),
        ),
    };
  }

  /** A part's inflated size: as the zip directory declares it (a claim, not checked), or of the bytes put; 0 when not known. */
  declaredSize(part: string): number {
    const k = part.toLowerCase();
    if (this.removed.has(k)) return 0;
    const e = this.edits.get(k);
    if (e) return "data" in e ? e.data.length : 0;
    return this.zip.entry(part)?.size ?? 0;
  }

  /** Parses a part's bytes already held (from `partBytes`) with the XML parser. */
  parseBytes(part: string, bytes: Uint8Array, h: XmlHandlers, where: { sheet?: string } = {}): void {
    located(this.file, () => parseBytes(part, bytes, h), where);
  }

  /** A small part as a tree, or null. */
  tree(part: string): XDocument | null {
    const t = this.text(part);
    return t === null ? null : located(this.file, () => parseTree(part, t));
  }

  /** Sets a part's content: text, a tree, or bytes already encoded as UTF-8. */
  put(part: string, content: string | XDocument | Uint8Array): void {
    const k = part.toLowerCase();
    this.removed.delete(k);
    const name = this.zip.entry(part)?.name ?? this.edits.get(k)?.name ?? part;
    this.edits.set(k, { name, data: typeof content === "string" ? new TextEncoder().encode(content) : isBytes(content) ? content : new TextEncoder().encode(serialize(content)) });
    this.cachedBytes = null;
  }

  /**
   * Sets a part's content from bytes written a piece at a time by `produce`: each piece is deflated as
   * it comes (on another thread where the deflater can: see `partWriter`), so a large sheet's XML is never
   * held whole. A written piece is the writer's until its `release` is called; when `write` gives back
   * a promise, the producer waits for it before writing more, which keeps the pieces in flight bounded.
   */
  async putStream(part: string, produce: (write: (piece: Uint8Array, release?: () => void) => Promise<void> | undefined) => Promise<void> | void): Promise<void> {
    const d = partWriter(this.deflater ?? fflateDeflater);
    try {
      await produce((piece, release) => d.write(piece, release));
    } catch (e) {
      // Every piece settles before this returns, even when producing failed.
      await d.end().catch(() => undefined);
      throw e;
    }
    const deflated = await d.end();
    const k = part.toLowerCase();
    this.removed.delete(k);
    const name = this.zip.entry(part)?.name ?? this.edits.get(k)?.name ?? part;
    this.edits.set(k, { name, deflated });
    this.cachedBytes = null;
  }

  remove(part: string): void {
    const k = part.toLowerCase();
    this.edits.delete(k);
    if (this.zip.has(part)) this.removed.add(k);
    this.cachedBytes = null;
  }

  /** Every part name now in the package. */
  partNames(): string[] {
    const names = this.zip.entries.map((e) => e.name).filter((n) => !this.removed.has(n.toLowerCase()));
    for (const [k, e] of this.edits) if (!this.zip.has(k)) names.push(e.name);
    return names;
  }

  /** The relationships of a part ("" for the package's own). */
  relationships(part: string): Relationship[] {
    const relsPart = relsPathOf(part);
    const t = this.text(relsPart);
    if (t === null) return [];
    const doc = located(this.file, () => parseTree(relsPart, t));
    return doc.root.all("Relationship", NS.pkgRel).flatMap((r) => {
      const id = r.attr("Id");
      const type = r.attr("Type") ?? "";
      const target = r.attr("Target");
      if (!id || target === undefined) return [];
      const external = r.attr("TargetMode") === "External";
      return [{ id, type, kind: type.slice(type.lastIndexOf("/") + 1), target, external, path: external ? "" : resolvePart(part, target) }];
    });
  }

  /** The package as .xlsx bytes: edited and new parts written, every other part copied as it was. */
  bytes(): Uint8Array {
    if (!this.cachedBytes) this.cachedBytes = concat(this.chunks());
    return this.cachedBytes;
  }

  /** The package as the pieces of its .xlsx file, in order: for writing to disk without joining them into one buffer first. */
  chunks(): Uint8Array[] {
    if (this.cachedBytes) return [this.cachedBytes];
    const out: OutEntry[] = [];
    for (const e of this.zip.entries) {
      const k = e.name.toLowerCase();
      if (this.removed.has(k)) continue;
      const edit = this.edits.get(k);
      out.push(edit ? { ...edit, name: e.name } : { name: e.name, copy: e, from: this.zip });
    }
    for (const [k, e] of this.edits) if (!this.zip.has(k)) out.push(e);
    return zipChunks(out, this.deflater);
  }

  /* ---------- Editing helpers for the writer ---------- */

  get mainNs(): string {
    return this.strict ? NS.main[1] : NS.main[0];
  }

  get relNs(): string {
    return this.strict ? NS.rel[1] : NS.rel[0];
  }

  relType(kind: string): string {
    return this.strict ? `http://purl.oclc.org/ooxml/officeDocument/relationships/${kind}` : REL_TYPE(kind);
  }

  /** Adds a relationship from `source` to `part` and returns its id. */
  addRelationship(source: string, kind: string, part: string): string {
    const relsPart = relsPathOf(source);
    const doc = this.tree(relsPart) ?? parseTreeOf(relsPart, `<Relationships xmlns="${NS.pkgRel}"/>`);
    const ids = new Set(doc.root.elements().map((e) => e.attr("Id")));
    let n = 1;
    while (ids.has(`rId${n}`)) n++;
    const rel = doc.root.make("Relationship", { Id: `rId${n}`, Type: this.relType(kind), Target: relativeTarget(source, part) });
    doc.root.children.push(rel);
    this.put(relsPart, doc);
    return `rId${n}`;
  }

  /** Removes relationships of `source` by id; removes the .rels part when none is left. */
  removeRelationships(source: string, ids: Set<string>): void {
    const relsPart = relsPathOf(source);
    const doc = this.tree(relsPart);
    if (!doc) return;
    doc.root.children = doc.root.children.filter((c) => !(c instanceof XElement && ids.has(c.attr("Id") ?? "")));
    if (doc.root.elements().length) this.put(relsPart, doc);
    else this.remove(relsPart);
  }

  /** Sets (or, with null, removes) the content-type override of a part. */
  setContentType(part: string, type: string | null): void {
    const doc = this.tree("[Content_Types].xml") ?? parseTreeOf("[Content_Types].xml", `<Types xmlns="${NS.contentTypes}"/>`);
    const name = `/${part}`.toLowerCase();
    doc.root.children = doc.root.children.filter((c) => !(c instanceof XElement && c.local === "Override" && (c.attr("PartName") ?? "").toLowerCase() === name));
    if (type) doc.root.children.push(doc.root.make("Override", { PartName: `/${part}`, ContentType: type }));
    this.put("[Content_Types].xml", doc);
  }

  /** A part name not yet used: `xl/worksheets/sheet{n}.xml`. */
  freePart(prefix: string, ext = ".xml"): string {
    const used = new Set(this.partNames().map((n) => n.toLowerCase()));
    let n = 1;
    while (used.has(`${prefix}${n}${ext}`.toLowerCase())) n++;
    return `${prefix}${n}${ext}`;
  }
}

/** Bytes rather than a tree; by ArrayBuffer.isView, not instanceof: a TextEncoder may hand back another realm's Uint8Array (jsdom). */
function isBytes(c: XDocument | Uint8Array): c is Uint8Array {
  return ArrayBuffer.isView(c);
}

function parseTreeOf(part: string, text: string): XDocument {
  return parseTree(part, text);
}

/** Runs `f`, turning a container or XML problem into a WorkbookError naming the file and part. */
export function located<T>(file: string, f: () => T, where: { sheet?: string } = {}): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof ZipError || e instanceof XmlError) {
      const part = e.part ? `${e.part}${e instanceof XmlError && e.line ? ` line ${e.line}` : ""}: ` : "";
      throw new WorkbookError({ file, sheet: where.sheet }, `is not a readable .xlsx workbook (${part}${e.message})`);
    }
    if (e instanceof RangeError) throw new WorkbookError({ file, sheet: where.sheet }, "is too large to read (out of memory)");
    throw e;
  }
}

