import * as React from "react";
import { Field, Input, Subtitle1 } from "@fluentui/react-components";
import { formatIso, parseIsoDate } from "../../../engine";
import { Note } from "../../components/ErrorText";
import { formatAmountText, formatRate } from "../../components/format";
import { Draft, inForce } from "./draft";

/** The schedule in force on a chosen date, read-only. */
export function AsOfView({ draft }: { draft: Draft }) {
  const [asOf, setAsOf] = React.useState("");
  let day: number | null = null;
  try {
    day = asOf ? parseIsoDate(asOf) : null;
  } catch {
    day = null;
  }
  const view = React.useMemo(() => (day !== null ? inForce(draft, day) : null), [draft, day]);
  return (
    <>
      <Subtitle1 as="h2">Schedule in force on a date</Subtitle1>
      <Field label="As of">
        <Input type="date" value={asOf} onChange={(_, d) => setAsOf(d.value)} />
      </Field>
      {day !== null && view === null && <Note intent="warning">Fix the problems above to see the schedule in force.</Note>}
      {view && (
        <table className="grid" aria-label="Schedule in force">
          <thead>
            <tr>
              <th scope="col">Portfolio</th>
              <th scope="col">From</th>
              <th scope="col" className="num">Above</th>
              <th scope="col" className="num">Rate</th>
            </tr>
          </thead>
          <tbody>
            {view.flatMap(({ portfolio, version }) =>
              version.tiers.map((t, i) => (
                <tr key={`${portfolio}${i}`}>
                  <td className="wrap">{i === 0 ? portfolio : ""}</td>
                  <td className="nowrap">{i === 0 ? formatIso(version.effectiveFrom) : ""}</td>
                  <td className="num">{formatAmountText(t.breakpoint.toString())}</td>
                  <td className="num">{formatRate(t.rate)}</td>
                </tr>
              )),
            )}
          </tbody>
        </table>
      )}
    </>
  );
}
