// The command line starts reading its input file before its modules load; what is read must be what a
// read at the usual time gives, and errors must come out where and as they did.
import { execFileSync } from "child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "fs";
import os from "os";
import path from "path";
import { parseArgs } from "../../src/cli/args";
import { inputOf, prefetchInput, takePrefetched } from "../../src/workbook/xlsx/inputPrefetch";
import { readInput } from "../../src/workbook/xlsx/xlsxFile";

const dir = path.join(os.tmpdir(), `prefetch-${process.pid}`);
beforeAll(() => mkdirSync(dir, { recursive: true }));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("the input file read early", () => {
  it("is the file's bytes, taken once: a later read reads the file again", async () => {
    const f = path.join(dir, "book.xlsx");
    writeFileSync(f, "first");
    prefetchInput(f);
    writeFileSync(f, "second"); // the early read may or may not see this; both are the file's bytes at some point
    const got = (await readInput(f)).toString();
    expect(["first", "second"]).toContain(got);
    writeFileSync(f, "third");
    expect((await readInput(f)).toString()).toBe("third");
    expect(takePrefetched(f)).toBeUndefined();
  });

  it("a missing file, a folder or a pipe is not read early, and reading it later fails as it always did", async () => {
    const missing = path.join(dir, "missing.xlsx");
    prefetchInput(missing);
    expect(takePrefetched(missing)).toBeUndefined();
    await expect(readInput(missing)).rejects.toThrow("missing.xlsx: cannot read the file (ENOENT)");
    prefetchInput(dir);
    expect(takePrefetched(dir)).toBeUndefined();
    const fifo = path.join(dir, "pipe");
    execFileSync("mkfifo", [fifo]);
    prefetchInput(fifo); // would block on the pipe and consume it if it were read
    expect(takePrefetched(fifo)).toBeUndefined();
  });

  it("an early read that fails is that read's one-line error when the file is asked for, and no unhandled rejection before", async () => {
    // A regular file that cannot be read (EIO): the early read fails while nobody waits for it yet.
    const f = "/proc/self/mem";
    prefetchInput(f);
    const early = takePrefetched(f);
    expect(early).toBeDefined();
    await new Promise((r) => setTimeout(r, 50)); // the early read has failed by now: no unhandled rejection (jest would fail the test)
    prefetchInput(f);
    await expect(readInput(f)).rejects.toThrow("mem: cannot read the file (EIO)");
    await expect(early).rejects.toMatchObject({ code: "EIO" });
  });

  it("finds the file parseArgs finds (first positional), on generated command lines", () => {
    let seed = 17;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const commands: [string, string[], string[]][] = [
      ["reconcile", ["month", "tolerance", "nav-timing", "out", "json"], ["json"]],
      ["accrue", ["portfolio", "from", "to", "rate", "schedule", "basis", "rounding", "nav-timing", "json"], ["json"]],
      ["calendar", ["as-of", "out", "json"], ["json"]],
    ];
    let compared = 0;
    for (let n = 0; n < 3000; n++) {
      const [command, known, flags] = commands[n % 3];
      const argv = [command];
      const count = Math.floor(rnd() * 6);
      for (let k = 0; k < count; k++) {
        const r = rnd();
        const name = known[Math.floor(rnd() * known.length)];
        if (r < 0.3) argv.push(`file${k}.xlsx`);
        else if (r < 0.6) argv.push(`--${name}`, flags.includes(name) ? `file${k}.xlsx` : `v${k}`);
        else if (r < 0.8) argv.push(`--${name}=v${k}`);
        else argv.push(`--${name}`);
      }
      let expected: string | undefined;
      try {
        expected = parseArgs(argv.slice(1), known, flags).positional[0];
      } catch {
        continue; // a usage error: nothing is read, early or not
      }
      compared++;
      expect([argv.join(" "), inputOf(argv, flags)]).toEqual([argv.join(" "), expected]);
    }
    expect(compared).toBeGreaterThan(1000);
  });

  it("a workbook read early is its bytes, whole", () => {
    const bytes = readFileSync(path.join(__dirname, "..", "..", "samples", "month-end-2024-01.xlsx"));
    const f = path.join(dir, "sample.xlsx");
    writeFileSync(f, bytes);
    prefetchInput(f);
    return readInput(f).then((b) => expect(b.equals(bytes)).toBe(true));
  });
});
