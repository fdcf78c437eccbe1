// readSchedule and readInvoices read an ordinary row (texts, a whole serial, numbers already read) without
// the cells' locations, and any other row as before. Held here to the plain reading (eachRow and the cell
// readers, row by row, as both read every row before) on generated blocks: ordinary rows with every kind
// of odd row and odd cell mixed in, in both date systems. The rows read must be the same (every decimal's
// value and sign, every date, name and row number), the first error the same message, and the issues the same.
import fc from "fast-check";
import { Dec, DateSystem, FeeSchedule, Month, ScheduleIssue, ScheduleRow, buildSchedule, formatIso, parseRateValue, portfolioKey, validateSchedule } from "../../src/engine";
import { Cell, WorkbookError, atCell, cellDate, cellMonth, cellNumber, cellText, isBlank } from "../../src/workbook/cells";
import { CellBlock, eachRow, readInvoices, readSchedule } from "../../src/workbook/contract";

/** readSchedule as it read every row before (the reference). */
function plainSchedule(block: CellBlock, system: DateSystem) {
  const rows: ScheduleRow[] = [];
  eachRow(block, "schedule", (get, row) => {
    const p = get(0);
    const e = get(1);
    const b = get(2);
    const r = get(3);
    if (isBlank(r.cell)) throw new WorkbookError(r.where, "is blank; an annual rate is required");
    const rate = atCell(r.where, () => parseRateValue(r.cell));
    const breakpoint = cellNumber(b.cell, b.where);
    rows.push({ portfolio: cellText(p.cell, p.where), effectiveFrom: cellDate(e.cell, e.where, system), breakpoint, rate, row });
  });
  return { rows, ...buildSchedule(rows) };
}

/** validateSchedule as it checked every version before (the reference; the engine's checks a version that passes them only once). */
function plainValidate(schedule: FeeSchedule): ScheduleIssue[] {
  const issues: ScheduleIssue[] = [];
  const seen = new Map<string, number>();
  schedule.portfolios.forEach((p, pi) => {
    const base = { portfolio: p.portfolio, portfolioIndex: pi };
    const key = portfolioKey(p.portfolio);
    if (key === "") issues.push({ ...base, code: "BLANK_PORTFOLIO", field: "portfolio", message: "A portfolio needs a name." });
    else if (seen.has(key)) issues.push({ ...base, code: "DUPLICATE_PORTFOLIO", field: "portfolio", message: `"${p.portfolio.trim()}" appears more than once.` });
    else seen.set(key, pi);
    const dates = new Set<number>();
    p.versions.forEach((v, vi) => {
      const at = () => ({ ...base, versionIndex: vi });
      const name = () => `${p.portfolio.trim() || "(blank)"} from ${formatIso(v.effectiveFrom)}`;
      if (dates.has(v.effectiveFrom)) issues.push({ ...at(), code: "DUPLICATE_EFFECTIVE_DATE", field: "effectiveFrom", message: `${name()}: two versions take effect on the same date.` });
      dates.add(v.effectiveFrom);
      if (v.tiers.length === 0) {
        issues.push({ ...at(), code: "NO_TIERS", field: "rate", message: `${name()}: no rate.` });
        return;
      }
      if (!v.tiers[0].breakpoint.isZero()) issues.push({ ...at(), tierIndex: 0, code: "NO_ZERO_BREAKPOINT", field: "breakpoint", message: `${name()}: the first tier must start at breakpoint 0.` });
      v.tiers.forEach((t, ti) => {
        const tier = () => ({ ...at(), tierIndex: ti });
        if (t.breakpoint.isNegative()) issues.push({ ...tier(), code: "NEGATIVE_BREAKPOINT", field: "breakpoint", message: `${name()}: breakpoint ${t.breakpoint.toString()} is negative.` });
        if (ti > 0 && !t.breakpoint.greaterThan(v.tiers[ti - 1].breakpoint)) {
          issues.push({ ...tier(), code: "BREAKPOINTS_NOT_RISING", field: "breakpoint", message: `${name()}: breakpoint ${t.breakpoint.toString()} must be above ${v.tiers[ti - 1].breakpoint.toString()}.` });
        }
        if (t.rate.isNegative() || t.rate.greaterThanOrEqualTo(1)) {
          issues.push({ ...tier(), code: "RATE_OUT_OF_RANGE", field: "rate", message: `${name()}: rate ${t.rate.times(100).toString()}% is outside 0% to below 100%.` });
        }
      });
    });
  });
  return issues;
}

