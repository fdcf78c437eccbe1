import { DateSystem, Dec, GroupRow, SubAdvisoryRow, WaiverRow, formatIso, parseIsoDate, portfolioKey, toExcelSerial, validateSchedule } from "../../../engine";
import { OutCell } from "../../../workbook/reconSheets";
import { Draft, DraftPortfolio, DraftVersion, FieldIssue, parseTiers, rateText } from "./draft";

/**
 * The fee waivers and the sub-advisory schedule as editor drafts (the same
 * shape as the fee schedule's: portfolio → versions → tiers, a version carrying
 * its waiver end, or its sub-adviser and group), and the aggregation groups
 * (group → members). Pure: parse and validate the text as typed, turn the
 * workbook's rows into a draft and a draft into the cells to save.
 */

type Issue = Omit<FieldIssue, "portfolio">;
export interface Checked<R> {
  rows: R[];
  issues: FieldIssue[];
}

function parseDate(text: string | undefined, vi: number, field: "effectiveFrom" | "effectiveTo", what: string, issues: Issue[]): number | null {
  const t = text ?? "";
  try {
    return parseIsoDate(t);
  } catch {
    issues.push({ version: vi, field, message: t.trim() ? `"${t}" is not a date` : `${what} is required.` });
    return null;
  }
}

/** Names: blank and repeated ones (the fee schedule's rule). */
function nameIssues(names: string[], noun: string): FieldIssue[] {
  const out: FieldIssue[] = [];
  const seen = new Set<string>();
  names.forEach((n, i) => {
    const key = portfolioKey(n);
    if (key === "") out.push({ portfolio: i, field: "portfolio", message: `A ${noun} needs a name.` });
    else if (seen.has(key)) out.push({ portfolio: i, field: "portfolio", message: `"${n.trim()}" appears more than once.` });
    seen.add(key);
  });
  return out;
}

/** The tier rules of the fee schedule (a tier at 0, rising breakpoints, rates in [0, 1)) on each version, with `label` naming the version in messages. */
function tierIssues(name: string, versions: { day: number; tiers: { breakpoint: Dec; rate: Dec }[] }[], label: (vi: number) => string, skipDuplicateDates: boolean): Issue[] {
  const out: Issue[] = [];
  const issues = validateSchedule({ portfolios: [{ portfolio: name, versions: versions.map((v) => ({ effectiveFrom: v.day, tiers: v.tiers })) }] });
  for (const i of issues) {
    if (i.code === "BLANK_PORTFOLIO" || i.code === "DUPLICATE_PORTFOLIO") continue;
    if (skipDuplicateDates && i.code === "DUPLICATE_EFFECTIVE_DATE") continue;
    const vi = i.versionIndex ?? 0;
    const prefix = `${name.trim() || "(blank)"} from ${formatIso(versions[vi]?.day ?? 0)}:`;
    out.push({ version: i.versionIndex, tier: i.tierIndex, field: i.field ?? "rate", message: i.message.startsWith(prefix) ? `${label(vi)}:${i.message.slice(prefix.length)}` : i.message });
  }
  return out;
}

const dedupe = (issues: FieldIssue[]) => {
  const seen = new Set<string>();
  return issues.filter((i) => {
    const k = `${i.portfolio}/${i.version ?? ""}/${i.tier ?? ""}/${i.field}/${i.message}`;
    return seen.has(k) ? false : (seen.add(k), true);
  });
};

// ---- Fee waivers ----

const periodText = (v: DraftVersion) => `${v.effectiveFrom || "?"} to ${v.effectiveTo || "?"}`;

/**
 * Parses and validates the waivers as typed: dates, amounts and rates; a period
 * ending before it starts; two periods of a portfolio that share a day (the
 * message names both periods, and each shows it); the fee schedule's tier rules.
 */
