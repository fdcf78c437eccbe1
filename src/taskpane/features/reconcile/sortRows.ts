import { ReconRow, ReconStatus } from "../../../engine";

const ORDER: Record<ReconStatus, number> = { BREAK: 0, NOT_BILLED: 1, UNKNOWN_PORTFOLIO: 2, NO_NET_ASSETS: 3, OK: 4 };

/** Rows needing attention first (breaks, then missing invoices, unknown portfolios, no net assets), then OK; largest differences first within a status. */
export function breaksFirst(rows: readonly ReconRow[]): ReconRow[] {
  return [...rows].sort((a, b) => ORDER[a.status] - ORDER[b.status] || (b.difference?.abs().comparedTo(a.difference?.abs() ?? 0) ?? 0) || a.portfolio.localeCompare(b.portfolio));
}
