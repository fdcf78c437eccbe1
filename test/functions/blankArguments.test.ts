import { readFileSync } from "fs";
import { join } from "path";
import { call, loadFunctions } from "./loadFunctions";

// Excel on Windows desktop passes an empty cell as 0 (office-js #4702): an optional date, basis or rounding
// that arrives as 0 must mean "omitted", never day 0 or YEARFRAC's basis 0 (30/360).
const { fns } = loadFunctions();
const JAN1 = 45292; // 2024-01-01
const JAN15 = 45306;
const JAN31 = 45322;
const col = (xs: unknown[]) => xs.map((x) => [x]);
// Fri 5 Jan 2024 at 100m, Mon 8 Jan at 200m: 3 x 273.97 + 547.95 under ACT/365 (README's example).
const navs = col([100000000, 200000000]);
const dates = col([45296, 45299]);

describe("optional arguments that arrive as 0 count as omitted", () => {
  it("basis 0 is the default ACT/ACT, not 30/360", () => {
    expect(fns.MGMTFEE([[0.001]], 500000000, JAN1, JAN31, 0)).toBe(42349.73); // 500,000 x 31/366
    expect(fns.MGMTFEE([[0.001]], 500000000, JAN1, JAN31, "30/360")).toBe(41666.67); // 500,000 x 30/360
    expect(fns.ACCRUE([[0.001]], navs, dates, 0, 0, 0, 0)).toBe(fns.ACCRUE([[0.001]], navs, dates, null, null, null, null));
  });
  it("the text '0' is no longer a basis code (1, 2 and 3 still are)", () => {
    expect(call(() => fns.MGMTFEE([[0.001]], 500000000, JAN1, JAN31, "0"))).toMatchObject({ code: "#VALUE!", message: expect.stringContaining('basis is not a known day-count basis: "0"') });
    expect(fns.MGMTFEE([[0.001]], 500000000, JAN1, JAN31, 3)).toBe(fns.MGMTFEE([[0.001]], 500000000, JAN1, JAN31, "ACT/365"));
  });
  it("period_start and period_end of 0 take the first and last dates given", () => {
    expect(fns.ACCRUE([[0.001]], navs, dates, 0, 0, "ACT/365", 0)).toBe(1369.86);
    expect(fns.ADNA(navs, dates, 0, 0)).toBe(125000000);
    expect(fns.DAILY([[0.001]], navs, dates, 0, 0, "ACT/365")).toEqual(fns.DAILY([[0.001]], navs, dates, null, null, "ACT/365"));
  });
  it("rounding 0 is DAILY", () => {
    expect(fns.ACCRUE([[0.001]], navs, dates, null, null, "ACT/365", 0)).toBe(1369.86);
  });
  it("served_to 0 is the end of the month", () => {
    expect(fns.PRORATE(3100, JAN1, JAN15, 0)).toBe(1700); // 17 of 31 days
  });
  it("as_of 0 is the latest version", () => {
    expect(fns.SCHEDULE(0)).toEqual(fns.SCHEDULE(null));
  });
});

describe("function help", () => {
  const metadata = JSON.parse(readFileSync(join(__dirname, "..", "..", "dist", "functions.json"), "utf8"));
  const help = readFileSync(join(__dirname, "..", "..", "dist", "help.html"), "utf8");
  const ids: string[] = metadata.functions.map((f: { id: string }) => f.id);
  it.each(ids)("%s: description fits Insert Function (255 characters) and help.html has its section", (id: string) => {
    const f = metadata.functions.find((x: { id: string }) => x.id === id);
    expect(f.description.length).toBeLessThanOrEqual(255);
    for (const p of f.parameters) expect(p.description.length).toBeLessThanOrEqual(255);
    const anchor = new URL(f.helpUrl).hash.slice(1);
    expect(help).toMatch(new RegExp(`<h2 id="?${anchor}"?>FEE\\.${id}\\(`));
  });
  it("help.html keeps the full text the short descriptions leave out", () => {
    expect(help).toContain("(under the rate's breakpoints)");
    expect(help).toContain("weekends and holidays carry Friday's");
    expect(help).toContain("so <code>basis</code> 0 is ACT/ACT");
  });
});