export function checkWaiverDraft(d: Draft): Checked<WaiverRow> {
  const rows: WaiverRow[] = [];
  const issues: FieldIssue[] = nameIssues(d.portfolios.map((p) => p.name), "portfolio");
  d.portfolios.forEach((p, pi) => {
    const own: Issue[] = [];
    const name = p.name.trim() || `Portfolio ${pi + 1}`;
    const label = (vi: number) => `${name}, waiver period ${vi + 1} (${periodText(p.versions[vi])})`;
    const periods = p.versions.map((v, vi) => {
      const from = parseDate(v.effectiveFrom, vi, "effectiveFrom", "The waiver's first day", own);
      const to = parseDate(v.effectiveTo, vi, "effectiveTo", "The waiver's last day", own);
      if (from !== null && to !== null && to < from) own.push({ version: vi, field: "effectiveTo", message: `${label(vi)}: ends (${formatIso(to)}) before it starts (${formatIso(from)}).` });
      const tiers = parseTiers(v, vi, own, (breakpoint, rate) => {
        if (from !== null && to !== null) rows.push({ portfolio: p.name.trim(), from, to, breakpoint, rate });
      });
      return { from, to, tiers };
    });
    periods.forEach((a, i) =>
      periods.forEach((b, j) => {
        if (j <= i || a.from === null || a.to === null || b.from === null || b.to === null || a.to < a.from || b.to < b.from) return;
        if (a.from <= b.to && b.from <= a.to) {
          const message = `${name}: waiver periods ${i + 1} (${periodText(p.versions[i])}) and ${j + 1} (${periodText(p.versions[j])}) overlap; one day can be under one waiver only.`;
          own.push({ version: i, field: "effectiveFrom", message }, { version: j, field: "effectiveFrom", message });
        }
      }),
    );
    own.push(...tierIssues(p.name, periods.map((w, vi) => ({ day: w.from ?? Number.MIN_SAFE_INTEGER + vi, tiers: w.tiers })), label, true));
    for (const i of own) issues.push({ ...i, portfolio: pi });
  });
  return { rows, issues: dedupe(issues) };
}

/** The workbook's waiver rows as a draft: rows of a portfolio with the same two dates are one period's tiers; periods in date order. */
export function waiverDraftFromRows(rows: readonly WaiverRow[]): Draft {
  const byName = new Map<string, { name: string; periods: Map<string, DraftVersion & { from: number }> }>();
  for (const r of rows) {
    const key = portfolioKey(r.portfolio);
    let p = byName.get(key);
    if (!p) byName.set(key, (p = { name: r.portfolio.trim(), periods: new Map() }));
    const k = `${r.from}|${r.to}`;
    let v = p.periods.get(k);
    if (!v) p.periods.set(k, (v = { from: r.from, effectiveFrom: formatIso(r.from), effectiveTo: formatIso(r.to), tiers: [] }));
    v.tiers.push({ breakpoint: r.breakpoint.toString(), rate: rateText(r.rate) });
  }
  return {
    portfolios: [...byName.values()].map((p) => ({
      name: p.name,
      versions: [...p.periods.values()].sort((a, b) => a.from - b.from).map(({ from: _f, ...v }) => v),
    })),
  };
}

const dateCell = (day: number, system: DateSystem): OutCell => ({ value: toExcelSerial(day, system), numFmt: "yyyy-mm-dd" });
const amountCell = (x: Dec): OutCell => ({ value: x.toNumber(), numFmt: "#,##0.00" });
const rateCell = (x: Dec): OutCell => ({ value: x.toNumber(), numFmt: "0.00##%" });

/** Fee Waivers rows as the cells of its five columns. */
export function waiverCells(rows: readonly WaiverRow[], system: DateSystem): OutCell[][] {
  return rows.map((r) => [{ value: r.portfolio }, dateCell(r.from, system), dateCell(r.to, system), amountCell(r.breakpoint), rateCell(r.rate)]);
}

export const waiverLines = (d: Draft) => checkWaiverDraft(d).rows.map((r) => `${r.portfolio} | ${formatIso(r.from)} to ${formatIso(r.to)} | above ${r.breakpoint.toString()} | ${r.rate.times(100).toString()}%`);

// ---- Sub-advisory schedule ----

/**
 * Parses and validates the sub-advisory schedule as typed: the fee schedule's
 * rules (dates, tiers, two versions on one date), a sub-adviser on every
 * version, and a group that the aggregation groups list (`groups`: their
 * names; null skips that check).
 */
