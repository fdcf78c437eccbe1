import { Month } from "../../../../engine";
import { MonthEndInputs } from "../../../../workbook/monthEnd";
import { SheetModel } from "../../../../workbook/reconSheets";

/** Pane to worker: one month-end computation. */
export interface MonthEndRequest {
  inputs: MonthEndInputs;
  month: Month;
  /** Exact decimal text. */
  tolerance: string;
}

/** Worker to pane: the result (Decs as wire text) or a one-line error. */
export type MonthEndReply =
  | { type: "done"; report: unknown; sheets: SheetModel[] }
  | { type: "failed"; message: string };
