// The command line as it is shipped (lib/cli/main.js: the loader of the bundle lib/cli/mgmtfee.js and its
// V8 code cache lib/cli/mgmtfee.cache, made by `npm run build:cli`; see scripts/build-cli.js) against the
// same modules unbundled (lib/cli/main.unbundled.js, tsc's entry): the same output, exit code and file; a
// code cache made for other bundle bytes, damaged, missing or refused by V8 is not used, and the command
// line still gives the same output; without the bundle the loader runs the unbundled entry.
import { spawnSync } from "child_process";
import { cpSync, existsSync, readFileSync, rmSync, writeFileSync } from "fs";
import path from "path";
import { unzipSync } from "fflate";
import { cacheFile, checkedCache } from "../../src/cli/loader";
import { ROOT, SAMPLE, tmp } from "./helpers";

const LIB = path.join(ROOT, "lib");
const have = ["mgmtfee.js", "mgmtfee.cache", "main.unbundled.js"].every((f) => existsSync(path.join(LIB, "cli", f)));
if (!have && process.env.CI === "true") throw new Error("lib/cli/mgmtfee.js is missing, and CI=true: run `npm run build` before jest");
if (!have) process.stderr.write("SKIPPED: the bundled command line test: lib/cli is not built (npm run build:cli; required under CI=true)\n");
const itBuilt = have ? it : it.skip;