export function checkSubAdvisoryDraft(d: Draft, groups: readonly string[] | null): Checked<SubAdvisoryRow> {
  const rows: SubAdvisoryRow[] = [];
  const known = groups ? new Set(groups.map(portfolioKey)) : null;
  const issues: FieldIssue[] = nameIssues(d.portfolios.map((p) => p.name), "portfolio");
  d.portfolios.forEach((p, pi) => {
    const own: Issue[] = [];
    const name = p.name.trim() || `Portfolio ${pi + 1}`;
    const label = (vi: number) => `${name}, version ${vi + 1} (from ${p.versions[vi].effectiveFrom || "?"})`;
    const versions = p.versions.map((v, vi) => {
      const day = parseDate(v.effectiveFrom, vi, "effectiveFrom", "An effective date", own);
      const adviser = (v.subAdviser ?? "").trim();
      const group = (v.group ?? "").trim();
      if (!adviser) own.push({ version: vi, field: "subAdviser", message: `${label(vi)}: a sub-adviser is required.` });
      if (group && known && !known.has(portfolioKey(group))) own.push({ version: vi, field: "group", message: `${label(vi)}: group "${group}" is not in the Aggregation Groups; add it there (or leave the group blank).` });
      const tiers = parseTiers(v, vi, own, (breakpoint, rate) => {
        if (day !== null) rows.push({ portfolio: p.name.trim(), subAdviser: adviser, effectiveFrom: day, breakpoint, rate, group: group || null });
      });
      return { day: day ?? Number.MIN_SAFE_INTEGER + vi, tiers };
    });
    own.push(...tierIssues(p.name, versions, label, false));
    for (const i of own) issues.push({ ...i, portfolio: pi });
  });
  return { rows, issues: dedupe(issues) };
}

/** The workbook's sub-advisory rows as a draft: rows of a portfolio with one effective date are a version (its sub-adviser and group from its first row). */
export function subAdvisoryDraftFromRows(rows: readonly SubAdvisoryRow[]): Draft {
  const byName = new Map<string, { name: string; versions: Map<number, DraftVersion> }>();
  for (const r of rows) {
    const key = portfolioKey(r.portfolio);
    let p = byName.get(key);
    if (!p) byName.set(key, (p = { name: r.portfolio.trim(), versions: new Map() }));
    let v = p.versions.get(r.effectiveFrom);
    if (!v) p.versions.set(r.effectiveFrom, (v = { effectiveFrom: formatIso(r.effectiveFrom), subAdviser: r.subAdviser.trim(), group: (r.group ?? "").trim(), tiers: [] }));
    v.tiers.push({ breakpoint: r.breakpoint.toString(), rate: rateText(r.rate) });
  }
  return {
    portfolios: [...byName.values()].map((p) => ({
      name: p.name,
      versions: [...p.versions.entries()].sort((a, b) => a[0] - b[0]).map(([, v]) => v),
    })),
  };
}

/** Sub-Advisory Schedule rows as the cells of its six columns (Group "" for the portfolio's own assets: Office.js leaves a cell unchanged where a value is null, so a cleared group would stay). */
export function subAdvisoryCells(rows: readonly SubAdvisoryRow[], system: DateSystem): OutCell[][] {
  return rows.map((r) => [{ value: r.portfolio }, { value: r.subAdviser }, dateCell(r.effectiveFrom, system), amountCell(r.breakpoint), rateCell(r.rate), { value: r.group ?? "" }]);
}

export const subAdvisoryLines = (d: Draft) =>
  checkSubAdvisoryDraft(d, null).rows.map((r) => `${r.portfolio} | ${r.subAdviser} | from ${formatIso(r.effectiveFrom)} | above ${r.breakpoint.toString()} | ${r.rate.times(100).toString()}%${r.group ? ` | group ${r.group}` : ""}`);

// ---- Aggregation groups ----

export interface DraftGroup {
  name: string;
  /** Member portfolios, as typed. */
  members: string[];
}
export interface GroupsDraft {
  groups: DraftGroup[];
}

/** Where a groups problem belongs: the group (`member` absent: its name) and the member. */
export interface GroupIssue {
  group: number;
  member?: number;
  message: string;
}

