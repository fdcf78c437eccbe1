import * as React from "react";
import { Dec, parseMonth } from "../../../engine";
import { WorkbookBackend } from "../../../workbook/backend";
import { MonthEndResult } from "../../../workbook/monthEnd";
import { messageOf } from "../../components/ErrorText";
import { Cancelled, Progress, runMonthEndOffThread } from "./worker/runOffThread";

const TOLERANCE = /^\d+(\.\d+)?$/;

export type RunState = { state: "idle" } | { state: "running"; progress: Progress | null } | { state: "done"; result: MonthEndResult; month: string; tolerance: string } | { state: "failed"; message: string } | { state: "cancelled" };

/** The month-end run: inputs, validation, the run in the Web Worker with progress and Cancel, and the last result. */
export function useMonthEnd(backend: WorkbookBackend, initialMonth: string, onWritten?: () => void) {
  const [month, setMonth] = React.useState(initialMonth);
  // Blank: the workbook's Fee Settings tolerance, else the default.
  const [tolerance, setTolerance] = React.useState("");
  const [run, setRun] = React.useState<RunState>({ state: "idle" });
  // The last good result stays on screen while a new run fails or is cancelled.
  const [last, setLast] = React.useState<Extract<RunState, { state: "done" }> | null>(null);
  const abort = React.useRef<AbortController | null>(null);

  let monthError: string | undefined;
  try {
    parseMonth(month);
  } catch {
    monthError = "Give a month as YYYY-MM.";
  }
  const toleranceError = tolerance.trim() === "" || TOLERANCE.test(tolerance.trim()) ? undefined : "Give an amount of 0 or more, e.g. 0.01, or leave it blank.";

  const start = React.useCallback(async () => {
    const controller = new AbortController();
    abort.current = controller;
    setRun({ state: "running", progress: null });
    try {
      const result = await runMonthEndOffThread(backend, parseMonth(month), tolerance.trim() ? new Dec(tolerance.trim()) : undefined, (progress) => setRun({ state: "running", progress }), controller.signal);
      const done = { state: "done" as const, result, month, tolerance: tolerance.trim() };
      // A transition: React renders the result (hundreds of rows) in slices, yielding to input and paint between them.
      React.startTransition(() => {
        setRun(done);
        setLast(done);
      });
      onWritten?.();
    } catch (e) {
      setRun(e instanceof Cancelled ? { state: "cancelled" } : { state: "failed", message: messageOf(e) });
    } finally {
      abort.current = null;
    }
  }, [backend, month, tolerance, onWritten]);

  const cancel = React.useCallback(() => abort.current?.abort(), []);
  React.useEffect(() => () => abort.current?.abort(), []);

  return { month, setMonth, tolerance, setTolerance, monthError, toleranceError, run, last, start, cancel };
}
