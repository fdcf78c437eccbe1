import type * as FflateCodec from "./fflateCodec";

let fflateCodec: typeof FflateCodec | null = null;

/**
 * fflate, loaded when first used: the command line inflates and deflates with Node's zlib and never needs it
 * (loading it, with the worker_threads module its Node build requires, was about 16 ms of CPU of every start).
 */
function fflate(): typeof FflateCodec {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (fflateCodec ??= require("./fflateCodec") as typeof FflateCodec);
}

/**
 * The zip container of an .xlsx package, read and written by hand over a
 * raw-deflate inflater: the central directory is read once, each part is
 * inflated on demand in chunks with its size and inflate ratio checked while
 * inflating (a zip bomb stops at the limit, it is never inflated whole), and
 * writing copies untouched parts' compressed bytes as they were.
 */

/** Excel-like limits on one part: its inflated size, and how much larger than its compressed size it may grow. */
export const LIMITS = {
  /** Inflated bytes of one part. 96 MB of sheet XML holds 566,000 net-asset rows; this leaves 10x headroom. */
  partBytes: 1024 * 1024 * 1024,
  /** Inflated / compressed. Real sheet XML is 5-20x; 100x is what Apache POI allows. */
  ratio: 100,
  /** Below this many inflated bytes the ratio is not checked (tiny parts compress very well). */
  ratioFloor: 1024 * 1024,
  /** Entries in the archive. */
  entries: 65535,
};

/** Something wrong with the container; the package layer turns it into a message naming the file. */
export class ZipError extends Error {
  constructor(
    message: string,
    readonly part?: string,
  ) {
    super(message);
    this.name = "ZipError";
  }
}

export interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  crc: number;
  compressedSize: number;
  size: number;
  localOffset: number;
  /** DOS time and date as stored, kept when the entry is copied. */
  time: number;
  date: number;
}

/**
 * Inflates raw-deflate data chunk by chunk, handing each piece to `sink`. `limit` is checked
 * on the running total, so inflation stops as soon as a part grows past it. `declared` is the size
 * the zip directory gives: a hint for buffer sizes only, never trusted as a limit.
 */
export interface RawInflater {
  (data: Uint8Array, limit: (inflated: number, consumed: number) => void, sink: (chunk: Uint8Array) => void, declared?: number): void;
  /**
   * Where there is another thread to inflate on (Node's zlib on its thread pool): the same inflating
   * off the calling thread, pieces of about `chunkSize` bytes handed to `sink` as they come (between
   * them the calling thread runs, e.g. reading the part's first bytes). `limit` is checked on the
   * running total as for the synchronous one; the promise settles when the part is inflated or failed.
   */
  progressive?(data: Uint8Array, limit: (inflated: number, consumed: number) => void, sink: (chunk: Uint8Array) => void, options?: ProgressiveOptions): Promise<void>;
}

export interface ProgressiveOptions {
  /** The size the zip directory declares (a hint only). */
  declared?: number;
  /** About how many bytes each piece holds. */
  chunkSize?: number;
  /**
   * Where the inflater may write the next `n` bytes of the part in place (the part's own buffer, so
   * a piece handed to `sink` is already there and not copied), or null: write them elsewhere.
   * Asked for each piece's room before that piece is written; the rooms follow one another.
   */
  room?(at: number, n: number): Uint8Array | null;
}

/**
 * A part being inflated on another thread (`ZipReader.inflating`): its bytes so far are
 * `bytes[0, filled)`, one buffer sized from the size the zip directory declares (bounded as `bytesOf`
 * bounds it). A part that outgrows that claim (a false one, or a zip bomb) is not grown into a second
 * buffer: the inflating stops there and `whole` reads the part as `bytesOf` does.
 */
export interface InflatingPart {
  readonly bytes: Uint8Array;
  readonly filled: number;
  /** The inflater has stopped (`whole` settles at once). */
  readonly ended: boolean;
  /** Resolves when more bytes have come or the inflater has stopped; never rejects. */
  next(): Promise<void>;
  /**
   * The whole part. On any failure of the inflating off the thread the part is inflated again by
   * `bytesOf` (the synchronous inflater, the reference), so the part and every error (a damaged
   * stream, a limit passed) are exactly `bytesOf`'s: its bytes, or its error.
   */
  whole(): Promise<Uint8Array>;
}

