import * as React from "react";
import { WorkbookBackend, fingerprint } from "../../../workbook/backend";
import { messageOf } from "../../components/ErrorText";
import { ConflictDiff } from "./conflictDiff";
import { TableModel } from "./tableModel";

/** The workbook's table as last read: `exists` false when the workbook has neither its table nor its sheet. */
export type Loaded<D> = { state: "loading" } | { state: "error"; message: string } | { state: "ready"; base: string; saved: D; exists: boolean };

/** A message about the draft, and what makes it stale: "edit" clears it on the next edit, "save" on the next save or discard. */
export interface Notice {
  text: string;
  intent: "success" | "info" | "warning";
  until: "edit" | "save";
}

export interface Conflict<D> extends ConflictDiff {
  theirs: D;
  base: string;
}

const same = (a: unknown, b: unknown) => a === b || JSON.stringify(a) === JSON.stringify(b);

function parseCopy<D>(text: string | null, isDraft: (x: unknown) => x is D): { base: string; draft: D } | null {
  if (!text) return null;
  try {
    const v = JSON.parse(text) as { base: unknown; draft: unknown };
    return v && typeof v.base === "string" && isDraft(v.draft) ? { base: v.base, draft: v.draft } : null;
  } catch {
    return null;
  }
}

/**
 * A workbook table being edited (the fee schedule, the fee waivers, the
 * sub-advisory schedule, the aggregation groups): loads it, keeps unsaved edits
 * for the session, and saves only when the workbook still holds the table the
 * edits began from (else it shows what differs).
 *
 * `revision` changes whenever something else wrote to the workbook: the saved
 * table is read again, and unsaved edits are kept.
 */
export function useTableDraft<D, E, I extends { message: string }, R>(model: TableModel<D, E, I, R>, backend: WorkbookBackend, revision = 0, savedSuffix = "", onWritten?: () => void) {
  const [loaded, setLoaded] = React.useState<Loaded<D>>({ state: "loading" });
  const [draft, setDraft] = React.useState<D | null>(null);
  // The workbook's table as it was when the edits in `draft` began: saving checks the workbook still holds it.
  const [draftBase, setDraftBase] = React.useState<string | null>(null);
  const [busy, setBusy] = React.useState(false);
  const [notice, setNotice] = React.useState<Notice | null>(null);
  const [failure, setFailure] = React.useState<string | null>(null);
  const [conflict, setConflict] = React.useState<Conflict<D> | null>(null);
  const [csvErrors, setCsvErrors] = React.useState<string[]>([]);
  const draftRef = React.useRef(draft);
  draftRef.current = draft;
  const loadedRef = React.useRef(loaded);
  loadedRef.current = loaded;
  // The model may change (the sub-advisory check follows the groups) without reading the workbook again.
  const modelRef = React.useRef(model);
  modelRef.current = model;
  const key = `${model.sessionPrefix}:${backend.label}`;

  const readDraft = React.useCallback(async () => {
    const m = modelRef.current;
    const block = await backend.readBlock(m.kind);
    const base = fingerprint(block);
    if (!block) return { base, saved: m.empty, exists: false };
    return { base, saved: m.read(block, await backend.dateSystem()), exists: true };
  }, [backend]);

  /** Reads the workbook's table; `fresh` replaces the draft with it (else unsaved edits stay). */
  const load = React.useCallback(
    async (fresh: boolean) => {
      try {
        const now = await readDraft();
        const before = loadedRef.current;
        const current = draftRef.current;
        const editing = current !== null && before.state === "ready" && !same(current, before.saved);
        setLoaded({ state: "ready", ...now });
        if (editing && !fresh) return;
        if (before.state === "loading") {
          // Unsaved edits made on this workbook earlier in the session come back.
          const restored = parseCopy(sessionStorage.getItem(key), modelRef.current.isDraft);
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
    [readDraft, key],
  );

  React.useEffect(() => {
    void load(false);
  }, [load, revision]);

  // Keep unsaved edits for the session (outside any state updater); edits that undo themselves leave nothing to restore.
  React.useEffect(() => {
    if (loaded.state !== "ready" || draft === null) return;
    if (same(draft, loaded.saved)) sessionStorage.removeItem(key);
    else sessionStorage.setItem(key, JSON.stringify({ base: draftBase ?? loaded.base, draft }));
  }, [draft, loaded, draftBase, key]);

  const edit = React.useCallback((e: E) => {
    setDraft((d) => modelRef.current.apply(d ?? modelRef.current.empty, e));
    setNotice((n) => (n && n.until === "edit" ? null : n));
    setCsvErrors((c) => (c.length ? [] : c));
  }, []);

  const check = React.useMemo(() => (draft ? model.check(draft) : { rows: [] as R[], issues: [] as I[] }), [draft, model]);
  const saved = loaded.state === "ready" ? loaded.saved : null;
  const dirty = draft !== null && saved !== null && (!same(draft, saved) || (loaded.state === "ready" && !loaded.exists));

  const write = React.useCallback(
    async (d: D, expectedBase: string | null): Promise<boolean> => {
      const m = modelRef.current;
      setBusy(true);
      setFailure(null);
      try {
        if (expectedBase !== null) {
          const now = await backend.readBlock(m.kind);
          if (fingerprint(now) !== expectedBase) {
            const theirs = now ? m.read(now, await backend.dateSystem()) : m.empty;
            const mine = m.lines(d);
            const their = m.lines(theirs);
            const ms = new Set(mine);
            const ts = new Set(their);
            setConflict({ theirs, base: fingerprint(now), onlyTheirs: their.filter((l) => !ms.has(l)), onlyMine: mine.filter((l) => !ts.has(l)) });
            return false;
          }
        }
        const { rows, issues } = m.check(d);
        if (issues.length) {
          setFailure(`${issues.length} problem${issues.length > 1 ? "s" : ""} to fix before saving.`);
          return false;
        }
        await m.write(backend, rows);
        sessionStorage.removeItem(key);
        setConflict(null);
        setCsvErrors([]);
        setNotice({ text: `Saved ${rows.length.toLocaleString("en-US")} ${m.rowsWord} to ${backend.label}.${savedSuffix}`, intent: "success", until: "edit" });
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
    [backend, load, savedSuffix, onWritten, key],
  );

  const save = React.useCallback(() => (draftRef.current ? write(draftRef.current, draftBase ?? (loaded.state === "ready" ? loaded.base : null)) : Promise.resolve(true)), [write, draftBase, loaded]);

  const discard = React.useCallback(() => {
    sessionStorage.removeItem(key);
    setConflict(null);
    setCsvErrors([]);
    setFailure(null);
    setNotice(null);
    if (loaded.state === "ready") {
      setDraft(loaded.exists ? loaded.saved : null);
      setDraftBase(loaded.base);
    }
  }, [key, loaded]);

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
    setCsvErrors,
    setNotice,
    edit,
    save,
    discard,
    write,
    overwrite: () => (draft && conflict ? write(draft, conflict.base) : Promise.resolve(false)),
    keepTheirs: () => {
      sessionStorage.removeItem(key);
      setConflict(null);
      setNotice({ text: `Loaded the workbook's ${model.what}; your edits were discarded.`, intent: "info", until: "edit" });
      void load(true);
    },
  };
}

export type TableDraftState<D, E, I extends { message: string }, R> = ReturnType<typeof useTableDraft<D, E, I, R>>;
