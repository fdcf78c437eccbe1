#!/usr/bin/env node
// First, before the other modules load: the input file starts being read (inputPrefetch.ts; in the
// bundle the loader has already started it, before compiling the bundle).
import { readInputEarly } from "./early";
if (require.main === module) readInputEarly(process.argv.slice(2));
import { writeSync } from "fs";
import path from "path";

import {
  DayCountId,
  Dec,
  NavSeries,
  PortfolioSchedule,
  Rounding,
  accrue,
  formatIso,
  DAY_COUNTS,
  ROUNDINGS,
  conventionIds,
  dailyDayCounts,
  lookupConvention,
  NAV_TIMINGS,
  NavTiming,
  FeeSettings,
  Agreement,
  agreementsByPortfolio,
  resolveSettings,
  isFeeError,
  parseIsoDate,
  parseMonth,
  parseRate,
  portfolioKey,
  findPortfolio,
  FeeSchedule,
  singleVersion,
} from "../engine";
import { isWorkbookError, WorkbookError } from "../workbook/cells";
import { readNetAssets, requireValidSchedule, NetAssetRow } from "../workbook/contract";
import { readSettings } from "../workbook/settingsSheet";
import { readAgreements } from "../workbook/agreementsSheet";
import { FileBackend } from "../workbook/xlsx/fileBackend";
import { openFileBackend } from "../workbook/xlsx/xlsxFile";
import { requireBlock, runMonthEnd } from "../workbook/monthEnd";
import { refuseOutIsInput, writeFileAtomic } from "./outFile";
import { parseArgs, UsageError } from "./args";
import { readNavCsv } from "./csv";
import { accrueJson, reconcileJson } from "./json";
import { formatAccrueTable, formatCalendarTable, formatReconTable } from "./table";
import { calendarJson, runCalendar } from "../workbook/calendarSheet";

const USAGE = `usage:
  mgmtfee reconcile BOOK.xlsx --month YYYY-MM [--tolerance 0.01] [--nav-timing SAME_DAY|PRIOR_DAY]
          [--out OUT.xlsx] [--json]
  mgmtfee accrue NAVS.(xlsx|csv) --portfolio NAME --from YYYY-MM-DD --to YYYY-MM-DD
          [--rate 0.10% | --schedule BOOK.xlsx] [--basis ACT/ACT|ACT/365|ACT/360]
          [--rounding DAILY|PERIOD|NONE] [--nav-timing SAME_DAY|PRIOR_DAY] [--json]
  mgmtfee calendar BOOK.xlsx --as-of YYYY-MM-DD [--out OUT.xlsx] [--json]

Settings not given as flags come from the workbook's Fee Settings, then the defaults.`;

/** Runs a step, saying on stderr what it is doing if it takes more than a second. */
async function step<T>(label: string, work: () => Promise<T>): Promise<T> {
  // Written to fd 2 directly: the first use of process.stderr builds its stream (5-15 ms on a pipe), in the
  // middle of the run; a progress line that cannot be written at once (a full non-blocking pipe) is dropped.
  const timer = setTimeout(() => {
    try {
      writeSync(2, `mgmtfee: ${label}...\n`);
    } catch {
      // only a progress line
    }
  }, 1000);
  try {
    return await work();
  } finally {
    clearTimeout(timer);
  }
}

function option(p: ReturnType<typeof parseArgs>, name: string): string | undefined {
  const v = p.options.get(name);
  return v === true ? undefined : v;
}

function oneInput(p: ReturnType<typeof parseArgs>, command: string): string {
  if (p.positional.length !== 1) throw new UsageError(`${command} takes one input file, got ${p.positional.length}`);
  return p.positional[0];
}

