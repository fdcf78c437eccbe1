import { Month, daysInMonth, portfolioKey } from "../../../../engine";
import { locateColumns } from "../../../../workbook/contract";
import { MonthEndInputs } from "../../../../workbook/monthEnd";

/** The days to accrue, for the progress line: the schedule's portfolios × the month's days. */
export function portfolioDays(inputs: MonthEndInputs, month: Month): number {
  const [col] = locateColumns(inputs.schedule, ["Portfolio"]);
  const portfolios = new Set(inputs.schedule.rows.map((r) => portfolioKey(String(r[col] ?? ""))).filter(Boolean)).size;
  return portfolios * daysInMonth(month.y, month.m);
}
