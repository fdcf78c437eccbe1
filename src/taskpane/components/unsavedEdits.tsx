import * as React from "react";

/**
 * Unsaved edits, registered by each feature that holds some (the fee schedule
 * editor, the settings editor, ...). Month end asks before running while any
 * are pending; the standalone page asks before the page is left.
 */
export interface PendingEdits {
  /** What holds the edits, for the prompt: "fee schedule", "fee settings". */
  label: string;
  /** Whether the edits can be saved now (no validation problems). */
  canSave: boolean;
  /** Saves them; resolves true when saved. */
  save: () => Promise<boolean>;
}

interface Registry {
  set(id: string, pending: PendingEdits | null): void;
  pending(): PendingEdits[];
  subscribe(f: () => void): () => void;
}

function createRegistry(): Registry {
  const entries = new Map<string, PendingEdits>();
  const listeners = new Set<() => void>();
  let snapshot: PendingEdits[] = [];
  return {
    set(id, pending) {
      if (pending) entries.set(id, pending);
      else if (!entries.delete(id)) return;
      snapshot = [...entries.values()];
      listeners.forEach((f) => f());
    },
    pending: () => snapshot,
    subscribe(f) {
      listeners.add(f);
      return () => listeners.delete(f);
    },
  };
}

const Context = React.createContext<Registry | null>(null);

export function UnsavedEditsProvider({ children }: { children: React.ReactNode }) {
  const [registry] = React.useState(createRegistry);
  return <Context.Provider value={registry}>{children}</Context.Provider>;
}

/** Registers a feature's unsaved edits while `pending` is not null (re-registered when it changes; removed on unmount). */
export function useRegisterUnsavedEdits(id: string, pending: PendingEdits | null): void {
  const registry = React.useContext(Context);
  const ref = React.useRef(pending);
  ref.current = pending;
  const present = pending !== null;
  const label = pending?.label;
  const canSave = pending?.canSave;
  React.useEffect(() => {
    if (!registry) return;
    registry.set(id, present ? { label: label ?? "", canSave: canSave ?? false, save: () => ref.current?.save() ?? Promise.resolve(true) } : null);
  }, [registry, id, present, label, canSave]);
  React.useEffect(() => () => registry?.set(id, null), [registry, id]);
}

/** Every feature's unsaved edits, updated as they change. */
export function usePendingEdits(): PendingEdits[] {
  const registry = React.useContext(Context);
  return React.useSyncExternalStore(
    React.useCallback((f: () => void) => registry?.subscribe(f) ?? (() => undefined), [registry]),
    () => registry?.pending() ?? EMPTY,
  );
}

const EMPTY: PendingEdits[] = [];

/** Where saved work lives, for honest messages: in Excel it is the open workbook; standalone, a copy in this browser until downloaded. */
export interface WorkbookPlace {
  kept: "workbook" | "browser";
  /** Called after every write to the workbook (standalone counts changes since the last download). */
  changed(): void;
}

export const WorkbookPlaceContext = React.createContext<WorkbookPlace>({ kept: "workbook", changed: () => undefined });

/** " — kept in this browser; download to keep" in standalone mode, nothing in Excel. */
export function useSavedSuffix(): string {
  const place = React.useContext(WorkbookPlaceContext);
  return place.kept === "browser" ? " Kept in this browser; download the workbook to keep it." : "";
}