// Children get the flags V8 made the cache under (none), whatever this process was given.
const env = (): NodeJS.ProcessEnv => {
  const e: NodeJS.ProcessEnv = { ...process.env, NODE_PATH: path.join(ROOT, "node_modules") };
  delete e.NODE_OPTIONS;
  return e;
};

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}
function run(entry: string, args: string[], flags: string[] = []): Run {
  const r = spawnSync(process.execPath, [...flags, entry, ...args], { encoding: "utf8", env: env() });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** What the loader in `cliDir` makes of the code cache there (under node `flags`). */
function cacheUse(cliDir: string, flags: string[] = []): string {
  const probe = `process.stdout.write(String(require(${JSON.stringify(path.join(cliDir, "main.js"))}).compileBundle(${JSON.stringify(cliDir)}).cache))`;
  return spawnSync(process.execPath, [...flags, "-e", probe], { encoding: "utf8", env: env() }).stdout;
}

/** A copy of lib/ to tamper with. */
function libCopy(): string {
  const dir = path.join(tmp(), "lib");
  cpSync(LIB, dir, { recursive: true });
  return path.join(dir, "cli");
}

const parts = (file: string) => {
  const all = unzipSync(new Uint8Array(readFileSync(file)));
  return Object.keys(all)
    .sort()
    .map((name) => [name, Buffer.from(all[name]).toString("latin1")]);
};

const RECONCILE = ["reconcile", SAMPLE, "--month", "2024-01", "--json"];
let reference: Run;
beforeAll(() => {
  if (have) reference = run(path.join(LIB, "cli", "main.unbundled.js"), RECONCILE);
});

describe("the bundled command line", () => {
  itBuilt("takes the code cache made by the build", () => {
    expect(cacheUse(path.join(LIB, "cli"))).toBe("used");
  });

  itBuilt("gives the unbundled modules' output, exit codes, errors and output file", () => {
    const dir = tmp();
    expect(reference.code).toBe(1);
    expect(reference.stdout).toContain('"rows"');
    const cases: string[][] = [
      ["--help"],
      ["reconcile", SAMPLE, "--month", "2024-01", "--out", "OUT"],
      ["reconcile", SAMPLE, "--month", "2024-01", "--json", "--out", "OUT"],
      ["calendar", SAMPLE, "--as-of", "2024-01-31", "--json"],
      ["accrue", SAMPLE, "--portfolio", "MetLife Defensive Strategy Portfolio", "--from", "2024-01-01", "--to", "2024-01-31", "--json"],
      ["reconcile", path.join(dir, "missing.xlsx"), "--month", "2024-01"],
      ["reconcile", SAMPLE, "--month", "2024-13"],
      ["reconcile", path.join(ROOT, "README.md"), "--month", "2024-01"],
      ["frobnicate"],
    ];
    for (const args of cases) {
      const outs = ["bundled", "unbundled"].map((name) => path.join(dir, `${name}.xlsx`));
      const bundled = run(path.join(LIB, "cli", "main.js"), args.map((a) => (a === "OUT" ? outs[0] : a)));
      const unbundled = run(path.join(LIB, "cli", "main.unbundled.js"), args.map((a) => (a === "OUT" ? outs[1] : a)));
      expect({ args, ...bundled, stdout: bundled.stdout.split(outs[0]).join("OUT") }).toEqual({ args, ...unbundled, stdout: unbundled.stdout.split(outs[1]).join("OUT") });
      if (args.includes("OUT")) expect(parts(outs[0])).toEqual(parts(outs[1]));
    }
  });

  itBuilt("finds the files the compiled modules find beside them (the read worker's scanWorker.js)", () => {
    const text = readFileSync(path.join(LIB, "cli", "mgmtfee.js"), "utf8");
    const own = [...text.matchAll(/require\("path"\)\.join\(__dirname, "([^"]*)"\)/g)].map((m) => m[1]);
    expect(own).toContain("../workbook/xlsx");
    for (const rel of own) expect(existsSync(path.join(LIB, "cli", rel))).toBe(true);
    // No module reads the bundle's own __dirname (lib/cli) as if it were its own.
    expect(text.match(/\b__dirname\b/g)?.length).toBe(own.length);
    expect(text).toContain('join(require("path").join(__dirname, "../workbook/xlsx"), "scanWorker.js")');
  });

  itBuilt("does not use a cache made for other bundle bytes of the same length", () => {
    const cli = libCopy();
    const bundle = path.join(cli, "mgmtfee.js");
    const text = readFileSync(bundle, "latin1");
    expect(text).toContain("usage:\n  mgmtfee reconcile");
    writeFileSync(bundle, text.replace("usage:\n  mgmtfee reconcile", "USAGE:\n  mgmtfee reconcile"), "latin1");
    expect(cacheUse(cli)).toBe("stale");
    const help = run(path.join(cli, "main.js"), ["--help"]);
    expect(help.stdout.startsWith("USAGE:\n  mgmtfee reconcile")).toBe(true);
    expect(run(path.join(cli, "main.js"), RECONCILE)).toEqual(reference);
  });

  itBuilt("does not use a damaged cache", () => {
    const cli = libCopy();
    const file = path.join(cli, "mgmtfee.cache");
    const good = readFileSync(file);
    const damaged = Buffer.from(good);
    for (let i = damaged.length >> 1; i < (damaged.length >> 1) + 64; i++) damaged[i] ^= 0x5a;
    for (const bad of [damaged, good.subarray(0, good.length - 1000), good.subarray(0, 20), Buffer.from("not a cache")]) {
      writeFileSync(file, bad);
      expect(cacheUse(cli)).toBe("corrupt");
      expect(run(path.join(cli, "main.js"), RECONCILE)).toEqual(reference);
    }
  });

  itBuilt("runs without the cache when there is none or V8 refuses it (other flags)", () => {
    const cli = libCopy();
    expect(cacheUse(cli, ["--max-old-space-size=200"])).toBe("rejected");
    expect(run(path.join(cli, "main.js"), RECONCILE, ["--max-old-space-size=200"])).toEqual(reference);
    rmSync(path.join(cli, "mgmtfee.cache"));
    expect(cacheUse(cli)).toBe("absent");
    expect(run(path.join(cli, "main.js"), RECONCILE)).toEqual(reference);
  });

  itBuilt("runs the unbundled entry when there is no bundle", () => {
    const cli = libCopy();
    rmSync(path.join(cli, "mgmtfee.js"));
    expect(run(path.join(cli, "main.js"), RECONCILE)).toEqual(reference);
    expect(run(path.join(cli, "main.js"), ["reconcile", SAMPLE, "--month", "bad"])).toEqual(run(path.join(LIB, "cli", "main.unbundled.js"), ["reconcile", SAMPLE, "--month", "bad"]));
  });
});

describe("the code cache's header", () => {
  const bundle = Buffer.from("(the bundle)");
  const data = Buffer.from("V8's data for it");
  const file = cacheFile(bundle, data);

  it("gives V8's data back for the bundle it was made for", () => {
    const got = checkedCache(bundle, file);
    expect(got.use).toBe("used");
    expect(Buffer.from(got.data ?? [])).toEqual(data);
  });

  it("refuses it for other bytes of the bundle, and for a damaged or cut file", () => {
    expect(checkedCache(Buffer.from("(the bundlE)"), file).use).toBe("stale");
    expect(checkedCache(Buffer.from("(the bundle) "), file).use).toBe("stale");
    const flipped = Buffer.from(file);
    flipped[flipped.length - 1] ^= 1;
    expect(checkedCache(bundle, flipped).use).toBe("corrupt");
    expect(checkedCache(bundle, file.subarray(0, file.length - 1)).use).toBe("corrupt");
    expect(checkedCache(bundle, Buffer.concat([file, Buffer.from("x")])).use).toBe("corrupt");
    const magic = Buffer.from(file);
    magic[0] ^= 1;
    expect(checkedCache(bundle, magic).use).toBe("corrupt");
    expect(checkedCache(bundle, undefined).use).toBe("absent");
  });
});
