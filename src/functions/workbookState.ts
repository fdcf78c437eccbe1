import { Agreement, DateSystem, FeeSchedule, FeeSettings, ScheduleIssue, WaiverSchedule } from "../engine";
import { WorkbookContext } from "../workbook/workbookContext";

export type ScheduleStatus = "loading" | "ready" | "error";

/**
 * What functions know of the open workbook (its WorkbookContext: the fee
 * schedule that portfolio names resolve against, the date system). Without a
 * workbook (functions loaded outside Excel) it is empty and ready at once; in
 * Excel it is "loading" from load until Office.onReady has fired and the first
 * read finished, and functions that need it wait on `ready`. Later reloads
 * replace it whole, without passing through "loading".
 */
export class WorkbookState {
  status: ScheduleStatus = "ready";
  schedule: FeeSchedule = { portfolios: [] };
  issues: ScheduleIssue[] = [];
  error = "";
  dateSystem: DateSystem = 1900;
  /** The workbook's Fee Settings, and the located message of a bad row ("" when none). */
  settings: FeeSettings = {};
  settingsError = "";
  agreements: Agreement[] = [];
  agreementsError = "";
  waivers: WaiverSchedule = { portfolios: [] };
  waiversError = "";
  private waiting: Promise<void> = Promise.resolve();
  private release: () => void = () => undefined;

  beginLoading(): void {
    if (this.status === "loading") return;
    this.status = "loading";
    this.waiting = new Promise((resolve) => (this.release = resolve));
  }

  /** A whole new context from the workbook, replacing the last one at once. */
  loaded({ schedule, issues, dateSystem, settings, settingsError, agreements, agreementsError, waivers, waiversError }: WorkbookContext): void {
    this.waivers = waivers;
    this.waiversError = waiversError;
    this.settings = settings;
    this.settingsError = settingsError;
    this.agreements = agreements;
    this.agreementsError = agreementsError;
    this.schedule = schedule;
    this.issues = issues;
    this.dateSystem = dateSystem;
    this.status = issues.length ? "error" : "ready";
    this.error = issues.length ? `${issues.length} problem${issues.length > 1 ? "s" : ""}, the first: ${issues[0].message}` : "";
    this.release();
  }

  failed(message: string): void {
    this.status = "error";
    this.error = message;
    this.release();
  }

  get ready(): Promise<void> {
    return this.waiting;
  }
}

export const workbookState = new WorkbookState();
