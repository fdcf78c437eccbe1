import { spawnSync } from "child_process";
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import { existsSync, readFileSync, writeFileSync } from "fs";
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

/**
 * Runs the built command line as a child process with the heap capped (`--max-old-space-size`), and,
 * where /usr/bin/time is installed, its peak resident memory in MB.
 */
export function mgmtfeeCapped(heapMb: number, ...args: string[]): { code: number; stdout: string; stderr: string; peakMb: number | null } {
  const node = [`--max-old-space-size=${heapMb}`, path.join(ROOT, "lib", "cli", "main.js"), ...args];
  const timed = existsSync("/usr/bin/time");
  const r = timed ? spawnSync("/usr/bin/time", ["-q", "-f", "__PEAK_KB=%M", process.execPath, ...node], { encoding: "utf8", timeout: 60000 }) : spawnSync(process.execPath, node, { encoding: "utf8", timeout: 60000 });
  const m = /__PEAK_KB=(\d+)\s*$/.exec(r.stderr ?? "");
  const stderr = (r.stderr ?? "").replace(/__PEAK_KB=\d+\s*$/, "");
  return { code: r.status ?? -1, stdout: r.stdout ?? "", stderr, peakMb: m ? Number(m[1]) / 1024 : null };
}
