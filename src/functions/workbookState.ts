import { DateSystem, FeeSchedule, ScheduleIssue } from "../engine";

export type ScheduleStatus = "loading" | "ready" | "error";

/**
 * The fee schedule that portfolio names resolve against, as loaded from the
 * open workbook. Without a workbook (functions loaded outside Excel) it is
 * empty and ready at once; in Excel it is "loading" until the first read, and
 * functions that need it wait on `ready`.
 */
export class WorkbookState {
  status: ScheduleStatus = "ready";
  schedule: FeeSchedule = { portfolios: [] };
  issues: ScheduleIssue[] = [];
  error = "";
  dateSystem: DateSystem = 1900;
  private waiting: Promise<void> = Promise.resolve();
  private release: () => void = () => undefined;

  beginLoading(): void {
    if (this.status === "loading") return;
    this.status = "loading";
    this.waiting = new Promise((resolve) => (this.release = resolve));
  }

  loaded(schedule: FeeSchedule, issues: ScheduleIssue[], dateSystem: DateSystem): void {
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
