import { DateSystem, Dec, Month, ReconReport, formatMonth, reconcile } from "../engine";
import { WorkbookBackend } from "./backend";
import { WorkbookError } from "./cells";
import { CONTRACT, CellBlock, ContractKind, readInvoices, readNetAssets, requireValidSchedule } from "./contract";
import { OutCell, SheetModel, accrualsSheetName, keptTextFrom, reconSheetName, reconSheets } from "./reconSheets";

async function requireBlock(backend: WorkbookBackend, kind: ContractKind): Promise<CellBlock> {
  const block = await backend.readBlock(kind);
  if (!block) throw new WorkbookError({ file: backend.label }, `has no table "${CONTRACT[kind].table}" and no sheet "${CONTRACT[kind].sheet}"`);
  return block;
}

export interface MonthEndResult {
  report: ReconReport;
  /** Where each portfolio's days are in the Accruals sheet (1-based worksheet rows), for "show me". */
  accrualRows: Map<string, { sheet: string; first: number; last: number }>;
}

/** What a month-end run reads from the workbook: plain cells, so it can be handed to a Web Worker. */
export interface MonthEndInputs {
  system: DateSystem;
  schedule: CellBlock;
  netAssets: CellBlock;
  invoices: CellBlock;
  /** The month's earlier Recon sheet, for the Note and sign-off text typed into it (null when none). */
  previousRecon: OutCell[][] | null;
}

/** The stages of a run, named for a progress line. */
export type MonthEndStage = "schedule" | "netAssets" | "invoices" | "previous" | "accruing" | "writing";

/** Reads the workbook contract and the month's earlier Recon sheet. */
export async function readMonthEndInputs(backend: WorkbookBackend, month: Month, onStage?: (s: MonthEndStage) => void): Promise<MonthEndInputs> {
  const system = await backend.dateSystem();
  onStage?.("schedule");
  const schedule = await requireBlock(backend, "schedule");
  onStage?.("netAssets");
  const netAssets = await requireBlock(backend, "netAssets");
  onStage?.("invoices");
  const invoices = await requireBlock(backend, "invoices");
  onStage?.("previous");
  const previousRecon = await backend.readSheetValues(reconSheetName(formatMonth(month)));
  return { system, schedule, netAssets, invoices, previousRecon };
}

/** The computation alone (no workbook access): reconciles and builds the two sheets. Runs in the pane's Web Worker or inline. */
export function computeMonthEnd(inputs: MonthEndInputs, month: Month, tolerance: Dec): { report: ReconReport; sheets: SheetModel[] } {
  const schedule = requireValidSchedule(inputs.schedule, inputs.system);
  const netAssets = readNetAssets(inputs.netAssets, inputs.system);
  const invoices = readInvoices(inputs.invoices, inputs.system);
  const report = reconcile({ schedule, netAssets, invoices, month, tolerance });
  return { report, sheets: reconSheets(report, keptTextFrom(inputs.previousRecon), inputs.system) };
}

/** Where each portfolio's days are in the Accruals sheet (`counts`: each row's number of days, when known without reading them). */
export function accrualRowsOf(report: ReconReport, counts: readonly number[] = report.rows.map((r) => r.accruals.length)): MonthEndResult["accrualRows"] {
  const accrualRows = new Map<string, { sheet: string; first: number; last: number }>();
  let next = 2;
  report.rows.forEach((r, i) => {
    if (counts[i]) accrualRows.set(r.portfolio, { sheet: accrualsSheetName(formatMonth(report.month)), first: next, last: next + counts[i] - 1 });
    next += counts[i];
  });
  return accrualRows;
}

/**
 * The month-end run, for the command line and the task pane alike: reads the
 * workbook contract, reconciles, and (when `write`) replaces the month's Recon
 * and Accruals sheets, keeping Note and sign-off text typed into an earlier run.
 */
export async function runMonthEnd(backend: WorkbookBackend, month: Month, tolerance: Dec, write = true): Promise<MonthEndResult> {
  const inputs = await readMonthEndInputs(backend, month);
  const { report, sheets } = computeMonthEnd(inputs, month, tolerance);
  if (write) await backend.writeSheets(sheets);
  return { report, accrualRows: accrualRowsOf(report) };
}
