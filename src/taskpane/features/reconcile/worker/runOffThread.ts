import { Dec, FeeSettings, Month, ReconReport, daysInMonth, portfolioKey } from "../../../../engine";
import { locateColumns } from "../../../../workbook/contract";
import { WorkbookBackend } from "../../../../workbook/backend";
import { MonthEndResult, MonthEndStage, accrualRowsOf, computeMonthEnd, readMonthEndInputs } from "../../../../workbook/monthEnd";
import { SheetModel } from "../../../../workbook/reconSheets";
import { MonthEndReply, MonthEndRequest } from "./protocol";
import { startMonthEndWorker } from "./startWorker";
import { fromWire, reportFromWire } from "./wire";

export interface Progress {
  stage: MonthEndStage;
  /** For "accruing": portfolio-days to accrue. */
  days?: number;
  /** Whether Cancel can still stop the run without touching the workbook. */
  cancellable: boolean;
}

export class Cancelled extends Error {
  constructor() {
    super("The month-end run was cancelled; the workbook was not changed.");
  }
}

/** The days to accrue, for the progress line: the schedule's portfolios × the month's days. */
function portfolioDays(req: MonthEndRequest): number {
  const [col] = locateColumns(req.inputs.schedule, ["Portfolio"]);
  const portfolios = new Set(req.inputs.schedule.rows.map((r) => portfolioKey(String(r[col] ?? ""))).filter(Boolean)).size;
  return portfolios * daysInMonth(req.month.y, req.month.m);
}

/** Lets the page handle input and paint before going on (after the next frame where there are frames). */
const nextTask = () => new Promise<void>((resolve) => (typeof requestAnimationFrame === "function" && typeof document !== "undefined" && !document.hidden ? requestAnimationFrame(() => setTimeout(resolve, 0)) : setTimeout(resolve, 0)));

/** Runs the computation in the Web Worker (inline where there is none, as in unit tests). */
async function compute(req: MonthEndRequest, onProgress: (p: Progress) => void, signal: AbortSignal): Promise<{ report: ReconReport; sheets: SheetModel[]; accrualCounts?: number[]; workbookSettings: FeeSettings }> {
  onProgress({ stage: "accruing", days: portfolioDays(req), cancellable: true });
  await nextTask();
  const worker = startMonthEndWorker();
  if (!worker) return computeMonthEnd(req.inputs, req.month, req.tolerance === undefined ? undefined : new Dec(req.tolerance));
  return new Promise((resolve, reject) => {
    const stop = () => {
      worker.terminate();
      reject(new Cancelled());
    };
    signal.addEventListener("abort", stop, { once: true });
    worker.onmessage = (ev: MessageEvent<MonthEndReply>) => {
      const m = ev.data;
      signal.removeEventListener("abort", stop);
      worker.terminate();
      if (m.type !== "done") return reject(new Error(m.message));
      // The report and the sheets are parsed in separate tasks, so the page can paint in between.
      void (async () => {
        const report = reportFromWire<ReconReport>(m.report);
        await nextTask();
        resolve({ report, sheets: JSON.parse(m.sheets) as SheetModel[], accrualCounts: m.accrualCounts, workbookSettings: fromWire<FeeSettings>(m.workbookSettings) });
      })();
    };
    worker.onerror = (ev) => {
      signal.removeEventListener("abort", stop);
      worker.terminate();
      reject(new Error(`The month-end computation stopped: ${ev.message || "the worker failed to load"}`));
    };
    worker.postMessage(req);
  });
}

/**
 * The pane's month-end run: reads the workbook here (Office.js lives on this
 * thread), computes in the Web Worker, then writes the two sheets. Cancel
 * works until the writing starts; a cancelled run changes nothing.
 */
export async function runMonthEndOffThread(backend: WorkbookBackend, month: Month, tolerance: Dec | undefined, onProgress: (p: Progress) => void, signal: AbortSignal): Promise<MonthEndResult> {
  const check = () => {
    if (signal.aborted) throw new Cancelled();
  };
  // Each stage is shown (painted) before its work starts.
  const inputs = await readMonthEndInputs(backend, month, async (stage) => {
    check();
    onProgress({ stage, cancellable: true });
    await nextTask();
  });
  check();
  const { report, sheets, accrualCounts, workbookSettings } = await compute({ inputs, month, ...(tolerance ? { tolerance: tolerance.toString() } : {}) }, onProgress, signal);
  check();
  onProgress({ stage: "writing", cancellable: false });
  await nextTask();
  await backend.writeSheets(sheets);
  return { report, workbookSettings, accrualRows: accrualRowsOf(report, accrualCounts) };
}
