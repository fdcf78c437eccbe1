import * as React from "react";
import { Button, Select } from "@fluentui/react-components";
import { ArrowSortDownRegular, ArrowSortUpRegular, ArrowSortRegular, ChevronDownRegular, ChevronRightRegular } from "@fluentui/react-icons";
import { ReconRow, Rounding } from "../../../engine";
import { Amount } from "../../components/Amount";
import { formatRate } from "../../components/format";
import { BreakdownPairs, BreakdownTotalPairs } from "./Breakdown";
import { BreakdownTotals, breakdownOf } from "./breakdown";
import { DrillDown } from "./DrillDown";
import { StatusBadge } from "./status";
import { Sort, SortKey, differenceOf, expectedOf } from "./sortRows";
import { Totals } from "./totals";

interface RowsProps {
  rows: ReconRow[];
  totals: Totals;
  label: string;
  sort: Sort | null;
  onSort: (s: Sort | null) => void;
  open: string | null;
  onOpen: (portfolio: string | null) => void;
  onShowInWorkbook?: (row: ReconRow) => void;
  rounding: Rounding;
  /** Totals of gross, waiver, payable, sub-advisory and net, when the result has waivers or sub-advisory fees (else null: no breakdown shown). */
  breakdown: BreakdownTotals | null;
}

const COLUMNS: { key: SortKey; title: string; num?: boolean }[] = [
  { key: "portfolio", title: "Portfolio" },
  { key: "status", title: "Status" },
  { key: "expected", title: "Expected", num: true },
  { key: "billed", title: "Billed", num: true },
  { key: "difference", title: "Difference", num: true },
];

/** Cycles a column's sort: ascending, descending, then back to "needs attention first". */
function nextSort(sort: Sort | null, key: SortKey): Sort | null {
  if (!sort || sort.key !== key) return { key, direction: "ascending" };
  return sort.direction === "ascending" ? { key, direction: "descending" } : null;
}

/** Wide panes: a table with sortable headers (aria-sort), totals that tie, and the drill-down opening under its row. */
export function ResultTable({ rows, totals, label, sort, onSort, open, onOpen, onShowInWorkbook, rounding, breakdown }: RowsProps) {
  return (
    <>
    <table className="grid recon" aria-label={label}>
      <thead>
        <tr>
          {COLUMNS.map((c) => {
            const active = sort?.key === c.key ? sort.direction : undefined;
            return (
              <th key={c.key} scope="col" className={c.num ? "num" : undefined} aria-sort={active ?? "none"}>
                <Button
                  appearance="transparent"
                  size="small"
                  className="sort-button"
                  icon={active === "ascending" ? <ArrowSortUpRegular /> : active === "descending" ? <ArrowSortDownRegular /> : <ArrowSortRegular />}
                  iconPosition="after"
                  onClick={() => onSort(nextSort(sort, c.key))}
                >
                  {c.title}
                </Button>
              </th>
            );
          })}
          <th scope="col">
            <span className="sr-only">Daily accruals</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <React.Fragment key={row.portfolio}>
            <tr className={row.status === "OK" ? undefined : "attention"}>
              <th scope="row" className="wrap">
                {row.portfolio}
              </th>
              <td>
                <StatusBadge status={row.status} />
              </td>
              <td className="num">
                <Amount value={expectedOf(row)} />
              </td>
              <td className="num">
                <Amount value={row.billedFee} />
              </td>
              <td className="num">
                <Amount value={differenceOf(row)} />
              </td>
              <td>
                <Button size="small" aria-expanded={open === row.portfolio} onClick={() => onOpen(open === row.portfolio ? null : row.portfolio)} aria-label={`${open === row.portfolio ? "Hide" : "Show"} daily accruals of ${row.portfolio}`}>
                  {open === row.portfolio ? "Hide" : "Show"}
                </Button>
              </td>
            </tr>
            {open === row.portfolio && (
              <tr className="drill-row">
                <td colSpan={6}>
                  <DrillDown row={row} rounding={rounding} narrow={false} breakdown={breakdown !== null} summary={breakdown !== null} onClose={() => onOpen(null)} onShowInWorkbook={onShowInWorkbook ? () => onShowInWorkbook(row) : undefined} />
                </td>
              </tr>
            )}
          </React.Fragment>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row" colSpan={2}>
            Total
          </th>
          <td className="num">
            <Amount value={totals.expected} />
          </td>
          <td className="num">
            <Amount value={totals.billed} />
          </td>
          <td className="num">
            <Amount value={null} />
          </td>
          <td />
        </tr>
        <tr>
          <th scope="row" colSpan={2}>
            Compared ({totals.compared.count} with both)
          </th>
          <td className="num">
            <Amount value={totals.compared.expected} />
          </td>
          <td className="num">
            <Amount value={totals.compared.billed} />
          </td>
          <td className="num">
            <Amount value={totals.compared.difference} />
          </td>
          <td />
        </tr>
      </tfoot>
    </table>
    {breakdown && (
      <>
        <p className="field-label">Fees after waivers and sub-advisory (each portfolio’s under Show)</p>
        <dl className="pairs totals breakdown">
          <BreakdownTotalPairs t={breakdown} />
        </dl>
      </>
    )}
    </>
  );
}

