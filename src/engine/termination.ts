import { DayNumber, formatIso } from "./calendarDate";
import { Convention, parseConvention } from "./convention";
import { FeeError, FeeErrorWhere } from "./FeeError";

/** Who gives notice of termination under §9 of the agreement. */
export type NoticeParty = "TRUST" | "MANAGER";

export interface NoticeRule extends Convention<NoticeParty> {
  /** Days of prior written notice §9 requires of this party. */
  noticeDays: number;
}

/**
 * §9: the agreement "may be terminated as to any Portfolio at any time ... by
 * the Trust's Board of Trustees or by a vote of majority of the outstanding
 * voting securities of such Portfolio upon 60 days' prior written notice to
 * the Manager, or by the Manager upon 90 days' prior written notice to the
 * Trust, or upon such shorter notice as may be mutually agreed upon."
 */
export const NOTICE_RULES: Readonly<Record<NoticeParty, NoticeRule>> = {
  TRUST: { id: "TRUST", name: "The Trust (its Board or the Portfolio's shareholders)", aliases: ["BOARD", "TRUSTEES", "BOARD OF TRUSTEES", "FUND", "SHAREHOLDERS"], noticeDays: 60 },
  MANAGER: { id: "MANAGER", name: "The Manager", aliases: ["ADVISER", "ADVISOR", "INVESTMENT MANAGER"], noticeDays: 90 },
};

export function parseNoticeParty(text: string, where: FeeErrorWhere = {}): NoticeParty {
  return parseConvention(NOTICE_RULES, text, "UNKNOWN_NOTICE_PARTY", where);
}

/**
 * The last day the Manager serves after a notice of termination: the notice
 * date plus 60 days when the Trust gives it, plus 90 when the Manager does,
 * or plus `noticeDays` when the parties agreed on another notice. That day
 * is the `Terminated` date of the Agreements table: it still accrues, and the
 * last month is prorated by the days served.
 *
 * @example lastDayServed(2006-03-10, "TRUST") = 2006-05-09; lastDayServed(2006-03-10, "MANAGER") = 2006-06-08
 */
export function lastDayServed(noticeDate: DayNumber, givenBy: NoticeParty, noticeDays?: number): DayNumber {
  const days = noticeDays ?? NOTICE_RULES[givenBy].noticeDays;
  if (!Number.isInteger(days) || days < 0 || days > 36500) {
    throw new FeeError("INVALID_NUMBER", { argument: "notice_days", value: noticeDays }, "");
  }
  const last = noticeDate + days;
  if (last < noticeDate) throw new FeeError("END_BEFORE_START", { argument: "notice_days" }, formatIso(last));
  return last;
}
