import * as React from "react";
import { Button, Field, Input, Spinner } from "@fluentui/react-components";
import { Dec, ReconRow, formatIso, formatMonth, parseMonth } from "../../../engine";
import { WorkbookBackend } from "../../../workbook/backend";
import { MonthEndResult, runMonthEnd } from "../../../workbook/monthEnd";
import { Note, Problem, messageOf } from "../../components/ErrorText";
import { formatDay, formatMoney } from "../../components/format";
import { breaksFirst } from "./sortRows";

const TOLERANCE = /^\d+(\.\d+)?$/;

export function ReconcileView({ backend, initialMonth, onWritten }: { backend: WorkbookBackend; initialMonth: string; onWritten?: () => void }) {
  const [month, setMonth] = React.useState(initialMonth);
  const [tolerance, setTolerance] = React.useState("0.01");
  const [busy, setBusy] = React.useState(false);
  const [result, setResult] = React.useState<MonthEndResult | null>(null);
  const [failure, setFailure] = React.useState<string | null>(null);
  const [shown, setShown] = React.useState<ReconRow | null>(null);

  let monthError: string | undefined;
  try {
    parseMonth(month);
  } catch {
    monthError = "Give a month as YYYY-MM.";
  }
  const tolError = TOLERANCE.test(tolerance.trim()) ? undefined : "Give an amount of 0 or more, e.g. 0.01.";

  const run = async () => {
    setBusy(true);
    setFailure(null);
    setShown(null);
    try {
      setResult(await runMonthEnd(backend, parseMonth(month), new Dec(tolerance.trim())));
      onWritten?.();
    } catch (e) {
      setFailure(messageOf(e));
      setResult(null);
    } finally {
      setBusy(false);
    }
  };

  const show = async (row: ReconRow) => {
    const where = result?.accrualRows.get(row.portfolio);
    if (backend.showRows && where) await backend.showRows(where.sheet, where.first, where.last);
    setShown(row);
  };

  const r = result?.report;
  const attention = r ? r.rows.filter((x) => x.status !== "OK").length : 0;
  return (
    <div className="stack">
      <div className="row">
        <Field label="Month" validationState={monthError ? "error" : undefined} validationMessage={monthError}>
          <Input type="month" value={month} onChange={(_, d) => setMonth(d.value)} />
        </Field>
        <Field label="Tolerance" validationState={tolError ? "error" : undefined} validationMessage={tolError}>
          <Input inputMode="decimal" value={tolerance} onChange={(_, d) => setTolerance(d.value)} />
        </Field>
      </div>
      <Button appearance="primary" disabled={busy || Boolean(monthError || tolError)} onClick={() => void run()}>
        Run month-end reconciliation
      </Button>
      {busy && <Spinner label="Reconciling…" />}
      {failure && <Problem title="The reconciliation did not run">{failure}</Problem>}
      {r && (
        <>
          <Note intent={attention ? "warning" : "success"}>
            {formatMonth(r.month)}: {attention ? `${attention} of ${r.rows.length} portfolios need attention.` : `all ${r.rows.length} portfolios agree.`} Wrote “Recon {formatMonth(r.month)}” and “Accruals {formatMonth(r.month)}” to {backend.label}.
          </Note>
          <table className="grid" aria-label={`Reconciliation ${formatMonth(r.month)}`}>
            <thead>
              <tr>
                <th>Portfolio</th>
                <th>Status</th>
                <th className="num">Expected</th>
                <th className="num">Billed</th>
                <th className="num">Difference</th>
                <th>Accruals</th>
              </tr>
            </thead>
            <tbody>
              {breaksFirst(r.rows).map((row) => (
                <tr key={row.portfolio} className={row.status === "OK" ? "" : "attention"}>
                  <td>{row.portfolio}</td>
                  <td>{row.status}</td>
                  <td className="num">{formatMoney(row.expectedFee)}</td>
                  <td className="num">{formatMoney(row.billedFee)}</td>
                  <td className="num">{formatMoney(row.difference)}</td>
                  <td>
                    {row.accruals.length > 0 && (
                      <Button size="small" onClick={() => void show(row)} aria-label={`Show the daily accruals of ${row.portfolio}`}>
                        Show
                      </Button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      {shown && (
        <table className="grid" aria-label={`Daily accruals of ${shown.portfolio}`}>
          <caption>
            {shown.portfolio}: {shown.days} days, average daily net assets {formatMoney(shown.averageDailyNetAssets)}
          </caption>
          <thead>
            <tr>
              <th>Date</th>
              <th>NAV date</th>
              <th className="num">Net assets</th>
              <th className="num">Annual fee</th>
              <th className="num">Days in year</th>
              <th className="num">Daily accrual</th>
            </tr>
          </thead>
          <tbody>
            {shown.accruals.map((d) => (
              <tr key={d.date} title={formatIso(d.date)}>
                <td>{formatDay(d.date)}</td>
                <td>{formatDay(d.navDate)}</td>
                <td className="num">{formatMoney(d.netAssets)}</td>
                <td className="num">{formatMoney(d.annualFee)}</td>
                <td className="num">{d.daysInYear}</td>
                <td className="num">{formatMoney(d.accrual)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
