import * as React from "react";
import { Button, Caption1, Field, Input } from "@fluentui/react-components";
import { ChevronDownRegular, ChevronRightRegular, ErrorCircleRegular } from "@fluentui/react-icons";
import { formatAmountText } from "../../components/format";
import { DraftPortfolio, FieldIssue, fieldKey } from "./draft";
import { Edit } from "./edits";
import { portfolioSummary } from "./summary";
import { TierTableSpec } from "./tierTable";

interface Props {
  index: number;
  portfolio: DraftPortfolio;
  /** This portfolio's problems (same messages, same order, same rendering: see `sameLine`). */
  issues: FieldIssue[];
  expanded: boolean;
  spec: TierTableSpec;
  onEdit: (e: Edit) => void;
  onToggle: (index: number) => void;
}

/** A breakpoint field: thousands separators when not being edited, the text as typed while it has focus. */
function AmountInput({ value, onChange, label }: { value: string; onChange: (v: string) => void; label: string }) {
  const [focused, setFocused] = React.useState(false);
  return (
    <Input
      inputMode="decimal"
      value={focused ? value : formatAmountText(value)}
      onFocus={() => setFocused(true)}
      onBlur={() => setFocused(false)}
      onChange={(_, d) => onChange(d.value.replace(/\u2212/g, "-"))}
      aria-label={label}
    />
  );
}

