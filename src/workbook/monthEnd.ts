import { Agreement, DateSystem, Dec, FeeSettings, Month, NAV_TIMINGS, ReconReport, formatMonth, monthEnd, monthStart, reconcile, resolveSettings } from "../engine";
import { readAgreements } from "./agreementsSheet";
import { WorkbookBackend } from "./backend";
import { WorkbookError } from "./cells";
import { ColumnBlock } from "./columns";
import { ARRANGEMENT_SOURCES, readArrangements } from "./arrangements";
import { CONTRACT, CellBlock, ContractKind, readInvoices, readNetAssetColumns, requireValidSchedule } from "./contract";
import { OutCell, SheetModel, accrualLineCount, accrualsSheetName, keptTextFrom, reconSheetName, reconSheets } from "./reconSheets";
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

/** What a month-end run reads from the workbook: plain cells, so it can be handed to a Web Worker. */
export interface MonthEndInputs {
  /** The workbook's name, for messages. */
  file: string;
  system: DateSystem;
  schedule: CellBlock;
  /** Read straight into columns where the backend can (the .xlsx file), else a block of cells. */
  netAssets: CellBlock | ColumnBlock;
  invoices: CellBlock;
  /** The optional tables: Fee Settings, Agreements, and the waiver, sub-advisory and group tables (null when absent). */
  optional: Partial<Record<ContractKind, CellBlock | null>>;
  /** The month's earlier Recon sheet, for the Note and sign-off text typed into it (null when none). */
  previousRecon: OutCell[][] | null;
}

/** The stages of a run, named for a progress line. */
export type MonthEndStage = "schedule" | "netAssets" | "invoices" | "previous" | "accruing" | "writing";

const OPTIONAL: ContractKind[] = ["settings", "agreements", ...ARRANGEMENT_SOURCES];

/** Reads the workbook contract, the optional tables and the month's earlier Recon sheet. */
export async function readMonthEndInputs(backend: WorkbookBackend, month: Month, onStage?: (s: MonthEndStage) => void | Promise<void>): Promise<MonthEndInputs> {
  const system = await backend.dateSystem();
  await onStage?.("schedule");
  const schedule = await requireBlock(backend, "schedule");
  await onStage?.("netAssets");
  const netAssets = backend.readColumns ? await backend.readColumns("netAssets") : await backend.readBlock("netAssets");
  if (!netAssets) throw new WorkbookError({ file: backend.label }, `has no table "${CONTRACT.netAssets.table}" and no sheet "${CONTRACT.netAssets.sheet}"`);
  await onStage?.("invoices");
  const invoices = await requireBlock(backend, "invoices");
  await onStage?.("previous");
  const optional: MonthEndInputs["optional"] = {};
  for (const kind of OPTIONAL) optional[kind] = await backend.readBlock(kind);
  const previousRecon = await backend.readSheetValues(reconSheetName(formatMonth(month)));
  return { file: backend.label, system, schedule, netAssets, invoices, optional, previousRecon };
}

/**
 * The computation alone (no workbook access): reconciles and builds the two
 * sheets. Runs in the pane's Web Worker, or inline for the command line.
 * Settings: `tolerance` and `overrides` (flags, pane fields) first, then the
 * workbook's Fee Settings, then the defaults. Portfolios accrue only inside
 * their service period in the Agreements table.
 */
export function computeMonthEnd(inputs: MonthEndInputs, month: Month, tolerance?: Dec, overrides: FeeSettings = {}): { report: ReconReport; sheets: SheetModel[]; workbookSettings: FeeSettings } {
  const { system, optional } = inputs;
  const own = optional.settings ? readSettings(optional.settings, system) : {};
  const settings = resolveSettings({ ...overrides, ...(tolerance ? { tolerance } : {}) }, own);
  const schedule = requireValidSchedule(inputs.schedule, system);
  // Every row is checked; only the month's rows (and each portfolio's latest value before them) go to the engine.
  const lag = NAV_TIMINGS[settings.navTiming].lag;
  const netAssets = readNetAssetColumns(inputs.netAssets, system, { from: monthStart(month) - lag, to: monthEnd(month) });
  const invoices = readInvoices(inputs.invoices, system);
  const agreements: Agreement[] = optional.agreements ? readAgreements(optional.agreements, system) : [];
  if (settings.basis === "30/360") throw new WorkbookError({ file: inputs.file, sheet: CONTRACT.settings.sheet, column: "Value" }, "Day Count 30/360 has no daily denominator; a month-end accrual uses ACT/ACT, ACT/365 or ACT/360");
  const arrangements = readArrangements(optional, system);
  const report = reconcile({ schedule, netAssets, invoices, month, tolerance: settings.tolerance, basis: settings.basis, rounding: settings.rounding, navTiming: settings.navTiming, agreements, arrangements });
  const sheets = reconSheets(report, keptTextFrom(inputs.previousRecon), system);
  // Refused before anything is written: a sheet holds 1,048,576 rows at most.
  for (const s of sheets) if (s.rows.length > EXCEL_MAX_ROWS) throw new WorkbookError({ file: inputs.file, sheet: s.name }, `would need ${s.rows.length.toLocaleString("en-US")} rows; a sheet holds at most ${EXCEL_MAX_ROWS.toLocaleString("en-US")} (reconcile fewer portfolios per workbook)`);
  return { report, sheets, workbookSettings: own };
}

/** Where each portfolio's lines are in the Accruals sheet (`counts`: each row's number of lines, when known without reading its days). */
export function accrualRowsOf(report: ReconReport, counts: readonly number[] = report.rows.map(accrualLineCount)): MonthEndResult["accrualRows"] {
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
 * workbook, computes (see computeMonthEnd), and (when `write`) replaces the
 * month's Recon and Accruals sheets, keeping Note and sign-off text typed into
 * an earlier run.
 */
export async function runMonthEnd(backend: WorkbookBackend, month: Month, tolerance?: Dec, write = true, overrides: FeeSettings = {}): Promise<MonthEndResult> {
  const inputs = await readMonthEndInputs(backend, month);
  const { report, sheets, workbookSettings } = computeMonthEnd(inputs, month, tolerance, overrides);
  if (write) await backend.writeSheets(sheets);
  return { report, workbookSettings, accrualRows: accrualRowsOf(report) };
}
