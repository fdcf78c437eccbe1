import * as React from "react";
import { Button, Caption1, SearchBox } from "@fluentui/react-components";
import { Draft, FieldIssue } from "./draft";
import { Edit } from "./edits";
import { PortfolioLine } from "./PortfolioLine";
import { FEE_SCHEDULE_TABLE, TierTableSpec } from "./tierTable";
import { emptyEntry } from "./arrangementDraft";

interface Props {
  draft: Draft;
  issues: FieldIssue[];
  onEdit: (e: Edit) => void;
  /** The table's words; the fee schedule's by default. */
  spec?: TierTableSpec;
}

const NO_ISSUES: FieldIssue[] = [];

/**
 * An effective-dated tier table as one collapsed line per entry, expanding
 * in place to edit; a search box narrows the list. Lines are memoised, so a
 * keystroke re-renders only the line being edited.
 */
export function ScheduleEditor({ draft, issues, onEdit, spec = FEE_SCHEDULE_TABLE }: Props) {
  const [query, setQuery] = React.useState("");
  const [expanded, setExpanded] = React.useState<ReadonlySet<number>>(() => new Set(draft.portfolios.length === 1 ? [0] : []));
  const count = draft.portfolios.length;
  const previous = React.useRef(count);
  React.useEffect(() => {
    // A newly added entry opens, ready to fill in.
    if (count > previous.current) setExpanded((s) => new Set([...s, count - 1]));
    previous.current = count;
  }, [count]);

  const byPortfolio = React.useMemo(() => {
    const m = new Map<number, FieldIssue[]>();
    for (const i of issues) m.set(i.portfolio, [...(m.get(i.portfolio) ?? []), i]);
    return m;
  }, [issues]);
  const toggle = React.useCallback((i: number) => setExpanded((s) => (s.has(i) ? new Set([...s].filter((x) => x !== i)) : new Set([...s, i]))), []);
  const edit = React.useCallback(
    (e: Edit) => {
      if (e.kind === "removePortfolio") setExpanded((s) => new Set([...s].filter((x) => x !== e.p).map((x) => (x > e.p ? x - 1 : x))));
      onEdit(e);
    },
    [onEdit],
  );

  const q = query.trim().toLowerCase();
  const shown = draft.portfolios.map((p, i) => ({ p, i })).filter(({ p, i }) => !q || p.name.toLowerCase().includes(q) || expanded.has(i) && p.name.trim() === "");
  return (
    <div className="editor">
      {count > 3 && (
        <div className="row">
          <SearchBox className="grow" placeholder={`Find a ${spec.noun}`} aria-label={`Find a ${spec.noun}`} value={query} onChange={(_, d) => setQuery(d.value)} />
          <Caption1 aria-live="polite">{q ? `${shown.length.toLocaleString("en-US")} of ${count.toLocaleString("en-US")}` : `${count.toLocaleString("en-US")} ${spec.noun}s`}</Caption1>
        </div>
      )}
      {shown.map(({ p, i }) => (
        <PortfolioLine key={i} index={i} portfolio={p} issues={byPortfolio.get(i) ?? NO_ISSUES} expanded={expanded.has(i)} spec={spec} onEdit={edit} onToggle={toggle} />
      ))}
      {q && shown.length === 0 && <Caption1>No {spec.noun} matches “{query}”.</Caption1>}
      <div>
        <Button onClick={() => edit({ kind: "addPortfolio", template: spec.kind === "schedule" ? undefined : emptyEntry(spec.kind) })}>Add {spec.noun}</Button>
      </div>
    </div>
  );
}
