// Net-asset timing, Fee Settings, Agreements (service periods) through the command line, with hand-worked numbers.
import path from "path";
import { writeFileSync } from "fs";
import { recalcWithLibreOffice, sofficeOrSay } from "../support/libreoffice";
import { sheetValues, withoutCachedResults } from "../support/xlsxCells";
import { mgmtfee, tmp, utc, writeBook } from "./helpers";

// The worked example extended to the month of March 2008 (a leap year, /366): 0.10% to $500M,
// 0.075% to $1B, 0.05% above. Net assets Thu 28 Feb $1.20B, Fri 29 Feb $1.25B, Mon 3 Mar $1.30B (the last value).
// Daily: $1.25B 1,000,000 / 366 = 2,732.24; $1.30B 1,025,000 / 366 = 2,800.55.
// PRIOR_DAY: 1-3 Mar on Friday's value, 4-31 Mar on Monday's: 3 x 2,732.24 + 28 x 2,800.55 = 8,196.72 + 78,415.40 = 86,612.12.
// SAME_DAY: 1-2 Mar on Friday's, 3-31 Mar on Monday's: 2 x 2,732.24 + 29 x 2,800.55 = 5,464.48 + 81,215.95 = 86,680.43.
const P = "MetLife Growth Strategy Portfolio";
const schedule = [
  [P, utc("2004-11-01"), 0, 0.001],
  [P, utc("2005-04-30"), 0, 0.001],
  [P, utc("2005-04-30"), 500000000, 0.00075],
  [P, utc("2005-04-30"), 1000000000, 0.0005],
];
const navs = [
  [utc("2008-02-28"), P, 1200000000],
  [utc("2008-02-29"), P, 1250000000],
  [utc("2008-03-03"), P, 1300000000],
];
const invoices = [["2008-03", P, 86612.12]];
const dir = tmp();
const book = (name: string, sheets: Record<string, (string | number | Date | null)[][]> = {}) => writeBook(path.join(dir, name), { schedule, navs, invoices, sheets });
const json = (...args: string[]) => {
  const r = mgmtfee(...args, "--json");
  return { code: r.code, stderr: r.stderr, body: r.stdout ? JSON.parse(r.stdout) : null };
};

