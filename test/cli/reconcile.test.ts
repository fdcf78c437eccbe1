import { createHash } from "crypto";
import ExcelJS from "exceljs";
import { strFromU8, unzipSync } from "fflate";
import { existsSync, readFileSync } from "fs";
import path from "path";
import { SCHEDULE_A, businessDays, januaryFeeCents, januaryTiers, navCents } from "../../scripts/make-sample";
import { itWithSoffice, recalcWithLibreOffice } from "../support/libreoffice";
import { sheetValues, withoutCachedResults } from "../support/xlsxCells";
import { SAMPLE, mgmtfee, tmp } from "./helpers";

const sha = (f: string) => createHash("sha256").update(readFileSync(f)).digest("hex");
const cents = (x: number) => Math.round(x * 100);

/** Expected January fees computed independently (integer cents, see scripts/make-sample.ts), in dollars. */
function independentFees(): number[] {
  const days = businessDays(new Date(Date.UTC(2023, 11, 1)), new Date(Date.UTC(2024, 0, 31)));
  return SCHEDULE_A.map((_, k) => Number(januaryFeeCents(days, navCents(k, days), januaryTiers(k))) / 100);
}

describe("mgmtfee reconcile on the bundled sample", () => {
  const r = mgmtfee("reconcile", SAMPLE, "--month", "2024-01", "--json");
  const report = JSON.parse(r.stdout);

  it("exits 1 because not every portfolio is OK", () => {
    expect(r.code).toBe(1);
  });

  it("prints the documented JSON shape, keys in order", () => {
    expect(Object.keys(report)).toEqual(["month", "periodStart", "periodEnd", "tolerance", "rows", "totals", "navTiming"]);
    expect(report).toMatchObject({ month: "2024-01", periodStart: "2024-01-01", periodEnd: "2024-01-31", tolerance: 0.01, navTiming: "SAME_DAY" });
    for (const row of report.rows) {
      expect(Object.keys(row)).toEqual(["portfolio", "days", "averageDailyNetAssets", "expectedFee", "billedFee", "difference", "status", "grossFee", "waiver", "subAdvisoryFee", "managerNet"]);
    }
    expect(Object.keys(report.totals)).toEqual(["expectedFee", "billedFee"]);
  });

  it("finds the break and the missing invoice line, with expected fees computed independently", () => {
    const fees = independentFees();
    expect(report.rows.map((x: { portfolio: string; status: string }) => [x.portfolio, x.status])).toEqual([
      [SCHEDULE_A[0], "OK"],
      [SCHEDULE_A[1], "OK"],
      [SCHEDULE_A[2], "BREAK"],
      [SCHEDULE_A[3], "OK"],
      [SCHEDULE_A[4], "NOT_BILLED"],
      [SCHEDULE_A[5], "OK"],
      [SCHEDULE_A[6], "OK"],
      [SCHEDULE_A[7], "OK"],
      [SCHEDULE_A[8], "OK"],
    ]);
    report.rows.forEach((x: { expectedFee: number; days: number }, k: number) => {
      expect(x.expectedFee).toBe(fees[k]);
      expect(x.days).toBe(31);
    });
    expect(report.rows[2].difference).toBe(250);
    expect(report.rows[3].difference).toBe(-0.01);
    expect(report.rows[4]).toMatchObject({ billedFee: null, difference: null });
    expect(cents(report.totals.expectedFee)).toBe(fees.reduce((s, f) => s + cents(f), 0));
  });

  it("prints a readable table without --json", () => {
    const t = mgmtfee("reconcile", SAMPLE, "--month", "2024-01");
    expect(t.stdout).toContain("MetLife Balanced Strategy Portfolio");
    expect(t.stdout).toMatch(/250\.00\s+BREAK/);
    expect(t.stdout).toContain("2 of 9 portfolio(s) need attention.");
  });

  it("exits 0 when every portfolio is OK (a wide tolerance covers the break, but not the missing line)", () => {
    const wide = JSON.parse(mgmtfee("reconcile", SAMPLE, "--month", "2024-01", "--tolerance", "300", "--json").stdout);
    expect(wide.rows[2].status).toBe("OK");
    expect(wide.rows[4].status).toBe("NOT_BILLED");
  });
});

