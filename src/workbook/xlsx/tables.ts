import { WorkbookError } from "../cells";
import { SheetEntry, XlsxPackage } from "./package";
import { MAX_ROWS, NS, isMain, parseRef } from "./xml";

/** A table (ListObject) as the package defines it, found through its sheet's relationships. */
export interface TablePart {
  /** The table part, e.g. xl/tables/table1.xml. */
  path: string;
  /** The relationship id on the sheet. */
  rid: string;
  name: string;
  /** 1-based, inclusive. */
  top: number;
  left: number;
  bottom: number;
  right: number;
  /** Header rows at the top (0 or 1) and totals rows at the bottom (Excel's Total Row). */
  headerRows: number;
  totalsRows: number;
  /** Column names from the table definition. */
  columns: string[];
}

/** Parses `A1:D20` (or `A1`) into corners; null when it is not a range of a sheet. */
export function parseRange(ref: string): { top: number; left: number; bottom: number; right: number } | null {
  const [a, b = a] = ref.split(":");
  const p = parseRef(a);
  const q = parseRef(b);
  if (!p || !q) return null;
  return { top: Math.min(p.row, q.row), left: Math.min(p.col, q.col), bottom: Math.max(p.row, q.row), right: Math.max(p.col, q.col) };
}

/** The tables of a sheet. A table part that cannot be read is a WorkbookError naming it. */
export function tablesOf(pkg: XlsxPackage, entry: SheetEntry): TablePart[] {
  const out: TablePart[] = [];
  for (const rel of pkg.relationships(entry.path)) {
    if (rel.kind !== "table" || rel.external) continue;
    const doc = pkg.tree(rel.path);
    if (!doc) continue;
    const t = doc.root;
    if (!isMain(t.uri) || t.local !== "table") continue;
    const name = t.attr("displayName") ?? t.attr("name") ?? "";
    const ref = t.attr("ref") ?? "";
    const range = parseRange(ref);
    if (!range) throw new WorkbookError({ file: pkg.file, sheet: entry.name }, `table "${name}" has the range ${JSON.stringify(ref.slice(0, 40))}, which is not a range of a sheet`);
    const count = (v: string | undefined, d: number) => (v === undefined ? d : Math.max(0, Math.min(MAX_ROWS, Number(v) || 0)));
    const columns = (t.child("tableColumns", NS.main)?.all("tableColumn", NS.main) ?? []).map((c) => c.attr("name") ?? "");
    out.push({ path: rel.path, rid: rel.id, name, ...range, headerRows: count(t.attr("headerRowCount"), 1), totalsRows: count(t.attr("totalsRowCount"), 0), columns });
  }
  return out;
}
