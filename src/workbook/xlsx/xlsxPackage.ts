import JSZip from "jszip";
import { DateSystem } from "../../engine";
import { Cell, WorkbookError } from "../cells";
import { CONTRACT, CellBlock, ContractKind, locateColumns } from "../contract";
import { OutCell, SheetModel } from "../reconSheets";
import { attr, columnIndex, columnName, escapeXml, unescapeXml } from "./xml";

/**
 * An .xlsx file handled at the package level: sheets are read straight from
 * their XML, and writing adds or replaces whole sheet parts while every other
 * part of the file is kept byte for byte (no round trip through a workbook
 * model that could drop charts, validation or formatting it does not know).
 */
export interface SheetEntry {
  name: string;
  sheetId: number;
  rid: string;
  /** Part path inside the zip, e.g. xl/worksheets/sheet1.xml. */
  path: string;
}

const MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const WORKSHEET_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml";
const WORKSHEET_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet";

export function resolvePart(base: string, target: string): string {
  if (target.startsWith("/")) return target.slice(1);
  const parts = base.split("/").slice(0, -1);
  for (const seg of target.split("/")) {
    if (seg === "..") parts.pop();
    else if (seg !== ".") parts.push(seg);
  }
  return parts.join("/");
}

export function relsPathOf(part: string): string {
  const i = part.lastIndexOf("/");
  return `${part.slice(0, i)}/_rels/${part.slice(i + 1)}.rels`;
}

export class XlsxPackage {
  private sharedStrings: string[] | null = null;
  private constructor(
    readonly zip: JSZip,
    /** The file as loaded; every write starts again from these bytes. */
    readonly bytes: Uint8Array,
    readonly file: string,
    readonly sheets: SheetEntry[],
    readonly dateSystem: DateSystem,
    private workbookXml: string,
    private workbookRels: string,
  ) {}

  /** Opens a package; anything that is not a readable .xlsx is a WorkbookError naming the file. */
  static async load(input: ArrayBuffer | Uint8Array, file: string): Promise<XlsxPackage> {
    const data = input instanceof Uint8Array ? input : new Uint8Array(input);
    const bad = (why: string) => new WorkbookError({ file }, `is not a readable .xlsx workbook (${why})`);
    let zip: JSZip;
    try {
      zip = await JSZip.loadAsync(data);
    } catch {
      throw bad("not a complete zip archive");
    }
    const read = async (p: string) => {
      const f = zip.file(p);
      if (!f) throw bad(`no ${p}`);
      try {
        return await f.async("string");
      } catch {
        throw bad(`${p} is damaged`);
      }
    };
    const workbookXml = await read("xl/workbook.xml");
    const workbookRels = await read("xl/_rels/workbook.xml.rels");
    const targets = new Map<string, string>();
    for (const m of workbookRels.matchAll(/<Relationship\b([^>]*?)\/?>/g)) {
      const id = attr(m[1], "Id");
      const target = attr(m[1], "Target");
      if (id && target) targets.set(id, resolvePart("xl/workbook.xml", target));
    }
    const sheets: SheetEntry[] = [];
    for (const m of workbookXml.matchAll(/<sheet\b([^>]*?)\/?>/g)) {
      const name = attr(m[1], "name");
      const rid = attr(m[1], "r:id");
      const path = rid ? targets.get(rid) : undefined;
      if (name && rid && path) sheets.push({ name, rid, sheetId: Number(attr(m[1], "sheetId") ?? 0), path });
    }
    if (!sheets.length) throw bad("it has no sheets");
    const pr = /<workbookPr\b([^>]*)\/?>/.exec(workbookXml);
    const d1904 = pr ? attr(pr[1], "date1904") : undefined;
    return new XlsxPackage(zip, data, file, sheets, d1904 === "1" || d1904 === "true" ? 1904 : 1900, workbookXml, workbookRels);
  }

  private async text(path: string): Promise<string | null> {
    const f = this.zip.file(path);
    if (!f) return null;
    try {
      return await f.async("string");
    } catch {
      throw new WorkbookError({ file: this.file }, `is not a readable .xlsx workbook (${path} is damaged)`);
    }
  }

