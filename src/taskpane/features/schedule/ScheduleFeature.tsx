import * as React from "react";
import { Button, Spinner } from "@fluentui/react-components";
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
import { useScheduleDraft } from "./useScheduleDraft";

/** The fee schedule tab: first run, the editor, and Save / Discard pinned at the bottom. */
export function ScheduleFeature({ backend, revision = 0, onWritten }: { backend: WorkbookBackend; revision?: number; onWritten?: () => void }) {
  const written = React.useCallback(() => onWritten?.(), [onWritten]);
  const s = useScheduleDraft(backend, revision, useSavedSuffix(), written);
  const tables = useContractTables(backend, revision);
  useRegisterUnsavedEdits("schedule", s.dirty ? { label: "fee schedule", canSave: s.check.issues.length === 0, save: s.save } : null);

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
