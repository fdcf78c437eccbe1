import { Dec, FeeSettings, Month, ReconReport } from "../../../../engine";
import { WorkbookBackend } from "../../../../workbook/backend";
import { MonthEndResult, MonthEndStage, accrualRowsOf, computeMonthEnd, readMonthEndInputs } from "../../../../workbook/monthEnd";
import { SheetModel } from "../../../../workbook/reconSheets";
import { BrowserWorkbook, Loan } from "../../../components/browserWorkbook";
import { fromTransfer, textFromTransfer } from "../../../components/fileTransfer";
import { portfolioDays } from "./portfolioDays";
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

/** Lets the page handle input and paint before going on (after the next frame where there are frames). */
const nextTask = () => new Promise<void>((resolve) => (typeof requestAnimationFrame === "function" && typeof document !== "undefined" && !document.hidden ? requestAnimationFrame(() => setTimeout(resolve, 0)) : setTimeout(resolve, 0)));

type Computed = { report: ReconReport; accrualCounts?: number[]; workbookSettings: FeeSettings };

/** The reply's report, parsed (each row's days only when first read) in its own task, so the page can paint first. */
async function computedOf(m: Extract<MonthEndReply, { type: "done" }>): Promise<Computed> {
  const report = reportFromWire<ReconReport>(textFromTransfer(m.report), fromTransfer(m.days), m.daySpans);
  await nextTask();
  return { report, accrualCounts: m.accrualCounts, workbookSettings: fromWire<FeeSettings>(m.workbookSettings) };
}

/** Waits for the worker's script to run: a worker that never loads never holds the file. */
function ready(worker: Worker, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const release = stopOnAbortOrError(worker, signal, reject);
    worker.onmessage = (ev: MessageEvent<MonthEndReply>) => {
      if (ev.data.type !== "ready") return;
      release();
      resolve();
    };
  });
}

/**
 * Until the returned release is called: an abort terminates the worker and rejects as Cancelled, and
 * a worker error terminates it and rejects with the error. (The standalone run, which must take its
 * lent file back, wires its own.)
 */
function stopOnAbortOrError(worker: Worker, signal: AbortSignal, reject: (e: Error) => void): () => void {
  const stop = () => {
    worker.terminate();
    reject(new Cancelled());
  };
  signal.addEventListener("abort", stop, { once: true });
  worker.onerror = (ev) => {
    signal.removeEventListener("abort", stop);
    worker.terminate();
    reject(new Error(`The month-end computation stopped: ${ev.message || "the worker failed to load"}`));
  };
  return () => signal.removeEventListener("abort", stop);
}

/**
 * Standalone: the whole run in the Web Worker. The file's bytes are
 * transferred to it (the page keeps no copy, and every other read or write
 * waits meanwhile); the worker reads, computes and writes, and transfers the
 * written file back with the report. Cancel works until the result is back:
 * the worker gives back the file it was lent, unchanged.
 */
