import { promises as fsp, statSync } from "fs";

/**
 * The command line's input file read early: started before the rest of the command line's modules
 * load (about 50 ms of the start-up), so that reading the file (15-20 ms for 13 MB) overlaps loading
 * them instead of following it. `readInput` takes the bytes if they were read for the same path;
 * a failed early read is reported there exactly as a read at that time would be (the same error,
 * at the same point: after the arguments are checked). Only a regular file is read early (never a
 * pipe or a device, which a read would consume), and only one of a size worth reading whole.
 */
const early = new Map<string, Promise<Buffer>>();

/** Most bytes read before they are asked for (a larger file is read when it is asked for, as before). */
const EARLY_LIMIT = 512 << 20;

/** Starts reading `file` (a regular file) now, for `takePrefetched`. */
export function prefetchInput(file: string): void {
  try {
    const st = statSync(file);
    if (!st.isFile() || st.size > EARLY_LIMIT) return;
  } catch {
    return; // missing or unreadable: reported when it is read
  }
  const read = fsp.readFile(file);
  read.catch(() => undefined); // handled where it is taken; never an unhandled rejection if it is not
  early.set(file, read);
}

/** The early read of `file`, once (later reads read the file again), or undefined. */
export function takePrefetched(file: string): Promise<Buffer> | undefined {
  const read = early.get(file);
  early.delete(file);
  return read;
}

/**
 * The file a command line `COMMAND FILE ...` reads first, as parseArgs (src/cli/args.ts) finds it: the
 * first argument after the command that is not `--name`, `--name=value` or the value after a `--name`
 * that takes one (all but the `flags`); undefined when there is none.
 */
export function inputOf(argv: readonly string[], flags: readonly string[]): string | undefined {
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith("--")) return a;
    if (!a.includes("=") && !flags.includes(a.slice(2))) i++;
  }
  return undefined;
}