async function runReconcile(argv: string[]): Promise<number> {
  const p = parseArgs(argv, ["month", "tolerance", "nav-timing", "out", "json"], ["json"]);
  const input = oneInput(p, "reconcile");
  const monthText = option(p, "month");
  if (!monthText) throw new UsageError("reconcile needs --month YYYY-MM");
  let month;
  try {
    month = parseMonth(monthText);
  } catch {
    throw new UsageError(`--month ${JSON.stringify(monthText)} is not a valid month; use YYYY-MM`);
  }
  const tolText = option(p, "tolerance");
  if (tolText !== undefined && !/^\d+(\.\d+)?$/.test(tolText)) throw new UsageError(`--tolerance ${JSON.stringify(tolText)} must be a number of at least 0`);
  const tolerance = tolText === undefined ? undefined : new Dec(tolText);
  const navTiming = parseNavTimingOption(option(p, "nav-timing"));
  const out = option(p, "out");
  if (out) refuseOutIsInput(input, out);

  const backend = await step(`reading ${path.basename(input)}`, () => openFileBackend(input));
  const { report } = await step("reconciling", () => runMonthEnd(backend, month, tolerance, Boolean(out), { navTiming }));
  const text = () => (p.options.has("json") ? `${JSON.stringify(reconcileJson(report), null, 2)}\n` : formatReconTable(report, out));
  // The report is formatted while the thread pool writes the file, and printed once the file is in place.
  process.stdout.write(out ? await writeFileAtomic(out, backend.chunks(), text) : text());
  return report.rows.every((r) => r.status === "OK") ? 0 : 1;
}

function parseBasis(text: string | undefined): DayCountId {
  const daily = dailyDayCounts();
  const b = lookupConvention(DAY_COUNTS, text ?? "ACT/ACT");
  if (!b || !daily.includes(b)) throw new UsageError(`--basis ${JSON.stringify(text)} is not one of ${daily.join(", ")}`);
  return b;
}

function parseNavTimingOption(text: string | undefined): NavTiming | undefined {
  if (text === undefined) return undefined;
  const t = lookupConvention(NAV_TIMINGS, text);
  if (!t) throw new UsageError(`--nav-timing ${JSON.stringify(text)} is not one of ${conventionIds(NAV_TIMINGS).join(", ")}`);
  return t;
}

function parseRounding(text: string | undefined): Rounding {
  const r = lookupConvention(ROUNDINGS, text ?? "DAILY");
  if (!r) throw new UsageError(`--rounding ${JSON.stringify(text)} is not one of ${conventionIds(ROUNDINGS).join(", ")}`);
  return r;
}

function parseDateOption(name: string, text: string | undefined) {
  if (!text) throw new UsageError(`accrue needs --${name} YYYY-MM-DD`);
  try {
    return parseIsoDate(text);
  } catch {
    throw new UsageError(`--${name} ${JSON.stringify(text)} is not a date; use YYYY-MM-DD`);
  }
}

