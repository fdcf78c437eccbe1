import { Dec, ReconRow, ReconStatus } from "../../../engine";

const ORDER: Record<ReconStatus, number> = { BREAK: 0, NOT_BILLED: 1, UNKNOWN_PORTFOLIO: 2, NO_NET_ASSETS: 3, OK: 4 };

/** Rows needing attention first (breaks, then missing invoices, unknown portfolios, no net assets), then OK; largest differences first within a status. */
export function breaksFirst(rows: readonly ReconRow[]): ReconRow[] {
  return [...rows].sort((a, b) => ORDER[a.status] - ORDER[b.status] || (b.difference?.abs().comparedTo(a.difference?.abs() ?? 0) ?? 0) || a.portfolio.localeCompare(b.portfolio));
}

export type SortKey = "portfolio" | "status" | "expected" | "billed" | "difference";
export interface Sort {
  key: SortKey;
  direction: "ascending" | "descending";
}

/** The expected fee where it exists: none for a portfolio not in the schedule or without net assets. */
export const expectedOf = (r: ReconRow): Dec | null => (r.status === "UNKNOWN_PORTFOLIO" || r.status === "NO_NET_ASSETS" ? null : r.expectedFee);
/** The difference where both amounts exist. */
export const differenceOf = (r: ReconRow): Dec | null => (expectedOf(r) === null ? null : r.difference);

const VALUE: Record<Exclude<SortKey, "portfolio" | "status">, (r: ReconRow) => Dec | null> = {
  expected: expectedOf,
  billed: (r) => r.billedFee,
  difference: differenceOf,
};

/** Sorts by a column; amounts that do not exist go last in either direction. */
export function sortRows(rows: readonly ReconRow[], sort: Sort | null): ReconRow[] {
  if (!sort) return breaksFirst(rows);
  const sign = sort.direction === "ascending" ? 1 : -1;
  const byName = (a: ReconRow, b: ReconRow) => a.portfolio.localeCompare(b.portfolio);
  return [...rows].sort((a, b) => {
    if (sort.key === "portfolio") return sign * byName(a, b);
    if (sort.key === "status") return sign * (ORDER[a.status] - ORDER[b.status]) || byName(a, b);
    const x = VALUE[sort.key](a);
    const y = VALUE[sort.key](b);
    if (x === null || y === null) return x === y ? byName(a, b) : x === null ? 1 : -1;
    return sign * x.comparedTo(y) || byName(a, b);
  });
}

export const needsAttention = (r: ReconRow) => r.status !== "OK";
