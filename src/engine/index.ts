// The engine's public surface. Everything outside src/engine imports from here.
export { Dec, ZERO, divideToCents, centsToDec, toDouble, sumOf } from "./decimal";
export { FeeError, isFeeError, withWhere, ERROR_KIND } from "./FeeError";
export type { FeeErrorCode, FeeErrorWhere } from "./FeeError";
export {
  fromYmd,
  toYmd,
  formatIso,
  parseIsoDate,
  isLeapYear,
  isValidYmd,
  daysInMonth,
  daysInYear,
  yearOf,
  monthStart,
  monthEnd,
  monthOf,
  formatMonth,
  parseMonth,
} from "./calendarDate";
export type { DayNumber, Ymd, Month } from "./calendarDate";
export { fromExcelSerial, ordinarySerials, toExcelSerial } from "./excelSerial";
export type { DateSystem } from "./excelSerial";
export { days360 } from "./days360";
export { conventionKey, lookupConvention, conventionIds, parseConvention, joinChoices } from "./convention";
export type { Convention } from "./convention";
export { DAY_COUNTS, isDayCountId, parseDayCount, dayCountOfExcelBasis, dailyDayCounts } from "./dayCount";
export type { DayCount, DayCountId } from "./dayCount";
export { ROUNDINGS, parseRounding } from "./rounding";
export type { Rounding, RoundingRule } from "./rounding";
export { NAV_TIMINGS, parseNavTiming } from "./navTiming";
export type { NavTiming, NavTimingConvention } from "./navTiming";
export { parseRate, parseRateValue, parseAmount, checkRate } from "./parseRate";
export { annualFee, blendedRate } from "./tiers";
export type { Tier } from "./tiers";
export {
  validateSchedule,
  buildSchedule,
  findPortfolio,
  requirePortfolio,
  versionAt,
  singleVersion,
  scheduleAsOf,
  portfolioKey,
} from "./schedule";
export type { FeeSchedule, PortfolioSchedule, ScheduleVersion, ScheduleRow, ScheduleIssue, ScheduleIssueCode } from "./schedule";
export { NavSeries } from "./navSeries";
export type { NavPoint } from "./navSeries";
export { forEachAccrualRun } from "./accrualRuns";
export type { AccrualRun, RunOptions, ServicePeriod } from "./accrualRuns";
export { accrue, dayNumber } from "./accrue";
export type { AccrualDay, AccrualResult, AccrueOptions, DayMoney, KeptDays } from "./accrue";
export { averageDailyNetAssets } from "./averageDailyNetAssets";
export { feeFromAverage, feeFromAverageForPortfolio } from "./feeFromAverage";
export { prorate } from "./prorate";
export { reconcile, keptDaysOfRow } from "./reconcile";
export type { ReconcileInput, ReconReport, ReconRow, ReconStatus, NetAssetInput, NetAssetColumns, InvoiceInput } from "./reconcile";
export { agreementsByPortfolio } from "./agreements";
export type { Agreement } from "./agreements";
export { agreementCalendar, oneYearAfter, DUE_SOON_DAYS } from "./agreementCalendar";
export type { CalendarRow, CalendarStatus } from "./agreementCalendar";
export { NOTICE_RULES, parseNoticeParty, lastDayServed } from "./termination";
export type { NoticeParty, NoticeRule } from "./termination";
export { SETTING_DEFINITIONS, DEFAULT_SETTINGS, settingByLabel, resolveSettings } from "./settings";
export type { FeeSettings, SettingKey, SettingKind, SettingDefinition } from "./settings";
export { SCHEDULE_A_HISTORY, scheduleARows } from "./scheduleA";
export type { ScheduleAVersion } from "./scheduleA";
export { buildWaivers, findWaivers, waiverAt } from "./waivers";
export type { WaiverRow, WaiverPeriod, PortfolioWaivers, WaiverSchedule, WaiverIssue, WaiverIssueCode } from "./waivers";
export { applyWaivers, waivedNumber } from "./applyWaivers";
export type { WaivedAccrual, WaivedDay, WaivedMoney } from "./applyWaivers";
export { buildSubAdvisory, buildGroups, findSubAdvisory, findGroup } from "./subAdvisory";
export type {
  SubAdvisoryRow,
  SubAdvisoryVersion,
  PortfolioSubAdvisory,
  SubAdvisorySchedule,
  GroupRow,
  AggregationGroup,
  AggregationGroups,
  SubAdvisoryIssue,
  SubAdvisoryIssueCode,
} from "./subAdvisory";
export { dayNetAssetsOf, combinedNetAssets } from "./dayNetAssets";
export type { DayNetAssets, DayValue } from "./dayNetAssets";
export { accrueAtGroupRate } from "./accrueAtGroupRate";
export type { GroupAccrualDay, GroupAccrualResult } from "./accrueAtGroupRate";
export { feeBreakdown, subAdvisoryFee } from "./feeBreakdown";
export type { FeeArrangements, FeeBreakdown } from "./feeBreakdown";
