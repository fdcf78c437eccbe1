import { readFileSync } from "fs";
import { join } from "path";
import fc from "fast-check";
import { FUNCTION_SPECS, FunctionId } from "../../src/functions/spec";
import { call, loadFunctions, StubError } from "./loadFunctions";

const metadata = JSON.parse(readFileSync(join(__dirname, "..", "..", "dist", "functions.json"), "utf8"));
const serial = (iso: string) => {
  const [y, m, d] = iso.split("-").map(Number);
  return (Date.UTC(y, m - 1, d) - Date.UTC(1899, 11, 30)) / 86400000;
};
const col = (xs: unknown[]) => xs.map((x) => [x]);

describe("functions.json matches the spec table", () => {
  const ids = Object.keys(FUNCTION_SPECS) as FunctionId[];
  it("declares exactly the specified functions", () => {
    expect(metadata.functions.map((f: { id: string }) => f.id).sort()).toEqual([...ids].sort());
  });
  it.each(ids)("%s: parameters, optional flags, dimensionality and result shape", (id) => {
    const spec = FUNCTION_SPECS[id];
    const f = metadata.functions.find((x: { id: string }) => x.id === id);
    expect(f.name).toBe(id);
    expect(f.description.length).toBeGreaterThan(40);
    expect(f.parameters.map((p: { name: string; optional?: boolean; dimensionality?: string }) => [p.name, Boolean(p.optional), p.dimensionality === "matrix"])).toEqual(
      spec.args.map((a) => [a.name, a.optional, a.matrix]),
    );
    expect(f.result.dimensionality === "matrix").toBe(spec.result === "matrix");
    for (const [i, a] of spec.args.entries()) {
      if (a.kind === "basis") expect(f.parameters[i].customEnumId).toBe("Basis");
      if (a.kind === "rounding") expect(f.parameters[i].customEnumId).toBe("Rounding");
    }
  });
  it("offers the allowed basis and rounding values as dropdowns", () => {
    const values = (id: string) => metadata.enums.find((e: { id: string }) => e.id === id).values.map((v: { stringValue: string }) => v.stringValue);
    expect(values("Basis")).toEqual(FUNCTION_SPECS.MGMTFEE.args[4].allowed);
    expect(values("Rounding")).toEqual(FUNCTION_SPECS.ACCRUE.args[6].allowed);
  });
});

