import ExcelJS from "exceljs";
import { existsSync } from "fs";
import path from "path";
import { itWithSoffice, recalcWithLibreOffice } from "../support/libreoffice";
import { sheetValues, withoutCachedResults } from "../support/xlsxCells";
import { mgmtfee, tmp, utc } from "./helpers";

type Row = (string | number | Date | null)[];
const BP = [0, 250e6, 500e6, 1e9];
const SUB_BP = [0, 100e6, 250e6, 500e6, 750e6];

/**
 * One workbook with both worked cases of the waiver / sub-advisory issue (see
 * test/vectors/waivers-subadvisory.json for the hand working): Fund W under a
 * waiver from 2016-01-15 (January 2016), Fund S sub-advised on the Growth group
 * (June 2011), whose member Fund C launches mid-month and Fund D never reports.
 */
async function writeArrangementsBook(file: string, waivers: Row[], settings: Row[] = []): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const sheet = (name: string, header: string[], rows: Row[]) => {
    const ws = wb.addWorksheet(name);
    ws.addRow(header);
    for (const r of rows) ws.addRow(r);
  };
  sheet("Fee Schedule", ["Portfolio", "Effective From", "Breakpoint", "Annual Rate"], [
    ...[0.0105, 0.01, 0.0085, 0.0075].map((r, i) => ["Fund W", utc("2010-01-01"), BP[i], r]),
    ["Fund S", utc("2010-01-01"), 0, 0.007],
    ["Fund S", utc("2010-01-01"), 100e6, 0.0068],
  ]);
  sheet("Net Assets", ["Date", "Portfolio", "Net Assets"], [
    [utc("2015-12-31"), "Fund W", 600e6],
    [utc("2011-05-31"), "Fund S", 300e6],
    [utc("2011-05-31"), "Fund B", 2000e6],
    [utc("2011-06-16"), "Fund C", 100e6],
  ]);
  sheet("Invoices", ["Month", "Portfolio", "Billed Fee"], [
    ["2016-01", "Fund W", 480532.76],
    ["2011-06", "Fund S", 169315.2],
  ]);
  sheet("Fee Waivers", ["Portfolio", "Waiver From", "Waiver To", "Breakpoint", "Annual Rate"], waivers);
  sheet("Sub-Advisory Schedule", ["Portfolio", "Sub-Adviser", "Effective From", "Breakpoint", "Annual Rate", "Group"], [0.0041, 0.0039, 0.0038, 0.0037, 0.0036].map((r, i) => ["Fund S", "Sub-Adviser LLC", utc("2010-01-01"), SUB_BP[i], r, "Growth"]));
  sheet("Aggregation Groups", ["Group", "Portfolio"], [
    ["Growth", "Fund S"],
    ["Growth", "Fund B"],
    ["Growth", "Fund C"],
    ["Growth", "Fund D"],
  ]);
  if (settings.length) sheet("Fee Settings", ["Setting", "Value"], settings);
  await wb.xlsx.writeFile(file);
  return file;
}

const WAIVER: Row[] = ["0.95%", "0.90%", "0.80%", "0.75%"].map((r, i) => ["Fund W", utc("2016-01-15"), utc("2017-04-30"), BP[i], r]);

