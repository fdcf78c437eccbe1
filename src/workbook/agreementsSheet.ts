import { Agreement, DateSystem, DayNumber, formatIso, portfolioKey } from "../engine";
import { Cell, CellWhere, WorkbookError, cellDate, cellText, columnLetter, isBlank } from "./cells";
import { CONTRACT, CellBlock, locateColumns } from "./contract";

/**
 * The Agreements table: Portfolio | Commenced | Terminated | Last Approval,
 * each date optional. A portfolio given twice, or terminated before it
 * commenced, is an error naming the row.
 */
export function readAgreements(block: CellBlock, system: DateSystem = 1900): Agreement[] {
  const columns = CONTRACT.agreements.columns;
  const cols = locateColumns(block, columns);
  const out: Agreement[] = [];
  const rowOf = new Map<string, number>();
  block.rows.forEach((r, i) => {
    const cells = cols.map((c) => (r[c] ?? null) as Cell);
    if (cells.every(isBlank)) return;
    const row = block.headerRow + 1 + i;
    const at = (k: number): CellWhere => ({ file: block.file, sheet: block.sheet, row, column: columns[k], letter: columnLetter(block.firstColumn + cols[k]) });
    const date = (k: number): DayNumber | null => (isBlank(cells[k]) ? null : cellDate(cells[k], at(k), system));
    const portfolio = cellText(cells[0], at(0));
    const key = portfolioKey(portfolio);
    const earlier = rowOf.get(key);
    if (earlier !== undefined) throw new WorkbookError(at(0), `${portfolio} is given twice (also row ${earlier}); give one row a portfolio`);
    rowOf.set(key, row);
    const a: Agreement = { portfolio, commenced: date(1), terminated: date(2), lastApproval: date(3), row };
    if (a.commenced !== null && a.terminated !== null && a.terminated < a.commenced) {
      throw new WorkbookError(at(2), `${formatIso(a.terminated)} is before Commenced ${formatIso(a.commenced)}`);
    }
    out.push(a);
  });
  return out;
}
