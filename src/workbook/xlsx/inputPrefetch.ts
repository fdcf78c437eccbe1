import { closeSync, openSync, promises as fsp, read, statSync } from "fs";

/**
 * The command line's input file read early: started before the rest of the command line's modules
 * load (about 50 ms of the start-up), so that reading the file (15-20 ms for 13 MB) overlaps loading
 * them instead of following it (in one read on the thread pool: `readWhole`). `readInput` takes the
 * bytes if they were read for the same path; a failed early read is reported there exactly as a read
 * at that time would be (the same error, at the same point: after the arguments are checked). Only a
 * regular file is read early (never a pipe or a device, which a read would consume), and only one of a
 * size worth reading whole.
 */
const early = new Map<string, Promise<Buffer>>();

/** Most bytes read before they are asked for (a larger file is read when it is asked for, as before). */
const EARLY_LIMIT = 512 << 20;

/** Starts reading `file` (a regular file) now, for `takePrefetched`. */
export function prefetchInput(file: string): void {
  let size: number;
  try {
    const st = statSync(file);
    if (!st.isFile() || st.size > EARLY_LIMIT) return;
    size = st.size;
  } catch {
    return; // missing or unreadable: reported when it is read
  }
  const bytes = readWhole(file, size);
  if (!bytes) return;
  bytes.catch(() => undefined); // handled where it is taken; never an unhandled rejection if it is not
  early.set(file, bytes);
}

/**
 * The bytes of `file`, `size` of them as its stat said, read by ONE read on the thread pool (then one
 * byte more to see the end): `fsp.readFile` reads in 512 KB pieces, each started from this thread, so
 * while this thread compiles and loads the command line (synchronous work) the read stood still after
 * its first piece and the reader then waited 10-25 ms for the rest. The file is opened here, at once
 * (null when it cannot be: the read when it is asked for reports that as before); a file that is not
 * `size` bytes long by the time it is read is read again whole with `fsp.readFile`, as it was before.
 */
export function readWhole(file: string, size: number): Promise<Buffer> | null {
  let fd: number;
  try {
    fd = openSync(file, "r");
  } catch {
    return null;
  }
  const bytes = Buffer.allocUnsafeSlow(size);
  return new Promise<Buffer>((resolve, reject) => {
    read(fd, bytes, 0, size, 0, (error, got) => {
      if (error) {
        closeSync(fd);
        reject(error);
        return;
      }
      read(fd, Buffer.alloc(1), 0, 1, got, (error2, more) => {
        closeSync(fd);
        if (error2) reject(error2);
        else if (got === size && more === 0) resolve(bytes);
        else resolve(fsp.readFile(file));
      });
    });
  });
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
