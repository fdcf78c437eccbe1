import * as React from "react";
import { WorkbookBackend, fingerprint } from "../../../workbook/backend";
import { readSchedule } from "../../../workbook/contract";
import { messageOf } from "../../components/ErrorText";
import { ConflictDiff, conflictDiff, draftLines } from "./conflictDiff";
import { importCsv } from "./csv";
import { Draft, FieldIssue, checkDraft, draftFromSchedule, scheduleADraft } from "./draft";
import { Edit, applyEdit } from "./edits";
import { parseSessionCopy, sameDraft, sessionCopyFor, sessionKey } from "./sessionCopy";

/** The workbook's schedule as last read: `exists` false when the workbook has no schedule table or sheet. */
export type Loaded = { state: "loading" } | { state: "error"; message: string } | { state: "ready"; base: string; saved: Draft; exists: boolean };

/** A message about the draft, and what makes it stale: "edit" clears it on the next edit, "save" on the next save or discard. */
export interface Notice {
  text: string;
  intent: "success" | "info" | "warning";
  until: "edit" | "save";
}

export interface Conflict extends ConflictDiff {
  theirs: Draft;
  base: string;
}

const EMPTY: Draft = { portfolios: [] };

async function readDraft(backend: WorkbookBackend): Promise<{ base: string; saved: Draft; exists: boolean }> {
  const block = await backend.readBlock("schedule");
  const base = fingerprint(block);
  if (!block) return { base, saved: EMPTY, exists: false };
  return { base, saved: draftFromSchedule(readSchedule(block, await backend.dateSystem()).schedule), exists: true };
}

/**
 * The fee schedule being edited: loads it from the workbook, keeps unsaved
 * edits for the session, and saves only when the workbook still holds the
 * schedule the edits began from (else it shows what differs).
 *
 * `revision` changes whenever something else wrote to the workbook: the saved
 * schedule is read again, and unsaved edits are kept.
 */