/** Blank or repeated group names, blank members, and a portfolio listed twice in one group (naming both members). */
export function checkGroupsDraft(d: GroupsDraft): { rows: GroupRow[]; issues: GroupIssue[] } {
  const rows: GroupRow[] = [];
  const issues: GroupIssue[] = nameIssues(
    d.groups.map((g) => g.name),
    "group",
  ).map((i) => ({ group: i.portfolio, message: i.message }));
  d.groups.forEach((g, gi) => {
    const name = g.name.trim() || `Group ${gi + 1}`;
    const seen = new Map<string, number>();
    if (!g.members.length) issues.push({ group: gi, message: `${name}: a group needs at least one member.` });
    g.members.forEach((m, mi) => {
      const key = portfolioKey(m);
      if (key === "") {
        issues.push({ group: gi, member: mi, message: `${name}, member ${mi + 1}: a portfolio name is required.` });
        return;
      }
      const first = seen.get(key);
      if (first !== undefined) {
        issues.push({ group: gi, member: mi, message: `${name}: ${m.trim()} is listed twice (members ${first + 1} and ${mi + 1}).` });
        return;
      }
      seen.set(key, mi);
      rows.push({ group: g.name.trim(), portfolio: m.trim() });
    });
  });
  return { rows, issues };
}

export function groupsDraftFromRows(rows: readonly GroupRow[]): GroupsDraft {
  const byName = new Map<string, DraftGroup>();
  for (const r of rows) {
    const key = portfolioKey(r.group);
    let g = byName.get(key);
    if (!g) byName.set(key, (g = { name: r.group.trim(), members: [] }));
    g.members.push(r.portfolio.trim());
  }
  return { groups: [...byName.values()] };
}

/** Aggregation Groups rows as the cells of its two columns. */
export const groupCells = (rows: readonly GroupRow[]): OutCell[][] => rows.map((r) => [{ value: r.group }, { value: r.portfolio }]);

export const groupLines = (d: GroupsDraft) => checkGroupsDraft(d).rows.map((r) => `${r.group} | ${r.portfolio}`);

/** Every change the groups editor can make, as a pure function. */
export type GroupEdit =
  | { kind: "addGroup" }
  | { kind: "removeGroup"; g: number }
  | { kind: "renameGroup"; g: number; name: string }
  | { kind: "addMember"; g: number }
  | { kind: "removeMember"; g: number; m: number }
  | { kind: "setMember"; g: number; m: number; name: string }
  | { kind: "replace"; draft: GroupsDraft };

export function applyGroupEdit(d: GroupsDraft, e: GroupEdit): GroupsDraft {
  const group = (g: number, f: (x: DraftGroup) => DraftGroup): GroupsDraft => ({ groups: d.groups.map((x, k) => (k === g ? f(x) : x)) });
  switch (e.kind) {
    case "replace":
      return e.draft;
    case "addGroup":
      return { groups: [...d.groups, { name: "", members: [""] }] };
    case "removeGroup":
      return { groups: d.groups.filter((_, k) => k !== e.g) };
    case "renameGroup":
      return group(e.g, (x) => ({ ...x, name: e.name }));
    case "addMember":
      return group(e.g, (x) => ({ ...x, members: [...x.members, ""] }));
    case "removeMember":
      return group(e.g, (x) => ({ ...x, members: x.members.filter((_, k) => k !== e.m) }));
    case "setMember":
      return group(e.g, (x) => ({ ...x, members: x.members.map((m, k) => (k === e.m ? e.name : m)) }));
  }
}

/** A first entry to fill in, for "Start empty": the waiver period needs both dates, the sub-advisory version a sub-adviser. */
export function emptyEntry(kind: "waivers" | "subAdvisory"): DraftPortfolio {
  return kind === "waivers"
    ? { name: "", versions: [{ effectiveFrom: "", effectiveTo: "", tiers: [{ breakpoint: "0", rate: "" }] }] }
    : { name: "", versions: [{ effectiveFrom: "", subAdviser: "", group: "", tiers: [{ breakpoint: "0", rate: "" }] }] };
}
