import { Dec, formatIso, parseAmount, parseIsoDate, parseRateValue } from "../../../engine";
import { Draft, draftFromSchedule } from "./draft";
import { checkDraft } from "./draft";
import { parseCsv } from "../../../workbook/csv";
import { csvField as field } from "../../components/csvField";

const HEADER = ["Portfolio", "Effective From", "Breakpoint", "Annual Rate"];


/** The schedule as CSV (Portfolio, Effective From, Breakpoint, Annual Rate as a fraction). */
export function exportCsv(d: Draft): string {
  const { rows, issues } = checkDraft(d);
  if (issues.length) throw new Error(`the schedule has ${issues.length} problem(s); fix them before exporting`);
  const lines = [HEADER.join(",")];
  for (const r of rows) lines.push([field(r.portfolio, true), formatIso(r.effectiveFrom), r.breakpoint.toString(), r.rate.toString()].join(","));
  return `${lines.join("\r\n")}\r\n`;
}

export interface CsvImport {
  draft: Draft | null;
  /** One message per bad line ("line 4: ..."); when any, the draft is null and nothing changes. */
  errors: string[];
}

/** Reads a schedule CSV; every bad line is reported, and any error means no change. */
export function importCsv(text: string): CsvImport {
  const rows = parseCsv(text.replace(/^\uFEFF/, "")).filter((r) => r.some((c) => c.trim() !== ""));
  if (!rows.length) return { draft: null, errors: ["the file is empty"] };
  const head = rows[0].map((h) => h.trim().toLowerCase());
  const at = HEADER.map((h) => head.indexOf(h.toLowerCase()));
  const missing = HEADER.filter((_, i) => at[i] < 0);
  if (missing.length) return { draft: null, errors: [`line 1: the header lacks ${missing.join(", ")}`] };
  const errors: string[] = [];
  const parsed: { portfolio: string; effectiveFrom: number; breakpoint: Dec; rate: Dec }[] = [];
  rows.slice(1).forEach((r, i) => {
    const line = i + 2;
    const get = (k: number) => (r[at[k]] ?? "").trim();
    const problems: string[] = [];
    let name = get(0);
    if (name.startsWith("'") && /^'[=+\-@]/.test(name)) name = name.slice(1);
    if (!name) problems.push("Portfolio is blank");
    let effectiveFrom = 0;
    let breakpoint = new Dec(0);
    let rate = new Dec(0);
    try {
      effectiveFrom = parseIsoDate(get(1));
    } catch {
      problems.push(`Effective From "${get(1)}" is not a YYYY-MM-DD date`);
    }
    try {
      breakpoint = parseAmount(get(2) || "x");
    } catch {
      problems.push(`Breakpoint "${get(2)}" is not an amount`);
    }
    try {
      rate = parseRateValue(get(3) || "x");
    } catch {
      problems.push(`Annual Rate "${get(3)}" is not a rate`);
    }
    if (problems.length) errors.push(`line ${line}: ${problems.join("; ")}`);
    else parsed.push({ portfolio: name, effectiveFrom, breakpoint, rate });
  });
  if (errors.length) return { draft: null, errors };
  const byName = new Map<string, typeof parsed>();
  parsed.forEach((p) => byName.set(p.portfolio, [...(byName.get(p.portfolio) ?? []), p]));
  const draft: Draft = draftFromSchedule({
    portfolios: [...byName.entries()].map(([portfolio, rs]) => ({
      portfolio,
      versions: [...new Set(rs.map((r) => r.effectiveFrom))].sort((a, b) => a - b).map((effectiveFrom) => ({ effectiveFrom, tiers: rs.filter((r) => r.effectiveFrom === effectiveFrom) })),
    })),
  });
  const check = checkDraft(draft);
  if (check.issues.length) return { draft: null, errors: check.issues.map((i) => `schedule: ${i.message}`) };
  return { draft, errors: [] };
}

