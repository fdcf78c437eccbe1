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
  // The engine's day records are views over shared run data: their toJSON gives the plain record.
  if (x && typeof x === "object" && typeof (x as { toJSON?: unknown }).toJSON === "function") return toWire((x as { toJSON(): unknown }).toJSON());
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

/** A report ready for the trip to the page: its summary as JSON text, and each row's days as JSON in one byte buffer. */
export interface SplitReport {
  head: string;
  /** UTF-8 JSON of each row's day-by-day arrays, one after the other. */
  days: Uint8Array;
  /** Row i's days are days[spans[2i], spans[2i + 1]). */
  spans: number[];
}

/**
 * Splits a report for the page: the summary (small: parsed at once) apart from
 * each row's day-by-day arrays (most of the data: parsed only when the row's
 * drill-down first reads them), so the page never parses what it does not show.
 */
export function splitReport(report: unknown): SplitReport {
  const wired = toWire(report) as { rows: Record<string, unknown>[] } & Record<string, unknown>;
  const enc = new TextEncoder();
  const pieces: Uint8Array[] = [];
  const spans: number[] = [];
  let at = 0;
  const rows = wired.rows.map((r) => {
    const fields: Record<string, unknown> = {};
    const days: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(r)) (LAZY.includes(k) ? days : fields)[k] = v;
    const bytes = enc.encode(JSON.stringify(days));
    pieces.push(bytes);
    spans.push(at, at + bytes.length);
    at += bytes.length;
    return { ...fields, $days: Object.keys(days) };
  });
  const all = new Uint8Array(at);
  let o = 0;
  for (const p of pieces) {
    all.set(p, o);
    o += p.length;
  }
  return { head: JSON.stringify({ ...wired, rows }), days: all, spans };
}

/**
 * A reconciliation report from wire JSON. Each row's daily accruals (most of
 * the data) are rebuilt only when first read, e.g. when its drill-down opens:
 * from the row itself, or (a split report) from its span of `days`.
 */
export function reportFromWire<R extends { rows: { accruals: unknown[] }[] }>(json: string, days?: Uint8Array, spans?: readonly number[]): R {
  const wired = JSON.parse(json) as { rows: Record<string, unknown>[] } & Record<string, unknown>;
  const { rows, ...rest } = wired;
  const report = fromWire<Record<string, unknown>>(rest);
  const dec = new TextDecoder();
  report.rows = rows.map((r, i) => {
    const fields: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(r)) if (!LAZY.includes(k) && k !== "$days") fields[k] = v;
    const row = fromWire<Record<string, unknown>>(fields);
    const split = Array.isArray(r.$days) && days && spans;
    let raw: Record<string, unknown> | null = split ? null : r;
    const source = () => (raw ??= JSON.parse(dec.decode(days!.subarray(spans![2 * i], spans![2 * i + 1]))) as Record<string, unknown>);
    for (const key of split ? (r.$days as string[]) : LAZY) {
      if (!split && !(key in r)) continue;
      let built: unknown[] | null = null;
      Object.defineProperty(row, key, { enumerable: true, get: () => (built ??= fromWire<unknown[]>(source()[key])) });
    }
    return row;
  });
  return report as unknown as R;
}
