#!/usr/bin/env node
// The command line's start-up (built into lib/cli/main.js by scripts/build-cli.js; see docs/xlsx-layer.md,
// "Start-up: one bundled file and a V8 code cache"). The command line's ~70 compiled modules are bundled
// into one file (BUNDLE, next to this one), which is compiled with V8's code cache (CACHE): the bytecode
// of the functions a reconcile runs, made at build time, so that start-up neither reads and resolves
// seventy files nor parses and compiles them again. The cache is taken only when it was made for exactly
// these bundle bytes (its own header says which, checked here) and V8 accepts it (V8 checks its version
// and flags); otherwise the bundle is compiled from its source as any script is: slower, same result.
// First, before anything else loads: the input file starts being read (the bundle shares early.ts and
// inputPrefetch.ts with this file: they stay outside it, so the read it takes is this one).
import { readInputEarly } from "./early";
if (require.main === module) readInputEarly(process.argv.slice(2));
import fs from "fs";
import path from "path";
import vm from "vm";
import zlib from "zlib";

/** The bundled command line, its code cache, and the unbundled entry (tsc's main.js, kept beside them). */
export const BUNDLE = "mgmtfee.js";
export const CACHE = "mgmtfee.cache";
export const UNBUNDLED = "main.unbundled.js";

/** What became of the code cache: used, none there, made for other bundle bytes, damaged, or refused by V8. */
export type CacheUse = "used" | "absent" | "stale" | "corrupt" | "rejected";

/**
 * The cache file: MAGIC, then four unsigned 32-bit little-endian words (the CRC-32 and byte length of
 * the bundle it was made for, the CRC-32 and byte length of V8's data), then V8's data.
 */
const MAGIC = Buffer.from("mgmtfee-v8cache1", "latin1");
const HEADER = MAGIC.length + 16;

const crc32 = (zlib as unknown as { crc32?: (data: Uint8Array) => number }).crc32;

/** The cache file holding V8's `data` for the bundle `bundle` (its bytes). */
export function cacheFile(bundle: Uint8Array, data: Uint8Array): Buffer {
  if (!crc32) throw new Error("this Node has no zlib.crc32 (Node 20.15 or later has): no code cache");
  const head = Buffer.alloc(HEADER);
  MAGIC.copy(head, 0);
  head.writeUInt32LE(crc32(bundle) >>> 0, MAGIC.length);
  head.writeUInt32LE(bundle.length, MAGIC.length + 4);
  head.writeUInt32LE(crc32(data) >>> 0, MAGIC.length + 8);
  head.writeUInt32LE(data.length, MAGIC.length + 12);
  return Buffer.concat([head, data]);
}

/** V8's data in the cache file `file` if it was made for the bundle `bundle` and is whole; else why not. */
export function checkedCache(bundle: Uint8Array, file: Buffer | undefined): { data?: Buffer; use: CacheUse } {
  if (file === undefined || !crc32) return { use: "absent" };
  if (file.length < HEADER || !file.subarray(0, MAGIC.length).equals(MAGIC)) return { use: "corrupt" };
  if (file.readUInt32LE(MAGIC.length + 4) !== bundle.length || file.readUInt32LE(MAGIC.length) !== crc32(bundle) >>> 0) return { use: "stale" };
  const data = file.subarray(HEADER);
  if (file.readUInt32LE(MAGIC.length + 12) !== data.length || file.readUInt32LE(MAGIC.length + 8) !== crc32(data) >>> 0) return { use: "corrupt" };
  return { data, use: "used" };
}

/** The bundle compiled: `run(module, require)` evaluates it as the CommonJS module `module` (its exports there). */
export interface Compiled {
  script: vm.Script;
  cache: CacheUse;
  run(module: { exports: unknown }, require: NodeJS.Require): void;
}

/** The bundle in `dir` compiled (with its code cache when that is good), or null when there is no bundle. */
export function compileBundle(dir: string, useCache = true): Compiled | null {
  const file = path.join(dir, BUNDLE);
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch {
    return null;
  }
  let stored: Buffer | undefined;
  if (useCache) {
    try {
      stored = fs.readFileSync(path.join(dir, CACHE));
    } catch {
      stored = undefined;
    }
  }
  const { data, use } = checkedCache(bytes, stored);
  // Node's own CommonJS wrapper, so the bundle runs exactly as a required file would.
  const source = `(function (exports, require, module, __filename, __dirname) { ${bytes.toString("utf8")}\n})`;
  const script = new vm.Script(source, { filename: file, cachedData: data });
  const cache: CacheUse = data && script.cachedDataRejected ? "rejected" : use;
  return {
    script,
    cache,
    run(module, require) {
      const wrapper = script.runInThisContext() as (...args: unknown[]) => void;
      wrapper.call(module.exports, module.exports, require, module, file, dir);
    },
  };
}

/**
 * Runs the command line from `dir` as the module `module` (this file's, so the bundle's `require.main ===
 * module` holds when this file is the program): the bundle when it is there, else the unbundled entry.
 */
export function start(dir: string, module: NodeJS.Module, require: NodeJS.Require): CacheUse | "unbundled" {
  const compiled = compileBundle(dir);
  if (compiled) {
    compiled.run(module, require);
    return compiled.cache;
  }
  const cli = require(path.join(dir, UNBUNDLED)) as { main(argv: string[]): Promise<number> };
  module.exports = cli;
  if (require.main === module) {
    void cli.main(process.argv.slice(2)).then((code) => {
      process.exitCode = code;
    });
  }
  return "unbundled";
}

if (require.main === module) start(__dirname, module, require);
