import { Dec, ReconRow, ZERO } from "../../../engine";
import { differenceOf, expectedOf } from "./sortRows";

export interface Totals {
  /** Every expected fee that exists. */
  expected: Dec;
  /** Every billed amount. */
  billed: Dec;
  /** The rows that have both an expected fee and a bill. */
  compared: { count: number; expected: Dec; billed: Dec; difference: Dec };
}

/** Totals that tie: the compared difference is the compared billed minus the compared expected, and the sum of those rows' differences. */
export function totalsOf(rows: readonly ReconRow[]): Totals {
  let expected = ZERO;
  let billed = ZERO;
  const compared = { count: 0, expected: ZERO, billed: ZERO, difference: ZERO };
  for (const r of rows) {
    const e = expectedOf(r);
    if (e) expected = expected.plus(e);
    if (r.billedFee) billed = billed.plus(r.billedFee);
    const d = differenceOf(r);
    if (e && r.billedFee && d) {
      compared.count++;
      compared.expected = compared.expected.plus(e);
      compared.billed = compared.billed.plus(r.billedFee);
      compared.difference = compared.difference.plus(d);
    }
  }
  return { expected, billed, compared };
}
