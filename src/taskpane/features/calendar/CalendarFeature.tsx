import * as React from "react";
import { Button, Field, Input, Spinner } from "@fluentui/react-components";
import { formatIso, parseIsoDate } from "../../../engine";
import { WorkbookBackend } from "../../../workbook/backend";
import { CALENDAR_SHEET, CalendarResult, runCalendar } from "../../../workbook/calendarSheet";
import { Note, Problem, messageOf } from "../../components/ErrorText";
import { formatDay } from "../../components/format";

function today(): string {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, "0")}-${String(now.getDate()).padStart(2, "0")}`;
}

/**
 * The agreement calendar (§9): for each portfolio, when its continuance
 * approval is next due, from the Agreements table and the Initial Term Ends
 * setting. Writes (or replaces) the Agreement Calendar sheet.
 */
export function CalendarFeature({ backend, initialAsOf = today() }: { backend: WorkbookBackend; initialAsOf?: string }) {
  const [asOf, setAsOf] = React.useState(initialAsOf);
  const [busy, setBusy] = React.useState(false);
  const [result, setResult] = React.useState<CalendarResult | null>(null);
  const [failure, setFailure] = React.useState<string | null>(null);

  let asOfError: string | undefined;
  try {
    parseIsoDate(asOf);
  } catch {
    asOfError = "Give a date as YYYY-MM-DD.";
  }

  const run = async () => {
    setBusy(true);
    setFailure(null);
    try {
      setResult(await runCalendar(backend, parseIsoDate(asOf), true));
    } catch (e) {
      setFailure(messageOf(e));
      setResult(null);
    } finally {
      setBusy(false);
    }
  };

  const attention = result ? result.rows.filter((r) => r.status === "DUE_SOON" || r.status === "OVERDUE").length : 0;
  return (
    <div className="stack">
      <p className="caption">
        §9: after the initial term the agreement continues only if its continuance is approved at least annually. Dates come from the Agreements table (Commenced, Terminated, Last Approval) and the Initial
        Term Ends setting.
      </p>
      <div className="row">
        <Field label="As of" validationState={asOfError ? "error" : undefined} validationMessage={asOfError}>
          <Input type="date" value={asOf} onChange={(_, d) => setAsOf(d.value)} />
        </Field>
        {/* disabledFocusable: while busy, focus stays on the button (a disabled button would drop it to the page). */}
        <Button appearance="primary" disabledFocusable={busy || Boolean(asOfError)} onClick={() => void run()}>
          Update the Agreement Calendar
        </Button>
      </div>
      {busy && <Spinner label="Reading the agreements…" />}
      {failure && <Problem title="The calendar was not written">{failure}</Problem>}
      {result && (
        <>
          <Note intent={attention ? "warning" : "success"}>
            As of {formatIso(result.asOf)}: {attention ? `${attention} of ${result.rows.length} portfolios need a continuance approval within 60 days or are overdue.` : "no approval is due within 60 days."} Wrote “
            {CALENDAR_SHEET}” to {backend.label}.
          </Note>
          <table className="grid" aria-label={`Agreement calendar as of ${formatIso(result.asOf)}`}>
            <thead>
              <tr>
                <th>Portfolio</th>
                <th>Next approval due</th>
                <th className="num">Days</th>
                <th>Status</th>
              </tr>
            </thead>
            <tbody>
              {result.rows.map((r) => (
                <tr key={r.portfolio} className={r.status === "DUE_SOON" || r.status === "OVERDUE" ? "attention" : ""}>
                  <td>{r.portfolio}</td>
                  <td title={formatIso(r.nextApprovalDue)}>{formatDay(r.nextApprovalDue)}</td>
                  <td className="num">{r.daysToDue}</td>
                  <td>{r.status}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </div>
  );
}
