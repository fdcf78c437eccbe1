import { spawnSync } from "child_process";
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import { readFileSync, writeFileSync } from "fs";
import path from "path";

export type Parts = Record<string, Uint8Array>;

/** A copy of an .xlsx with some parts' text edited (or added, or, with null, removed). */
export function editXlsx(src: string, out: string, edits: Record<string, ((xml: string) => string) | string | null>): string {
  const parts: Parts = unzipSync(readFileSync(src));
  for (const [name, edit] of Object.entries(edits)) {
    if (edit === null) delete parts[name];
    else parts[name] = strToU8(typeof edit === "string" ? edit : edit(parts[name] ? strFromU8(parts[name]) : ""));
  }
  writeFileSync(out, zipSync(parts, { level: 6 }));
  return out;
}

export function partText(file: string, part: string): string | null {
  const parts = unzipSync(readFileSync(file), { filter: (f) => f.name === part });
  return parts[part] ? strFromU8(parts[part]) : null;
}

const ROOT = path.join(__dirname, "..", "..");

/** Preloaded into the child: on any exit, its peak resident memory goes to stderr as the last line. */
const PEAK_REPORTER = path.join(__dirname, "peakRss.js");

/**
 * Runs the built command line as a child process with the heap capped (`--max-old-space-size`), and its
 * peak resident memory in MB (Node's own `resourceUsage().maxRSS`, reported by a preloaded script, so no
 * system tool is needed). A run that hangs is killed after 60 s: the child itself, not a wrapper, so
 * nothing is left running after the test.
 */
export function mgmtfeeCapped(heapMb: number, ...args: string[]): { code: number; stdout: string; stderr: string; peakMb: number | null } {
  const node = [`--max-old-space-size=${heapMb}`, "--require", PEAK_REPORTER, path.join(ROOT, "lib", "cli", "main.js"), ...args];
  const r = spawnSync(process.execPath, node, { encoding: "utf8", timeout: 60000, killSignal: "SIGKILL" });
  const m = /__PEAK_KB=(\d+)\s*$/.exec(r.stderr ?? "");
  const stderr = (r.stderr ?? "").replace(/__PEAK_KB=\d+\s*$/, "");
  return { code: r.status ?? -1, stdout: r.stdout ?? "", stderr, peakMb: m ? Number(m[1]) / 1024 : null };
}
