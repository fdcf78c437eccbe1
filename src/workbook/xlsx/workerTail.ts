import fs from "fs";
import path from "path";
import { MessageChannel, Worker, receiveMessageOnPort } from "worker_threads";
import { ChunkCells } from "./fastSheet";
import { TailScanner } from "./sheetReader";

/**
 * The command line's helper for reading a large sheet on the machine's second core: a worker thread
 * (`scanWorker.js`, compiled next to this file) started when a large part is about to be inflated, so
 * that its start-up and warm-up overlap the inflating; one worker per part, stopped once the part is
 * read. The reading thread takes the worker's chunks without waiting (`receiveMessageOnPort`) and
 * tells it where it is through shared memory. Null where the compiled worker is not there (the
 * TypeScript sources under Jest): the reader then reads on one thread, as before.
 */
export function workerTailScanner(file = path.join(__dirname, "scanWorker.js")): TailScanner | null {
  if (!fs.existsSync(file)) return null;
  let idle: Worker | null = null;
  const spawn = (): Worker | null => {
    try {
      const w = new Worker(file);
      w.on("error", () => undefined); // the reading thread reads on itself
      w.unref(); // never keeps the process alive
      return w;
    } catch {
      return null;
    }
  };
  return {
    warm() {
      idle ??= spawn();
    },
    release() {
      if (idle) void idle.terminate();
      idle = null;
    },
    start(w: Uint8Array, prelude: number, starts: number[], strings: readonly string[]) {
      const worker = idle ?? spawn();
      idle = null;
      const reached = new Int32Array(new SharedArrayBuffer(4));
      reached[0] = -1;
      const { port1, port2 } = new MessageChannel();
      let open = worker !== null;
      if (worker) {
        try {
          worker.postMessage({ w, prelude, starts, strings, reached, port: port2 }, [w.buffer as ArrayBuffer, port2]);
        } catch {
          open = false;
        }
      }
      return {
        reached(j: number) {
          Atomics.store(reached, 0, j);
        },
        take(): ChunkCells[] {
          const out: ChunkCells[] = [];
          if (!open) return out;
          for (let m = receiveMessageOnPort(port1); m; m = receiveMessageOnPort(port1)) out.push(m.message as ChunkCells);
          return out;
        },
        stop() {
          Atomics.store(reached, 0, 1 << 30);
          port1.close();
          if (worker) void worker.terminate();
        },
      };
    },
  };
}