describe("net-asset timing on the command line and in Fee Settings", () => {
  let plain: string;
  let prior: string;
  beforeAll(async () => {
    plain = await book("plain.xlsx");
    prior = await book("prior.xlsx", { "Fee Settings": [["Setting", "Value"], ["Net Assets Timing", "PRIOR_DAY"]] });
  });

  it("--nav-timing PRIOR_DAY gives the hand-worked March; SAME_DAY (the default) gives the other", () => {
    const a = json("reconcile", plain, "--month", "2008-03", "--nav-timing", "PRIOR_DAY");
    expect([a.code, a.body.rows[0].expectedFee, a.body.rows[0].status, a.body.navTiming]).toEqual([0, 86612.12, "OK", "PRIOR_DAY"]);
    // (3 x 1.25bn + 28 x 1.30bn) / 31
    expect(a.body.rows[0].averageDailyNetAssets).toBeCloseTo((3 * 1.25e9 + 28 * 1.3e9) / 31, 2);
    const s = json("reconcile", plain, "--month", "2008-03");
    expect([s.code, s.body.rows[0].expectedFee, s.body.rows[0].difference, s.body.rows[0].status, s.body.navTiming]).toEqual([1, 86680.43, -68.31, "BREAK", "SAME_DAY"]);
  });

  it("a workbook whose Fee Settings say PRIOR_DAY reconciles the same with no flag as another with the flag", () => {
    expect(json("reconcile", prior, "--month", "2008-03").body).toEqual(json("reconcile", plain, "--month", "2008-03", "--nav-timing", "PRIOR_DAY").body);
    // The flag wins over the workbook.
    expect(json("reconcile", prior, "--month", "2008-03", "--nav-timing", "same day").body.rows[0].expectedFee).toBe(86680.43);
  });

  it("accrue takes the timing from the flag, else from the workbook that gives the schedule", () => {
    const csvDir = tmp();
    const csv = path.join(csvDir, "navs.csv");
    writeFileSync(csv, `Date,Portfolio,Net Assets\n2008-02-28,${P},1200000000\n2008-02-29,${P},1250000000\n2008-03-03,${P},1300000000\n`);
    const args = ["accrue", csv, "--portfolio", P, "--from", "2008-02-29", "--to", "2008-03-03"];
    // PRIOR_DAY: 2,663.93 + 3 x 2,732.24 = 10,860.65; SAME_DAY: 2,732.24 + 8,265.03 = 10,997.27.
    expect(json(...args, "--schedule", plain).body).toMatchObject({ fee: 10997.27, days: 4, navTiming: "SAME_DAY" });
    expect(json(...args, "--schedule", prior).body).toMatchObject({ fee: 10860.65, days: 4, navTiming: "PRIOR_DAY" });
    expect(json(...args, "--schedule", plain, "--nav-timing", "PRIOR_DAY").body).toMatchObject({ fee: 10860.65, navTiming: "PRIOR_DAY" });
    expect(json("accrue", prior, "--portfolio", P, "--from", "2008-02-28", "--to", "2008-02-28").body).toMatchObject({ days: 0, fee: 0 });
  });

  it("Rounding, Day Count and Tolerance settings apply; an explicit flag wins", async () => {
    // PERIOD, PRIOR_DAY: (3 x 1,000,000 + 28 x 1,025,000) / 366 = 31,700,000 / 366 = 86,612.0219 -> 86,612.02; billed 86,612.12: 0.10 over.
    const b = await book("period.xlsx", {
      "Fee Settings": [["Setting", "Value"], ["Net Assets Timing", "prior day"], ["Rounding", "PERIOD"], ["Tolerance", 0.1], ["Day Count", "ACT/ACT"]],
    });
    const r = json("reconcile", b, "--month", "2008-03");
    expect([r.body.rows[0].expectedFee, r.body.rows[0].difference, r.body.rows[0].status, r.body.tolerance]).toEqual([86612.02, 0.1, "OK", 0.1]);
    expect(json("reconcile", b, "--month", "2008-03", "--tolerance", "0.05").body.rows[0].status).toBe("BREAK");
  });

  it("an unknown setting, a setting given twice or a bad value is an error naming the row", async () => {
    const unknown = await book("unknown.xlsx", { "Fee Settings": [["Setting", "Value"], ["Rounding", "DAILY"], ["NAV Lag", "1"]] });
    const r1 = mgmtfee("reconcile", unknown, "--month", "2008-03");
    expect(r1.code).toBe(2);
    expect(r1.stderr).toBe(`mgmtfee: unknown.xlsx, sheet "Fee Settings", row 3, column "Setting" (A): "NAV Lag" is not a known setting; use Net Assets Timing, Day Count, Rounding, Tolerance or Initial Term Ends\n`);
    const bad = await book("bad.xlsx", { "Fee Settings": [["Setting", "Value"], ["Net Assets Timing", "YESTERDAY"]] });
    const r2 = mgmtfee("reconcile", bad, "--month", "2008-03");
    expect([r2.code, r2.stderr]).toEqual([2, `mgmtfee: bad.xlsx, sheet "Fee Settings", row 2, column "Value" (B): Net Assets Timing "YESTERDAY" is not one of SAME_DAY or PRIOR_DAY\n`]);
    const twice = await book("twice.xlsx", { "Fee Settings": [["Setting", "Value"], ["Tolerance", 1], ["tolerance", 2]] });
    expect(mgmtfee("reconcile", twice, "--month", "2008-03").stderr).toContain('row 3, column "Setting" (A): Tolerance is given twice (also row 2)');
    const neg = await book("neg.xlsx", { "Fee Settings": [["Setting", "Value"], ["Tolerance", -1]] });
    expect(mgmtfee("reconcile", neg, "--month", "2008-03").stderr).toContain('row 2, column "Value" (B): Tolerance must be at least 0: -1');
    expect(mgmtfee("reconcile", plain, "--month", "2008-03", "--nav-timing", "LATER").stderr).toContain('--nav-timing "LATER" is not one of SAME_DAY, PRIOR_DAY');
  });
});

