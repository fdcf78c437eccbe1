// The input file read early (src/workbook/xlsx/inputPrefetch.ts `readWhole`, started by src/cli/early.ts):
// one read of the size stat gave, and the file's bytes whatever happened to it since (grown, shrunk:
// read again whole); the shipped command line starts it before it compiles its bundle, and reads the
// file once (the bundle takes the loader's read: early.js and inputPrefetch.js are shared, not bundled).
import { spawnSync } from "child_process";
import { appendFileSync, existsSync, readFileSync, truncateSync, writeFileSync } from "fs";
import path from "path";
import { readWhole } from "../../src/workbook/xlsx/inputPrefetch";
import { ROOT, SAMPLE, tmp } from "./helpers";

describe("readWhole", () => {
  it("gives the file's bytes, also when the file grew or shrank after its size was taken", async () => {
    const dir = tmp();
    const f = path.join(dir, "book.xlsx");
    const bytes = Buffer.from(Array.from({ length: 300_000 }, (_, i) => (i * 7919) % 251));
    writeFileSync(f, bytes);
    expect(Buffer.compare((await readWhole(f, bytes.length))!, bytes)).toBe(0);
    // The size taken before the file changed: the bytes are the file's as it now is, not `size` of them.
    appendFileSync(f, "grown");
    const grown = readFileSync(f);
    expect(Buffer.compare((await readWhole(f, bytes.length))!, grown)).toBe(0);
    truncateSync(f, 1000);
    expect(Buffer.compare((await readWhole(f, grown.length))!, grown.subarray(0, 1000))).toBe(0);
    writeFileSync(f, "");
    expect((await readWhole(f, 0))!.length).toBe(0);
    expect(readWhole(path.join(dir, "missing.xlsx"), 10)).toBeNull();
  });
});

const LOADER = path.join(ROOT, "lib", "cli", "main.js");
const built = existsSync(path.join(ROOT, "lib", "cli", "mgmtfee.js"));
if (!built && process.env.CI === "true") throw new Error("lib/cli/mgmtfee.js is missing, and CI=true: run `npm run build` before jest");
if (!built) process.stderr.write("SKIPPED: the early read of the bundled command line: lib/cli is not built (npm run build:cli)\n");

describe("the shipped command line", () => {
  (built ? it : it.skip)("reads its input once, started before it compiles the bundle", () => {
    // A preload that notes the reads of the input and the compiling of scripts, in order.
    const probe = path.join(tmp(), "probe.js");
    writeFileSync(
      probe,
      `const fs = require("fs"), vm = require("vm"); const seen = [];
       const readFile = fs.promises.readFile; fs.promises.readFile = function (f, ...a) { seen.push("readFile " + f); return readFile.call(this, f, ...a); };
       const open = fs.openSync; fs.openSync = function (f, ...a) { if (f === ${JSON.stringify(SAMPLE)}) seen.push("open " + f); return open.call(this, f, ...a); };
       const Script = vm.Script; vm.Script = class extends Script { constructor(...a) { seen.push("compile"); super(...a); } };
       process.on("exit", () => fs.writeSync(2, "SEEN " + JSON.stringify(seen) + "\\n"));`,
    );
    const r = spawnSync(process.execPath, ["-r", probe, LOADER, "reconcile", SAMPLE, "--month", "2024-01", "--json"], { encoding: "utf8" });
    expect(r.status).toBe(1);
    expect(JSON.parse(r.stdout).rows.length).toBeGreaterThan(0);
    const seen = JSON.parse(/SEEN (.*)/.exec(r.stderr)![1]) as string[];
    expect(seen).toEqual([`open ${SAMPLE}`, "compile"]);
  });
});
