import { Draft } from "./draft";

/**
 * Unsaved edits kept for the browser session, so closing and reopening the
 * pane does not lose them. Pure: the caller reads and writes the storage.
 */
export interface SessionCopy {
  /** Fingerprint of the workbook's schedule when the edits began: saving checks it is still there. */
  base: string;
  draft: Draft;
}

export const sessionKey = (label: string) => `fee-schedule-draft:${label}`;

export function parseSessionCopy(text: string | null): SessionCopy | null {
  if (!text) return null;
  try {
    const v = JSON.parse(text) as SessionCopy;
    return v && typeof v.base === "string" && v.draft && Array.isArray(v.draft.portfolios) ? v : null;
  } catch {
    return null;
  }
}

export const sameDraft = (a: Draft, b: Draft) => a === b || JSON.stringify(a) === JSON.stringify(b);

/** What to keep for the session after an edit: nothing when the draft equals the saved schedule (edits that undo themselves), else the draft and its base. */
export function sessionCopyFor(draft: Draft, saved: Draft, base: string): SessionCopy | null {
  return sameDraft(draft, saved) ? null : { base, draft };
}
