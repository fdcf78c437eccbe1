import { Dec, DayNumber, toYmd } from "../../engine";

const locale = () => (typeof navigator !== "undefined" && navigator.language) || "en-US";

/** Money in the user's locale, from the exact decimal (the text is only for display). */
export function formatMoney(x: Dec | null): string {
  if (x === null) return "";
  return new Intl.NumberFormat(locale(), { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(Number(x.toFixed(2)));
}

export function formatRate(x: Dec): string {
  return new Intl.NumberFormat(locale(), { style: "percent", minimumFractionDigits: 2, maximumFractionDigits: 4 }).format(x.toNumber());
}

export function formatDay(d: DayNumber): string {
  const { y, m, d: dd } = toYmd(d);
  return new Intl.DateTimeFormat(locale(), { year: "numeric", month: "short", day: "numeric", timeZone: "UTC" }).format(new Date(Date.UTC(y, m - 1, dd)));
}
