// Writes samples/month-end-2024-01.xlsx: Schedule A, December 2023 and January 2024 daily net assets
// (business days) for the five portfolios, and January invoices with one break and one missing line.
// Invoice amounts are computed here, independently of src/engine, with integer cents.
import ExcelJS from "exceljs";
import path from "path";

export const SCHEDULE_A = [
  "MetLife Defensive Strategy Portfolio",
  "MetLife Moderate Strategy Portfolio",
  "MetLife Balanced Strategy Portfolio",
  "MetLife Growth Strategy Portfolio",
  "MetLife Aggressive Strategy Portfolio",
];
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

/** January 2024 fee at 0.10%, each calendar day's accrual on the last value on or before it, rounded half up to cents, /366. */
export function januaryFeeCents(days: Date[], cents: bigint[]): bigint {
  let total = 0n;
  let i = -1;
  for (let d = 1; d <= 31; d++) {
    const day = utc(2024, 1, d).getTime();
    while (i + 1 < days.length && days[i + 1].getTime() <= day) i++;
    const num = cents[i] * 1n; // x 0.001 / 366: cents * 1 / 366000
    const den = 366000n;
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
    rows: SCHEDULE_A.map((p) => [p, utc(2004, 11, 1), 0, 0.001]),
  });
  fs.getColumn(1).width = 40;
  fs.getColumn(2).width = 14;
  fs.getColumn(2).numFmt = "yyyy-mm-dd";
  fs.getColumn(4).numFmt = "0.00%";

  const days = businessDays(utc(2023, 12, 1), utc(2024, 1, 31));
  const na = wb.addWorksheet("Net Assets");
  const navRows: (string | number | Date)[][] = [];
  const fees: bigint[] = [];
  SCHEDULE_A.forEach((p, k) => {
    const cents = navCents(k, days);
    days.forEach((d, i) => navRows.push([d, p, Number(cents[i]) / 100]));
    fees.push(januaryFeeCents(days, cents));
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
      ["2023-12", SCHEDULE_A[0], 25000], // another month's line: ignored for January
    ],
  });
  inv.getColumn(1).width = 12;
  inv.getColumn(2).width = 40;
  inv.getColumn(3).width = 16;
  inv.getColumn(3).numFmt = "#,##0.00";
  await wb.xlsx.writeFile(file);
}

if (require.main === module) {
  const out = path.join(__dirname, "..", "samples", "month-end-2024-01.xlsx");
  makeSample(out).then(() => console.log(`wrote ${out}`));
}
