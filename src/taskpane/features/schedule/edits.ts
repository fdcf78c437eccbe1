import { Draft, DraftTier } from "./draft";

/** Every change the editor can make to a draft, as a pure function (old draft in, new draft out). */
export type Edit =
  | { kind: "addPortfolio" }
  | { kind: "removePortfolio"; p: number }
  | { kind: "rename"; p: number; name: string }
  | { kind: "addVersion"; p: number }
  | { kind: "removeVersion"; p: number; v: number }
  | { kind: "setEffective"; p: number; v: number; date: string }
  | { kind: "addTier"; p: number; v: number }
  | { kind: "removeTier"; p: number; v: number; t: number }
  | { kind: "setTier"; p: number; v: number; t: number; field: keyof DraftTier; text: string }
  | { kind: "replace"; draft: Draft };

export function applyEdit(d: Draft, e: Edit): Draft {
  const portfolios = d.portfolios.map((p) => ({ ...p, versions: p.versions.map((v) => ({ ...v, tiers: v.tiers.map((t) => ({ ...t })) })) }));
  switch (e.kind) {
    case "replace":
      return e.draft;
    case "addPortfolio":
      portfolios.push({ name: "", versions: [{ effectiveFrom: "", tiers: [{ breakpoint: "0", rate: "" }] }] });
      break;
    case "removePortfolio":
      portfolios.splice(e.p, 1);
      break;
    case "rename":
      portfolios[e.p].name = e.name;
      break;
    case "addVersion": {
      // An amendment starts from the latest version's tiers, with its date to be filled in.
      const last = portfolios[e.p].versions[portfolios[e.p].versions.length - 1];
      portfolios[e.p].versions.push({ effectiveFrom: "", tiers: last ? last.tiers.map((t) => ({ ...t })) : [{ breakpoint: "0", rate: "" }] });
      break;
    }
    case "removeVersion":
      portfolios[e.p].versions.splice(e.v, 1);
      break;
    case "setEffective":
      portfolios[e.p].versions[e.v].effectiveFrom = e.date;
      break;
    case "addTier":
      portfolios[e.p].versions[e.v].tiers.push({ breakpoint: "", rate: "" });
      break;
    case "removeTier":
      portfolios[e.p].versions[e.v].tiers.splice(e.t, 1);
      break;
    case "setTier":
      portfolios[e.p].versions[e.v].tiers[e.t][e.field] = e.text;
      break;
  }
  return { portfolios };
}
