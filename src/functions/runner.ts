import {
  Dec,
  FeeError,
  accrue,
  averageDailyNetAssets,
  blendedRate,
  feeFromAverageForPortfolio,
  formatIso,
  prorate,
  requirePortfolio,
  scheduleAsOf,
  toExcelSerial,
  versionAt,
} from "../engine";
import { forArgument, isBlank, isPortfolioName, scalar, toAmount, toBasis, toDate, toOptionalDate, toRate, toRounding, toSeries } from "./coerce";
import { toExcelError } from "./errorMap";
import { FUNCTION_SPECS, FunctionId } from "./spec";
import { WorkbookState, workbookState } from "./workbookState";

type Impl = (args: unknown[], wb: WorkbookState) => number | (number | string)[][];

const num = (x: Dec) => x.toNumber();

function accrualPeriod(args: unknown[], startAt: number, wb: WorkbookState, first: number, last: number) {
  const start = toOptionalDate(args[startAt], "period_start", wb.dateSystem) ?? first;
  const end = toOptionalDate(args[startAt + 1], "period_end", wb.dateSystem) ?? last;
  if (end < start) throw new FeeError("END_BEFORE_START", { argument: "period_end" }, `${formatIso(end)} is before ${formatIso(start)}`);
  return { start, end };
}

const IMPLS: Record<FunctionId, Impl> = {
  MGMTFEE: ([rate, avg, start, end, basis], wb) => {
    const p = toRate(rate, wb.schedule);
    const b = toBasis(basis);
    const s = toDate(start, "period_start", wb.dateSystem);
    const e = toDate(end, "period_end", wb.dateSystem);
    const a = forArgument("average_net_assets", () => toAmount(avg, "average_net_assets"));
    return num(feeFromAverageForPortfolio(p, a, s, e, b));
  },
  ACCRUE: (args, wb) => {
    const [rate, navs, dates] = args;
    const p = toRate(rate, wb.schedule);
    const basis = toBasis(args[5]);
    const rounding = toRounding(args[6]);
    const { series, first, last } = toSeries(navs, dates, wb.dateSystem);
    const { start, end } = accrualPeriod(args, 3, wb, first, last);
    return num(forArgument("basis", () => accrue(p, series, start, end, { basis, rounding, detail: false })).fee);
  },
  PRORATE: ([amount, month, from, to], wb) => {
    const a = toAmount(amount, "amount");
    const m = toDate(month, "month", wb.dateSystem);
    const f = toDate(from, "served_from", wb.dateSystem);
    const t = toOptionalDate(to, "served_to", wb.dateSystem);
    return num(prorate(a, m, f, t).amount);
  },
  ADNA: (args, wb) => {
    const { series, first, last } = toSeries(args[0], args[1], wb.dateSystem);
    const { start, end } = accrualPeriod(args, 2, wb, first, last);
    const r = averageDailyNetAssets(series, start, end);
    if (!r.average) throw new FeeError("NO_DATA", { argument: "net_assets" }, `no value on or before ${formatIso(end)}`);
    return num(r.average);
  },
  RATE: ([portfolio, asOf, netAssets], wb) => {
    const name = scalar(portfolio);
    if (isBlank(name)) throw new FeeError("MISSING_ARGUMENT", { argument: "portfolio" });
    const p = requirePortfolio(wb.schedule, String(name).trim(), "portfolio");
    const day = toOptionalDate(asOf, "as_of", wb.dateSystem);
    const v = day === undefined ? p.versions[p.versions.length - 1] : versionAt(p, day);
    if (!v) throw new FeeError("NO_DATA", { argument: "as_of" }, `${p.portfolio} has no rate in force on ${formatIso(day!)}`);
    const na = isBlank(scalar(netAssets)) ? new Dec(0) : toAmount(netAssets, "net_assets");
    if (na.isNegative()) throw new FeeError("NEGATIVE_NET_ASSETS", { argument: "net_assets", value: na.toString() });
    return num(blendedRate(v.tiers, na));
  },
  DAILY: (args, wb) => {
    const p = toRate(args[0], wb.schedule);
    const basis = toBasis(args[5]);
    const { series, first, last } = toSeries(args[1], args[2], wb.dateSystem);
    const { start, end } = accrualPeriod(args, 3, wb, first, last);
    const r = forArgument("basis", () => accrue(p, series, start, end, { basis, rounding: "DAILY" }));
    const out: (number | string)[][] = [["Date", "Net Assets", "Annual Rate", "Daily Accrual", "Cumulative"]];
    for (const d of r.days) out.push([toExcelSerial(d.date, wb.dateSystem), num(d.netAssets), num(d.annualRate), num(d.accrual), num(d.cumulative)]);
    if (r.days.length === 0) out.push(["", "", "", "", ""]);
    return out;
  },
  SCHEDULE: ([asOf], wb) => {
    const day = toOptionalDate(asOf, "as_of", wb.dateSystem);
    const out: (number | string)[][] = [["Portfolio", "Effective From", "Breakpoint", "Annual Rate"]];
    const versions =
      day === undefined ? wb.schedule.portfolios.map((p) => ({ portfolio: p.portfolio, version: p.versions[p.versions.length - 1] })).filter((x) => x.version) : scheduleAsOf(wb.schedule, day);
    for (const { portfolio, version } of versions) {
      for (const t of version.tiers) out.push([portfolio, toExcelSerial(version.effectiveFrom, wb.dateSystem), num(t.breakpoint), num(t.rate)]);
    }
    if (out.length === 1) out.push(["", "", "", ""]);
    return out;
  },
};

/** Whether a call needs the workbook's fee schedule (and so must wait while it loads). */
function needsSchedule(id: FunctionId, args: unknown[]): boolean {
  if (id === "RATE" || id === "SCHEDULE") return true;
  const rateAt = FUNCTION_SPECS[id].args.findIndex((a) => a.kind === "rate");
  return rateAt >= 0 && isPortfolioName(args[rateAt]);
}

/**
 * Runs a function the way Excel calls it: synchronously when the answer is
 * available; as a promise only while the workbook's schedule is still loading.
 * Every failure becomes a CustomFunctions.Error with a message.
 */
export function run(id: FunctionId, args: unknown[], wb: WorkbookState = workbookState): unknown {
  try {
    if (needsSchedule(id, args)) {
      if (wb.status === "loading") return wb.ready.then(() => run(id, args, wb));
      if (wb.status === "error") throw new FeeError("INVALID_SCHEDULE", { argument: "the workbook's Fee Schedule" }, wb.error);
    }
    return IMPLS[id](args, wb);
  } catch (e) {
    throw toExcelError(e);
  }
}
