import { existsSync, readFileSync, writeFileSync } from "fs";
import path from "path";
import { BookSpec, SAMPLE, mgmtfee, tmp, utc, writeBook } from "./helpers";

const dir = tmp();
let n = 0;
async function reconcileBad(spec: BookSpec | ((file: string) => void), month = "2024-01") {
  const file = path.join(dir, `bad-${++n}.xlsx`);
  if (typeof spec === "function") spec(file);
  else await writeBook(file, spec);
  const out = path.join(dir, `out-${n}.xlsx`);
  const r = mgmtfee("reconcile", file, "--month", month, "--out", out);
  return { ...r, wroteOutput: existsSync(out), file: path.basename(file) };
}

describe("bad input: exit 2, one line naming the file and where, and no output file", () => {
  it.each<[string, BookSpec | ((f: string) => void), RegExp]>([
    ["a missing sheet", { invoices: null }, /has no table "Invoices" and no sheet "Invoices"/],
    ["a missing column", { navHeader: ["Date", "Portfolio", "NAV"] }, /sheet "Net Assets", row 1: no column "Net Assets" in the header/],
    ["text in Net Assets", { navs: [[utc("2024-01-01"), "Fund A", 1000], [utc("2024-01-02"), "Fund A", "n/a"]] }, /sheet "Net Assets", row 3, column "Net Assets" \(C\): is not a number: "n\/a"/],
    ["the same date twice for a portfolio", { navs: [[utc("2024-01-01"), "Fund A", 1000], [utc("2024-01-01"), "Fund A", 2000]] }, /sheet "Net Assets", row 3, column "Date" \(A\): 2024-01-01 appears twice for Fund A \(also row 2\)/],
    ["negative net assets", { navs: [[utc("2024-01-01"), "Fund A", -5]] }, /sheet "Net Assets", row 2, column "Net Assets" \(C\): is negative: -5/],
    ["a date that is not a date", { navs: [["January 1st", "Fund A", 5]] }, /sheet "Net Assets", row 2, column "Date" \(A\): is not a date: "January 1st"/],
    ["a schedule without a zero breakpoint", { schedule: [["Fund A", utc("2004-11-01"), 100, 0.001]] }, /sheet "Fee Schedule", row 2, column "Breakpoint": Fund A from 2004-11-01: the first tier must start at breakpoint 0/],
    ["a rate of 150%", { schedule: [["Fund A", utc("2004-11-01"), 0, "150%"]] }, /sheet "Fee Schedule", row 2, column "Annual Rate": .*outside 0% to below 100%/],
    ["a truncated file", (f) => writeFileSync(f, readFileSync(SAMPLE).subarray(0, 4000)), /is not a readable \.xlsx workbook/],
    ["a file that is not xlsx", (f) => writeFileSync(f, "Date,Portfolio,Net Assets\n2024-01-01,Fund A,5\n"), /is not a readable \.xlsx workbook/],
  ])("%s", async (_what, spec, message) => {
    const r = await reconcileBad(spec);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toContain(r.file);
    expect(r.stderr).toMatch(message);
    expect(r.stdout).toBe("");
    expect(r.wroteOutput).toBe(false);
  });

  it("a month such as 2024-13", async () => {
    const r = await reconcileBad({}, "2024-13");
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--month "2024-13" is not a valid month/);
    expect(r.wroteOutput).toBe(false);
  });

  it("a missing input file", () => {
    const r = mgmtfee("reconcile", path.join(dir, "nope.xlsx"), "--month", "2024-01");
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/nope\.xlsx: cannot read the file \(ENOENT\)/);
  });

  it("an unknown option or command", () => {
    expect(mgmtfee("reconcile", SAMPLE, "--month", "2024-01", "--tolerence", "1").code).toBe(2);
    expect(mgmtfee("recon").stderr).toMatch(/unknown command "recon"/);
  });
});

