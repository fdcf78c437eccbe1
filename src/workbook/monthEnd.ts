import { Agreement, Dec, FeeSettings, Month, ReconReport, formatMonth, reconcile, resolveSettings } from "../engine";
import { readAgreements } from "./agreementsSheet";
import { WorkbookBackend } from "./backend";
import { WorkbookError } from "./cells";
import { ARRANGEMENT_SOURCES, readArrangements } from "./arrangements";
import { CONTRACT, CellBlock, ContractKind, readInvoices, readNetAssets, requireValidSchedule } from "./contract";
import { accrualLines, accrualsSheetName, keptTextFrom, reconSheetName, reconSheets } from "./reconSheets";
import { readSettings } from "./settingsSheet";

const EXCEL_MAX_ROWS = 1_048_576;

export async function requireBlock(backend: WorkbookBackend, kind: ContractKind): Promise<CellBlock> {
  const block = await backend.readBlock(kind);
  if (!block) throw new WorkbookError({ file: backend.label }, `has no table "${CONTRACT[kind].table}" and no sheet "${CONTRACT[kind].sheet}"`);
  return block;
}

/** The workbook's Fee Settings, or none when it has no Fee Settings table or sheet. */
export async function workbookSettings(backend: WorkbookBackend): Promise<FeeSettings> {
  const block = await backend.readBlock("settings");
  return block ? readSettings(block, await backend.dateSystem()) : {};
}

/** The workbook's Agreements rows, or none when it has no Agreements table or sheet. */
export async function workbookAgreements(backend: WorkbookBackend): Promise<Agreement[]> {
  const block = await backend.readBlock("agreements");
  return block ? readAgreements(block, await backend.dateSystem()) : [];
}

export interface MonthEndResult {
  report: ReconReport;
  /** The workbook's own Fee Settings (before the overrides), for showing where each setting came from. */
  workbookSettings: FeeSettings;
  /** Where each portfolio's days are in the Accruals sheet (1-based worksheet rows), for "show me". */
  accrualRows: Map<string, { sheet: string; first: number; last: number }>;
}

/**
 * The month-end run, for the command line and the task pane alike: reads the
 * workbook contract, reconciles, and (when `write`) replaces the month's Recon
 * and Accruals sheets, keeping Note and sign-off text typed into an earlier run.
 * Settings: `tolerance` and `overrides` (flags, pane fields) first, then the
 * workbook's Fee Settings, then the defaults. Portfolios accrue only inside
 * their service period in the Agreements table.
 */
export async function runMonthEnd(backend: WorkbookBackend, month: Month, tolerance?: Dec, write = true, overrides: FeeSettings = {}): Promise<MonthEndResult> {
  const system = await backend.dateSystem();
  const own = await workbookSettings(backend);
  const settings = resolveSettings({ ...overrides, ...(tolerance ? { tolerance } : {}) }, own);
  const schedule = requireValidSchedule(await requireBlock(backend, "schedule"), system);
  const netAssets = readNetAssets(await requireBlock(backend, "netAssets"), system);
  const invoices = readInvoices(await requireBlock(backend, "invoices"), system);
  const agreements = await workbookAgreements(backend);
  if (settings.basis === "30/360") throw new WorkbookError({ file: backend.label, sheet: CONTRACT.settings.sheet, column: "Value" }, "Day Count 30/360 has no daily denominator; a month-end accrual uses ACT/ACT, ACT/365 or ACT/360");
  const blocks: Partial<Record<ContractKind, CellBlock | null>> = {};
  for (const kind of ARRANGEMENT_SOURCES) blocks[kind] = await backend.readBlock(kind);
  const arrangements = readArrangements(blocks, system);
  const report = reconcile({ schedule, netAssets, invoices, month, tolerance: settings.tolerance, basis: settings.basis, rounding: settings.rounding, navTiming: settings.navTiming, agreements, arrangements });
  if (write) {
    const kept = keptTextFrom(await backend.readSheetValues(reconSheetName(formatMonth(month))));
    const sheets = reconSheets(report, kept, system);
    // Refused before anything is written: a sheet holds 1,048,576 rows at most.
    for (const s of sheets) if (s.rows.length > EXCEL_MAX_ROWS) throw new WorkbookError({ file: backend.label, sheet: s.name }, `would need ${s.rows.length.toLocaleString("en-US")} rows; a sheet holds at most ${EXCEL_MAX_ROWS.toLocaleString("en-US")} (reconcile fewer portfolios per workbook)`);
    await backend.writeSheets(sheets);
  }
  const accrualRows = new Map<string, { sheet: string; first: number; last: number }>();
  let next = 2;
  for (const r of report.rows) {
    const n = accrualLines(r).length;
    if (n) accrualRows.set(r.portfolio, { sheet: accrualsSheetName(formatMonth(month)), first: next, last: next + n - 1 });
    next += n;
  }
  return { report, workbookSettings: own, accrualRows };
}