const INPUT_CHUNK = 16 * 1024;

/** fflate's streaming inflater: works in the browser and in Node. */
export const fflateInflater: RawInflater = (data, limit, sink) => {
  let total = 0;
  let consumed = 0;
  const inflater = new (fflate().Inflate)((chunk) => {
    total += chunk.length;
    limit(total, consumed);
    sink(chunk);
  });
  if (data.length === 0) inflater.push(new Uint8Array(0), true);
  for (let i = 0; i < data.length; i += INPUT_CHUNK) {
    consumed = Math.min(data.length, i + INPUT_CHUNK);
    inflater.push(data.subarray(i, consumed), consumed >= data.length);
  }
};

const u16 = (b: Uint8Array, o: number) => b[o] | (b[o + 1] << 8);
const u32 = (b: Uint8Array, o: number) => (b[o] | (b[o + 1] << 8) | (b[o + 2] << 16)) + b[o + 3] * 0x1000000;

export class ZipReader {
  private readonly byName = new Map<string, ZipEntry>();
  private constructor(
    readonly bytes: Uint8Array,
    readonly entries: ZipEntry[],
    private readonly inflater: RawInflater,
  ) {
    // Part names are case-insensitive in a package (ECMA-376 Part 2, 6.2.2.3).
    for (const e of entries) this.byName.set(e.name.toLowerCase(), e);
  }

  static open(bytes: Uint8Array, inflater: RawInflater = fflateInflater): ZipReader {
    const n = bytes.length;
    let eocd = -1;
    for (let i = n - 22; i >= Math.max(0, n - 22 - 0xffff); i--) {
      if (bytes[i] === 0x50 && bytes[i + 1] === 0x4b && bytes[i + 2] === 5 && bytes[i + 3] === 6) {
        eocd = i;
        break;
      }
    }
    if (eocd < 0) throw new ZipError("not a complete zip archive");
    const count = u16(bytes, eocd + 10);
    const cdSize = u32(bytes, eocd + 12);
    const cdOffset = u32(bytes, eocd + 16);
    if (count === 0xffff || cdOffset === 0xffffffff) throw new ZipError("a ZIP64 archive, larger than a workbook can be");
    if (count > LIMITS.entries) throw new ZipError(`${count} entries in the archive`);
    if (cdOffset + cdSize > eocd) throw new ZipError("not a complete zip archive");
    const entries: ZipEntry[] = [];
    const utf8 = new TextDecoder("utf-8");
    let p = cdOffset;
    for (let k = 0; k < count; k++) {
      if (p + 46 > eocd || u32(bytes, p) !== 0x02014b50) throw new ZipError("a damaged zip directory");
      const nameLen = u16(bytes, p + 28);
      const extraLen = u16(bytes, p + 30);
      const commentLen = u16(bytes, p + 32);
      const name = utf8.decode(bytes.subarray(p + 46, p + 46 + nameLen));
      const e: ZipEntry = {
        name,
        flags: u16(bytes, p + 8),
        method: u16(bytes, p + 10),
        time: u16(bytes, p + 12),
        date: u16(bytes, p + 14),
        crc: u32(bytes, p + 16),
        compressedSize: u32(bytes, p + 20),
        size: u32(bytes, p + 24),
        localOffset: u32(bytes, p + 42),
      };
      if (e.compressedSize === 0xffffffff || e.size === 0xffffffff || e.localOffset === 0xffffffff) throw new ZipError("a ZIP64 entry, larger than a workbook part can be", name);
      if (!name.endsWith("/")) entries.push(e);
      p += 46 + nameLen + extraLen + commentLen;
    }
    return new ZipReader(bytes, entries, inflater);
  }

  has(name: string): boolean {
    return this.byName.has(name.toLowerCase());
  }

  entry(name: string): ZipEntry | undefined {
    return this.byName.get(name.toLowerCase());
  }

