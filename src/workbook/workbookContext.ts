import { DateSystem, FeeSchedule, ScheduleIssue } from "../engine";
import { CellBlock, ContractKind, readSchedule } from "./contract";

/**
 * What the FEE functions know about the open workbook: its date system and the
 * data read from its contract tables. It is read in one step and replaced as a
 * whole, so functions never see half of an old load and half of a new one.
 * To load more workbook data (fee settings, agreements, waivers), add a field
 * here, its contract kind to CONTEXT_SOURCES, and read it in contextFromBlocks:
 * the Office sync then loads and watches it with the rest.
 */
export interface WorkbookContext {
  dateSystem: DateSystem;
  schedule: FeeSchedule;
  /** Problems with the schedule as a whole; functions that need it say the first. */
  issues: ScheduleIssue[];
}

/** The contract tables (or sheets) the context is read from; a change to any of them reloads it. */
export const CONTEXT_SOURCES: readonly ContractKind[] = ["schedule"];

export const EMPTY_CONTEXT: WorkbookContext = { dateSystem: 1900, schedule: { portfolios: [] }, issues: [] };

/** Builds the context from the blocks of CONTEXT_SOURCES (null where the workbook has neither table nor sheet). Throws a located WorkbookError for a bad cell. */
export function contextFromBlocks(blocks: Partial<Record<ContractKind, CellBlock | null>>, dateSystem: DateSystem): WorkbookContext {
  const block = blocks.schedule;
  if (!block) return { ...EMPTY_CONTEXT, dateSystem };
  const read = readSchedule(block, dateSystem);
  return { dateSystem, schedule: read.schedule, issues: read.issues };
}