describe("service periods from the Agreements sheet", () => {
  it("a portfolio that leaves mid-month accrues through its Terminated date; the Recon row shows the days", async () => {
    // Terminated 2008-03-10 (notice 2008-01-10 by the Trust + 60 days). SAME_DAY: 2 x 2,732.24 + 8 x 2,800.55 = 5,464.48 + 22,404.40 = 27,868.88.
    const b = await writeBook(path.join(dir, "terminated.xlsx"), {
      schedule,
      navs,
      invoices: [["2008-03", P, 27868.88]],
      sheets: { Agreements: [["Portfolio", "Commenced", "Terminated", "Last Approval"], [P, utc("2004-11-01"), utc("2008-03-10"), null]] },
    });
    const r = json("reconcile", b, "--month", "2008-03");
    expect(r.body.rows[0]).toMatchObject({ days: 10, expectedFee: 27868.88, status: "OK" });
    // In April it has nothing to reconcile and is left out.
    expect(json("reconcile", b, "--month", "2008-04").body.rows).toEqual([]);
  });

  it("Terminated before Commenced is an error naming the row", async () => {
    const b = await writeBook(path.join(dir, "backwards.xlsx"), { schedule, navs, invoices, sheets: { Agreements: [["Portfolio", "Commenced", "Terminated", "Last Approval"], [P, utc("2008-03-10"), utc("2008-03-01"), null]] } });
    const r = mgmtfee("reconcile", b, "--month", "2008-03");
    expect([r.code, r.stderr]).toEqual([2, `mgmtfee: backwards.xlsx, sheet "Agreements", row 2, column "Terminated" (C): 2008-03-01 is before Commenced 2008-03-10\n`]);
  });
});

describe("a PRIOR_DAY month recalculated by LibreOffice", () => {
  it("shows the same Expected Fee, Difference and Status, and the Accruals sheet the NAV date used", async () => {
    const prior = await book("prior-lo.xlsx", { "Fee Settings": [["Setting", "Value"], ["Net Assets Timing", "PRIOR_DAY"]] });
    const out = path.join(dir, "prior-out.xlsx");
    const r = json("reconcile", prior, "--month", "2008-03", "--out", out);
    expect(r.body.rows[0].expectedFee).toBe(86612.12);
    const written = await sheetValues(out, "Recon 2008-03");
    const labels = [...written.entries()].filter(([k]) => k.startsWith("A")).map(([, v]) => v);
    expect(labels).toContain("Net Assets Timing");
    const timingRow = [...written.entries()].find(([, v]) => v === "Net Assets Timing")![0].slice(1);
    expect(String(written.get(`B${timingRow}`))).toMatch(/^PRIOR_DAY: /);
    const acc = await sheetValues(out, "Accruals 2008-03");
    // Row 4 is Mon 3 March: priced on Fri 29 February (serial 39507), 2,732.24.
    expect([acc.get("A4"), acc.get("C4"), acc.get("G4")]).toEqual([39510, 39507, 2732.24]);
    if (!sofficeOrSay("prior-day month end recalculated by LibreOffice")) return;
    const stripped = path.join(dir, "prior-stripped.xlsx");
    await withoutCachedResults(out, stripped);
    expect((await sheetValues(stripped, "Recon 2008-03")).get("E2")).toBeUndefined();
    const cells = await sheetValues(recalcWithLibreOffice(stripped, path.join(dir, "lo")), "Recon 2008-03");
    expect([cells.get("A2"), Math.round(Number(cells.get("E2")) * 100), Math.round(Number(cells.get("G2")) * 100), cells.get("H2")]).toEqual([P, 8661212, 0, "OK"]);
  }, 180000);
});
