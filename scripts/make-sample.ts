// Writes samples/month-end-2024-01.xlsx: Schedule A as amended (every version), the Fee Settings, the
// Agreements (service periods and continuance approvals), December 2023 and January 2024 daily net assets
// (business days) for the nine portfolios, and January invoices with one break and one missing line.
// Invoice amounts are computed here, independently of src/engine's arithmetic, with integer cents; the
// schedule's rows are the engine's sourced Schedule A data.
import ExcelJS from "exceljs";
import path from "path";
import { formatIso, scheduleARows } from "../src/engine";

/** The nine portfolios of Schedule A as amended, in schedule order. */
export const SCHEDULE_A = [
  "MetLife Defensive Strategy Portfolio",
  "MetLife Moderate Strategy Portfolio",
  "MetLife Balanced Strategy Portfolio",
  "MetLife Growth Strategy Portfolio",
  "MetLife Aggressive Strategy Portfolio",
  "Met/Franklin Templeton Founding Strategy Portfolio",
  "American Funds Balanced Allocation Portfolio",
  "American Funds Growth Allocation Portfolio",
  "American Funds Moderate Allocation Portfolio",
];

/**
 * The tiers in force in January 2024 (Amendments No. 1 and 3): annual rates in millionths on the
 * parts of net assets up to $500 million, to $1 billion, and above.
 */
export function januaryTiers(portfolioIndex: number): [bigint, bigint][] {
  const founding = SCHEDULE_A[portfolioIndex] === "Met/Franklin Templeton Founding Strategy Portfolio";
  return founding
    ? [
        [0n, 500n],
        [50_000_000_000n, 400n],
        [100_000_000_000n, 300n],
      ]
    : [
        [0n, 1000n],
        [50_000_000_000n, 750n],
        [100_000_000_000n, 500n],
      ];
}
const HOLIDAYS = new Set(["2023-12-25", "2024-01-01", "2024-01-15"]);

const utc = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));
const iso = (d: Date) => d.toISOString().slice(0, 10);

export function businessDays(from: Date, to: Date): Date[] {
  const out: Date[] = [];
  for (let t = from.getTime(); t <= to.getTime(); t += 86400000) {
    const d = new Date(t);
    if (d.getUTCDay() !== 0 && d.getUTCDay() !== 6 && !HOLIDAYS.has(iso(d))) out.push(d);
  }
  return out;
}

/** Net assets in integer cents, a deterministic random walk per portfolio. */
export function navCents(portfolioIndex: number, days: Date[]): bigint[] {
  let s = 12345 + portfolioIndex * 7919;
  const rnd = () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
  let nav = 300_000_000 + portfolioIndex * 180_000_000;
  return days.map(() => {
    nav *= 1 + (rnd() - 0.5) * 0.016;
    return BigInt(Math.round(nav * 100));
  });
}

/**
 * January 2024 fee under the marginal tiers (breakpoints in cents, rates in millionths), each calendar
 * day's accrual on the last value on or before it, /366, rounded half up to cents.
 */
export function januaryFeeCents(days: Date[], cents: bigint[], tiers: [bigint, bigint][] = januaryTiers(0)): bigint {
  let total = 0n;
  let i = -1;
  for (let d = 1; d <= 31; d++) {
    const day = utc(2024, 1, d).getTime();
    while (i + 1 < days.length && days[i + 1].getTime() <= day) i++;
    let num = 0n; // annual fee in cents x 10^6
    tiers.forEach(([lo, rate], t) => {
      const hi = t + 1 < tiers.length ? tiers[t + 1][0] : cents[i];
      const top = cents[i] < hi ? cents[i] : hi;
      if (top > lo) num += (top - lo) * rate;
    });
    const den = 366n * 1_000_000n;
    total += (num * 2n + den) / (2n * den);
  }
  return total;
}