const SORT_CHOICES: { value: string; label: string; sort: Sort | null }[] = [
  { value: "attention", label: "Needs attention first", sort: null },
  { value: "portfolio-ascending", label: "Portfolio, A to Z", sort: { key: "portfolio", direction: "ascending" } },
  { value: "difference-ascending", label: "Difference, lowest first", sort: { key: "difference", direction: "ascending" } },
  { value: "difference-descending", label: "Difference, highest first", sort: { key: "difference", direction: "descending" } },
  { value: "expected-descending", label: "Expected, highest first", sort: { key: "expected", direction: "descending" } },
  { value: "billed-descending", label: "Billed, highest first", sort: { key: "billed", direction: "descending" } },
  { value: "status-ascending", label: "Status", sort: { key: "status", direction: "ascending" } },
];

/** Narrow panes: each row a two-line item (portfolio; status badge and difference) that expands in place. */
export function ResultList({ rows, totals, label, sort, onSort, open, onOpen, onShowInWorkbook, rounding, breakdown }: RowsProps) {
  const value = SORT_CHOICES.find((c) => (c.sort === null ? sort === null : sort !== null && c.sort.key === sort.key && c.sort.direction === sort.direction))?.value ?? "attention";
  return (
    <div className="stack-tight">
      <div className="row">
        <label htmlFor="recon-sort" className="field-label">
          Sort by
        </label>
        <Select id="recon-sort" className="grow" value={value} onChange={(_, d) => onSort(SORT_CHOICES.find((c) => c.value === d.value)?.sort ?? null)}>
          {SORT_CHOICES.map((c) => (
            <option key={c.value} value={c.value}>
              {c.label}
            </option>
          ))}
        </Select>
      </div>
      <ul className="recon-list" aria-label={label}>
        {rows.map((row) => {
          const expanded = open === row.portfolio;
          return (
            <li key={row.portfolio} className={row.status === "OK" ? "recon-item" : "recon-item attention"}>
              <button type="button" className="recon-item-head" aria-expanded={expanded} onClick={() => onOpen(expanded ? null : row.portfolio)}>
                {expanded ? <ChevronDownRegular aria-hidden="true" /> : <ChevronRightRegular aria-hidden="true" />}
                <span className="recon-item-lines">
                  <span className="recon-item-name">{row.portfolio}</span>
                  <span className="recon-item-second">
                    <StatusBadge status={row.status} />
                    <span className="recon-item-diff">
                      <span className="caption">Difference </span>
                      <Amount value={differenceOf(row)} />
                    </span>
                  </span>
                </span>
              </button>
              {expanded && (
                <div className="recon-item-body">
                  <dl className="pairs">
                    <dt>Expected</dt>
                    <dd>
                      <Amount value={expectedOf(row)} />
                    </dd>
                    <dt>Billed</dt>
                    <dd>
                      <Amount value={row.billedFee} />
                    </dd>
                    <dt>Difference</dt>
                    <dd>
                      <Amount value={differenceOf(row)} />
                    </dd>
                    <dt>Annual rate</dt>
                    <dd>{row.annualRate === null ? "—" : formatRate(row.annualRate)}</dd>
                    {breakdown && <BreakdownPairs b={breakdownOf(row)} payable={false} />}
                  </dl>
                  <DrillDown row={row} rounding={rounding} narrow breakdown={breakdown !== null} onClose={() => onOpen(null)} onShowInWorkbook={onShowInWorkbook ? () => onShowInWorkbook(row) : undefined} />
                </div>
              )}
            </li>
          );
        })}
      </ul>
      <p className="field-label">Totals</p>
      <dl className="pairs totals">
        <dt>Total expected</dt>
        <dd>
          <Amount value={totals.expected} />
        </dd>
        <dt>Total billed</dt>
        <dd>
          <Amount value={totals.billed} />
        </dd>
        <dt>Compared ({totals.compared.count} with both): expected</dt>
        <dd>
          <Amount value={totals.compared.expected} />
        </dd>
        <dt>billed</dt>
        <dd>
          <Amount value={totals.compared.billed} />
        </dd>
        <dt>difference</dt>
        <dd>
          <Amount value={totals.compared.difference} />
        </dd>
        {breakdown && <BreakdownTotalPairs t={breakdown} />}
      </dl>
    </div>
  );
}
