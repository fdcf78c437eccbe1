/* global Excel */
import { Cell } from "../cells";
import { CONTRACT, CellBlock, ContractKind } from "../contract";

/**
 * Reads a contract table (by table name) or sheet (by sheet name, header in
 * row 1) through Office.js. Returns null when neither exists.
 */
export async function readOfficeBlock(context: Excel.RequestContext, kind: ContractKind): Promise<CellBlock | null> {
  const spec = CONTRACT[kind];
  const table = context.workbook.tables.getItemOrNullObject(spec.table);
  await context.sync();
  let range: Excel.Range;
  let sheetName: string;
  if (!table.isNullObject) {
    range = table.getRange();
    const ws = table.worksheet;
    ws.load("name");
    await context.sync();
    sheetName = ws.name;
  } else {
    const ws = context.workbook.worksheets.getItemOrNullObject(spec.sheet);
    await context.sync();
    if (ws.isNullObject) return null;
    range = ws.getUsedRange(true);
    sheetName = spec.sheet;
  }
  range.load(["values", "rowIndex", "columnIndex"]);
  await context.sync();
  const values = range.values as Cell[][];
  return {
    sheet: sheetName,
    headerRow: range.rowIndex + 1,
    firstColumn: range.columnIndex,
    header: values[0] ?? [],
    rows: values.slice(1),
  };
}

/** Whether the workbook uses the 1904 date system, where the API can tell (ExcelApi 1.16 and later); else 1900. */
export async function readDateSystem(context: Excel.RequestContext): Promise<1900 | 1904> {
  try {
    if (!Office.context.requirements.isSetSupported("ExcelApi", "1.16")) return 1900;
    const wb = context.workbook as unknown as { use1904DateSystem: boolean; load(p: string): void };
    wb.load("use1904DateSystem");
    await context.sync();
    return wb.use1904DateSystem ? 1904 : 1900;
  } catch {
    return 1900;
  }
}
