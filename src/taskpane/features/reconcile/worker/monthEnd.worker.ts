/// <reference lib="webworker" />
// Month end off the pane's UI thread: the same engine and workbook contract as the command line.
// Over Excel it computes what the pane read; over an .xlsx file (the standalone pane) it also reads and writes the file.
import { Dec, Month, ReconReport } from "../../../../engine";
import { MonthEndStage, computeMonthEnd, readMonthEndInputs } from "../../../../workbook/monthEnd";
import { accrualLines } from "../../../../workbook/reconSheets";
import { FileBackend } from "../../../../workbook/xlsx/fileBackend";
import { FileTransfer, fromTransfer, textToTransfer, toTransfer } from "../../../components/fileTransfer";
import { portfolioDays } from "./portfolioDays";
import { MonthEndReply, MonthEndRequest } from "./protocol";
import { splitReport, toWire } from "./wire";

const scope = self as unknown as { postMessage(m: MonthEndReply, transfer?: Transferable[]): void };
const post = (m: MonthEndReply, transfer: Transferable[] = []) => scope.postMessage(m, transfer);

class Stop extends Error {}
let cancelled = false;

/** Lets a Cancel from the pane in (a message is handled only between tasks), then stops if it came. */
const step = () =>
  new Promise<void>((resolve, reject) =>
    setTimeout(() => {
      if (cancelled) reject(new Stop());
      else resolve();
    }, 0),
  );

const decimal = (tolerance: string | undefined) => (tolerance === undefined ? undefined : new Dec(tolerance));

function reportParts(report: ReconReport) {
  const split = splitReport(report);
  return { report: textToTransfer(split.head), days: toTransfer(split.days), daySpans: split.spans, accrualCounts: report.rows.map((r) => accrualLines(r).length) };
}

/** The whole run over an .xlsx file: read, compute, write; the written file and the one lent go back to the pane, transferred. */
async function runFile(original: FileTransfer, name: string, month: Month, tolerance: string | undefined): Promise<void> {
  const stage = async (s: MonthEndStage, days?: number) => {
    post(days === undefined ? { type: "stage", stage: s } : { type: "stage", stage: s, days });
    await step();
  };
  cancelled = false;
  try {
    const backend = await FileBackend.open(fromTransfer(original), name);
    const inputs = await readMonthEndInputs(backend, month, (s) => stage(s));
    await stage("accruing", portfolioDays(inputs, month));
    const { report, sheets, workbookSettings } = computeMonthEnd(inputs, month, decimal(tolerance));
    await stage("writing");
    await backend.writeSheets(sheets);
    const written = backend.bytes();
    const parts = reportParts(report);
    await step();
    const file = toTransfer(written);
    const transfer = [parts.report.buffer, parts.days.buffer, file.buffer];
    if (original.buffer !== file.buffer) transfer.push(original.buffer);
    post({ type: "done", ...parts, workbookSettings: toWire(workbookSettings), file, original }, transfer);
  } catch (e) {
    if (e instanceof Stop) post({ type: "cancelled", original }, [original.buffer]);
    else post({ type: "failed", message: e instanceof Error ? e.message : String(e), original }, [original.buffer]);
  }
}

self.onmessage = (ev: MessageEvent<MonthEndRequest>) => {
  const req = ev.data;
  if (req.type === "cancel") {
    cancelled = true;
    return;
  }
  if (req.type === "file") {
    void runFile(req.file, req.name, req.month, req.tolerance);
    return;
  }
  try {
    const { report, sheets, workbookSettings } = computeMonthEnd(req.inputs, req.month, decimal(req.tolerance));
    const parts = reportParts(report);
    const sheetBytes = textToTransfer(JSON.stringify(sheets));
    post({ type: "done", ...parts, sheets: sheetBytes, workbookSettings: toWire(workbookSettings) }, [parts.report.buffer, parts.days.buffer, sheetBytes.buffer]);
  } catch (e) {
    post({ type: "failed", message: e instanceof Error ? e.message : String(e) });
  }
};

post({ type: "ready" });
