import * as React from "react";
import { Button, Field, Input, Spinner, Subtitle1 } from "@fluentui/react-components";
import { formatIso, parseIsoDate } from "../../../engine";
import { WorkbookBackend, fingerprint } from "../../../workbook/backend";
import { readSchedule } from "../../../workbook/contract";
import { Note, Problem, messageOf } from "../../components/ErrorText";
import { download } from "../../components/download";
import { FilePicker } from "../../components/FilePicker";
import { formatDay, formatRate } from "../../components/format";
import { exportCsv, importCsv } from "./csv";
import { Draft, checkDraft, draftFromSchedule, inForce, scheduleADraft } from "./draft";
import { Edit, applyEdit } from "./edits";
import { ScheduleEditor } from "./ScheduleEditor";

type Loaded = { state: "loading" } | { state: "none"; base: string } | { state: "ready"; base: string; saved: Draft } | { state: "error"; message: string };

const storageKey = (label: string) => `fee-schedule-draft:${label}`;

/** Rows of a draft as comparable lines, for showing what differs. */
function lines(d: Draft): string[] {
  return checkDraft(d).rows.map((r) => `${r.portfolio} | from ${formatIso(r.effectiveFrom)} | above ${r.breakpoint.toString()} | ${r.rate.times(100).toString()}%`);
}

