import { DateSystem, GroupRow, ScheduleRow, SubAdvisoryRow, WaiverRow } from "../../../engine";
import { WorkbookBackend } from "../../../workbook/backend";
import { readGroupRows, readSubAdvisoryRows, readWaiverRows } from "../../../workbook/arrangements";
import { CellBlock, ContractKind, readSchedule } from "../../../workbook/contract";
import {
  GroupEdit,
  GroupIssue,
  GroupsDraft,
  applyGroupEdit,
  checkGroupsDraft,
  checkSubAdvisoryDraft,
  checkWaiverDraft,
  groupCells,
  groupLines,
  groupsDraftFromRows,
  subAdvisoryCells,
  subAdvisoryDraftFromRows,
  subAdvisoryLines,
  waiverCells,
  waiverDraftFromRows,
  waiverLines,
} from "./arrangementDraft";
import { draftLines } from "./conflictDiff";
import { Draft, FieldIssue, checkDraft, draftFromSchedule } from "./draft";
import { Edit, applyEdit } from "./edits";

/**
 * One workbook table the Schedule tab edits: how its draft is read from the
 * contract block, checked, changed, compared and saved. The editor's state
 * (dirty, fingerprint check, conflict, session copy) is the same for every
 * table: `useTableDraft`.
 */
export interface TableModel<D, E, I extends { message: string }, R> {
  /** The contract block it lives in. */
  kind: ContractKind;
  /** For messages and the unsaved-edits prompt: "fee schedule", "fee waivers". */
  what: string;
  /** "schedule rows": "Saved 36 schedule rows to …". */
  rowsWord: string;
  /** Key prefix of the session copy of unsaved edits. */
  sessionPrefix: string;
  empty: D;
  isDraft(x: unknown): x is D;
  read(block: CellBlock, system: DateSystem): D;
  check(d: D): { rows: R[]; issues: I[] };
  apply(d: D, e: E): D;
  /** Comparable lines, to show what differs in a conflict. */
  lines(d: D): string[];
  write(backend: WorkbookBackend, rows: R[]): Promise<void>;
}

const isTierDraft = (x: unknown): x is Draft => !!x && Array.isArray((x as Draft).portfolios);

async function writeBlock(backend: WorkbookBackend, kind: ContractKind, cells: (system: DateSystem) => import("../../../workbook/reconSheets").OutCell[][]) {
  if (!backend.writeBlock) throw new Error("this workbook cannot be written here");
  await backend.writeBlock(kind, cells(await backend.dateSystem()));
}

export type TierModel<R> = TableModel<Draft, Edit, FieldIssue, R>;

export const FEE_SCHEDULE_MODEL: TierModel<ScheduleRow> = {
  kind: "schedule",
  what: "fee schedule",
  rowsWord: "schedule rows",
  sessionPrefix: "fee-schedule-draft",
  empty: { portfolios: [] },
  isDraft: isTierDraft,
  read: (block, system) => draftFromSchedule(readSchedule(block, system).schedule),
  check: checkDraft,
  apply: applyEdit,
  lines: draftLines,
  write: (backend, rows) => backend.writeSchedule(rows),
};

export const WAIVERS_MODEL: TierModel<WaiverRow> = {
  kind: "waivers",
  what: "fee waivers",
  rowsWord: "waiver rows",
  sessionPrefix: "fee-waivers-draft",
  empty: { portfolios: [] },
  isDraft: isTierDraft,
  read: (block, system) => waiverDraftFromRows(readWaiverRows(block, system)),
  check: checkWaiverDraft,
  apply: applyEdit,
  lines: waiverLines,
  write: (backend, rows) => writeBlock(backend, "waivers", (system) => waiverCells(rows, system)),
};

/** The sub-advisory schedule, checked against the aggregation groups named `groups` (null: not checked). */
export function subAdvisoryModel(groups: readonly string[] | null): TierModel<SubAdvisoryRow> {
  return {
    kind: "subAdvisory",
    what: "sub-advisory schedule",
    rowsWord: "sub-advisory rows",
    sessionPrefix: "sub-advisory-draft",
    empty: { portfolios: [] },
    isDraft: isTierDraft,
    read: (block, system) => subAdvisoryDraftFromRows(readSubAdvisoryRows(block, system)),
    check: (d) => checkSubAdvisoryDraft(d, groups),
    apply: applyEdit,
    lines: subAdvisoryLines,
    write: (backend, rows) => writeBlock(backend, "subAdvisory", (system) => subAdvisoryCells(rows, system)),
  };
}

export const GROUPS_MODEL: TableModel<GroupsDraft, GroupEdit, GroupIssue, GroupRow> = {
  kind: "groups",
  what: "aggregation groups",
  rowsWord: "group rows",
  sessionPrefix: "aggregation-groups-draft",
  empty: { groups: [] },
  isDraft: (x): x is GroupsDraft => !!x && Array.isArray((x as GroupsDraft).groups),
  read: (block) => groupsDraftFromRows(readGroupRows(block)),
  check: checkGroupsDraft,
  apply: applyGroupEdit,
  lines: groupLines,
  write: (backend, rows) => writeBlock(backend, "groups", () => groupCells(rows)),
};
