import { ReconStatus } from "../../../engine";

/** Statuses in plain words (the codes stay in the workbook, where formulas compute them). */
export const STATUS_WORDS: Record<ReconStatus, string> = {
  OK: "OK",
  BREAK: "Break",
  NOT_BILLED: "Not billed",
  NO_NET_ASSETS: "No net assets",
  UNKNOWN_PORTFOLIO: "Not in schedule",
};
