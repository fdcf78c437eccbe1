import { Draft, DraftPortfolio, DraftTier, DraftVersion } from "./draft";

/** Every change the editor can make to a draft, as a pure function (old draft in, new draft out). */
export type Edit =
  | { kind: "addPortfolio"; template?: DraftPortfolio }
  | { kind: "removePortfolio"; p: number }
  | { kind: "rename"; p: number; name: string }
  | { kind: "addVersion"; p: number }
  | { kind: "removeVersion"; p: number; v: number }
  | { kind: "setEffective"; p: number; v: number; date: string }
  /** A version's other fields: a waiver period's last day, a sub-advisory version's sub-adviser or group. */
  | { kind: "setVersionField"; p: number; v: number; field: "effectiveTo" | "subAdviser" | "group"; text: string }
  | { kind: "addTier"; p: number; v: number }
  | { kind: "removeTier"; p: number; v: number; t: number }
  | { kind: "setTier"; p: number; v: number; t: number; field: keyof DraftTier; text: string }
  | { kind: "replace"; draft: Draft };

const replaceAt = <T>(xs: readonly T[], i: number, f: (x: T) => T): T[] => xs.map((x, k) => (k === i ? f(x) : x));
const removeAt = <T>(xs: readonly T[], i: number): T[] => xs.filter((_, k) => k !== i);

/**
 * Applies an edit. Portfolios, versions and tiers the edit does not touch keep
 * their identity, so a keystroke re-renders only the portfolio it changes.
 */
export function applyEdit(d: Draft, e: Edit): Draft {
  const portfolio = (p: number, f: (x: DraftPortfolio) => DraftPortfolio): Draft => ({ portfolios: replaceAt(d.portfolios, p, f) });
  const version = (p: number, v: number, f: (x: DraftVersion) => DraftVersion): Draft => portfolio(p, (x) => ({ ...x, versions: replaceAt(x.versions, v, f) }));
  switch (e.kind) {
    case "replace":
      return e.draft;
    case "addPortfolio":
      return { portfolios: [...d.portfolios, e.template ?? { name: "", versions: [{ effectiveFrom: "", tiers: [{ breakpoint: "0", rate: "" }] }] }] };
    case "removePortfolio":
      return { portfolios: removeAt(d.portfolios, e.p) };
    case "rename":
      return portfolio(e.p, (x) => ({ ...x, name: e.name }));
    case "addVersion":
      // An amendment starts from the latest version's tiers, with its date to be filled in.
      return portfolio(e.p, (x) => {
        const last = x.versions[x.versions.length - 1];
        // A waiver period gets its own end date to fill in; a sub-advisory version keeps the sub-adviser and group.
        const extra: Partial<DraftVersion> = {};
        if (last?.effectiveTo !== undefined) extra.effectiveTo = "";
        if (last?.subAdviser !== undefined) Object.assign(extra, { subAdviser: last.subAdviser, group: last.group ?? "" });
        return { ...x, versions: [...x.versions, { effectiveFrom: "", ...extra, tiers: last ? last.tiers.map((t) => ({ ...t })) : [{ breakpoint: "0", rate: "" }] }] };
      });
    case "removeVersion":
      return portfolio(e.p, (x) => ({ ...x, versions: removeAt(x.versions, e.v) }));
    case "setEffective":
      return version(e.p, e.v, (x) => ({ ...x, effectiveFrom: e.date }));
    case "setVersionField":
      return version(e.p, e.v, (x) => ({ ...x, [e.field]: e.text }));
    case "addTier":
      return version(e.p, e.v, (x) => ({ ...x, tiers: [...x.tiers, { breakpoint: "", rate: "" }] }));
    case "removeTier":
      return version(e.p, e.v, (x) => ({ ...x, tiers: removeAt(x.tiers, e.t) }));
    case "setTier":
      return version(e.p, e.v, (x) => ({ ...x, tiers: replaceAt(x.tiers, e.t, (t) => ({ ...t, [e.field]: e.text })) }));
  }
}