async function runAccrue(argv: string[]): Promise<number> {
  const p = parseArgs(argv, ["portfolio", "from", "to", "rate", "schedule", "basis", "rounding", "nav-timing", "json"], ["json"]);
  const input = oneInput(p, "accrue");
  const name = option(p, "portfolio");
  if (!name) throw new UsageError("accrue needs --portfolio NAME");
  const from = parseDateOption("from", option(p, "from"));
  const to = parseDateOption("to", option(p, "to"));
  if (to < from) throw new UsageError(`--to ${formatIso(to)} is before --from ${formatIso(from)}`);
  const flags: FeeSettings = {
    basis: option(p, "basis") === undefined ? undefined : parseBasis(option(p, "basis")),
    rounding: option(p, "rounding") === undefined ? undefined : parseRounding(option(p, "rounding")),
    navTiming: parseNavTimingOption(option(p, "nav-timing")),
  };
  const rateText = option(p, "rate");
  const scheduleFile = option(p, "schedule");
  if (rateText && scheduleFile) throw new UsageError("give --rate or --schedule, not both");

  const isCsv = /\.csv$/i.test(input);
  let rows: NetAssetRow[];
  let portfolio: PortfolioSchedule | null = null;
  // Settings and service periods come from the workbook that gives the schedule (--schedule, else the input).
  let settingsBook: FileBackend | null = null;
  if (rateText) {
    try {
      portfolio = singleVersion([{ breakpoint: new Dec(0), rate: parseRate(rateText) }], name);
    } catch (e) {
      throw new UsageError(`--rate ${isFeeError(e) ? e.message.replace(/^input /, "") : String(e)}`);
    }
  }
  if (isCsv) {
    rows = await step(`reading ${path.basename(input)}`, () => readNavCsv(input));
  } else {
    const book = await step(`reading ${path.basename(input)}`, () => openFileBackend(input));
    settingsBook = book;
    const system = await book.dateSystem();
    rows = readNetAssets(await requireBlock(book, "netAssets"), system);
    if (!portfolio && !scheduleFile) portfolio = scheduleMember(requireValidSchedule(await requireBlock(book, "schedule"), system), name, book.label);
  }
  if (!portfolio) {
    if (!scheduleFile) throw new UsageError("a CSV has no fee schedule: give --rate or --schedule BOOK.xlsx");
    const sbook = await step(`reading ${path.basename(scheduleFile)}`, () => openFileBackend(scheduleFile));
    settingsBook = sbook;
    portfolio = scheduleMember(requireValidSchedule(await requireBlock(sbook, "schedule"), await sbook.dateSystem()), name, sbook.label);
  }
  let own: FeeSettings = {};
  let service: Agreement | undefined;
  if (settingsBook) {
    const book = settingsBook;
    const system = await book.dateSystem();
    const sblock = await book.readBlock("settings");
    if (sblock) own = readSettings(sblock, system);
    const ablock = await book.readBlock("agreements");
    if (ablock) service = agreementsByPortfolio(readAgreements(ablock, system)).get(portfolioKey(name));
  }
  const settings = resolveSettings(flags, own);
  const basis = settings.basis;
  if (!dailyDayCounts().includes(basis)) throw new WorkbookError({ file: settingsBook?.file, sheet: "Fee Settings", column: "Value" }, `Day Count ${basis} has no daily denominator; use ${dailyDayCounts().join(", ")}`);
  const key = portfolioKey(name);
  const mine = rows.filter((r) => portfolioKey(r.portfolio) === key);
  const series = NavSeries.from(mine.map((r) => ({ date: r.date, netAssets: r.netAssets, row: r.row })), "Net Assets");
  const result = accrue(portfolio, series, from, to, { basis, rounding: settings.rounding, navTiming: settings.navTiming, service, detail: false });
  const label = portfolio.portfolio || name;
  process.stdout.write(p.options.has("json") ? `${JSON.stringify(accrueJson(label, result), null, 2)}\n` : formatAccrueTable(label, result));
  return result.accruingDays > 0 ? 0 : 1;
}

async function runCalendarCommand(argv: string[]): Promise<number> {
  const p = parseArgs(argv, ["as-of", "out", "json"], ["json"]);
  const input = oneInput(p, "calendar");
  const asOfText = option(p, "as-of");
  if (!asOfText) throw new UsageError("calendar needs --as-of YYYY-MM-DD");
  let asOf;
  try {
    asOf = parseIsoDate(asOfText);
  } catch {
    throw new UsageError(`--as-of ${JSON.stringify(asOfText)} is not a date; use YYYY-MM-DD`);
  }
  const out = option(p, "out");
  if (out && path.resolve(out) === path.resolve(input)) throw new UsageError("--out must not be the input file: the input is never modified");
  const backend = await step(`reading ${path.basename(input)}`, () => openFileBackend(input));
  const result = await runCalendar(backend, asOf, Boolean(out));
  const text = () => (p.options.has("json") ? `${JSON.stringify(calendarJson(result), null, 2)}\n` : formatCalendarTable(result, out));
  process.stdout.write(out ? await writeFileAtomic(out, backend.chunks(), text) : text());
  return result.rows.some((r) => r.status === "DUE_SOON" || r.status === "OVERDUE") ? 1 : 0;
}

function scheduleMember(schedule: FeeSchedule, name: string, file: string): PortfolioSchedule {
  const p = findPortfolio(schedule, name);
  if (!p) throw new WorkbookError({ file, sheet: "Fee Schedule", column: "Portfolio" }, `no portfolio named ${JSON.stringify(name)}`);
  return p;
}

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command === "reconcile") return await runReconcile(rest);
    if (command === "accrue") return await runAccrue(rest);
    if (command === "calendar") return await runCalendarCommand(rest);
    if (command === "--help" || command === "-h" || command === "help") {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    }
    throw new UsageError(command ? `unknown command ${JSON.stringify(command)}` : "no command given");
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`mgmtfee: ${e.message} (see mgmtfee --help)\n`);
      return 2;
    }
    if (isWorkbookError(e) || isFeeError(e)) {
      process.stderr.write(`mgmtfee: ${e.message}\n`);
      return 2;
    }
    process.stderr.write(`mgmtfee: unexpected error: ${e instanceof Error ? e.stack : String(e)}\n`);
    return 2;
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}

