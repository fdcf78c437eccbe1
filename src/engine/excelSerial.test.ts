import fc from "fast-check";
import { fromExcelSerial, ordinarySerials } from "./excelSerial";
import { fromYmd } from "./calendarDate";

describe("ordinary serials", () => {
  it.each([1900, 1904] as const)("are exactly the whole serials fromExcelSerial turns into offset + serial (%s system)", (system) => {
    const { first, last, offset } = ordinarySerials(system);
    fc.assert(fc.property(fc.integer({ min: first, max: last }), (s) => fromExcelSerial(s, system) === offset + s), { numRuns: 2000 });
    for (const s of [first, last]) expect(fromExcelSerial(s, system)).toBe(offset + s);
    expect(fromExcelSerial(last, system)).toBe(fromYmd(9999, 12, 31));
    expect(() => fromExcelSerial(last + 1, system)).toThrow();
  });
  it("stop before Lotus' fictitious 1900-02-29 in the 1900 system and start at serial 0 in the 1904 system", () => {
    expect(ordinarySerials(1900).first).toBe(61);
    expect(() => fromExcelSerial(60)).toThrow(/fictitious/);
    expect(fromExcelSerial(61)).toBe(fromYmd(1900, 3, 1));
    expect(ordinarySerials(1904).first).toBe(0);
    expect(() => fromExcelSerial(-1, 1904)).toThrow();
  });
});
