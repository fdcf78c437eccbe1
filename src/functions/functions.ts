// The FEE.* custom functions. Each wrapper is one line over the runner; the JSDoc is what Excel shows.
// Loaded in the shared runtime with the task pane, and evaluable with only `CustomFunctions` defined.
// Each returns a value, or a promise only while the workbook's schedule is loading; the casts keep the
// declared types (which drive functions.json) to what Excel finally receives.
import { run } from "./runner";
import { startWorkbookSync } from "../workbook/office/scheduleSync";
import { workbookState } from "./workbookState";

/**
 * Day-count basis for a fee.
 * @customenum {string}
 */
export enum Basis {
  /** Actual/Actual (ISDA): each day 1/365, or 1/366 in a leap year. The default. */
  ACT_ACT = "ACT/ACT",
  /** Actual/365 Fixed: each day 1/365. */
  ACT_365 = "ACT/365",
  /** Actual/360: each day 1/360. */
  ACT_360 = "ACT/360",
  /** 30/360 US, as Excel's DAYS360 (fees from an average only). */
  THIRTY_360 = "30/360",
}

/**
 * When daily accruals are rounded to cents.
 * @customenum {string}
 */
export enum Rounding {
  /** Round each day's accrual to cents, then add them up, as the books post them. The default. */
  DAILY = "DAILY",
  /** Add up unrounded daily accruals and round the total once. */
  PERIOD = "PERIOD",
  /** Do not round. */
  NONE = "NONE",
}

/**
 * Which net-asset value prices a calendar day.
 * @customenum {string}
 */
export enum NavTiming {
  /** The value reported for the day, else the most recent before it. The default. */
  SAME_DAY = "SAME_DAY",
  /** The most recent value dated strictly before the day (Monday and the weekend use Friday's). */
  PRIOR_DAY = "PRIOR_DAY",
}

/**
 * Who gave notice of termination (§9 of the agreement).
 * @customenum {string}
 */
export enum NoticeParty {
  /** The Trust's Board or the Portfolio's shareholders: 60 days' notice. */
  TRUST = "TRUST",
  /** The Manager: 90 days' notice. */
  MANAGER = "MANAGER",
}

/**
 * Fee for a period from average daily net assets: annual fee on the average times the period's share of a year, rounded to cents (with a portfolio name, after its waivers). =FEE.MGMTFEE(0.10%, 500000000, DATE(2024,1,1), DATE(2024,1,31)) gives 42,349.73.
 * @customfunction MGMTFEE
 * @helpurl https://localhost:3000/help.html#mgmtfee
 * @param rate Annual rate (0.001, "0.10%" or "10bp"), a portfolio name from the Fee Schedule, or a two-column range of Breakpoint | Annual Rate.
 * @param average_net_assets Average daily net assets for the period.
 * @param period_start First day of the period.
 * @param period_end Last day of the period (included).
 * @param [basis] ACT/ACT, ACT/365, ACT/360 or 30/360 (default: the workbook's Fee Settings, else ACT/ACT).
 * @returns {number} The fee for the period, in cents.
 */
export function mgmtfee(rate: any[][], average_net_assets: any, period_start: any, period_end: any, basis?: Basis) {
  return run("MGMTFEE", [rate, average_net_assets, period_start, period_end, basis]) as number;
}

/**
 * Fee accrued day by day from daily net assets, rounded to cents each day; with a portfolio name, the fee payable after the workbook's Fee Waivers. =FEE.ACCRUE("MetLife Balanced Strategy Portfolio", C2:C32, A2:A32).
 * @customfunction ACCRUE
 * @helpurl https://localhost:3000/help.html#accrue
 * @param rate Annual rate (0.001, "0.10%", "10bp"), a portfolio name from the Fee Schedule, or a Breakpoint | Annual Rate range.
 * @param net_assets Net asset values, one per date.
 * @param dates The dates of those values (same size as net_assets).
 * @param [period_start] First day to accrue (default: the first date given).
 * @param [period_end] Last day to accrue (default: the last date given).
 * @param [basis] ACT/ACT, ACT/365 or ACT/360 (default: the workbook's Fee Settings, else ACT/ACT).
 * @param [rounding] DAILY, PERIOD or NONE (default: the workbook's Fee Settings, else DAILY).
 * @param [nav_timing] SAME_DAY or PRIOR_DAY (default: the workbook's Fee Settings, else SAME_DAY).
 * @returns {number} The accrued fee for the period.
 */