  private async strings(): Promise<string[]> {
    if (this.sharedStrings) return this.sharedStrings;
    const xml = (await this.text("xl/sharedStrings.xml")) ?? "";
    this.sharedStrings = [...xml.matchAll(/<si>([\s\S]*?)<\/si>|<si\/>/g)].map((m) =>
      [...(m[1] ?? "").replace(/<rPh\b[\s\S]*?<\/rPh>/g, "").matchAll(/<t(?:\s[^>]*)?>([\s\S]*?)<\/t>|<t\/>/g)].map((t) => unescapeXml(t[1] ?? "")).join(""),
    );
    return this.sharedStrings;
  }

  sheet(name: string): SheetEntry | undefined {
    return this.sheets.find((s) => s.name.toLowerCase() === name.toLowerCase());
  }

  /** A sheet's cells: grid[row-1][col-1], with cached values for formulas. */
  async cells(entry: SheetEntry): Promise<Cell[][]> {
    const xml = await this.text(entry.path);
    if (xml === null) throw new WorkbookError({ file: this.file, sheet: entry.name }, "the sheet's part is missing from the file");
    const strings = await this.strings();
    const grid: Cell[][] = [];
    let rowIndex = 0;
    for (const rm of xml.matchAll(/<row\b([^>]*?)(?:\/>|>([\s\S]*?)<\/row>)/g)) {
      const r = attr(rm[1], "r");
      rowIndex = r ? Number(r) : rowIndex + 1;
      const row: Cell[] = [];
      let col = 0;
      for (const cm of (rm[2] ?? "").matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
        const ref = attr(cm[1], "r");
        col = ref ? columnIndex(/^[A-Z]+/.exec(ref)![0]) : col + 1;
        const body = cm[2] ?? "";
        const t = attr(cm[1], "t");
        const v = /<v>([\s\S]*?)<\/v>/.exec(body)?.[1];
        let value: Cell = null;
        if (t === "s") value = v === undefined ? null : (strings[Number(v)] ?? null);
        else if (t === "inlineStr") value = [...body.matchAll(/<t(?:\s[^>]*)?>([\s\S]*?)<\/t>/g)].map((x) => unescapeXml(x[1])).join("");
        else if (t === "str" || t === "e") value = v === undefined ? "" : unescapeXml(v);
        else if (t === "b") value = v === "1" || v === "true";
        else if (v !== undefined && v !== "") value = Number(v);
        row[col - 1] = value;
      }
      for (let i = 0; i < row.length; i++) if (row[i] === undefined) row[i] = null;
      grid[rowIndex - 1] = row;
    }
    for (let i = 0; i < grid.length; i++) if (!grid[i]) grid[i] = [];
    return grid;
  }

  /** Tables defined on a sheet: name and range. */
  async tables(entry: SheetEntry): Promise<{ name: string; ref: string }[]> {
    const rels = await this.text(relsPathOf(entry.path));
    if (!rels) return [];
    const out: { name: string; ref: string }[] = [];
    for (const m of rels.matchAll(/<Relationship\b([^>]*?)\/?>/g)) {
      if (!(attr(m[1], "Type") ?? "").endsWith("/table")) continue;
      const xml = await this.text(resolvePart(entry.path, attr(m[1], "Target") ?? ""));
      const head = xml ? /<table\b([^>]*)>/.exec(xml) : null;
      if (head) out.push({ name: attr(head[1], "displayName") ?? attr(head[1], "name") ?? "", ref: attr(head[1], "ref") ?? "A1" });
    }
    return out;
  }