export function useScheduleDraft(backend: WorkbookBackend, revision = 0, savedSuffix = "", onWritten?: () => void) {
  const [loaded, setLoaded] = React.useState<Loaded>({ state: "loading" });
  const [draft, setDraft] = React.useState<Draft | null>(null);
  // The workbook's schedule as it was when the edits in `draft` began: saving checks the workbook still holds it.
  const [draftBase, setDraftBase] = React.useState<string | null>(null);
  const [busy, setBusy] = React.useState(false);
  const [notice, setNotice] = React.useState<Notice | null>(null);
  const [failure, setFailure] = React.useState<string | null>(null);
  const [conflict, setConflict] = React.useState<Conflict | null>(null);
  const [csvErrors, setCsvErrors] = React.useState<string[]>([]);
  const draftRef = React.useRef(draft);
  draftRef.current = draft;
  const loadedRef = React.useRef(loaded);
  loadedRef.current = loaded;

  /** Reads the workbook's schedule; `fresh` replaces the draft with it (else unsaved edits stay). */
  const load = React.useCallback(
    async (fresh: boolean) => {
      try {
        const now = await readDraft(backend);
        const before = loadedRef.current;
        const current = draftRef.current;
        const editing = current !== null && before.state === "ready" && !sameDraft(current, before.saved);
        setLoaded({ state: "ready", ...now });
        if (editing && !fresh) return;
        if (before.state === "loading") {
          // Unsaved edits made on this workbook earlier in the session come back.
          const restored = parseSessionCopy(sessionStorage.getItem(sessionKey(backend.label)));
          if (restored) {
            setNotice({ text: "Your unsaved edits from earlier in this session are back. Save them, or discard them.", intent: "info", until: "save" });
            setDraft(restored.draft);
            setDraftBase(restored.base);
            return;
          }
        }
        setDraft(now.exists ? now.saved : null);
        setDraftBase(now.base);
      } catch (e) {
        setLoaded({ state: "error", message: messageOf(e) });
      }
    },
    [backend],
  );

  React.useEffect(() => {
    void load(false);
  }, [load, revision]);

  // Keep unsaved edits for the session (outside any state updater); edits that undo themselves leave nothing to restore.
  React.useEffect(() => {
    if (loaded.state !== "ready" || draft === null) return;
    const copy = sessionCopyFor(draft, loaded.saved, draftBase ?? loaded.base);
    if (copy) sessionStorage.setItem(sessionKey(backend.label), JSON.stringify(copy));
    else sessionStorage.removeItem(sessionKey(backend.label));
  }, [draft, loaded, draftBase, backend.label]);

  const edit = React.useCallback((e: Edit) => {
    setDraft((d) => applyEdit(d ?? EMPTY, e));
    setNotice((n) => (n && n.until === "edit" ? null : n));
    setCsvErrors((c) => (c.length ? [] : c));
  }, []);

  const check = React.useMemo(() => (draft ? checkDraft(draft) : { rows: [], issues: [] as FieldIssue[] }), [draft]);
  const saved = loaded.state === "ready" ? loaded.saved : null;
  const dirty = draft !== null && saved !== null && (!sameDraft(draft, saved) || (loaded.state === "ready" && !loaded.exists));

  const write = React.useCallback(
    async (d: Draft, expectedBase: string | null): Promise<boolean> => {
      setBusy(true);
      setFailure(null);
      try {
        if (expectedBase !== null) {
          const now = await backend.readBlock("schedule");
          if (fingerprint(now) !== expectedBase) {
            const theirs = now ? draftFromSchedule(readSchedule(now, await backend.dateSystem()).schedule) : EMPTY;
            setConflict({ theirs, base: fingerprint(now), ...conflictDiff(d, theirs) });
            return false;
          }
        }
        const { rows, issues } = checkDraft(d);
        if (issues.length) {
          setFailure(`${issues.length} problem${issues.length > 1 ? "s" : ""} to fix before saving.`);
          return false;
        }
        await backend.writeSchedule(rows);
        sessionStorage.removeItem(sessionKey(backend.label));
        setConflict(null);
        setCsvErrors([]);
        setNotice({ text: `Saved ${rows.length.toLocaleString("en-US")} schedule rows to ${backend.label}.${savedSuffix}`, intent: "success", until: "edit" });
        onWritten?.();
        await load(true);
        return true;
      } catch (e) {
        setFailure(messageOf(e));
        return false;
      } finally {
        setBusy(false);
      }
    },
    [backend, load, savedSuffix, onWritten],
  );

  const save = React.useCallback(() => (draftRef.current ? write(draftRef.current, draftBase ?? (loaded.state === "ready" ? loaded.base : null)) : Promise.resolve(true)), [write, draftBase, loaded]);

  const discard = React.useCallback(() => {
    sessionStorage.removeItem(sessionKey(backend.label));
    setConflict(null);
    setCsvErrors([]);
    setFailure(null);
    setNotice(null);
    if (loaded.state === "ready") {
      setDraft(loaded.exists ? loaded.saved : null);
      setDraftBase(loaded.base);
    }
  }, [backend.label, loaded]);

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
    [edit],
  );

  return {
    loaded,
    draft,
    check,
    dirty,
    busy,
    notice,
    failure,
    conflict,
    csvErrors,
    edit,
    save,
    discard,
    importFile,
    loadScheduleA: () => write(scheduleADraft(), loaded.state === "ready" ? loaded.base : null),
    startEmpty: () => {
      edit({ kind: "replace", draft: { portfolios: [{ name: "", versions: [{ effectiveFrom: "", tiers: [{ breakpoint: "0", rate: "" }] }] }] } });
      setNotice({ text: "Started an empty schedule. Name the first portfolio, give its effective date and rate, then save.", intent: "info", until: "edit" });
    },
    overwrite: () => (draft && conflict ? write(draft, conflict.base) : Promise.resolve(false)),
    keepTheirs: () => {
      sessionStorage.removeItem(sessionKey(backend.label));
      setConflict(null);
      setNotice({ text: "Loaded the workbook's schedule; your edits were discarded.", intent: "info", until: "edit" });
      void load(true);
    },
  };
}

export type ScheduleDraftState = ReturnType<typeof useScheduleDraft>;
