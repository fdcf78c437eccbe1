// New parts are deflated a piece at a time; in Node each piece on zlib's thread pool while the next is
// encoded. The pieces must come back in the order written whatever order they finish in, the bytes must
// be exactly those of deflating on the main thread, and the same input must give the same file every run.
import { readFileSync } from "fs";
import zlib from "zlib";
import { FileBackend } from "../../src/workbook/xlsx/fileBackend";
import { LazyRows } from "../../src/workbook/reconSheets";
import { ZLIB_LEVEL, zlibDeflater, zlibInflater } from "../../src/workbook/xlsx/xlsxFile";
import { PIECES_IN_FLIGHT, RawDeflater, ZipReader, concat, deflatePart, fflateDeflater, partWriter } from "../../src/workbook/xlsx/zip";
import { SAMPLE } from "../cli/helpers";

/** zlib's deflater without its thread-pool method: every piece deflated on the calling thread. */
const onThisThread: RawDeflater = { stream: zlibDeflater.stream, crc32: zlibDeflater.crc32 };

function pieces(count: number, seed = 5): Uint8Array[] {
  let s = seed;
  const rnd = () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
  return Array.from({ length: count }, (_, k) => {
    const text = Array.from({ length: 200 + Math.floor(rnd() * 3000) }, (_, i) => `<row r="${k * 10000 + i}"><c r="A1"><v>${(rnd() * 1e6).toFixed(Math.floor(rnd() * 4))}</v></c></row>`).join("");
    return new TextEncoder().encode(text);
  });
}

/** A deflater whose pieces finish in a shuffled order (later pieces often first), counting how many are in flight and how many changed before they settled. */
function shuffledDeflater(): RawDeflater & { most: number; changed: number } {
  let inFlight = 0;
  let n = 0;
  const d: RawDeflater & { most: number; changed: number } = {
    most: 0,
    changed: 0,
    stream: zlibDeflater.stream,
    crc32: zlibDeflater.crc32,
    piece(data, final) {
      inFlight++;
      d.most = Math.max(d.most, inFlight);
      const copy = data.slice();
      const delay = [7, 0, 3, 1, 5][n++ % 5];
      return new Promise((resolve) =>
        setTimeout(() => {
          inFlight--;
          // The caller must not have changed (reused) the piece before it settled.
          if (!Buffer.from(data).equals(Buffer.from(copy))) d.changed++;
          resolve(zlib.deflateRawSync(data, { level: ZLIB_LEVEL, finishFlush: final ? zlib.constants.Z_FINISH : zlib.constants.Z_SYNC_FLUSH }));
        }, delay),
      );
    },
  };
  return d;
}

/** A writer's caller as the sheet writer is: waits when told to, and reuses a buffer only once it is released. */
async function writeAll(deflater: RawDeflater, all: Uint8Array[]) {
  const w = partWriter(deflater);
  const released: boolean[] = [];
  for (let k = 0; k < all.length; k++) {
    released.push(false);
    const wait = w.write(all[k], () => (released[k] = true));
    if (wait) await wait;
  }
  const part = await w.end();
  return { part, released };
}

function expectSameBytes(a: Uint8Array, b: Uint8Array): void {
  expect(a.length).toBe(b.length);
  expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
}

describe("pieces deflated off the main thread", () => {
  it("come back in the order written, the same bytes, CRC and size as deflating them on this thread, and inflate to the input", async () => {
    const all = pieces(14);
    const sync = deflatePart(onThisThread);
    for (const p of all) sync.write(p);
    const expected = sync.end();
    const shuffled = shuffledDeflater();
    for (const deflater of [zlibDeflater, shuffled]) {
      const { part, released } = await writeAll(deflater, all);
      expectSameBytes(concat(part.chunks), concat(expected.chunks));
      expect(part.crc).toBe(expected.crc);
      expect(part.size).toBe(expected.size);
      expect(released.every(Boolean)).toBe(true);
      expectSameBytes(zlib.inflateRawSync(concat(part.chunks)), concat(all));
    }
    expect(shuffled.changed).toBe(0);
  });

  it("never has more than PIECES_IN_FLIGHT pieces in flight when the caller waits as told", async () => {
    const d = shuffledDeflater();
    await writeAll(d, pieces(20, 9));
    expect(d.most).toBeGreaterThan(1);
    expect(d.changed).toBe(0);
    expect(d.most).toBeLessThanOrEqual(PIECES_IN_FLIGHT + 1); // + the final empty piece that ends the stream
  });

  it("a piece that fails to deflate fails the part (at its end), with no unhandled rejection", async () => {
    let n = 0;
    const failing: RawDeflater = { ...onThisThread, piece: (data, final) => (n++ === 2 ? Promise.reject(new Error("deflate failed")) : zlibDeflater.piece!(data, final)) };
    await expect(writeAll(failing, pieces(6))).rejects.toThrow("deflate failed");
  });

  it("a deflater without a thread pool (fflate, the browser's) deflates each piece as it is written and releases it at once", async () => {
    const all = pieces(3);
    const { part, released } = await writeAll(fflateDeflater, all);
    expect(released).toEqual([true, true, true]);
    expectSameBytes(zlib.inflateRawSync(concat(part.chunks)), concat(all));
  });
});

/** The file's bytes with each entry's DOS time and date (new parts get the time of writing) set to 0. */
function timeless(file: Uint8Array): Buffer {
  const b = Buffer.from(file);
  const z = ZipReader.open(b);
  for (const e of z.entries) b.writeUInt32LE(0, e.localOffset + 10);
  const eocd = b.lastIndexOf(Buffer.from([0x50, 0x4b, 5, 6]));
  let p = b.readUInt32LE(eocd + 16);
  for (let k = 0; k < z.entries.length; k++) {
    b.writeUInt32LE(0, p + 12);
    p += 46 + b.readUInt16LE(p + 28) + b.readUInt16LE(p + 30) + b.readUInt16LE(p + 32);
  }
  return b;
}

describe("a workbook written with the thread pool", () => {
  const rows = Array.from({ length: 40000 }, (_, i) => [{ value: 45292 + (i % 31), numFmt: "yyyy-mm-dd" }, { value: `Portfolio ${i >> 5}` }, { value: (i * 7919.37) / 100, numFmt: "#,##0.00" }, { value: i % 3 ? null : i / 7 }]);
  const lazy = new LazyRows(rows.length, 4, (i) => rows[i]);

  async function write(deflater: RawDeflater): Promise<Uint8Array> {
    const b = await FileBackend.open(readFileSync(SAMPLE), "sample.xlsx", zlibInflater, deflater);
    await b.writeSheets([{ name: "Many pieces", rows: lazy, widths: [12, 20, 14, 14], frozenRows: 1 }]);
    return b.bytes();
  }

  it("is the same file, byte for byte (times aside), every run and as when deflated on the main thread", async () => {
    const first = await write(zlibDeflater);
    expect(ZipReader.open(first).entries.find((e) => e.size > (PIECES_IN_FLIGHT + 2) << 20)).toBeDefined(); // more 1 MB pieces than can be in flight
    const again = await write(zlibDeflater);
    const mainThread = await write(onThisThread);
    // Pieces finishing out of order: the sheet writer reuses a piece's buffer only once it is released.
    const d = shuffledDeflater();
    const shuffled = await write(d);
    expect(d.changed).toBe(0);
    expect(timeless(again).equals(timeless(first))).toBe(true);
    expect(timeless(mainThread).equals(timeless(first))).toBe(true);
    expect(timeless(shuffled).equals(timeless(first))).toBe(true);
  });
});
