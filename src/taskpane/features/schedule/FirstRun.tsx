import * as React from "react";
import { Button, Subtitle1 } from "@fluentui/react-components";
import { FilePicker } from "../../components/FilePicker";
import { Note } from "../../components/ErrorText";

/** A workbook without a fee schedule: three ways to start. */
export function FirstRun({ busy, onScheduleA, onImport, onEmpty }: { busy: boolean; onScheduleA: () => void; onImport: (f: File) => Promise<void>; onEmpty: () => void }) {
  return (
    <div className="stack">
      <Note>This workbook has no fee schedule yet (no table FeeSchedule and no sheet “Fee Schedule”).</Note>
      <Subtitle1 as="h2">Start the fee schedule</Subtitle1>
      <div className="row">
        <Button appearance="primary" disabledFocusable={busy} onClick={onScheduleA}>
          Load Schedule A
        </Button>
        <FilePicker label="Import CSV" accept=".csv,text/csv" onFile={onImport} />
        <Button disabledFocusable={busy} onClick={onEmpty}>
          Start empty
        </Button>
      </div>
      <p className="caption">
        Schedule A of the 2004 management agreement as amended: the five MetLife Strategy portfolios at 0.10% from 2004-11-01, with breakpoints at $500 million and $1 billion from Amendment No. 1
        (2005-04-30); four portfolios added by Amendment No. 2 (2008-04-28) and given breakpoints by Amendment No. 3 (2009-11-12). A CSV has the columns Portfolio, Effective From, Breakpoint, Annual Rate.
      </p>
    </div>
  );
}