describe("month end with fee waivers and a sub-advisory schedule", () => {
  const dir = tmp();
  const book = path.join(dir, "book.xlsx");
  let jan: ReturnType<typeof mgmtfee>;
  let jun: ReturnType<typeof mgmtfee>;
  const janOut = path.join(dir, "jan.xlsx");
  const junOut = path.join(dir, "jun.xlsx");
  const periodBook = path.join(dir, "period.xlsx");
  const janPeriodOut = path.join(dir, "jan-period.xlsx");
  const junPeriodOut = path.join(dir, "jun-period.xlsx");
  let janPeriod: ReturnType<typeof mgmtfee>;
  let junPeriod: ReturnType<typeof mgmtfee>;
  beforeAll(async () => {
    await writeArrangementsBook(book, WAIVER);
    jan = mgmtfee("reconcile", book, "--month", "2016-01", "--json", "--out", janOut);
    jun = mgmtfee("reconcile", book, "--month", "2011-06", "--json", "--out", junOut);
    await writeArrangementsBook(periodBook, WAIVER, [["Rounding", "PERIOD"]]);
    janPeriod = mgmtfee("reconcile", periodBook, "--month", "2016-01", "--json", "--out", janPeriodOut);
    junPeriod = mgmtfee("reconcile", periodBook, "--month", "2011-06", "--json", "--out", junPeriodOut);
  });
  const row = (r: ReturnType<typeof mgmtfee>, name: string) => JSON.parse(r.stdout).rows.find((x: { portfolio: string }) => x.portfolio === name);

  it("case 1: the expected fee is the fee payable after the waiver, and the JSON gives gross and waiver", () => {
    expect(jan.stderr).toBe("");
    expect(row(jan, "Fund W")).toEqual({
      portfolio: "Fund W",
      days: 31,
      averageDailyNetAssets: 600000000,
      expectedFee: 480532.76,
      billedFee: 480532.76,
      difference: 0,
      status: "OK",
      grossFee: 506079.34,
      waiver: 25546.58,
      subAdvisoryFee: null,
      managerNet: null,
    });
  });

  it("case 2: the sub-advisory fee on the group's combined assets and the Manager's net; no waiver is 0", () => {
    expect(row(jun, "Fund S")).toMatchObject({ days: 30, expectedFee: 169315.2, grossFee: 169315.2, waiver: 0, subAdvisoryFee: 90551.55, managerNet: 78763.65, status: "OK" });
  });

  it("under the workbook's PERIOD rounding, gross and payable are each rounded once and the waiver is their difference", () => {
    expect(janPeriod.stderr).toBe("");
    expect(row(janPeriod, "Fund W")).toMatchObject({ grossFee: 506079.23, expectedFee: 480532.79, waiver: 25546.44, status: "BREAK" });
    expect(row(junPeriod, "Fund S")).toMatchObject({ expectedFee: 169315.07, subAdvisoryFee: 90551.67, managerNet: 78763.4 });
  });

  it("the Accruals sheet carries each day's gross accrual, waiver, group net assets, sub-advisory rate and accrual", async () => {
    const acc = await sheetValues(janOut, "Accruals 2016-01");
    const header = ["A", "B", "C", "D", "E", "F", "G", "H", "I", "J", "K", "L", "M"].map((c) => acc.get(`${c}1`));
    expect(header).toEqual(["Date", "Portfolio", "NAV Date", "Net Assets", "Annual Fee", "Days in Year", "Daily Accrual", "Gross Accrual", "Waiver", "Waiver From", "Group Net Assets", "Sub-Advisory Rate", "Sub-Advisory Accrual"]);
    const w = [...acc.entries()].filter(([k, v]) => k.startsWith("B") && v === "Fund W").map(([k]) => Number(k.slice(1)));
    const jan14 = w[13];
    const jan15 = w[14];
    expect([acc.get(`G${jan14}`), acc.get(`H${jan14}`), acc.get(`I${jan14}`), acc.get(`J${jan14}`)]).toEqual([16325.14, 16325.14, 0, undefined]);
    expect([acc.get(`G${jan15}`), acc.get(`H${jan15}`), acc.get(`I${jan15}`), acc.get(`J${jan15}`)]).toEqual([14822.4, 16325.14, 1502.74, 42384]); // 42384 = 2016-01-15
    const sub = await sheetValues(junOut, "Accruals 2011-06");
    const s = [...sub.entries()].filter(([k, v]) => k.startsWith("B") && v === "Fund S").map(([k]) => Number(k.slice(1)));
    expect(s).toHaveLength(30);
    expect([sub.get(`K${s[0]}`), sub.get(`M${s[0]}`), sub.get(`K${s[15]}`), sub.get(`M${s[15]}`)]).toEqual([2300000000, 3019.65, 2400000000, 3017.12]);
    expect(Number(sub.get(`L${s[0]}`))).toBeCloseTo(8450000 / 2300000000, 15);
  });

  itWithSoffice("LibreOffice check of waivers and sub-advisory fees")("recalculated by LibreOffice headless, the Recon sheet shows the same gross, waiver, payable, sub-advisory fee and Manager's net", async () => {
    for (const [file, month, name, want, status] of [
      [janOut, "2016-01", "Fund W", [480532.76, 506079.34, 25546.58, undefined, undefined], "OK"],
      [junOut, "2011-06", "Fund S", [169315.2, 169315.2, 0, 90551.55, 78763.65], "OK"],
      [janPeriodOut, "2016-01", "Fund W", [480532.79, 506079.23, 25546.44, undefined, undefined], "BREAK"],
      [junPeriodOut, "2011-06", "Fund S", [169315.07, 169315.07, 0, 90551.67, 78763.4], "BREAK"],
    ] as const) {
      const stripped = path.join(dir, `stripped-${path.basename(file)}`);
      await withoutCachedResults(file, stripped);
      const before = await sheetValues(stripped, `Recon ${month}`);
      const x = [...before.entries()].find(([k, v]) => k.startsWith("A") && v === name)![0].slice(1);
      expect(before.get(`I${x}`)).toBeUndefined();
      const cells = await sheetValues(recalcWithLibreOffice(stripped, path.join(dir, `lo-${path.basename(file, ".xlsx")}`)), `Recon ${month}`);
      const got = ["E", "I", "J", "K", "L"].map((c) => cells.get(`${c}${x}`)).map((v) => (v === undefined || v === "" ? undefined : Math.round(Number(v) * 100) / 100));
      expect([file, got]).toEqual([file, want]);
      expect(cells.get(`H${x}`)).toBe(status);
    }
  }, 400000);

  it("overlapping waiver periods are an error naming both rows, and nothing is written", async () => {
    const bad = await writeArrangementsBook(path.join(dir, "overlap.xlsx"), [...WAIVER, ["Fund W", utc("2017-04-01"), utc("2018-04-30"), 0, 0.009]]);
    const out = path.join(dir, "never.xlsx");
    const r = mgmtfee("reconcile", bad, "--month", "2016-01", "--out", out);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe(
      `mgmtfee: ${path.basename(bad)}, sheet "Fee Waivers", row 6, column "Waiver From": Fund W: waiver periods overlap: rows 2 and 6 (2016-01-15 to 2017-04-30 and 2017-04-01 to 2018-04-30); one day can be under one waiver only.`,
    );
    expect(existsSync(out)).toBe(false);
  });
});
