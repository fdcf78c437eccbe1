import * as React from "react";
import { WorkbookBackend } from "../../../workbook/backend";
import { draftLines } from "./conflictDiff";
import { importCsv } from "./csv";
import { scheduleADraft } from "./draft";
import { FEE_SCHEDULE_MODEL } from "./tableModel";
import { useTableDraft } from "./useTableDraft";

export type { Loaded, Notice, Conflict } from "./useTableDraft";

/**
 * The fee schedule being edited: the table editor's state (`useTableDraft`:
 * load, session copy, save with the fingerprint check) plus what only the fee
 * schedule has: CSV import, Schedule A, an empty start.
 */
export function useScheduleDraft(backend: WorkbookBackend, revision = 0, savedSuffix = "", onWritten?: () => void) {
  const t = useTableDraft(FEE_SCHEDULE_MODEL, backend, revision, savedSuffix, onWritten);
  const { edit, setCsvErrors, setNotice, write, loaded } = t;

  const importFile = React.useCallback(
    async (f: File) => {
      const r = importCsv(await f.text());
      setCsvErrors(r.errors);
      if (r.draft) {
        edit({ kind: "replace", draft: r.draft });
        setNotice({ text: `Imported ${draftLines(r.draft).length.toLocaleString("en-US")} rows from ${f.name}. Review, then save.`, intent: "info", until: "save" });
      } else {
        setNotice(null);
      }
    },
    [edit, setCsvErrors, setNotice],
  );

  return {
    ...t,
    importFile,
    loadScheduleA: () => write(scheduleADraft(), loaded.state === "ready" ? loaded.base : null),
    startEmpty: () => {
      edit({ kind: "replace", draft: { portfolios: [{ name: "", versions: [{ effectiveFrom: "", tiers: [{ breakpoint: "0", rate: "" }] }] }] } });
      setNotice({ text: "Started an empty schedule. Name the first portfolio, give its effective date and rate, then save.", intent: "info", until: "edit" });
    },
  };
}

export type ScheduleDraftState = ReturnType<typeof useScheduleDraft>;
