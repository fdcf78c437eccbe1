import { DayNumber, fromYmd } from "./calendarDate";
import { FeeError, FeeErrorWhere } from "./FeeError";

/** Which date system a workbook uses: 1900 (Windows default) or 1904 (old Mac default). */
export type DateSystem = 1900 | 1904;

// Serial 61 is 1900-03-01 in the 1900 system; serial 0 is 1904-01-01 in the 1904 system.
const DAY_OF_SERIAL_61 = fromYmd(1900, 3, 1);
const DAY_OF_1904_SERIAL_0 = fromYmd(1904, 1, 1);
const FIRST_OF_1900 = fromYmd(1900, 1, 1);
// The last serials Excel has: 9999-12-31 in each system.
const MAX_SERIAL_1900 = 2958465;
const MAX_SERIAL_1904 = 2957003;

/**
 * The whole serials that are a day by one addition (day = offset + serial) in a system: all of the 1904
 * system's, and the 1900 system's from 1900-03-01 on (past Lotus' fictitious 1900-02-29). For a reader of
 * many dates that converts these itself and sends any other value through fromExcelSerial.
 */
export function ordinarySerials(system: DateSystem): { first: number; last: number; offset: number } {
  return system === 1904 ? { first: 0, last: MAX_SERIAL_1904, offset: DAY_OF_1904_SERIAL_0 } : { first: 61, last: MAX_SERIAL_1900, offset: DAY_OF_SERIAL_61 - 61 };
}

/**
 * Converts an Excel date serial to a day number. The 1900 system counts
 * 1900-01-01 as 1 and keeps Lotus' fictitious 1900-02-29 as serial 60, which
 * is no real day and is refused. A time of day (fraction) is dropped.
 *
 * @example fromExcelSerial(35981) === fromYmd(1998, 7, 5); fromExcelSerial(34519, 1904) === fromYmd(1998, 7, 5)
 */
export function fromExcelSerial(serial: number, system: DateSystem = 1900, where: FeeErrorWhere = {}): DayNumber {
  if (!Number.isFinite(serial)) throw new FeeError("INVALID_DATE", { ...where, value: serial });
  const whole = Math.floor(serial);
  if (system === 1904) {
    if (whole < 0 || whole > MAX_SERIAL_1904) throw new FeeError("INVALID_DATE", { ...where, value: serial }, "outside Excel's 1904 date range");
    return DAY_OF_1904_SERIAL_0 + whole;
  }
  if (whole < 1 || whole > MAX_SERIAL_1900) throw new FeeError("INVALID_DATE", { ...where, value: serial }, "outside Excel's date range");
  if (whole === 60) throw new FeeError("INVALID_DATE", { ...where, value: serial }, "serial 60 is Excel's fictitious 1900-02-29");
  return whole < 60 ? FIRST_OF_1900 + whole - 1 : DAY_OF_SERIAL_61 + whole - 61;
}

/** The Excel serial of a day number in the given date system. */
export function toExcelSerial(day: DayNumber, system: DateSystem = 1900): number {
  if (system === 1904) return day - DAY_OF_1904_SERIAL_0;
  return day >= DAY_OF_SERIAL_61 ? day - DAY_OF_SERIAL_61 + 61 : day - FIRST_OF_1900 + 1;
}
