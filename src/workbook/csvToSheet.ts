import { parseCsv } from "./csv";
import { OutCell, SheetModel } from "./reconSheets";

const NUMBER = /^-?(\d+|\d*\.\d+)(e[+-]?\d+)?$/i;

/** Sheet name for an exported file: "CSV " and the file's name without extension, as Excel allows (31 characters, no []:*?/\). */
export function exportSheetName(file: string): string {
  return `CSV ${file.replace(/\.[^.]*$/, "")}`.replace(/[[\]:*?/\\]/g, "_").slice(0, 31);
}

/**
 * CSV text as a sheet, for Excel for Mac where a download does nothing: plain
 * numbers become numbers, everything else stays text as written (a leading '
 * that the export added to keep a name from being read as a formula stays,
 * and Excel shows the name without it, as when such a CSV is opened).
 */
export function csvSheet(text: string, file: string): SheetModel {
  const rows = parseCsv(text).map((r) => r.map((f): OutCell => ({ value: NUMBER.test(f.trim()) ? Number(f) : f })));
  const width = Math.max(1, ...rows.map((r) => r.length));
  return { name: exportSheetName(file), rows, widths: Array.from({ length: width }, (_, i) => Math.min(50, Math.max(10, ...rows.map((r) => String(r[i]?.value ?? "").length + 2)))), frozenRows: rows.length > 1 ? 1 : 0 };
}
