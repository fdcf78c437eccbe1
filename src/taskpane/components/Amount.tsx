import * as React from "react";
import { Dec } from "../../engine";
import { NONE, formatMoney } from "./format";

/** An amount: −1,234.56 in red with its sign (never colour alone); — where the amount does not exist. */
export function Amount({ value }: { value: Dec | null }) {
  if (value === null)
    return (
      <span className="none">
        <span aria-hidden="true">{NONE}</span>
        <span className="sr-only">none</span>
      </span>
    );
  const negative = value.toDecimalPlaces(2).isNegative() && !value.toDecimalPlaces(2).isZero();
  return <span className={negative ? "negative" : undefined}>{formatMoney(value)}</span>;
}
