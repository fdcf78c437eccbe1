import { formatIso } from "../../../engine";
import { Draft, checkDraft } from "./draft";

/** Rows of a draft as comparable lines, for showing what differs. */
export function draftLines(d: Draft): string[] {
  return checkDraft(d).rows.map((r) => `${r.portfolio} | from ${formatIso(r.effectiveFrom)} | above ${r.breakpoint.toString()} | ${r.rate.times(100).toString()}%`);
}

export interface ConflictDiff {
  onlyTheirs: string[];
  onlyMine: string[];
}

/** What the workbook holds that the edits do not, and the reverse. */
export function conflictDiff(mine: Draft, theirs: Draft): ConflictDiff {
  const m = draftLines(mine);
  const t = draftLines(theirs);
  const ms = new Set(m);
  const ts = new Set(t);
  return { onlyTheirs: t.filter((l) => !ms.has(l)), onlyMine: m.filter((l) => !ts.has(l)) };
}
