import { Agreement, CalendarRow, DUE_SOON_DAYS, DateSystem, DayNumber, agreementCalendar, formatIso, portfolioKey, resolveSettings, toExcelSerial } from "../engine";
import { WorkbookBackend } from "./backend";
import { WorkbookError } from "./cells";
import { CONTRACT, readSchedule } from "./contract";
import { workbookAgreements, workbookSettings } from "./monthEnd";
import { OutCell, SheetModel } from "./reconSheets";

export const CALENDAR_SHEET = "Agreement Calendar";
export const CALENDAR_COLUMNS = ["Portfolio", "Commenced", "Terminated", "Initial Term Ends", "Last Approval", "Next Approval Due", "Days to Due", "Status"] as const;

export interface CalendarResult {
  asOf: DayNumber;
  rows: CalendarRow[];
}

/**
 * The agreement calendar of a workbook (§9), for the command line and the
 * pane: one row per portfolio of the Agreements table, then each Fee Schedule
 * portfolio it does not list (no dates known). Initial Term Ends comes from
 * the Fee Settings, else 2005-12-31. When `write`, adds or replaces the
 * Agreement Calendar sheet.
 */
export async function runCalendar(backend: WorkbookBackend, asOf: DayNumber, write = false): Promise<CalendarResult> {
  const system = await backend.dateSystem();
  const settings = resolveSettings(await workbookSettings(backend));
  const agreements = await workbookAgreements(backend);
  const scheduleBlock = await backend.readBlock("schedule");
  const agreementsBlock = await backend.readBlock("agreements");
  if (!agreementsBlock && !scheduleBlock) {
    throw new WorkbookError({ file: backend.label }, `has no table "${CONTRACT.agreements.table}" or sheet "${CONTRACT.agreements.sheet}", and no fee schedule to list portfolios from`);
  }
  const listed = new Set(agreements.map((a) => portfolioKey(a.portfolio)));
  const all: Agreement[] = [...agreements];
  if (scheduleBlock) {
    for (const p of readSchedule(scheduleBlock, system).schedule.portfolios) {
      if (!listed.has(portfolioKey(p.portfolio))) all.push({ portfolio: p.portfolio, commenced: null, terminated: null, lastApproval: null });
    }
  }
  const rows = agreementCalendar(all, settings.initialTermEnds, asOf);
  if (write) await backend.writeSheets([calendarSheet({ asOf, rows }, system)]);
  return { asOf, rows };
}

const DATE = "yyyy-mm-dd";

/**
 * The Agreement Calendar sheet: Next Approval Due, Days to Due and Status are
 * native formulas (written with their values) over the dates and the As of
 * cell, so changing a Last Approval or the As of date recalculates in Excel.
 */
export function calendarSheet(result: CalendarResult, system: DateSystem = 1900): SheetModel {
  const n = result.rows.length;
  const asOfRow = n + 3;
  const asOf = `$B$${asOfRow}`;
  const date = (d: DayNumber | null): OutCell => (d === null ? { value: null } : { value: toExcelSerial(d, system), numFmt: DATE });
  const rows: OutCell[][] = [CALENDAR_COLUMNS.map((c) => ({ value: c, bold: true }))];
  result.rows.forEach((r, i) => {
    const x = i + 2;
    rows.push([
      { value: r.portfolio },
      date(r.commenced),
      date(r.terminated),
      date(r.initialTermEnds),
      date(r.lastApproval),
      { formula: `IF(E${x}="",D${x},EDATE(E${x},12))`, value: toExcelSerial(r.nextApprovalDue, system), numFmt: DATE },
      { formula: `F${x}-${asOf}`, value: r.daysToDue, numFmt: "0" },
      {
        formula: `IF(AND(C${x}<>"",C${x}<${asOf}),"TERMINATED",IF(AND(C${x}<>"",C${x}<=F${x}),"CURRENT",IF(G${x}<0,"OVERDUE",IF(G${x}<=${DUE_SOON_DAYS},"DUE_SOON","CURRENT"))))`,
        value: r.status,
      },
    ]);
  });
  rows.push([]);
  rows.push([{ value: "As of", bold: true }, { value: toExcelSerial(result.asOf, system), numFmt: DATE }]);
  rows.push([
    { value: "Rule", bold: true },
    {
      value: `§9: continuance approved at least annually after the initial term. Next Approval Due is the initial term's end until a continuance is approved, then a year after the last approval; DUE_SOON within ${DUE_SOON_DAYS} days.`,
    },
  ]);
  return { name: CALENDAR_SHEET, rows, widths: [40, 12, 12, 16, 14, 18, 11, 12], frozenRows: 1 };
}

/** The calendar JSON of design section 6. */
export function calendarJson(r: CalendarResult) {
  const iso = (d: DayNumber | null) => (d === null ? null : formatIso(d));
  return {
    asOf: formatIso(r.asOf),
    rows: r.rows.map((x) => ({
      portfolio: x.portfolio,
      commenced: iso(x.commenced),
      terminated: iso(x.terminated),
      initialTermEnds: iso(x.initialTermEnds),
      lastApproval: iso(x.lastApproval),
      nextApprovalDue: iso(x.nextApprovalDue),
      daysToDue: x.daysToDue,
      status: x.status,
    })),
  };
}