describe("statuses the sample does not show", () => {
  it("NO_NET_ASSETS and UNKNOWN_PORTFOLIO, with exit 1", async () => {
    const file = await writeBook(path.join(dir, "statuses.xlsx"), {
      schedule: [
        ["Fund A", utc("2004-11-01"), 0, 0.001],
        ["Fund B", utc("2004-11-01"), 0, 0.001],
      ],
      navs: [[utc("2023-12-29"), "Fund A", 365000000]],
      invoices: [
        ["2024-01", "Fund A", 31000],
        ["2024-01", "Fund B", 10],
        ["2024-01", "Fund Z", 99],
      ],
    });
    const r = mgmtfee("reconcile", file, "--month", "2024-01", "--json");
    expect(r.code).toBe(1);
    const rows = JSON.parse(r.stdout).rows;
    expect(rows.map((x: { portfolio: string; status: string }) => [x.portfolio, x.status])).toEqual([
      ["Fund A", "BREAK"],
      ["Fund B", "NO_NET_ASSETS"],
      ["Fund Z", "UNKNOWN_PORTFOLIO"],
    ]);
    // 365m at 0.10% is 365,000 a year; 2024 has 366 days, so 997.2678 -> 997.27 a day, x 31 = 30,915.37.
    expect(rows[0].expectedFee).toBe(30915.37);
    expect(rows[0].averageDailyNetAssets).toBe(365000000);
    expect(rows[2]).toMatchObject({ days: 0, averageDailyNetAssets: null, expectedFee: 0, billedFee: 99, difference: 99 });
  });

  it("exit 0 when every portfolio is OK", async () => {
    const file = await writeBook(path.join(dir, "ok.xlsx"), { navs: [[utc("2023-12-29"), "Fund A", 366000000]], invoices: [["2024-01", "fund a", 31000]] });
    const r = mgmtfee("reconcile", file, "--month", "2024-01", "--json");
    expect(JSON.parse(r.stdout).rows[0]).toMatchObject({ portfolio: "Fund A", expectedFee: 31000, status: "OK" });
    expect(r.code).toBe(0);
  });
});

describe("mgmtfee accrue", () => {
  it("from the sample workbook's own schedule", () => {
    const r = mgmtfee("accrue", SAMPLE, "--portfolio", "MetLife Balanced Strategy Portfolio", "--from", "2024-01-01", "--to", "2024-01-31", "--json");
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(Object.keys(j)).toEqual(["portfolio", "from", "to", "days", "averageDailyNetAssets", "fee", "basis", "rounding", "navTiming"]);
    const recon = JSON.parse(mgmtfee("reconcile", SAMPLE, "--month", "2024-01", "--json").stdout);
    expect(j.fee).toBe(recon.rows[2].expectedFee);
    expect(j).toMatchObject({ portfolio: "MetLife Balanced Strategy Portfolio", from: "2024-01-01", to: "2024-01-31", days: 31, basis: "ACT/ACT", rounding: "DAILY", navTiming: "SAME_DAY" });
  });

  it("from a CSV with --rate, each rounding", () => {
    const csv = path.join(dir, "navs.csv");
    writeFileSync(csv, 'Date,Portfolio,Net Assets\n2022-12-30,Fund A,"500,000,000"\n2022-12-30,Fund B,1\n');
    const run = (rounding: string) => JSON.parse(mgmtfee("accrue", csv, "--portfolio", "Fund A", "--from", "2023-01-01", "--to", "2023-01-31", "--rate", "0.10%", "--rounding", rounding, "--json").stdout);
    expect(run("DAILY").fee).toBe(42465.66);
    expect(run("PERIOD").fee).toBe(42465.75);
    expect(run("NONE").fee).toBe(42465.75);
  });

  it("from a CSV with --schedule BOOK.xlsx", () => {
    const csv = path.join(dir, "navs2.csv");
    writeFileSync(csv, "Date,Portfolio,Net Assets\n2024-01-01,MetLife Growth Strategy Portfolio,366000000\n");
    const r = mgmtfee("accrue", csv, "--portfolio", "MetLife Growth Strategy Portfolio", "--from", "2024-01-01", "--to", "2024-01-10", "--schedule", SAMPLE, "--basis", "ACT/365", "--json");
    expect(JSON.parse(r.stdout)).toMatchObject({ days: 10, fee: 10027.4, basis: "ACT/365" });
  });

  it("bad usage is exit 2", () => {
    expect(mgmtfee("accrue", SAMPLE, "--portfolio", "X", "--from", "2024-01-31", "--to", "2024-01-01").stderr).toMatch(/--to 2024-01-01 is before --from 2024-01-31/);
    expect(mgmtfee("accrue", SAMPLE, "--portfolio", "X", "--from", "2024-01-01", "--to", "2024-01-31").code).toBe(2);
    expect(mgmtfee("accrue", SAMPLE, "--portfolio", "MetLife Growth Strategy Portfolio", "--from", "2024-01-01", "--to", "2024-01-31", "--basis", "30/360").code).toBe(2);
  });
});
