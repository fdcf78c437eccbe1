import { DayNumber, fromYmd } from "./calendarDate";
import { DAY_COUNTS, DayCountId } from "./dayCount";
import { Dec } from "./decimal";
import { NAV_TIMINGS, NavTiming } from "./navTiming";
import { ROUNDINGS, Rounding } from "./rounding";

/** The settings a workbook may keep in its Fee Settings table (design section 5); any may be absent. */
export interface FeeSettings {
  navTiming?: NavTiming;
  basis?: DayCountId;
  rounding?: Rounding;
  /** Reconciliation tolerance in dollars, at least 0. */
  tolerance?: Dec;
  /** The end of the agreement's initial term (§9: 2005-12-31 for the 2004 agreement). */
  initialTermEnds?: DayNumber;
}

export type SettingKey = keyof FeeSettings;

/** What kind of value a setting holds: a convention of a registry, an amount, or a date. */
export type SettingKind = "navTiming" | "basis" | "rounding" | "amount" | "date";

export interface SettingDefinition {
  key: SettingKey;
  /** The row label in the Setting column. */
  label: string;
  kind: SettingKind;
  /** The choices, for the conventions (from their registries). */
  choices?: readonly string[];
  description: string;
}

/** The Fee Settings rows, declared once: the reader, the pane and the defaults derive from this table. */
export const SETTING_DEFINITIONS: readonly SettingDefinition[] = [
  {
    key: "navTiming",
    label: "Net Assets Timing",
    kind: "navTiming",
    choices: Object.keys(NAV_TIMINGS),
    description: "Which net-asset value prices a day: SAME_DAY, or PRIOR_DAY (the last value before the day).",
  },
  { key: "basis", label: "Day Count", kind: "basis", choices: Object.keys(DAY_COUNTS), description: "Day-count basis of the daily accrual and of fees from an average." },
  { key: "rounding", label: "Rounding", kind: "rounding", choices: Object.keys(ROUNDINGS), description: "When accruals are rounded to cents: each day, once for the period, or not at all." },
  { key: "tolerance", label: "Tolerance", kind: "amount", description: "The largest billed − expected difference, in dollars, that reconciles as OK." },
  { key: "initialTermEnds", label: "Initial Term Ends", kind: "date", description: "End of the agreement's initial term: the first continuance approval is due then (§9)." },
];

/** The built-in defaults: what applies when neither an argument nor the workbook gives a setting. */
export const DEFAULT_SETTINGS: Readonly<Required<FeeSettings>> = {
  navTiming: "SAME_DAY",
  basis: "ACT/ACT",
  rounding: "DAILY",
  tolerance: new Dec("0.01"),
  initialTermEnds: fromYmd(2005, 12, 31),
};

/** The definition of a Setting label (compared case-insensitively, spaces folded), or undefined. */
export function settingByLabel(label: string): SettingDefinition | undefined {
  const key = label.trim().replace(/\s+/g, " ").toLowerCase();
  return SETTING_DEFINITIONS.find((d) => d.label.toLowerCase() === key);
}

/**
 * Settings in precedence order: the first layer that gives a setting wins, the
 * built-in default last. Pass the explicit arguments or flags first, then the
 * workbook's Fee Settings.
 *
 * @example resolveSettings({ navTiming: "PRIOR_DAY" }, { navTiming: "SAME_DAY", rounding: "PERIOD" }).rounding === "PERIOD"
 */
export function resolveSettings(...layers: readonly (FeeSettings | undefined)[]): Required<FeeSettings> {
  const out = { ...DEFAULT_SETTINGS };
  for (const d of SETTING_DEFINITIONS) {
    for (const layer of layers) {
      const v = layer?.[d.key];
      if (v !== undefined && v !== null) {
        (out as Record<SettingKey, unknown>)[d.key] = v;
        break;
      }
    }
  }
  return out;
}
