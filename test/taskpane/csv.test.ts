import { exportCsv, importCsv } from "../../src/taskpane/features/schedule/csv";
import { Draft } from "../../src/taskpane/features/schedule/draft";

const draft = (name: string): Draft => ({ portfolios: [{ name, versions: [{ effectiveFrom: "2004-11-01", tiers: [{ breakpoint: "0", rate: "0.10%" }] }] }] });

describe("schedule CSV", () => {
  it("round-trips a schedule", () => {
    const csv = exportCsv(draft("Fund, A"));
    expect(csv).toBe('Portfolio,Effective From,Breakpoint,Annual Rate\r\n"Fund, A",2004-11-01,0,0.001\r\n');
    expect(importCsv(csv).draft?.portfolios[0]).toMatchObject({ name: "Fund, A", versions: [{ effectiveFrom: "2004-11-01", tiers: [{ breakpoint: "0", rate: "0.10%" }] }] });
  });

  it.each(["=HYPERLINK(\"x\")", "+1", "-1", "@SUM(A1)"])("exports %s so that no spreadsheet runs it", (name) => {
    const line = exportCsv(draft(name)).split("\r\n")[1];
    expect(line.startsWith("'") || line.startsWith("\"'")).toBe(true);
    // ...and reads it back as the same name.
    expect(importCsv(exportCsv(draft(name))).draft?.portfolios[0].name).toBe(name);
  });

  it("reports each bad line and changes nothing", () => {
    const r = importCsv("Portfolio,Effective From,Breakpoint,Annual Rate\nFund A,2004-11-01,0,0.10%\nFund B,2004-13-01,0,0.10%\n,2004-11-01,x,abc\n");
    expect(r.draft).toBeNull();
    expect(r.errors).toEqual(['line 3: Effective From "2004-13-01" is not a YYYY-MM-DD date', 'line 4: Portfolio is blank; Breakpoint "x" is not an amount; Annual Rate "abc" is not a rate']);
  });

  it("refuses a file without the header", () => {
    expect(importCsv("Name,Rate\nFund A,0.1%\n").errors).toEqual(["line 1: the header lacks Portfolio, Effective From, Breakpoint, Annual Rate"]);
  });
});
