import {
  Convention,
  DAY_COUNTS,
  DEFAULT_SETTINGS,
  FeeSettings,
  NAV_TIMINGS,
  ROUNDINGS,
  SETTING_DEFINITIONS,
  SettingDefinition,
  SettingKey,
  formatIso,
  lookupConvention,
  parseAmount,
  parseIsoDate,
} from "../../../engine";

/** The settings editor's working copy: text per setting, "" where the workbook leaves it to the default. */
export type SettingsDraft = Record<SettingKey, string>;

const REGISTRIES: Record<string, Readonly<Record<string, Convention<string>>>> = { navTiming: NAV_TIMINGS, basis: DAY_COUNTS, rounding: ROUNDINGS };

/** A setting's value as the editor shows it. */
export function settingText(def: SettingDefinition, value: FeeSettings[SettingKey] | undefined): string {
  if (value === undefined) return "";
  if (def.kind === "date") return formatIso(value as number);
  return String(value);
}

export function draftFromSettings(s: FeeSettings): SettingsDraft {
  return Object.fromEntries(SETTING_DEFINITIONS.map((d) => [d.key, settingText(d, s[d.key])])) as SettingsDraft;
}

/** The built-in default of a setting, as text: what applies when the workbook leaves it blank. */
export function defaultText(def: SettingDefinition): string {
  return settingText(def, DEFAULT_SETTINGS[def.key]);
}

/** Checks the draft: the settings it gives, and a message per bad field (all at once). */
export function checkSettings(draft: SettingsDraft): { settings: FeeSettings; issues: Partial<Record<SettingKey, string>> } {
  const settings: FeeSettings = {};
  const issues: Partial<Record<SettingKey, string>> = {};
  for (const d of SETTING_DEFINITIONS) {
    const text = draft[d.key].trim();
    if (text === "") continue;
    const set = (v: unknown) => ((settings as Record<SettingKey, unknown>)[d.key] = v);
    try {
      if (d.kind === "amount") {
        const n = parseAmount(text);
        if (n.isNegative()) throw new Error("negative");
        set(n);
      } else if (d.kind === "date") set(parseIsoDate(text));
      else {
        const id = lookupConvention(REGISTRIES[d.kind], text);
        if (!id) throw new Error("unknown");
        set(id);
      }
    } catch {
      issues[d.key] = d.kind === "amount" ? "Give an amount of 0 or more, e.g. 0.01." : d.kind === "date" ? "Give a date as YYYY-MM-DD." : `Choose one of ${d.choices?.join(", ")}.`;
    }
  }
  return { settings, issues };
}