  /** The entry's compressed bytes as stored. */
  raw(e: ZipEntry): Uint8Array {
    const b = this.bytes;
    const o = e.localOffset;
    if (o + 30 > b.length || u32(b, o) !== 0x04034b50) throw new ZipError("a damaged zip entry", e.name);
    const start = o + 30 + u16(b, o + 26) + u16(b, o + 28);
    if (start + e.compressedSize > b.length) throw new ZipError("a truncated zip entry", e.name);
    return b.subarray(start, start + e.compressedSize);
  }

  /** Inflates a part chunk by chunk into `sink`, refusing it as soon as it passes the size or ratio limit. */
  stream(name: string, sink: (chunk: Uint8Array) => void): void {
    const e = this.entry(name);
    if (!e) throw new ZipError("missing", name);
    if (e.flags & 1) throw new ZipError("encrypted", e.name);
    const data = this.raw(e);
    if (e.method === 0) {
      checkLimit(e.name, data.length, data.length);
      sink(data);
      return;
    }
    if (e.method !== 8) throw new ZipError(`compressed with method ${e.method}, which is not deflate`, e.name);
    // A problem found by the reader of the chunks (the XML parser) passes through as it is.
    let sinkFailed = false;
    let sinkError: unknown;
    const guarded = (chunk: Uint8Array) => {
      try {
        sink(chunk);
      } catch (err) {
        sinkFailed = true;
        sinkError = err;
        throw err;
      }
    };
    try {
      this.inflater(data, (inflated, consumed) => checkLimit(e.name, inflated, Math.max(consumed, 1)), guarded, e.size);
    } catch (err) {
      if (sinkFailed) throw sinkError;
      if (err instanceof ZipError) throw err;
      throw new ZipError("damaged (it does not inflate)", e.name);
    }
  }

  /**
   * A part inflated on another thread while the caller reads what has come so far (see
   * `InflatingPart`), or null where the inflater cannot (no `progressive`), or the part is not a
   * plain deflated entry that `raw` can find (then `bytesOf` reads it, with its errors, as before).
   */
  inflating(name: string, chunkSize?: number): InflatingPart | null {
    const progressive = this.inflater.progressive?.bind(this.inflater);
    const e = this.entry(name);
    if (!progressive || !e || e.flags & 1 || e.method !== 8) return null;
    let data: Uint8Array;
    try {
      data = this.raw(e);
    } catch {
      return null;
    }
    return new Inflating(this, e, data, progressive, chunkSize);
  }

  /**
   * A whole part's bytes. An inflater that gives the part in one piece (Node's zlib) hands over its
   * buffer as it is; pieces (fflate's, in the browser) are copied into one buffer sized from the size
   * the zip directory declares (bounded as the inflater bounds it), grown if the claim was false.
   */
  bytesOf(name: string): Uint8Array {
    const e = this.entry(name);
    let out: Uint8Array | null = null;
    let first: Uint8Array | null = null;
    let n = 0;
    this.stream(name, (c) => {
      if (first === null && out === null) {
        first = c;
        n = c.length;
        return;
      }
      if (out === null) {
        const guess = e ? presizedBytes(e.size, e.compressedSize) : 0;
        out = new Uint8Array(Math.max(guess, 2 * (n + c.length)));
        out.set(first!, 0);
        first = null;
      }
      if (n + c.length > out.length) {
        const grown = new Uint8Array(Math.max(2 * out.length, n + c.length));
        grown.set(out.subarray(0, n));
        out = grown;
      }
      out.set(c, n);
      n += c.length;
    });
    if (out !== null) return (out as Uint8Array).subarray(0, n);
    return first ?? new Uint8Array(0);
  }
}

/** See `InflatingPart`. */
class Inflating implements InflatingPart {
  bytes: Uint8Array;
  filled = 0;
  ended = false;
  private wake: (() => void) | null = null;
  private readonly result: Promise<Uint8Array>;