describe("dist/functions.js outside Excel", () => {
  const { fns } = loadFunctions();

  it("loads with only CustomFunctions defined and registers every id in functions.json", () => {
    expect(Object.keys(fns).sort()).toEqual(metadata.functions.map((f: { id: string }) => f.id).sort());
  });

  const jan = { start: serial("2024-01-01"), end: serial("2024-01-31") };

  it("MGMTFEE: rate as a number, percent text, basis points or a tier range; omitted basis arrives as null", () => {
    expect(fns.MGMTFEE([[0.001]], 500000000, jan.start, jan.end, null)).toBe(42349.73);
    expect(fns.MGMTFEE([["0.10%"]], "500,000,000", "2024-01-01", "2024-01-31", "ACT/365")).toBe(42465.75);
    expect(fns.MGMTFEE([["10bp"]], 500000000, jan.start, jan.end, "30/360")).toBe(41666.67);
    expect(fns.MGMTFEE([["Breakpoint", "Annual Rate"], [0, 0.0075], [1e9, 0.007], [2e9, 0.0065], ["", ""]], 2.5e9, serial("2023-01-01"), serial("2023-01-31"), null)).toBe(1507534.25);
  });

  it("ACCRUE: a business-day series carried over weekends, blank rows ignored, default period from the dates", () => {
    // Fri 5 Jan and Mon 8 Jan 2024; a blank row as one client sends it (null) and as another does (0).
    const navs = col([100000000, null, 0, 200000000]);
    const dates = col([serial("2024-01-05"), null, 0, serial("2024-01-08")]);
    expect(fns.ACCRUE([[0.001]], navs, dates, null, null, "ACT/365", null)).toBe(1369.86);
    expect(fns.ACCRUE([[0.001]], navs, dates, null, null, "ACT/365", "PERIOD")).toBe(1369.86);
    expect(fns.ACCRUE([[0.001]], col([500000000]), col([serial("2022-12-30")]), serial("2023-01-01"), serial("2023-01-31"), null, null)).toBe(42465.66);
    expect(fns.ACCRUE([[0.001]], col([500000000]), col([serial("2022-12-30")]), serial("2023-01-01"), serial("2023-01-31"), null, "PERIOD")).toBe(42465.75);
  });

  it("ACCRUE accepts a row range as well as a column", () => {
    expect(fns.ACCRUE([[0.001]], [[100000000, 200000000]], [[serial("2024-01-05"), serial("2024-01-08")]], null, null, "ACT/365", null)).toBe(1369.86);
  });

  it("PRORATE, ADNA", () => {
    expect(fns.PRORATE(3100, serial("2024-01-20"), serial("2024-01-15"), null)).toBe(1700);
    expect(fns.PRORATE(1000, serial("2023-02-01"), serial("2023-02-10"), serial("2023-02-20"))).toBe(392.86);
    expect(fns.ADNA(col([100, 200]), col([serial("2024-01-05"), serial("2024-01-08")]), null, null)).toBe(125);
  });

  it("DAILY spills a header and one row per day", () => {
    const out = fns.DAILY([[0.001]], col([100000000, 200000000]), col([serial("2024-01-05"), serial("2024-01-08")]), null, null, "ACT/365") as unknown[][];
    expect(out[0]).toEqual(["Date", "Net Assets", "Annual Rate", "Daily Accrual", "Cumulative"]);
    expect(out.slice(1)).toEqual([
      [serial("2024-01-05"), 100000000, 0.001, 273.97, 273.97],
      [serial("2024-01-06"), 100000000, 0.001, 273.97, 547.94],
      [serial("2024-01-07"), 100000000, 0.001, 273.97, 821.91],
      [serial("2024-01-08"), 200000000, 0.001, 547.95, 1369.86],
    ]);
  });

  it("SCHEDULE is empty (a header and a blank row) without a workbook", () => {
    expect(fns.SCHEDULE(null)).toEqual([
      ["Portfolio", "Effective From", "Breakpoint", "Annual Rate"],
      ["", "", "", ""],
    ]);
  });

  it.each([
    ["text in a net-asset range", () => fns.ACCRUE([[0.001]], col([1, "abc"]), col([45292, 45293]), null, null, null, null), "#VALUE!", 'net_assets row 2 is not a number: "abc"'],
    ["ranges of different lengths", () => fns.ACCRUE([[0.001]], col([1, 2, 3]), col([45292, 45293]), null, null, null, null), "#VALUE!", "net_assets has 3 cells and dates has 2"],
    ["a value without a date", () => fns.ADNA(col([1, 2]), col([45292, null]), null, null), "#VALUE!", "dates row 2 is required"],
    ["the same date twice", () => fns.ADNA(col([1, 2]), col([45292, 45292]), null, null), "#VALUE!", "net_assets row 2 has the same date twice"],
    ["negative net assets", () => fns.ADNA(col([1, -2]), col([45292, 45293]), null, null), "#VALUE!", "net_assets row 2 is negative"],
    ["an unknown basis", () => fns.MGMTFEE([[0.001]], 1e6, 45292, 45322, "ACT/999"), "#VALUE!", 'basis is not a known day-count basis: "ACT/999"'],
    ["an unknown rounding", () => fns.ACCRUE([[0.001]], col([1]), col([45292]), null, null, null, "WEEKLY"), "#VALUE!", 'rounding is not a known rounding: "WEEKLY"'],
    ["30/360 for a daily accrual", () => fns.ACCRUE([[0.001]], col([1]), col([45292]), null, null, "30/360", null), "#VALUE!", "daily accrual uses ACT/ACT"],
    ["an end before the start", () => fns.MGMTFEE([[0.001]], 1e6, 45322, 45292, null), "#VALUE!", "period_end ends before it starts"],
    ["a rate of 150%", () => fns.MGMTFEE([["150%"]], 1e6, 45292, 45322, null), "#VALUE!", 'rate is not a valid annual rate: "150%"'],
    ["a negative rate", () => fns.MGMTFEE([[-0.001]], 1e6, 45292, 45322, null), "#VALUE!", "rate is not a valid annual rate: -0.001"],
    ["breakpoints not rising", () => fns.MGMTFEE([[0, 0.001], [100, 0.002], [50, 0.003]], 1e6, 45292, 45322, null), "#VALUE!", "rate row 3 is not a valid annual rate: 50 (breakpoints must rise"],
    ["an unknown portfolio", () => fns.MGMTFEE([["No Such Portfolio"]], 1e6, 45292, 45322, null), "#N/A", '"No Such Portfolio" is not in the fee schedule'],
    ["a missing argument", () => fns.MGMTFEE([[0.001]], null, 45292, 45322, null), "#VALUE!", "average_net_assets is required"],
    ["serial 60, Excel's fictitious 1900-02-29", () => fns.PRORATE(100, 60, 61, null), "#VALUE!", "month is not a valid date: 60 (serial 60 is Excel's fictitious 1900-02-29)"],
    ["a text date that is not ISO", () => fns.PRORATE(100, "January", 45292, null), "#VALUE!", 'month is not a valid date: "January" (expected YYYY-MM-DD)'],
    ["an unknown portfolio for RATE", () => fns.RATE("Nope", null, null), "#N/A", '"Nope" is not in the fee schedule'],
  ])("%s gives %s with a message", (_name, f, code, message) => {
    const r = call(f as () => unknown) as { code: string; message: string };
    expect(r.code).toBe(code);
    expect(r.message).toContain(message);
  });

  it("random Excel-shaped arguments give a number, a spilled array or a CustomFunctions.Error, never anything else", () => {
    const cell = fc.oneof(fc.constant(null), fc.constant(""), fc.constant(0), fc.double({ noNaN: false }), fc.integer({ min: -10, max: 3e6 }), fc.string(), fc.boolean(), fc.constantFrom("0.10%", "10bp", "2024-01-31", "ACT/365", "DAILY", "MetLife Balanced Strategy Portfolio"));
    const range = fc.array(fc.array(cell, { minLength: 1, maxLength: 2 }), { minLength: 1, maxLength: 6 }).map((rows) => rows.map((r) => (r.length === rows[0].length ? r : rows[0].map((_, i) => r[i] ?? null))));
    const arg = fc.oneof(cell, range);
    fc.assert(
      fc.property(fc.constantFrom(...Object.keys(fns)), fc.array(arg, { minLength: 7, maxLength: 7 }), (id, args) => {
        const n = metadata.functions.find((f: { id: string }) => f.id === id).parameters.length;
        let out: unknown;
        try {
          out = fns[id](...args.slice(0, n));
        } catch (e) {
          expect(e).toBeInstanceOf(StubError);
          expect(["#VALUE!", "#N/A"]).toContain((e as StubError).code);
          expect((e as StubError).message).toBeTruthy();
          expect((e as StubError).message).not.toMatch(/unexpected error/);
          return;
        }
        if (Array.isArray(out)) expect(out.every((r) => Array.isArray(r) && r.every((c) => typeof c === "number" || typeof c === "string"))).toBe(true);
        else expect(typeof out === "number" && Number.isFinite(out)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});