  /** The contract block: the table by name in any sheet, else the sheet by name with headers in row 1; null if neither. */
  async findBlock(kind: ContractKind): Promise<CellBlock | null> {
    const spec = CONTRACT[kind];
    for (const s of this.sheets) {
      for (const t of await this.tables(s)) {
        if (t.name.toLowerCase() !== spec.table.toLowerCase()) continue;
        const m = /^\$?([A-Z]+)\$?(\d+)(?::\$?([A-Z]+)\$?(\d+))?$/.exec(t.ref.toUpperCase());
        if (!m) continue;
        const [top, left, right, bottom] = [Number(m[2]), columnIndex(m[1]), columnIndex(m[3] ?? m[1]), Number(m[4] ?? m[2])];
        const grid = await this.cells(s);
        const slice = (r: number) => Array.from({ length: right - left + 1 }, (_, i) => grid[r - 1]?.[left - 1 + i] ?? null);
        const rows: Cell[][] = [];
        for (let r = top + 1; r <= bottom; r++) rows.push(slice(r));
        return { sheet: s.name, file: this.file, headerRow: top, firstColumn: left - 1, header: slice(top), rows };
      }
    }
    const s = this.sheet(spec.sheet);
    if (!s) return null;
    const grid = await this.cells(s);
    return { sheet: s.name, file: this.file, headerRow: 1, firstColumn: 0, header: grid[0] ?? [], rows: grid.slice(1) };
  }

  async requireBlock(kind: ContractKind): Promise<CellBlock> {
    const block = await this.findBlock(kind);
    if (!block) throw new WorkbookError({ file: this.file }, `has no table "${CONTRACT[kind].table}" and no sheet "${CONTRACT[kind].sheet}"`);
    return block;
  }

  /** A sheet's cells as OutCells (values only), or null when there is no such sheet: for keeping what a person typed. */
  async readOutCells(name: string): Promise<OutCell[][] | null> {
    const s = this.sheets.find((x) => x.name === name);
    if (!s) return null;
    return (await this.cells(s)).map((r) => r.map((c) => ({ value: typeof c === "object" && c !== null ? null : c })));
  }

