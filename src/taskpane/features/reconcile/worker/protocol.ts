import { Month } from "../../../../engine";
import { MonthEndInputs } from "../../../../workbook/monthEnd";

/** Pane to worker: one month-end computation. */
export interface MonthEndRequest {
  inputs: MonthEndInputs;
  month: Month;
  /** Exact decimal text; absent: the workbook's setting, else the default. */
  tolerance?: string;
}

/**
 * Worker to pane: the result or a one-line error. The report (Decs as wire
 * text) and the sheets travel as JSON text: one string is copied in one go,
 * where a graph of thousands of objects would be cloned piece by piece on the
 * pane's thread.
 */
export type MonthEndReply =
  | { type: "done"; report: string; sheets: string; accrualCounts: number[]; workbookSettings: unknown }
  | { type: "failed"; message: string };
