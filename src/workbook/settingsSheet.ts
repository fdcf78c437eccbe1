import {
  Convention,
  DAY_COUNTS,
  DateSystem,
  FeeSettings,
  NAV_TIMINGS,
  ROUNDINGS,
  SETTING_DEFINITIONS,
  SettingDefinition,
  SettingKey,
  conventionIds,
  formatIso,
  joinChoices,
  lookupConvention,
  settingByLabel,
  toExcelSerial,
} from "../engine";
import { Cell, CellWhere, WorkbookError, cellDate, cellNumber, columnLetter, isBlank } from "./cells";
import { CONTRACT, CellBlock, locateColumns } from "./contract";
import { OutCell } from "./reconSheets";

const REGISTRIES = { navTiming: NAV_TIMINGS, basis: DAY_COUNTS, rounding: ROUNDINGS } as const;

/** A setting's value from its cell, by the setting's kind; a bad value is an error naming the cell. */
export function settingValue(def: SettingDefinition, cell: Cell, where: CellWhere, system: DateSystem = 1900): FeeSettings[SettingKey] {
  switch (def.kind) {
    case "navTiming":
    case "basis":
    case "rounding": {
      const registry = REGISTRIES[def.kind] as Readonly<Record<string, Convention<string>>>;
      const id = typeof cell === "string" ? lookupConvention(registry, cell) : undefined;
      if (!id) throw new WorkbookError(where, `${def.label} ${JSON.stringify(cell)} is not one of ${joinChoices(conventionIds(registry))}`);
      return id as FeeSettings["navTiming" | "basis" | "rounding"];
    }
    case "amount": {
      const n = cellNumber(cell, where);
      if (n.isNegative()) throw new WorkbookError(where, `${def.label} must be at least 0: ${n.toString()}`);
      return n;
    }
    case "date":
      return cellDate(cell, where, system);
  }
}

/**
 * The workbook's Fee Settings (Setting | Value rows). A blank value leaves the
 * setting to the default; an unknown setting, a setting given twice or a bad
 * value is an error naming its row, never silently ignored.
 */
export function readSettings(block: CellBlock, system: DateSystem = 1900): FeeSettings {
  const [sCol, vCol] = locateColumns(block, CONTRACT.settings.columns);
  const out: FeeSettings = {};
  const rowOf = new Map<SettingKey, number>();
  block.rows.forEach((r, i) => {
    const label = r[sCol] ?? null;
    const value = r[vCol] ?? null;
    const row = block.headerRow + 1 + i;
    const at = (col: number, column: string): CellWhere => ({ file: block.file, sheet: block.sheet, row, column, letter: columnLetter(block.firstColumn + col) });
    if (isBlank(label)) {
      if (isBlank(value)) return;
      throw new WorkbookError(at(sCol, "Setting"), "is blank but the row has a value; name the setting");
    }
    const def = typeof label === "string" ? settingByLabel(label) : undefined;
    if (!def) throw new WorkbookError(at(sCol, "Setting"), `${JSON.stringify(label)} is not a known setting; use ${joinChoices(SETTING_DEFINITIONS.map((d) => d.label))}`);
    const earlier = rowOf.get(def.key);
    if (earlier !== undefined) throw new WorkbookError(at(sCol, "Setting"), `${def.label} is given twice (also row ${earlier})`);
    rowOf.set(def.key, row);
    if (isBlank(value)) return;
    (out as Record<SettingKey, unknown>)[def.key] = settingValue(def, value, at(vCol, "Value"), system);
  });
  return out;
}

/** Settings as the Setting | Value cells the pane writes: one row per setting, a blank value where not set. */
export function settingsCells(settings: FeeSettings, system: DateSystem = 1900): OutCell[][] {
  return SETTING_DEFINITIONS.map((d) => {
    const v = settings[d.key];
    let value: OutCell;
    if (v === undefined) value = { value: "" };
    else if (d.kind === "date") value = { value: toExcelSerial(v as number, system), numFmt: "yyyy-mm-dd" };
    else if (d.kind === "amount") value = { value: (v as { toNumber(): number }).toNumber(), numFmt: "#,##0.00" };
    else value = { value: String(v) };
    return [{ value: d.label }, value];
  });
}

/** A settings value as text for people: the id of a convention, a date as ISO, an amount as written. */
export function settingText(def: SettingDefinition, settings: FeeSettings): string {
  const v = settings[def.key];
  if (v === undefined) return "";
  if (def.kind === "date") return formatIso(v as number);
  return String(v);
}