/** readInvoices as it read every row before (the reference). */
function plainInvoices(block: CellBlock, system: DateSystem) {
  const out: { month: Month; portfolio: string; billedFee: Dec; row: number }[] = [];
  eachRow(block, "invoices", (get, row) => {
    const m = get(0);
    const p = get(1);
    const f = get(2);
    out.push({ month: cellMonth(m.cell, m.where, system), portfolio: cellText(p.cell, p.where), billedFee: cellNumber(f.cell, f.where), row });
  });
  return out;
}

/** What a run gives, comparable: the rows (decimals by value and sign), or the error's message. */
function outcome<T>(f: () => T, show: (t: T) => unknown): unknown {
  try {
    return { ok: show(f()) };
  } catch (e) {
    return { error: (e as Error).message };
  }
}
const dec = (d: Dec) => `${d.isNegative() ? "-" : "+"}${d.toString()}`;
const showSchedule = (r: { rows: ScheduleRow[]; issues: unknown[] }) => ({ rows: r.rows.map((x) => ({ ...x, breakpoint: dec(x.breakpoint), rate: dec(x.rate) })), issues: r.issues });

const names = ["Alpha Fund", "  Beta  Fund ", "gamma", "Delta\tFund", "ALPHA FUND"];
const oddCell = fc.constantFrom<Cell>(null, "", "   ", 0, -0, 60, 61, 59.5, 61.75, 2958465, 2958466, -1, 0.5, 1e15, Number.NaN, "2024-01-16", "1/16/2024", "0.10%", "10bp", "abc", "1,234.50", "2024-1", " 2024-01 ", "2024-13", true, { day: 19737 }, { formula: "A1*2" }, 0.001, 0.0075, 1e9, -5);
const serial = fc.oneof(fc.integer({ min: 35000, max: 46000 }), fc.constantFrom(0, 1, 59, 60, 61, 62, 2957003, 2957004, 2958465, 2958466), fc.double({ min: 0, max: 50000, noNaN: true }));

const scheduleRow = fc.oneof(
  { weight: 6, arbitrary: fc.tuple(fc.constantFrom<Cell>(...names), serial, fc.constantFrom<Cell>(0, 0, 1e8, 5e8, 1e9, 2.5e9, -0, 1e8 + 0.005, -1e8), fc.constantFrom<Cell>(0.001, 0.00075, 0.0005, 0, 0.0010005, 1.5, -0.001, 0.00065)) },
  { weight: 1, arbitrary: fc.tuple(fc.oneof(fc.constantFrom<Cell>(...names), oddCell), fc.oneof(serial, oddCell), oddCell, fc.oneof(fc.constantFrom<Cell>(0.001), oddCell)) },
  { weight: 1, arbitrary: fc.constant<Cell[]>([null, null, null, null]) },
);
const invoiceRow = fc.oneof(
  { weight: 6, arbitrary: fc.tuple(fc.constantFrom<Cell>("2024-01", "2023-12", "2024-1", " 2024-02 "), fc.constantFrom<Cell>(...names, "  "), fc.oneof(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.constantFrom(0, -0, 1e15, 999999999999999.9))) },
  { weight: 1, arbitrary: fc.tuple(fc.oneof(serial, oddCell), fc.oneof(fc.constantFrom<Cell>(...names), oddCell), oddCell) },
  { weight: 1, arbitrary: fc.constant<Cell[]>([null, null, null]) },
);
const block = (rows: Cell[][], header: string[], lead: number): CellBlock => ({
  sheet: "Sheet",
  file: "book.xlsx",
  headerRow: 3,
  firstColumn: lead,
  // Columns in another order than the contract's, with a column the contract does not name.
  header: [...header.slice(1), "Notes", header[0]],
  rows: rows.map((r) => [...r.slice(1), "note", r[0]]),
});

