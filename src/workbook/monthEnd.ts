import { Dec, Month, ReconReport, formatMonth, reconcile } from "../engine";
import { WorkbookBackend } from "./backend";
import { WorkbookError } from "./cells";
import { CONTRACT, CellBlock, ContractKind, readInvoices, readNetAssets, requireValidSchedule } from "./contract";
import { accrualsSheetName, keptTextFrom, reconSheetName, reconSheets } from "./reconSheets";

export async function requireBlock(backend: WorkbookBackend, kind: ContractKind): Promise<CellBlock> {
  const block = await backend.readBlock(kind);
  if (!block) throw new WorkbookError({ file: backend.label }, `has no table "${CONTRACT[kind].table}" and no sheet "${CONTRACT[kind].sheet}"`);
  return block;
}

export interface MonthEndResult {
  report: ReconReport;
  /** Where each portfolio's days are in the Accruals sheet (1-based worksheet rows), for "show me". */
  accrualRows: Map<string, { sheet: string; first: number; last: number }>;
}

/**
 * The month-end run, for the command line and the task pane alike: reads the
 * workbook contract, reconciles, and (when `write`) replaces the month's Recon
 * and Accruals sheets, keeping Note and sign-off text typed into an earlier run.
 */
export async function runMonthEnd(backend: WorkbookBackend, month: Month, tolerance: Dec, write = true): Promise<MonthEndResult> {
  const system = await backend.dateSystem();
  const schedule = requireValidSchedule(await requireBlock(backend, "schedule"), system);
  const netAssets = readNetAssets(await requireBlock(backend, "netAssets"), system);
  const invoices = readInvoices(await requireBlock(backend, "invoices"), system);
  const report = reconcile({ schedule, netAssets, invoices, month, tolerance });
  if (write) {
    const kept = keptTextFrom(await backend.readSheetValues(reconSheetName(formatMonth(month))));
    await backend.writeSheets(reconSheets(report, kept, system));
  }
  const accrualRows = new Map<string, { sheet: string; first: number; last: number }>();
  let next = 2;
  for (const r of report.rows) {
    if (r.accruals.length) accrualRows.set(r.portfolio, { sheet: accrualsSheetName(formatMonth(month)), first: next, last: next + r.accruals.length - 1 });
    next += r.accruals.length;
  }
  return { report, accrualRows };
}
