import * as React from "react";
import { Button } from "@fluentui/react-components";
import { Problem } from "../../components/ErrorText";
import { ConflictDiff } from "./conflictDiff";

export function ConflictPanel({ what = "fee schedule", diff, onOverwrite, onKeepTheirs }: { what?: string; diff: ConflictDiff; onOverwrite: () => void; onKeepTheirs: () => void }) {
  return (
    <Problem title={`The ${what} changed in the workbook since you opened it`}>
      <p>Saving now would overwrite those changes. What differs:</p>
      <ul aria-label="Differences">
        {diff.onlyTheirs.map((l) => (
          <li key={`t${l}`}>In the workbook, not in your edits: {l}</li>
        ))}
        {diff.onlyMine.map((l) => (
          <li key={`m${l}`}>In your edits, not in the workbook: {l}</li>
        ))}
      </ul>
      <div className="row">
        <Button appearance="primary" onClick={onOverwrite}>
          Overwrite with my edits
        </Button>
        <Button onClick={onKeepTheirs}>Keep the workbook’s version</Button>
      </div>
    </Problem>
  );
}
