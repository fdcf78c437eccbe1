import * as React from "react";
import { Button, Field, Input, ProgressBar, Switch } from "@fluentui/react-components";
import { NAV_TIMINGS, ROUNDINGS, ReconReport, ReconRow, formatMonth, monthStart, toYmd } from "../../../engine";
import { WorkbookBackend } from "../../../workbook/backend";
import { MonthEndStage } from "../../../workbook/monthEnd";
import { Note, Problem } from "../../components/ErrorText";
import { download } from "../../components/download";
import { formatCount, formatMoney } from "../../components/format";
import { TableChecklist, useContractTables } from "../../components/TableChecklist";
import { usePendingEdits, useSavedSuffix } from "../../components/unsavedEdits";
import { useNarrow } from "../../components/useNarrow";
import { breakdownTotals, hasArrangements } from "./breakdown";
import { reconCsv } from "./reconCsv";
import { ResultList, ResultTable } from "./ResultRows";
import { RunPrompt } from "./RunPrompt";
import { Sort, needsAttention, sortRows } from "./sortRows";
import { totalsOf } from "./totals";
import { useMonthEnd } from "./useMonthEnd";
import { Progress } from "./worker/runOffThread";

const STAGE_WORDS: Record<MonthEndStage, string> = {
  schedule: "Reading the fee schedule",
  netAssets: "Reading net assets",
  invoices: "Reading invoices",
  previous: "Reading the month's earlier Recon sheet",
  accruing: "Accruing",
  writing: "Writing sheets",
};

function stageText(p: Progress | null): string {
  if (!p) return "Starting…";
  if (p.stage === "accruing") return p.days !== undefined ? `Accruing ${formatCount(p.days)} days…` : "Accruing…";
  return `${STAGE_WORDS[p.stage]}…`;
}

const monthTitle = (report: ReconReport) => {
  const { y, m } = toYmd(monthStart(report.month));
  return new Intl.DateTimeFormat("en-US", { month: "long", year: "numeric", timeZone: "UTC" }).format(new Date(Date.UTC(y, m - 1, 1)));
};

/** The conventions the result was computed under, read from the result itself, in the engine's own words. */
function conventions(report: ReconReport): string {
  const rounding = ROUNDINGS[report.rounding];
  const timing = NAV_TIMINGS[report.navTiming];
  return `Basis ${report.basis}; rounding ${report.rounding} (${rounding.name.toLowerCase()}); net-asset timing ${report.navTiming} (${timing.name.toLowerCase()}: ${timing.description.replace(/ The default\.$/, "")}); tolerance ${formatMoney(report.tolerance)}.`;
}

/**
 * Month end. `revision` counts writes to the workbook by the other tabs (and the checklist's tables: `onWritten`);
 * a run's own Recon and Accruals sheets change nothing the other tabs read, so they are reported apart
 * (`onOutputWritten`) and make no one re-read the workbook.
 */
