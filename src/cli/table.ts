import { AccrualResult, Dec, ReconReport, formatIso, formatMonth } from "../engine";
import { CalendarResult } from "../workbook/calendarSheet";

/** Exact decimal text with thousands separators: 1234567.5 -> "1,234,567.50". */
function fmt(x: Dec | null, places = 2): string {
  if (x === null) return "";
  const [int, frac] = x.toFixed(places).split(".");
  const sign = int.startsWith("-") ? "-" : "";
  const digits = sign ? int.slice(1) : int;
  return `${sign}${digits.replace(/\B(?=(\d{3})+(?!\d))/g, ",")}${frac ? `.${frac}` : ""}`;
}

function render(head: string[], rows: string[][], rightAligned: boolean[]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (rightAligned[i] ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join("  ").trimEnd();
  return [line(head), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join("\n");
}

/** A readable reconciliation for a terminal. */
export function formatReconTable(r: ReconReport, out?: string): string {
  const head = ["Portfolio", "Days", "Avg daily net assets", "Expected fee", "Billed fee", "Difference", "Status"];
  const rows = r.rows.map((x) => [x.portfolio, String(x.days), fmt(x.averageDailyNetAssets), fmt(x.expectedFee), fmt(x.billedFee), fmt(x.difference), x.status]);
  rows.push(["Total", "", "", fmt(r.totals.expectedFee), fmt(r.totals.billedFee), "", ""]);
  const breaks = r.rows.filter((x) => x.status !== "OK").length;
  return [
    `Month-end reconciliation ${formatMonth(r.month)} (${formatIso(r.periodStart)} to ${formatIso(r.periodEnd)}), ${r.basis}, rounding ${r.rounding}, net assets ${r.navTiming}, tolerance ${fmt(r.tolerance)}`,
    "",
    render(head, rows, [false, true, true, true, true, true, false]),
    "",
    breaks ? `${breaks} of ${r.rows.length} portfolio(s) need attention.` : `All ${r.rows.length} portfolio(s) agree.`,
    out ? `Wrote Recon ${formatMonth(r.month)} and Accruals ${formatMonth(r.month)} to ${out}.` : "",
    "",
  ].join("\n");
}

export function formatAccrueTable(portfolio: string, r: AccrualResult): string {
  return [
    `${portfolio}: ${formatIso(r.start)} to ${formatIso(r.end)}, ${r.basis}, rounding ${r.rounding}, net assets ${r.navTiming}`,
    `  days accrued                 ${r.accruingDays}`,
    `  average daily net assets     ${fmt(r.averageDailyNetAssets)}`,
    `  fee                          ${fmt(r.fee)}`,
    "",
  ].join("\n");
}

/** The agreement calendar for a terminal. */
export function formatCalendarTable(r: CalendarResult, out?: string): string {
  const d = (x: number | null) => (x === null ? "" : formatIso(x));
  const head = ["Portfolio", "Commenced", "Terminated", "Last approval", "Next approval due", "Days", "Status"];
  const rows = r.rows.map((x) => [x.portfolio, d(x.commenced), d(x.terminated), d(x.lastApproval), d(x.nextApprovalDue), String(x.daysToDue), x.status]);
  const attention = r.rows.filter((x) => x.status === "DUE_SOON" || x.status === "OVERDUE").length;
  return [
    `Agreement calendar as of ${formatIso(r.asOf)} (initial term ends ${r.rows.length ? formatIso(r.rows[0].initialTermEnds) : "-"})`,
    "",
    render(head, rows, [false, false, false, false, false, true, false]),
    "",
    attention ? `${attention} of ${r.rows.length} portfolio(s) need a continuance approval soon or are overdue.` : `No approval is due within 60 days.`,
    out ? `Wrote Agreement Calendar to ${out}.` : "",
    "",
  ].join("\n");
}
