/* global Excel */
import { DateSystem } from "../../engine";
import { Cell } from "../cells";
import { CONTRACT, CellBlock, ContractKind } from "../contract";
import { dateSystemFromText } from "../dateSystemFromText";

/** Rows per read: 20,000 rows of a few columns stay well under Excel on the web's 5 MB response limit. */
export const ROWS_PER_READ = 20000;

/** A contract block read through Office.js, with the worksheet it is on and, when asked for, the cells' text as Excel shows it. */
export interface OfficeBlock extends CellBlock {
  worksheetId: string;
  text?: string[][];
}

export interface ReadOptions {
  /** Also load each cell's displayed text (to tell the date system). */
  text?: boolean;
  /** Read only the header and this many rows. */
  maxRows?: number;
}

/**
 * Reads a contract table (by table name) or sheet (by sheet name, header in
 * row 1) through Office.js. Returns null when neither exists.
 */
export async function readOfficeBlock(context: Excel.RequestContext, kind: ContractKind, options: ReadOptions = {}): Promise<OfficeBlock | null> {
  const spec = CONTRACT[kind];
  const table = context.workbook.tables.getItemOrNullObject(spec.table);
  await context.sync();
  let range: Excel.Range;
  let ws: Excel.Worksheet;
  if (!table.isNullObject) {
    range = table.getRange();
    ws = table.worksheet;
  } else {
    ws = context.workbook.worksheets.getItemOrNullObject(spec.sheet);
    await context.sync();
    if (ws.isNullObject) return null;
    range = ws.getUsedRange(true);
  }
  if (options.maxRows !== undefined) {
    range = range.getIntersection(range.getCell(0, 0).getResizedRange(options.maxRows, 0).getEntireRow());
  }
  ws.load(["name", "id"]);
  range.load(["rowIndex", "columnIndex", "rowCount", "columnCount"]);
  await context.sync();
  // Excel on the web refuses a response over 5 MB: a long block (a year of daily net assets for hundreds of
  // portfolios) is read in slices of rows.
  const fields = options.text ? ["values", "text"] : ["values"];
  const rowCount = range.rowCount ?? 0;
  const slices = rowCount > ROWS_PER_READ ? Array.from({ length: Math.ceil(rowCount / ROWS_PER_READ) }, (_, k) => k * ROWS_PER_READ) : [0];
  const values: Cell[][] = [];
  const text: string[][] = [];
  for (const first of slices) {
    const part = slices.length === 1 ? range : range.getCell(first, 0).getResizedRange(Math.min(ROWS_PER_READ, rowCount - first) - 1, range.columnCount - 1);
    part.load(fields);
    await context.sync();
    values.push(...(part.values as Cell[][]));
    if (options.text) text.push(...part.text);
  }
  return {
    sheet: ws.name,
    worksheetId: ws.id,
    headerRow: range.rowIndex + 1,
    firstColumn: range.columnIndex,
    header: values[0] ?? [],
    rows: values.slice(1),
    text: options.text ? text : undefined,
  };
}

/** Contract columns that hold dates, in the order they are tried for telling the date system. */
const DATE_COLUMNS: [ContractKind, string][] = [
  ["schedule", "Effective From"],
  ["netAssets", "Date"],
  ["invoices", "Month"],
];

function dateSystemOfBlock(block: OfficeBlock | null, column: string): DateSystem | null {
  if (!block?.text) return null;
  const c = block.header.findIndex((h) => String(h ?? "").trim().toLowerCase() === column.toLowerCase());
  if (c < 0) return null;
  return dateSystemFromText(
    block.rows.map((r) => [r[c]]),
    block.text.slice(1).map((r) => [r[c]]),
  );
}

/**
 * The workbook's date system, told with the released API only (Workbook.use1904DateSystem is a preview API,
 * undefined in released Excel): the date cells of the contract tables show a year that only one system gives
 * (see dateSystemFromText). `known` is an already read schedule block (with text), to save a read. When no cell
 * decides it (no dates yet, or only two-digit years shown), the workbook is taken to be in the 1900 system, Excel's default.
 */
export async function readDateSystem(context: Excel.RequestContext, known?: OfficeBlock | null): Promise<DateSystem> {
  for (const [kind, column] of DATE_COLUMNS) {
    const block = kind === "schedule" && known?.text ? known : await readOfficeBlock(context, kind, { text: true, maxRows: 50 });
    const system = dateSystemOfBlock(block, column);
    if (system) return system;
  }
  return 1900;
}