export function ReconcileView({ backend, initialMonth, revision = 0, onWritten, onOutputWritten }: { backend: WorkbookBackend; initialMonth: string; revision?: number; onWritten?: () => void; onOutputWritten?: () => void }) {
  // The revision the shown result was computed on: writes by others since (a schedule saved, a table added) make it stale.
  const [resultRevision, setResultRevision] = React.useState<number | null>(null);
  const revisionNow = React.useRef(revision);
  revisionNow.current = revision;
  const outputWritten = React.useCallback(() => {
    setResultRevision(revisionNow.current);
    onOutputWritten?.();
  }, [onOutputWritten]);
  const me = useMonthEnd(backend, initialMonth, outputWritten);
  const pending = usePendingEdits();
  const tables = useContractTables(backend, revision);
  const savedSuffix = useSavedSuffix();
  const narrow = useNarrow();
  const [prompt, setPrompt] = React.useState(false);
  const [sort, setSort] = React.useState<Sort | null>(null);
  const [attentionOnly, setAttentionOnly] = React.useState(false);
  const [open, setOpen] = React.useState<string | null>(null);
  const resultHeading = React.useRef<HTMLHeadingElement>(null);
  const runButton = React.useRef<HTMLButtonElement>(null);
  const running = me.run.state === "running";

  const begin = () => {
    setOpen(null);
    void me.start();
  };
  const onRun = () => (pending.length ? setPrompt(true) : begin());

  // Focus goes to the result when a run finishes; while busy it stays on the (disabled but focusable) Run button.
  const status = me.run.state;
  React.useEffect(() => {
    if (status === "done") resultHeading.current?.focus();
    else if (status === "failed" || status === "cancelled") runButton.current?.focus();
  }, [status]);

  const last = me.last;
  const report = last?.result.report ?? null;
  const rows = React.useMemo(() => (report ? sortRows(attentionOnly ? report.rows.filter(needsAttention) : report.rows, sort) : []), [report, attentionOnly, sort]);
  const totals = React.useMemo(() => (report ? totalsOf(report.rows) : null), [report]);
  const breakdown = React.useMemo(() => (report && hasArrangements(report.rows) ? breakdownTotals(report.rows) : null), [report]);
  const attention = report ? report.rows.filter(needsAttention).length : 0;
  const stale: string[] = [];
  if (last) {
    if (me.month !== last.month || me.tolerance.trim() !== last.tolerance) stale.push(`This result is for ${last.month} at tolerance ${last.tolerance || "as set in the workbook"}; run again for ${me.month} at ${me.tolerance.trim() || "the workbook's tolerance"}.`);
    if (resultRevision !== null && revision !== resultRevision) stale.push("The workbook changed since this run; run again to include the change.");
  }
  const showInWorkbook = backend.showRows
    ? (row: ReconRow) => {
        const where = last?.result.accrualRows.get(row.portfolio);
        if (where) void backend.showRows!(where.sheet, where.first, where.last);
      }
    : undefined;

  return (
    <div className="stack">
      <div className="row">
        <Field label="Month" validationState={me.monthError ? "error" : undefined} validationMessage={me.monthError}>
          <Input type="month" value={me.month} onChange={(_, d) => me.setMonth(d.value)} />
        </Field>
        <Field label="Tolerance" hint="Blank: the workbook's setting, else 0.01" validationState={me.toleranceError ? "error" : undefined} validationMessage={me.toleranceError}>
          <Input inputMode="decimal" value={me.tolerance} placeholder="workbook's" onChange={(_, d) => me.setTolerance(d.value)} />
        </Field>
      </div>
      {tables.found && tables.missing.length > 0 && <TableChecklist backend={backend} found={tables.found} onAdded={() => onWritten?.()} />}
      <div className="row">
        <Button ref={runButton} appearance="primary" disabledFocusable={running || Boolean(me.monthError || me.toleranceError)} onClick={onRun}>
          Run month-end reconciliation
        </Button>
        {running && (
          <Button disabledFocusable={me.run.state === "running" && me.run.progress?.cancellable === false} onClick={me.cancel}>
            Cancel
          </Button>
        )}
      </div>
      <div role="status" aria-live="polite" className="progress">
        {me.run.state === "running" && (
          <>
            <span>{stageText(me.run.progress)}</span>
            <ProgressBar thickness="large" aria-label="Month-end progress" />
          </>
        )}
      </div>
      {prompt && (
        <RunPrompt
          pending={pending}
          onCancel={() => setPrompt(false)}
          onRunSaved={() => {
            setPrompt(false);
            begin();
          }}
          onSaveAndRun={async () => {
            setPrompt(false);
            for (const p of pending) if (!(await p.save())) return;
            begin();
          }}
        />
      )}
      {me.run.state === "failed" && (
        <Problem title="The reconciliation did not run">
          {me.run.message}
          {tables.missing.length > 0 ? " Add the missing tables above, fill them in, then run again." : ""}
        </Problem>
      )}
      {me.run.state === "cancelled" && <Note intent="info">The month-end run was cancelled; the workbook was not changed.</Note>}
      {report && totals && last && (
        <section aria-labelledby="result-title" className="stack">
          <h2 id="result-title" ref={resultHeading} tabIndex={-1} className="result-title">
            Reconciliation {monthTitle(report)}
          </h2>
          {stale.map((s) => (
            <Note key={s} intent="warning">
              {s}
            </Note>
          ))}
          <Note intent={attention ? "warning" : "success"}>
            {formatMonth(report.month)}: {attention ? `${attention} of ${report.rows.length} portfolios need attention.` : `all ${report.rows.length} portfolios agree.`} Wrote “Recon {formatMonth(report.month)}” and “Accruals {formatMonth(report.month)}” to {backend.label}.{savedSuffix}
          </Note>
          <p className="caption conventions">{conventions(report)}</p>
          <div className="row">
            <Switch checked={attentionOnly} onChange={(_, d) => setAttentionOnly(d.checked)} label={`Needs attention only (${attention})`} />
            <Button onClick={() => download(reconCsv(report), `reconciliation-${formatMonth(report.month)}.csv`, "text/csv")}>Export CSV</Button>
          </div>
          {narrow ? (
            <ResultList rows={rows} totals={totals} label={`Reconciliation ${formatMonth(report.month)}`} sort={sort} onSort={setSort} open={open} onOpen={setOpen} onShowInWorkbook={showInWorkbook} rounding={report.rounding} breakdown={breakdown} />
          ) : (
            <ResultTable rows={rows} totals={totals} label={`Reconciliation ${formatMonth(report.month)}`} sort={sort} onSort={setSort} open={open} onOpen={setOpen} onShowInWorkbook={showInWorkbook} rounding={report.rounding} breakdown={breakdown} />
          )}
          <p className="caption">
            Total difference = total billed − total expected over the {totals.compared.count} portfolio{totals.compared.count === 1 ? "" : "s"} that have both ({formatMoney(totals.compared.billed)} − {formatMoney(totals.compared.expected)} = {formatMoney(totals.compared.difference)}). Portfolios not billed, not in the
            schedule or without net assets have no difference.
          </p>
        </section>
      )}
    </div>
  );
}
