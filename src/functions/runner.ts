import {
  DayNumber,
  FeeError,
  FeeSettings,
  PortfolioSchedule,
  ServicePeriod,
  PortfolioWaivers,
  ZERO,
  accrue,
  accrueAtGroupRate,
  agreementsByPortfolio,
  applyWaivers,
  dayNetAssetsOf,
  findWaivers,
  averageDailyNetAssets,
  blendedRate,
  feeFromAverageForPortfolio,
  formatIso,
  lastDayServed,
  portfolioKey,
  prorate,
  resolveSettings,
  scheduleAsOf,
  toExcelSerial,
  versionAt,
} from "../engine";
import { COERCERS, isOmitted, isPortfolioName, toSeries } from "./coerce";
import { toExcelError } from "./errorMap";
import { ArgSpec, ArgsOf, FUNCTION_SPECS, FunctionId } from "./spec";
import { WorkbookState, workbookState } from "./workbookState";

type Result = number | (number | string)[][];
type Impl<F extends FunctionId> = (a: ArgsOf<F>, wb: WorkbookState) => Result;

const num = (x: { toNumber(): number }) => x.toNumber();

/** The period of a daily series: the given days, else the first and last dates given. */
function period(start: DayNumber | undefined, end: DayNumber | undefined, first: DayNumber, last: DayNumber) {
  const s = start ?? first;
  const e = end ?? last;
  if (e < s) throw new FeeError("END_BEFORE_START", { argument: "period_end" }, `${formatIso(e)} is before ${formatIso(s)}`);
  return { start: s, end: e };
}

/** A portfolio named from the schedule accrues only inside its service period in the workbook's Agreements. */
function serviceOf(p: PortfolioSchedule, wb: WorkbookState): ServicePeriod | undefined {
  if (!p.portfolio) return undefined;
  if (wb.agreementsError) throw new FeeError("INVALID_SETTINGS", { argument: "the workbook's Agreements" }, wb.agreementsError);
  return agreementsByPortfolio(wb.agreements).get(portfolioKey(p.portfolio));
}

/** A portfolio named from the schedule pays its fee after the waivers in the workbook's Fee Waivers; a bare rate has none. */
function waiversOf(p: PortfolioSchedule, wb: WorkbookState): PortfolioWaivers | undefined {
  if (!p.portfolio) return undefined;
  if (wb.waiversError) throw new FeeError("INVALID_SETTINGS", { argument: "the workbook's Fee Waivers" }, wb.waiversError);
  return findWaivers(wb.waivers, p.portfolio);
}

/** A daily series accrued under the arguments, and its waivers applied: gross, payable and waiver for the period. */
function accrueAfterWaivers(a: ArgsOf<"ACCRUE"> | ArgsOf<"WAIVER">, p: PortfolioSchedule, wb: WorkbookState) {
  const { series, first, last } = toSeries(a.net_assets, a.dates, wb.dateSystem);
  const { start, end } = period(a.period_start, a.period_end, first, last);
  const waivers = waiversOf(p, wb);
  const r = accrue(p, series, start, end, { basis: a.basis, rounding: a.rounding, navTiming: a.nav_timing, service: serviceOf(p, wb), detail: Boolean(waivers) });
  return waivers ? applyWaivers(r.days, waivers, a.rounding) : { gross: r.fee, payable: r.fee, waiver: ZERO };
}

