import { Dec, NavSeries, Tier, parseIsoDate } from "../src/engine";

export const d = (iso: string) => parseIsoDate(iso);
export const tiersOf = (rows: [string, string][]): Tier[] => rows.map(([b, r]) => ({ breakpoint: new Dec(b), rate: new Dec(r) }));
export const navsOf = (rows: [string, string][]) => NavSeries.from(rows.map(([date, v]) => ({ date: d(date), netAssets: new Dec(v) })));
