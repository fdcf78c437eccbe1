import { CONTENT_TYPE, XlsxPackage } from "./package";
import { NS, XDocument, XElement, isMain, parseTree } from "./xml";

const EMPTY_STYLES = `<styleSheet xmlns="${NS.main[0]}"><fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`;

const BUILTIN_FORMATS: Record<string, number> = { General: 0, "0": 1, "0.00": 2, "#,##0": 3, "#,##0.00": 4, "0%": 9, "0.00%": 10 };

/** Schema order of a stylesheet's children (CT_Stylesheet), to insert a missing list where it belongs. */
const ORDER = ["numFmts", "fonts", "fills", "borders", "cellStyleXfs", "cellXfs", "cellStyles", "dxfs", "tableStyles", "colors", "extLst"];

/**
 * The styles part with the number formats and bold font the writer's cells use
 * added at the end of its lists, leaving every existing style and index as it
 * was. A workbook without a styles part gets one, with its relationship and
 * content type.
 */
export class StylePatch {
  private readonly doc: XDocument;
  private readonly part: string;
  private readonly created: boolean;
  private readonly xfIndex = new Map<string, number>();
  private readonly formatIds = new Map<string, number>();
  private boldFont: number | null = null;
  private nextFormatId: number;
  private changed = false;

  constructor(private readonly pkg: XlsxPackage) {
    const rel = pkg.relationships(pkg.workbookPath).find((r) => r.kind === "styles" && !r.external);
    this.part = rel?.path ?? "xl/styles.xml";
    const doc = rel ? pkg.tree(rel.path) : null;
    this.created = !doc;
    this.doc = doc ?? parseTree(this.part, EMPTY_STYLES.replace(NS.main[0], pkg.mainNs));
    for (const f of this.list("numFmts")?.all("numFmt", NS.main) ?? []) {
      const code = f.attr("formatCode");
      if (code !== undefined) this.formatIds.set(code, Number(f.attr("numFmtId")));
    }
    this.nextFormatId = Math.max(163, ...this.formatIds.values()) + 1;
  }

  private list(local: string): XElement | undefined {
    return this.doc.root.child(local, NS.main);
  }

  /** The list element, created in schema order when missing. */
  private ensure(local: string): XElement {
    let e = this.list(local);
    if (e) return e;
    e = this.doc.root.make(local, { count: "0" });
    const kids = this.doc.root.children;
    const at = kids.findIndex((c) => c instanceof XElement && isMain(c.uri) && ORDER.indexOf(c.local) > ORDER.indexOf(local));
    kids.splice(at < 0 ? kids.length : at, 0, e);
    return e;
  }

  private append(list: XElement, child: XElement): number {
    list.children.push(child);
    const n = list.elements().length;
    list.setAttr("count", String(n));
    this.changed = true;
    return n - 1;
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
        const list = this.ensure("numFmts");
        this.append(list, list.make("numFmt", { numFmtId: String(fmtId), formatCode: numFmt }));
      }
    }
    let fontId = 0;
    if (bold) {
      if (this.boldFont === null) {
        const fonts = this.ensure("fonts");
        const font = fonts.make("font");
        font.children.push(font.make("b"), font.make("sz", { val: "11" }), font.make("name", { val: "Calibri" }));
        this.boldFont = this.append(fonts, font);
      }
      fontId = this.boldFont;
    }
    const xfs = this.ensure("cellXfs");
    const attrs: Record<string, string> = { numFmtId: String(fmtId), fontId: String(fontId), fillId: "0", borderId: "0", xfId: "0" };
    if (fmtId) attrs.applyNumberFormat = "1";
    if (bold) attrs.applyFont = "1";
    i = this.append(xfs, xfs.make("xf", attrs));
    this.xfIndex.set(key, i);
    return i;
  }

  /** Writes the styles part back when anything was added (and, for a new part, its relationship and content type). */
  save(): void {
    if (!this.changed && !this.created) return;
    this.pkg.put(this.part, this.doc);
    if (this.created) {
      this.pkg.addRelationship(this.pkg.workbookPath, "styles", this.part);
      this.pkg.setContentType(this.part, CONTENT_TYPE.styles);
    }
  }
}

