import { Convention, parseConvention } from "./convention";
import { FeeErrorWhere } from "./FeeError";

/** When daily accruals are rounded to cents. */
export type Rounding = "DAILY" | "PERIOD" | "NONE";

export interface RoundingRule extends Convention<Rounding> {
  /** One line for help texts and dropdowns. */
  description: string;
}

/** The closed registry of rounding rules (design section 3). */
export const ROUNDINGS: Readonly<Record<Rounding, RoundingRule>> = {
  DAILY: {
    id: "DAILY",
    name: "Each day",
    aliases: ["DAY", "EACH DAY", "DAILY ACCRUAL"],
    description: "Round each day's accrual to cents, then add them up, as the books post them. The default.",
  },
  PERIOD: {
    id: "PERIOD",
    name: "The period",
    aliases: ["MONTH", "MONTHLY", "ONCE", "TOTAL"],
    description: "Add up unrounded daily accruals and round the total once.",
  },
  NONE: { id: "NONE", name: "None", aliases: ["EXACT", "UNROUNDED"], description: "Do not round." },
};

/** A rounding name or alias as its id; anything else is an UNKNOWN_ROUNDING error. */
export function parseRounding(text: string, where: FeeErrorWhere = {}): Rounding {
  return parseConvention(ROUNDINGS, text, "UNKNOWN_ROUNDING", where);
}
