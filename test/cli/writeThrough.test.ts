// The output's temporary file is opened write-through (O_DSYNC, src/cli/outFile.ts): its bytes reach the
// disk inside the write, on the thread pool, while the command line formats its report, so the fsync
// after has nothing left to wait for. Read from Linux's /proc (the file's open flags), else skipped.
import { constants, existsSync, readFileSync, readdirSync, readlinkSync } from "fs";
import path from "path";
import { writeFileAtomic } from "../../src/cli/outFile";
import { tmp } from "./helpers";

const linux = existsSync("/proc/self/fdinfo") && constants.O_DSYNC !== undefined;
if (!linux) process.stderr.write("SKIPPED: the write-through output file test: no /proc/self/fdinfo or O_DSYNC here\n");

(linux ? it : it.skip)("the temporary output file is open with O_DSYNC while it is written, and the file comes out whole", async () => {
  const dir = tmp();
  const out = path.join(dir, "out.xlsx");
  const pieces = Array.from({ length: 8 }, (_, k) => new Uint8Array(10_000).fill(k + 1));
  const flags = await writeFileAtomic(out, pieces, () => {
    const fd = readdirSync("/proc/self/fd").find((n) => {
      try {
        return readlinkSync(`/proc/self/fd/${n}`).startsWith(path.join(dir, ".out.xlsx."));
      } catch {
        return false;
      }
    });
    expect(fd).toBeDefined();
    return parseInt(/^flags:\s+([0-7]+)/m.exec(readFileSync(`/proc/self/fdinfo/${fd}`, "utf8"))![1], 8);
  });
  expect(flags & constants.O_DSYNC).toBe(constants.O_DSYNC);
  expect(flags & 3).toBe(constants.O_WRONLY);
  expect(readFileSync(out).equals(Buffer.concat(pieces))).toBe(true);
  expect(readdirSync(dir)).toEqual(["out.xlsx"]);
});
