import * as React from "react";
import { Button, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle } from "@fluentui/react-components";
import { PendingEdits } from "../../components/unsavedEdits";

/** Asked before a month end while edits are unsaved: the run reads the workbook, not the editor. */
export function RunPrompt({ pending, onSaveAndRun, onRunSaved, onCancel }: { pending: PendingEdits[]; onSaveAndRun: () => void; onRunSaved: () => void; onCancel: () => void }) {
  const what = pending.map((p) => p.label).join(" and ");
  // "Run on the saved schedule", "... saved settings", "... saved schedule and settings": each label without its "fee ".
  const saved = pending.map((p) => p.label.replace(/^fee /, "")).join(" and ");
  const canSave = pending.every((p) => p.canSave);
  return (
    <Dialog open modalType="alert" onOpenChange={(_, d) => (!d.open ? onCancel() : undefined)}>
      <DialogSurface>
        <DialogBody>
          <DialogTitle>Unsaved edits to the {what}</DialogTitle>
          <DialogContent>
            <p>Month end reads the workbook, which does not have these edits yet.</p>
            {!canSave && <p>The edits have problems to fix before they can be saved.</p>}
          </DialogContent>
          <DialogActions fluid>
            <Button appearance="primary" disabledFocusable={!canSave} onClick={onSaveAndRun}>
              Save and run
            </Button>
            <Button onClick={onRunSaved}>Run on the saved {saved}</Button>
            <Button appearance="subtle" onClick={onCancel}>
              Cancel
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
