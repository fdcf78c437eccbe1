// mgmtfee calendar: the agreement's continuance calendar (§9), hand-worked.
import path from "path";
import { recalcWithLibreOffice, sofficeOrSay } from "../support/libreoffice";
import { sheetValues, withoutCachedResults } from "../support/xlsxCells";
import { mgmtfee, tmp, utc, writeBook } from "./helpers";

const dir = tmp();
const HEAD = ["Portfolio", "Commenced", "Terminated", "Last Approval"];
const serial = (iso: string) => (Date.parse(`${iso}T00:00:00Z`) - Date.UTC(1899, 11, 30)) / 86400000;

describe("mgmtfee calendar", () => {
  let book: string;
  beforeAll(async () => {
    book = await writeBook(path.join(dir, "calendar.xlsx"), {
      schedule: [["Fund X", utc("2004-11-01"), 0, 0.001]],
      sheets: {
        Agreements: [
          HEAD,
          ["MetLife Defensive Strategy Portfolio", utc("2004-11-01"), null, utc("2006-11-15")],
          ["MetLife Moderate Strategy Portfolio", utc("2004-11-01"), null, utc("2007-05-20")],
          ["MetLife Balanced Strategy Portfolio", utc("2004-11-01"), utc("2007-06-30"), utc("2006-11-15")],
        ],
      },
    });
  });

  it("lists each portfolio's next approval due, days to due and status; exit 1 when any is due soon or overdue", () => {
    const r = mgmtfee("calendar", book, "--as-of", "2007-10-01", "--json");
    expect(r.code).toBe(1);
    const j = JSON.parse(r.stdout);
    expect(Object.keys(j)).toEqual(["asOf", "rows"]);
    expect(Object.keys(j.rows[0])).toEqual(["portfolio", "commenced", "terminated", "initialTermEnds", "lastApproval", "nextApprovalDue", "daysToDue", "status"]);
    // Due a year after the last approval; 2007-10-01 to 2007-11-15 is 45 days; to 2008-05-20 is 232 (2008 is a leap year).
    // Fund X is in the Fee Schedule but not in Agreements: no approval recorded, so due at the initial term's end, 2005-12-31 (639 days ago).
    expect(j.rows.map((x: { portfolio: string; nextApprovalDue: string; daysToDue: number; status: string }) => [x.portfolio, x.nextApprovalDue, x.daysToDue, x.status])).toEqual([
      ["MetLife Defensive Strategy Portfolio", "2007-11-15", 45, "DUE_SOON"],
      ["MetLife Moderate Strategy Portfolio", "2008-05-20", 232, "CURRENT"],
      ["MetLife Balanced Strategy Portfolio", "2007-11-15", 45, "TERMINATED"],
      ["Fund X", "2005-12-31", -639, "OVERDUE"],
    ]);
    expect(j.rows[0]).toMatchObject({ commenced: "2004-11-01", terminated: null, initialTermEnds: "2005-12-31", lastApproval: "2006-11-15" });
    expect(j.asOf).toBe("2007-10-01");
  });

  it("exit 0 when nothing is due within 60 days; Initial Term Ends comes from Fee Settings", async () => {
    const b = await writeBook(path.join(dir, "quiet.xlsx"), {
      sheets: {
        Agreements: [HEAD, ["Fund A", utc("2004-11-01"), null, null]],
        "Fee Settings": [["Setting", "Value"], ["Initial Term Ends", "2006-06-30"]],
      },
    });
    const r = mgmtfee("calendar", b, "--as-of", "2006-04-01", "--json");
    // 2006-04-01 to 2006-06-30: 30 + 31 + 29 = 90 days.
    expect([r.code, JSON.parse(r.stdout).rows[0]]).toEqual([0, expect.objectContaining({ initialTermEnds: "2006-06-30", nextApprovalDue: "2006-06-30", daysToDue: 90, status: "CURRENT" })]);
    const table = mgmtfee("calendar", b, "--as-of", "2006-04-01");
    expect(table.stdout).toContain("No approval is due within 60 days.");
  });

  it("bad input exits 2 with a one-line message", async () => {
    expect(mgmtfee("calendar", book).stderr).toContain("calendar needs --as-of YYYY-MM-DD");
    expect(mgmtfee("calendar", book, "--as-of", "2007-13-01").code).toBe(2);
    const bad = await writeBook(path.join(dir, "bad.xlsx"), { sheets: { Agreements: [HEAD, ["Fund A", "Nov 2004", null, null]] } });
    const r = mgmtfee("calendar", bad, "--as-of", "2007-10-01");
    expect([r.code, r.stderr]).toEqual([2, 'mgmtfee: bad.xlsx, sheet "Agreements", row 2, column "Commenced" (B): is not a date: "Nov 2004" (use a date, or text as YYYY-MM-DD)\n']);
    const none = await writeBook(path.join(dir, "none.xlsx"), { schedule: null });
    expect(mgmtfee("calendar", none, "--as-of", "2007-10-01").stderr).toBe('mgmtfee: none.xlsx: has no table "Agreements" or sheet "Agreements", and no fee schedule to list portfolios from\n');
  });

  it("--out writes the Agreement Calendar sheet, whose formulas LibreOffice recalculates to the same values", async () => {
    const out = path.join(dir, "calendar-out.xlsx");
    expect(mgmtfee("calendar", book, "--as-of", "2007-10-01", "--out", out).code).toBe(1);
    const written = await sheetValues(out, "Agreement Calendar");
    expect([written.get("A1"), written.get("F2"), written.get("G2"), written.get("H2"), written.get("A7"), written.get("B7")]).toEqual(["Portfolio", serial("2007-11-15"), 45, "DUE_SOON", "As of", serial("2007-10-01")]);
    if (!sofficeOrSay("agreement calendar recalculated by LibreOffice")) return;
    const stripped = path.join(dir, "calendar-stripped.xlsx");
    await withoutCachedResults(out, stripped);
    expect((await sheetValues(stripped, "Agreement Calendar")).get("H2")).toBeUndefined();
    const cells = await sheetValues(recalcWithLibreOffice(stripped, path.join(dir, "lo")), "Agreement Calendar");
    const got = [2, 3, 4, 5].map((x) => [cells.get(`F${x}`), cells.get(`G${x}`), cells.get(`H${x}`)]);
    expect(got).toEqual([
      [serial("2007-11-15"), 45, "DUE_SOON"],
      [serial("2008-05-20"), 232, "CURRENT"],
      [serial("2007-11-15"), 45, "TERMINATED"],
      [serial("2005-12-31"), -639, "OVERDUE"],
    ]);
  }, 180000);
});
