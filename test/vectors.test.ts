import { readFileSync } from "fs";
import { join } from "path";
import {
  DAY_COUNTS,
  Dec,
  DateSystem,
  accrue,
  days360,
  feeFromAverage,
  formatIso,
  fromExcelSerial,
  isFeeError,
  prorate,
  singleVersion,
  toExcelSerial,
  DayCountId,
  Rounding,
} from "../src/engine";
import { d, navsOf, tiersOf } from "./helpers";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const load = (name: string): Record<string, any> => JSON.parse(readFileSync(join(__dirname, "vectors", name), "utf8"));

describe.each(["excel-serial.json", "isda-act-act.json", "days360.json", "fees.json"])("%s", (file) => {
  it("cites its source", () => {
    expect(typeof load(file).source).toBe("string");
    expect(load(file).source.length).toBeGreaterThan(40);
  });
});

describe("Excel serials", () => {
  const v = load("excel-serial.json");
  it.each<{ date: string; system: DateSystem; serial: number }>(v.cases)("$date is serial $serial in the $system system", (c) => {
    expect(formatIso(fromExcelSerial(c.serial, c.system))).toBe(c.date);
    expect(toExcelSerial(d(c.date), c.system)).toBe(c.serial);
  });
  it.each<{ serial: number; system: DateSystem }>(v.invalid)("serial $serial ($system) is refused: $why", (c) => {
    expect(() => fromExcelSerial(c.serial, c.system)).toThrow(expect.objectContaining({ code: "INVALID_DATE" }));
  });
});

describe("Actual/Actual (ISDA)", () => {
  it.each<{ start: string; endExclusive: string; yearFraction: number }>(load("isda-act-act.json").cases)("$start to $endExclusive is $yearFraction", (c) => {
    const [num, den] = DAY_COUNTS["ACT/ACT"].yearFraction(d(c.start), d(c.endExclusive) - 1);
    const calculated = new Dec(num.toString()).dividedBy(den.toString());
    expect(calculated.toDecimalPlaces(12).toNumber()).toBeCloseTo(c.yearFraction, 11);
  });
});

describe("DAYS360 (US/NASD, as Excel)", () => {
  it.each<{ start: string; end: string; days: number }>(load("days360.json").cases)("$start to $end is $days days", (c) => {
    expect(days360(d(c.start), d(c.end))).toBe(c.days);
  });
});

interface AccrualCase {
  name: string;
  tiers: [string, string][];
  navs: [string, string][];
  start: string;
  end: string;
  basis: DayCountId;
  rounding: Rounding;
  fee: string;
  days: number;
  adna: string;
}

describe("hand-worked accruals", () => {
  it.each<AccrualCase>(load("fees.json").accrual)("$name", (c) => {
    for (const detail of [true, false]) {
      const r = accrue(singleVersion(tiersOf(c.tiers)), navsOf(c.navs), d(c.start), d(c.end), { basis: c.basis, rounding: c.rounding, detail });
      expect({ fee: r.fee.toFixed(2), days: r.accruingDays, adna: r.averageDailyNetAssets?.toString() }).toEqual({ fee: c.fee, days: c.days, adna: c.adna });
    }
  });
});

describe("hand-worked fees from an average", () => {
  it.each<{ tiers: [string, string][]; average: string; start: string; end: string; basis: DayCountId; fee: string }>(load("fees.json").fromAverage)("$average at $basis, $start..$end = $fee", (c) => {
    expect(feeFromAverage(tiersOf(c.tiers), new Dec(c.average), d(c.start), d(c.end), c.basis).toFixed(2)).toBe(c.fee);
  });
});

describe("hand-worked proration", () => {
  it.each<{ amount: string; month: string; from: string; to: string | null; result: string }>(load("fees.json").prorate)("$amount in the month of $month from $from to $to = $result", (c) => {
    const r = prorate(new Dec(c.amount), d(c.month), d(c.from), c.to ? d(c.to) : undefined);
    expect(r.amount.toFixed(2)).toBe(c.result);
  });
});

it("engine errors are FeeErrors", () => {
  try {
    fromExcelSerial(60);
    throw new Error("no error");
  } catch (e) {
    expect(isFeeError(e)).toBe(true);
  }
});
