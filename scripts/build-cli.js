#!/usr/bin/env node
// The second half of `npm run build:cli`, after `tsc -p tsconfig.cli.json` has compiled the command line into
// lib/ (docs/xlsx-layer.md, "Start-up: one bundled file and a V8 code cache"):
//   1. tsc's lib/cli/main.js (the entry) is kept as lib/cli/main.unbundled.js;
//   2. esbuild bundles it and every module it needs (decimal.js, fflate and saxes too) into lib/cli/mgmtfee.js;
//   3. lib/cli/main.js becomes the loader (tsc's lib/cli/loader.js, from src/cli/loader.ts);
//   4. a child node runs the bundle on the sample book (reconcile, --out, with and without --json) and keeps
//      V8's code cache of it in lib/cli/mgmtfee.cache, headed by the bundle's CRC-32 and length.
// The rest of lib/ stays as tsc wrote it (lib/workbook/xlsx/scanWorker.js is loaded by path; early.js and
// inputPrefetch.js are shared by the loader and the bundle).
// Offline: esbuild is a local dev dependency; the training book is in the repository.
const fs = require("fs");
const os = require("os");
const path = require("path");
const { spawnSync } = require("child_process");
const { createRequire } = require("module");

const ROOT = path.join(__dirname, "..");
const CLI = path.join(ROOT, "lib", "cli");
const SAMPLE = path.join(ROOT, "samples", "month-end-2024-01.xlsx");

/**
 * In the bundle every module shares the bundle's __dirname (lib/cli); a compiled module elsewhere in lib/
 * that uses __dirname or __filename (workerTail.js finds scanWorker.js beside it) gets its own back.
 */
const ownDirname = {
  name: "own-dirname",
  setup(build) {
    build.onLoad({ filter: /\.js$/ }, (args) => {
      const rel = path.relative(CLI, path.dirname(args.path)).split(path.sep).join("/");
      if (rel === "" || args.path.includes(`${path.sep}node_modules${path.sep}`)) return undefined;
      const text = fs.readFileSync(args.path, "utf8");
      if (!/\b__(dirname|filename)\b/.test(text)) return undefined;
      const base = path.basename(args.path);
      // One pass, so that the __dirname put in is not replaced again.
      const contents = text.replace(/\b__(dirname|filename)\b/g, (_, which) => `require("path").join(__dirname, ${JSON.stringify(which === "dirname" ? rel : `${rel}/${base}`)})`);
      return { contents, loader: "js" };
    });
  },
};

/**
 * Modules the loader and the bundle share (one instance each, in lib/ as tsc wrote them): the loader
 * starts reading the input file (early.js) before it compiles the bundle, and the bundle's reader takes
 * that read from the same inputPrefetch.js.
 */
const SHARED = ["cli/early.js", "workbook/xlsx/inputPrefetch.js"].map((f) => path.join(ROOT, "lib", f));
const shared = {
  name: "shared-with-the-loader",
  setup(build) {
    build.onResolve({ filter: /^\.\.?\// }, (args) => {
      const file = path.resolve(args.resolveDir, args.path).replace(/(\.js)?$/, ".js");
      if (!SHARED.includes(file)) return undefined;
      return { path: `./${path.relative(CLI, file).split(path.sep).join("/")}`.replace(/^\.\/\.\.\//, "../"), external: true };
    });
  },
};

async function bundle() {
  const { BUNDLE, CACHE, UNBUNDLED } = require(path.join(CLI, "loader.js"));
  const entry = path.join(CLI, "main.js");
  const loader = path.join(CLI, "loader.js");
  const unbundled = path.join(CLI, UNBUNDLED);
  // tsc has just written the entry; if main.js is already the loader (this step run twice), the entry is kept.
  if (!fs.readFileSync(entry).equals(fs.readFileSync(loader))) fs.renameSync(entry, unbundled);
  fs.rmSync(path.join(CLI, CACHE), { force: true });
  const esbuild = require("esbuild");
  const result = await esbuild.build({
    entryPoints: [unbundled],
    bundle: true,
    platform: "node",
    target: "node20",
    format: "cjs",
    write: false,
    outfile: path.join(CLI, BUNDLE),
    plugins: [shared, ownDirname],
    logLevel: "warning",
  });
  // The loader wraps the bundle in a function: no #! line inside it.
  const text = result.outputFiles[0].text.replace(/^#![^\n]*\n/, "");
  fs.writeFileSync(path.join(CLI, BUNDLE), text);
  fs.copyFileSync(loader, entry);
  fs.chmodSync(entry, 0o755);
  const env = { ...process.env };
  delete env.NODE_OPTIONS; // V8 refuses a cache made under other flags
  const train = spawnSync(process.execPath, [__filename, "--train"], { stdio: ["ignore", "ignore", "inherit"], env });
  if (train.status !== 0) process.stderr.write("build-cli: no code cache made (the command line works without it, only starts slower)\n");
}

/** Runs the bundle on the sample book, in this process, and keeps V8's code cache of what ran. */
async function train() {
  const { compileBundle, cacheFile, BUNDLE, CACHE } = require(path.join(CLI, "loader.js"));
  const compiled = compileBundle(CLI, false);
  const cli = { exports: {} };
  compiled.run(cli, createRequire(path.join(CLI, "main.js"))); // as the loader runs it: requires from lib/cli
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "mgmtfee-cache-"));
  try {
    process.stdout.write = () => true;
    for (const json of [["--json"], []]) {
      const code = await cli.exports.main(["reconcile", SAMPLE, "--month", "2024-01", "--out", path.join(tmp, "out.xlsx"), ...json]);
      if (code !== 0 && code !== 1) throw new Error(`the sample reconcile ended with exit code ${code}`);
    }
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  fs.writeFileSync(path.join(CLI, CACHE), cacheFile(fs.readFileSync(path.join(CLI, BUNDLE)), compiled.script.createCachedData()));
}

(process.argv[2] === "--train" ? train() : bundle()).catch((e) => {
  process.stderr.write(`build-cli: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exitCode = 1;
});
