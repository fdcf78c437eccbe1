import { Dec, DayNumber, formatIso, toYmd } from "../../engine";

const locale = () => (typeof navigator !== "undefined" && navigator.language) || "en-US";

/** The minus sign used for negative amounts (U+2212), so a negative never looks like a hyphen. */
export const MINUS = "\u2212";

/** `—` where an amount does not exist (not billed, not in the schedule): never blank, never 0.00. */
export const NONE = "\u2014";

let moneyFormat: Intl.NumberFormat | null = null;
let moneyLocale = "";

/** Money in the user's locale with thousands separators, from the exact decimal (text only for display); −1,234.56 for negatives; — for null. */
export function formatMoney(x: Dec | null): string {
  if (x === null) return NONE;
  if (!moneyFormat || moneyLocale !== locale()) {
    moneyLocale = locale();
    moneyFormat = new Intl.NumberFormat(moneyLocale, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  }
  const cents = x.toDecimalPlaces(2);
  const text = moneyFormat.format(Number(cents.abs().toFixed(2)));
  return cents.isNegative() && !cents.isZero() ? `${MINUS}${text}` : text;
}

/** An amount typed as text ("500000000"), shown with thousands separators when not being edited; text that is not a plain number is returned as typed. */
export function formatAmountText(text: string): string {
  const t = text.trim().replace(/,/g, "");
  if (!/^-?\d+(\.\d+)?$/.test(t)) return text;
  const [int, frac] = t.replace(/^-/, "").split(".");
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return `${t.startsWith("-") ? MINUS : ""}${grouped}${frac ? `.${frac}` : ""}`;
}

/**
 * A rate as the editor's hint writes it: percent with at least two decimals, exact ("0.10%", "0.075%").
 * A computed rate with more than six decimals of a percent (a blended rate across tiers is usually a
 * repeating decimal) shows four, marked as rounded ("≈0.0958%"), so it fits a 320-px pane.
 */
export function formatRate(x: Dec): string {
  const pct = x.times(100);
  const places = Math.max(2, pct.decimalPlaces());
  return places > 6 ? `\u2248${pct.toFixed(4)}%` : `${pct.toFixed(places)}%`;
}

export function formatDay(d: DayNumber): string {
  const { y, m, d: dd } = toYmd(d);
  return new Intl.DateTimeFormat(locale(), { year: "numeric", month: "short", day: "numeric", timeZone: "UTC" }).format(new Date(Date.UTC(y, m - 1, dd)));
}

/** Dates in tables: ISO, so a column of them never wraps and sorts as read. */
export const formatIsoDay = (d: DayNumber) => formatIso(d);

/** A whole number with thousands separators ("6,200"). */
export function formatCount(n: number): string {
  return new Intl.NumberFormat(locale(), { maximumFractionDigits: 0 }).format(n);
}
