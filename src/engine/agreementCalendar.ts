import { Agreement } from "./agreements";
import { DayNumber, fromYmd, isLeapYear, toYmd } from "./calendarDate";

export type CalendarStatus = "CURRENT" | "DUE_SOON" | "OVERDUE" | "TERMINATED";

/** Days before the due date from which a continuance approval is `DUE_SOON`. */
export const DUE_SOON_DAYS = 60;

export interface CalendarRow {
  portfolio: string;
  commenced: DayNumber | null;
  terminated: DayNumber | null;
  initialTermEnds: DayNumber;
  lastApproval: DayNumber | null;
  /** The initial term's end while no continuance has been approved; afterwards one year after the last approval. */
  nextApprovalDue: DayNumber;
  /** nextApprovalDue − asOf (negative when overdue). */
  daysToDue: number;
  status: CalendarStatus;
}

/** The same day a year later; 29 February becomes 28 February. */
export function oneYearAfter(day: DayNumber): DayNumber {
  const { y, m, d } = toYmd(day);
  return fromYmd(y + 1, m, m === 2 && d === 29 && !isLeapYear(y + 1) ? 28 : d);
}

/**
 * The agreement calendar of §9 as of a day: the agreement continues "until
 * December 31, 2005 and indefinitely thereafter provided that its continuance
 * ... shall be specifically approved at least annually". Per portfolio: the
 * next approval is due at the initial term's end while none has been
 * approved, else one year after the last approval. Status: TERMINATED once the
 * last day served (Terminated) is before the as-of date; CURRENT while a
 * termination on or before the due date is still ahead (the service ends
 * before another approval is needed); else OVERDUE past the due date, DUE_SOON
 * within 60 days of it (the due date included), CURRENT otherwise.
 *
 * @example initial term ends 2005-12-31, approved 2006-11-15, as of 2007-10-01: due 2007-11-15, 45 days, DUE_SOON
 */
export function agreementCalendar(agreements: readonly Agreement[], initialTermEnds: DayNumber, asOf: DayNumber): CalendarRow[] {
  return agreements.map((a) => {
    const nextApprovalDue = a.lastApproval === null ? initialTermEnds : oneYearAfter(a.lastApproval);
    const daysToDue = nextApprovalDue - asOf;
    let status: CalendarStatus;
    if (a.terminated !== null && a.terminated < asOf) status = "TERMINATED";
    else if (a.terminated !== null && a.terminated <= nextApprovalDue) status = "CURRENT";
    else if (daysToDue < 0) status = "OVERDUE";
    else if (daysToDue <= DUE_SOON_DAYS) status = "DUE_SOON";
    else status = "CURRENT";
    return { portfolio: a.portfolio, commenced: a.commenced, terminated: a.terminated, initialTermEnds, lastApproval: a.lastApproval, nextApprovalDue, daysToDue, status };
  });
}