  constructor(reader: ZipReader, e: ZipEntry, data: Uint8Array, progressive: NonNullable<RawInflater["progressive"]>, chunkSize?: number) {
    // As bytesOf sizes its buffer.
    this.bytes = new Uint8Array(presizedBytes(e.size, e.compressedSize));
    const room = (at: number, n: number) => (at === this.filled && at + n <= this.bytes.length ? this.bytes.subarray(at, at + n) : null);
    const done = progressive(data, (inflated, consumed) => checkLimit(e.name, inflated, Math.max(consumed, 1)), (c) => this.put(c), { declared: e.size, chunkSize, room });
    this.result = done.then(
      () => this.bytes.subarray(0, this.filled),
      () => {
        // (This thread's buffer let go first: the part's bytes are inflated again into bytesOf's.)
        // The reference decides: the part inflated again on this thread gives bytesOf's own error (or bytes).
        this.bytes = new Uint8Array(0);
        this.filled = 0;
        return reader.bytesOf(e.name);
      },
    );
    const end = () => {
      this.ended = true;
      this.wakeUp();
    };
    this.result.then(end, end);
  }

  private put(c: Uint8Array): void {
    const n = this.filled;
    if (c.buffer === this.bytes.buffer && c.byteOffset === this.bytes.byteOffset + n) {
      // Inflated in place (a `room`).
      this.filled = n + c.length;
      this.wakeUp();
      return;
    }
    // More than the zip directory declared (a false claim, or a zip bomb): stopped here, and `whole` inflates
    // the part on this thread as `bytesOf` does (no second buffer grown beside the one held).
    if (n + c.length > this.bytes.length) throw new ZipError("larger than declared");
    this.bytes.set(c, n);
    this.filled = n + c.length;
    this.wakeUp();
  }

  private wakeUp(): void {
    const w = this.wake;
    this.wake = null;
    w?.();
  }

  next(): Promise<void> {
    if (this.ended) return Promise.resolve();
    return new Promise((resolve) => {
      const before = this.wake;
      this.wake = before ? () => (before(), resolve()) : resolve;
    });
  }

  whole(): Promise<Uint8Array> {
    return this.result;
  }
}

/**
 * The size a part's one buffer is given before inflating it: the size the zip directory declares (a
 * claim), never more than 32 times the compressed size (plus 64 KB) nor the part limit.
 */
export function presizedBytes(declared: number, compressed: number): number {
  return Math.max(0, Math.min(declared, 32 * compressed + 64 * 1024, LIMITS.partBytes));
}

/**
 * The most bytes an inflater lets a part of `compressed` bytes grow to, plus one (so that passing the
 * limit is seen): the smaller of the part limit and the ratio limit times the compressed size.
 */
export function inflateCap(compressed: number): number {
  return Math.min(LIMITS.partBytes, Math.max(LIMITS.ratioFloor, LIMITS.ratio * compressed)) + 1;
}

function checkLimit(part: string, inflated: number, consumed: number): void {
  if (inflated > LIMITS.partBytes) throw new ZipError(`inflates to more than ${LIMITS.partBytes / 1024 / 1024} MB, the limit for one part`, part);
  if (inflated > LIMITS.ratioFloor && inflated > consumed * LIMITS.ratio) throw new ZipError(`inflates more than ${LIMITS.ratio} times its compressed size (a zip bomb?)`, part);
}

const CRC_TABLE = (() => {
  const t = new Int32Array(256);
  for (let i = 0; i < 256; i++) {
    let c = i;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[i] = c;
  }
  return t;
})();

/** CRC-32 (zip's) of `data`, continuing from `prev` (the CRC of the bytes before it; 0 to start). */
export function crc32(data: Uint8Array, prev = 0): number {
  let c = ~prev;
  for (let i = 0; i < data.length; i++) c = CRC_TABLE[(c ^ data[i]) & 0xff] ^ (c >>> 8);
  return (c ^ -1) >>> 0;
}

/** A raw-deflate stream: pieces pushed in order (the last with `final`; it may be empty), compressed bytes handed on as they come. */
export interface DeflateStream {
  push(data: Uint8Array, final: boolean): void;
}

/**
 * How new parts are compressed: a raw-deflate stream (so a large sheet is deflated a piece at a time,
 * as it is encoded, and its XML never exists whole) and the CRC-32 of what goes in. A pushed piece
 * may be reused by the caller once `push` returns.
 */
export interface RawDeflater {
  stream(sink: (chunk: Uint8Array) => void): DeflateStream;
  crc32(data: Uint8Array, prev: number): number;
  /**
   * Where there is another thread to deflate on (Node's zlib on its thread pool): one piece deflated
   * off the calling thread, as `stream` would deflate it as one of its pieces (a sync flush after it,
   * or the end of the stream when `final`), the same bytes. The piece must not change until it settles.
   */
  piece?(data: Uint8Array, final: boolean): Promise<Uint8Array>;
}

