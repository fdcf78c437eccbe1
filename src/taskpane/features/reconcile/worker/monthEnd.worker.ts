/// <reference lib="webworker" />
// The month-end computation off the pane's UI thread: the same engine and workbook contract as the command line.
import { Dec } from "../../../../engine";
import { computeMonthEnd } from "../../../../workbook/monthEnd";
import { accrualLines } from "../../../../workbook/reconSheets";
import { MonthEndReply, MonthEndRequest } from "./protocol";
import { toWire } from "./wire";

const post = (m: MonthEndReply) => (self as unknown as { postMessage(m: MonthEndReply): void }).postMessage(m);

self.onmessage = (ev: MessageEvent<MonthEndRequest>) => {
  const { inputs, month, tolerance } = ev.data;
  try {
    const { report, sheets, workbookSettings } = computeMonthEnd(inputs, month, tolerance === undefined ? undefined : new Dec(tolerance));
    post({ type: "done", report: JSON.stringify(toWire(report)), sheets: JSON.stringify(sheets), accrualCounts: report.rows.map((r) => accrualLines(r).length), workbookSettings: toWire(workbookSettings) });
  } catch (e) {
    post({ type: "failed", message: e instanceof Error ? e.message : String(e) });
  }
};
