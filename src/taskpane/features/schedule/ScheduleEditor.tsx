import * as React from "react";
import { Button, Field, Input, Subtitle2, Caption1 } from "@fluentui/react-components";
import { Draft, FieldIssue, fieldKey } from "./draft";
import { Edit } from "./edits";

interface Props {
  draft: Draft;
  issues: FieldIssue[];
  onEdit: (e: Edit) => void;
}

/** The schedule as editable fields: every control labelled, each problem shown beside its field. */
export function ScheduleEditor({ draft, issues, onEdit }: Props) {
  const byField = React.useMemo(() => {
    const m = new Map<string, string[]>();
    for (const i of issues) m.set(fieldKey(i), [...(m.get(fieldKey(i)) ?? []), i.message]);
    return m;
  }, [issues]);
  // `also`: version-level problems of other fields without a tier (e.g. "no rate") shown on this field.
  const problem = (portfolio: number, field: FieldIssue["field"], version?: number, tier?: number, also: FieldIssue["field"][] = []) => {
    const msgs = [field, ...also].flatMap((f) => byField.get(fieldKey({ portfolio, version, tier, field: f })) ?? []);
    return msgs.length ? { validationState: "error" as const, validationMessage: msgs.join(" ") } : {};
  };

  return (
    <div className="editor">
      {draft.portfolios.map((p, pi) => {
        const title = p.name.trim() || `Portfolio ${pi + 1}`;
        return (
          <section key={pi} className="portfolio" aria-label={title}>
            <div className="row">
              <Field label="Portfolio name" {...problem(pi, "portfolio")} className="grow">
                <Input value={p.name} onChange={(_, d) => onEdit({ kind: "rename", p: pi, name: d.value })} />
              </Field>
              <Button appearance="subtle" onClick={() => onEdit({ kind: "removePortfolio", p: pi })} aria-label={`Remove ${title}`}>
                Remove
              </Button>
            </div>
            {p.versions.map((v, vi) => (
              <div key={vi} className="version" role="group" aria-label={`${title}, version ${vi + 1}`}>
                <div className="row">
                  <Field label={vi === 0 ? "Effective from" : `Amendment effective from`} {...problem(pi, "effectiveFrom", vi, undefined, ["rate"])}>
                    <Input type="date" value={v.effectiveFrom} onChange={(_, d) => onEdit({ kind: "setEffective", p: pi, v: vi, date: d.value })} aria-label={`${title} version ${vi + 1} effective from`} />
                  </Field>
                  {p.versions.length > 1 && (
                    <Button appearance="subtle" onClick={() => onEdit({ kind: "removeVersion", p: pi, v: vi })} aria-label={`Remove ${title} version ${vi + 1}`}>
                      Remove version
                    </Button>
                  )}
                </div>
                <Caption1>Tiers: the rate applies to net assets above the breakpoint (0 for the first tier).</Caption1>
                {v.tiers.map((t, ti) => (
                  <div key={ti} className="row tier">
                    <Field label={`Breakpoint ${ti + 1}`} {...problem(pi, "breakpoint", vi, ti)} className="grow">
                      <Input inputMode="decimal" value={t.breakpoint} onChange={(_, d) => onEdit({ kind: "setTier", p: pi, v: vi, t: ti, field: "breakpoint", text: d.value })} aria-label={`${title} version ${vi + 1} breakpoint ${ti + 1}`} />
                    </Field>
                    <Field label={`Annual rate ${ti + 1}`} hint={ti === 0 && vi === 0 && pi === 0 ? "0.10%, 10bp or 0.001" : undefined} {...problem(pi, "rate", vi, ti)} className="grow">
                      <Input value={t.rate} onChange={(_, d) => onEdit({ kind: "setTier", p: pi, v: vi, t: ti, field: "rate", text: d.value })} aria-label={`${title} version ${vi + 1} annual rate ${ti + 1}`} />
                    </Field>
                    {v.tiers.length > 1 && (
                      <Button appearance="subtle" onClick={() => onEdit({ kind: "removeTier", p: pi, v: vi, t: ti })} aria-label={`Remove ${title} version ${vi + 1} tier ${ti + 1}`}>
                        Remove tier
                      </Button>
                    )}
                  </div>
                ))}
                <Button size="small" onClick={() => onEdit({ kind: "addTier", p: pi, v: vi })} aria-label={`Add a tier to ${title} version ${vi + 1}`}>
                  Add tier
                </Button>
              </div>
            ))}
            <Button onClick={() => onEdit({ kind: "addVersion", p: pi })} aria-label={`Add an amendment to ${title}`}>
              Add amendment
            </Button>
          </section>
        );
      })}
      <Subtitle2 as="h3">
        <Button appearance="primary" onClick={() => onEdit({ kind: "addPortfolio" })}>
          Add portfolio
        </Button>
      </Subtitle2>
    </div>
  );
}