function Line({ index: pi, portfolio: p, issues, expanded, spec, onEdit, onToggle }: Props) {
  const title = p.name.trim() || `${spec.noun[0].toUpperCase()}${spec.noun.slice(1)} ${pi + 1}`;
  const byField = new Map<string, string[]>();
  for (const i of issues) byField.set(fieldKey(i), [...(byField.get(fieldKey(i)) ?? []), i.message]);
  // `also`: version-level problems of other fields without a tier (e.g. "no rate") shown on this field.
  const problem = (field: FieldIssue["field"], version?: number, tier?: number, also: FieldIssue["field"][] = []) => {
    const msgs = [field, ...also].flatMap((f) => byField.get(fieldKey({ portfolio: pi, version, tier, field: f })) ?? []);
    return msgs.length ? { validationState: "error" as const, validationMessage: msgs.join(" ") } : {};
  };
  const panelId = `portfolio-panel-${spec.kind}-${pi}`;
  // What a version is called in labels: the fee schedule's words are kept as they were.
  const vn = spec.kind === "waivers" ? "waiver period" : "version";
  return (
    <section className="portfolio" aria-label={title}>
      <h3 className="portfolio-head">
        <Button
          appearance="subtle"
          className="portfolio-toggle"
          icon={expanded ? <ChevronDownRegular /> : <ChevronRightRegular />}
          aria-expanded={expanded}
          aria-controls={expanded ? panelId : undefined}
          onClick={() => onToggle(pi)}
        >
          <span className="portfolio-title">
            <span className="portfolio-name">{title}</span>
            <span className="portfolio-summary">{portfolioSummary(p, spec.kind)}</span>
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
            <Field label={spec.nameLabel} {...problem("portfolio")} className="grow">
              <Input value={p.name} onChange={(_, d) => onEdit({ kind: "rename", p: pi, name: d.value })} />
            </Field>
            <Button appearance="subtle" onClick={() => onEdit({ kind: "removePortfolio", p: pi })} aria-label={`Remove ${title}`}>
              Remove
            </Button>
          </div>
          {p.versions.map((v, vi) => (
            <div key={vi} className="version" role="group" aria-label={`${title}, ${vn} ${vi + 1}`}>
              <div className="row">
                <Field label={vi === 0 ? spec.fromLabel : spec.laterFromLabel} {...problem("effectiveFrom", vi, undefined, ["rate"])}>
                  <Input type="date" value={v.effectiveFrom} onChange={(_, d) => onEdit({ kind: "setEffective", p: pi, v: vi, date: d.value })} aria-label={`${title} ${vn} ${vi + 1} ${spec.toLabel ? spec.fromLabel.toLowerCase() : "effective from"}`} />
                </Field>
                {spec.toLabel && (
                  <Field label={spec.toLabel} {...problem("effectiveTo", vi)}>
                    <Input type="date" value={v.effectiveTo ?? ""} onChange={(_, d) => onEdit({ kind: "setVersionField", p: pi, v: vi, field: "effectiveTo", text: d.value })} aria-label={`${title} ${vn} ${vi + 1} ${spec.toLabel.toLowerCase()}`} />
                  </Field>
                )}
                {p.versions.length > 1 && (
                  <Button appearance="subtle" onClick={() => onEdit({ kind: "removeVersion", p: pi, v: vi })} aria-label={`Remove ${vn} ${vi + 1} of ${title}`}>
                    Remove {vn}
                  </Button>
                )}
              </div>
              {spec.versionFields && (
                <div className="row">
                  {spec.versionFields.map((f) => (
                    <Field key={f.field} label={f.label} hint={f.hint} {...problem(f.field, vi)} className="grow">
                      <Input value={v[f.field] ?? ""} onChange={(_, d) => onEdit({ kind: "setVersionField", p: pi, v: vi, field: f.field, text: d.value })} aria-label={`${title} ${vn} ${vi + 1} ${f.label.toLowerCase()}`} />
                    </Field>
                  ))}
                </div>
              )}
              <Caption1>{spec.tiersCaption}</Caption1>
              {v.tiers.map((t, ti) => (
                <div key={ti} className="row tier">
                  <Field label={`${spec.breakpointLabel} ${ti + 1}`} {...problem("breakpoint", vi, ti)} className="grow">
                    <AmountInput value={t.breakpoint} onChange={(text) => onEdit({ kind: "setTier", p: pi, v: vi, t: ti, field: "breakpoint", text })} label={`${title} ${vn} ${vi + 1} ${spec.breakpointLabel.toLowerCase()} ${ti + 1}`} />
                  </Field>
                  <Field label={`${spec.rateLabel} ${ti + 1}`} hint={ti === 0 ? spec.rateHint : undefined} {...problem("rate", vi, ti)} className="grow">
                    <Input value={t.rate} onChange={(_, d) => onEdit({ kind: "setTier", p: pi, v: vi, t: ti, field: "rate", text: d.value })} aria-label={`${title} ${vn} ${vi + 1} ${spec.rateLabel.toLowerCase()} ${ti + 1}`} />
                  </Field>
                  {v.tiers.length > 1 && (
                    <Button appearance="subtle" onClick={() => onEdit({ kind: "removeTier", p: pi, v: vi, t: ti })} aria-label={`Remove tier ${ti + 1} of ${title} ${vn} ${vi + 1}`}>
                      Remove tier
                    </Button>
                  )}
                </div>
              ))}
              <Button size="small" onClick={() => onEdit({ kind: "addTier", p: pi, v: vi })} aria-label={`Add tier to ${title} ${vn} ${vi + 1}`}>
                Add tier
              </Button>
            </div>
          ))}
          <Button onClick={() => onEdit({ kind: "addVersion", p: pi })} aria-label={`${spec.addVersionLabel} to ${title}`}>
            {spec.addVersionLabel}
          </Button>
        </div>
      )}
    </section>
  );
}

const issueSignature = (xs: FieldIssue[]) => xs.map((i) => `${fieldKey(i)}:${i.message}`).join("\n");

/** Re-render a line only when its own portfolio, problems or expansion changed: a keystroke elsewhere leaves it alone. */
const sameLine = (a: Props, b: Props) =>
  a.portfolio === b.portfolio && a.index === b.index && a.expanded === b.expanded && a.spec === b.spec && a.onEdit === b.onEdit && a.onToggle === b.onToggle && issueSignature(a.issues) === issueSignature(b.issues);

export const PortfolioLine = React.memo(Line, sameLine);