describe("mgmtfee reconcile --out", () => {
  const dir = tmp();
  const out = path.join(dir, "out.xlsx");
  const before = sha(SAMPLE);
  const run = mgmtfee("reconcile", SAMPLE, "--month", "2024-01", "--out", out, "--json");
  const report = JSON.parse(run.stdout);

  it("writes a copy with the two sheets and leaves the input untouched", async () => {
    expect(sha(SAMPLE)).toBe(before);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    expect(wb.worksheets.map((w) => w.name)).toEqual(["Fee Schedule", "Net Assets", "Invoices", "Fee Settings", "Agreements", "Recon 2024-01", "Accruals 2024-01"]);
    const recon = wb.getWorksheet("Recon 2024-01")!;
    expect((recon.getRow(1).values as unknown[]).slice(1)).toEqual(["Portfolio", "Days", "Average Daily Net Assets", "Annual Rate", "Expected Fee", "Billed Fee", "Difference", "Status", "Gross Fee", "Waiver", "Sub-Advisory Fee", "Manager's Net", "Note"]);
    expect(recon.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    const e2 = recon.getCell("E2").value as ExcelJS.CellFormulaValue;
    expect(e2.formula).toBe(`SUMIFS('Accruals 2024-01'!$G$2:$G$280,'Accruals 2024-01'!$B$2:$B$280,"="&A2)`);
    expect(e2.result).toBe(report.rows[0].expectedFee);
    expect((recon.getCell("G4").value as ExcelJS.CellFormulaValue).result).toBe(250);
    expect((recon.getCell("H4").value as ExcelJS.CellFormulaValue).result).toBe("BREAK");
    expect((recon.getCell("H6").value as ExcelJS.CellFormulaValue).result).toBe("NOT_BILLED");
    const acc = wb.getWorksheet("Accruals 2024-01")!;
    expect((acc.getRow(1).values as unknown[]).slice(1)).toEqual([
      "Date",
      "Portfolio",
      "NAV Date",
      "Net Assets",
      "Annual Fee",
      "Days in Year",
      "Daily Accrual",
      "Gross Accrual",
      "Waiver",
      "Waiver From",
      "Group Net Assets",
      "Sub-Advisory Rate",
      "Sub-Advisory Accrual",
    ]);
    expect(acc.rowCount).toBe(1 + 9 * 31);
    // Saturday 2024-01-06 takes Friday's value.
    const sat = acc.getRow(7);
    expect(sat.getCell(1).value).toEqual(new Date(Date.UTC(2024, 0, 6)));
    expect(sat.getCell(3).value).toEqual(new Date(Date.UTC(2024, 0, 5)));
    expect(sat.getCell(6).value).toBe(366);
  });

  it("keeps every part of the input it does not replace byte for byte", async () => {
    const a = unzipSync(readFileSync(SAMPLE));
    const b = unzipSync(readFileSync(out));
    const changed = ["xl/workbook.xml", "xl/_rels/workbook.xml.rels", "[Content_Types].xml", "xl/styles.xml", "docProps/app.xml"];
    for (const name of Object.keys(a).filter((n) => !n.endsWith("/") && !changed.includes(n))) {
      expect([name, Buffer.from(b[name]).toString("base64")]).toEqual([name, Buffer.from(a[name]).toString("base64")]);
    }
    // app.xml listed the three input sheets; with two sheets added the stale list is dropped, the rest kept.
    expect(strFromU8(a["docProps/app.xml"])).toContain("<TitlesOfParts>");
    expect(strFromU8(b["docProps/app.xml"])).not.toMatch(/TitlesOfParts|HeadingPairs/);
    expect(strFromU8(b["docProps/app.xml"])).toContain("<Application>Microsoft Excel</Application>");
    expect(Object.keys(b)).not.toContain("xl/calcChain.xml");
    expect(strFromU8(b["xl/workbook.xml"])).toMatch(/<calcPr [^>]*fullCalcOnLoad="1"/);
  });

  it("re-running the month replaces both sheets but keeps the Note and sign-off text; other sheets do not change", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const recon = wb.getWorksheet("Recon 2024-01")!;
    recon.getCell("M4").value = "Manager to credit $250 on the February invoice";
    const prepared = recon.getColumn(1).values.findIndex((v) => v === "Prepared by");
    recon.getCell(`B${prepared}`).value = "A. Accountant";
    recon.getCell(`D${prepared}`).value = "2024-02-05";
    const edited = path.join(dir, "edited.xlsx");
    await wb.xlsx.writeFile(edited);
    const again = path.join(dir, "again.xlsx");
    const r2 = mgmtfee("reconcile", edited, "--month", "2024-01", "--out", again);
    expect(r2.code).toBe(1);
    const wb2 = new ExcelJS.Workbook();
    await wb2.xlsx.readFile(again);
    expect(wb2.worksheets.map((w) => w.name).filter((n) => n.startsWith("Recon"))).toEqual(["Recon 2024-01"]);
    const recon2 = wb2.getWorksheet("Recon 2024-01")!;
    expect(recon2.getCell("M4").value).toBe("Manager to credit $250 on the February invoice");
    expect(recon2.getCell(`B${prepared}`).value).toBe("A. Accountant");
    expect(recon2.getCell(`D${prepared}`).value).toBe("2024-02-05");
    for (const name of ["Fee Schedule", "Net Assets", "Invoices", "Fee Settings", "Agreements"]) {
      const a = wb.getWorksheet(name)!.getSheetValues();
      const b = wb2.getWorksheet(name)!.getSheetValues();
      expect(JSON.stringify(b)).toBe(JSON.stringify(a));
    }
  });

  itWithSoffice("LibreOffice interop check")("recalculated by LibreOffice headless, shows the same Expected Fee, Difference and Status", async () => {
    // Strip the cached results first, so the values read back can only come from LibreOffice's own recalculation.
    const stripped = path.join(dir, "stripped.xlsx");
    await withoutCachedResults(out, stripped);
    expect((await sheetValues(stripped, "Recon 2024-01")).get("E2")).toBeUndefined();
    const recalculated = recalcWithLibreOffice(stripped, path.join(dir, "lo"));
    const cells = await sheetValues(recalculated, "Recon 2024-01");
    const got = report.rows.map((_: unknown, i: number) => {
      const diff = cells.get(`G${i + 2}`);
      return [cells.get(`A${i + 2}`), cents(Number(cells.get(`E${i + 2}`))), diff === undefined || diff === "" ? null : cents(Number(diff)), cells.get(`H${i + 2}`)];
    });
    expect(got).toEqual(report.rows.map((x: { portfolio: string; expectedFee: number; difference: number | null; status: string }) => [x.portfolio, cents(x.expectedFee), x.difference === null ? null : cents(x.difference), x.status]));
    expect(cells.get(`E${report.rows.length + 2}`)).toBeCloseTo(report.totals.expectedFee, 2);
  }, 180000);

  it("refuses to write over the input", () => {
    const r = mgmtfee("reconcile", SAMPLE, "--month", "2024-01", "--out", SAMPLE);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--out must not be the input file");
    expect(sha(SAMPLE)).toBe(before);
    expect(existsSync(out)).toBe(true);
  });
});
