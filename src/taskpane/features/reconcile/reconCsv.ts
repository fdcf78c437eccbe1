import { Dec, ReconReport, formatMonth } from "../../../engine";
import { csvField } from "../../components/csvField";
import { STATUS_WORDS } from "./statusWords";
import { differenceOf, expectedOf } from "./sortRows";
import { totalsOf } from "./totals";

const amount = (x: Dec | null) => (x === null ? "" : x.toFixed(2));

/** The reconciliation as CSV: one line per portfolio (amounts exact to the cent, empty where none), then the totals that tie. */
export function reconCsv(report: ReconReport): string {
  const lines = [["Month", "Portfolio", "Status", "Days", "Average Daily Net Assets", "Annual Rate", "Expected Fee", "Billed Fee", "Difference"].join(",")];
  const month = formatMonth(report.month);
  for (const r of report.rows) {
    lines.push(
      [
        month,
        csvField(r.portfolio, true),
        STATUS_WORDS[r.status],
        String(r.days),
        amount(r.averageDailyNetAssets),
        r.annualRate === null ? "" : r.annualRate.toString(),
        amount(expectedOf(r)),
        amount(r.billedFee),
        amount(differenceOf(r)),
      ].join(","),
    );
  }
  const t = totalsOf(report.rows);
  lines.push([month, "Total", "", "", "", "", amount(t.expected), amount(t.billed), ""].join(","));
  lines.push([month, csvField(`Compared (${t.compared.count} rows with both expected and billed)`, false), "", "", "", "", amount(t.compared.expected), amount(t.compared.billed), amount(t.compared.difference)].join(","));
  return `${lines.join("\r\n")}\r\n`;
}
