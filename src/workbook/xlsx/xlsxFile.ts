import { promises as fsp } from "fs";
import path from "path";
import zlib from "zlib";
import { WorkbookError } from "../cells";
import { FileBackend } from "./fileBackend";
import { workerTailScanner } from "./workerTail";
import { LIMITS, RawDeflater, RawInflater, crc32 } from "./zip";
import { takePrefetched } from "./inputPrefetch";

/**
 * Node's zlib as the package's inflater: native, several times faster than the pure-JavaScript one the
 * browser uses. zlib stops the moment the output would pass `maxOutputLength`, so the part's size and
 * inflate ratio are checked while inflating: the cap is the smaller of the part limit and the ratio
 * limit times the compressed size. zlib's output buffer is sized from the size the zip directory
 * declares (never more than 32 times the compressed size), so a 76 MB sheet inflates into one buffer
 * instead of pieces joined into a second copy, and is handed over in one piece (the worksheet
 * reader's fast path reads it in place; the XML parser decodes it 1 MB at a time).
 */
export const zlibInflater: RawInflater = (data, limit, sink, declared) => {
  const cap = Math.min(LIMITS.partBytes, Math.max(LIMITS.ratioFloor, LIMITS.ratio * data.length)) + 1;
  const chunkSize = Math.max(64 * 1024, Math.min(cap, (declared ?? 0) + 1, 32 * data.length + 64 * 1024));
  let out: Buffer;
  try {
    out = zlib.inflateRawSync(data, { maxOutputLength: cap, chunkSize } as zlib.ZlibOptions);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ERR_BUFFER_TOO_LARGE" || e instanceof RangeError) limit(cap, data.length);
    throw e;
  }
  limit(out.length, data.length);
  // One piece: the worksheet reader's fast path reads it as it is; the XML parser decodes it 1 MB at a time.
  sink(out);
};

const { Z_SYNC_FLUSH, Z_FINISH } = zlib.constants;
/**
 * The deflate level of the parts Node writes (the command line). Measured on the 2,000-portfolio month's
 * 29.9 MB Accruals sheet in 1 MB pieces (docs/xlsx-layer.md, "The writer at level 2"): level 1 150-190 ms
 * of CPU, 4.65 MB; level 2 170-200 ms, 4.20 MB; level 4 (before) 225-295 ms, 3.94 MB. Level 2 (zlib's
 * fast matcher with longer chains) costs about as little as level 1 for half its extra bytes; it is as
 * deterministic as any level (the same input gives the same bytes). fflate (the browser) keeps
 * DEFLATE_LEVEL (zip.ts).
 */
export const ZLIB_LEVEL = 2;
/** zlib's output buffer for a piece deflated on the thread pool: a 1 MB piece of sheet XML deflates to about 140 KB at level 2, so one buffer (one job on the pool) holds it; a larger result takes more rounds, the same bytes. */
const PIECE_OUT = 256 * 1024;
/** zlib.crc32 (Node 20.15 and later; native, ten times the JavaScript loop), else the JavaScript one. */
const zlibCrc32 = (zlib as unknown as { crc32?: (data: Uint8Array, prev: number) => number }).crc32;

/**
 * Node's zlib for new parts, native. A part pushed in pieces is deflated piece by piece, each piece
 * ending in a sync flush (byte-aligned, not final) and the last one finishing the stream: raw-deflate
 * pieces joined this way are one valid deflate stream (as pigz makes them). Each piece starts without
 * the previous one's window; at 1 MB pieces that costs under 0.1% of the size (docs/xlsx-layer.md).
 */
export const zlibDeflater: RawDeflater = {
  stream(sink) {
    return {
      push(data, final) {
        if (data.length || final) sink(zlib.deflateRawSync(data, { level: ZLIB_LEVEL, finishFlush: final ? Z_FINISH : Z_SYNC_FLUSH }));
      },
    };
  },
  crc32: zlibCrc32 ?? crc32,
  /**
   * The same deflate of one piece on libuv's thread pool (the machine's other core), so the sheet
   * writer encodes the next piece meanwhile. The output buffer holds the whole compressed piece (one
   * job on the pool, not one per 16 KB: see PIECE_OUT); it is copied out so only its own bytes are kept.
   */
  /** The same deflate of a piece (not the last) on this thread, when the pool is behind (partWriter): the same options, so the same bytes. */
  pieceHere(data) {
    return Uint8Array.prototype.slice.call(zlib.deflateRawSync(data, { level: ZLIB_LEVEL, finishFlush: Z_SYNC_FLUSH, chunkSize: PIECE_OUT } as zlib.ZlibOptions));
  },
  piece(data, final) {
    return new Promise((resolve, reject) => {
      const opts = { level: ZLIB_LEVEL, finishFlush: final ? Z_FINISH : Z_SYNC_FLUSH, chunkSize: PIECE_OUT };
      zlib.deflateRaw(data, opts, (err, out) => (err ? reject(err) : resolve(out.length ? Uint8Array.prototype.slice.call(out) : out)));
    });
  },
};

/**
 * Opens an .xlsx file from disk as a workbook backend; a missing or unreadable file is a WorkbookError naming it.
 * A large sheet is read on two threads (workerTail.ts) only when `MGMTFEE_READ_WORKER=1` is set: on the
 * 2-core machines measured so far it made the 2,000-portfolio run slower, idle or loaded (docs/xlsx-layer.md).
 */
export async function openFileBackend(file: string): Promise<FileBackend> {
  const tail = process.env.MGMTFEE_READ_WORKER === "1" ? workerTailScanner() : null;
  return FileBackend.open(await readInput(file), path.basename(file), zlibInflater, zlibDeflater, tail);
}

/** A file's bytes (read early if the command line started it: inputPrefetch.ts); a missing or unreadable file is a WorkbookError naming it. */
export async function readInput(file: string): Promise<Buffer> {
  try {
    return await (takePrefetched(file) ?? fsp.readFile(file));
  } catch (e) {
    throw new WorkbookError({ file: path.basename(file) }, `cannot read the file (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
  }
}
