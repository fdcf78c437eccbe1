import { ServicePeriod } from "./accrualRuns";
import { DayNumber } from "./calendarDate";
import { portfolioKey } from "./schedule";

/** A portfolio's row of the Agreements table: its service period and the last continuance approval (each optional). */
export interface Agreement extends ServicePeriod {
  portfolio: string;
  commenced: DayNumber | null;
  terminated: DayNumber | null;
  lastApproval: DayNumber | null;
  /** Source row, for messages. */
  row?: number;
}

/** Agreements by portfolio key (names compared as the schedule compares them). */
export function agreementsByPortfolio(agreements: readonly Agreement[]): Map<string, Agreement> {
  return new Map(agreements.map((a) => [portfolioKey(a.portfolio), a]));
}
