import { promises as fsp } from "fs";
import path from "path";
import zlib from "zlib";
import { WorkbookError } from "../cells";
import { FileBackend } from "./fileBackend";
import { RawInflater, fflateInflater } from "./zip";

/**
 * Node's zlib as the package's inflater: native, several times faster than
 * the pure-JavaScript one the browser uses. It is fed 64 KB slices of input
 * through the engine that `zlib.inflateRawSync` itself uses, so the size and
 * ratio limits are checked while inflating: a zip bomb is stopped after its
 * first slices, never inflated whole.
 */
export const zlibInflater: RawInflater = (data, limit, sink) => {
  const engine = zlib.createInflateRaw({ chunkSize: 256 * 1024 }) as unknown as { _processChunk?: (b: Uint8Array, flush: number) => Buffer; close(): void };
  if (typeof engine._processChunk !== "function") return fflateInflater(data, limit, sink);
  const SLICE = 64 * 1024;
  let total = 0;
  try {
    for (let i = 0; i < data.length || i === 0; i += SLICE) {
      const end = Math.min(data.length, i + SLICE);
      const out = engine._processChunk(data.subarray(i, end), end >= data.length ? zlib.constants.Z_FINISH : zlib.constants.Z_SYNC_FLUSH);
      total += out.length;
      limit(total, end);
      if (out.length) sink(out);
      if (end >= data.length) break;
    }
  } finally {
    engine.close();
  }
};

/** Opens an .xlsx file from disk as a workbook backend; a missing or unreadable file is a WorkbookError naming it. */
export async function openFileBackend(file: string): Promise<FileBackend> {
  return FileBackend.open(await readInput(file), path.basename(file), zlibInflater);
}

/** A file's bytes; a missing or unreadable file is a WorkbookError naming it. */
export async function readInput(file: string): Promise<Buffer> {
  try {
    return await fsp.readFile(file);
  } catch (e) {
    throw new WorkbookError({ file: path.basename(file) }, `cannot read the file (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
  }
}
