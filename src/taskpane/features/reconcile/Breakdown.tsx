import * as React from "react";
import { Amount } from "../../components/Amount";
import { BreakdownTotals, FeeBreakdown } from "./breakdown";

/** One portfolio's gross fee, waiver, fee payable, sub-advisory fee and Manager's net, as label / amount pairs (— where an amount does not exist). */
export function BreakdownPairs({ b, payable = true }: { b: FeeBreakdown; payable?: boolean }) {
  return (
    <>
      <dt>Gross fee</dt>
      <dd>
        <Amount value={b.gross} />
      </dd>
      <dt>Waiver</dt>
      <dd>
        <Amount value={b.waiver} />
      </dd>
      {payable && (
        <>
          <dt>Fee payable (expected)</dt>
          <dd>
            <Amount value={b.payable} />
          </dd>
        </>
      )}
      <dt>Sub-advisory fee</dt>
      <dd>
        <Amount value={b.subAdvisory} />
      </dd>
      <dt>Manager’s net</dt>
      <dd>
        <Amount value={b.managerNet} />
      </dd>
    </>
  );
}

/** The breakdown's totals, each tying: gross − waiver = payable; payable − sub-advisory = net over the sub-advised portfolios. */
export function BreakdownTotalPairs({ t }: { t: BreakdownTotals }) {
  const n = t.subAdvised.count;
  return (
    <>
      <dt>Total gross fee</dt>
      <dd>
        <Amount value={t.gross} />
      </dd>
      <dt>Total waiver</dt>
      <dd>
        <Amount value={t.waiver} />
      </dd>
      <dt>Total fee payable (= total expected)</dt>
      <dd>
        <Amount value={t.payable} />
      </dd>
      <dt>
        Sub-advised ({n} portfolio{n === 1 ? "" : "s"}): fee payable
      </dt>
      <dd>
        <Amount value={n ? t.subAdvised.payable : null} />
      </dd>
      <dt>sub-advisory fee</dt>
      <dd>
        <Amount value={n ? t.subAdvised.subAdvisory : null} />
      </dd>
      <dt>Manager’s net</dt>
      <dd>
        <Amount value={n ? t.subAdvised.managerNet : null} />
      </dd>
    </>
  );
}