async function runOverFile(worker: Worker, workbook: BrowserWorkbook, month: Month, tolerance: Dec | undefined, onProgress: (p: Progress) => void, signal: AbortSignal): Promise<MonthEndResult> {
  await ready(worker, signal);
  let loan: Loan;
  try {
    loan = await workbook.lend();
  } catch (e) {
    worker.terminate();
    throw e;
  }
  const lent = loan;
  if (signal.aborted) {
    await lent.giveBack(lent.file);
    worker.terminate();
    throw new Cancelled();
  }
  return new Promise<MonthEndResult>((resolve, reject) => {
    let cancel = false;
    const stop = () => {
      cancel = true;
      worker.postMessage({ type: "cancel" } satisfies MonthEndRequest);
    };
    signal.addEventListener("abort", stop, { once: true });
    const end = () => {
      signal.removeEventListener("abort", stop);
      worker.terminate();
    };
    worker.onmessage = (ev: MessageEvent<MonthEndReply>) => {
      const m = ev.data;
      if (m.type === "stage") return onProgress({ stage: m.stage, ...(m.days !== undefined ? { days: m.days } : {}), cancellable: true });
      if (m.type === "ready") return;
      end();
      void (async () => {
        if (m.type === "cancelled") {
          await lent.giveBack(m.original);
          return reject(new Cancelled());
        }
        if (m.type === "failed") {
          if (m.original) await lent.giveBack(m.original);
          else lent.lost("the month-end worker did not give it back");
          return reject(new Error(m.message));
        }
        // Done; a Cancel that came too late for the worker still wins: the file as it was is taken back.
        if (cancel || !m.file) {
          await lent.giveBack(m.original ?? m.file!);
          return reject(new Cancelled());
        }
        await lent.giveBack(m.file);
        const { report, accrualCounts, workbookSettings } = await computedOf(m);
        resolve({ report, workbookSettings, accrualRows: accrualRowsOf(report, accrualCounts) });
      })().catch(reject);
    };
    worker.onerror = (ev) => {
      end();
      const reason = `the month-end worker stopped (${ev.message || "unknown error"})`;
      lent.lost(reason);
      reject(new Error(`The month-end run failed: ${reason}.`));
    };
    worker.postMessage({ type: "file", file: lent.file, name: lent.name, month, ...(tolerance ? { tolerance: tolerance.toString() } : {}) } satisfies MonthEndRequest, [lent.file.buffer]);
  });
}

/** Excel: computes in the Web Worker over what the pane read. */
function computeOffThread(worker: Worker, req: Extract<MonthEndRequest, { type: "cells" }>, signal: AbortSignal): Promise<Computed & { sheets: SheetModel[] }> {
  return new Promise((resolve, reject) => {
    const release = stopOnAbortOrError(worker, signal, reject);
    worker.onmessage = (ev: MessageEvent<MonthEndReply>) => {
      const m = ev.data;
      if (m.type === "ready" || m.type === "stage") return;
      release();
      worker.terminate();
      if (m.type !== "done") return reject(new Error(m.type === "failed" ? m.message : "The month-end run was cancelled."));
      // The report and the sheets are parsed in separate tasks, so the page can paint in between.
      void (async () => {
        const computed = await computedOf(m);
        resolve({ ...computed, sheets: JSON.parse(textFromTransfer(m.sheets!)) as SheetModel[] });
      })().catch(reject);
    };
    worker.postMessage(req);
  });
}

/**
 * The pane's month-end run. Standalone (an .xlsx file in this browser), the
 * whole run is in the Web Worker (see runOverFile). In Excel, the workbook is
 * read here (Office.js lives on this thread), computed in the Web Worker, then
 * the two sheets are written from here; Cancel works until the writing starts.
 * A cancelled run changes nothing. Where there is no Worker (unit tests), it
 * all runs inline.
 */
export async function runMonthEndOffThread(backend: WorkbookBackend, month: Month, tolerance: Dec | undefined, onProgress: (p: Progress) => void, signal: AbortSignal): Promise<MonthEndResult> {
  const check = () => {
    if (signal.aborted) throw new Cancelled();
  };
  const worker = startMonthEndWorker();
  if (worker && backend instanceof BrowserWorkbook) return runOverFile(worker, backend, month, tolerance, onProgress, signal);
  try {
    // Each stage is shown (painted) before its work starts.
    const inputs = await readMonthEndInputs(backend, month, async (stage) => {
      check();
      onProgress({ stage, cancellable: true });
      await nextTask();
    });
    check();
    onProgress({ stage: "accruing", days: portfolioDays(inputs, month), cancellable: true });
    await nextTask();
    const req = { type: "cells" as const, inputs, month, ...(tolerance ? { tolerance: tolerance.toString() } : {}) };
    const { report, sheets, accrualCounts, workbookSettings }: Computed & { sheets: SheetModel[] } = worker ? await computeOffThread(worker, req, signal) : computeMonthEnd(req.inputs, req.month, tolerance);
    check();
    onProgress({ stage: "writing", cancellable: false });
    await nextTask();
    await backend.writeSheets(sheets);
    return { report, workbookSettings, accrualRows: accrualRowsOf(report, accrualCounts) };
  } catch (e) {
    worker?.terminate();
    throw e;
  }
}