/**
 * The deflate level of the parts fflate writes (the browser). Measured on the 2,000-portfolio month's 29.9 MB
 * Accruals sheet with Node's zlib (docs/xlsx-layer.md, Speed and memory): level 6 618 ms, 3.66 MB;
 * level 4 223 ms, 3.94 MB; level 1 139 ms, 4.65 MB. Level 4 keeps most of the time saved for 8% more bytes.
 * Node's zlib (the command line) writes at ZLIB_LEVEL (xlsxFile.ts).
 */
export const DEFLATE_LEVEL = 4;

/** fflate's streaming deflater and the CRC-32 above: the browser's (and the default). */
export const fflateDeflater: RawDeflater = {
  stream(sink) {
    // fflate copies each pushed piece into its own window buffer, so the caller may reuse it.
    const d = new (fflate().Deflate)({ level: DEFLATE_LEVEL }, (chunk) => sink(chunk));
    return { push: (data, final) => d.push(data, final) };
  },
  crc32,
};

/** A part already deflated (a sheet deflated as it was encoded): its compressed pieces, CRC-32 and size. */
export interface DeflatedPart {
  chunks: Uint8Array[];
  crc: number;
  size: number;
}

/** Deflates a part pushed a piece at a time: `write` each piece (it may be reused after), then `end`. */
export function deflatePart(deflater: RawDeflater): { write(piece: Uint8Array): void; end(): DeflatedPart } {
  const part: DeflatedPart = { chunks: [], crc: 0, size: 0 };
  const stream = deflater.stream((c) => part.chunks.push(c));
  return {
    write(piece) {
      if (!piece.length) return;
      part.crc = deflater.crc32(piece, part.crc);
      part.size += piece.length;
      stream.push(piece, false);
    },
    end() {
      stream.push(new Uint8Array(0), true);
      return part;
    },
  };
}

/** Pieces of one part being deflated off the main thread at most (about 1 MB each, held until deflated). */
export const PIECES_IN_FLIGHT = 3;

/** A part written a piece at a time whose deflating may run on another thread while the next piece is encoded. */
export interface PartWriter {
  /**
   * Takes a piece: it is the writer's until `release` is called (then the caller may reuse its buffer). A promise
   * back means enough pieces are still being deflated: wait for it before writing more (it never rejects;
   * a failure comes out of `end`).
   */
  write(piece: Uint8Array, release?: () => void): Promise<void> | undefined;
  /** Every piece deflated, in the order written: the part's compressed pieces, CRC-32 and size. */
  end(): Promise<DeflatedPart>;
}

/**
 * A part deflated a piece at a time. With a deflater that can deflate off the calling thread (`piece`),
 * each piece is deflated there while the caller encodes the next, at most PIECES_IN_FLIGHT at once,
 * and the compressed pieces are put back in the order written: the bytes are exactly those of
 * `deflatePart` over the same pieces. Otherwise the pieces are deflated as they come, on this thread.
 */
export function partWriter(deflater: RawDeflater): PartWriter {
  const piece = deflater.piece?.bind(deflater);
  if (!piece) {
    const d = deflatePart(deflater);
    return {
      write(p, release) {
        d.write(p);
        release?.();
        return undefined;
      },
      end: async () => d.end(),
    };
  }
  const done: Uint8Array[][] = [];
  let crc = 0;
  let size = 0;
  let failure: { error: unknown } | null = null;
  const inFlight: Promise<void>[] = [];
  const send = (data: Uint8Array, final: boolean, release?: () => void) => {
    const k = done.length;
    done.push([]);
    const p = piece(data, final).then(
      (c) => {
        done[k] = [c];
        release?.();
      },
      (error: unknown) => {
        failure ??= { error };
      },
    );
    inFlight.push(p);
    p.then(() => inFlight.splice(inFlight.indexOf(p), 1));
  };
  return {
    write(p, release) {
      if (!p.length || failure) {
        release?.();
        return undefined;
      }
      crc = deflater.crc32(p, crc);
      size += p.length;
      send(p, false, release);
      return inFlight.length >= PIECES_IN_FLIGHT ? inFlight[0] : undefined;
    },
    async end() {
      send(new Uint8Array(0), true);
      await Promise.all(inFlight);
      if (failure) throw failure.error;
      return { chunks: done.flat(), crc, size };
    },
  };
}

