import { promises as fsp } from "fs";
import path from "path";
import { Cell } from "../workbook/cells";
import { NetAssetRow, readNetAssets } from "../workbook/contract";
import { WorkbookError } from "../workbook/cells";

/** Splits CSV text into rows of fields (RFC 4180 quoting). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"' && field === "") quoted = true;
    else if (ch === ",") {
      row.push(field);
      field = "";
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else field += ch;
  }
  if (field !== "" || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/** Net assets from a CSV with the header Date,Portfolio,Net Assets (ISO dates). */
export async function readNavCsv(file: string): Promise<NetAssetRow[]> {
  const name = path.basename(file);
  let text: string;
  try {
    text = await fsp.readFile(file, "utf8");
  } catch (e) {
    throw new WorkbookError({ file: name }, `cannot read the file (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
  }
  const rows = parseCsv(text.replace(/^\uFEFF/, ""));
  if (!rows.length) throw new WorkbookError({ file: name }, "is empty; expected the header Date,Portfolio,Net Assets");
  const cells = (r: string[]): Cell[] => r.map((x) => x);
  return readNetAssets({ sheet: "CSV", file: name, headerRow: 1, firstColumn: 0, header: cells(rows[0]), rows: rows.slice(1).map(cells) });
}
