import * as React from "react";
import { Button, Spinner } from "@fluentui/react-components";
import { Dec, ReconRow, Rounding, ZERO, formatIso } from "../../../engine";
import { Amount } from "../../components/Amount";
import { formatMoney, formatRate } from "../../components/format";
import { BreakdownPairs } from "./Breakdown";
import { BreakdownDay, breakdownDayTotals, breakdownDays, breakdownOf } from "./breakdown";
import { explain } from "./explain";
import { expectedOf } from "./sortRows";

/** Below this width the drill-down with the fee breakdown stacks its amounts in one column (nine columns need about 760 px). */
const WIDE_BREAKDOWN = 760;

const DailyChart = React.lazy(() => import(/* webpackChunkName: "daily-chart" */ "./DailyChart"));

/** Measures an element's width, for the chart. */
function useWidth<T extends HTMLElement>(): [React.RefObject<T | null>, number] {
  const ref = React.useRef<T>(null);
  const [width, setWidth] = React.useState(300);
  React.useEffect(() => {
    const el = ref.current;
    if (!el || typeof ResizeObserver === "undefined") return;
    const ro = new ResizeObserver(() => setWidth(Math.max(200, Math.floor(el.clientWidth))));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  return [ref, width];
}

/**
 * One portfolio's month, day by day: the date, the net-asset value used and
 * its date, the schedule version (its effective date) and rate, the daily
 * accrual, and a total that equals Expected. Focus moves here when it opens.
 */
export function DrillDown({
  row,
  rounding,
  narrow,
  breakdown = false,
  summary = false,
  onClose,
  onShowInWorkbook,
}: {
  row: ReconRow;
  rounding: Rounding;
  narrow: boolean;
  /** The result has waivers or sub-advisory fees: each day shows gross, waiver, payable and sub-advisory accruals. */
  breakdown?: boolean;
  /** Also list the portfolio's gross, waiver, payable, sub-advisory and net (the wide table, whose row has no room for them). */
  summary?: boolean;
  onClose: () => void;
  onShowInWorkbook?: () => void;
}) {
  const heading = React.useRef<HTMLHeadingElement>(null);
  React.useEffect(() => heading.current?.focus(), [row]);
  const [box, width] = useWidth<HTMLDivElement>();
  // The day's accrual payable (after any waiver), as the Accruals sheet's Daily Accrual; Expected is their sum (rounded once under PERIOD).
  const payable = (i: number) => row.waived?.[i]?.payable ?? row.accruals[i].accrual;
  const sum = row.accruals.reduce((s, _, i) => s.plus(payable(i)), ZERO);
  const total = rounding === "PERIOD" ? sum.toDecimalPlaces(2, Dec.ROUND_HALF_UP) : sum;
  const waived = row.waiver && !row.waiver.isZero();
  const reasons = explain(row);
  const id = `drill-${row.portfolio.replace(/\W+/g, "-")}`;
  return (
    <section className="drill" aria-labelledby={id} ref={box}>
      <h3 id={id} ref={heading} tabIndex={-1} className="drill-title">
        {row.accruals.length ? `Daily accruals of ${row.portfolio}` : `${row.portfolio}: no daily accruals`}
      </h3>
      <p className="caption">
        {row.days} accruing days; average daily net assets {formatMoney(row.averageDailyNetAssets)}; expected {formatMoney(expectedOf(row))}
        {waived ? ` after a waiver of ${formatMoney(row.waiver)} (gross ${formatMoney(row.grossFee)}); daily accruals are after the waiver` : ""}.
      </p>
      {reasons.length > 0 && (
        <ul className="reasons" aria-label="Explanation">
          {reasons.map((r) => (
            <li key={r}>{r}</li>
          ))}
        </ul>
      )}
      {row.accruals.length > 0 && (
        <React.Suspense fallback={<Spinner size="tiny" label="Drawing the chart…" />}>
          <DailyChart days={row.accruals} portfolio={row.portfolio} width={width} />
        </React.Suspense>
      )}
      {summary && (
        <dl className="pairs breakdown">
          <BreakdownPairs b={breakdownOf(row)} />
        </dl>
      )}
      {breakdown && (row.accruals.length > 0 || row.subAdvisory.length > 0) && <BreakdownDays row={row} rounding={rounding} compact={narrow || width < WIDE_BREAKDOWN} />}
      {!breakdown && row.accruals.length > 0 && (
      <table className={`grid days${narrow ? " compact" : ""}`} aria-label={`Daily accruals of ${row.portfolio}`}>
        <thead>
          {narrow ? (
            <tr>
              <th scope="col">Date / NAV date</th>
              <th scope="col" className="num">
                Net assets / rate (version)
              </th>
              <th scope="col" className="num">
                Accrual
              </th>
            </tr>
          ) : (
            <tr>
              <th scope="col">Date</th>
              <th scope="col">NAV date</th>
              <th scope="col" className="num">
                Net assets
              </th>
              <th scope="col">Version</th>
              <th scope="col" className="num">
                Rate
              </th>
              <th scope="col" className="num">
                Daily accrual
              </th>
            </tr>
          )}
        </thead>
        <tbody>
          {row.accruals.map((d, i) => {
            const amended = i > 0 && d.effectiveFrom !== row.accruals[i - 1].effectiveFrom;
            return narrow ? (
              <tr key={d.date} className={amended ? "amended" : undefined}>
                <td className="nowrap">
                  {formatIso(d.date)}
                  <br />
                  <span className="caption">{d.navDate === d.date ? "same day" : `NAV ${formatIso(d.navDate)}`}</span>
                </td>
                <td className="num">
                  {formatMoney(d.netAssets)}
                  <br />
                  <span className="caption">
                    {formatRate(d.annualRate)} ({formatIso(d.effectiveFrom)}){amended ? " amended" : ""}
                  </span>
                </td>
                <td className="num">{formatMoney(payable(i))}</td>
              </tr>
            ) : (
              <tr key={d.date} className={amended ? "amended" : undefined}>
                <td className="nowrap">{formatIso(d.date)}</td>
                <td className="nowrap">{formatIso(d.navDate)}</td>
                <td className="num">{formatMoney(d.netAssets)}</td>
                <td className="nowrap">
                  {formatIso(d.effectiveFrom)}
                  {amended ? " (amended)" : ""}
                </td>
                <td className="num">{formatRate(d.annualRate)}</td>
                <td className="num">{formatMoney(payable(i))}</td>
              </tr>
            );
          })}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" colSpan={narrow ? 2 : 5}>
              Total ({row.accruals.length} days{rounding === "PERIOD" ? ", rounded once" : ""}) = Expected
            </th>
            <td className="num">
              <Amount value={total} />
            </td>
          </tr>
        </tfoot>
      </table>
      )}
      <div className="row">
        {onShowInWorkbook && <Button onClick={onShowInWorkbook}>Select these rows in the Accruals sheet</Button>}
        <Button onClick={onClose}>Close daily accruals</Button>
      </div>
    </section>
  );
}

const sameDay = (a: number, b: number) => (a === b ? "same day" : `NAV ${formatIso(b)}`);

/**
 * The days with the fee breakdown: gross accrual, waiver, payable accrual and
 * sub-advisory accrual, and total rows equal to the review's figures. Compact
 * (a narrow pane): the amounts stacked in one column, the totals one per row.
 */
function BreakdownDays({ row, rounding, compact }: { row: ReconRow; rounding: Rounding; compact: boolean }) {
  const days = React.useMemo(() => breakdownDays(row), [row]);
  const subAdvised = row.subAdvisoryFee !== null;
  const t = breakdownDayTotals(days, rounding, subAdvised);
  const fee = (d: BreakdownDay) => (d.accrual === null ? null : row.accruals[d.accrual]);
  const label = `Daily accruals of ${row.portfolio}`;
  const once = rounding === "PERIOD" ? ", rounded once" : "";
  const sub = (d: BreakdownDay) => (subAdvised ? formatMoney(d.subAdvisory) : NONE_TEXT);
  if (compact)
    return (
      <table className="grid days compact" aria-label={label}>
        <thead>
          <tr>
            <th scope="col">Date / NAV date</th>
            <th scope="col" className="num">
              Net assets / rate (version)
            </th>
            <th scope="col" className="num">
              Payable / gross, waiver, sub-advisory
            </th>
          </tr>
        </thead>
        <tbody>
          {days.map((d) => {
            const f = fee(d);
            return (
              <tr key={d.date} className={d.waiverFrom !== null ? "waived" : undefined}>
                <td className="nowrap">
                  {formatIso(d.date)}
                  {f && (
                    <>
                      <br />
                      <span className="caption">{sameDay(d.date, f.navDate)}</span>
                    </>
                  )}
                </td>
                <td className="num">
                  {f ? (
                    <>
                      {formatMoney(f.netAssets)}
                      <br />
                      <span className="caption">
                        {formatRate(f.annualRate)} ({formatIso(f.effectiveFrom)})
                      </span>
                    </>
                  ) : (
                    <span className="caption">no fee accrues</span>
                  )}
                </td>
                <td className="num">
                  {formatMoney(d.payable)}
                  <br />
                  <span className="caption">gross {formatMoney(d.gross)}</span>
                  <br />
                  <span className="caption">
                    waiver {formatMoney(d.waiver)}
                  </span>
                  <br />
                  <span className="caption">sub-adv. {sub(d)}</span>
                </td>
              </tr>
            );
          })}
        </tbody>
        <tfoot>
          <TotalRow span={2} label={`Gross (${days.length} days${once}) = Gross fee`} value={t.gross} />
          <TotalRow span={2} label="Waiver = gross − payable" value={t.waiver} />
          <TotalRow span={2} label="Payable = Expected" value={t.payable} />
          <TotalRow span={2} label="Sub-advisory = Sub-advisory fee" value={t.subAdvisory} />
        </tfoot>
      </table>
    );
  return (
    <table className="grid days" aria-label={label}>
      <thead>
        <tr>
          <th scope="col">Date</th>
          <th scope="col">NAV date</th>
          <th scope="col" className="num">
            Net assets
          </th>
          <th scope="col">Version</th>
          <th scope="col" className="num">
            Rate
          </th>
          <th scope="col" className="num">
            Gross accrual
          </th>
          <th scope="col" className="num">
            Waiver
          </th>
          <th scope="col" className="num">
            Payable accrual
          </th>
          <th scope="col" className="num">
            Sub-advisory accrual
          </th>
        </tr>
      </thead>
      <tbody>
        {days.map((d) => {
          const f = fee(d);
          return (
            <tr key={d.date} className={d.waiverFrom !== null ? "waived" : undefined}>
              <td className="nowrap">{formatIso(d.date)}</td>
              <td className="nowrap">{f ? formatIso(f.navDate) : NONE_TEXT}</td>
              <td className="num">{f ? formatMoney(f.netAssets) : NONE_TEXT}</td>
              <td className="nowrap">{f ? formatIso(f.effectiveFrom) : NONE_TEXT}</td>
              <td className="num">{f ? formatRate(f.annualRate) : NONE_TEXT}</td>
              <td className="num">{formatMoney(d.gross)}</td>
              <td className="num" title={d.waiverFrom !== null ? `Waiver period from ${formatIso(d.waiverFrom)}` : undefined}>
                {formatMoney(d.waiver)}
              </td>
              <td className="num">{formatMoney(d.payable)}</td>
              <td className="num">{sub(d)}</td>
            </tr>
          );
        })}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row" colSpan={5}>
            Total ({days.length} days{once}) = Gross fee, Waiver, Expected, Sub-advisory fee
          </th>
          <td className="num">
            <Amount value={t.gross} />
          </td>
          <td className="num">
            <Amount value={t.waiver} />
          </td>
          <td className="num">
            <Amount value={t.payable} />
          </td>
          <td className="num">
            <Amount value={t.subAdvisory} />
          </td>
        </tr>
      </tfoot>
    </table>
  );
}

const NONE_TEXT = "\u2014";

function TotalRow({ span, label, value }: { span: number; label: string; value: Dec | null }) {
  return (
    <tr>
      <th scope="row" colSpan={span}>
        {label}
      </th>
      <td className="num">
        <Amount value={value} />
      </td>
    </tr>
  );
}
