import * as React from "react";
import { Button, Spinner, Tab, TabList } from "@fluentui/react-components";
import { WorkbookBackend } from "../../../workbook/backend";
import { Note, Problem } from "../../components/ErrorText";
import { download } from "../../components/download";
import { FilePicker } from "../../components/FilePicker";
import { TableChecklist, useContractTables } from "../../components/TableChecklist";
import { useRegisterUnsavedEdits, useSavedSuffix } from "../../components/unsavedEdits";
import { AsOfView } from "./AsOfView";
import { ConflictPanel } from "./ConflictPanel";
import { exportCsv } from "./csv";
import { FirstRun } from "./FirstRun";
import { ScheduleEditor } from "./ScheduleEditor";
import { ScheduleDraftState, useScheduleDraft } from "./useScheduleDraft";
import { emptyEntry } from "./arrangementDraft";
import { GroupsEditor } from "./GroupsEditor";
import { TablePanel } from "./TablePanel";
import { GROUPS_MODEL, WAIVERS_MODEL, subAdvisoryModel } from "./tableModel";
import { FEE_WAIVERS_TABLE, SUB_ADVISORY_TABLE } from "./tierTable";
import { useTableDraft } from "./useTableDraft";

type TableId = "schedule" | "waivers" | "subAdvisory" | "groups";
/** The tables edited here; the words avoid "fee schedule" (the pane's own tab is called that). */
const TABLES: { id: TableId; title: string }[] = [
  { id: "schedule", title: "Fees" },
  { id: "waivers", title: "Waivers" },
  { id: "subAdvisory", title: "Sub-advisory" },
  { id: "groups", title: "Groups" },
];

/**
 * The Schedule tab: the fee schedule, the fee waivers, the sub-advisory
 * schedule and the aggregation groups, one at a time, each in the same editor
 * with its own unsaved edits (kept while another is shown), Save and Discard.
 */
export function ScheduleFeature({ backend, revision = 0, onWritten }: { backend: WorkbookBackend; revision?: number; onWritten?: () => void }) {
  const [table, setTable] = React.useState<TableId>("schedule");
  const written = React.useCallback(() => onWritten?.(), [onWritten]);
  const suffix = useSavedSuffix();
  const waivers = useTableDraft(WAIVERS_MODEL, backend, revision, suffix, written);
  const groups = useTableDraft(GROUPS_MODEL, backend, revision, suffix, written);
  // A sub-advisory version's group must be one the groups editor lists (as edited: save both).
  const groupNames = groups.loaded.state === "ready" ? (groups.draft ?? groups.loaded.saved).groups.map((g) => g.name) : null;
  const namesKey = groupNames === null ? null : JSON.stringify(groupNames);
  const subModel = React.useMemo(() => subAdvisoryModel(namesKey === null ? null : (JSON.parse(namesKey) as string[])), [namesKey]);
  const sub = useTableDraft(subModel, backend, revision, suffix, written);
  useRegisterUnsavedEdits("waivers", waivers.dirty ? { label: "fee waivers", canSave: waivers.check.issues.length === 0, save: waivers.save } : null);
  useRegisterUnsavedEdits("subAdvisory", sub.dirty ? { label: "sub-advisory schedule", canSave: sub.check.issues.length === 0, save: sub.save } : null);
  useRegisterUnsavedEdits("groups", groups.dirty ? { label: "aggregation groups", canSave: groups.check.issues.length === 0, save: groups.save } : null);
  // The fee schedule's state lives here too, so its edits survive showing another table.
  const s = useScheduleDraft(backend, revision, suffix, written);
  const tables = useContractTables(backend, revision);
  useRegisterUnsavedEdits("schedule", s.dirty ? { label: "fee schedule", canSave: s.check.issues.length === 0, save: s.save } : null);
  const unsaved: Record<TableId, boolean> = { schedule: s.dirty, waivers: waivers.dirty, subAdvisory: sub.dirty, groups: groups.dirty };

  const start = (t: Pick<typeof waivers, "edit" | "setNotice">, kind: "waivers" | "subAdvisory", what: string) => () => {
    t.edit({ kind: "replace", draft: { portfolios: [emptyEntry(kind)] } });
    t.setNotice({ text: `Started the ${what}. Name the first portfolio and fill in its ${kind === "waivers" ? "waiver period" : "sub-adviser"} and tiers, then save.`, intent: "info", until: "edit" });
  };
  return (
    <>
      <TabList size="small" className="tabs" style={{ flexWrap: "wrap" }} selectedValue={table} onTabSelect={(_, d) => setTable(d.value as TableId)} aria-label="Table to edit">
        {TABLES.map((t) => (
          <Tab key={t.id} id={`table-${t.id}`} value={t.id} aria-controls={`table-panel-${t.id}`}>
            {t.title}
            {unsaved[t.id] && (
              <>
                <span aria-hidden="true"> •</span>
                <span className="sr-only"> (unsaved edits)</span>
              </>
            )}
          </Tab>
        ))}
      </TabList>
      <div id={`table-panel-${table}`} role="tabpanel" aria-labelledby={`table-${table}`}>
        {table === "schedule" ? (
          <FeeSchedulePanel backend={backend} s={s} tables={tables} written={written} />
        ) : table === "waivers" ? (
          <TablePanel model={WAIVERS_MODEL} t={waivers} saveLabel="Save waivers" onStart={start(waivers, "waivers", "fee waivers")}>
            {(draft, issues) => <ScheduleEditor draft={draft} issues={issues} onEdit={waivers.edit} spec={FEE_WAIVERS_TABLE} />}
          </TablePanel>
        ) : table === "subAdvisory" ? (
          <TablePanel model={subModel} t={sub} saveLabel="Save sub-advisory schedule" onStart={start(sub, "subAdvisory", "sub-advisory schedule")}>
            {(draft, issues) => <ScheduleEditor draft={draft} issues={issues} onEdit={sub.edit} spec={SUB_ADVISORY_TABLE} />}
          </TablePanel>
        ) : (
          <TablePanel
            model={GROUPS_MODEL}
            t={groups}
            saveLabel="Save groups"
            onStart={() => {
              groups.edit({ kind: "replace", draft: { groups: [{ name: "", members: [""] }] } });
              groups.setNotice({ text: "Started the aggregation groups. Name the first group and list its members, then save.", intent: "info", until: "edit" });
            }}
          >
            {(draft, issues) => <GroupsEditor draft={draft} issues={issues} onEdit={groups.edit} />}
          </TablePanel>
        )}
      </div>
    </>
  );
}

