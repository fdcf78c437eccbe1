import { DateSystem, formatIso, fromExcelSerial } from "../engine";

const YEAR = /(?:^|\D)(1[89]\d\d|2\d\d\d)(?!\d)/g;

function yearOf(serial: number, system: DateSystem): string | null {
  try {
    return formatIso(fromExcelSerial(serial, system)).slice(0, 4);
  } catch {
    return null;
  }
}

/**
 * The workbook's date system, told from date cells as Excel shows them: a cell
 * holding serial 45322 shows a year of 2024 in the 1900 system and 2028 in the
 * 1904 system. Works with the released API (a range's `values` and `text`),
 * whatever the date format's order of day, month and year, as long as it shows
 * a four-digit year. Returns null when no cell decides it.
 *
 * @example dateSystemFromText([[45322]], [["2024-01-31"]]) === 1900; dateSystemFromText([[43860]], [["1/31/2024"]]) === 1904
 */
export function dateSystemFromText(values: readonly (readonly unknown[])[], text: readonly (readonly unknown[])[]): DateSystem | null {
  for (let i = 0; i < values.length; i++) {
    for (let j = 0; j < (values[i]?.length ?? 0); j++) {
      const v = values[i][j];
      const t = text[i]?.[j];
      if (typeof v !== "number" || !Number.isFinite(v) || v < 1 || typeof t !== "string") continue;
      const y1900 = yearOf(v, 1900);
      const y1904 = yearOf(v, 1904);
      const shown = [...t.matchAll(YEAR)].map((m) => m[1]);
      const is1900 = y1900 !== null && shown.includes(y1900);
      const is1904 = y1904 !== null && shown.includes(y1904);
      if (is1900 !== is1904) return is1900 ? 1900 : 1904;
    }
  }
  return null;
}
