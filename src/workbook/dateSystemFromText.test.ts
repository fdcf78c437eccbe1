import { dateSystemFromText } from "./dateSystemFromText";

// 2024-01-31 is serial 45322 in the 1900 system and 45322 - 1462 = 43860 in the 1904 system (Excel's documented offset).
describe("dateSystemFromText", () => {
  it.each([
    ["ISO text, 1900", [[45322]], [["2024-01-31"]], 1900],
    ["US short date, 1904", [[43860]], [["1/31/2024"]], 1904],
    ["European date, 1904", [[43860]], [["31.01.2024"]], 1904],
    ["long date, 1900", [[45322]], [["Wednesday, January 31, 2024"]], 1900],
    ["two-digit year only: undecided", [[45322]], [["1/31/24"]], null],
    ["a number, not a date: undecided", [[2000]], [["2000"]], null],
    ["text and blanks: undecided", [["Fund A", null]], [["Fund A", ""]], null],
  ])("%s", (_what, values, text, expected) => {
    expect(dateSystemFromText(values, text)).toBe(expected);
  });
  it("the first deciding cell wins, skipping undecided ones", () => {
    expect(dateSystemFromText([[0.001, 43860]], [["0.10%", "2024-01-31"]])).toBe(1904);
  });
});
