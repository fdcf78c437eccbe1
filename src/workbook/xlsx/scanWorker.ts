/**
 * The command line's helper thread for reading a large sheet (a worker_threads worker; see
 * `workerTail.ts` and `fastScanSheetSplit`): reads the chunks of the part it is handed from the last
 * one back, handing each chunk's cells on as typed arrays (transferred, not copied) as soon as it is
 * read, until the reading thread has reached the next chunk or a chunk fails.
 */
import { MessagePort, parentPort } from "worker_threads";
import { ChunkCells, scanChunk, scanChunks } from "./fastSheet";
import { cellOf } from "./sheetReader";

interface Job {
  w: Uint8Array;
  prelude: number;
  starts: number[];
  strings: string[];
  /** [0]: the chunk the reading thread is in (-1 before the first seam). */
  reached: Int32Array;
  port: MessagePort;
}

const cellOfWith =
  (strings: readonly string[]) =>
  (t: string, v: string | null, hf: boolean, f: string, inl: string, fail: (problem: string) => never) =>
    cellOf(t, v, hf, f, inl, strings, fail);

/**
 * Warm-up while the reading thread inflates the part: a few thousand rows in the shape of a Net Assets
 * sheet, so that V8 has optimised the tokenizer's loops before the real bytes come (a month end's
 * first scan is what counts: docs/xlsx-layer.md, "Warm-up").
 */
function warmUp(): void {
  let xml = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>';
  const prelude = xml.length;
  for (let r = 1; r <= 3000; r++) xml += `<row r="${r}"><c r="A${r}" s="1"><v>${45000 + r}</v></c><c r="B${r}" t="s"><v>${r % 2}</v></c><c r="C${r}"><v>${r * 1234567.89}</v></c></row>`;
  xml += "</sheetData></worksheet>";
  const strings = ["a", "b"];
  scanChunk(new TextEncoder().encode(xml), prelude, [prelude], 0, strings, cellOfWith(strings));
}

const transfer = (c: ChunkCells) => [c.rows.buffer, c.cols.buffer, c.kinds.buffer, c.nums.buffer] as ArrayBuffer[];

const port = parentPort;
if (port) {
  try {
    warmUp();
  } catch {
    /* only a warm-up */
  }
  port.on("message", (job: Job) => {
    try {
      scanChunks(
        job.w,
        job.prelude,
        job.starts,
        job.strings,
        cellOfWith(job.strings),
        () => Atomics.load(job.reached, 0),
        (c) => job.port.postMessage(c, transfer(c)),
      );
    } catch {
      /* the reading thread reads on itself */
    }
    job.port.close();
  });
}