describe("readSchedule and readInvoices read like the plain row-by-row reading", () => {
  it("Fee Schedule: the same rows, issues and first error, both date systems", () => {
    fc.assert(
      fc.property(fc.array(scheduleRow, { maxLength: 40 }), fc.constantFrom<DateSystem>(1900, 1904), fc.integer({ min: 0, max: 30 }), (rows, system, lead) => {
        const b = block(rows as Cell[][], ["Portfolio", "Effective From", "Breakpoint", "Annual Rate"], lead);
        const fast = outcome(() => readSchedule(b, system), showSchedule);
        const plain = outcome(() => plainSchedule(b, system), showSchedule);
        expect(fast).toEqual(plain);
      }),
      { numRuns: 1500 },
    );
  });

  it("Fee Schedule of readable cells: the same rows and issues (tiers out of order, below 0, not from 0, rates out of range)", () => {
    const readable = fc.tuple(fc.constantFrom<Cell>(...names, "Epsilon", "Zeta"), fc.constantFrom<Cell>(45000, 45000, 45015, 45100.5), fc.constantFrom<Cell>(0, 0, 0, 1e8, 5e8, -0, -1e8, 1e8 + 0.005), fc.constantFrom<Cell>(0.001, 0.00075, 0, 1, 1.5, -0.001, 0.0010005, "0.10%"));
    fc.assert(
      fc.property(fc.array(readable, { maxLength: 10 }), fc.constantFrom<DateSystem>(1900, 1904), (rows, system) => {
        const b = block(rows as Cell[][], ["Portfolio", "Effective From", "Breakpoint", "Annual Rate"], 0);
        const fast = outcome(() => readSchedule(b, system), showSchedule);
        expect(fast).toEqual(outcome(() => plainSchedule(b, system), showSchedule));
        expect(fast).toHaveProperty("ok");
        const { schedule } = plainSchedule(b, system);
        expect(validateSchedule(schedule)).toEqual(plainValidate(schedule));
        // Versions with no tier (an editor's draft) too.
        const drafts = { portfolios: schedule.portfolios.map((p, pi) => ({ ...p, versions: p.versions.map((v, i) => ((i + pi) % 2 ? { ...v, tiers: [] } : v)) })) };
        expect(validateSchedule(drafts)).toEqual(plainValidate(drafts));
      }),
      { numRuns: 400 },
    );
  });

  it("Invoices: the same rows and first error, both date systems", () => {
    fc.assert(
      fc.property(fc.array(invoiceRow, { maxLength: 40 }), fc.constantFrom<DateSystem>(1900, 1904), fc.integer({ min: 0, max: 30 }), (rows, system, lead) => {
        const b = block(rows as Cell[][], ["Month", "Portfolio", "Billed Fee"], lead);
        const show = (r: ReturnType<typeof readInvoices>) => r.map((x) => ({ ...x, billedFee: dec(x.billedFee) }));
        const fast = outcome(() => readInvoices(b, system), show);
        expect(fast).toEqual(outcome(() => plainInvoices(b, system), show));
        // Each row's month its own object, as each row read its own before.
        if ("ok" in (fast as object)) {
          const read = readInvoices(b, system);
          expect(new Set(read.map((r) => r.month)).size).toBe(read.length);
        }
      }),
      { numRuns: 1500 },
    );
  });
});
