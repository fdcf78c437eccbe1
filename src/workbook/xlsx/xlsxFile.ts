import { promises as fsp } from "fs";
import path from "path";
import zlib from "zlib";
import { WorkbookError } from "../cells";
import { FileBackend } from "./fileBackend";
import { workerTailScanner } from "./workerTail";
import { RawDeflater, RawInflater, crc32, inflateCap } from "./zip";
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
  const cap = inflateCap(data.length);
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

/**
 * The pieces a part is inflated in off the main thread: each piece is one job on libuv's thread pool
 * and one turn of the main thread's event loop to take it (and start the next job), so at most one piece
 * is inflated per turn, and a turn lasts as long as the reader's step (1 MB of scanning, about 5 ms).
 * At 1 MB pieces (about 3 ms of inflating each) the inflater only kept pace with the reader, which waited
 * for it 20 times; at 4 MB it runs ahead after the first piece (about 12 ms): docs/xlsx-layer.md,
 * "Inflating while reading".
 */
export const PROGRESSIVE_CHUNK = 4 * 1024 * 1024;

/**
 * The same inflating on libuv's thread pool (the machine's other core), in pieces of `chunkSize` bytes
 * handed to `sink` as they come, while the main thread reads the pieces already there. The size and
 * inflate ratio are checked on the running total, so a zip bomb stops at the same cap as above, and
 * zlib is stopped there. Any failure rejects (the caller then inflates the part again synchronously,
 * which gives today's exact error: `InflatingPart.whole`).
 */
zlibInflater.progressive = (data, limit, sink, options = {}) =>
  new Promise<void>((resolve, reject) => {
    const cap = inflateCap(data.length);
    const chunkSize = Math.max(64, options.chunkSize ?? PROGRESSIVE_CHUNK);
    const z = zlib.createInflateRaw({ chunkSize });
    const release = options.room ? inflateInPlace(z, chunkSize, options.room) : ignore;
    let total = 0;
    let failed = false;
    // Once the part is inflated or has failed, the stream (let go of some time later: its handle closes
    // after) keeps nothing of the part's: its listeners (whose closures hold the sink) and the rooms go.
    const letGo = () => {
      release();
      z.removeAllListeners();
      z.on("error", ignore);
    };
    const fail = (e: unknown) => {
      if (failed) return;
      failed = true;
      z.destroy();
      letGo();
      reject(e);
    };
    z.on("data", (c: Buffer) => {
      if (failed) return;
      total += c.length;
      try {
        // As inflateRawSync's maxOutputLength: past the cap, the error is the cap's.
        if (total >= cap) limit(cap, data.length);
        sink(c);
      } catch (e) {
        fail(e);
      }
    });
    z.on("error", fail);
    z.on("end", () => {
      if (failed) return;
      try {
        limit(total, data.length);
        letGo();
        resolve();
      } catch (e) {
        fail(e);
      }
    });
    z.end(data);
  });

/**
 * Has a zlib stream write its output in place, into the rooms `room` gives (the part's own buffer),
 * instead of a new buffer for each piece that the reader would then copy (the copy, and the first
 * touch of the part's buffer's pages, were about 60 ms of the main thread for a 75 MB sheet; now the
 * inflating thread touches them). Node's zlib stream keeps the buffer it inflates into in `_outBuffer`
 * (Node 10 to 24): it asks for a new one of `chunkSize` bytes when the last is full; here that is a
 * room of the part's buffer when there is one of that size (never shorter: zlib's native side checks
 * the bounds), else the buffer Node made. The pieces handed on are then views of the part's buffer,
 * which the reader recognises; anything else (another Node, no room) is copied as before.
 */
function inflateInPlace(z: zlib.InflateRaw, chunkSize: number, roomOf: (at: number, n: number) => Uint8Array | null): () => void {
  const internal = z as unknown as { _outBuffer?: unknown; _outOffset?: unknown };
  if (!(internal._outBuffer instanceof Uint8Array) || internal._outOffset !== 0 || internal._outBuffer.length !== chunkSize) return ignore;
  let room: typeof roomOf | null = roomOf;
  // A Buffer over the room (Node slices the pieces out of it with Buffer's `slice`, a view: a plain Uint8Array's copies).
  const inPlace = (at: number): Buffer | null => {
    const r = room?.(at, chunkSize);
    return r && r.length === chunkSize ? Buffer.from(r.buffer, r.byteOffset, r.length) : null;
  };
  let at = 0;
  let current: Uint8Array = inPlace(0) ?? internal._outBuffer;
  Object.defineProperty(z, "_outBuffer", {
    configurable: true,
    enumerable: true,
    get: () => current,
    set(fresh: Uint8Array) {
      // A new buffer: the last one is full (Node replaces it only then).
      at += chunkSize;
      current = (fresh instanceof Uint8Array && fresh.length === chunkSize ? inPlace(at) : null) ?? fresh;
    },
  });
  // Called when the part is inflated or has failed: the stream must not keep the part's buffer.
  return () => {
    current = Buffer.alloc(0);
    room = null;
  };
}

const ignore = (): void => undefined;

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