export function ScheduleFeature({ backend }: { backend: WorkbookBackend }) {
  const [loaded, setLoaded] = React.useState<Loaded>({ state: "loading" });
  const [draft, setDraft] = React.useState<Draft | null>(null);
  const [busy, setBusy] = React.useState(false);
  const [notice, setNotice] = React.useState<string | null>(null);
  const [failure, setFailure] = React.useState<string | null>(null);
  const [conflict, setConflict] = React.useState<{ theirs: Draft; base: string; onlyTheirs: string[]; onlyMine: string[] } | null>(null);
  const [csvErrors, setCsvErrors] = React.useState<string[]>([]);
  const [asOf, setAsOf] = React.useState("");
  // The workbook's schedule as it was when the edits in `draft` began: saving checks the workbook still holds it.
  const [draftBase, setDraftBase] = React.useState<string | null>(null);

  const load = React.useCallback(async () => {
    setLoaded({ state: "loading" });
    try {
      const block = await backend.readBlock("schedule");
      const base = fingerprint(block);
      if (!block) {
        setLoaded({ state: "none", base });
        setDraft(null);
        return;
      }
      const saved = draftFromSchedule(readSchedule(block, await backend.dateSystem()).schedule);
      setLoaded({ state: "ready", base, saved });
      // Unsaved edits made on this workbook earlier in the session come back.
      const kept = sessionStorage.getItem(storageKey(backend.label));
      const restored = kept ? (JSON.parse(kept) as { base: string; draft: Draft }) : null;
      if (restored) setNotice("Your unsaved edits from earlier in this session are back. Save them, or reload to discard them.");
      setDraft(restored ? restored.draft : saved);
      setDraftBase(restored ? restored.base : base);
    } catch (e) {
      setLoaded({ state: "error", message: messageOf(e) });
    }
  }, [backend]);

  React.useEffect(() => {
    void load();
  }, [load]);

  const edit = (e: Edit) => {
    setDraft((d) => {
      const next = applyEdit(d ?? { portfolios: [] }, e);
      // Keep unsaved edits for the session; edits that undo themselves leave nothing to restore.
      if (loaded.state === "ready" && JSON.stringify(next) === JSON.stringify(loaded.saved)) sessionStorage.removeItem(storageKey(backend.label));
      else if (loaded.state === "ready" || loaded.state === "none") sessionStorage.setItem(storageKey(backend.label), JSON.stringify({ base: draftBase ?? loaded.base, draft: next }));
      return next;
    });
  };

  const check = React.useMemo(() => (draft ? checkDraft(draft) : { rows: [], issues: [] }), [draft]);
  const dirty = draft !== null && loaded.state === "ready" && JSON.stringify(draft) !== JSON.stringify(loaded.saved);

  const write = async (d: Draft, expectedBase: string | null) => {
    setBusy(true);
    setFailure(null);
    try {
      if (expectedBase !== null) {
        const now = await backend.readBlock("schedule");
        if (fingerprint(now) !== expectedBase) {
          const theirs = now ? draftFromSchedule(readSchedule(now, await backend.dateSystem()).schedule) : { portfolios: [] };
          const mine = new Set(lines(d));
          const other = new Set(lines(theirs));
          setConflict({ theirs, base: fingerprint(now), onlyTheirs: [...other].filter((l) => !mine.has(l)), onlyMine: [...mine].filter((l) => !other.has(l)) });
          return;
        }
      }
      await backend.writeSchedule(checkDraft(d).rows);
      sessionStorage.removeItem(storageKey(backend.label));
      setConflict(null);
      setNotice(`Saved ${checkDraft(d).rows.length} schedule rows to ${backend.label}.`);
      await load();
    } catch (e) {
      setFailure(messageOf(e));
    } finally {
      setBusy(false);
    }
  };

  if (loaded.state === "loading") return <Spinner label="Reading the fee schedule…" />;
  if (loaded.state === "error") return <Problem title="The fee schedule could not be read">{loaded.message}</Problem>;
  if (loaded.state === "none")
    return (
      <div className="stack">
        <Note>This workbook has no fee schedule yet (no table FeeSchedule and no sheet “Fee Schedule”).</Note>
        <Button appearance="primary" disabled={busy} onClick={() => void write(scheduleADraft(), loaded.base)}>
          Load Schedule A
        </Button>
        <Caption>
          Schedule A of the 2004 management agreement as amended: the five MetLife Strategy portfolios at 0.10% from 2004-11-01, with breakpoints at $500 million and $1 billion from
          Amendment No. 1 (2005-04-30); four portfolios added by Amendment No. 2 (2008-04-28) and given breakpoints by Amendment No. 3 (2009-11-12).
        </Caption>
        {failure && <Problem title="Not saved">{failure}</Problem>}
      </div>
    );
  if (!draft) return null;

  let asOfDay: number | null = null;
  try {
    asOfDay = asOf ? parseIsoDate(asOf) : null;
  } catch {
    asOfDay = null;
  }
  const view = asOfDay !== null ? inForce(draft, asOfDay) : null;

  return (
    <div className="stack">
      {notice && <Note intent="success">{notice}</Note>}
      {failure && <Problem title="Not saved">{failure}</Problem>}
      {conflict && (
        <Problem title="The fee schedule changed in the workbook since you opened it">
          <p>Saving now would overwrite those changes. What differs:</p>
          <ul aria-label="Differences">
            {conflict.onlyTheirs.map((l) => (
              <li key={`t${l}`}>In the workbook, not in your edits: {l}</li>
            ))}
            {conflict.onlyMine.map((l) => (
              <li key={`m${l}`}>In your edits, not in the workbook: {l}</li>
            ))}
          </ul>
          <div className="row">
            <Button appearance="primary" onClick={() => void write(draft, conflict.base)}>
              Overwrite with my edits
            </Button>
            <Button
              onClick={() => {
                sessionStorage.removeItem(storageKey(backend.label));
                setConflict(null);
                setNotice("Loaded the workbook's schedule; your edits were discarded.");
                void load();
              }}
            >
              Keep the workbook’s version
            </Button>
          </div>
        </Problem>
      )}
      {check.issues.length > 0 && (
        <Problem title={`${check.issues.length} problem${check.issues.length > 1 ? "s" : ""} to fix before saving`}>
          <ul aria-label="Problems">
            {check.issues.map((i, k) => (
              <li key={k}>{i.message}</li>
            ))}
          </ul>
        </Problem>
      )}
      <div className="row toolbar">
        <Button appearance="primary" disabled={busy || check.issues.length > 0 || !dirty} onClick={() => void write(draft, draftBase ?? loaded.base)}>
          Save schedule
        </Button>
        <Button disabled={busy || !dirty} onClick={() => edit({ kind: "replace", draft: loaded.saved })}>
          Discard edits
        </Button>
        <Button disabled={check.issues.length > 0} onClick={() => download(exportCsv(draft), "fee-schedule.csv", "text/csv")}>
          Export CSV
        </Button>
        <FilePicker
          label="Import CSV"
          accept=".csv,text/csv"
          onFile={async (f) => {
            const r = importCsv(await f.text());
            setCsvErrors(r.errors);
            if (r.draft) {
              edit({ kind: "replace", draft: r.draft });
              setNotice(`Imported ${lines(r.draft).length} rows from ${f.name}. Review, then save.`);
            }
          }}
        />
      </div>
      {csvErrors.length > 0 && (
        <Problem title="The CSV was not imported; nothing changed">
          <ul aria-label="CSV problems">
            {csvErrors.map((e, k) => (
              <li key={k}>{e}</li>
            ))}
          </ul>
        </Problem>
      )}
      <ScheduleEditor draft={draft} issues={check.issues} onEdit={edit} />
      <Subtitle1 as="h2">Schedule in force on a date</Subtitle1>
      <Field label="As of">
        <Input type="date" value={asOf} onChange={(_, d) => setAsOf(d.value)} />
      </Field>
      {asOfDay !== null && view === null && <Note intent="warning">Fix the problems above to see the schedule in force.</Note>}
      {view && (
        <table className="grid" aria-label="Schedule in force">
          <thead>
            <tr>
              <th>Portfolio</th>
              <th>Effective from</th>
              <th>Above</th>
              <th>Annual rate</th>
            </tr>
          </thead>
          <tbody>
            {view.flatMap(({ portfolio, version }) =>
              version.tiers.map((t, i) => (
                <tr key={`${portfolio}${i}`}>
                  <td>{i === 0 ? portfolio : ""}</td>
                  <td>{i === 0 ? formatDay(version.effectiveFrom) : ""}</td>
                  <td className="num">{new Intl.NumberFormat(navigator.language).format(t.breakpoint.toNumber())}</td>
                  <td className="num">{formatRate(t.rate)}</td>
                </tr>
              )),
            )}
          </tbody>
        </table>
      )}
    </div>
  );
}

function Caption({ children }: { children: React.ReactNode }) {
  return <p className="caption">{children}</p>;
}

