import { FeeError, isFeeError, withWhere } from "./FeeError";
import { parseRate } from "./parseRate";
import { NavSeries } from "./navSeries";

describe("FeeError", () => {
  it("names the argument and the row", () => {
    expect(() => NavSeries.from([{ date: 1, netAssets: 5 }, { date: 2, netAssets: NaN }])).toThrow("net_assets row 2 is not a number: NaN");
    expect(new FeeError("INVALID_NUMBER", { argument: "net_assets", row: 5, value: "abc" }).message).toBe('net_assets row 5 is not a number: "abc"');
  });
  it("is recognised by code, and can be placed later", () => {
    try {
      parseRate("150%");
    } catch (e) {
      expect(isFeeError(e)).toBe(true);
      const placed = withWhere(e as FeeError, { argument: "rate", row: 3 });
      expect(placed.code).toBe("INVALID_RATE");
      expect(placed.message).toMatch(/^rate row 3 is not a valid annual rate: "150%"/);
      return;
    }
    throw new Error("150% was accepted");
  });
  it("reports a date given twice with both rows", () => {
    expect(() => NavSeries.from([{ date: 10, netAssets: 1 }, { date: 10, netAssets: 2 }], "Net Assets")).toThrow("Net Assets row 2 has the same date twice: \"1970-01-11\" (also on row 1)");
  });
});
