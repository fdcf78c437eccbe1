import path from "path";
import { NetAssetRow, readNetAssets } from "../workbook/contract";
import { WorkbookError } from "../workbook/cells";
import { parseCsv } from "../workbook/csv";
import { readInput } from "../workbook/xlsx/xlsxFile";

/** Net assets from a CSV with the header Date,Portfolio,Net Assets (ISO dates). */
export async function readNavCsv(file: string): Promise<NetAssetRow[]> {
  const name = path.basename(file);
  const rows = parseCsv((await readInput(file)).toString("utf8").replace(/^\uFEFF/, ""));
  if (!rows.length) throw new WorkbookError({ file: name }, "is empty; expected the header Date,Portfolio,Net Assets");
  return readNetAssets({ sheet: "CSV", file: name, headerRow: 1, firstColumn: 0, header: rows[0], rows: rows.slice(1) });
}
