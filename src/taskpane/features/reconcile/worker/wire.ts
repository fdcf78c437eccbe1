import { Dec } from "../../../../engine";

/**
 * Exact decimals across the Web Worker boundary: structured clone keeps plain
 * data only, so each Dec travels as its exact string and is rebuilt on arrival.
 */
type Wired = { $dec: string };

export function toWire(x: unknown): unknown {
  if (x instanceof Dec) return { $dec: x.toString() } satisfies Wired;
  if (Array.isArray(x)) return x.map(toWire);
  if (x && typeof x === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(x)) out[k] = toWire(v);
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
