import { Agreement, DateSystem, FeeSchedule, FeeSettings, ScheduleIssue, WaiverSchedule } from "../engine";
import { readAgreements } from "./agreementsSheet";
import { readWaivers } from "./arrangements";
import { isWorkbookError } from "./cells";
import { CellBlock, ContractKind, readSchedule } from "./contract";
import { readSettings } from "./settingsSheet";

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
  /** The workbook's Fee Settings: what an omitted basis, rounding or nav_timing takes. */
  settings: FeeSettings;
  /** A bad Fee Settings row (its located message), or "": functions that would use a setting say it. */
  settingsError: string;
  /** Service periods from the Agreements table: a portfolio name accrues only inside its own. */
  agreements: Agreement[];
  /** A bad Agreements row, or "". */
  agreementsError: string;
  /** Fee waiver schedules: a portfolio name's fee is what is payable after them. */
  waivers: WaiverSchedule;
  /** A bad Fee Waivers row (overlapping periods name both rows), or "". */
  waiversError: string;
}

/** The contract tables (or sheets) the context is read from; a change to any of them reloads it. */
export const CONTEXT_SOURCES: readonly ContractKind[] = ["schedule", "settings", "agreements", "waivers"];

export const EMPTY_CONTEXT: WorkbookContext = { dateSystem: 1900, schedule: { portfolios: [] }, issues: [], settings: {}, settingsError: "", agreements: [], agreementsError: "", waivers: { portfolios: [] }, waiversError: "" };

/** Reads an optional block; a bad cell becomes its message rather than failing the whole context. */
function readOptional<T>(block: CellBlock | null | undefined, empty: T, read: (b: CellBlock) => T): [T, string] {
  if (!block) return [empty, ""];
  try {
    return [read(block), ""];
  } catch (e) {
    if (isWorkbookError(e)) return [empty, e.message];
    throw e;
  }
}

/** Builds the context from the blocks of CONTEXT_SOURCES (null where the workbook has neither table nor sheet). Throws a located WorkbookError for a bad cell. */
export function contextFromBlocks(blocks: Partial<Record<ContractKind, CellBlock | null>>, dateSystem: DateSystem): WorkbookContext {
  const [settings, settingsError] = readOptional(blocks.settings, {}, (b) => readSettings(b, dateSystem));
  const [agreements, agreementsError] = readOptional(blocks.agreements, [], (b) => readAgreements(b, dateSystem));
  const [waivers, waiversError] = readOptional(blocks.waivers, { portfolios: [] }, (b) => readWaivers(b, dateSystem));
  const extra = { settings, settingsError, agreements, agreementsError, waivers, waiversError };
  const block = blocks.schedule;
  if (!block) return { ...EMPTY_CONTEXT, ...extra, dateSystem };
  const read = readSchedule(block, dateSystem);
  return { dateSystem, schedule: read.schedule, issues: read.issues, ...extra };
}
