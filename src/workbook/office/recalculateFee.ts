/* global Excel */
import { columnLetter } from "../cells";

/** A formula that calls a FEE function (Excel gives custom functions by their namespace in `formulas`). */
const FEE_CALL = /\bFEE\.[A-Z]+\s*\(/i;
/** Cells calculated per request, well under Excel on the web's 5 MB payload limit. */
const CELLS_PER_SYNC = 2000;

export type RecalcOutcome = { calculated: number } | { manual: true };

/** Fired on the page (the shared runtime's window) when a reload left FEE formulas for the user to recalculate. */
export const MANUAL_RECALC_EVENT = "fee-addin:manual-recalc";

/**
 * Recalculates the cells whose formulas call a FEE function, on every sheet of
 * this workbook, and nothing else: not other formulas, not other open
 * workbooks (no application.calculate(full)). In manual calculation mode it
 * calculates nothing and says so, leaving the recalculation to the user.
 */
export async function recalculateFeeFormulas(): Promise<RecalcOutcome> {
  return Excel.run(async (context) => {
    const app = context.workbook.application;
    app.load("calculationMode");
    const sheets = context.workbook.worksheets;
    sheets.load("items/name");
    await context.sync();
    if (app.calculationMode === Excel.CalculationMode.manual) {
      if (typeof dispatchEvent === "function" && typeof CustomEvent === "function") dispatchEvent(new CustomEvent(MANUAL_RECALC_EVENT));
      return { manual: true } as const;
    }
    const found = sheets.items.map((ws) => {
      const cells = ws.getUsedRange(true).getSpecialCellsOrNullObject(Excel.SpecialCellType.formulas);
      cells.areas.load("items/formulas,items/rowIndex,items/columnIndex");
      return { ws, cells };
    });
    await context.sync();
    const targets: { ws: Excel.Worksheet; address: string }[] = [];
    for (const { ws, cells } of found) {
      if (cells.isNullObject) continue;
      for (const area of cells.areas.items) {
        (area.formulas as unknown[][]).forEach((row, i) =>
          row.forEach((f, j) => {
            if (typeof f === "string" && FEE_CALL.test(f)) targets.push({ ws, address: `${columnLetter(area.columnIndex + j)}${area.rowIndex + i + 1}` });
          }),
        );
      }
    }
    for (let i = 0; i < targets.length; i += CELLS_PER_SYNC) {
      for (const t of targets.slice(i, i + CELLS_PER_SYNC)) t.ws.getRange(t.address).calculate();
      await context.sync();
    }
    return { calculated: targets.length };
  });
}
