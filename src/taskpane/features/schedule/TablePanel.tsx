import * as React from "react";
import { Button, Spinner } from "@fluentui/react-components";
import { Note, Problem } from "../../components/ErrorText";
import { CONTRACT } from "../../../workbook/contract";
import { ConflictPanel } from "./ConflictPanel";
import { TableModel } from "./tableModel";
import { TableDraftState } from "./useTableDraft";

/**
 * One of the Schedule tab's tables around its editor, as the fee schedule's:
 * reading, a workbook without the table (start one), notices, the problems to
 * fix, a conflict with the workbook, and Save / Discard pinned at the bottom.
 */
export function TablePanel<D, E, I extends { message: string }, R>({
  model,
  t,
  saveLabel,
  onStart,
  children,
}: {
  model: TableModel<D, E, I, R>;
  t: TableDraftState<D, E, I, R>;
  /** "Save waivers". */
  saveLabel: string;
  /** Starts a draft with one entry to fill in, for a workbook without the table. */
  onStart: () => void;
  children: (draft: D, issues: I[]) => React.ReactNode;
}) {
  const spec = CONTRACT[model.kind];
  if (t.loaded.state === "loading") return <Spinner label={`Reading the ${model.what}…`} />;
  if (t.loaded.state === "error") return <Problem title={`The ${model.what} could not be read`}>{t.loaded.message}</Problem>;
  if (!t.draft)
    return (
      <div className="stack">
        <p className="caption">
          This workbook has no {model.what} yet (table {spec.table} or sheet “{spec.sheet}”: {spec.columns.join(", ")}). Saving creates the sheet.
        </p>
        <div>
          <Button onClick={onStart}>Start the {model.what}</Button>
        </div>
        {t.failure && <Problem title="Not saved">{t.failure}</Problem>}
      </div>
    );
  const { issues } = t.check;
  return (
    <div className="stack with-footer">
      {t.notice && <Note intent={t.notice.intent}>{t.notice.text}</Note>}
      {t.failure && <Problem title="Not saved">{t.failure}</Problem>}
      {t.conflict && <ConflictPanel what={model.what} diff={t.conflict} onOverwrite={() => void t.overwrite()} onKeepTheirs={t.keepTheirs} />}
      {issues.length > 0 && (
        <Problem title={`${issues.length} problem${issues.length > 1 ? "s" : ""} to fix before saving`}>
          <ul aria-label="Problems">
            {issues.map((i, k) => (
              <li key={k}>{i.message}</li>
            ))}
          </ul>
        </Problem>
      )}
      {children(t.draft, issues)}
      <div className="footer" role="group" aria-label={`Save the ${model.what}`}>
        <span className="footer-state" aria-live="polite">
          {t.busy ? "Saving…" : t.dirty ? "Unsaved edits" : "No unsaved edits"}
        </span>
        <Button appearance="primary" disabledFocusable={t.busy || issues.length > 0 || !t.dirty} onClick={() => void t.save()}>
          {saveLabel}
        </Button>
        <Button disabledFocusable={t.busy || !t.dirty} onClick={t.discard}>
          Discard edits
        </Button>
      </div>
    </div>
  );
}
