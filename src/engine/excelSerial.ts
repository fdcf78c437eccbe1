import { DayNumber, fromYmd } from "./calendarDate";
import { FeeError, FeeErrorWhere } from "./FeeError";

/** Which date system a workbook uses: 1900 (Windows default) or 1904 (old Mac default). */
export type DateSystem = 1900 | 1904;

// Serial 61 is 1900-03-01 in the 1900 system; serial 0 is 1904-01-01 in the 1904 system.
const DAY_OF_SERIAL_61 = fromYmd(1900, 3, 1);
const DAY_OF_1904_SERIAL_0 = fromYmd(1904, 1, 1);
const FIRST_OF_1900 = fromYmd(1900, 1, 1);

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
    if (whole < 0 || whole > 2957003) throw new FeeError("INVALID_DATE", { ...where, value: serial }, "outside Excel's 1904 date range");
    return DAY_OF_1904_SERIAL_0 + whole;
  }
  if (whole < 1 || whole > 2958465) throw new FeeError("INVALID_DATE", { ...where, value: serial }, "outside Excel's date range");
  if (whole === 60) throw new FeeError("INVALID_DATE", { ...where, value: serial }, "serial 60 is Excel's fictitious 1900-02-29");
  return whole < 60 ? FIRST_OF_1900 + whole - 1 : DAY_OF_SERIAL_61 + whole - 61;
}

/** The Excel serial of a day number in the given date system. */
export function toExcelSerial(day: DayNumber, system: DateSystem = 1900): number {
  if (system === 1904) return day - DAY_OF_1904_SERIAL_0;
  return day >= DAY_OF_SERIAL_61 ? day - DAY_OF_SERIAL_61 + 61 : day - FIRST_OF_1900 + 1;
}