export async function makeSample(file: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "fee add-in sample";
  wb.created = utc(2024, 2, 2);
  wb.modified = utc(2024, 2, 2);

  const fs = wb.addWorksheet("Fee Schedule");
  fs.addTable({
    name: "FeeSchedule",
    ref: "A1",
    headerRow: true,
    columns: [{ name: "Portfolio" }, { name: "Effective From" }, { name: "Breakpoint" }, { name: "Annual Rate" }],
    rows: scheduleARows().map((r) => [r.portfolio, new Date(`${formatIso(r.effectiveFrom)}T00:00:00Z`), r.breakpoint.toNumber(), r.rate.toNumber()]),
  });
  fs.getColumn(1).width = 40;
  fs.getColumn(2).width = 14;
  fs.getColumn(2).numFmt = "yyyy-mm-dd";
  fs.getColumn(3).numFmt = "#,##0";
  fs.getColumn(3).width = 16;
  fs.getColumn(4).numFmt = "0.000%";

  const days = businessDays(utc(2023, 12, 1), utc(2024, 1, 31));
  const na = wb.addWorksheet("Net Assets");
  const navRows: (string | number | Date)[][] = [];
  const fees: bigint[] = [];
  SCHEDULE_A.forEach((p, k) => {
    const cents = navCents(k, days);
    days.forEach((d, i) => navRows.push([d, p, Number(cents[i]) / 100]));
    fees.push(januaryFeeCents(days, cents, januaryTiers(k)));
  });
  na.addTable({ name: "NetAssets", ref: "A1", headerRow: true, columns: [{ name: "Date" }, { name: "Portfolio" }, { name: "Net Assets" }], rows: navRows });
  na.getColumn(1).width = 12;
  na.getColumn(1).numFmt = "yyyy-mm-dd";
  na.getColumn(2).width = 40;
  na.getColumn(3).width = 18;
  na.getColumn(3).numFmt = "#,##0.00";

  const inv = wb.addWorksheet("Invoices");
  const dollars = (c: bigint) => Number(c) / 100;
  inv.addTable({
    name: "Invoices",
    ref: "A1",
    headerRow: true,
    columns: [{ name: "Month" }, { name: "Portfolio" }, { name: "Billed Fee" }],
    rows: [
      ["2024-01", SCHEDULE_A[0], dollars(fees[0])],
      [utc(2024, 1, 31), SCHEDULE_A[1], dollars(fees[1])],
      ["2024-01", SCHEDULE_A[2], dollars(fees[2] + 25000n)], // billed $250.00 too much: a break
      ["2024-01", SCHEDULE_A[3], dollars(fees[3] - 1n)], // a cent short: within tolerance
      // MetLife Aggressive Strategy Portfolio: no invoice line (not billed)
      ...SCHEDULE_A.slice(5).map((p, i) => ["2024-01", p, dollars(fees[5 + i])]),
      ["2023-12", SCHEDULE_A[0], 25000], // another month's line: ignored for January
    ],
  });
  inv.getColumn(1).width = 12;
  inv.getColumn(2).width = 40;
  inv.getColumn(3).width = 16;
  inv.getColumn(3).numFmt = "#,##0.00";
  // Settings and agreements come after the three sheets of the month-end contract.
  const settings = wb.addWorksheet("Fee Settings");
  settings.addTable({
    name: "FeeSettings",
    ref: "A1",
    headerRow: true,
    columns: [{ name: "Setting" }, { name: "Value" }],
    rows: [
      ["Net Assets Timing", "SAME_DAY"],
      ["Day Count", "ACT/ACT"],
      ["Rounding", "DAILY"],
      ["Tolerance", 0.01],
      ["Initial Term Ends", utc(2005, 12, 31)],
    ],
  });
  settings.getColumn(1).width = 20;
  settings.getColumn(2).width = 14;
  settings.getCell("B6").numFmt = "yyyy-mm-dd";

  const agreements = wb.addWorksheet("Agreements");
  agreements.addTable({
    name: "Agreements",
    ref: "A1",
    headerRow: true,
    columns: [{ name: "Portfolio" }, { name: "Commenced" }, { name: "Terminated" }, { name: "Last Approval" }],
    // The Board approves continuance each November; one portfolio's approval was last given in February 2023, so it is due soon.
    rows: SCHEDULE_A.map((p, k) => [p, k < 5 ? utc(2004, 11, 1) : utc(2008, 4, 28), null, k === 8 ? utc(2023, 2, 10) : utc(2023, 11, 14)]),
  });
  agreements.getColumn(1).width = 48;
  for (const c of [2, 3, 4]) {
    agreements.getColumn(c).width = 14;
    agreements.getColumn(c).numFmt = "yyyy-mm-dd";
  }

  await wb.xlsx.writeFile(file);
}

if (require.main === module) {
  const out = path.join(__dirname, "..", "samples", "month-end-2024-01.xlsx");
  makeSample(out).then(() => console.log(`wrote ${out}`));
}