export function accrue(rate: any[][], net_assets: any[][], dates: any[][], period_start?: any, period_end?: any, basis?: Basis, rounding?: Rounding, nav_timing?: NavTiming) {
  return run("ACCRUE", [rate, net_assets, dates, period_start, period_end, basis, rounding, nav_timing]) as number;
}

/**
 * Prorates a month's fee to the days served: amount x days served in the month / days in the month, rounded to cents. Example: =FEE.PRORATE(3100, DATE(2024,1,1), DATE(2024,1,15)) gives 1,700.00 (17 of 31 days).
 * @customfunction PRORATE
 * @helpurl https://localhost:3000/help.html#prorate
 * @param amount The full month's fee.
 * @param month Any date in the month.
 * @param served_from First day of service.
 * @param [served_to] Last day of service (default: the end of the month).
 * @returns {number} The prorated fee.
 */
export function prorate(amount: any, month: any, served_from: any, served_to?: any) {
  return run("PRORATE", [amount, month, served_from, served_to]) as number;
}

/**
 * Average daily net assets over the calendar days of a period, each day taking the latest value on or before it (before it under PRIOR_DAY). Example: =FEE.ADNA(C2:C23, A2:A23, DATE(2024,1,1), DATE(2024,1,31)).
 * @customfunction ADNA
 * @helpurl https://localhost:3000/help.html#adna
 * @param net_assets Net asset values, one per date.
 * @param dates The dates of those values.
 * @param [period_start] First day (default: the first date given).
 * @param [period_end] Last day (default: the last date given).
 * @param [nav_timing] SAME_DAY or PRIOR_DAY (default: the workbook's Fee Settings, else SAME_DAY).
 * @returns {number} Average daily net assets.
 */
export function adna(net_assets: any[][], dates: any[][], period_start?: any, period_end?: any, nav_timing?: NavTiming) {
  return run("ADNA", [net_assets, dates, period_start, period_end, nav_timing]) as number;
}

/**
 * Annual rate in force for a portfolio of the Fee Schedule; with net assets, the effective (blended) rate across its breakpoints. Example: =FEE.RATE("MetLife Growth Strategy Portfolio", DATE(2024,1,31)) gives 0.001.
 * @customfunction RATE
 * @helpurl https://localhost:3000/help.html#rate
 * @param portfolio Portfolio name as in the Fee Schedule.
 * @param [as_of] Date (default: the latest version).
 * @param [net_assets] Asset level for a tiered rate (default: 0, the first tier's rate).
 * @returns {number} Annual rate as a fraction (0.001 = 0.10%).
 */
export function rate(portfolio: any, as_of?: any, net_assets?: any) {
  return run("RATE", [portfolio, as_of, net_assets]) as number;
}

/**
 * Day-by-day accrual table that spills: Date, Net Assets, Annual Rate, Daily Accrual (rounded to cents), Cumulative. Example: =FEE.DAILY(0.10%, C2:C23, A2:A23, DATE(2024,1,1), DATE(2024,1,31)).
 * @customfunction DAILY
 * @helpurl https://localhost:3000/help.html#daily
 * @param rate Annual rate, a portfolio name, or a Breakpoint | Annual Rate range.
 * @param net_assets Net asset values, one per date.
 * @param dates The dates of those values.
 * @param [period_start] First day (default: the first date given).
 * @param [period_end] Last day (default: the last date given).
 * @param [basis] ACT/ACT, ACT/365 or ACT/360 (default: the workbook's Fee Settings, else ACT/ACT).
 * @param [nav_timing] SAME_DAY or PRIOR_DAY (default: the workbook's Fee Settings, else SAME_DAY).
 * @returns {any[][]} One row per accruing day, with a header row.
 */
export function daily(rate: any[][], net_assets: any[][], dates: any[][], period_start?: any, period_end?: any, basis?: Basis, nav_timing?: NavTiming) {
  return run("DAILY", [rate, net_assets, dates, period_start, period_end, basis, nav_timing]) as any[][];
}

