import { Month } from "../../../../engine";
import { MonthEndInputs, MonthEndStage } from "../../../../workbook/monthEnd";
import { FileTransfer } from "../../../components/fileTransfer";

/**
 * Pane to worker. `cells`: one month-end computation over what the pane read
 * (Excel, through Office.js on the pane's thread). `file`: the whole run over
 * an .xlsx file (the standalone pane), reading, computing and writing here; the
 * file's bytes are transferred, not copied. `cancel`: stop a `file` run at its
 * next step and give the file back unchanged.
 */
export type MonthEndRequest =
  | {
      type: "cells";
      inputs: MonthEndInputs;
      month: Month;
      /** Exact decimal text; absent: the workbook's setting, else the default. */
      tolerance?: string;
    }
  | { type: "file"; file: FileTransfer; name: string; month: Month; tolerance?: string }
  | { type: "cancel" };

/**
 * Worker to pane. `ready` once the worker's script runs (the pane lends a file
 * only then, so a worker that never loads cannot take it). The report (Decs
 * as wire text) and the sheets travel as UTF-8 JSON in transferred buffers:
 * no copy, and no graph of thousands of objects cloned on the pane's thread.
 * A `file` run returns the file it was lent (`original`) with every reply, and
 * the written one (`file`) when done, so the pane always takes a whole file back.
 */
export type MonthEndReply =
  | { type: "ready" }
  | { type: "stage"; stage: MonthEndStage; days?: number }
  | {
      type: "done";
      /** The report's summary (wire JSON, UTF-8), and each row's days apart (see splitReport). */
      report: FileTransfer;
      days: FileTransfer;
      daySpans: number[];
      sheets?: FileTransfer;
      accrualCounts: number[];
      workbookSettings: unknown;
      file?: FileTransfer;
      original?: FileTransfer;
    }
  | { type: "failed"; message: string; original?: FileTransfer }
  | { type: "cancelled"; original: FileTransfer };
