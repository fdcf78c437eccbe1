import { Dec } from "../../../../engine";

/**
 * Exact decimals across the Web Worker boundary: structured clone keeps plain
 * data only, so each Dec travels as its exact string and is rebuilt on arrival.
 */
type Wired = { $dec: string };

/** An object's data keys: its own, and the getters of its class (the engine's day records compute their fields). */
function keysOf(x: object): string[] {
  const keys = new Set(Object.keys(x));
  for (let p = Object.getPrototypeOf(x); p && p !== Object.prototype; p = Object.getPrototypeOf(p))
    for (const [k, d] of Object.entries(Object.getOwnPropertyDescriptors(p))) if (d.get) keys.add(k);
  return [...keys];
}

export function toWire(x: unknown): unknown {
  if (x instanceof Dec) return { $dec: x.toString() } satisfies Wired;
  if (Array.isArray(x)) return x.map(toWire);
  if (x && typeof x === "object") {
    const out: Record<string, unknown> = {};
    for (const k of keysOf(x)) out[k] = toWire((x as Record<string, unknown>)[k]);
    return out;
  }
  return x;
}

export function fromWire<T>(x: unknown): T {
  if (Array.isArray(x)) return x.map((v) => fromWire(v)) as T;
  if (x && typeof x === "object") {
    const o = x as Record<string, unknown>;
    if (typeof o.$dec === "string" && Object.keys(o).length === 1) return new Dec(o.$dec) as T;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(o)) out[k] = fromWire(v);
    return out as T;
  }
  return x as T;
}

/** A row's day-by-day arrays: most of a report's data, rebuilt only when first read. */
const LAZY = ["accruals", "waived", "subAdvisory"];

/**
 * A reconciliation report from wire JSON. Each row's daily accruals (most of
 * the data) are rebuilt only when first read, e.g. when its drill-down opens.
 */
export function reportFromWire<R extends { rows: { accruals: unknown[] }[] }>(json: string): R {
  const wired = JSON.parse(json) as { rows: Record<string, unknown>[] } & Record<string, unknown>;
  const { rows, ...rest } = wired;
  const report = fromWire<Record<string, unknown>>(rest);
  report.rows = rows.map((r) => {
    const fields: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(r)) if (!LAZY.includes(k)) fields[k] = v;
    const row = fromWire<Record<string, unknown>>(fields);
    for (const key of LAZY) {
      if (!(key in r)) continue;
      let days: unknown[] | null = null;
      Object.defineProperty(row, key, { enumerable: true, get: () => (days ??= fromWire<unknown[]>(r[key])) });
    }
    return row;
  });
  return report as unknown as R;
}