/**
 * The workbook's fee schedule as a spilled table: Portfolio, Effective From, Breakpoint, Annual Rate. Example: =FEE.SCHEDULE(DATE(2024,1,31)).
 * @customfunction SCHEDULE
 * @helpurl https://localhost:3000/help.html#schedule
 * @param [as_of] Date (default: the latest version of each portfolio).
 * @returns {any[][]} The schedule in force, with a header row.
 */
export function schedule(as_of?: any) {
  return run("SCHEDULE", [as_of]) as any[][];
}

/**
 * Fee waived for a portfolio over a period: its fee under the Fee Schedule less the fee payable under the workbook's Fee Waivers, on the same daily net assets. =FEE.WAIVER("Fund", C2:C32, A2:A32).
 * @customfunction WAIVER
 * @helpurl https://localhost:3000/help.html#waiver
 * @param portfolio Portfolio name as in the Fee Schedule (its waivers are in the Fee Waivers table).
 * @param net_assets Net asset values, one per date.
 * @param dates The dates of those values (same size as net_assets).
 * @param [period_start] First day (default: the first date given).
 * @param [period_end] Last day (default: the last date given).
 * @param [basis] ACT/ACT, ACT/365 or ACT/360 (default: the workbook's Fee Settings, else ACT/ACT).
 * @param [rounding] DAILY, PERIOD or NONE (default: the workbook's Fee Settings, else DAILY).
 * @param [nav_timing] SAME_DAY or PRIOR_DAY (default: the workbook's Fee Settings, else SAME_DAY).
 * @returns {number} The waiver for the period (0 where none applies).
 */
export function waiver(portfolio: any, net_assets: any[][], dates: any[][], period_start?: any, period_end?: any, basis?: Basis, rounding?: Rounding, nav_timing?: NavTiming) {
  return run("WAIVER", [portfolio, net_assets, dates, period_start, period_end, basis, rounding, nav_timing]) as number;
}

/**
 * Fee at the effective rate of combined assets: each day the rate's annual fee on the group's net assets times this portfolio's share, over the day count. =FEE.GROUPFEE(D2:E6, C2:C31, F2:F31, A2:A31).
 * @customfunction GROUPFEE
 * @helpurl https://localhost:3000/help.html#groupfee
 * @param rate Annual rate, a portfolio name, or a Breakpoint | Annual Rate range, applied to the group's combined net assets.
 * @param net_assets This portfolio's net assets, one per date.
 * @param group_net_assets The group's combined net assets on the same dates, this portfolio included.
 * @param dates The dates of those values (same size as net_assets).
 * @param [period_start] First day (default: the first date given).
 * @param [period_end] Last day (default: the last date given).
 * @param [basis] ACT/ACT, ACT/365 or ACT/360 (default: the workbook's Fee Settings, else ACT/ACT).
 * @param [rounding] DAILY, PERIOD or NONE (default: the workbook's Fee Settings, else DAILY).
 * @param [nav_timing] SAME_DAY or PRIOR_DAY (default: the workbook's Fee Settings, else SAME_DAY).
 * @returns {number} The fee for the period (the effective rate is not rounded).
 */
export function groupfee(rate: any[][], net_assets: any[][], group_net_assets: any[][], dates: any[][], period_start?: any, period_end?: any, basis?: Basis, rounding?: Rounding, nav_timing?: NavTiming) {
  return run("GROUPFEE", [rate, net_assets, group_net_assets, dates, period_start, period_end, basis, rounding, nav_timing]) as number;
}

/**
 * Last day the Manager serves after a notice of termination (§9): the notice date plus 60 days (TRUST), plus 90 (MANAGER), or plus the days agreed. =FEE.TERMINATION(DATE(2006,3,10), "TRUST") gives 2006-05-09.
 * @customfunction TERMINATION
 * @helpurl https://localhost:3000/help.html#termination
 * @param notice_date The date written notice was given.
 * @param given_by TRUST (60 days' notice) or MANAGER (90 days').
 * @param [notice_days] A shorter notice the parties agreed, in days.
 * @returns {number} The last day served, as a date serial (format the cell as a date).
 */
export function termination(notice_date: any, given_by: NoticeParty, notice_days?: any) {
  return run("TERMINATION", [notice_date, given_by, notice_days]) as number;
}

startWorkbookSync(workbookState);