/** The fee schedule: first run, the editor, and Save / Discard pinned at the bottom. */
function FeeSchedulePanel({ backend, s, tables, written }: { backend: WorkbookBackend; s: ScheduleDraftState; tables: ReturnType<typeof useContractTables>; written: () => void }) {
  if (s.loaded.state === "loading") return <Spinner label="Reading the fee schedule…" />;
  if (s.loaded.state === "error") return <Problem title="The fee schedule could not be read">{s.loaded.message}</Problem>;
  if (!s.draft)
    return (
      <>
        <FirstRun busy={s.busy} onScheduleA={() => void s.loadScheduleA()} onImport={s.importFile} onEmpty={s.startEmpty} />
        {s.csvErrors.length > 0 && <CsvErrors errors={s.csvErrors} />}
        {s.failure && <Problem title="Not saved">{s.failure}</Problem>}
        <TableChecklist backend={backend} found={tables.found} onAdded={written} />
      </>
    );
  const { issues } = s.check;
  return (
    <div className="stack with-footer">
      {s.notice && <Note intent={s.notice.intent}>{s.notice.text}</Note>}
      {s.failure && <Problem title="Not saved">{s.failure}</Problem>}
      {s.conflict && <ConflictPanel diff={s.conflict} onOverwrite={() => void s.overwrite()} onKeepTheirs={s.keepTheirs} />}
      {s.csvErrors.length > 0 && <CsvErrors errors={s.csvErrors} />}
      {issues.length > 0 && (
        <Problem title={`${issues.length} problem${issues.length > 1 ? "s" : ""} to fix before saving`}>
          <ul aria-label="Problems">
            {issues.map((i, k) => (
              <li key={k}>{i.message}</li>
            ))}
          </ul>
        </Problem>
      )}
      <div className="row">
        <Button disabledFocusable={issues.length > 0} onClick={() => download(exportCsv(s.draft!), "fee-schedule.csv", "text/csv")}>
          Export CSV
        </Button>
        <FilePicker label="Import CSV" accept=".csv,text/csv" onFile={s.importFile} />
      </div>
      <ScheduleEditor draft={s.draft} issues={issues} onEdit={s.edit} />
      <AsOfView draft={s.draft} />
      <div className="footer" role="group" aria-label="Save the fee schedule">
        <span className="footer-state" aria-live="polite">
          {s.busy ? "Saving…" : s.dirty ? "Unsaved edits" : "No unsaved edits"}
        </span>
        <Button appearance="primary" disabledFocusable={s.busy || issues.length > 0 || !s.dirty} onClick={() => void s.save()}>
          Save schedule
        </Button>
        <Button disabledFocusable={s.busy || !s.dirty} onClick={s.discard}>
          Discard edits
        </Button>
      </div>
    </div>
  );
}

function CsvErrors({ errors }: { errors: string[] }) {
  return (
    <Problem title="The CSV was not imported; nothing changed">
      <ul aria-label="CSV problems">
        {errors.map((e, k) => (
          <li key={k}>{e}</li>
        ))}
      </ul>
    </Problem>
  );
}
