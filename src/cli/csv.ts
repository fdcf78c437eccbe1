import { promises as fsp } from "fs";
import path from "path";
import { Cell } from "../workbook/cells";
import { NetAssetRow, readNetAssets } from "../workbook/contract";
import { WorkbookError } from "../workbook/cells";
import { parseCsv } from "../workbook/csv";

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