/** One entry to write: new content, content already deflated, or an entry copied compressed from the archive read. */
export type OutEntry = { name: string; data: Uint8Array } | { name: string; deflated: DeflatedPart } | { name: string; copy: ZipEntry; from: ZipReader };

/** Writes a zip archive: copied entries keep their compressed bytes, new ones are deflated. */
export function writeZip(entries: OutEntry[], deflater: RawDeflater = fflateDeflater): Uint8Array {
  return concat(zipChunks(entries, deflater));
}

/** A zip archive as the pieces that make it, in order (to write to a file without joining them first). */
export function zipChunks(entries: OutEntry[], deflater: RawDeflater = fflateDeflater): Uint8Array[] {
  const utf8 = new TextEncoder();
  const chunks: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  const now = dosTime(new Date());
  for (const e of entries) {
    const name = utf8.encode(e.name);
    let data: Uint8Array[];
    let crc: number;
    let size: number;
    let method: number;
    let time = now.time;
    let date = now.date;
    if ("copy" in e) {
      data = [e.from.raw(e.copy)];
      crc = e.copy.crc;
      size = e.copy.size;
      method = e.copy.method;
      time = e.copy.time;
      date = e.copy.date;
    } else {
      let part: DeflatedPart;
      if ("deflated" in e) part = e.deflated;
      else {
        const d = deflatePart(deflater);
        d.write(e.data);
        part = d.end();
      }
      data = part.chunks;
      crc = part.crc;
      size = part.size;
      method = 8;
    }
    const compressed = data.reduce((n, c) => n + c.length, 0);
    const local = new Uint8Array(30 + name.length);
    const lv = new DataView(local.buffer);
    lv.setUint32(0, 0x04034b50, true);
    lv.setUint16(4, 20, true);
    lv.setUint16(6, 0x0800, true); // UTF-8 names
    lv.setUint16(8, method, true);
    lv.setUint16(10, time, true);
    lv.setUint16(12, date, true);
    lv.setUint32(14, crc, true);
    lv.setUint32(18, compressed, true);
    lv.setUint32(22, size, true);
    lv.setUint16(26, name.length, true);
    local.set(name, 30);
    const cd = new Uint8Array(46 + name.length);
    const cv = new DataView(cd.buffer);
    cv.setUint32(0, 0x02014b50, true);
    cv.setUint16(4, 20, true);
    cv.setUint16(6, 20, true);
    cv.setUint16(8, 0x0800, true);
    cv.setUint16(10, method, true);
    cv.setUint16(12, time, true);
    cv.setUint16(14, date, true);
    cv.setUint32(16, crc, true);
    cv.setUint32(20, compressed, true);
    cv.setUint32(24, size, true);
    cv.setUint16(28, name.length, true);
    cv.setUint32(42, offset, true);
    cd.set(name, 46);
    chunks.push(local, ...data);
    central.push(cd);
    offset += local.length + compressed;
  }
  const cdSize = central.reduce((s, c) => s + c.length, 0);
  const end = new Uint8Array(22);
  const ev = new DataView(end.buffer);
  ev.setUint32(0, 0x06054b50, true);
  ev.setUint16(8, entries.length, true);
  ev.setUint16(10, entries.length, true);
  ev.setUint32(12, cdSize, true);
  ev.setUint32(16, offset, true);
  return [...chunks, ...central, end];
}

export function concat(chunks: Uint8Array[]): Uint8Array {
  if (chunks.length === 1) return chunks[0];
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let o = 0;
  for (const c of chunks) {
    out.set(c, o);
    o += c.length;
  }
  return out;
}

function dosTime(d: Date): { time: number; date: number } {
  return {
    time: (d.getHours() << 11) | (d.getMinutes() << 5) | (d.getSeconds() >> 1),
    date: (Math.max(0, d.getFullYear() - 1980) << 9) | ((d.getMonth() + 1) << 5) | d.getDate(),
  };
}
