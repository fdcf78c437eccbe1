import * as React from "react";
import { Button, Caption1, Field, Input, SearchBox } from "@fluentui/react-components";
import { ChevronDownRegular, ChevronRightRegular, ErrorCircleRegular } from "@fluentui/react-icons";
import { DraftGroup, GroupEdit, GroupIssue, GroupsDraft } from "./arrangementDraft";

/** "3 members: Fund S, Fund B, Fund C". */
export function groupSummary(g: DraftGroup): string {
  const names = g.members.map((m) => m.trim()).filter(Boolean);
  if (!names.length) return "no members";
  return `${names.length} member${names.length > 1 ? "s" : ""}: ${names.slice(0, 3).join(", ")}${names.length > 3 ? ", …" : ""}`;
}

function GroupLineView({ index: gi, group: g, issues, expanded, onEdit, onToggle }: { index: number; group: DraftGroup; issues: GroupIssue[]; expanded: boolean; onEdit: (e: GroupEdit) => void; onToggle: (i: number) => void }) {
  const title = g.name.trim() || `Group ${gi + 1}`;
  const problem = (member?: number) => {
    const msgs = issues.filter((i) => i.member === member).map((i) => i.message);
    return msgs.length ? { validationState: "error" as const, validationMessage: msgs.join(" ") } : {};
  };
  const panelId = `group-panel-${gi}`;
  return (
    <section className="portfolio" aria-label={title}>
      <h3 className="portfolio-head">
        <Button appearance="subtle" className="portfolio-toggle" icon={expanded ? <ChevronDownRegular /> : <ChevronRightRegular />} aria-expanded={expanded} aria-controls={expanded ? panelId : undefined} onClick={() => onToggle(gi)}>
          <span className="portfolio-title">
            <span className="portfolio-name">{title}</span>
            <span className="portfolio-summary">{groupSummary(g)}</span>
          </span>
        </Button>
        {issues.length > 0 && (
          <span className="problem-count">
            <ErrorCircleRegular aria-hidden="true" /> {issues.length} problem{issues.length > 1 ? "s" : ""}
          </span>
        )}
      </h3>
      {expanded && (
        <div id={panelId} className="portfolio-body">
          <div className="row">
            <Field label="Group name" {...problem(undefined)} className="grow">
              <Input value={g.name} onChange={(_, d) => onEdit({ kind: "renameGroup", g: gi, name: d.value })} />
            </Field>
            <Button appearance="subtle" onClick={() => onEdit({ kind: "removeGroup", g: gi })} aria-label={`Remove ${title}`}>
              Remove
            </Button>
          </div>
          <Caption1>Members: the portfolios whose net assets are combined (a member need not be in the fee schedule).</Caption1>
          {g.members.map((m, mi) => (
            <div key={mi} className="row tier">
              <Field label={`Member ${mi + 1}`} {...problem(mi)} className="grow">
                <Input value={m} onChange={(_, d) => onEdit({ kind: "setMember", g: gi, m: mi, name: d.value })} aria-label={`${title} member ${mi + 1}`} />
              </Field>
              <Button appearance="subtle" onClick={() => onEdit({ kind: "removeMember", g: gi, m: mi })} aria-label={`Remove member ${mi + 1} of ${title}`}>
                Remove member
              </Button>
            </div>
          ))}
          <div>
            <Button size="small" onClick={() => onEdit({ kind: "addMember", g: gi })} aria-label={`Add member to ${title}`}>
              Add member
            </Button>
          </div>
        </div>
      )}
    </section>
  );
}

const GroupLine = React.memo(GroupLineView);
const NONE: GroupIssue[] = [];

/** The aggregation groups as one collapsed line per group (its members in the summary), expanding in place to edit. */
export function GroupsEditor({ draft, issues, onEdit }: { draft: GroupsDraft; issues: GroupIssue[]; onEdit: (e: GroupEdit) => void }) {
  const [query, setQuery] = React.useState("");
  const [expanded, setExpanded] = React.useState<ReadonlySet<number>>(() => new Set(draft.groups.length === 1 ? [0] : []));
  const count = draft.groups.length;
  const previous = React.useRef(count);
  React.useEffect(() => {
    if (count > previous.current) setExpanded((s) => new Set([...s, count - 1]));
    previous.current = count;
  }, [count]);
  const byGroup = React.useMemo(() => {
    const m = new Map<number, GroupIssue[]>();
    for (const i of issues) m.set(i.group, [...(m.get(i.group) ?? []), i]);
    return m;
  }, [issues]);
  const toggle = React.useCallback((i: number) => setExpanded((s) => (s.has(i) ? new Set([...s].filter((x) => x !== i)) : new Set([...s, i]))), []);
  const edit = React.useCallback(
    (e: GroupEdit) => {
      if (e.kind === "removeGroup") setExpanded((s) => new Set([...s].filter((x) => x !== e.g).map((x) => (x > e.g ? x - 1 : x))));
      onEdit(e);
    },
    [onEdit],
  );
  const q = query.trim().toLowerCase();
  const shown = draft.groups.map((g, i) => ({ g, i })).filter(({ g }) => !q || g.name.toLowerCase().includes(q) || g.members.some((m) => m.toLowerCase().includes(q)));
  return (
    <div className="editor">
      {count > 3 && (
        <div className="row">
          <SearchBox className="grow" placeholder="Find a group or member" aria-label="Find a group or member" value={query} onChange={(_, d) => setQuery(d.value)} />
          <Caption1 aria-live="polite">{q ? `${shown.length} of ${count}` : `${count} groups`}</Caption1>
        </div>
      )}
      {shown.map(({ g, i }) => (
        <GroupLine key={i} index={i} group={g} issues={byGroup.get(i) ?? NONE} expanded={expanded.has(i)} onEdit={edit} onToggle={toggle} />
      ))}
      {q && shown.length === 0 && <Caption1>No group matches “{query}”.</Caption1>}
      <div>
        <Button onClick={() => edit({ kind: "addGroup" })}>Add group</Button>
      </div>
    </div>
  );
}