const IMPLS: { [F in FunctionId]: Impl<F> } = {
  MGMTFEE: (a, wb) => num(feeFromAverageForPortfolio(a.rate, a.average_net_assets, a.period_start, a.period_end, a.basis, waiversOf(a.rate, wb))),
  ACCRUE: (a, wb) => num(accrueAfterWaivers(a, a.rate, wb).payable),
  WAIVER: (a, wb) => num(accrueAfterWaivers(a, a.portfolio, wb).waiver),
  GROUPFEE: (a, wb) => {
    const own = toSeries(a.net_assets, a.dates, wb.dateSystem);
    const group = toSeries(a.group_net_assets, a.dates, wb.dateSystem, "group_net_assets");
    const { start, end } = period(a.period_start, a.period_end, own.first, own.last);
    const combined = dayNetAssetsOf(group.series, a.nav_timing);
    return num(accrueAtGroupRate(a.rate.versions, dayNetAssetsOf(own.series, a.nav_timing), () => combined, start, end, { basis: a.basis, rounding: a.rounding }).fee);
  },
  PRORATE: (a) => num(prorate(a.amount, a.month, a.served_from, a.served_to).amount),
  ADNA: (a, wb) => {
    const { series, first, last } = toSeries(a.net_assets, a.dates, wb.dateSystem);
    const { start, end } = period(a.period_start, a.period_end, first, last);
    const r = averageDailyNetAssets(series, start, end, a.nav_timing);
    if (!r.average) throw new FeeError("NO_DATA", { argument: "net_assets" }, `no value ${a.nav_timing === "PRIOR_DAY" ? "before" : "on or before"} ${formatIso(end)}`);
    return num(r.average);
  },
  RATE: (a) => {
    const p = a.portfolio;
    const v = a.as_of === undefined ? p.versions[p.versions.length - 1] : versionAt(p, a.as_of);
    if (!v) throw new FeeError("NO_DATA", { argument: "as_of" }, `${p.portfolio} has no rate in force on ${formatIso(a.as_of!)}`);
    if (a.net_assets.isNegative()) throw new FeeError("NEGATIVE_NET_ASSETS", { argument: "net_assets", value: a.net_assets.toString() });
    return num(blendedRate(v.tiers, a.net_assets));
  },
  DAILY: (a, wb) => {
    const { series, first, last } = toSeries(a.net_assets, a.dates, wb.dateSystem);
    const { start, end } = period(a.period_start, a.period_end, first, last);
    const r = accrue(a.rate, series, start, end, { basis: a.basis, rounding: "DAILY", navTiming: a.nav_timing, service: serviceOf(a.rate, wb) });
    const out: (number | string)[][] = [["Date", "Net Assets", "Annual Rate", "Daily Accrual", "Cumulative"]];
    for (const d of r.days) out.push([toExcelSerial(d.date, wb.dateSystem), num(d.netAssets), num(d.annualRate), num(d.accrual), num(d.cumulative)]);
    if (r.days.length === 0) out.push(["", "", "", "", ""]);
    return out;
  },
  SCHEDULE: (a, wb) => {
    const day = a.as_of;
    const out: (number | string)[][] = [["Portfolio", "Effective From", "Breakpoint", "Annual Rate"]];
    const versions =
      day === undefined ? wb.schedule.portfolios.map((p) => ({ portfolio: p.portfolio, version: p.versions[p.versions.length - 1] })).filter((x) => x.version) : scheduleAsOf(wb.schedule, day);
    for (const { portfolio, version } of versions) {
      for (const t of version.tiers) out.push([portfolio, toExcelSerial(version.effectiveFrom, wb.dateSystem), num(t.breakpoint), num(t.rate)]);
    }
    if (out.length === 1) out.push(["", "", "", ""]);
    return out;
  },
  TERMINATION: (a, wb) => toExcelSerial(lastDayServed(a.notice_date, a.given_by, a.notice_days), wb.dateSystem),
};

const specArgs = (id: FunctionId): readonly ArgSpec[] => FUNCTION_SPECS[id].args;

/** Whether a call needs the workbook's fee schedule: a portfolio name, or a function that reads the schedule itself. */
function needsSchedule(id: FunctionId, args: readonly unknown[]): boolean {
  if (id === "SCHEDULE") return true;
  return specArgs(id).some((a, i) => (a.kind === "portfolio" && !isOmitted(args[i])) || (a.kind === "rate" && isPortfolioName(args[i])));
}

/** Whether a call takes a setting from the workbook: an omitted argument whose default is a Fee Settings row. */
function needsSettings(id: FunctionId, args: readonly unknown[]): boolean {
  return specArgs(id).some((a, i) => a.default !== undefined && "setting" in a.default && isOmitted(args[i]));
}

/** The settings an omitted argument takes: the workbook's Fee Settings, else the built-in defaults. */
function settingsOf(wb: WorkbookState): Required<FeeSettings> {
  if (wb.settingsError) throw new FeeError("INVALID_SETTINGS", { argument: "the workbook's Fee Settings" }, wb.settingsError);
  return resolveSettings(wb.settings);
}

/**
 * Coerces Excel's arguments by the spec: each argument with the one coercer of
 * its kind, an omitted optional one from its default (a value, a Fee Settings
 * row, or left to the implementation). Returns the named, typed arguments.
 */
function coerceArgs(id: FunctionId, args: readonly unknown[], wb: WorkbookState): Record<string, unknown> {
  const named: Record<string, unknown> = {};
  let settings: Required<FeeSettings> | undefined;
  specArgs(id).forEach((spec, i) => {
    const raw = args[i];
    if (spec.optional && isOmitted(raw)) {
      const d = spec.default;
      if (d && "value" in d) named[spec.name] = d.value;
      else if (d && "setting" in d) named[spec.name] = (settings ??= settingsOf(wb))[d.setting];
      else named[spec.name] = undefined;
      return;
    }
    named[spec.name] = (COERCERS[spec.kind] as (raw: unknown, c: { argument: string; schedule: WorkbookState["schedule"]; dateSystem: WorkbookState["dateSystem"] }) => unknown)(raw, {
      argument: spec.name,
      schedule: wb.schedule,
      dateSystem: wb.dateSystem,
    });
  });
  return named;
}

/**
 * Runs a function the way Excel calls it: synchronously when the answer is
 * available; as a promise only while the workbook (its schedule and settings)
 * is still loading. Every failure becomes a CustomFunctions.Error with a message.
 */
export function run(id: FunctionId, args: unknown[], wb: WorkbookState = workbookState): unknown {
  try {
    const schedule = needsSchedule(id, args);
    if (schedule || needsSettings(id, args)) {
      if (wb.status === "loading") return wb.ready.then(() => run(id, args, wb));
      if (wb.status === "error" && (schedule || wb.issues.length === 0)) {
        throw new FeeError(schedule ? "INVALID_SCHEDULE" : "INVALID_SETTINGS", { argument: schedule ? "the workbook's Fee Schedule" : "the workbook's Fee Settings" }, wb.error);
      }
    }
    return (IMPLS[id] as Impl<FunctionId>)(coerceArgs(id, args, wb) as never, wb);
  } catch (e) {
    throw toExcelError(e);
  }
}