  /**
   * Rewrites a contract block's own columns with `rows` (one OutCell per
   * contract column), in place: other columns, cell formatting and every other
   * part stay; rows beyond the new end lose only their contract cells; a
   * table's range follows the new row count. A missing block becomes a new
   * sheet holding a table.
   */
  async withBlockRows(kind: ContractKind, rows: OutCell[][]): Promise<Uint8Array> {
    const spec = CONTRACT[kind];
    const block = await this.findBlock(kind);
    if (!block) {
      return this.withSheets([
        { name: spec.sheet, rows: [spec.columns.map((c) => ({ value: c, bold: true })), ...rows], widths: spec.columns.map((c) => Math.max(14, c.length + 4)), frozenRows: 1, table: { name: spec.table, columns: [...spec.columns] } },
      ]);
    }
    const cols = locateColumns(block, spec.columns).map((i) => block.firstColumn + i + 1);
    const entry = this.sheets.find((x) => x.name === block.sheet)!;
    const table = await this.tablePart(entry, spec.table);
    const oldLast = block.headerRow + block.rows.length;
    return this.withSheets([], async (zip, styles) => {
      const xml = await zip.file(entry.path)!.async("string");
      zip.file(entry.path, rewriteColumns(xml, block.headerRow, cols, rows, oldLast, styles));
      if (table) {
        const left = columnName(block.firstColumn + 1);
        const right = columnName(block.firstColumn + block.header.length);
        const ref = `${left}${block.headerRow}:${right}${block.headerRow + Math.max(1, rows.length)}`;
        const txml = await zip.file(table)!.async("string");
        zip.file(table, txml.replace(/(<table\b[^>]*\sref=")[^"]*"/, `$1${ref}"`).replace(/(<autoFilter\b[^>]*\sref=")[^"]*"/, `$1${ref}"`));
      }
    });
  }

  private async tablePart(entry: SheetEntry, name: string): Promise<string | null> {
    const rels = await this.text(relsPathOf(entry.path));
    if (!rels) return null;
    for (const m of rels.matchAll(/<Relationship\b([^>]*?)\/?>/g)) {
      if (!(attr(m[1], "Type") ?? "").endsWith("/table")) continue;
      const path = resolvePart(entry.path, attr(m[1], "Target") ?? "");
      const head = /<table\b([^>]*)>/.exec((await this.text(path)) ?? "");
      if (head && (attr(head[1], "displayName") ?? attr(head[1], "name") ?? "").toLowerCase() === name.toLowerCase()) return path;
    }
    return null;
  }

  /**
   * Adds the sheets, or replaces sheets of the same name in place, and returns
   * the new file. Every other part stays as it was; the calculation chain is
   * dropped (Excel rebuilds it) and the workbook is marked to recalculate on load.
   */
  async withSheets(models: SheetModel[], edit?: (zip: JSZip, styles: StylePatch) => Promise<void>): Promise<Uint8Array> {
    const zip = await JSZip.loadAsync(this.bytes);
    const styles = new StylePatch((await this.text("xl/styles.xml")) ?? EMPTY_STYLES);
    let workbookXml = this.workbookXml;
    let workbookRels = this.workbookRels;
    let contentTypes = (await this.text("[Content_Types].xml")) ?? "";
    const used = new Set(Object.keys(zip.files));
    let nextSheetId = Math.max(0, ...this.sheets.map((s) => s.sheetId)) + 1;
    let nextRel = 1;
    const relIds = new Set([...workbookRels.matchAll(/Id="([^"]+)"/g)].map((m) => m[1]));

    const parts: [string, string][] = [];
    for (const m of models) {
      const existing = this.sheets.find((s) => s.name.toLowerCase() === m.name.toLowerCase());
      let path: string;
      if (existing) {
        path = existing.path;
        zip.remove(relsPathOf(path)); // the old sheet's drawings, tables or comments go with it
      } else {
        let n = 1;
        while (used.has(`xl/worksheets/sheet${n}.xml`)) n++;
        path = `xl/worksheets/sheet${n}.xml`;
        used.add(path);
        while (relIds.has(`rIdFee${nextRel}`)) nextRel++;
        const rid = `rIdFee${nextRel}`;
        relIds.add(rid);
        workbookRels = workbookRels.replace("</Relationships>", `<Relationship Id="${rid}" Type="${WORKSHEET_REL}" Target="${path.replace(/^xl\//, "")}"/></Relationships>`);
        workbookXml = workbookXml.replace(/<\/sheets>/, `<sheet name="${escapeXml(m.name)}" sheetId="${nextSheetId++}" r:id="${rid}"/></sheets>`);
        if (!/xmlns:r=/.test(workbookXml.slice(0, workbookXml.indexOf(">", workbookXml.indexOf("<workbook")) + 1))) {
          workbookXml = workbookXml.replace(/<workbook\b/, `<workbook xmlns:r="${REL_NS}"`);
        }
        contentTypes = contentTypes.replace("</Types>", `<Override PartName="/${path}" ContentType="${WORKSHEET_TYPE}"/></Types>`);
      }
      let tableRid: string | undefined;
      if (m.table) {
        const ids = await Promise.all(Object.keys(zip.files).filter((n) => /^xl\/tables\/[^/]+\.xml$/.test(n)).map(async (n) => Number(/<table\b[^>]*\sid="(\d+)"/.exec(await zip.file(n)!.async("string"))?.[1] ?? 0)));
        const tableId = Math.max(0, ...ids) + 1;
        let k = 1;
        while (zip.file(`xl/tables/table${k}.xml`)) k++;
        const tablePath = `xl/tables/table${k}.xml`;
        const ref = `A1:${columnName(m.table.columns.length)}${Math.max(2, m.rows.length)}`;
        zip.file(
          tablePath,
          `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<table xmlns="${MAIN_NS}" id="${tableId}" name="${escapeXml(m.table.name)}" displayName="${escapeXml(m.table.name)}" ref="${ref}" totalsRowShown="0"><autoFilter ref="${ref}"/><tableColumns count="${m.table.columns.length}">${m.table.columns.map((c, i) => `<tableColumn id="${i + 1}" name="${escapeXml(c)}"/>`).join("")}</tableColumns><tableStyleInfo name="TableStyleMedium2" showFirstColumn="0" showLastColumn="0" showRowStripes="1" showColumnStripes="0"/></table>`,
        );
        tableRid = "rId1";
        zip.file(relsPathOf(path), `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="${tableRid}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/table" Target="../tables/${tablePath.split("/").pop()}"/></Relationships>`);
        contentTypes = contentTypes.replace("</Types>", `<Override PartName="/${tablePath}" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.table+xml"/></Types>`);
      }
      parts.push([path, sheetXml(m, styles, tableRid)]);
    }
    // Formulas changed: drop the calculation chain (Excel rebuilds it) and recalculate on load.
    if (zip.file("xl/calcChain.xml")) {
      zip.remove("xl/calcChain.xml");
      workbookRels = workbookRels.replace(/<Relationship\b[^>]*Target="[^"]*calcChain\.xml"[^>]*\/>/g, "");
      contentTypes = contentTypes.replace(/<Override\b[^>]*PartName="\/xl\/calcChain\.xml"[^>]*\/>/g, "");
    }
    if (/<calcPr\b/.test(workbookXml)) workbookXml = workbookXml.replace(/<calcPr\b([^>]*?)(\/?)>/, (_m, a: string, close: string) => `<calcPr${a.replace(/\sfullCalcOnLoad="[^"]*"/, "")} fullCalcOnLoad="1"${close}>`);
    else {
      // Schema order: calcPr follows sheets, functionGroups, externalReferences and definedNames.
      const after = ["</definedNames>", "</externalReferences>", "</functionGroups>", "</sheets>"].find((t) => workbookXml.includes(t))!;
      const at = workbookXml.lastIndexOf(after) + after.length;
      workbookXml = `${workbookXml.slice(0, at)}<calcPr fullCalcOnLoad="1"/>${workbookXml.slice(at)}`;
    }

    for (const [path, xml] of parts) zip.file(path, xml);
    if (edit) await edit(zip, styles);
    zip.file("xl/styles.xml", styles.xml());
    zip.file("xl/workbook.xml", workbookXml);
    zip.file("xl/_rels/workbook.xml.rels", workbookRels);
    zip.file("[Content_Types].xml", contentTypes);
    return zip.generateAsync({ type: "uint8array", compression: "DEFLATE", compressionOptions: { level: 6 } });
  }
}

const EMPTY_STYLES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><styleSheet xmlns="${MAIN_NS}"><fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs></styleSheet>`;

const BUILTIN_FORMATS: Record<string, number> = { General: 0, "0": 1, "0.00": 2, "#,##0": 3, "#,##0.00": 4, "0%": 9, "0.00%": 10 };

/** Adds the number formats and bold font the new sheets use to styles.xml, leaving existing styles as they are. */
export class StylePatch {
  private readonly addedFormats: string[] = [];
  private readonly addedXfs: string[] = [];
  private readonly xfIndex = new Map<string, number>();
  private readonly formatIds = new Map<string, number>();
  private boldFont: number | null = null;
  private readonly baseXfCount: number;
  private readonly baseFontCount: number;
  private nextFormatId: number;

  constructor(private readonly source: string) {
    for (const m of source.matchAll(/<numFmt\b([^>]*?)\/>/g)) {
      const id = Number(attr(m[1], "numFmtId"));
      const code = attr(m[1], "formatCode");
      if (code !== undefined) this.formatIds.set(code, id);
    }
    this.nextFormatId = Math.max(163, ...this.formatIds.values()) + 1;
    const xfs = /<cellXfs\b[^>]*>([\s\S]*?)<\/cellXfs>/.exec(source);
    this.baseXfCount = xfs ? (xfs[1].match(/<xf\b/g) ?? []).length : 0;
    const fonts = /<fonts\b[^>]*>([\s\S]*?)<\/fonts>/.exec(source);
    this.baseFontCount = fonts ? (fonts[1].match(/<font\b/g) ?? []).length : 0;
  }

  /** The cell style index for a number format and weight. */
  index(numFmt: string | undefined, bold: boolean | undefined): number {
    if (!numFmt && !bold) return 0;
    const key = `${numFmt ?? ""}|${bold ? 1 : 0}`;
    let i = this.xfIndex.get(key);
    if (i !== undefined) return i;
    let fmtId = 0;
    if (numFmt) {
      fmtId = BUILTIN_FORMATS[numFmt] ?? this.formatIds.get(numFmt) ?? -1;
      if (fmtId < 0) {
        fmtId = this.nextFormatId++;
        this.formatIds.set(numFmt, fmtId);
        this.addedFormats.push(`<numFmt numFmtId="${fmtId}" formatCode="${escapeXml(numFmt)}"/>`);
      }
    }
    let fontId = 0;
    if (bold) {
      if (this.boldFont === null) this.boldFont = this.baseFontCount;
      fontId = this.boldFont;
    }
    i = this.baseXfCount + this.addedXfs.length;
    this.addedXfs.push(`<xf numFmtId="${fmtId}" fontId="${fontId}" fillId="0" borderId="0" xfId="0"${fmtId ? ' applyNumberFormat="1"' : ""}${bold ? ' applyFont="1"' : ""}/>`);
    this.xfIndex.set(key, i);
    return i;
  }

  xml(): string {
    let s = this.source;
    const bump = (tag: string, count: number) => s.replace(new RegExp(`<${tag}\\b([^>]*?)count="\\d+"`), `<${tag}$1count="${count}"`);
    if (this.addedFormats.length) {
      if (/<numFmts\b/.test(s)) {
        s = s.replace(/<\/numFmts>/, `${this.addedFormats.join("")}</numFmts>`);
        s = bump("numFmts", (s.match(/<numFmt\b/g) ?? []).length);
      } else s = s.replace(/(<styleSheet\b[^>]*>)/, `$1<numFmts count="${this.addedFormats.length}">${this.addedFormats.join("")}</numFmts>`);
    }
    if (this.boldFont !== null) {
      s = s.replace(/<\/fonts>/, `<font><b/><sz val="11"/><name val="Calibri"/></font></fonts>`);
      s = bump("fonts", this.baseFontCount + 1);
    }
    if (this.addedXfs.length) {
      s = s.replace(/<\/cellXfs>/, `${this.addedXfs.join("")}</cellXfs>`);
      s = bump("cellXfs", this.baseXfCount + this.addedXfs.length);
    }
    return s;
  }
}

export function cellXml(ref: string, c: OutCell, styles: StylePatch, style?: number): string {
  const s = style ?? styles.index(c.numFmt, c.bold);
  const sAttr = s ? ` s="${s}"` : "";
  if (c.formula) {
    const f = `<f>${escapeXml(c.formula)}</f>`;
    if (typeof c.value === "number") return `<c r="${ref}"${sAttr}>${f}<v>${c.value}</v></c>`;
    if (typeof c.value === "boolean") return `<c r="${ref}"${sAttr} t="b">${f}<v>${c.value ? 1 : 0}</v></c>`;
    return `<c r="${ref}"${sAttr} t="str">${f}<v>${escapeXml(String(c.value ?? ""))}</v></c>`;
  }
  if (c.value === null || c.value === undefined) return s ? `<c r="${ref}"${sAttr}/>` : "";
  if (typeof c.value === "number") return `<c r="${ref}"${sAttr}><v>${c.value}</v></c>`;
  if (typeof c.value === "boolean") return `<c r="${ref}"${sAttr} t="b"><v>${c.value ? 1 : 0}</v></c>`;
  return `<c r="${ref}"${sAttr} t="inlineStr"><is><t xml:space="preserve">${escapeXml(c.value)}</t></is></c>`;
}

function sheetXml(m: SheetModel, styles: StylePatch, tableRid?: string): string {
  const out: string[] = [`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="${MAIN_NS}" xmlns:r="${REL_NS}">`];
  if (m.frozenRows) {
    out.push(`<sheetViews><sheetView workbookViewId="0"><pane ySplit="${m.frozenRows}" topLeftCell="A${m.frozenRows + 1}" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A${m.frozenRows + 1}" sqref="A${m.frozenRows + 1}"/></sheetView></sheetViews>`);
  }
  out.push(`<sheetFormatPr defaultRowHeight="15"/>`);
  if (m.widths.length) out.push(`<cols>${m.widths.map((w, i) => `<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"/>`).join("")}</cols>`);
  out.push("<sheetData>");
  m.rows.forEach((row, r) => {
    const cells = row.map((c, i) => (c ? cellXml(`${columnName(i + 1)}${r + 1}`, c, styles) : "")).join("");
    if (cells) out.push(`<row r="${r + 1}">${cells}</row>`);
  });
  out.push("</sheetData>");
  if (tableRid) out.push(`<tableParts count="1"><tablePart r:id="${tableRid}"/></tableParts>`);
  out.push("</worksheet>");
  return out.join("");
}

/** Replaces the cells of columns `cols` (1-based) below `headerRow` with `rows`, keeping every other cell and each kept cell's style. */
function rewriteColumns(xml: string, headerRow: number, cols: number[], rows: OutCell[][], oldLast: number, styles: StylePatch): string {
  const open = xml.indexOf("<sheetData");
  const close = xml.indexOf("</sheetData>");
  const selfClosing = /<sheetData\s*\/>/.exec(xml);
  const start = open < 0 ? -1 : xml.indexOf(">", open) + 1;
  const inner = selfClosing || start < 0 ? "" : xml.slice(start, close);
  const grid = new Map<number, { tag: string; cells: Map<number, string> }>();
  for (const rm of inner.matchAll(/<row\b([^>]*?)(?:\/>|>([\s\S]*?)<\/row>)/g)) {
    const r = Number(attr(rm[1], "r"));
    const cells = new Map<number, string>();
    for (const cm of (rm[2] ?? "").matchAll(/<c\b([^>]*?)(?:\/>|>[\s\S]*?<\/c>)/g)) cells.set(columnIndex(/^[A-Z]+/.exec(attr(cm[1], "r") ?? "A")![0]), cm[0]);
    grid.set(r, { tag: rm[1].replace(/\sspans="[^"]*"/, ""), cells });
  }
  const styleAt = (r: number, c: number) => {
    const raw = grid.get(r)?.cells.get(c);
    const m = raw ? /\ss="(\d+)"/.exec(raw) : null;
    return m ? Number(m[1]) : undefined;
  };
  const last = Math.max(oldLast, headerRow + rows.length);
  for (let r = headerRow + 1; r <= last; r++) {
    let row = grid.get(r);
    if (!row) grid.set(r, (row = { tag: ` r="${r}"`, cells: new Map() }));
    const i = r - headerRow - 1;
    cols.forEach((c, k) => {
      if (i >= rows.length) {
        row!.cells.delete(c);
        return;
      }
      const out = rows[i][k] ?? { value: null };
      const style = styleAt(r, c) ?? (r > headerRow + 1 ? styleAt(r - 1, c) : undefined);
      const x = cellXml(`${columnName(c)}${r}`, out, styles, style ?? (out.numFmt || out.bold ? undefined : 0));
      if (x) row!.cells.set(c, x);
      else row!.cells.delete(c);
    });
  }
  let maxRow = 0;
  let maxCol = 0;
  const body = [...grid.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([r, row]) => {
      const cells = [...row.cells.entries()].sort((a, b) => a[0] - b[0]);
      if (cells.length) {
        maxRow = Math.max(maxRow, r);
        maxCol = Math.max(maxCol, cells[cells.length - 1][0]);
      }
      return cells.length || /\s(ht|customHeight|s|hidden)=/.test(row.tag) ? `<row${row.tag}>${cells.map((c) => c[1]).join("")}</row>` : "";
    })
    .join("");
  const sheetData = `<sheetData>${body}</sheetData>`;
  let out = selfClosing ? xml.replace(selfClosing[0], sheetData) : `${xml.slice(0, open)}${sheetData}${xml.slice(close + "</sheetData>".length)}`;
  if (maxRow) out = out.replace(/<dimension\b[^>]*\/>/, `<dimension ref="A1:${columnName(maxCol)}${maxRow}"/>`);
  return out;
}
