import { Dec, ReconReport, formatMonth } from "../../../engine";
import { csvField } from "../../components/csvField";
import { STATUS_WORDS } from "./statusWords";
import { differenceOf, expectedOf } from "./sortRows";
import { totalsOf } from "./totals";
import { breakdownOf, breakdownTotals } from "./breakdown";

const amount = (x: Dec | null) => (x === null ? "" : x.toFixed(2));

/**
 * The reconciliation as CSV: one line per portfolio (amounts exact to the cent, empty where none), then the totals that tie.
 * After Difference: Gross Fee, Waiver (Expected Fee is the fee payable = gross − waiver), Sub-Advisory Fee and Manager's Net
 * (= Expected Fee − Sub-Advisory Fee; both empty where no sub-advisory schedule applies), as the Recon sheet and `--json`.
 */
export function reconCsv(report: ReconReport): string {
  const lines = [["Month", "Portfolio", "Status", "Days", "Average Daily Net Assets", "Annual Rate", "Expected Fee", "Billed Fee", "Difference", "Gross Fee", "Waiver", "Sub-Advisory Fee", "Manager's Net"].join(",")];
  const month = formatMonth(report.month);
  for (const r of report.rows) {
    const b = breakdownOf(r);
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
        amount(b.gross),
        amount(b.waiver),
        amount(b.subAdvisory),
        amount(b.managerNet),
      ].join(","),
    );
  }
  const t = totalsOf(report.rows);
  const f = breakdownTotals(report.rows);
  const sub = f.subAdvised.count ? [amount(f.subAdvised.subAdvisory), amount(f.subAdvised.managerNet)] : ["", ""];
  lines.push([month, "Total", "", "", "", "", amount(t.expected), amount(t.billed), "", amount(f.gross), amount(f.waiver), ...sub].join(","));
  lines.push([month, csvField(`Compared (${t.compared.count} rows with both expected and billed)`, false), "", "", "", "", amount(t.compared.expected), amount(t.compared.billed), amount(t.compared.difference), "", "", "", ""].join(","));
  return `${lines.join("\r\n")}\r\n`;
}
